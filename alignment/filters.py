"""The one definition of every filter: pages, exports and the API all use these."""

import datetime as dt

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Framework, Requirement, Status, StatusChange, Theme
from countries.models import Country, EURelationship


class IsoDateField(forms.DateField):
    """A day written YYYY-MM-DD, nothing else: 05/26/2016 reads differently by country."""

    def to_python(self, value) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        text = (value or "").strip()
        if not text:
            return None
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
        except ValueError:
            pass
        raise ValidationError(
            _("“%(value)s” is not a date; use YYYY-MM-DD, e.g. 2016-05-26."),
            code="invalid",
            params={"value": text},
        )


class AsOfFilter(django_filters.DateFilter):
    """`as_of`, the day every public read answers for; parsed here only."""

    field_class = IsoDateField

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("As of"))
        kwargs.setdefault("help_text", _("YYYY-MM-DD; default today."))
        super().__init__(method=self.keep, **kwargs)

    @staticmethod
    def keep(queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset  # the day is applied by the FilterSet (`day`), after the pair filters


class DayFilterSet(django_filters.FilterSet):
    """Only the day, for the pages that filter nothing else (a country, a cell, a workshop)."""

    as_of = AsOfFilter()

    class Meta:
        model = StatusChange
        fields: list[str] = []

    @property
    def day(self) -> dt.date:
        return self.form.cleaned_data.get("as_of") or timezone.localdate()


class CodeFilter(django_filters.ModelMultipleChoiceFilter):
    """Objects chosen by their code (`to_field_name`), rows filtered on the objects.

    django-filter would compare `field_name` with each chosen object's code, so the field
    name had to end in `__code`; here it names the relation itself, which is also the path
    the OpenAPI schema follows to type the parameter (the code's field: a string).
    """

    def get_filter_predicate(self, v) -> dict:
        return {self.field_name: v}


class PairFilterSet(django_filters.FilterSet):
    """Filters on what a (country, requirement) pair is, not on its status."""

    framework = CodeFilter(
        field_name="requirement__framework",
        to_field_name="code",
        queryset=Framework.objects.all(),
        label=_("Framework"),
        help_text=_("Framework code, e.g. eu-ch24; repeat for several."),
    )
    country = CodeFilter(
        field_name="country",
        to_field_name="code",
        queryset=Country.objects.all(),
        label=_("Country"),
        help_text=_("ISO 3166-1 alpha-2 code (XK for Kosovo); repeat for several."),
    )
    theme = CodeFilter(
        field_name="requirement__themes",  # filtered by filter_theme; names the schema's type
        to_field_name="code",
        queryset=Theme.objects.all(),
        method="filter_theme",
        label=_("Theme"),
        help_text=_("Theme code, e.g. online-drug-markets; repeat for several."),
    )
    group = django_filters.MultipleChoiceFilter(
        field_name="country__eu_relationship",
        choices=EURelationship.choices,
        label=_("Country group"),
        help_text=_("EU relationship of the country."),
    )

    class Meta:
        model = StatusChange
        fields: list[str] = []

    def filter_theme(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if not value:
            return queryset
        # A subquery, so a requirement with two matching themes is not counted twice.
        return queryset.filter(requirement__in=Requirement.objects.filter(themes__in=value))

    # Pages show countries and requirements with no data too, so they need the same
    # choices applied to Country and Requirement rows, not only to StatusChanges.

    def select_countries(self, queryset: QuerySet) -> QuerySet:
        """`queryset` (of Country) narrowed by the country and group filters."""
        chosen = self.form.cleaned_data.get("country")
        if chosen:
            queryset = queryset.filter(pk__in=[c.pk for c in chosen])
        groups = self.form.cleaned_data.get("group")
        return queryset.filter(eu_relationship__in=groups) if groups else queryset

    def select_requirements(self, queryset: QuerySet) -> QuerySet:
        """`queryset` (of Requirement) narrowed by the theme filter."""
        themes = self.form.cleaned_data.get("theme")
        if not themes:
            return queryset
        return queryset.filter(pk__in=Requirement.objects.filter(themes__in=themes))


class _DatedFilterSet(PairFilterSet, DayFilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices,
        method="keep",
        label=_("Status"),
        help_text=_("Status code; repeat for several."),
    )

    def keep(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset  # applied in filter_queryset, after the pair filters


class StatusFilterSet(_DatedFilterSet):
    """The status of each pair as of a day: the approved row in force, then by status."""

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return self.in_force(queryset)

    def in_force(self, queryset: QuerySet, where: Q | None = None) -> QuerySet:
        """`queryset`'s rows in force on the day, of the pairs the filters and `where` pick.

        `where` (conditions on country and requirement) narrows the Assessments read from
        today on as well: StatusChange.in_force.
        """
        pairs = super().filter_queryset(queryset)
        ids = pairs.in_force(self.day, where).order_by().values("pk")
        in_force = StatusChange.objects.filter(pk__in=Subquery(ids))
        statuses = self.form.cleaned_data.get("status")
        return in_force.filter(status__in=statuses) if statuses else in_force


class HistoryFilterSet(_DatedFilterSet):
    """Every approved change that had taken effect by the day."""

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        rows = super().filter_queryset(queryset.approved()).filter(effective_on__lte=self.day)
        statuses = self.form.cleaned_data.get("status")
        return rows.filter(status__in=statuses) if statuses else rows
