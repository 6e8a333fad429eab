"""Absolute links for e-mails: SITE_URL plus a named route."""

from django.conf import settings
from django.urls import reverse


def absolute(name: str, *args, query: str = "") -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}{'?' + query if query else ''}"
