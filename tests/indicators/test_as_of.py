"""The value in force (the statuses' rule) against a brute-force oracle on generated rows.

As tests/core/test_as_of.py does for statuses: per (indicator, country, period), of the
approved rows recorded by the end of the day, the latest recorded, then the latest id.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignment.models import ReviewState
from indicators.models import IndicatorValue
from indicators.readings import readings

DAYS = st.dates(min_value=dt.date(2019, 12, 30), max_value=dt.date(2020, 1, 3))
RECORDED = st.integers(min_value=0, max_value=8).map(
    lambda n: dt.datetime(2019, 12, 31, 12, tzinfo=dt.UTC) + dt.timedelta(hours=12 * n)
)
ROW = st.fixed_dictionaries(
    {
        "country": st.integers(min_value=0, max_value=1),
        "year": st.sampled_from([2015, 2016]),
        "value": st.integers(min_value=0, max_value=5),
        "approved": st.booleans(),
        "recorded_at": RECORDED,
    }
)


def oracle(rows: list[dict], country: int, year: int, day: dt.date) -> dict | None:
    candidates = [
        r
        for r in rows
        if r["country"] == country
        and r["year"] == year
        and r["approved"]
        and r["recorded_at"].date() <= day
    ]
    return max(candidates, key=lambda r: (r["recorded_at"], r["id"]), default=None)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(ROW, min_size=1, max_size=12), probes=st.lists(DAYS, max_size=4))
def test_value_in_force_matches_brute_force_oracle(world, rows, probes):
    with transaction.atomic():
        countries = [world.al, world.rs]
        for row in rows:
            created = IndicatorValue.objects.create(
                indicator=world.arrests,
                country=countries[row["country"]],
                period_start=dt.date(row["year"], 1, 1),
                period_end=dt.date(row["year"], 12, 31),
                value=Decimal(row["value"]),
                source=world.source,
                recorded_at=row["recorded_at"],
                review_state=ReviewState.APPROVED if row["approved"] else ReviewState.PROPOSED,
            )
            row["id"] = created.pk
        days = set(probes) | {r["recorded_at"].date() for r in rows}
        days |= {d - dt.timedelta(days=1) for d in days}
        for day in sorted(days):
            found = {(r.country.pk, r.period_start.year): r for r in readings([world.arrests], day)}
            for index, country in enumerate(countries):
                for year in (2015, 2016):
                    expected = oracle(rows, index, year, day)
                    got = found.get((country.pk, year))
                    if expected is None:
                        assert got is None, (day, index, year)
                    else:
                        assert got is not None and got.value_id == expected["id"], (day, year)
        transaction.set_rollback(True)
