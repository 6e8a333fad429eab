"""What the public sees of indicators: each value in force on a day, typed or derived.

Typed values are the approved IndicatorValues in force (IndicatorValue.objects.in_force).
A derived indicator's values are counted here on read from workshops.Participation: per
country and calendar year, the events in the tracker that country took part in (any
role) and that had ended by the day. Counted on read, never stored, so they follow
every change to the events at once; a year with no event in the tracker has no value
(the tracker does not know that nothing happened).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from alignment.models import Requirement
from countries.models import Country
from indicators.models import Indicator, IndicatorValue, ValueDisplay
from indicators.periods import year
from workshops.models import Participation, Workshop

DERIVED = "derived"


@dataclass
class Reading(ValueDisplay):
    """One value of one indicator, for one country and period, as shown and exported."""

    indicator: Indicator
    country: Country
    period_start: dt.date
    period_end: dt.date
    value: Decimal | int | None
    not_reported_reason: str = ""
    status: str = "approved"  # the review state of a typed value, or "derived"
    source_urls: list[str] = field(default_factory=list)
    source_titles: list[str] = field(default_factory=list)
    events: list[Workshop] = field(default_factory=list)
    recorded_at: dt.datetime | None = None
    value_id: int | None = None  # the IndicatorValue of a typed value

    @property
    def is_derived(self) -> bool:
        return self.status == DERIVED

    @property
    def sort_key(self) -> tuple:
        indicator = self.indicator
        return (
            indicator.position,
            indicator.code,
            self.country.code,
            self.period_start,
            self.period_end,
        )


def readings(
    indicators: Iterable[Indicator],
    day: dt.date,
    countries: Iterable[Country] | None = None,
) -> list[Reading]:
    """Every value in force on `day` of `indicators`, for `countries` (default: all covered).

    Queries: the covered countries (one), the typed values in force (one), and, when a
    derived indicator is among them, the participations in events ended by `day` (one).
    """
    indicators = list(indicators)
    covered = _covered_countries(indicators, countries)
    typed = [i for i in indicators if not i.is_derived]
    derived = [i for i in indicators if i.is_derived]
    found: list[Reading] = []
    if typed:
        found += _typed(typed, day, covered)
    if derived:
        found += _derived(derived, day, covered)
    return sorted(found, key=lambda r: r.sort_key)


def _covered_countries(
    indicators: list[Indicator], countries: Iterable[Country] | None
) -> dict[int, set[int]]:
    """indicator id -> ids of the countries it covers (its framework's), narrowed."""
    through = Country.frameworks.through.objects.filter(
        framework_id__in={i.framework_id for i in indicators}
    )
    if countries is not None:
        through = through.filter(country_id__in=[c.pk for c in countries])
    by_framework = defaultdict(set)
    for framework_id, country_id in through.values_list("framework_id", "country_id"):
        by_framework[framework_id].add(country_id)
    return {i.pk: by_framework[i.framework_id] for i in indicators}


def _typed(indicators: list[Indicator], day: dt.date, covered: dict) -> list[Reading]:
    by_id = {i.pk: i for i in indicators}
    country_ids = set().union(*covered.values()) if covered else set()
    rows = (
        IndicatorValue.objects.filter(indicator__in=indicators, country_id__in=country_ids)
        .in_force(day)
        .select_related("country", "source")
    )
    found = []
    for row in rows:
        if row.country_id not in covered[row.indicator_id]:
            continue
        found.append(
            Reading(
                indicator=by_id[row.indicator_id],
                country=row.country,
                period_start=row.period_start,
                period_end=row.period_end,
                value=row.value,
                not_reported_reason=row.not_reported_reason,
                status=row.review_state,
                source_urls=[row.source.url] if row.source.url else [],
                source_titles=[row.source.title],
                recorded_at=row.recorded_at,
                value_id=row.pk,
            )
        )
    return found


def participations_by_country_year(
    day: dt.date, country_ids: set[int]
) -> dict[tuple[Country, int], list[Workshop]]:
    """(country, year) -> the events that country took part in, ended by `day`."""
    rows = (
        Participation.objects.filter(country_id__in=country_ids, workshop__ends_on__lte=day)
        .select_related("workshop", "country")
        .order_by("country__code", "workshop__starts_on", "workshop__slug")
    )
    events = defaultdict(list)
    for participation in rows:
        key = (participation.country, participation.workshop.starts_on.year)
        events[key].append(participation.workshop)
    return events


def _derived(indicators: list[Indicator], day: dt.date, covered: dict) -> list[Reading]:
    country_ids = set().union(*covered.values()) if covered else set()
    events = participations_by_country_year(day, country_ids)
    found = []
    for indicator in indicators:
        for (country, number), workshops in events.items():
            first, last = year(number)
            if country.pk not in covered[indicator.pk] or not indicator.covers_period(first, last):
                continue
            found.append(
                Reading(
                    indicator=indicator,
                    country=country,
                    period_start=first,
                    period_end=last,
                    value=len(workshops),
                    status=DERIVED,
                    # The tracker's own page of each event counted: it cites the event's source.
                    source_urls=[w.get_absolute_url() for w in workshops],
                    source_titles=[w.title for w in workshops],
                    events=workshops,
                )
            )
    return found


def latest_by_country(
    indicator: Indicator, day: dt.date, countries: Iterable[Country] | None = None
) -> dict[int, Reading]:
    """Country id -> the value of its latest period in force on `day`, in one read.

    For a matrix of countries (the overview): the same few queries for any number of them.
    """
    found: dict[int, Reading] = {}
    for reading in readings([indicator], day, countries=countries):
        current = found.get(reading.country.pk)
        if current is None or (reading.period_end, reading.period_start) > (
            current.period_end,
            current.period_start,
        ):
            found[reading.country.pk] = reading
    return found


def latest(indicator: Indicator, country: Country, day: dt.date) -> Reading | None:
    """The value of the latest period in force on `day` for one country."""
    return latest_by_country(indicator, day, countries=[country]).get(country.pk)


def indicators_with_framework() -> QuerySet[Indicator]:
    return Indicator.objects.select_related("framework", "source").prefetch_related(
        Prefetch("requirements", queryset=Requirement.objects.select_related("framework"))
    )
