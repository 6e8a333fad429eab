"""The kept score totals (alignment.scoretable) against the history they are kept from."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignment import scoretable
from alignment.models import Status, StatusChange
from alignment.scoring import leaves, statuses_as_of, subtree
from alignment.services import approve_change, return_change
from tests import factories as f

pytestmark = pytest.mark.django_db

START = dt.date(2015, 1, 1)
DAYS = 30


@pytest.fixture
def tree(db):
    """root > area > (sub > leaf-0, leaf-1), leaf-2; and leaf-3 at the top."""
    countries = [f.country("AL", "Albania"), f.country("RS", "Serbia")]
    fw = f.framework("fw", countries=countries)
    area = f.requirement(fw, "area")
    sub = f.requirement(fw, "area.sub", parent=area)
    reqs = [
        f.requirement(fw, "area.sub.a", parent=sub),
        f.requirement(fw, "area.sub.b", parent=sub),
        f.requirement(fw, "area.c", parent=area),
        f.requirement(fw, "d"),
        area,  # a group: a status on it is recorded but never scored
    ]
    return countries, fw, [area, sub], reqs


def expected_totals(fw, countries, groups, day) -> dict:
    """The totals recomputed the slow way: the as-of rule in SQL, then plain sums."""
    requirements = list(fw.requirements.all())
    statuses = statuses_as_of(day, framework=fw)
    found = {}
    for group in [None, *groups]:
        assessed = leaves(subtree(requirements, group))
        for country in countries:
            rows = [statuses.get((country.pk, r.pk)) for r in assessed]
            rows = [row for row in rows if row is not None]
            if not rows:
                continue
            found[(country.pk, fw.pk, group and group.pk)] = scoretable.Totals(
                score_total=sum(row.score or 0 for row in rows),
                with_data=sum(row.status != Status.NOT_APPLICABLE for row in rows),
                not_applicable=sum(row.status == Status.NOT_APPLICABLE for row in rows),
                aligned=sum(row.status == Status.ALIGNED for row in rows),
            )
    return found


def drop_empty(totals: dict) -> dict:
    return {k: v for k, v in totals.items() if v != scoretable.Totals()}


steps = st.lists(
    st.tuples(
        st.sampled_from(["record", "record+approve", "approve", "return"]),
        st.integers(0, 1),  # country
        st.integers(0, 4),  # requirement (4: the group)
        st.sampled_from(Status.values),
        st.integers(0, DAYS),  # effective day: any order, so back-dated corrections happen
    ),
    max_size=20,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=steps)
def test_kept_totals_equal_a_recomputation_after_any_sequence(tree, steps):
    countries, fw, groups, reqs = tree
    reviewer, editor = f.user("reviewer"), f.user("editor")
    with transaction.atomic():
        waiting: list[StatusChange] = []
        for action, c, r, status, day in steps:
            if action.startswith("record"):
                change = f.change(
                    countries[c],
                    reqs[r],
                    status,
                    on=START + dt.timedelta(days=day),
                    approve=action == "record+approve",
                    # Four eyes: a change waiting for review is an editor's.
                    by=editor if action == "record" else None,
                )
                if action == "record":
                    waiting.append(change)
            elif waiting:
                change = waiting.pop(day % len(waiting))
                if action == "approve":
                    approve_change(change=change, reviewer=reviewer)
                else:
                    return_change(change=change, reviewer=reviewer, reason="no source")

        assert scoretable.differences() == []
        # Independently of the table's own arithmetic, on the dates that moved and around.
        dates = {START + dt.timedelta(days=d + shift) for *_, d in steps for shift in (-1, 0)}
        for day in sorted(dates)[:8]:
            kept = drop_empty(scoretable.totals_as_of(day, frameworks=[fw]))
            assert kept == expected_totals(fw, countries, groups, day), day
        transaction.set_rollback(True)


def test_a_back_dated_approval_moves_every_later_row(tree):
    (al, _), fw, (area, _), (a, b, *_) = tree
    f.change(al, a, Status.ADOPTED, on=dt.date(2016, 1, 1))
    f.change(al, b, Status.ALIGNED, on=dt.date(2018, 1, 1))
    f.change(al, a, Status.NOT_ALIGNED, on=dt.date(2015, 1, 1))  # back-dated, before both

    def root(day):
        return scoretable.totals_as_of(day, frameworks=[fw], groups=[None])[(al.pk, fw.pk, None)]

    assert root(dt.date(2015, 6, 1)) == scoretable.Totals(0, 1, 0, 0)
    assert root(dt.date(2016, 6, 1)) == scoretable.Totals(75, 1, 0, 0)
    assert root(dt.date(2018, 6, 1)) == scoretable.Totals(175, 2, 0, 1)
    assert scoretable.totals_as_of(dt.date(2014, 12, 31), frameworks=[fw]) == {}


def test_the_read_takes_one_query_whatever_the_history(tree, django_assert_num_queries):
    countries, fw, groups, reqs = tree
    for n in range(3):
        for c in countries:
            for r in reqs[:4]:
                f.change(c, r, Status.values[n], on=START + dt.timedelta(days=n))
    # per series, the latest row on or before the day (one index seek each)
    with django_assert_num_queries(1):
        found = scoretable.totals_as_of(START + dt.timedelta(days=1), frameworks=[fw])
    assert len(found) == len(countries) * 3  # root, area, area.sub


def test_the_command_rebuilds_and_finds_a_tampered_row(tree):
    (al, _), fw, _, (a, *_) = tree
    f.change(al, a, Status.ADOPTED, on=dt.date(2016, 1, 1))
    scoretable.ScoreTotal.objects.update(score_total=1)

    with pytest.raises(CommandError, match="differ from the history"):
        call_command("scoretable", "--check", stdout=open("/dev/null", "w"))
    call_command("scoretable", stdout=open("/dev/null", "w"))

    assert scoretable.differences() == []
    (row,) = scoretable.totals_as_of(dt.date(2016, 1, 1), frameworks=[fw], groups=[None]).values()
    assert row.score_total == 75


def test_a_requirement_that_becomes_a_group_is_rebuilt(tree):
    (al, _), fw, _, (a, b, c, d, _) = tree
    f.change(al, d, Status.ALIGNED, on=dt.date(2016, 1, 1))
    f.requirement(fw, "d.e", parent=d)  # d is now a group: its own status no longer counts

    assert scoretable.differences() == []
    assert scoretable.totals_as_of(dt.date(2016, 1, 1), frameworks=[fw]) == {}


def test_kept_scores_agree_with_the_scores_from_statuses(world, django_assert_num_queries):
    """The pages' world (tests/pages): kept scores equal framework_scores on many days."""
    from alignment.scoring import framework_scores, kept_scores

    fw = world.ch24
    requirements = list(fw.requirements.all())
    countries = list(fw.countries.all())
    for day in [dt.date(2016, 5, 25), dt.date(2016, 7, 31), dt.date(2018, 9, 15), dt.date.today()]:
        # the latest kept row per series on or before the day
        with django_assert_num_queries(1):
            kept = kept_scores(
                day,
                framework=fw,
                countries=countries,
                requirements=requirements,
                groups=[None, world.area],
            )
        for root in (None, world.area):
            for score in framework_scores(fw, day, root=root):
                mine = kept[(score.country.pk, root and root.pk)]
                assert (mine.index, mine.coverage, mine.lagging_count) == (
                    score.index,
                    score.coverage,
                    len(score.lagging),
                ), (day, root, score.country)
