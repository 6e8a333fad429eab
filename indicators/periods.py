"""The period a value is for: a year, a month, or a stated span of days.

Stored as its first and last day. Written and read as ISO text: 2016, 2016-03, or
2016-01-01/2016-06-30 (an ISO 8601 interval) for any other span.
"""

import datetime as dt

from django.utils.translation import gettext as _

from alignment.dates import Precision, period_end, period_start


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """(first day, last day); ValueError with a message naming the text."""
    text = str(text).strip()
    try:
        if "/" in text:
            first, last = (dt.date.fromisoformat(part.strip()) for part in text.split("/", 1))
            if last >= first:
                return first, last
        elif len(text) == 4 and text.isdigit():
            year = dt.date(int(text), 1, 1)
            return year, period_end(year, Precision.YEAR)
        elif len(text) == 7 and text[4] == "-":
            month = dt.date(int(text[:4]), int(text[5:]), 1)
            return month, period_end(month, Precision.MONTH)
    except ValueError:
        pass
    raise ValueError(
        _(
            "“%(value)s” is not a period; use a year (2016), a month (2016-03) or two days "
            "joined by a slash (2016-01-01/2016-06-30)."
        )
        % {"value": text}
    )


def format_period(first: dt.date, last: dt.date) -> str:
    for precision, text in (
        (Precision.YEAR, f"{first.year:04d}"),
        (Precision.MONTH, first.strftime("%Y-%m")),
    ):
        if period_start(first, precision) == first and period_end(first, precision) == last:
            return text
    return f"{first.isoformat()}/{last.isoformat()}"


def year(number: int) -> tuple[dt.date, dt.date]:
    return dt.date(number, 1, 1), dt.date(number, 12, 31)
