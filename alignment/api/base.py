"""What every API view shares: strict pagination, ETags, documented error responses."""

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as InvalidValue
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.mixins import ListModelMixin
from rest_framework.pagination import LimitOffsetPagination

PARAMETER_ERRORS = {
    "type": "object",
    "description": gettext_lazy("One entry per bad parameter, keyed by its name."),
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
NOT_FOUND = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


class Pagination(LimitOffsetPagination):
    """`limit` (1 to 1000, default 100) and `offset`; a value that is not a count is a 400."""

    max_limit = 1000

    def get_limit(self, request) -> int:
        limit = _count(request, self.limit_query_param, minimum=1)
        return self.default_limit if limit is None else min(limit, self.max_limit)

    def get_offset(self, request) -> int:
        return _count(request, self.offset_query_param, minimum=0) or 0

    def get_schema_operation_parameters(self, view) -> list[dict]:
        limit, offset = super().get_schema_operation_parameters(view)
        limit["schema"].update(minimum=1, maximum=self.max_limit, default=self.default_limit)
        offset["schema"].update(minimum=0, default=0)
        return [limit, offset]


def _count(request, name: str, minimum: int) -> int | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or int(raw) < minimum:
        raise ValidationError(
            {
                name: [
                    _("“%(value)s” is not a whole number of %(minimum)d or more.")
                    % {"value": raw, "minimum": minimum}
                ]
            }
        )
    return int(raw)


class OpenDataSchema(AutoSchema):
    """Every operation documents its 400 (bad parameter) and, with a path code, its 404."""

    def get_response_serializers(self):
        ok = super().get_response_serializers()
        if isinstance(ok, dict):
            return ok
        responses = {"200": ok}
        if isinstance(self.view, ListModelMixin) or getattr(self.view, "filterset_class", None):
            responses["400"] = PARAMETER_ERRORS
        if "{" in self.path:
            responses["404"] = NOT_FOUND
        return responses


class OpenDataView(GenericAPIView):
    """Read-only, paginated, and answering 304 to a client whose copy is still current.

    The ETag is a hash of the response body, so it is right for every endpoint whatever
    it reads (Recommendation and Theme rows carry no updated_at to build one from).
    """

    authentication_classes: list = []  # public data: no sessions, no CSRF, no logins
    pagination_class = Pagination
    schema = OpenDataSchema()

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        set_response_etag(response)
        patch_cache_control(response, public=True, no_cache=True)
        return get_conditional_response(request, etag=response["ETag"], response=response)


def path_code(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, str, OpenApiParameter.PATH, description=description)


def get_or_404(queryset: QuerySet, message: str, **lookup):
    """The one object `lookup` names, or a 404 whose message names the code."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, InvalidValue, ValueError):
        raise Http404(message) from None
