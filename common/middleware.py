"""Requests that no database could answer are refused before anything reads one.

PostgreSQL cannot store or compare a NUL character in text: a path such as
`/countries/RS%00/` or a parameter `?framework=%00` reached it as a query and came back
as a 500. Such a request is a 400 here, on every page, the admin and the API alike.
URL-encoded form bodies are checked too; a multipart body (an upload) is left to the
forms, whose text fields refuse control characters by name (common.validators).
"""

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

UNSTORABLE = "\x00"


class RefuseUnstorableCharacters:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if UNSTORABLE in request.path:
            raise BadRequest(_("The address holds a NUL character, which is never valid."))
        refuse_in(request.GET)
        if request.content_type == "application/x-www-form-urlencoded":
            refuse_in(request.POST)
        return self.get_response(request)


def refuse_in(params) -> None:
    for name, values in params.lists():
        if UNSTORABLE in name or any(UNSTORABLE in value for value in values):
            raise BadRequest(
                _("%(param)s: a NUL character is never valid in a parameter.")
                % {"param": name.replace(UNSTORABLE, "\\x00")}
            )
