"""Open data downloads: statuses as of a day and their history, as CSV, XLSX and JSON.

Only approved rows, filtered by alignment.filters (the same FilterSets as the pages and
the API). Every format streams from one database cursor read in chunks, so memory stays
flat however many rows there are, and the first bytes leave before the last row is read.
XLSX is written by alignment.exports.xlsx (why not openpyxl: see there).
"""

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Iterator
from functools import wraps

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotFound,
    JsonResponse,
    StreamingHttpResponse,
)
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from alignment.dates import format_partial
from alignment.exports import xlsx
from alignment.filters import HistoryFilterSet, StatusFilterSet
from alignment.models import AS_OF_ORDER, SCORES
from alignment.opendata import PAIR_ORDER, describe_errors, exports_etag, public_scope
from common.i18n import localized
from common.text import spreadsheet_cell

STATUS_COLUMNS = [
    "country_code",
    "country",
    "framework",
    "requirement_code",
    "requirement",
    "status",
    "score",
    "effective_on",
    "source_url",
]
CONTRACTED_COLUMNS = STATUS_COLUMNS.copy()
HISTORY_COLUMNS = [*CONTRACTED_COLUMNS, "recorded_at"]
# After the contracted columns, which keep their names and order (DESIGN.md, i9).
STATUS_COLUMNS += ["evidence", "source_title"]
CHUNK_SIZE = 2000


def _fields() -> list:
    """What each row is read from; _row turns it into the columns above. The names and
    titles in the reader's language (common.i18n.localized), the codes as they are."""
    return [
        "country__code",
        localized("country__name"),
        "requirement__framework__code",
        "requirement__code",
        localized("requirement__title"),
        "status",
        "effective_on",
        "precision",
        "source__url",
    ]


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def conditional(view: Callable) -> Callable:
    """304 Not Modified when the client's ETag still matches the data."""

    @wraps(view)
    def wrapped(request: HttpRequest, fmt: str) -> HttpResponse:
        if fmt not in CONTENT_TYPES:
            return HttpResponseNotFound(
                _("“.%(format)s” is not an export format: use .csv, .xlsx or .json.")
                % {"format": fmt},
                content_type="text/plain; charset=utf-8",
            )
        etag = exports_etag(request)
        response = get_conditional_response(request, etag=etag) or view(request, fmt)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            patch_cache_control(response, public=True, no_cache=True)
        return response

    return wrapped


@require_safe
@conditional
def status_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Each pair's approved status in force on `as_of`, one row per pair with data."""
    filterset = StatusFilterSet(request.GET, queryset=public_scope(request.GET))
    if not filterset.is_valid():
        return bad_parameters(filterset.errors, fmt)
    rows = filterset.qs.order_by(*PAIR_ORDER).values_list(*_fields(), "evidence", "source__title")
    return respond(fmt, "status", filterset.day, STATUS_COLUMNS, rows)


@require_safe
@conditional
def history_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every approved change in effect by `as_of`, each pair's oldest first."""
    filterset = HistoryFilterSet(request.GET, queryset=public_scope(request.GET))
    if not filterset.is_valid():
        return bad_parameters(filterset.errors, fmt)
    rows = filterset.qs.order_by(*PAIR_ORDER, *AS_OF_ORDER).values_list(*_fields(), "recorded_at")
    return respond(fmt, "history", filterset.day, HISTORY_COLUMNS, rows)


def bad_parameters(errors: dict[str, list[str]], fmt: str) -> HttpResponse:
    if fmt == "json":
        return JsonResponse(errors, status=400)
    return HttpResponse(
        describe_errors(errors), status=400, content_type="text/plain; charset=utf-8"
    )


def respond(fmt: str, name: str, day: dt.date, columns: list[str], rows) -> HttpResponse:
    table = (_row(values) for values in rows.iterator(chunk_size=CHUNK_SIZE))
    filename = f"{name}-{day.isoformat()}.{fmt}"
    if fmt == "xlsx":
        content = xlsx.stream(name, columns, table)
    elif fmt == "csv":
        content = _batched(csv_lines(columns, table))
    else:
        content = _batched(json_lines(columns, table))
    response = StreamingHttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "json" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _row(values: tuple) -> list:
    country_code, country, framework, code, title, status, effective_on, precision, url, *rest = (
        values
    )
    row = [
        country_code,
        country,
        framework,
        f"{framework}/{code}",
        title,
        status,
        SCORES[status],
        format_partial(effective_on, precision),
        url,
    ]
    for value in rest:
        if isinstance(value, dt.datetime):  # the history's recorded_at
            value = value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
        row.append(value)
    return row


def csv_lines(columns: list[str], table: Iterable[list]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in table:
        writer.writerow([spreadsheet_cell(value) for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def json_lines(columns: list[str], table: Iterable[list]) -> Iterator[str]:
    """A JSON array of objects keyed by the column names, one object a line."""
    separator = "[\n"
    for row in table:
        yield separator + json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False)
        separator = ",\n"
    yield "[]\n" if separator == "[\n" else "\n]\n"


def _batched(lines: Iterator[str], size: int = 500) -> Iterator[str]:
    """Hand the server a few hundred lines at a time rather than one write per row."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield "".join(batch)
            batch.clear()
    if batch:
        yield "".join(batch)
