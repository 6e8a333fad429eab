"""Indicators and their values in the read-only API (/api/v1/), by code.

Here rather than in alignment.api because indicators depend on alignment, never the other
way round; the views share alignment.api's pagination, ETags and error schema.
"""

from django.db.models import QuerySet
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from alignment.api.base import OpenDataView, get_or_404, path_code
from indicators.filters import IndicatorFilterSet, public_indicators
from indicators.models import Indicator
from indicators.readings import indicators_with_framework, readings


class IndicatorSerializer(serializers.ModelSerializer):
    framework = serializers.SlugRelatedField(read_only=True, slug_field="code")
    requirements = serializers.SerializerMethodField(
        help_text=gettext_lazy("Full codes of the requirements it measures.")
    )
    source = serializers.SlugRelatedField(read_only=True, slug_field="key")

    class Meta:
        model = Indicator
        fields = [
            "code",
            "title",
            "definition",
            "unit",
            "kind",
            "better",
            "derivation",
            "framework",
            "requirements",
            "source",
            "covers_from",
            "covers_until",
        ]

    def get_requirements(self, indicator: Indicator) -> list[str]:
        return sorted(r.full_code for r in indicator.requirements.all())


class ValueSerializer(serializers.Serializer):
    """One value in force: typed and approved, or derived from the tracker's events."""

    indicator = serializers.CharField(source="indicator.code")
    country = serializers.CharField(source="country.code")
    period = serializers.CharField(help_text=gettext_lazy("2016, 2016-03, or first/last day."))
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    value = serializers.DecimalField(
        max_digits=18,
        decimal_places=4,
        allow_null=True,
        coerce_to_string=False,
        help_text=gettext_lazy("Null when not reported; then not_reported_reason says why."),
    )
    not_reported_reason = serializers.CharField()
    unit = serializers.CharField(source="indicator.unit")
    status = serializers.CharField(help_text=gettext_lazy("approved, or derived."))
    source_urls = serializers.ListField(child=serializers.CharField())
    events = serializers.SerializerMethodField(
        help_text=gettext_lazy("Slugs of the workshops a derived value counts.")
    )

    def get_events(self, reading) -> list[str]:
        return [event.slug for event in reading.events]


class IndicatorList(OpenDataView, ListAPIView):
    """Every indicator: what it measures, in which unit, and where its values come from."""

    serializer_class = IndicatorSerializer

    def get_queryset(self) -> QuerySet[Indicator]:
        return indicators_with_framework().filter(framework__synthetic=False)


def _indicator(code: str) -> Indicator:
    return get_or_404(
        indicators_with_framework(),
        _("code: no indicator has the code “%(code)s”.") % {"code": code},
        code=code,
    )


@extend_schema(parameters=[path_code("code", gettext_lazy("Indicator code."))])
class IndicatorDetail(OpenDataView, RetrieveAPIView):
    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.all()

    def get_object(self) -> Indicator:
        return _indicator(self.kwargs["code"])


class ValueFilterSet(IndicatorFilterSet):
    """The export's filters but framework and indicator: the path names the indicator."""

    framework = None
    indicator = None


def _filter_parameters() -> list[OpenApiParameter]:
    """ValueFilterSet's parameters, described from its own filters."""
    filters = ValueFilterSet.base_filters
    return [
        OpenApiParameter(
            "country",
            str,
            many=True,
            explode=True,
            description=filters["country"].extra["help_text"],
        ),
        OpenApiParameter(
            "as_of", OpenApiTypes.DATE, description=filters["as_of"].extra["help_text"]
        ),
    ]


@extend_schema(
    parameters=[path_code("code", gettext_lazy("Indicator code.")), *_filter_parameters()]
)
class ValueList(OpenDataView, ListAPIView):
    """The indicator's values in force on `as_of`, per country and period.

    Parsed by ValueFilterSet in list(); described by hand above, because the schema
    generator cannot read a FilterSet over another model than the rows it answers with.
    """

    serializer_class = ValueSerializer
    queryset = Indicator.objects.all()  # for the schema

    def list(self, request: Request, *args, **kwargs) -> Response:
        indicator = _indicator(self.kwargs["code"])
        filterset = ValueFilterSet(
            request.query_params, queryset=public_indicators(request.query_params)
        )
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        found = readings([indicator], filterset.day, countries=filterset.countries)
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


app_name = "indicators-api"

urlpatterns = [
    path("indicators/", IndicatorList.as_view(), name="indicator-list"),
    path("indicators/<str:code>/", IndicatorDetail.as_view(), name="indicator-detail"),
    path("indicators/<str:code>/values/", ValueList.as_view(), name="value-list"),
]
