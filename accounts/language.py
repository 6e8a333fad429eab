"""A staff user's language, kept on their account.

Order: `?lang=` (common.i18n) > the account's language > the cookie > Accept-Language.
Choosing from the language menu while logged in also keeps the choice on the account.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.i18n import set_language as django_set_language

from accounts.models import Preferences
from common.i18n import supported


def preferred_language(user) -> str | None:
    if not user.is_authenticated:
        return None
    try:
        return supported(user.preferences.language) if user.preferences.language else None
    except Preferences.DoesNotExist:
        return None


class AccountLanguageMiddleware:
    """After authentication: a logged-in user's chosen language wins over the browser's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        code = None if "lang" in request.GET else preferred_language(request.user)
        if code:
            translation.activate(code)
            request.LANGUAGE_CODE = code
        response = self.get_response(request)
        if code:
            response.headers["Content-Language"] = code
        return response


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, which also keeps a logged-in user's choice on the account."""
    response = django_set_language(request)
    code = supported(request.POST.get("language", ""))
    if request.method == "POST" and code and request.user.is_authenticated:
        Preferences.objects.update_or_create(user=request.user, defaults={"language": code})
    return response
