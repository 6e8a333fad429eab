"""Dates known to the day, the month or the year.

A fact known only as "July 2018" or "2016" is stored as the last day of that period:
the tracker counts a step from the day it is sure the step was taken (DESIGN.md, "As of
a date"). The precision says how to show it.
"""

import calendar
import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


def period_end(day: dt.date, precision: str) -> dt.date:
    """The last day of the period of `precision` that contains `day`."""
    if precision == Precision.DAY:
        return day
    if precision == Precision.MONTH:
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == Precision.YEAR:
        return day.replace(month=12, day=31)
    raise ValueError(f"unknown precision {precision!r}")


def period_start(day: dt.date, precision: str) -> dt.date:
    if precision == Precision.DAY:
        return day
    if precision == Precision.MONTH:
        return day.replace(day=1)
    if precision == Precision.YEAR:
        return day.replace(month=1, day=1)
    raise ValueError(f"unknown precision {precision!r}")


def format_partial(day: dt.date | None, precision: str) -> str:
    """ISO text at the stored precision: 2018-09-15, 2018-07 or 2016."""
    if day is None:
        return ""
    if precision == Precision.YEAR:
        return f"{day.year:04d}"
    if precision == Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def parse_partial(text: str) -> tuple[dt.date, str]:
    """Read 2018-09-15, 2018-07 or 2016 into (period end, precision).

    Raises ValueError with a message that names the text.
    """
    text = text.strip()
    try:
        if len(text) == 4:
            return period_end(dt.date(int(text), 1, 1), Precision.YEAR), Precision.YEAR
        if len(text) == 7 and text[4] == "-":
            start = dt.date(int(text[:4]), int(text[5:]), 1)
            return period_end(start, Precision.MONTH), Precision.MONTH
        return dt.date.fromisoformat(text), Precision.DAY
    except ValueError:
        pass
    raise ValueError(f"{text!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY")
