"""A staff user's language, kept on their account.

Order: `?lang=` (common.i18n) > the account's language > the cookie > Accept-Language.
The account's language is copied into the session when the user logs in, so a request
reads it with the session it loads anyway, at no extra query; choosing from the language
menu while logged in keeps the choice on the account and in the session.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language as django_set_language

from accounts.models import Preferences
from common.i18n import supported

SESSION_KEY = "account_language"


def remember_on_login(sender, request: HttpRequest, user, **kwargs) -> None:
    """user_logged_in: the account's language, read once per login."""
    language = Preferences.objects.filter(user=user).values_list("language", flat=True).first()
    request.session[SESSION_KEY] = language or ""


class AccountLanguageMiddleware:
    """After authentication: a logged-in user's chosen language wins over the browser's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        code = None
        if "lang" not in request.GET and request.user.is_authenticated:
            code = supported(request.session.get(SESSION_KEY) or "")
        if code:
            translation.activate(code)
            request.LANGUAGE_CODE = code
        response = self.get_response(request)
        if code:
            response.headers["Content-Language"] = code
        return response


@csrf_exempt
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, which also keeps a logged-in user's choice on the account.

    Exempt from CSRF so that the menu carries no token: every public page stays the same
    for every reader, and so cacheable (alignment.pagecache). A forged request can do no
    more than change the language the reader sees, which the menu undoes.
    """
    response = django_set_language(request)
    code = supported(request.POST.get("language", ""))
    if request.method == "POST" and code and request.user.is_authenticated:
        Preferences.objects.update_or_create(user=request.user, defaults={"language": code})
        request.session[SESSION_KEY] = code
    return response
