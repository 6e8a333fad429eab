"""Indicators on other apps' pages: one line each in their templates.

{% load indicator_tags %}
{% indicators_for_country country day %}       on a country page
{% indicators_for_requirement requirement day %} on a requirement page
{% latest_indicator_value "code" country day as reading %}  for the overview's matrix
"""

import datetime as dt

from django import template

from alignment.models import Requirement
from countries.models import Country
from indicators.models import Indicator
from indicators.readings import Reading, latest, readings

register = template.Library()


@register.inclusion_tag("indicators/includes/section.html")
def indicators_for_country(country: Country, day: dt.date) -> dict:
    """The indicators that cover `country`, with its values in force on `day`."""
    indicators = list(Indicator.objects.filter(framework__countries=country))
    return {
        "indicators": indicators,
        "rows": _rows(
            indicators, readings(indicators, day, countries=[country]) if indicators else []
        ),
        "country": country,
        "day": day,
    }


@register.inclusion_tag("indicators/includes/section.html")
def indicators_for_requirement(requirement: Requirement, day: dt.date) -> dict:
    """The indicators that measure `requirement`, with every covered country's values."""
    indicators = list(Indicator.objects.filter(requirements=requirement))
    return {
        "indicators": indicators,
        "rows": _rows(indicators, readings(indicators, day) if indicators else []),
        "requirement": requirement,
        "day": day,
    }


@register.simple_tag
def latest_indicator_value(code: str, country: Country, day: dt.date) -> Reading | None:
    """The value of the latest period of indicator `code` for `country` in force on `day`."""
    indicator = Indicator.objects.select_related("framework").filter(code=code).first()
    return latest(indicator, country, day) if indicator else None


def _rows(indicators: list[Indicator], found: list[Reading]) -> list[tuple]:
    """(indicator, its readings) in the indicators' order."""
    by_indicator: dict[int, list[Reading]] = {i.pk: [] for i in indicators}
    for reading in found:
        by_indicator[reading.indicator.pk].append(reading)
    return [(i, by_indicator[i.pk]) for i in indicators]
