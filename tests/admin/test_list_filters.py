"""The side bar and the search box of the status and assessment lists."""

import datetime as dt

from alignment.models import Status
from tests import factories

D = dt.date


def listed(client, path: str, **params) -> set[str]:
    response = client.get(f"/admin/alignment/{path}/", params)
    assert response.status_code == 200
    return {
        f"{row.country.code} {row.requirement.code}" for row in response.context["cl"].result_list
    }


def test_overdue_means_lagging_after_the_deadline(reviewer_client, world):
    world.strategy.deadline = D(2017, 12, 31)
    world.strategy.save()
    world.law.deadline = D(2999, 12, 31)
    world.law.save()
    factories.change(world.al, world.strategy, Status.ADOPTED)  # lagging, deadline passed
    factories.change(world.rs, world.strategy, Status.ALIGNED)  # done
    factories.change(world.al, world.law, Status.NOT_ALIGNED)  # lagging, deadline ahead
    factories.change(world.al, world.ratify, Status.NOT_ALIGNED)  # no deadline

    for path in ("assessment", "statuschange"):
        assert listed(reviewer_client, path, overdue="yes") == {"AL cybercrime-strategy"}
        assert listed(reviewer_client, path, overdue="no") == {
            "RS cybercrime-strategy",
            "AL cybercrime-law",
            "AL ratify",
        }


def test_review_state_framework_and_search_narrow_the_status_list(reviewer_client, editor, world):
    factories.change(world.al, world.strategy)
    factories.change(world.al, world.law, Status.ADOPTED, by=editor, approve=False)
    factories.change(world.rs, world.ratify, Status.ALIGNED)

    assert listed(reviewer_client, "statuschange", review_state__exact="proposed") == {
        "AL cybercrime-law"
    }
    assert listed(
        reviewer_client, "statuschange", requirement__framework__id__exact=world.ets.pk
    ) == {"RS ratify"}
    assert listed(reviewer_client, "statuschange", q="cybercrime-law") == {"AL cybercrime-law"}
    assert listed(reviewer_client, "statuschange", q="Serbia") == {"RS ratify"}
