"""Four eyes: nobody approves a change they recorded (unless ALLOW_SELF_APPROVAL).

Defect 9 of issue 12: a reviewer recorded a status and approved it themself.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from alignment.models import Assessment, ReviewState, Status, StatusChange
from alignment.roles import REVIEWER
from alignment.services import approve_change, record_status
from tests import factories
from tests.admin.conftest import logged_in, staff

LIST = "/admin/alignment/statuschange/"


@pytest.fixture
def own(world, reviewer):
    """A change the reviewer recorded themself, waiting for review."""
    return factories.change(world.al, world.strategy, Status.ADOPTED, by=reviewer, approve=False)


def still_proposed(change: StatusChange) -> bool:
    change.refresh_from_db()
    return change.review_state == ReviewState.PROPOSED and not Assessment.objects.exists()


def test_the_service_refuses_to_let_a_reviewer_approve_their_own_change(own, reviewer):
    with pytest.raises(ValidationError, match="recorded by you"):
        approve_change(change=own, reviewer=reviewer)
    assert still_proposed(own)


def test_the_service_refuses_recording_and_approving_at_once(world, reviewer):
    with pytest.raises(ValidationError, match="recorded by you"):
        record_status(
            country=world.al, requirement=world.law, status=Status.ADOPTED,
            effective_on=dt.date(2018, 7, 31), precision="day", evidence="e",
            source=world.source, recorded_by=reviewer, approve=True,
        )  # fmt: skip
    assert not StatusChange.objects.exists()


def test_the_page_offers_no_approve_button_and_refuses_a_crafted_post(own, reviewer):
    client = logged_in(reviewer)
    page = client.get(f"{LIST}{own.pk}/change/").content.decode()
    assert "You recorded this change: another reviewer approves it." in page
    assert f"{own.pk}/approve/" not in page

    response = client.post(f"{LIST}{own.pk}/approve/", follow=True)
    assert response.status_code == 200
    assert "recorded by you" in " ".join(str(m) for m in response.context["messages"])
    assert still_proposed(own)


def test_the_bulk_action_approves_nothing_when_one_change_is_the_reviewers_own(
    own, reviewer, editor, world
):
    other = factories.change(world.al, world.law, Status.ADOPTED, by=editor, approve=False)
    response = logged_in(reviewer).post(
        LIST,
        {"action": "approve_selected", "_selected_action": [other.pk, own.pk]},
        follow=True,
    )
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "recorded by you" in messages and "Nothing was approved" in messages
    assert still_proposed(own) and still_proposed(other)


def test_another_reviewer_approves_it(own, roles, world):
    second = staff("second-reviewer", roles[REVIEWER])
    logged_in(second).post(f"{LIST}{own.pk}/approve/")
    own.refresh_from_db()
    assert (own.review_state, own.reviewed_by) == (ReviewState.APPROVED, second)


def test_a_one_person_deployment_may_allow_it(own, reviewer, settings):
    settings.ALLOW_SELF_APPROVAL = True
    logged_in(reviewer).post(f"{LIST}{own.pk}/approve/")
    own.refresh_from_db()
    assert own.review_state == ReviewState.APPROVED
