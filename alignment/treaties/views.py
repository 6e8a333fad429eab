"""The treaty chart page and its CSV: /treaties/<code>/ and /treaties/<code>/chart.csv."""

import csv
import io

from django import forms
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alignment.models import Framework, status_choices
from alignment.pages.dashboard import read_day
from alignment.treaties.chart import NO_DATA, SORTS, chart_rows, select, treaty_frameworks

CSV_COLUMNS = [
    "country_code",
    "country",
    "signed_on",
    "ratified_on",
    "in_force_on",
    "step",
    "step_label",
    "signed_source",
    "ratified_source",
    "in_force_source",
    "declarations",
]


class ChartForm(forms.Form):
    """The chart's parameters besides as_of: which steps to show and the column to sort by."""

    step = forms.MultipleChoiceField(required=False, label=gettext_lazy("Current step"))
    sort = forms.ChoiceField(
        required=False, choices=list(SORTS.items()), label=gettext_lazy("Sort by")
    )

    def __init__(self, *args, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [*status_choices(kind), (NO_DATA, _("No data"))]


def _treaty_or_404(code: str) -> Framework:
    framework = treaty_frameworks().filter(code=code).first()
    if framework is None:
        raise Http404(
            _("framework: no treaty or protocol has the code “%(code)s”.") % {"code": code}
        )
    return framework


def _chart(request: HttpRequest, code: str):
    framework = _treaty_or_404(code)
    day = read_day(request)
    form = ChartForm(request.GET, kind=framework.kind)
    if not form.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
        raise BadRequest(problems)
    steps, sort = form.cleaned_data["step"], form.cleaned_data["sort"] or "country"
    rows = select(chart_rows(framework, day), steps, sort)
    return framework, day, form, steps, sort, rows


def chart(request: HttpRequest, code: str) -> HttpResponse:
    framework, day, form, steps, sort, rows = _chart(request, code)
    query = request.GET.urlencode()
    return render(
        request,
        "treaties/chart.html",
        {
            "framework": framework,
            "day": day,
            "rows": rows,
            "form": form,
            "steps": steps,
            "sort": sort,
            "sorts": SORTS.items(),
            "step_choices": form.fields["step"].choices,
            "keep": [
                (name, value)
                for name, values in request.GET.lists()
                if name != "as_of"
                for value in values
            ],
            "csv_url": reverse("treaties:chart_csv", args=[framework.code])
            + (f"?{query}" if query else ""),
            "treaties": treaty_frameworks(),
        },
    )


def chart_csv(request: HttpRequest, code: str) -> HttpResponse:
    framework, day, _form, _steps, _sort, rows = _chart(request, code)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.country.code,
                row.name,
                *(change.effective_display if change else "" for _, change in row.dates),
                row.step if row.current else "",
                row.step_label if row.current else "",
                *(change.source.title if change else "" for _, change in row.dates),
                " | ".join(d.summary for d in row.declarations),
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"treaty-{framework.code}-{day.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def index(request: HttpRequest) -> HttpResponse:
    """The treaty frameworks, each with a link to its chart."""
    return render(
        request,
        "treaties/index.html",
        {"treaties": treaty_frameworks(), "day": read_day(request)},
    )
