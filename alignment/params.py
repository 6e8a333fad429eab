"""Reading URL parameters shared by the pages: a bad value is a 400 naming it."""

import datetime as dt

from django.core.exceptions import BadRequest
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _


def as_of_from(params: QueryDict) -> dt.date:
    """The `as_of` parameter as a date; today when absent or empty."""
    raw = params.get("as_of", "").strip()
    if not raw:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(raw) if len(raw) == 10 else _not_a_date(raw)
    except ValueError:
        return _not_a_date(raw)


def _not_a_date(raw: str) -> dt.date:
    raise BadRequest(
        _("as_of: “%(value)s” is not a date; use YYYY-MM-DD, e.g. 2016-05-26.") % {"value": raw}
    )
