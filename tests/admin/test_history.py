"""Each assessment, country and requirement page shows its full status history: who
recorded what and when, from which status to which, with the review and the source."""

import datetime as dt

from alignment.admin.history import PAGE_SIZE
from alignment.models import Assessment, Status
from tests import factories

D = dt.date


def test_an_assessment_page_shows_each_change_from_the_status_before_it(
    reviewer_client, editor, reviewer, world
):
    gazette = factories.source("gazette", title="Official Gazette", url="https://qbz.gov.al/x")
    first = factories.change(world.al, world.strategy, Status.NOT_ALIGNED, on=D(2016, 5, 26))
    second = factories.change(
        world.al,
        world.strategy,
        Status.ADOPTED,
        on=D(2018, 7, 31),
        precision="month",
        src=gazette,
        by=editor,
        approve=False,
    )
    reviewer_client.post(f"/admin/alignment/statuschange/{second.pk}/approve/")
    returned = factories.change(
        world.al, world.strategy, Status.ALIGNED, on=D(2019, 1, 1), by=editor, approve=False
    )
    reviewer_client.post(
        f"/admin/alignment/statuschange/{returned.pk}/return/", {"reason": "No evidence yet."}
    )
    assessment = Assessment.objects.get(country=world.al, requirement=world.strategy)

    response = reviewer_client.get(f"/admin/alignment/assessment/{assessment.pk}/change/")

    rows = [
        (e.change.pk, e.previous_status, e.change.status, e.change.review_state)
        for e in response.context["status_history"]
    ]
    assert rows == [
        (returned.pk, Status.ADOPTED, Status.ALIGNED, "returned"),
        (second.pk, Status.NOT_ALIGNED, Status.ADOPTED, "approved"),
        (first.pk, None, Status.NOT_ALIGNED, "approved"),
    ]
    page = response.content.decode()
    for text in [
        "al-editor",
        "reviewer",
        "2018-07",
        "No evidence yet.",
        "https://qbz.gov.al/x",
        "Official Gazette",
        "No data",
        "loaded from a fixture",
    ]:
        assert text in page, text


def test_a_country_page_lists_its_changes_on_every_requirement(reviewer_client, world):
    factories.change(world.al, world.strategy)
    factories.change(world.al, world.ratify, Status.ALIGNED)
    factories.change(world.rs, world.strategy)

    history = reviewer_client.get(f"/admin/countries/country/{world.al.pk}/change/").context[
        "status_history"
    ]

    assert sorted(e.change.requirement.full_code for e in history) == [
        "coe-ets-185/ratify",
        "eu-ch24/cybercrime-strategy",
    ]


def test_a_long_history_is_paged_newest_first(reviewer_client, world):
    for n in range(PAGE_SIZE + 3):
        factories.change(world.al, world.strategy, on=D(2000, 1, 1) + dt.timedelta(days=n))
    url = f"/admin/alignment/requirement/{world.strategy.pk}/change/"

    first = reviewer_client.get(url).context["status_history"]
    last = reviewer_client.get(url, {"history_page": 2}).context["status_history"]

    assert first.paginator.count == PAGE_SIZE + 3 and len(first) == PAGE_SIZE
    assert first[0].change.effective_on == D(2000, 1, 1) + dt.timedelta(days=PAGE_SIZE + 2)
    assert [e.change.effective_on for e in last] == [D(2000, 1, 3), D(2000, 1, 2), D(2000, 1, 1)]
    # The first row of a later page still knows the status before it.
    assert last[0].previous_status == Status.NOT_ALIGNED and last[2].previous_status is None


def test_history_pages_run_a_fixed_number_of_queries(
    reviewer_client, world, django_assert_num_queries
):
    for requirement in (world.strategy, world.law, world.ratify):
        for year in range(2010, 2020):
            factories.change(world.al, requirement, on=D(year, 6, 1))
    url = f"/admin/countries/country/{world.al.pk}/change/"
    reviewer_client.get(url)  # warm the session and content-type caches

    # session, user, the user's and their groups' permissions, the country; history: its
    # count, its page, the
    # approved rows of the page's pairs; the version token: the row, its editors; the
    # editors widget's users. Thirty rows cost no more than three.
    with django_assert_num_queries(11):
        response = reviewer_client.get(url)
    assert len(response.context["status_history"]) == 30


def test_a_proposed_changes_page_shows_its_pairs_history(reviewer_client, editor, world):
    factories.change(world.al, world.strategy, Status.NOT_ALIGNED, on=D(2016, 5, 26))
    factories.change(world.rs, world.strategy, Status.ALIGNED, on=D(2017, 1, 1))
    proposal = factories.change(
        world.al, world.strategy, Status.ADOPTED, on=D(2018, 9, 15), by=editor, approve=False
    )

    response = reviewer_client.get(f"/admin/alignment/statuschange/{proposal.pk}/change/")

    history = response.context["status_history"]
    assert [(e.previous_status, e.change.status) for e in history] == [
        (Status.NOT_ALIGNED, Status.ADOPTED),
        (None, Status.NOT_ALIGNED),
    ]
    assert 'id="review-actions"' in response.content.decode()
