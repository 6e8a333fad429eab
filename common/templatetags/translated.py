"""A translatable field in the reader's language, or its English fallback marked as such.

- `{{ object|translated:"title" }}` in HTML: the fallback inside `<span lang="en">`, for
  screen readers, followed by "(not yet translated)".
- `{{ object|translated_text:"title" }}` where HTML cannot go (e-mails, `title="..."`,
  `<option>`): plain text, the fallback followed by "(not yet translated)".

Both read only the object's own columns (modeltranslation loads every language's column
with the row), so they add no query; on a long table use them once per row, not per cell.
"""

from collections.abc import Mapping

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

register = template.Library()


def read(obj, name: str):
    """`obj.name`, or `obj[name]` for a row read with values(), as `{{ obj.name }}` does."""
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def missing_translation(obj, field: str) -> bool:
    language = (get_language() or settings.LANGUAGE_CODE).lower()
    if language == settings.LANGUAGE_CODE:
        return False
    localized = build_localized_fieldname(field, language)
    has = localized in obj if isinstance(obj, Mapping) else hasattr(obj, localized)
    return has and not read(obj, localized)


@register.filter
def translated(obj, field: str):
    value = read(obj, field) or ""
    if not value or not missing_translation(obj, field):
        return value
    return format_html(
        '<span lang="{}">{}</span> <small class="untranslated">({})</small>',
        settings.LANGUAGE_CODE,
        value,
        _("not yet translated"),
    )


@register.filter
def translated_text(obj, field: str) -> str:
    value = read(obj, field) or ""
    if not value or not missing_translation(obj, field):
        return value
    return "%(text)s (%(mark)s)" % {"text": value, "mark": _("not yet translated")}
