"""The one parser of the indicators' URL parameters, shared by the export, pages and API."""

import datetime as dt

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.filters import AsOfFilter
from alignment.models import Framework
from countries.models import Country
from indicators.models import Indicator


class IndicatorFilterSet(django_filters.FilterSet):
    """Which indicators (by framework or code), for which countries, as of which day."""

    framework = django_filters.ModelMultipleChoiceFilter(
        field_name="framework__code",
        to_field_name="code",
        queryset=Framework.objects.all(),
        label=_("Framework"),
        help_text=_("Framework code, e.g. eu-dap-2013; repeat for several."),
    )
    indicator = django_filters.ModelMultipleChoiceFilter(
        field_name="code",
        to_field_name="code",
        queryset=Indicator.objects.all(),
        label=_("Indicator"),
        help_text=_("Indicator code; repeat for several."),
    )
    country = django_filters.ModelMultipleChoiceFilter(
        to_field_name="code",
        queryset=Country.objects.all(),
        method="keep",
        label=_("Country"),
        help_text=_("ISO 3166-1 alpha-2 code (XK for Kosovo); repeat for several."),
    )

    as_of = AsOfFilter()

    class Meta:
        model = Indicator
        fields: list[str] = []

    def keep(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset  # read by `countries`, applied to the values

    @property
    def day(self) -> dt.date:
        return self.form.cleaned_data.get("as_of") or timezone.localdate()

    @property
    def countries(self) -> list[Country] | None:
        """The countries chosen, or None for every country an indicator covers."""
        return list(self.form.cleaned_data.get("country") or []) or None


def public_indicators(params) -> QuerySet[Indicator]:
    """Indicators of synthetic frameworks only when a framework is named, as for statuses."""
    indicators = Indicator.objects.select_related("framework", "source")
    if not any(value.strip() for value in params.getlist("framework")):
        indicators = indicators.filter(framework__synthetic=False)
    return indicators
