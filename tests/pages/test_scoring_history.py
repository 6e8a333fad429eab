"""The pages replay loaded histories (index over time, follow-ups) instead of asking the
database once per date. These pin that the replay agrees with the SQL as-of rule
(statuses_as_of) and with the scores (framework_scores) on every date."""

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignment.models import ReviewState, Status, StatusChange
from alignment.scoring import framework_scores, index_history, replay_as_of, statuses_as_of
from tests import factories as f

pytestmark = pytest.mark.django_db

START = dt.date(2015, 1, 1)
DAYS = 40
NOON = dt.datetime(2020, 1, 1, 12, tzinfo=dt.UTC)

change_rows = st.lists(
    st.tuples(
        st.integers(0, 1),  # country
        st.integers(0, 2),  # leaf requirement
        st.sampled_from(Status.values),
        st.integers(0, DAYS),  # effective day
        st.integers(0, 2),  # recorded at: few values, so ties happen
        st.booleans(),  # approved?
    ),
    max_size=25,
)


@pytest.fixture
def tree(db):
    countries = [f.country("AL", "Albania"), f.country("RS", "Serbia")]
    fw = f.framework("fw", countries=countries)
    group = f.requirement(fw, "group")
    leaves = [f.requirement(fw, f"leaf-{i}", parent=group, position=i) for i in range(3)]
    return countries, fw, leaves


def write(rows, countries, leaves) -> list[StatusChange]:
    source = f.source("s")
    return StatusChange.objects.bulk_create(
        StatusChange(
            country=countries[c],
            requirement=leaves[r],
            status=status,
            effective_on=START + dt.timedelta(days=day),
            evidence="e",
            source=source,
            recorded_at=NOON + dt.timedelta(hours=hour),
            review_state=ReviewState.APPROVED if approved else ReviewState.PROPOSED,
        )
        for c, r, status, day, hour, approved in rows
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=change_rows, day=st.integers(-1, DAYS + 1))
def test_replay_as_of_agrees_with_statuses_as_of(tree, rows, day):
    countries, fw, leaves = tree
    with transaction.atomic():
        write(rows, countries, leaves)
        when = START + dt.timedelta(days=day)
        approved = list(StatusChange.objects.approved())
        expected = {k: v.pk for k, v in statuses_as_of(when, framework=fw).items()}
        assert {k: v.pk for k, v in replay_as_of(approved, when).items()} == expected
        transaction.set_rollback(True)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=change_rows)
def test_index_history_agrees_with_framework_scores_on_every_day(tree, rows):
    countries, fw, leaves = tree
    with transaction.atomic():
        write(rows, countries, leaves)
        requirements = list(fw.requirements.all())
        for country in countries:
            history = list(StatusChange.objects.approved().filter(country=country))
            points = index_history(history, requirements)
            assert [p.day for p in points] == sorted({r.effective_on for r in history})
            # Each step's day and the day before it: the index may move only on a step.
            days = {START - dt.timedelta(days=1)}
            days |= {p.day for p in points} | {p.day - dt.timedelta(days=1) for p in points}
            for day in sorted(days):
                (score,) = framework_scores(fw, day, countries=[country])
                current = [p for p in points if p.day <= day]
                if not current:
                    assert score.with_data == 0
                    continue
                point = current[-1]
                assert (point.index, point.coverage) == (score.index, score.coverage)
        transaction.set_rollback(True)


def test_index_history_on_no_rows_is_empty(tree):
    _, fw, _ = tree
    assert index_history([], list(fw.requirements.all())) == []


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=change_rows, chosen=st.sets(st.tuples(st.integers(0, 1), st.integers(0, 2))))
def test_pairs_and_lean_give_the_same_answer_on_fewer_rows(tree, rows, chosen):
    countries, fw, leaves = tree
    with transaction.atomic():
        write(rows, countries, leaves)
        day = START + dt.timedelta(days=DAYS // 2)
        pairs = {(countries[c].pk, leaves[r].pk) for c, r in chosen}
        full = statuses_as_of(day, framework=fw)
        narrow = statuses_as_of(day, pairs=pairs, lean=True)
        assert {k: v.pk for k, v in narrow.items()} == {
            k: v.pk for k, v in full.items() if k in pairs
        }
        assert all(v.status == full[k].status for k, v in narrow.items())
        transaction.set_rollback(True)
