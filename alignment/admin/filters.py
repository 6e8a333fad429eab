"""Admin side-bar filters whose choices follow the user's scope, and "overdue".

Django's RelatedFieldListFilter lists every row of the related table; these list only the
countries and frameworks the user acts for, so an editor's side bar names no other
country. The queryset itself is already scoped by each ModelAdmin's get_queryset.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.admin.scope import frameworks_for
from countries.scope import countries_for


class CountryFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin) -> list[tuple[int, str]]:
        return [(c.pk, f"{c.code} {c.name}") for c in countries_for(request.user).order_by("code")]


class FrameworkFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin) -> list[tuple[int, str]]:
        return [(f.pk, f.code) for f in frameworks_for(request.user).order_by("code")]


class OverdueFilter(admin.SimpleListFilter):
    """DESIGN.md's "overdue" (PairQuerySet.overdue), on status changes and assessments."""

    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.overdue(timezone.localdate())
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.overdue(timezone.localdate()).values("pk"))
        return queryset


# The side bar and the search box of the lists of (country, requirement) rows.
PAIR_FILTERS = [
    ("requirement__framework", FrameworkFilter),
    ("country", CountryFilter),
    OverdueFilter,
]
PAIR_SEARCH_FIELDS = [
    "requirement__code",
    "requirement__title",
    "requirement__framework__code",
    "country__code",
    "country__name",
]
