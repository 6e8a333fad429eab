import datetime as dt
import operator
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.dates import Precision, format_partial, period_end
from countries.models import Country


class Status(models.TextChoices):
    NOT_ALIGNED = "not_aligned", _("Not aligned")
    IN_PREPARATION = "in_preparation", _("In preparation")
    PENDING_ADOPTION = "pending_adoption", _("Pending adoption")
    ADOPTED = "adopted", _("Adopted")
    ALIGNED = "aligned", _("Aligned")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


# The status scale of DESIGN.md; not_applicable has no score and is left out of indices.
SCORES: dict[str, int | None] = {
    Status.NOT_ALIGNED: 0,
    Status.IN_PREPARATION: 25,
    Status.PENDING_ADOPTION: 50,
    Status.ADOPTED: 75,
    Status.ALIGNED: 100,
    Status.NOT_APPLICABLE: None,
}


def score_of(status: str) -> int | None:
    return SCORES[status]


# DESIGN.md's "lagging": a status on the scale below aligned (not_applicable is off it).
LAGGING = frozenset(
    status
    for status, score in SCORES.items()
    if score is not None and score < SCORES[Status.ALIGNED]
)


def is_lagging(status: str) -> bool:
    return status in LAGGING


def is_overdue(status: str, deadline: dt.date | None, on: dt.date) -> bool:
    """DESIGN.md's "overdue": lagging after the requirement's deadline (PairQuerySet.overdue
    in SQL; tests/core/test_rules.py holds the two to the same answer)."""
    return is_lagging(status) and deadline is not None and deadline < on


class ReviewState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class SourceManager(models.Manager):
    def get_by_natural_key(self, key: str) -> "Source":
        return self.get(key=key)


class Source(models.Model):
    key = models.SlugField(
        _("key"), max_length=100, unique=True, help_text=_("A stable short name for fixtures.")
    )
    title = models.CharField(_("title"), max_length=400)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_precision = models.CharField(
        _("precision of the publication date"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
    )
    url = models.URLField(_("address"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True, help_text=_("e.g. en, sr"))
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SourceManager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        when = format_partial(self.published_on, self.published_precision)
        return f"{self.title} ({self.publisher}, {when})" if when else self.title

    def natural_key(self) -> tuple[str]:
        return (self.key,)

    @property
    def published_display(self) -> str:
        return format_partial(self.published_on, self.published_precision)


class FrameworkKind(models.TextChoices):
    STRATEGY = "strategy", _("Strategy")
    ACTION_PLAN = "action_plan", _("Action plan")
    TREATY = "treaty", _("Treaty")
    PROTOCOL = "protocol", _("Protocol")
    NATIONAL_STRATEGY = "national_strategy", _("National strategy")
    ACCESSION = "accession", _("Accession requirements")


# --- Treaty words for the status scale (issue 8) ----------------------------------------
# On a treaty or protocol the scale reads as the steps of the Treaty Office's chart; codes
# and scores stay the same. The one mapping every page, export, API label and admin form
# uses: status_label() and status_choices().
TREATY_KINDS = frozenset({FrameworkKind.TREATY, FrameworkKind.PROTOCOL})
TREATY_LABELS: dict[str, str] = {
    Status.NOT_ALIGNED: _("Not signed"),
    Status.IN_PREPARATION: _("Ratification in preparation"),
    Status.PENDING_ADOPTION: _("Signed"),
    Status.ADOPTED: _("Ratified"),
    Status.ALIGNED: _("In force"),
    Status.NOT_APPLICABLE: _("Not applicable"),
}
# A treaty is one pipeline (`party`): the old separate steps may not come back.
RETIRED_TREATY_CODES = frozenset({"sign", "ratify"})


def is_treaty_kind(kind: str | None) -> bool:
    return kind in TREATY_KINDS


def status_label(status: str, kind: str | None = None) -> str:
    """The words for `status` on a framework of `kind` (generic when kind is None)."""
    if is_treaty_kind(kind):
        return str(TREATY_LABELS[status])
    return str(Status(status).label)


def status_choices(kind: str | None = None) -> list[tuple[str, str]]:
    """Status.choices in the words of a framework of `kind`, for forms and filters."""
    if is_treaty_kind(kind):
        return [(value, TREATY_LABELS[value]) for value in Status.values]
    return list(Status.choices)


class FrameworkQuerySet(models.QuerySet):
    def public(self) -> "FrameworkQuerySet":
        return self.filter(synthetic=False)


class FrameworkManager(models.Manager.from_queryset(FrameworkQuerySet)):
    def get_by_natural_key(self, code: str) -> "Framework":
        return self.get(code=code)


class Framework(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    issuer = models.CharField(_("issuer"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=FrameworkKind.choices)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="frameworks",
        verbose_name=_("source"),
    )
    countries = models.ManyToManyField(
        Country,
        blank=True,
        related_name="frameworks",
        verbose_name=_("applies to"),
        help_text=_("The countries assessed on this framework."),
    )
    synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        help_text=_("Generated for benchmarks by the synthesize command; not real data."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FrameworkManager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_start__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="framework_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    natural_key.dependencies = ["alignment.source", "countries.country"]


class ThemeManager(models.Manager):
    def get_by_natural_key(self, code: str) -> "Theme":
        return self.get(code=code)


class Theme(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)

    objects = ThemeManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class RequirementQuerySet(models.QuerySet):
    def leaves(self) -> "RequirementQuerySet":
        """Requirements a country is assessed on: those with no children."""
        return self.filter(children__isnull=True)


class RequirementManager(models.Manager.from_queryset(RequirementQuerySet)):
    def get_by_natural_key(self, framework_code: str, code: str) -> "Requirement":
        return self.get(framework__code=framework_code, code=code)


class Requirement(models.Model):
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="requirements",
        verbose_name=_("framework"),
    )
    code = models.CharField(
        _("code"),
        max_length=100,
        help_text=_("Stable, unique within the framework, e.g. supply.online-markets."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="requirements")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RequirementManager()

    class Meta:
        ordering = ["framework__code", "position", "code"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="requirement_code_unique_in_framework"
            ),
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[a-z0-9][a-z0-9._-]*$"),
                name="requirement_code_slug",
            ),
        ]

    def __str__(self) -> str:
        return self.full_code

    def get_absolute_url(self) -> str:
        return reverse("alignment:requirement", args=[self.framework.code, self.code])

    def natural_key(self) -> tuple[str, str]:
        return (self.framework.code, self.code)

    natural_key.dependencies = ["alignment.framework", "alignment.theme"]

    @property
    def full_code(self) -> str:
        return f"{self.framework.code}/{self.code}"

    def clean(self) -> None:
        if self.parent_id and self.parent.framework_id != self.framework_id:
            raise ValidationError(
                {"parent": _("The parent requirement belongs to another framework.")}
            )
        if (
            self.framework_id
            and self.code in RETIRED_TREATY_CODES
            and is_treaty_kind(self.framework.kind)
        ):
            raise ValidationError(
                {
                    "code": _(
                        "“%(code)s” is retired on treaties: a treaty is one requirement, "
                        "“party”, whose history walks the status scale."
                    )
                    % {"code": self.code}
                }
            )


# The as-of rule (DESIGN.md, "As of a date"): of a pair's approved changes, the one in
# force on a day is the last, in this order, of those effective by then. One order for
# the SQL (StatusChangeQuerySet.as_of, oldest_first, newest_first) and for rows already in
# memory (as_of_key: scoring.replay_as_of, the admin's history); tests/core/test_rules.py
# holds the two to the same answer.
AS_OF_ORDER = ("effective_on", "recorded_at", "id")
as_of_key = operator.attrgetter(*AS_OF_ORDER)


class PairQuerySet(models.QuerySet):
    """Named states of rows about one (country, requirement) pair with a status."""

    def overdue(self, on: dt.date) -> "PairQuerySet":
        """Lagging on a requirement whose deadline passed before `on` (is_overdue in SQL)."""
        return self.filter(status__in=LAGGING, requirement__deadline__lt=on)


class StatusChangeQuerySet(PairQuerySet):
    def approved(self) -> "StatusChangeQuerySet":
        return self.filter(review_state=ReviewState.APPROVED)

    def as_of(self, day: dt.date) -> "StatusChangeQuerySet":
        """For each (country, requirement), the row in force on `day` (DESIGN.md's rule).

        The last in AS_OF_ORDER of the rows effective on or before `day` (the id makes the
        answer one row). Chain it after approved() for the public answer.
        """
        ranked = self.filter(effective_on__lte=day).annotate(
            rank=models.Window(
                RowNumber(),
                partition_by=[models.F("country_id"), models.F("requirement_id")],
                order_by=[models.F(name).desc() for name in AS_OF_ORDER],
            )
        )
        return ranked.filter(rank=1)

    def in_force(self, day: dt.date, where: models.Q | None = None) -> "StatusChangeQuerySet":
        """The public answer: approved rows in force on `day`, of the pairs `where` picks.

        `where` holds conditions on country and requirement only, fields Assessment has
        too. No change takes effect in the future (clean() refuses it), so from today on
        the answer is what the Assessments hold: an indexed read of the Assessments
        `where` picks instead of ranking history.
        """
        where = where or models.Q()
        if day >= timezone.localdate():
            current = Assessment.objects.filter(where).values("change_id")
            return self.filter(where, pk__in=current)
        return self.filter(where).approved().as_of(day)

    def for_pair(self, country: Country, requirement: Requirement) -> "StatusChangeQuerySet":
        return self.filter(country=country, requirement=requirement)

    def oldest_first(self) -> "StatusChangeQuerySet":
        return self.order_by(*AS_OF_ORDER)

    def newest_first(self) -> "StatusChangeQuerySet":
        return self.order_by(*(f"-{name}" for name in AS_OF_ORDER))


def in_force_seek(day: dt.date, field: str = "pk") -> models.Subquery:
    """The as-of rule for one pair at a time: `field` of the approved change in force on
    `day` for the outer query's (country_id, requirement_id), or NULL.

    The same answer as StatusChangeQuerySet.as_of, found by one seek of the pair's index
    instead of ranking its history: for pages that show a bounded set of pairs.
    """
    return models.Subquery(
        StatusChange.objects.approved()
        .filter(
            country_id=models.OuterRef("country_id"),
            requirement_id=models.OuterRef("requirement_id"),
            effective_on__lte=day,
        )
        .newest_first()
        .values(field)[:1]
    )


class StatusChangeManager(models.Manager.from_queryset(StatusChangeQuerySet)):
    def get_by_natural_key(self, uid: str) -> "StatusChange":
        return self.get(uid=uid)


class DatedStatus:
    """What a dated status shows, for StatusChange and for lighter rows of the same data."""

    status: str
    effective_on: dt.date
    precision: str

    @property
    def score(self) -> int | None:
        return score_of(self.status)

    @property
    def effective_display(self) -> str:
        return format_partial(self.effective_on, self.precision)


class StatusChange(DatedStatus, models.Model):
    """One dated claim about one country on one requirement. Append-only.

    Corrections are new rows. Only the review fields move, once, from proposed to
    approved or returned.
    """

    uid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    # No index of its own: statuschange_pair_dates starts with the country.
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="status_changes",
        verbose_name=_("country"),
        db_index=False,
    )
    requirement = models.ForeignKey(
        Requirement,
        on_delete=models.PROTECT,
        related_name="status_changes",
        verbose_name=_("requirement"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    effective_on = models.DateField(
        _("effective on"),
        help_text=_(
            "When the status became true in the world. For a month or a year, the last day "
            "of that period."
        ),
    )
    precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    evidence = models.TextField(_("evidence"))
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="status_changes", verbose_name=_("source")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recorded_changes",
        verbose_name=_("recorded by"),
        db_index=False,
        help_text=_("Empty for rows loaded from a fixture."),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    review_state = models.CharField(
        _("review state"),
        max_length=10,
        choices=ReviewState.choices,
        default=ReviewState.PROPOSED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_changes",
        verbose_name=_("reviewed by"),
        db_index=False,
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    objects = StatusChangeManager()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        get_latest_by = "recorded_at"
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        permissions = [
            ("review_statuschange", _("Can approve or return proposed status changes")),
        ]
        indexes = [
            models.Index(
                fields=["country", "requirement", "effective_on", "recorded_at"],
                name="statuschange_pair_dates",
            ),
            # What waits for a reviewer or an editor: few rows, so a partial index that
            # approved rows (nearly all of them) never touch.
            models.Index(
                fields=["review_state", "country"],
                condition=~models.Q(review_state=ReviewState.APPROVED),
                name="statuschange_waiting",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="statuschange_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(precision__in=Precision.values),
                name="statuschange_precision_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(review_state__in=ReviewState.values),
                name="statuschange_review_state_valid",
            ),
        ]

    def __str__(self) -> str:
        where = f"{self.country.code} {self.requirement.full_code}"
        return f"{where}: {self.status} ({self.effective_display})"

    def natural_key(self) -> tuple[str]:
        return (str(self.uid),)

    natural_key.dependencies = [
        "countries.country",
        "alignment.requirement",
        "alignment.source",
    ]

    def clean(self) -> None:
        """The rules a row must meet however it arrives: service, admin or fixture."""
        errors = {}
        if self.status not in Status.values:
            errors["status"] = _("“%(value)s” is not on the status scale.") % {"value": self.status}
        if self.precision not in Precision.values:
            errors["precision"] = _("“%(value)s” is not a date precision.") % {
                "value": self.precision
            }
        elif self.effective_on is not None:
            if period_end(self.effective_on, self.precision) != self.effective_on:
                errors["effective_on"] = _(
                    "With %(precision)s precision the date must be the last day of the "
                    "period (%(end)s)."
                ) % {
                    "precision": self.precision,
                    "end": period_end(self.effective_on, self.precision).isoformat(),
                }
            elif self.effective_on > timezone.localdate():
                errors["effective_on"] = _(
                    "%(day)s is in the future: a status is recorded once it has taken "
                    "effect (for a month or year, once that period is over)."
                ) % {"day": self.effective_on.isoformat()}
        if self.requirement_id and self.country_id:
            framework = self.requirement.framework
            if not framework.countries.filter(pk=self.country_id).exists():
                errors["requirement"] = _("%(framework)s does not apply to %(country)s.") % {
                    "framework": framework.code,
                    "country": self.country.code,
                }
        if errors:
            raise ValidationError(errors)


class AssessmentManager(models.Manager.from_queryset(PairQuerySet)):
    def get_by_natural_key(self, country_code: str, framework_code: str, code: str):
        return self.get(
            country__code=country_code,
            requirement__framework__code=framework_code,
            requirement__code=code,
        )


class Assessment(models.Model):
    """The current approved status of one country on one requirement.

    A copy kept in step with StatusChange by alignment.services in the same transaction,
    for speed. StatusChange is the truth.
    """

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("country")
    )
    requirement = models.ForeignKey(
        Requirement,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("requirement"),
    )
    change = models.ForeignKey(
        StatusChange,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("status change in force"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AssessmentManager()

    class Meta:
        ordering = ["country__name", "requirement__framework__code", "requirement__position"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "requirement"], name="assessment_one_per_country_requirement"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="assessment_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country.code} {self.requirement.full_code}: {self.status}"

    def natural_key(self) -> tuple[str, str, str]:
        return (self.country.code, *self.requirement.natural_key())

    natural_key.dependencies = ["alignment.statuschange"]

    @property
    def score(self) -> int | None:
        return score_of(self.status)


# --- Reservations and declarations on a treaty (issue 8) ------------------------------------
# What a state attached to its consent, where a source says so: shown on the treaty chart.


class DeclarationManager(models.Manager):
    def get_by_natural_key(self, framework_code: str, country_code: str, source_key: str):
        return self.get(
            framework__code=framework_code, country__code=country_code, source__key=source_key
        )


class Declaration(models.Model):
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="declarations",
        verbose_name=_("treaty"),
        limit_choices_to={"kind__in": sorted(TREATY_KINDS)},
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="declarations", verbose_name=_("country")
    )
    summary = models.TextField(
        _("summary"), help_text=_("What the source says the state reserved or declared.")
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="declarations", verbose_name=_("source")
    )

    objects = DeclarationManager()

    class Meta:
        ordering = ["framework__code", "country__code"]
        verbose_name = _("reservation or declaration")
        verbose_name_plural = _("reservations and declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "country", "source"], name="declaration_one_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country.code} {self.framework.code}: {self.summary[:60]}"

    def natural_key(self) -> tuple[str, str, str]:
        return (self.framework.code, self.country.code, self.source.key)

    natural_key.dependencies = ["alignment.framework", "alignment.source", "countries.country"]

    def clean(self) -> None:
        if self.framework_id and not is_treaty_kind(self.framework.kind):
            message = _("%(code)s is not a treaty or protocol.") % {"code": self.framework.code}
            raise ValidationError({"framework": message})
# i10: the kept score totals and the data version; their models live beside their logic.
from alignment.dataversion import DataVersion  # noqa: E402, F401
from alignment.scoretable import ScoreSeries, ScoreTotal  # noqa: E402, F401
