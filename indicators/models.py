"""Indicators: measures of whether anything happens, per country and period.

An Indicator is defined by a framework and measures some of its requirements. Its values
are typed by people (IndicatorValue: append-only, reviewed like statuses) or, for an
indicator whose `derivation` says so, counted from the tracker's own events on read
(indicators.derived). A typed value is a number or "not reported" with a reason, never
a blank (a database constraint).
"""

import datetime as dt
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import AS_OF_ORDER, Framework, Requirement, ReviewState, Source
from countries.models import Country
from indicators.periods import format_period


class ValueKind(models.TextChoices):
    COUNT = "count", _("Count (a whole number, 0 or more)")
    NUMBER = "number", _("Number")


class Better(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    NEITHER = "neither", _("Neither is better")


class Derivation(models.TextChoices):
    TYPED = "typed", _("Typed in by people, with a source")
    EVENTS = "events", _("Counted from the events in the tracker")


class IndicatorManager(models.Manager):
    def get_by_natural_key(self, code: str) -> "Indicator":
        return self.get(code=code)


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    definition = models.TextField(_("definition"))
    unit = models.CharField(
        _("unit"), max_length=60, help_text=_("What one is counted in, e.g. initiatives.")
    )
    kind = models.CharField(
        _("kind of value"), max_length=10, choices=ValueKind.choices, default=ValueKind.COUNT
    )
    better = models.CharField(_("which direction is better"), max_length=10, choices=Better.choices)
    derivation = models.CharField(
        _("where values come from"),
        max_length=10,
        choices=Derivation.choices,
        default=Derivation.TYPED,
    )
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("defined by"),
        help_text=_("Its values are for the countries this framework applies to."),
    )
    requirements = models.ManyToManyField(
        Requirement, blank=True, related_name="indicators", verbose_name=_("measures")
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("source")
    )
    covers_from = models.DateField(
        _("covers periods from"), null=True, blank=True, help_text=_("Empty: no first day.")
    )
    covers_until = models.DateField(
        _("covers periods until"), null=True, blank=True, help_text=_("Empty: no last day.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = IndicatorManager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ValueKind.values), name="indicator_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(better__in=Better.values), name="indicator_better_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(derivation__in=Derivation.values),
                name="indicator_derivation_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(covers_until__isnull=True)
                | models.Q(covers_from__isnull=True)
                | models.Q(covers_until__gte=models.F("covers_from")),
                name="indicator_coverage_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.code])

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    natural_key.dependencies = ["alignment.framework", "alignment.requirement", "alignment.source"]

    @property
    def is_derived(self) -> bool:
        return self.derivation == Derivation.EVENTS

    def covers_period(self, first: dt.date, last: dt.date) -> bool:
        return (self.covers_from is None or first >= self.covers_from) and (
            self.covers_until is None or last <= self.covers_until
        )


class IndicatorValueQuerySet(models.QuerySet):
    def approved(self) -> "IndicatorValueQuerySet":
        return self.filter(review_state=ReviewState.APPROVED)

    def recorded_by_end_of(self, day: dt.date) -> "IndicatorValueQuerySet":
        """Rows recorded on or before `day` (a value recorded later is not shown as of it)."""
        next_midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)
        return self.filter(recorded_at__lt=timezone.make_aware(next_midnight))

    def as_of(self, day: dt.date) -> "IndicatorValueQuerySet":
        """For each (indicator, country, period), the row in force on `day`.

        The statuses' rule, in their order (alignment.models.AS_OF_ORDER), over the rows
        recorded by the end of `day`. A value's effective date is the end of its period;
        the period is part of what a row is about, so among its rows the latest recorded,
        then the latest id, is in force. Chain it after approved().
        """
        ranked = (
            self.recorded_by_end_of(day)
            .annotate(effective_on=models.F("period_end"))
            .annotate(
                rank=models.Window(
                    RowNumber(),
                    partition_by=[
                        models.F("indicator_id"),
                        models.F("country_id"),
                        models.F("period_start"),
                        models.F("period_end"),
                    ],
                    order_by=[models.F(name).desc() for name in AS_OF_ORDER],
                )
            )
        )
        return ranked.filter(rank=1)

    def in_force(self, day: dt.date) -> "IndicatorValueQuerySet":
        return self.approved().as_of(day)


class IndicatorValueManager(models.Manager.from_queryset(IndicatorValueQuerySet)):
    def get_by_natural_key(self, uid: str) -> "IndicatorValue":
        return self.get(uid=uid)


class ValueDisplay:
    """How a value reads, for a stored IndicatorValue and a Reading (indicators.readings)
    alike: its period (2016, 2016-03, first/last day) and its number or "not reported"."""

    @property
    def period(self) -> str:
        return format_period(self.period_start, self.period_end)

    @property
    def display(self) -> str:
        return _("not reported") if self.value is None else format_number(self.value)


class IndicatorValue(ValueDisplay, models.Model):
    """One reported value of one indicator for one country and period. Append-only."""

    uid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="indicator_values",
        verbose_name=_("country"),
    )
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    value = models.DecimalField(
        _("value"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Empty only when not reported; then say why."),
    )
    not_reported_reason = models.TextField(
        _("why not reported"),
        blank=True,
        help_text=_("Only when there is no number: why it was not reported."),
    )
    note = models.TextField(_("note"), blank=True)
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="indicator_values",
        verbose_name=_("source"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recorded_indicator_values",
        verbose_name=_("recorded by"),
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
        related_name="reviewed_indicator_values",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    objects = IndicatorValueManager()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        indexes = [
            models.Index(
                fields=["indicator", "country", "period_start", "recorded_at"],
                name="indicatorvalue_in_force",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(value__isnull=False, not_reported_reason="")
                    | (models.Q(value__isnull=True) & ~models.Q(not_reported_reason=""))
                ),
                name="indicatorvalue_number_or_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="indicatorvalue_period_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(review_state__in=ReviewState.values),
                name="indicatorvalue_review_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country.code} {self.indicator.code} {self.period}: {self.display}"

    def natural_key(self) -> tuple[str]:
        return (str(self.uid),)

    natural_key.dependencies = ["countries.country", "indicators.indicator", "alignment.source"]

    def clean(self) -> None:
        """The rules a row must meet however it arrives: service, admin, import or fixture."""
        errors: dict[str, list] = {}
        if self.value is None and not self.not_reported_reason.strip():
            errors["value"] = [_("Give a number, or say why it was not reported.")]
        if self.value is not None and self.not_reported_reason.strip():
            errors["not_reported_reason"] = [
                _("A value with a number has no reason for not being reported.")
            ]
        indicator = self.indicator if self.indicator_id else None
        if indicator is not None:
            errors.update(self._indicator_errors(indicator))
        if self.period_start and self.period_end:
            if self.period_end < self.period_start:
                errors.setdefault("period_start", []).append(_("The period ends before it starts."))
            elif self.period_end > timezone.localdate():
                errors.setdefault("period_start", []).append(
                    _("%(period)s is not over yet: a value is recorded once its period has ended.")
                    % {"period": self.period}
                )
            elif indicator is not None and not indicator.covers_period(
                self.period_start, self.period_end
            ):
                errors.setdefault("period_start", []).append(
                    _("%(indicator)s does not cover %(period)s.")
                    % {"indicator": indicator.code, "period": self.period}
                )
        if errors:
            raise ValidationError(errors)

    def _indicator_errors(self, indicator: Indicator) -> dict[str, list]:
        errors: dict[str, list] = {}
        if indicator.is_derived:
            errors["indicator"] = [
                _("%(indicator)s is counted from the tracker's events; it is not typed in.")
                % {"indicator": indicator.code}
            ]
        if (
            self.country_id
            and not indicator.framework.countries.filter(pk=self.country_id).exists()
        ):
            errors["country"] = [
                _("%(indicator)s does not cover %(country)s.")
                % {"indicator": indicator.code, "country": self.country.code}
            ]
        if self.value is not None and indicator.kind == ValueKind.COUNT:
            if self.value < 0:
                errors["value"] = [_("A count cannot be negative.")]
            elif self.value != self.value.to_integral_value():
                errors["value"] = [_("A count is a whole number.")]
        return errors


def format_number(value: Decimal | int) -> str:
    """1234.5000 as 1234.5, 3.0000 as 3: what the value is, without padding."""
    if isinstance(value, int):
        return str(value)
    text = format(value.normalize(), "f")
    return text
