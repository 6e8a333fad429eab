"""The reader's language: `?lang=` on any address, and who may edit the catalogues.

Django's LocaleMiddleware has already chosen a language from the cookie or Accept-Language
(falling back to English on anything it does not know). `?lang=` overrides it for one
request, so a link, an export or an API call can name its language; an unknown code is
ignored, never an error. Codes and column names never change with the language, only labels.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

TRANSLATOR_GROUP = "Translator"
TRANSLATE_PERMISSION = "accounts.translate_interface"


def supported(code: str) -> str | None:
    """The supported language `code` names (any case, `_` or `-`), or None."""
    try:
        return translation.get_supported_language_variant(code.strip().lower().replace("_", "-"))
    except LookupError:
        return None


class QueryLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        code = supported(request.GET.get("lang", ""))
        if code:
            translation.activate(code)
            request.LANGUAGE_CODE = code
        response = self.get_response(request)
        if code:
            response.headers["Content-Language"] = code
            response.headers.setdefault("Vary", "Accept-Language")
        return response


def may_translate(user) -> bool:
    """Rosetta's gate: the Translator group's permission (read with the user's others)."""
    return user.is_active and user.is_staff and user.has_perm(TRANSLATE_PERMISSION)


def language_choices() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)
