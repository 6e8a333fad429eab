"""Staff digests: what each says, to whom, in which language, and turning them off."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from alignment.models import Status, StatusChange
from alignment.services import return_change
from notifications import digests
from notifications.models import EmailKind, OutgoingEmail, Preferences
from tests import factories
from tests.notifications.conftest import logged_in

TODAY = dt.date(2026, 11, 30)


def only_email(kind: str) -> OutgoingEmail:
    (email,) = OutgoingEmail.objects.filter(kind=kind)
    return email


def test_editor_digest_lists_overdue_returned_and_waiting_in_their_countries(
    world, editor, reviewer
):
    factories.change(world.al, world.law, Status.IN_PREPARATION)  # approved, past deadline
    factories.change(world.rs, world.law, Status.IN_PREPARATION)  # another country
    returned = factories.change(world.al, world.strategy, approve=False, by=editor)
    return_change(change=returned, reviewer=reviewer, reason="The source is a press release.")
    waiting = factories.change(world.al, world.law, Status.ADOPTED, approve=False, by=editor)

    assert digests.send_editor_digests(today=TODAY) == 1
    email = only_email(EmailKind.EDITOR_DIGEST)
    assert email.to == "al-editor@gov.example"
    overdue, rest = email.body.split("Returned to you:")
    back, still = rest.split("Still waiting for review:")
    assert "AL eu-ch24/cybercrime-law: In preparation, deadline 2018-12-31" in overdue
    assert "RS" not in email.body
    assert "AL eu-ch24/cybercrime-strategy" in back
    assert "Why: The source is a press release." in back
    assert "AL eu-ch24/cybercrime-law: Adopted" in still
    change_url = reverse("admin:alignment_statuschange_change", args=[waiting.pk])
    assert f"http://127.0.0.1:8000{change_url}" in still
    assert reverse("admin:notifications_preferences_changelist") in email.body


def test_an_aligned_or_undated_requirement_is_not_overdue(world, editor):
    factories.change(world.al, world.law, Status.ALIGNED)
    factories.change(world.al, world.strategy, Status.NOT_ALIGNED)  # no deadline
    assert digests.send_editor_digests(today=TODAY) == 0  # nothing to say: no e-mail
    assert not OutgoingEmail.objects.exists()


def test_reviewer_digest_lists_waiting_changes_oldest_first_with_age(world, reviewer, editor):
    now = timezone.now()
    newer = factories.change(world.rs, world.law, approve=False, by=editor)
    older = factories.change(world.al, world.strategy, approve=False, by=editor)
    StatusChange.objects.filter(pk=older.pk).update(recorded_at=now - dt.timedelta(days=9))
    StatusChange.objects.filter(pk=newer.pk).update(recorded_at=now - dt.timedelta(days=1))
    factories.change(world.al, world.law)  # approved: not waiting

    assert digests.send_reviewer_digests(now=now) == 1  # the editor reviews nothing
    email = only_email(EmailKind.REVIEWER_DIGEST)
    assert email.to == "reviewer@gov.example"
    assert email.subject == "2 changes wait for your review"
    lines = [line for line in email.body.splitlines() if line.startswith("- ")]
    assert lines == [
        "- 9 days: AL eu-ch24/cybercrime-strategy: Not aligned (2016-05-26)",
        "- 1 day: RS eu-ch24/cybercrime-law: Not aligned (2016-05-26)",
    ]
    assert "review_state__exact=proposed" in email.body


def test_no_reviewer_digest_when_nothing_waits(world, reviewer):
    assert digests.send_reviewer_digests() == 0


def test_a_user_turns_a_digest_off_in_the_admin(world, reviewer, editor):
    factories.change(world.al, world.strategy, approve=False, by=editor)
    client = logged_in(reviewer)
    opened = client.get(reverse("admin:notifications_preferences_changelist"))
    own = Preferences.objects.get(user=reviewer)
    assert opened.url == reverse("admin:notifications_preferences_change", args=[own.pk])
    response = client.post(
        opened.url,
        {"editor_digest": "on"},  # reviewer_digest unticked
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.editor_digest, own.reviewer_digest) == (True, False)
    assert digests.send_reviewer_digests() == 0


def test_one_waiting_change_is_said_in_the_singular(world, reviewer, editor):
    factories.change(world.al, world.strategy, approve=False, by=editor)
    digests.send_reviewer_digests()
    assert only_email(EmailKind.REVIEWER_DIGEST).subject == "1 change waits for your review"


def test_nobody_edits_anothers_preferences(world, reviewer, editor):
    theirs = Preferences.objects.create(user=reviewer)
    url = reverse("admin:notifications_preferences_change", args=[theirs.pk])
    client = logged_in(editor)
    client.post(url, {"editor_digest": "on"})  # reviewer_digest unticked
    theirs.refresh_from_db()
    assert (theirs.editor_digest, theirs.reviewer_digest) == (True, True)
    assert client.get(url).status_code in {302, 403, 404}


def test_reviewer_digests_take_a_fixed_number_of_queries(
    world, roles, editor, django_assert_num_queries
):
    from tests.notifications.conftest import staff

    for i in range(5):
        staff(f"reviewer-{i}", roles["Reviewer"])
    for requirement in (world.law, world.strategy):
        factories.change(world.al, requirement, approve=False, by=editor)
    # The waiting changes; the reviewers with their preferences; then one INSERT per
    # e-mail written (five reviewers), whatever the number of waiting changes.
    with django_assert_num_queries(2 + 5):
        assert digests.send_reviewer_digests() == 5


def test_editor_digests_take_a_fixed_number_of_queries_per_editor(
    world, roles, django_assert_num_queries
):
    from tests.notifications.conftest import staff

    for i in range(4):
        editor = staff(f"editor-{i}", roles["Country editor"], [world.al])
    for requirement in (world.law, world.strategy):
        factories.change(world.al, requirement, approve=False, by=editor)
    # The editors with their preferences; then per editor (each has a scope of their own):
    # their permissions and groups' permissions (the admin's scope rule), overdue,
    # returned, waiting, and the INSERT of the e-mail.
    with django_assert_num_queries(1 + 4 * 6):
        assert digests.send_editor_digests(today=TODAY) == 4
