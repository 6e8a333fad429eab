"""The pages replay loaded histories (index over time, follow-ups) instead of asking the
database once per date. These pin that the replay agrees with the SQL as-of rule
(statuses_as_of) and with the scores (framework_scores) on every date."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignment.models import ReviewState, Status, StatusChange, is_overdue
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


# Issue 10: the reads bounded by what a page shows (alignment.pages.reads) give the same
# answers as the history: the kept Assessments and score totals brought up to date first,
# as the services leave them.


def kept(rows, countries, leaves, fw):
    from alignment import scoretable
    from alignment.services import refresh_assessments

    written = write(rows, countries, leaves)
    refresh_assessments({(r.country_id, r.requirement_id) for r in written})
    scoretable.rebuild([fw.pk])
    return written


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=change_rows,
    day=st.integers(-1, DAYS + 1),
    chosen=st.sets(st.tuples(st.integers(0, 1), st.integers(0, 2))),
)
def test_reads_in_force_agrees_with_statuses_as_of(tree, rows, day, chosen):
    from django.db.models import Q

    from alignment.models import Requirement
    from alignment.pages import reads

    countries, fw, leaves = tree
    with transaction.atomic():
        deadlines = {leaves[0].pk: START + dt.timedelta(days=10), leaves[1].pk: START}
        for pk, deadline in deadlines.items():
            Requirement.objects.filter(pk=pk).update(deadline=deadline)
        kept(rows, countries, leaves, fw)
        when = START + dt.timedelta(days=day)
        full = statuses_as_of(when, framework=fw)
        pairs = {(countries[c].pk, leaves[r].pk) for c, r in chosen}
        for lean in (False, True):
            found = reads.in_force(when, reads.pairs_where(pairs), lean=lean)
            assert {k: v.pk for k, v in found.items()} == {
                k: v.pk for k, v in full.items() if k in pairs
            }
        overdue = reads.overdue_ids(when, Q(requirement__framework=fw))
        assert overdue == {
            k for k, v in full.items() if is_overdue(v.status, deadlines.get(k[1]), when)
        }
        today = statuses_as_of(timezone.localdate(), framework=fw)
        assert {k: v.pk for k, v in reads.in_force(timezone.localdate(), Q()).items()} == {
            k: v.pk for k, v in today.items()
        }
        transaction.set_rollback(True)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=change_rows, then=st.integers(-1, DAYS + 1), now=st.integers(-1, DAYS + 1))
def test_kept_index_over_time_and_movements_agree_with_the_replay(tree, rows, then, now):
    from django.db.models import Q

    from alignment.pages import dashboard, reads

    countries, fw, leaves = tree
    with transaction.atomic():
        kept(rows, countries, leaves, fw)
        requirements = list(fw.requirements.all())
        shape_of = reads.shapes([fw])
        then_day, now_day = (START + dt.timedelta(days=d) for d in (then, now))
        for country in countries:
            history = list(StatusChange.objects.approved().filter(country=country))
            replayed = index_history(history, requirements)
            points = reads.index_over_time(country, [fw], shape_of)[fw.pk]
            # The kept series drops the dates on which nothing moved; on every date the
            # index and coverage are the replay's.
            assert {p.day for p in points} <= {p.day for p in replayed}
            for point in replayed:
                current = [p for p in points if p.day <= point.day]
                if current:
                    assert (current[-1].index, current[-1].coverage) == (
                        point.index,
                        point.coverage,
                    )
                else:
                    assert point.with_data == 0
            before, after = replay_as_of(history, then_day), replay_as_of(history, now_day)
            expected = sorted(
                dashboard.movement(before.get(key), after[key])
                for key in after
                if key[1] in {leaf.pk for leaf in leaves}
            )
            found = reads.movements(country, then_day, now_day, Q(requirement__framework=fw))
            assert sorted(found) == expected
        transaction.set_rollback(True)
