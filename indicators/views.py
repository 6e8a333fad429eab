"""The public pages of indicators: the list, and one page per indicator."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alignment.pages.dashboard import day_query, read_day
from countries.models import Country
from indicators.charts import small_multiples
from indicators.models import Indicator
from indicators.readings import indicators_with_framework, readings


def indicator_list(request: HttpRequest) -> HttpResponse:
    day = read_day(request)
    indicators = indicators_with_framework().filter(framework__synthetic=False)
    return render(
        request,
        "indicators/list.html",
        {"indicators": indicators, "day": day, "day_query": day_query(request.GET, day)},
    )


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    """Every covered country's values over time: small multiples, the table, what it measures."""
    day = read_day(request)
    indicator = _indicator_or_404(code)
    countries = list(Country.objects.filter(frameworks=indicator.framework_id).order_by("name"))
    found = readings([indicator], day, countries=countries)
    context = {
        "indicator": indicator,
        "day": day,
        "day_query": day_query(request.GET, day),
        "readings": sorted(found, key=lambda r: (r.country.name, r.period_start, r.period_end)),
        "panels": small_multiples(found, countries, unit=indicator.unit),
        "events": _events(found),
        "export_query": f"indicator={indicator.code}&as_of={day.isoformat()}",
    }
    return render(request, "indicators/detail.html", context)


def _indicator_or_404(code: str) -> Indicator:
    try:
        return indicators_with_framework().get(code=code)
    except Indicator.DoesNotExist:
        raise Http404(_("No indicator has the code “%(code)s”.") % {"code": code}) from None


def _events(found) -> list:
    """The events the derived values count, each once, oldest first."""
    seen = {}
    for reading in found:
        for event in reading.events:
            seen.setdefault(event.pk, event)
    return sorted(seen.values(), key=lambda e: (e.starts_on, e.slug))
