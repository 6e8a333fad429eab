"""Digests for staff: weekly for country editors, daily for reviewers.

Each is one e-mail per user with something to say, in their account's language
(notifications.language), with links into the admin; a user turns either off in the
admin (Preferences). What an editor or a reviewer is comes from the same rules the admin
applies (countries.scope, the admin's "waiting" lists), so the digest and the admin index
never disagree.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alignment.admin.scope import assessments_for
from alignment.admin.waiting import returned_to
from alignment.models import Assessment, ReviewState, StatusChange
from countries.scope import REVIEW_PERMISSION
from notifications.language import staff_language
from notifications.links import absolute
from notifications.models import EmailKind, Preferences
from notifications.outbox import enqueue

User = get_user_model()


def preferences(user) -> Preferences:
    """The user's preferences, or the defaults (not saved) when they never set any."""
    try:
        return user.notification_preferences
    except Preferences.DoesNotExist:
        return Preferences(user=user)


def _recipients() -> QuerySet:
    return User.objects.filter(is_active=True, is_staff=True).exclude(email="")


def reviewers() -> QuerySet:
    app_label, codename = REVIEW_PERMISSION.split(".")
    holds = Q(
        user_permissions__codename=codename, user_permissions__content_type__app_label=app_label
    ) | Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    return _recipients().filter(Q(is_superuser=True) | holds).distinct()


def editors() -> QuerySet:
    return _recipients().filter(editable_countries__isnull=False).distinct()


def overdue_for(user, today: dt.date) -> QuerySet[Assessment]:
    """DESIGN.md's "overdue" (PairQuerySet.overdue) in the user's own countries."""
    return (
        assessments_for(user)
        .filter(country__in=user.editable_countries.all())
        .overdue(today)
        .order_by("requirement__deadline", "country__code", "requirement__code")
    )


def waiting_in_countries_of(user) -> QuerySet[StatusChange]:
    return (
        StatusChange.objects.filter(
            review_state=ReviewState.PROPOSED, country__in=user.editable_countries.all()
        )
        .select_related("country", "requirement__framework")
        .order_by("recorded_at", "id")
    )


def change_url(change: StatusChange) -> str:
    return absolute("admin:alignment_statuschange_change", change.pk)


def editor_digest(user, today: dt.date) -> dict | None:
    """What the weekly digest says to one editor; None when there is nothing to say."""
    context = {
        "user": user,
        "overdue": [
            {"assessment": a, "url": absolute("admin:alignment_assessment_change", a.pk)}
            for a in overdue_for(user, today)
        ],
        "returned": [{"change": c, "url": change_url(c)} for c in returned_to(user)],
        "waiting": [{"change": c, "url": change_url(c)} for c in waiting_in_countries_of(user)],
    }
    if not (context["overdue"] or context["returned"] or context["waiting"]):
        return None
    return context


def waiting_for_review(now: dt.datetime) -> list[dict]:
    """Every proposed change, oldest first, with its age in days: what each reviewer sees,
    since a reviewer acts for every country (countries.scope)."""
    changes = StatusChange.objects.filter(review_state=ReviewState.PROPOSED).select_related(
        "country", "requirement__framework"
    )
    return [
        {"change": c, "url": change_url(c), "age": (now - c.recorded_at).days}
        for c in changes.order_by("recorded_at", "id")
    ]


def _waiting_list_url() -> str:
    return absolute(
        "admin:alignment_statuschange_changelist",
        query=f"review_state__exact={ReviewState.PROPOSED}",
    )


def send_editor_digests(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    written = 0
    for user in editors().select_related("notification_preferences", "preferences"):
        prefs = preferences(user)
        if not prefs.editor_digest:
            continue
        with translation.override(staff_language(user)):
            context = editor_digest(user, today)
            if context is None:
                continue
            _write(
                user,
                EmailKind.EDITOR_DIGEST,
                "editor_digest",
                context,
                _("Your week in Alignment Tracker"),
            )
        written += 1
    return written


def send_reviewer_digests(now: dt.datetime | None = None) -> int:
    waiting = waiting_for_review(now or timezone.now())
    if not waiting:
        return 0
    written = 0
    for user in reviewers().select_related("notification_preferences", "preferences"):
        prefs = preferences(user)
        if not prefs.reviewer_digest:
            continue
        with translation.override(staff_language(user)):
            context = {"user": user, "waiting": waiting, "list_url": _waiting_list_url()}
            subject = ngettext(
                "%(count)d change waits for your review",
                "%(count)d changes wait for your review",
                len(waiting),
            ) % {"count": len(waiting)}
            _write(user, EmailKind.REVIEWER_DIGEST, "reviewer_digest", context, subject)
        written += 1
    return written


def _write(user, kind: str, template: str, context: dict, subject: str) -> None:
    body = render_to_string(
        f"notifications/email/{template}.txt",
        {
            **context,
            "preferences_url": absolute("admin:notifications_preferences_changelist"),
        },
    )
    enqueue(kind=kind, to=user.email, subject=subject, body=body)
