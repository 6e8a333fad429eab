"""What waits for a staff user, shown on the admin index.

Reviewers: the proposed changes, oldest first. Editors: the changes returned to their
countries that nobody has followed with a newer record since, so a return stops waiting
once the correction is recorded.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, QuerySet

from alignment.admin.scope import status_changes_for
from alignment.models import ReviewState, StatusChange
from countries.scope import REVIEW_PERMISSION

SHOWN = 10


@dataclass
class Waiting:
    rows: list[StatusChange]
    total: int


def awaiting_review(user: AbstractBaseUser) -> QuerySet[StatusChange]:
    if not user.has_perm(REVIEW_PERMISSION):
        return StatusChange.objects.none()
    return (
        status_changes_for(user)
        .filter(review_state=ReviewState.PROPOSED)
        .order_by("recorded_at", "id")
    )


def returned_to(user: AbstractBaseUser) -> QuerySet[StatusChange]:
    followed = StatusChange.objects.filter(
        country=OuterRef("country"),
        requirement=OuterRef("requirement"),
        recorded_at__gt=OuterRef("reviewed_at"),
    )
    return (
        status_changes_for(user)
        .filter(review_state=ReviewState.RETURNED, country__in=user.editable_countries.all())
        .exclude(Exists(followed))
        .order_by("-reviewed_at", "-id")
    )


def first_rows(changes: QuerySet[StatusChange]) -> Waiting:
    rows = list(changes[:SHOWN])
    total = len(rows) if len(rows) < SHOWN else changes.count()
    return Waiting(rows=rows, total=total)
