"""The one rule for the language an e-mail is written in.

- A staff user's digests: the language on their account (accounts.Preferences, the one
  they chose from the language menu or in the admin).
- A subscriber's e-mails (anonymous, known only by address): the language of the page
  they subscribed from, kept on the Subscription.
- Anything else (no choice, a code no longer supported): English.
"""

from django.conf import settings

from accounts.models import Preferences
from common.i18n import supported


def email_language(code: str | None) -> str:
    return supported(code or "") or settings.LANGUAGE_CODE


def staff_language(user) -> str:
    """The account's language; `user.preferences` is select_related by the digests."""
    try:
        return email_language(user.preferences.language)
    except Preferences.DoesNotExist:
        return settings.LANGUAGE_CODE
