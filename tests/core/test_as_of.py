"""The as-of rule (DESIGN.md) against a brute-force oracle on generated histories."""

import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignment.dates import Precision
from alignment.models import Assessment, ReviewState, Status, StatusChange
from alignment.scoring import replay_as_of, statuses_as_of
from alignment.services import refresh_assessments
from tests import factories

# A narrow range of days and of recording times, so that equal dates, equal recording
# times, month ends and back-dated corrections all come up often.
DAYS = st.dates(min_value=dt.date(2015, 11, 20), max_value=dt.date(2016, 2, 10))
RECORDED = st.integers(min_value=0, max_value=4).map(
    lambda n: dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=n)
)
ROW = st.fixed_dictionaries(
    {
        "pair": st.integers(min_value=0, max_value=3),
        "status": st.sampled_from(Status.values),
        "day": DAYS,
        "precision": st.sampled_from(Precision.values),
        "approved": st.booleans(),
        "recorded_at": RECORDED,
    }
)


def counts_from(day: dt.date, precision: str) -> dt.date:
    """The oracle's own reading of the rule: a month or a year counts from its end."""
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        first_of_next = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return first_of_next - dt.timedelta(days=1)
    return day


def oracle(rows: list[dict], pair: int, day: dt.date) -> dict | None:
    candidates = [
        r
        for r in rows
        if r["pair"] == pair and r["approved"] and counts_from(r["day"], r["precision"]) <= day
    ]
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda r: (counts_from(r["day"], r["precision"]), r["recorded_at"], r["id"]),
    )


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(ROW, min_size=1, max_size=14), probes=st.lists(DAYS, max_size=6))
def test_as_of_matches_brute_force_oracle(db, rows, probes):
    with transaction.atomic():
        source = factories.source("oracle")
        countries = [factories.country("AL"), factories.country("RS")]
        fw = factories.framework("fw", countries=countries)
        requirements = [factories.requirement(fw, "a"), factories.requirement(fw, "b")]
        pairs = [(c, r) for c in countries for r in requirements]
        for row in rows:
            country, requirement = pairs[row["pair"]]
            change = StatusChange.objects.create(
                country=country,
                requirement=requirement,
                status=row["status"],
                effective_on=counts_from(row["day"], row["precision"]),
                precision=row["precision"],
                evidence="generated",
                source=source,
                recorded_at=row["recorded_at"],
                review_state=ReviewState.APPROVED if row["approved"] else ReviewState.PROPOSED,
            )
            row["id"] = change.pk
        # Every stored date, the day before and after it, and the generated probes.
        days = set(probes)
        for row in rows:
            end = counts_from(row["day"], row["precision"])
            days |= {row["day"], end, end - dt.timedelta(days=1), end + dt.timedelta(days=1)}

        approved = list(StatusChange.objects.approved())
        for day in sorted(days):
            found = statuses_as_of(day)
            # The in-memory replay (models.as_of_key) gives the SQL's answer.
            replayed = replay_as_of(approved, day)
            assert {k: v.pk for k, v in replayed.items()} == {k: v.pk for k, v in found.items()}
            for index, (country, requirement) in enumerate(pairs):
                expected = oracle(rows, index, day)
                got = found.get((country.pk, requirement.pk))
                if expected is None:
                    assert got is None, (day, index)
                else:
                    assert got is not None and got.pk == expected["id"], (day, index)

        # The Assessment kept for speed says what the rule says about today.
        refresh_assessments({(c.pk, r.pk) for c, r in pairs})
        today = dt.date.today() + dt.timedelta(days=1)  # every generated date is long past
        for index, (country, requirement) in enumerate(pairs):
            expected = oracle(rows, index, today)
            assessment = Assessment.objects.filter(country=country, requirement=requirement).first()
            if expected is None:
                assert assessment is None
            else:
                assert assessment.change_id == expected["id"]
                assert assessment.status == expected["status"]
        transaction.set_rollback(True)
