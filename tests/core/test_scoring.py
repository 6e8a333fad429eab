import datetime as dt

import pytest

from alignment.models import Status
from alignment.scoring import framework_scores
from tests import factories

DAY = dt.date(2020, 1, 1)


@pytest.fixture
def world(db):
    al, rs, xk = (
        factories.country(c, n) for c, n in [("AL", "Albania"), ("RS", "Serbia"), ("XK", "Kosovo")]
    )
    fw = factories.framework("fw", countries=[al, rs, xk])
    area = factories.requirement(fw, "area")
    a = factories.requirement(fw, "area.a", parent=area, deadline=dt.date(2019, 1, 1))
    b = factories.requirement(fw, "area.b", parent=area)
    c = factories.requirement(fw, "c")
    return fw, area, (al, rs, xk), (a, b, c)


def by_code(scores):
    return {s.country.code: s for s in scores}


def test_index_is_the_mean_of_requirements_with_data_and_coverage_beside_it(world):
    fw, _, (al, rs, xk), (a, b, c) = world
    factories.change(al, a, Status.ALIGNED, on=dt.date(2018, 1, 1))
    factories.change(al, b, Status.PENDING_ADOPTION, on=dt.date(2018, 1, 1))
    factories.change(rs, a, Status.NOT_ALIGNED, on=dt.date(2018, 1, 1))

    scores = by_code(framework_scores(fw, DAY))

    assert scores["AL"].index == 75 and scores["AL"].coverage == pytest.approx(2 / 3)
    assert scores["RS"].index == 0 and scores["RS"].coverage == pytest.approx(1 / 3)
    # No data is not zero: a country with no record has no index at all.
    assert scores["XK"].index is None and scores["XK"].coverage == 0


def test_not_applicable_is_left_out_of_index_and_coverage(world):
    fw, _, (al, rs, xk), (a, b, c) = world
    for req in (a, b, c):
        factories.change(xk, req, Status.NOT_APPLICABLE, on=dt.date(2010, 1, 1))
    factories.change(rs, c, Status.NOT_APPLICABLE, on=dt.date(2010, 1, 1))
    factories.change(rs, a, Status.ADOPTED, on=dt.date(2010, 1, 1))

    scores = by_code(framework_scores(fw, DAY))

    assert scores["XK"].index is None and scores["XK"].coverage is None
    assert scores["RS"].index == 75 and scores["RS"].coverage == pytest.approx(1 / 2)


def test_lagging_and_overdue_depend_on_the_day(world):
    fw, _, (al, _, _), (a, b, _) = world
    factories.change(al, a, Status.ADOPTED, on=dt.date(2017, 1, 1))
    factories.change(al, b, Status.IN_PREPARATION, on=dt.date(2017, 1, 1))

    before_deadline = by_code(framework_scores(fw, dt.date(2018, 12, 31)))["AL"]
    after_deadline = by_code(framework_scores(fw, DAY))["AL"]

    assert before_deadline.lagging == [a, b] and before_deadline.overdue == []
    assert after_deadline.overdue == [a]


def test_group_nodes_are_not_assessed_and_a_subtree_scores_alone(world):
    fw, area, (al, _, _), (a, b, c) = world
    factories.change(al, area, Status.NOT_ALIGNED, on=dt.date(2017, 1, 1))  # ignored: a group
    factories.change(al, a, Status.ALIGNED, on=dt.date(2017, 1, 1))
    factories.change(al, c, Status.NOT_ALIGNED, on=dt.date(2017, 1, 1))

    whole = by_code(framework_scores(fw, DAY))["AL"]
    part = by_code(framework_scores(fw, DAY, root=area))["AL"]

    assert (whole.index, whole.with_data, whole.applicable) == (50, 2, 3)
    assert (part.index, part.with_data, part.applicable) == (100, 1, 2)


def test_ranking_orders_by_index_then_coverage_with_no_data_last(world):
    fw, _, (al, rs, xk), (a, b, c) = world
    factories.change(al, a, Status.ADOPTED, on=dt.date(2017, 1, 1))
    factories.change(rs, a, Status.ADOPTED, on=dt.date(2017, 1, 1))
    factories.change(rs, b, Status.ADOPTED, on=dt.date(2017, 1, 1))

    ranking = [(s.country.code, s.rank) for s in framework_scores(fw, DAY)]

    # RS and AL have the same index: one rank, coverage only orders the rows.
    assert ranking == [("RS", 1), ("AL", 1), ("XK", 3)]


def test_equal_indexes_share_a_rank_and_the_next_skips_places(world):
    fw, _, (al, rs, xk), (a, b, c) = world
    for country in (al, rs):
        factories.change(country, a, Status.ALIGNED, on=dt.date(2017, 1, 1))
    factories.change(xk, a, Status.ADOPTED, on=dt.date(2017, 1, 1))

    ranks = {s.country.code: s.rank for s in framework_scores(fw, DAY)}

    assert ranks == {"AL": 1, "RS": 1, "XK": 3}


def test_a_rank_on_less_than_half_of_the_requirements_is_flagged(world):
    fw, _, (al, rs, _), (a, b, c) = world
    factories.change(al, a, Status.ALIGNED, on=dt.date(2017, 1, 1))  # 1 of 3
    for requirement in (a, b):
        factories.change(rs, requirement, Status.NOT_ALIGNED, on=dt.date(2017, 1, 1))  # 2 of 3

    scores = {s.country.code: s for s in framework_scores(fw, DAY)}

    assert (scores["AL"].rank, scores["AL"].low_coverage) == (1, True)
    assert (scores["RS"].rank, scores["RS"].low_coverage) == (2, False)
    assert scores["XK"].low_coverage is False  # no data: no index to warn about


def test_scores_as_of_a_past_day_ignore_later_changes(world):
    fw, _, (al, _, _), (a, _, _) = world
    factories.change(al, a, Status.NOT_ALIGNED, on=dt.date(2016, 5, 26))
    factories.change(al, a, Status.ALIGNED, on=dt.date(2019, 6, 1))

    assert by_code(framework_scores(fw, dt.date(2016, 5, 26)))["AL"].index == 0
    assert by_code(framework_scores(fw, dt.date(2019, 6, 1)))["AL"].index == 100
    assert by_code(framework_scores(fw, dt.date(2016, 5, 25)))["AL"].index is None


def test_scores_take_a_fixed_number_of_queries(world, django_assert_num_queries):
    fw, _, countries, reqs = world
    for country in countries:
        for req in reqs:
            factories.change(country, req, Status.ADOPTED, on=dt.date(2017, 1, 1))
    # requirements of the framework, its countries, the statuses in force with sources
    with django_assert_num_queries(3):
        framework_scores(fw, DAY)
