"""Reviewing: approve or return, one by one or in bulk; only reviewers; nothing settles twice."""

import datetime as dt

from django.contrib.auth.models import Group

from alignment.models import Assessment, ReviewState, Status, StatusChange
from alignment.roles import REVIEWER
from tests import factories
from tests.admin.conftest import logged_in, staff

LIST = "/admin/alignment/statuschange/"


def proposed(world, editor, requirement=None, status=Status.ADOPTED, on=dt.date(2018, 9, 15)):
    return factories.change(
        world.al, requirement or world.strategy, status=status, on=on, by=editor, approve=False
    )


def url(change, action: str) -> str:
    return f"{LIST}{change.pk}/{action}/"


def test_reviewer_approves_and_the_assessment_moves(reviewer_client, reviewer, editor, world):
    change = proposed(world, editor)

    response = reviewer_client.post(url(change, "approve"))

    assert response.status_code == 302
    change.refresh_from_db()
    assert (change.review_state, change.reviewed_by) == (ReviewState.APPROVED, reviewer)
    assessment = Assessment.objects.get(country=world.al, requirement=world.strategy)
    assert (assessment.change, assessment.status) == (change, Status.ADOPTED)


def test_a_back_dated_approval_leaves_a_later_status_in_force(reviewer_client, editor, world):
    later = factories.change(
        world.al, world.strategy, status=Status.ALIGNED, on=dt.date(2020, 1, 1)
    )
    earlier = proposed(world, editor, status=Status.ADOPTED, on=dt.date(2018, 9, 15))

    reviewer_client.post(url(earlier, "approve"))

    earlier.refresh_from_db()
    assert earlier.review_state == ReviewState.APPROVED
    assert Assessment.objects.get(country=world.al, requirement=world.strategy).change == later


def test_reviewer_returns_with_a_reason(reviewer_client, reviewer, editor, world):
    change = proposed(world, editor)

    page = reviewer_client.get(url(change, "return"))
    reason = "Wrong date: see the gazette."
    response = reviewer_client.post(url(change, "return"), {"reason": reason})

    assert page.status_code == 200 and str(change) in page.content.decode()
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.review_state == ReviewState.RETURNED
    assert (change.reviewed_by, change.review_note) == (reviewer, reason)
    assert not Assessment.objects.exists()


def test_returning_without_a_reason_is_refused(reviewer_client, editor, world):
    change = proposed(world, editor)

    response = reviewer_client.post(url(change, "return"), {"reason": "  "})

    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    change.refresh_from_db()
    assert change.review_state == ReviewState.PROPOSED


def test_an_editor_can_neither_approve_nor_return(editor_client, editor, world):
    change = proposed(world, editor)

    assert editor_client.post(url(change, "approve")).status_code == 403
    assert editor_client.post(url(change, "return"), {"reason": "mine"}).status_code == 403
    bulk = editor_client.post(
        LIST, {"action": "approve_selected", "_selected_action": [change.pk], "index": 0}
    )
    assert bulk.status_code == 403
    change.refresh_from_db()
    assert change.review_state == ReviewState.PROPOSED


def test_a_second_reviewer_acting_on_a_settled_change_is_told_and_changes_nothing(
    reviewer, editor, world
):

    other = staff("reviewer-2", Group.objects.get(name=REVIEWER))
    change = proposed(world, editor)
    first, second = logged_in(reviewer), logged_in(other)
    second_page = second.get(f"{LIST}{change.pk}/change/")
    assert "Approve" in second_page.content.decode()

    first.post(url(change, "return"), {"reason": "No source for the date."})
    response = second.post(url(change, "approve"), follow=True)

    change.refresh_from_db()
    assert (change.review_state, change.reviewed_by) == (ReviewState.RETURNED, reviewer)
    assert "already returned" in response.content.decode()
    assert not Assessment.objects.exists()


def test_bulk_approval_approves_every_selected_change(reviewer_client, editor, world):
    changes = [proposed(world, editor, requirement=r) for r in (world.strategy, world.law)]

    response = reviewer_client.post(
        LIST,
        {"action": "approve_selected", "_selected_action": [c.pk for c in changes], "index": 0},
    )

    assert response.status_code == 302
    assert set(StatusChange.objects.values_list("review_state", flat=True)) == {"approved"}
    assert Assessment.objects.count() == 2


def test_bulk_approval_with_a_settled_change_in_the_selection_approves_nothing(
    reviewer_client, editor, world
):
    fresh = proposed(world, editor, requirement=world.law)
    settled = factories.change(world.al, world.strategy, approve=True)

    response = reviewer_client.post(
        LIST,
        {"action": "approve_selected", "_selected_action": [fresh.pk, settled.pk], "index": 0},
        follow=True,
    )

    assert "Nothing was done" in response.content.decode()
    fresh.refresh_from_db()
    assert fresh.review_state == ReviewState.PROPOSED


def test_bulk_return_asks_for_a_reason_then_returns_every_change(reviewer_client, editor, world):
    changes = [proposed(world, editor, requirement=r) for r in (world.strategy, world.law)]
    selection = {"action": "return_selected", "_selected_action": [c.pk for c in changes]}

    ask = reviewer_client.post(LIST, {**selection, "index": 0})
    empty = reviewer_client.post(LIST, {**selection, "reason": ""})
    done = reviewer_client.post(LIST, {**selection, "reason": "Cite the law's gazette number."})

    assert ask.status_code == 200 and "Why is it sent back?" in ask.content.decode()
    assert empty.status_code == 400
    assert done.status_code == 302
    assert set(StatusChange.objects.values_list("review_state", "review_note")) == {
        ("returned", "Cite the law's gazette number.")
    }


def test_status_changes_are_read_only_for_everyone_even_a_superuser(editor, world, db):
    change = proposed(world, editor)
    root = factories.user("root", is_staff=True, is_superuser=True)
    client = logged_in(root)

    page = client.get(f"{LIST}{change.pk}/change/")
    edit = client.post(f"{LIST}{change.pk}/change/", {"status": Status.ALIGNED})
    delete = client.post(f"{LIST}{change.pk}/delete/", {"post": "yes"})

    assert page.status_code == 200 and 'name="status"' not in page.content.decode()
    assert (edit.status_code, delete.status_code) == (403, 403)
    change.refresh_from_db()
    assert change.status == Status.ADOPTED
    assert "delete_selected" not in client.get(LIST).context["action_form"].fields["action"].choices
