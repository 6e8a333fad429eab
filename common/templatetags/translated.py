"""A translatable field in the reader's language, or its English fallback marked as such.

- `{{ object|translated:"title" }}` in HTML: the fallback inside `<span lang="en">`, for
  screen readers, followed by "(not yet translated)".
- `{{ object|translated_text:"title" }}` where HTML cannot go (e-mails, `title="..."`,
  `<option>`): plain text, the fallback followed by "(not yet translated)".

Both read only the object's own columns (modeltranslation loads every language's column
with the row), so they add no query; on a long table use them once per row, not per cell.
"""

from collections.abc import Mapping
from functools import lru_cache

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

register = template.Library()
MISSING = object()


def read(obj, name: str, default=None):
    """`obj.name`, or `obj[name]` for a row read with values(), as `{{ obj.name }}` does."""
    return obj.get(name, default) if isinstance(obj, Mapping) else getattr(obj, name, default)


@lru_cache
def _localized(field: str, language: str) -> str:
    return build_localized_fieldname(field, language)


def _reading(obj, field: str) -> tuple[str, bool]:
    """(the text to show, whether it is the English fallback of a missing translation).

    Reads the language's own column first, so that a translated title costs one lookup.
    """
    language = (get_language() or settings.LANGUAGE_CODE).lower()
    if language != settings.LANGUAGE_CODE:
        own = read(obj, _localized(field, language), MISSING)
        if own:
            return own, False
        if own is not MISSING:  # a translatable field, empty in this language
            value = read(obj, field) or ""
            return value, bool(value)
    return read(obj, field) or "", False


@lru_cache
def _mark(language: str) -> str:
    """The marking after a fallback, in `language` (the active one), escaped once."""
    return escape(_("not yet translated"))


@register.filter
def translated(obj, field: str):
    value, fallback = _reading(obj, field)
    if not fallback:
        return value
    return mark_safe(  # both parts escaped
        f'<span lang="{settings.LANGUAGE_CODE}">{escape(value)}</span> '
        f'<small class="untranslated">({_mark(get_language())})</small>'
    )


@register.filter
def translated_text(obj, field: str) -> str:
    value, fallback = _reading(obj, field)
    if not fallback:
        return value
    return "{} ({})".format(value, _("not yet translated"))
