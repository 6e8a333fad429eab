"""The outbox: written with what caused it, sent once, a dead worker neither loses nor
duplicates (notifications/outbox.py explains the boundary)."""

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications import outbox
from notifications.models import EmailKind, EmailState, OutgoingEmail
from tests import factories
from tests.notifications.conftest import logged_in


def write(n: int = 1) -> list[OutgoingEmail]:
    return [
        outbox.enqueue(kind=EmailKind.CONFIRM, to=f"r{i}@example.org", subject=f"S{i}", body="b")
        for i in range(n)
    ]


class WorkerDied(BaseException):
    """A worker killed mid-batch: nothing after this line of its code runs."""


def test_a_rolled_back_cause_leaves_no_email(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        write()
        raise RuntimeError("the approval failed")
    assert not OutgoingEmail.objects.exists()


def test_the_send_task_runs_after_commit_and_marks_each_sent(
    db, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        emails = write(3)
    assert sorted(m.to[0] for m in sent) == ["r0@example.org", "r1@example.org", "r2@example.org"]
    assert {m.extra_headers["Message-ID"] for m in sent} == {e.message_id for e in emails}
    assert set(OutgoingEmail.objects.values_list("state", flat=True)) == {EmailState.SENT}
    assert outbox.send_due() == 0  # nothing left: a second run sends nothing again
    assert len(sent) == 3


def test_worker_dying_between_send_and_mark_sends_nothing_twice(db, sent):
    first, second = write(2)

    def send_then_die(email):
        outbox.deliver(email)
        if email.pk == first.pk:
            raise WorkerDied  # the server has the message; the mark never happens

    with pytest.raises(WorkerDied):
        outbox.send_due(send=send_then_die)
    assert [m.to for m in sent] == [[first.to]]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == EmailState.SENDING
    assert second.state == EmailState.CLAIMED  # claimed in the dead worker's batch

    # Another worker before the lease is over: it leaves both alone.
    assert outbox.send_due() == 0
    # After the lease: the claimed one was never handed over and goes out once; the one in
    # flight is not resent but flagged for an administrator.
    later = timezone.now() + outbox.LEASE + dt.timedelta(seconds=1)
    assert outbox.recover(now=later) == (1, 1)
    assert outbox.send_due() == 1
    assert sorted(m.to[0] for m in sent) == sorted([first.to, second.to])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (EmailState.UNCERTAIN, EmailState.SENT)
    assert first.message_id in first.last_error or "Message-ID" in first.last_error


def test_a_slow_worker_whose_claim_was_released_does_not_send(db, sent):
    (email,) = write()
    token, batch = outbox.claim()
    outbox.recover(now=timezone.now() + outbox.LEASE + dt.timedelta(seconds=1))
    assert outbox.send_due() == 1  # another worker took it
    assert outbox.send_one(batch[0], token=token, send=outbox.deliver) == 0
    assert len(sent) == 1


def test_failed_sends_back_off_then_fail_and_show_to_administrators(db, sent, client):
    (email,) = write()

    def refuse(_email):
        raise ConnectionRefusedError("mail server down")

    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        before = timezone.now()
        outbox.send_due(send=refuse)
        email.refresh_from_db()
        assert email.attempts == attempt
        assert "mail server down" in email.last_error
        if attempt < outbox.MAX_ATTEMPTS:
            assert email.state == EmailState.PENDING
            assert email.next_attempt_at >= before + outbox.backoff(attempt)
            assert outbox.send_due(send=refuse) == 0  # not due before its back-off is over
    assert email.state == EmailState.FAILED
    assert sent == []

    admin = factories.user("root", is_staff=True, is_superuser=True)
    url = reverse("admin:notifications_outgoingemail_changelist")
    page = logged_in(admin).get(url, {"state__exact": "failed"})
    assert page.status_code == 200
    assert b"ConnectionRefusedError" not in page.content  # the list shows the subject
    assert "S0" in page.content.decode()
    assert "r0@example.org" not in page.content.decode()  # a subscriber's address: masked
    assert "r…@example.org" in page.content.decode()
    assert page.context["cl"].result_count == 1
    assert logged_in(admin).get(url, {"state__exact": "sent"}).context["cl"].result_count == 0


def test_an_administrator_sends_a_failed_one_again(db, sent, django_capture_on_commit_callbacks):
    (email,) = write()
    OutgoingEmail.objects.filter(pk=email.pk).update(state=EmailState.FAILED, attempts=5)
    admin = factories.user("root", is_staff=True, is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(admin).post(
            reverse("admin:notifications_outgoingemail_changelist"),
            {"action": "send_again", "_selected_action": [email.pk]},
        )
    assert response.status_code == 302
    email.refresh_from_db()
    assert email.state == EmailState.SENT
    assert [m.to for m in sent] == [[email.to]]


def test_staff_who_are_not_superusers_do_not_see_the_outbox(db, reviewer):
    response = logged_in(reviewer).get(reverse("admin:notifications_outgoingemail_changelist"))
    assert response.status_code == 403


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_claim_disjoint_batches():
    """PostgreSQL: rows another worker holds are skipped (SKIP LOCKED), never waited for
    or taken twice."""
    import threading

    from django.db import connection, connections

    if not connection.features.has_select_for_update_skip_locked:
        pytest.skip("SQLite has one writer at a time: no row locks to skip")
    # Rows as enqueue writes them, without its on-commit send (autocommit here would run it).
    emails = [
        OutgoingEmail.objects.create(
            kind=EmailKind.CONFIRM, to="r@example.org", subject="S", body="b", message_id=f"<{i}@t>"
        )
        for i in range(4)
    ]
    held, release, other = threading.Event(), threading.Event(), {}

    def first_worker():
        with transaction.atomic():
            rows = list(
                OutgoingEmail.objects.select_for_update()
                .filter(pk__in=[e.pk for e in emails[:2]])
                .values_list("pk", flat=True)
            )
            other["held"] = rows
            held.set()
            release.wait(10)
        connections.close_all()

    thread = threading.Thread(target=first_worker)
    thread.start()
    held.wait(10)
    _token, batch = outbox.claim()
    release.set()
    thread.join()
    assert sorted(e.pk for e in batch) == sorted(e.pk for e in emails[2:])
    assert set(other["held"]).isdisjoint(e.pk for e in batch)


def test_sent_messages_are_deleted_after_thirty_days_and_others_kept(db, sent):
    old, recent, failed = write(3)
    outbox.send_due()
    long_ago = timezone.now() - outbox.KEEP_SENT - dt.timedelta(days=1)
    OutgoingEmail.objects.filter(pk__in=[old.pk, failed.pk]).update(sent_at=long_ago)
    OutgoingEmail.objects.filter(pk=failed.pk).update(state=EmailState.FAILED)
    assert outbox.purge() == 1
    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {recent.pk, failed.pk}
