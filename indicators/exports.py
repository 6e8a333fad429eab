"""Open data: every indicator value in force on a day, as CSV, XLSX and JSON.

The columns are DESIGN.md's contract. Typed values are approved ones (status
"approved"); values counted from the tracker's events say "derived" and cite the
sources of the events they count. Filters: indicators.filters.IndicatorFilterSet.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from alignment.exports import xlsx
from alignment.exports.views import CONTENT_TYPES, bad_parameters, csv_lines, json_lines
from alignment.opendata import exports_etag
from indicators.filters import IndicatorFilterSet, public_indicators
from indicators.models import format_number
from indicators.readings import Reading, readings

COLUMNS = [
    "country_code",
    "country",
    "indicator_code",
    "indicator",
    "period",
    "value",
    "unit",
    "status",
    "source_url",
]


def row(reading: Reading, absolute=str) -> list:
    """A reading in COLUMNS; "not reported" keeps its reason in the value cell.

    A derived value's source_url is the tracker's page of each event it counts, made
    absolute by `absolute` (request.build_absolute_uri), space-separated.
    """
    if reading.value is None:
        value = _("not reported: %(reason)s") % {"reason": reading.not_reported_reason}
    else:
        value = format_number(reading.value)
    return [
        reading.country.code,
        reading.country.name,
        reading.indicator.code,
        reading.indicator.title,
        reading.period,
        value,
        reading.indicator.unit,
        reading.status,
        " ".join(absolute(url) if reading.is_derived else url for url in reading.source_urls),
    ]


@require_safe
def indicator_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        return HttpResponseNotFound(
            _("“.%(format)s” is not an export format: use .csv, .xlsx or .json.") % {"format": fmt},
            content_type="text/plain; charset=utf-8",
        )
    # The data version's: it moves with every approval of a value or a status and every
    # change of what a row shows or counts (indicators, countries, sources, workshops and
    # who took part), in the write's own transaction (alignment.dataversion).
    etag = exports_etag(request)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        filterset = IndicatorFilterSet(request.GET, queryset=public_indicators(request.GET))
        if not filterset.is_valid():
            return bad_parameters(filterset.errors, fmt)
        found = readings(filterset.qs, filterset.day, countries=filterset.countries)
        response = _respond(fmt, filterset.day, [row(r, request.build_absolute_uri) for r in found])
    response["ETag"] = etag
    patch_cache_control(response, public=True, no_cache=True)
    return response


def _respond(fmt: str, day, table: list[list]) -> HttpResponse:
    if fmt == "xlsx":
        content = xlsx.stream("indicators", COLUMNS, table)
    elif fmt == "csv":
        content = csv_lines(COLUMNS, table)
    else:
        content = json_lines(COLUMNS, table)
    response = StreamingHttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "json" else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="indicators-{day.isoformat()}.{fmt}"'
    )
    return response
