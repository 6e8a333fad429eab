"""E-mail: the outbox every message passes through, staff preferences, public subscriptions.

Addresses of subscribers are kept for sending them what they asked for and for nothing
else: no page, export or API shows them, and unsubscribing deletes the row.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Framework
from countries.models import Country
from workshops.models import Workshop


class EmailState(models.TextChoices):
    PENDING = "pending", _("Pending")
    CLAIMED = "claimed", _("Claimed by a worker")
    SENDING = "sending", _("Handed to the mail server")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    UNCERTAIN = "uncertain", _("Unknown: the worker stopped while sending")


class EmailKind(models.TextChoices):
    CONFIRM = "confirm", _("Subscription confirmation")
    CHANGE = "change", _("Approved change")
    SUMMARY = "summary", _("Daily summary")
    EDITOR_DIGEST = "editor_digest", _("Weekly editor digest")
    REVIEWER_DIGEST = "reviewer_digest", _("Daily reviewer digest")


class OutgoingEmailQuerySet(models.QuerySet):
    def due(self, now) -> "OutgoingEmailQuerySet":
        return self.filter(state=EmailState.PENDING, next_attempt_at__lte=now)

    def needs_attention(self) -> "OutgoingEmailQuerySet":
        return self.filter(state__in=[EmailState.FAILED, EmailState.UNCERTAIN])


class OutgoingEmail(models.Model):
    """One message, written in the transaction that caused it, sent by notifications.outbox.

    pending -> claimed (a worker's batch) -> sending (handed to SMTP) -> sent. A send that
    raises goes back to pending with a later next_attempt_at, and to failed after
    MAX_ATTEMPTS. A row left in sending by a dead worker becomes uncertain, never resent
    by itself: see notifications/outbox.py.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=EmailKind.choices)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=200, unique=True)
    state = models.CharField(
        _("state"), max_length=10, choices=EmailState.choices, default=EmailState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claim = models.UUIDField(_("claim"), null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            models.Index(
                fields=["state", "next_attempt_at"],
                condition=~models.Q(state="sent"),
                name="outgoingemail_unsent",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=EmailState.values), name="outgoingemail_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"


class Preferences(models.Model):
    """What a staff user receives. Missing row: the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    editor_digest = models.BooleanField(
        _("weekly digest for editors"),
        default=True,
        help_text=_("On Mondays: what is overdue in your countries, returned to you, waiting."),
    )
    reviewer_digest = models.BooleanField(
        _("daily digest for reviewers"),
        default=True,
        help_text=_("Every morning: the changes waiting for review, oldest first."),
    )
    # The language: the account's (notifications.language).

    class Meta:
        verbose_name = _("my e-mail notifications")
        verbose_name_plural = _("my e-mail notifications")

    def __str__(self) -> str:
        return str(_("E-mail notifications of %(user)s") % {"user": self.user})


class Frequency(models.TextChoices):
    EACH = "each", _("One e-mail per approved change")
    DAILY = "daily", _("A daily summary")


class TopicKind(models.TextChoices):
    COUNTRY = "country", _("Country")
    FRAMEWORK = "framework", _("Framework")
    WORKSHOP = "workshop", _("Workshop recommendations")


class Subscription(models.Model):
    """A confirmed subscription of one address to one country, framework or workshop.

    Rows exist only once confirmed: the confirmation link carries the request itself, so an
    unconfirmed address is never stored here.
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"))
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    frequency = models.CharField(
        _("frequency"), max_length=8, choices=Frequency.choices, default=Frequency.EACH
    )
    # Choices from settings.LANGUAGES in the forms, not here: a new language needs no migration.
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)
    # The daily summary covers approvals after this moment.
    summarised_until = models.DateTimeField(_("summarised until"), default=timezone.now)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(country__isnull=False, framework__isnull=True, workshop__isnull=True)
                    | models.Q(country__isnull=True, framework__isnull=False, workshop__isnull=True)
                    | models.Q(country__isnull=True, framework__isnull=True, workshop__isnull=False)
                ),
                name="subscription_one_topic",
            ),
            *(
                models.UniqueConstraint(
                    fields=["email", topic],
                    condition=models.Q(**{f"{topic}__isnull": False}),
                    name=f"subscription_unique_{topic}",
                )
                for topic in ("country", "framework", "workshop")
            ),
        ]

    def __str__(self) -> str:
        return str(_("Subscription to %(topic)s") % {"topic": self.topic})

    @property
    def topic(self) -> Country | Framework | Workshop:
        return self.country or self.framework or self.workshop
