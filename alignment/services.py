"""The writes of the core flow, each one function a reader can see whole.

record_status appends a StatusChange (proposed, or approved at once by someone allowed
to), adding its Source when it is a new one; approve_change and return_change settle a
proposed one. Every approval moves the Assessment of its (country, requirement) in the
same transaction. Callers (the admin form, the spreadsheet import, fixtures in tests)
pass plain values and get the written row back.

Concurrency: whatever moves a pair's Assessment first locks the pair (lock_pair), then
reads and decides, then writes; so two approvals of one pair at once run one after the
other, the second seeing the first's row, and the pair's first Assessment is created once.
Four eyes: nobody approves a change they recorded, unless settings.ALLOW_SELF_APPROVAL.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alignment import scoretable
from alignment.dates import period_end
from alignment.models import Assessment, Requirement, ReviewState, Source, StatusChange
from countries.models import Country

# The one call from the core to a later app (issue 14): subscribers' e-mails are outbox rows
# written in the approval's own transaction, so an approval and its e-mails commit together.
from notifications.subscriptions import notify_approved


@dataclass(frozen=True)
class NewSource:
    """A source not on file yet, named by the person recording: record_status adds it."""

    title: str
    url: str = ""


@transaction.atomic
def record_status(
    *,
    country: Country,
    requirement: Requirement,
    status: str,
    effective_on: dt.date,
    precision: str,
    evidence: str,
    source: Source | NewSource,
    recorded_by: AbstractBaseUser | None,
    approve: bool = False,
) -> StatusChange:
    """Append a StatusChange; with approve=True it is published at once.

    `effective_on` may be any day of the period: it is stored as the period's last day.
    A NewSource is added first, in the same transaction. Raises ValidationError naming
    the field when a rule is broken; nothing is written then.
    """
    if isinstance(source, NewSource):
        source = add_source(title=source.title, url=source.url)
    try:
        effective_on = period_end(effective_on, precision)
    except ValueError:
        pass  # full_clean names the unknown precision
    change = StatusChange(
        country=country,
        requirement=requirement,
        status=status,
        effective_on=effective_on,
        precision=precision,
        evidence=evidence,
        source=source,
        recorded_by=recorded_by,
        recorded_at=timezone.now(),
    )
    change.full_clean()
    change.save()
    if approve:
        _approve(change, reviewer=recorded_by)
    return change


def add_source(*, title: str, url: str = "") -> Source:
    """Add a Source under a key made from its title; errors are keyed "source"."""
    source = Source(key=_free_source_key(title), title=title, url=url)
    try:
        source.full_clean()
    except ValidationError as error:
        raise ValidationError({"source": error.messages}) from error
    source.save()
    return source


def _free_source_key(title: str) -> str:
    base = slugify(title)[:80] or "source"
    taken = set(Source.objects.filter(key__startswith=base).values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def approve_change(*, change: StatusChange, reviewer: AbstractBaseUser | None) -> StatusChange:
    lock_pair(country_id=change.country_id, requirement_id=change.requirement_id)
    change = _lock_proposed(change)
    _approve(change, reviewer=reviewer)
    return change


@transaction.atomic
def return_change(*, change: StatusChange, reviewer: AbstractBaseUser, reason: str) -> StatusChange:
    if not reason.strip():
        raise ValidationError({"review_note": _("Say why the change is sent back.")})
    change = _lock_proposed(change)
    change.review_state = ReviewState.RETURNED
    change.reviewed_by = reviewer
    change.reviewed_at = timezone.now()
    change.review_note = reason
    change.save(update_fields=["review_state", "reviewed_by", "reviewed_at", "review_note"])
    return change


def _lock_proposed(change: StatusChange) -> StatusChange:
    """Re-read the row under a lock; a change someone already settled cannot move again."""
    locked = StatusChange.objects.select_for_update().get(pk=change.pk)
    if locked.review_state != ReviewState.PROPOSED:
        raise ValidationError(
            _("This change was already %(state)s; reload to see its current state.")
            % {"state": locked.get_review_state_display().lower()}
        )
    return locked


def is_self_approval(change: StatusChange, reviewer: AbstractBaseUser | None) -> bool:
    """Would `reviewer` approve their own record? Refused unless ALLOW_SELF_APPROVAL."""
    return (
        reviewer is not None
        and change.recorded_by_id == reviewer.pk
        and not settings.ALLOW_SELF_APPROVAL
    )


def _approve(change: StatusChange, *, reviewer: AbstractBaseUser | None) -> None:
    if is_self_approval(change, reviewer):
        raise ValidationError(
            _("%(change)s was recorded by you: another reviewer approves it (four eyes).")
            % {"change": change},
            code="self_approval",
        )
    change.review_state = ReviewState.APPROVED
    change.reviewed_by = reviewer
    change.reviewed_at = timezone.now()
    change.save(update_fields=["review_state", "reviewed_by", "reviewed_at"])
    refresh_assessment(country_id=change.country_id, requirement_id=change.requirement_id)
    notify_approved(change)
    scoretable.record_approval(change)  # i10: kept totals and data version, same transaction


def refresh_assessment(*, country_id: int, requirement_id: int) -> Assessment | None:
    """Set the Assessment of one pair to its approved status as of today.

    Called inside the transaction that approved a change. A back-dated approval may
    leave the Assessment where it was: the as-of rule decides, not the order of approval.
    The pair is locked before anything is read, so the answer counts every approval
    committed before this one.
    """
    lock_pair(country_id=country_id, requirement_id=requirement_id)
    current = (
        StatusChange.objects.approved()
        .filter(country_id=country_id, requirement_id=requirement_id)
        .as_of(timezone.localdate())
        .first()
    )
    if current is None:
        return None
    assessment = Assessment.objects.filter(
        country_id=country_id, requirement_id=requirement_id
    ).first()
    if assessment is None:
        return Assessment.objects.create(
            country_id=country_id,
            requirement_id=requirement_id,
            change=current,
            status=current.status,
        )
    if assessment.change_id != current.pk:
        assessment.change = current
        assessment.status = current.status
        assessment.save(update_fields=["change", "status", "updated_at"])
    return assessment


def lock_pair(*, country_id: int, requirement_id: int) -> None:
    """Hold the (country, requirement) pair until the transaction ends.

    PostgreSQL: a transaction-level advisory lock on the pair, which exists even before the
    pair's first Assessment does (a row lock would need the row). SQLite: nothing to do,
    a write transaction there holds the whole database (IMMEDIATE, see config/settings.py).
    Taking it again in the same transaction is free.
    """
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        # Two int4 keys; ids beyond 2**31 wrap, which only makes two pairs share a lock.
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s::int4, %s::int4)",
            [_int4(country_id), _int4(requirement_id)],
        )


def _int4(value: int) -> int:
    return (value + 2**31) % 2**32 - 2**31


def refresh_assessments(pairs: set[tuple[int, int]]) -> None:
    for country_id, requirement_id in sorted(pairs):
        refresh_assessment(country_id=country_id, requirement_id=requirement_id)
