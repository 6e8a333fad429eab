"""Each rule that lives both in SQL and in Python gives one answer (DESIGN.md's terms).

The as-of rule's two forms are also held together on generated histories in test_as_of.
"""

import datetime as dt

import pytest
from django.db.models import Q
from django.utils import timezone

from alignment.filters import StatusFilterSet
from alignment.models import (
    AS_OF_ORDER,
    LAGGING,
    SCORES,
    Assessment,
    Status,
    StatusChange,
    as_of_key,
    is_overdue,
)
from alignment.scoring import replay_as_of, statuses_as_of
from tests import factories

D = dt.date


@pytest.fixture
def pairs(db):
    al, rs = factories.country("AL", "Albania"), factories.country("RS", "Serbia")
    fw = factories.framework("fw", countries=[al, rs])
    past = factories.requirement(fw, "past", deadline=D(2017, 12, 31))
    ahead = factories.requirement(fw, "ahead", deadline=D(2999, 12, 31))
    none = factories.requirement(fw, "none")
    return al, rs, fw, [past, ahead, none]


def test_lagging_is_every_status_on_the_scale_below_aligned():
    assert LAGGING == {s for s, score in SCORES.items() if score is not None and score < 100}
    assert Status.ALIGNED not in LAGGING and Status.NOT_APPLICABLE not in LAGGING


def test_overdue_in_sql_and_in_python_agree(pairs):
    al, rs, _, requirements = pairs
    for country in (al, rs):
        for requirement in requirements:
            for status in reversed(Status.values):  # the last one lagging
                factories.change(country, requirement, status, on=D(2016, 5, 26))
    on = timezone.localdate()

    in_sql = set(StatusChange.objects.overdue(on).values_list("pk", flat=True))
    in_python = {
        c.pk
        for c in StatusChange.objects.select_related("requirement")
        if is_overdue(c.status, c.requirement.deadline, on)
    }

    assert in_sql == in_python
    assert {c.requirement.code for c in StatusChange.objects.filter(pk__in=in_sql)} == {"past"}
    assert len(in_sql) == 2 * len(LAGGING)
    assessments = set(Assessment.objects.overdue(on).values_list("change_id", flat=True))
    assert assessments <= in_sql and assessments


def test_the_sql_order_and_the_python_key_sort_alike(pairs):
    al, _, _, (requirement, *_) = pairs
    # Equal dates and equal recording times: only the id tells them apart.
    moment = timezone.now()
    for day in (D(2016, 5, 26), D(2016, 5, 26), D(2015, 1, 1), D(2016, 5, 26)):
        change = factories.change(al, requirement, on=day)
        StatusChange.objects.filter(pk=change.pk).update(recorded_at=moment)

    in_sql = list(StatusChange.objects.oldest_first())

    assert in_sql == sorted(StatusChange.objects.all(), key=as_of_key)
    assert list(StatusChange.objects.newest_first()) == in_sql[::-1]
    assert AS_OF_ORDER[-1] == "id"  # the answer is always one row
    replayed = replay_as_of(in_sql, D(2016, 5, 26))
    assert replayed[(al.pk, requirement.pk)] == in_sql[-1]
    assert StatusChange.objects.approved().as_of(D(2016, 5, 26)).get() == in_sql[-1]


def test_from_today_on_the_assessments_answer_as_the_history_does(pairs):
    al, rs, fw, (past, ahead, _) = pairs
    factories.change(al, past, Status.ADOPTED, on=D(2016, 5, 26))
    factories.change(al, past, Status.ALIGNED, on=D(2018, 1, 1))
    factories.change(rs, past, Status.NOT_ALIGNED, on=D(2018, 1, 1))
    factories.change(rs, ahead, Status.ADOPTED, on=D(2016, 1, 1), approve=False)
    today = timezone.localdate()

    from_assessments = statuses_as_of(today, countries=[al])
    from_history = {
        (c.country_id, c.requirement_id): c
        for c in StatusChange.objects.approved().filter(country=al).as_of(today)
    }

    assert from_assessments == from_history and len(from_history) == 1


def test_the_assessments_are_read_once_however_the_read_is_narrowed(pairs):
    al, _, fw, _ = pairs
    where = Q(requirement__framework=fw, country=al)
    filters = StatusFilterSet({"country": ["AL"]}, queryset=StatusChange.objects.all())
    assert filters.is_valid()

    for rows in (
        StatusChange.objects.in_force(timezone.localdate(), where),
        filters.qs,
        filters.in_force(StatusChange.objects.all(), where),
    ):
        assert str(rows.query).count('FROM "alignment_assessment"') == 1
