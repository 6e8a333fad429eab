"""Celery tasks. Each is small: the work is in outbox, digests and subscriptions.

Retries with back-off cover what stops a whole run (the database or the broker away); a
single message that fails is retried by the outbox itself (notifications.outbox.backoff).
"""

from celery import shared_task
from django.db import DatabaseError

from notifications import digests, outbox, subscriptions

RETRY = {
    "autoretry_for": (DatabaseError, ConnectionError),
    "retry_backoff": 30,
    "retry_backoff_max": 900,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(**RETRY)
def send_outbox() -> int:
    return outbox.send_due()


@shared_task(**RETRY)
def send_editor_digests() -> int:
    return digests.send_editor_digests()


@shared_task(**RETRY)
def send_reviewer_digests() -> int:
    return digests.send_reviewer_digests()


@shared_task(**RETRY)
def send_daily_summaries() -> int:
    return subscriptions.send_daily_summaries()


@shared_task(**RETRY)
def purge_outbox() -> int:
    return outbox.purge()
