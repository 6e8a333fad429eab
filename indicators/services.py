"""The writes of indicator values, as alignment.services does them for statuses.

record_value appends an IndicatorValue (proposed, or approved at once by someone allowed
to); approve_value and return_value settle a proposed one. Nothing is overwritten: a
correction is a new row, and the latest approved one is in force.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment import dataversion
from alignment.models import ReviewState, Source
from alignment.services import NewSource, add_source, is_self_approval
from countries.models import Country
from indicators.models import Indicator, IndicatorValue


@transaction.atomic
def record_value(
    *,
    indicator: Indicator,
    country: Country,
    period_start: dt.date,
    period_end: dt.date,
    value: Decimal | None,
    not_reported_reason: str = "",
    source: Source | NewSource,
    note: str = "",
    recorded_by: AbstractBaseUser | None,
    approve: bool = False,
) -> IndicatorValue:
    """Append a value; ValidationError naming the field when a rule is broken, nothing written.

    A NewSource is added first, in the same transaction (as record_status does).
    """
    if isinstance(source, NewSource):
        source = add_source(title=source.title, url=source.url)
    row = IndicatorValue(
        indicator=indicator,
        country=country,
        period_start=period_start,
        period_end=period_end,
        value=value,
        not_reported_reason=not_reported_reason.strip(),
        note=note.strip(),
        source=source,
        recorded_by=recorded_by,
        recorded_at=timezone.now(),
    )
    row.full_clean()
    row.save()
    if approve:
        _settle(row, ReviewState.APPROVED, reviewer=recorded_by)
    return row


@transaction.atomic
def approve_value(*, value: IndicatorValue, reviewer: AbstractBaseUser | None) -> IndicatorValue:
    row = _lock_proposed(value)
    _settle(row, ReviewState.APPROVED, reviewer=reviewer)
    return row


@transaction.atomic
def return_value(
    *, value: IndicatorValue, reviewer: AbstractBaseUser, reason: str
) -> IndicatorValue:
    if not reason.strip():
        raise ValidationError({"review_note": _("Say why the value is sent back.")})
    row = _lock_proposed(value)
    _settle(row, ReviewState.RETURNED, reviewer=reviewer, note=reason)
    return row


def _lock_proposed(value: IndicatorValue) -> IndicatorValue:
    """Re-read the row under a lock; a value someone already settled cannot move again."""
    locked = IndicatorValue.objects.select_for_update().get(pk=value.pk)
    if locked.review_state != ReviewState.PROPOSED:
        raise ValidationError(
            _("This value was already %(state)s; reload to see its current state.")
            % {"state": locked.get_review_state_display().lower()}
        )
    return locked


def _settle(row: IndicatorValue, state: str, *, reviewer, note: str = "") -> None:
    """Settle a value; an approval is public at once: four eyes, and a new data version
    (the ETag and cache key of every public page, alignment.dataversion)."""
    if state == ReviewState.APPROVED:
        if is_self_approval(row, reviewer):
            raise ValidationError(
                _("%(value)s was recorded by you: another reviewer approves it (four eyes).")
                % {"value": row},
                code="self_approval",
            )
        dataversion.bump()
    row.review_state = state
    row.reviewed_by = reviewer
    row.reviewed_at = timezone.now()
    row.review_note = note
    row.save(update_fields=["review_state", "reviewed_by", "reviewed_at", "review_note"])
