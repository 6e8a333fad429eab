"""Writing e-mails to the outbox, and sending them so that none goes out twice.

Every message is a row written by `enqueue` inside the transaction that caused it (an
approval, a subscription request, a digest run); after that transaction commits the
send task is queued. If it rolls back, the row was never there.

Sending, by `send_due`, in three committed steps per row:

1. claim: a batch of due rows moves pending -> claimed under a fresh claim token, in one
   short transaction (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, so concurrent
   workers take disjoint batches; SQLite has one writer at a time anyway).
2. sending: just before the row is handed to the mail server it moves claimed -> sending,
   committed, guarded by the token (a row someone else released is skipped).
3. sent: after the server accepted the message, sending -> sent.

A worker that dies at any point leaves rows that `recover` (run before every batch)
settles once their lease is over: claimed rows never reached the server and go back to
pending (nothing lost); a sending row may or may not have reached it, so it is never
sent again automatically (nothing twice) but marked uncertain and shown to
administrators, with its Message-ID to look up in the mail server's log; they may send it
again from the admin. This is the boundary SMTP allows: the server's "250 OK" and our
commit are two systems, so one message per dead worker (at most the one in flight) is
at-most-once and flagged, every other message is exactly-once.
"""

import datetime as dt
import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import make_msgid
from django.db import connection, transaction
from django.utils import timezone

from notifications.models import EmailState, OutgoingEmail

log = logging.getLogger(__name__)

BATCH = 50
MAX_ATTEMPTS = 5
LEASE = dt.timedelta(minutes=10)
KEEP_SENT = dt.timedelta(days=30)


def enqueue(
    *, kind: str, to: str, subject: str, body: str, headers: dict | None = None
) -> OutgoingEmail:
    """Write one message; the send task runs once the current transaction commits."""
    email = OutgoingEmail.objects.create(
        kind=kind,
        to=to,
        subject=subject[:300],
        body=body,
        headers=headers or {},
        message_id=make_msgid(domain=_domain()),
    )
    transaction.on_commit(_queue_send)
    return email


def _queue_send() -> None:
    from notifications.tasks import send_outbox  # tasks imports this module

    send_outbox.delay()


def _domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "localhost"


def backoff(attempts: int) -> dt.timedelta:
    """1, 4, 16, 64 minutes after the 1st, 2nd, 3rd, 4th failure."""
    return dt.timedelta(minutes=4 ** (attempts - 1))


def recover(now: dt.datetime | None = None) -> tuple[int, int]:
    """Settle rows whose worker's lease ran out; returns (released, uncertain)."""
    expired = (now or timezone.now()) - LEASE
    released = OutgoingEmail.objects.filter(
        state=EmailState.CLAIMED, claimed_at__lt=expired
    ).update(state=EmailState.PENDING, claim=None)
    uncertain = OutgoingEmail.objects.filter(
        state=EmailState.SENDING, claimed_at__lt=expired
    ).update(
        state=EmailState.UNCERTAIN,
        last_error="The worker stopped after handing the message to the mail server and "
        "before recording the answer; look its Message-ID up in the server's log.",
    )
    return released, uncertain


def claim(limit: int = BATCH) -> tuple[uuid.UUID, list[OutgoingEmail]]:
    token = uuid.uuid4()
    now = timezone.now()
    with transaction.atomic():
        due = OutgoingEmail.objects.due(now).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("id", flat=True)[:limit])
        OutgoingEmail.objects.filter(id__in=ids, state=EmailState.PENDING).update(
            state=EmailState.CLAIMED, claim=token, claimed_at=now
        )
    return token, list(OutgoingEmail.objects.filter(claim=token).order_by("id"))


def send_due(*, send: Callable[[OutgoingEmail], None] | None = None) -> int:
    """Send every due row, batch by batch; returns how many were sent."""
    recover()
    send = send or deliver
    sent = 0
    while True:
        token, batch = claim()
        if not batch:
            return sent
        for email in batch:
            sent += send_one(email, token=token, send=send)


def send_one(email: OutgoingEmail, *, token: uuid.UUID, send: Callable) -> int:
    moved = OutgoingEmail.objects.filter(pk=email.pk, claim=token, state=EmailState.CLAIMED).update(
        state=EmailState.SENDING, attempts=email.attempts + 1
    )
    if not moved:
        return 0  # released by recover() while this worker was slow: someone else has it
    try:
        send(email)
    except Exception as error:  # any failure of the backend: retry later, then give up
        log.warning("sending outgoing e-mail %s failed: %s", email.pk, error)
        _failed(email, token=token, error=error)
        return 0
    OutgoingEmail.objects.filter(
        pk=email.pk, claim=token, state__in=[EmailState.SENDING, EmailState.UNCERTAIN]
    ).update(state=EmailState.SENT, sent_at=timezone.now(), last_error="")
    return 1


def _failed(email: OutgoingEmail, *, token: uuid.UUID, error: Exception) -> None:
    attempts = email.attempts + 1
    gave_up = attempts >= MAX_ATTEMPTS
    OutgoingEmail.objects.filter(pk=email.pk, claim=token).update(
        state=EmailState.FAILED if gave_up else EmailState.PENDING,
        claim=None,
        next_attempt_at=timezone.now() + backoff(attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )


def deliver(email: OutgoingEmail) -> None:
    """Hand one message to Django's e-mail backend (SMTP, console, ...)."""
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        to=[email.to],
        headers={**email.headers, "Message-ID": email.message_id},
        connection=get_connection(fail_silently=False),
    )
    message.send()


def retry(queryset) -> int:
    """An administrator's "send again" for failed or uncertain rows."""
    count = queryset.needs_attention().update(
        state=EmailState.PENDING, claim=None, attempts=0, next_attempt_at=timezone.now()
    )
    if count:
        transaction.on_commit(_queue_send)
    return count


def purge(now: dt.datetime | None = None) -> int:
    """Delete sent messages older than KEEP_SENT: addresses are kept only to send."""
    cutoff = (now or timezone.now()) - KEEP_SENT
    deleted, _by_model = OutgoingEmail.objects.filter(
        state=EmailState.SENT, sent_at__lt=cutoff
    ).delete()
    return deleted
