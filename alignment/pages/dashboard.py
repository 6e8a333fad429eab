"""What the public pages compute between the filters and the templates.

Reading the URL parameters (through alignment.filters, the one definition of every
filter), the heat map's rows and the key dates. Statuses and scores come from
alignment.scoring only.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from django.core.exceptions import BadRequest
from django.db.models import Min
from django.http import Http404, HttpRequest, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from alignment.filters import DayFilterSet, StatusFilterSet
from alignment.models import Framework, Requirement, StatusChange
from alignment.scoring import kept_framework_scores, score_countries
from common.i18n import localized
from countries.models import Country

# Parameters naming things by code: an unknown code is "not found", not a bad request.
CODE_PARAMETERS = {"framework", "country", "theme"}


def read_filters(request: HttpRequest) -> StatusFilterSet:
    """The dashboard's filters, validated; a bad value is a 400 (or 404) naming it."""
    return _valid(StatusFilterSet(request.GET, queryset=StatusChange.objects.none()))


def read_day(request: HttpRequest) -> dt.date:
    """`as_of` for a page that filters nothing else; a bad value is a 400 naming it."""
    return _valid(DayFilterSet(request.GET, queryset=StatusChange.objects.none())).day


def _valid(filters: DayFilterSet) -> DayFilterSet:
    if not filters.is_valid():
        name, messages = next(iter(filters.errors.items()))
        message = f"{name}: {' '.join(messages)}"
        if name in CODE_PARAMETERS:
            raise Http404(message)
        raise BadRequest(message)
    return filters


def chosen(filters: StatusFilterSet) -> dict[str, set | list]:
    """The values chosen in each filter, as the filter form read them (codes)."""
    data = filters.form.cleaned_data
    return {
        "theme": {t.code for t in data.get("theme") or []},
        "group": set(data.get("group") or []),
        "status": set(data.get("status") or []),
        "country": [c.code for c in data.get("country") or []],
    }


def natural(code: str) -> list:
    """C4 before C10: digits compared as numbers (the one sort key for every code)."""
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", code)
    ]


def in_tree_order(requirements: list[Requirement]) -> list[Requirement]:
    """Siblings by position, then by code read naturally."""
    return sorted(requirements, key=lambda r: (r.framework_id, r.position, natural(r.code)))


def earliest_data(framework: Framework) -> dt.date | None:
    return (
        StatusChange.objects.approved()
        .filter(requirement__framework=framework)
        .aggregate(first=Min("effective_on"))["first"]
    )


def day_query(params: QueryDict, day: dt.date) -> str:
    """`as_of=...` for links that keep the page's date; empty when the page is on today."""
    return urlencode({"as_of": day.isoformat()}) if params.get("as_of") else ""


def with_params(params: QueryDict, **changes: str) -> str:
    """The query string `params` with some values replaced."""
    copy = params.copy()
    for key, value in changes.items():
        copy[key] = value
    return copy.urlencode()


@dataclass
class HeatRow:
    requirement: Requirement
    depth: int
    ancestors: list[int]
    is_group: bool
    # Per country, in column order: a leaf's StatusChange (None: no data), a group's
    # CountryScore over the leaves shown under it.
    cells: list = field(default_factory=list)


def heatmap_rows(
    *,
    requirements: list[Requirement],
    shown: set[int],
    countries: list[Country],
    statuses: dict,
    day: dt.date,
    root: Requirement | None = None,
) -> list[HeatRow]:
    """Rows in the framework's tree order: each group, then what it holds.

    Only leaves in `shown` are kept, with the groups above them; a group's cells summarise
    the leaves kept under it (their index and coverage). With `root`, only that group and
    what it holds.
    """
    children: dict[int | None, list[Requirement]] = {}
    for requirement in requirements:
        children.setdefault(requirement.parent_id, []).append(requirement)
    rows: list[HeatRow] = []

    def walk(node: Requirement, depth: int, ancestors: list[int]) -> list[Requirement]:
        below = children.get(node.pk, [])
        if not below:
            if node.pk not in shown:
                return []
            cells = [statuses.get((c.pk, node.pk)) for c in countries]
            rows.append(HeatRow(node, depth, ancestors, is_group=False, cells=cells))
            return [node]
        at = len(rows)
        found = []
        for child in below:
            found += walk(child, depth + 1, [*ancestors, node.pk])
        if found:
            scores = score_countries(
                countries=countries, requirements=found, statuses=statuses, day=day
            )
            by_country = {s.country.pk: s for s in scores}
            cells = [by_country[c.pk] for c in countries]
            rows.insert(at, HeatRow(node, depth, ancestors, is_group=True, cells=cells))
        return found

    for top in [root] if root is not None else children.get(None, []):
        walk(top, 0, [])
    return rows


def cell_url_prefixes(countries: list[Country], framework: Framework) -> dict[int, str]:
    """Per country, the cell URL up to the requirement code.

    One reverse() per country instead of one per cell: a heat map has thousands.
    """
    prefixes = {}
    for country in countries:
        url = reverse("alignment:cell", args=[country.code, framework.code, "x"])
        prefixes[country.pk] = url[: -len("x/")]
    return prefixes


def cell_url(prefix: str, requirement: Requirement) -> str:
    return f"{prefix}{quote(requirement.code)}/"


@dataclass(frozen=True)
class Column:
    """A heat-map column: what every cell of one country repeats, escaped once."""

    country: Country
    code: str
    name: str
    cell_prefix: str


def heatmap_columns(countries: list[Country], framework: Framework) -> list[Column]:
    prefixes = cell_url_prefixes(countries, framework)
    return [Column(c, escape(c.code), escape(c.name), escape(prefixes[c.pk])) for c in countries]


@dataclass(frozen=True)
class KeyDate:
    day: dt.date
    label: str
    slug: str = ""  # a workshop's


def key_dates() -> list[KeyDate]:
    """Dates worth a click: today, then each workshop's last day, newest first.

    Workshops are reached through Country's reverse relation: alignment does not import
    workshops (DESIGN.md: arrows point one way).
    """
    workshops = (
        Country.objects.filter(workshops__isnull=False)
        # The title in the reader's language: values() through Country is not rewritten
        # by modeltranslation, which would read the English column.
        .annotate(workshop_title=localized("workshops__title"))
        .values_list("workshops__ends_on", "workshop_title", "workshops__slug")
        .distinct()
        .order_by("-workshops__ends_on", "workshop_title")
    )
    return [KeyDate(timezone.localdate(), _("Today"))] + [
        KeyDate(day, title, slug) for day, title, slug in workshops
    ]


@dataclass
class OverviewRow:
    country: Country
    # Per framework, in column order: (framework, its GroupScore or None where it does
    # not apply, the framework page's URL for that country).
    cells: list = field(default_factory=list)


def overview_frameworks() -> list[Framework]:
    """The public frameworks; on a database with synthetic ones only, those (labelled)."""
    frameworks = list(Framework.objects.public()) or list(Framework.objects.all())
    # Which countries each applies to, as ids (`country_ids`): 500 pairs, no Country built.
    applies: dict[int, set[int]] = {f.pk: set() for f in frameworks}
    pairs = Framework.countries.through.objects.filter(framework__in=list(applies))
    for framework_id, country_id in pairs.values_list("framework_id", "country_id"):
        applies[framework_id].add(country_id)
    for framework in frameworks:
        framework.country_ids = applies[framework.pk]
    return frameworks


def overview_rows(
    frameworks: list[Framework], countries: list[Country], day: dt.date, query: str = ""
) -> list[OverviewRow]:
    """Each country's index and coverage on each framework (from overview_frameworks) as
    of `day`.

    From the kept totals (two queries, whatever the number of requirements and changes):
    the same figures as score_countries over the framework's statuses.
    """
    scores = kept_framework_scores(
        day,
        frameworks=frameworks,
        countries=countries,
        applies={f.pk: f.country_ids for f in frameworks},
    )
    # One reverse() per framework, not per cell; `query` (as_of) kept on every link.
    pages = {f.pk: reverse("alignment:framework", args=[f.code]) for f in frameworks}
    tail = f"&{query}" if query else ""
    rows = []
    for country in countries:
        link = f"?country={quote(country.code)}{tail}"
        cells = [(f, scores.get((country.pk, f.pk)), pages[f.pk] + link) for f in frameworks]
        rows.append(OverviewRow(country, cells))
    return rows


MAX_POINTS = 120


def thinned(points: list) -> tuple[list, str]:
    """At most about MAX_POINTS index points: every change, else each month's last, else
    each year's; with the step kept ("change", "month" or "year") for the caption.

    A long history has thousands of dates: the chart and its table would weigh more than
    the rest of the page. The index at a month's last change is the index all that month.
    """
    if len(points) <= MAX_POINTS:
        return points, "change"
    for step, key in (
        ("month", lambda p: (p.day.year, p.day.month)),
        ("year", lambda p: p.day.year),
    ):
        last = {key(p): p for p in points}
        if len(last) <= MAX_POINTS or step == "year":
            return list(last.values()), step
    raise AssertionError("unreachable")


def movement(then: StatusChange | None, now: StatusChange | None) -> str:
    """How a status moved between two dates: better, worse, same, changed or unknown."""
    if now is None:
        return "unknown"
    if then is None:
        return "changed"
    before, after = then.score, now.score
    if before is None or after is None:
        return "same" if then.status == now.status else "changed"
    if after > before:
        return "better"
    return "worse" if after < before else "same"


def followups(recommendation, countries: list[Country], then: dict, now: dict) -> dict:
    """A recommendation with its follow-up for each country it addresses."""
    return {
        "recommendation": recommendation,
        "rows": [followup(recommendation, country, then, now) for country in countries],
    }


def followup(recommendation, country: Country, then: dict, now: dict) -> dict:
    """A recommendation's status for `country` in `then` and `now` (statuses by pair)."""
    pair = (country.pk, recommendation.requirement_id)
    before, after = then.get(pair), now.get(pair)
    requirement = recommendation.requirement
    return {
        "recommendation": recommendation,
        "country": country,
        "url": requirement
        and reverse(
            "alignment:cell", args=[country.code, requirement.framework.code, requirement.code]
        ),
        "then": before,
        "now": after,
        "movement": movement(before, after),
    }


def kept_params(params: QueryDict) -> list[tuple[str, str]]:
    """Every parameter but as_of, for a date form that must keep the other choices."""
    return [(k, v) for k, values in params.lists() if k != "as_of" for v in values]
