"""The reader's language: `?lang=` on any address, and who may edit the catalogues.

Django's LocaleMiddleware has already chosen a language from the cookie or Accept-Language
(falling back to English on anything it does not know). `?lang=` overrides it for one
request, so a link, an export or an API call can name its language; an unknown code is
ignored, never an error. Codes and column names never change with the language, only labels.
"""

from collections.abc import Callable

from django.conf import settings
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

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
        if "lang" in request.GET and request.path.startswith(reverse("admin:index")):
            # The admin reads every other parameter as a list filter: `lang` is ours.
            request.GET = request.GET.copy()
            del request.GET["lang"]
        response = self.get_response(request)
        if code:
            response.headers["Content-Language"] = code
            response.headers.setdefault("Vary", "Accept-Language")
        return response


def localized(path: str) -> Coalesce:
    """A translatable field reached through a relation (`requirement__title`), for values():
    in the reader's language, else English, as modeltranslation reads it on an object.

    Needed where the queryset's model is not itself translated (a StatusChange's values),
    so modeltranslation does not rewrite the lookup; without it the base column is read.
    """
    language = translation.get_language() or settings.LANGUAGE_CODE
    return Coalesce(
        NullIf(F(build_localized_fieldname(path, language)), Value("")),
        F(build_localized_fieldname(path, settings.LANGUAGE_CODE)),
        output_field=TextField(),
    )


def may_translate(user) -> bool:
    """Rosetta's gate: the Translator group's permission (read with the user's others)."""
    return user.is_active and user.is_staff and user.has_perm(TRANSLATE_PERMISSION)


def language_choices() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)
