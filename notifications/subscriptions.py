"""Public subscriptions: double opt-in by a signed link, e-mails on approval, unsubscribe.

A request to subscribe stores nothing: it writes one confirmation e-mail whose link carries
the request, signed (django.core.signing) and valid for CONFIRM_MAX_AGE. Following the link
creates (or updates) the Subscription. The answer to a request is the same whether the
address is new, already subscribed or rate-limited, so nobody learns who is subscribed.
Unsubscribe links carry the subscription's random key, signed; they do not expire.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alignment.models import Framework, ReviewState, StatusChange
from countries.models import Country
from notifications.language import email_language
from notifications.links import absolute
from notifications.models import EmailKind, Frequency, Subscription, TopicKind
from notifications.outbox import enqueue
from workshops.models import Participation, Recommendation, Workshop

CONFIRM_MAX_AGE = dt.timedelta(days=3)
_CONFIRM_SALT = "notifications.subscription.confirm"
_UNSUBSCRIBE_SALT = "notifications.subscription.unsubscribe"


class BadToken(Exception):
    """A confirmation or unsubscribe link that is forged, altered or expired."""


@dataclass(frozen=True)
class Request:
    email: str
    kind: str
    code: str
    frequency: str
    language: str


def find_topic(kind: str, code: str) -> Country | Framework | Workshop | None:
    """The public country, framework or workshop a subscription names, or None."""
    if kind == TopicKind.COUNTRY:
        return Country.objects.filter(code=code).first()
    if kind == TopicKind.FRAMEWORK:
        return Framework.objects.public().filter(code=code).first()
    if kind == TopicKind.WORKSHOP:
        return Workshop.objects.filter(slug=code).first()
    return None


def request_subscription(request: Request) -> None:
    """Write the confirmation e-mail; nothing else changes until its link is followed."""
    token = signing.dumps(request.__dict__, salt=_CONFIRM_SALT, compress=True)
    topic = find_topic(request.kind, request.code)
    with translation.override(email_language(request.language)):
        body = render_to_string(
            "notifications/email/confirm.txt",
            {
                "topic": topic,
                "frequency": Frequency(request.frequency).label,
                "confirm_url": absolute("notifications:confirm", token),
                "days": CONFIRM_MAX_AGE.days,
            },
        )
        subject = _("Confirm your subscription to %(topic)s") % {"topic": topic}
    enqueue(kind=EmailKind.CONFIRM, to=request.email, subject=subject, body=body)


def read_confirmation(token: str) -> Request:
    try:
        data = signing.loads(token, salt=_CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        return Request(**data)
    except (signing.BadSignature, TypeError) as error:  # SignatureExpired is a BadSignature
        raise BadToken from error


@transaction.atomic
def confirm(token: str) -> Subscription:
    """Create the subscription a confirmation link asks for, or update its frequency."""
    request = read_confirmation(token)
    topic = find_topic(request.kind, request.code)
    if topic is None:
        raise BadToken  # the topic was removed since the request
    subscription, created = Subscription.objects.select_for_update().get_or_create(
        email=request.email,
        **{request.kind: topic},
        defaults={"frequency": request.frequency, "language": request.language},
    )
    if not created:
        subscription.frequency = request.frequency
        subscription.language = request.language
        subscription.save(update_fields=["frequency", "language"])
    return subscription


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.dumps(str(subscription.key), salt=_UNSUBSCRIBE_SALT)


def subscription_for(token: str) -> Subscription | None:
    """The subscription an unsubscribe link names; None if it is already gone."""
    try:
        key = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise BadToken from error
    return Subscription.objects.filter(key=key).first()


def unsubscribe(token: str) -> None:
    subscription = subscription_for(token)
    if subscription is not None:
        subscription.delete()


def unsubscribe_headers(subscription: Subscription) -> dict:
    """RFC 2369 and RFC 8058: mail clients show their own one-click unsubscribe."""
    url = absolute("notifications:unsubscribe", unsubscribe_token(subscription))
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def asked_pairs(workshop: Workshop) -> set[tuple[int, int]]:
    """(country id, requirement id) of everything the workshop recommended: the one rule
    of what a workshop subscription follows. Wants recommendations and participations
    prefetched."""
    return {
        (country.pk, recommendation.requirement_id)
        for recommendation in workshop.recommendations.all()
        if recommendation.requirement_id
        for country in recommendation.addressees()
    }


def _with_pairs(workshops: QuerySet[Workshop]) -> QuerySet[Workshop]:
    return workshops.prefetch_related(
        Prefetch("recommendations", Recommendation.objects.select_related("country")),
        Prefetch("participations", Participation.objects.select_related("country")),
    )


def matching(change: StatusChange) -> list[Subscription]:
    """Subscriptions that follow the change's country, framework or workshop.

    One query when nobody could follow it (the usual case): it runs in every approval.
    """
    candidates = list(
        Subscription.objects.filter(
            Q(country_id=change.country_id)
            | Q(framework__requirements=change.requirement_id)
            | Q(workshop__isnull=False)
        )
        .select_related("country", "framework", "workshop")
        .order_by("id")
    )
    if not candidates or change.requirement.framework.synthetic:
        return []
    workshop_ids = {s.workshop_id for s in candidates if s.workshop_id}
    pair = (change.country_id, change.requirement_id)
    following = {
        w.pk
        for w in _with_pairs(Workshop.objects.filter(pk__in=workshop_ids))
        if pair in asked_pairs(w)
    }
    return [s for s in candidates if not s.workshop_id or s.workshop_id in following]


def notify_approved(change: StatusChange) -> None:
    """Write one e-mail per address following an approved change (inside the approval)."""
    by_address: dict[str, list[Subscription]] = defaultdict(list)
    for subscription in matching(change):
        if subscription.frequency == Frequency.EACH:
            by_address[subscription.email].append(subscription)
    for email, subscriptions in by_address.items():
        _write_change_email(email, subscriptions, change)


def _write_change_email(email: str, subscriptions: list[Subscription], change) -> None:
    first = subscriptions[0]
    with translation.override(email_language(first.language)):
        body = render_to_string(
            "notifications/email/change.txt",
            {"changes": [_public_change(change)], "follows": _follows(subscriptions)},
        )
        subject = _("%(country)s, %(requirement)s: %(status)s") % {
            "country": change.country.name,
            "requirement": change.requirement.full_code,
            "status": change.get_status_display(),
        }
    enqueue(
        kind=EmailKind.CHANGE,
        to=email,
        subject=subject,
        body=body,
        headers=unsubscribe_headers(first),
    )


def _follows(subscriptions: list[Subscription]) -> list[dict]:
    return [
        {
            "topic": s.topic,
            "unsubscribe_url": absolute("notifications:unsubscribe", unsubscribe_token(s)),
        }
        for s in subscriptions
    ]


def _public_change(change: StatusChange) -> dict:
    requirement = change.requirement
    return {
        "change": change,
        "url": absolute(
            "alignment:cell", change.country.code, requirement.framework.code, requirement.code
        ),
    }


def send_daily_summaries(now: dt.datetime | None = None) -> int:
    """One e-mail per daily subscription with the changes approved since its last one."""
    now = now or timezone.now()
    written = 0
    for subscription in Subscription.objects.filter(frequency=Frequency.DAILY).order_by("id"):
        written += _summarise(subscription.pk, now)
    return written


@transaction.atomic
def _summarise(pk: int, now: dt.datetime) -> int:
    subscription = (
        Subscription.objects.select_for_update(of=("self",))
        .select_related("country", "framework", "workshop")
        .filter(pk=pk)
        .first()
    )
    if subscription is None:
        return 0
    changes = list(_approved_between(subscription, subscription.summarised_until, now))
    subscription.summarised_until = now
    subscription.save(update_fields=["summarised_until"])
    if not changes:
        return 0
    with translation.override(email_language(subscription.language)):
        body = render_to_string(
            "notifications/email/change.txt",
            {
                "changes": [_public_change(c) for c in changes],
                "follows": _follows([subscription]),
            },
        )
        subject = ngettext(
            "%(topic)s: %(count)d approved change",
            "%(topic)s: %(count)d approved changes",
            len(changes),
        ) % {
            "topic": subscription.topic,
            "count": len(changes),
        }
    enqueue(
        kind=EmailKind.SUMMARY,
        to=subscription.email,
        subject=subject,
        body=body,
        headers=unsubscribe_headers(subscription),
    )
    return 1


def _approved_between(subscription: Subscription, start, end) -> list[StatusChange]:
    changes = StatusChange.objects.filter(
        review_state=ReviewState.APPROVED,
        reviewed_at__gt=start,
        reviewed_at__lte=end,
        requirement__framework__synthetic=False,
    ).select_related("country", "requirement__framework")
    if subscription.country_id:
        return changes.filter(country_id=subscription.country_id).order_by("reviewed_at", "id")
    if subscription.framework_id:
        changes = changes.filter(requirement__framework_id=subscription.framework_id)
        return changes.order_by("reviewed_at", "id")
    workshop = _with_pairs(Workshop.objects.filter(pk=subscription.workshop_id)).get()
    pairs = asked_pairs(workshop)
    changes = changes.filter(requirement_id__in={r for _c, r in pairs})
    return [
        c
        for c in changes.order_by("reviewed_at", "id")
        if (c.country_id, c.requirement_id) in pairs
    ]
