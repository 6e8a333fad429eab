"""The public pages: dashboard, country, requirement and cell history.

Every status comes from alignment.scoring; every filter from alignment.filters. Each page
runs a fixed number of queries, whatever the number of countries, requirements and
changes (pinned in tests/pages).
"""

import datetime as dt
from typing import NamedTuple
from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from alignment.exports.views import CONTENT_TYPES, HISTORY_COLUMNS, STATUS_COLUMNS
from alignment.models import (
    Framework,
    Requirement,
    StatusChange,
    Theme,
    is_lagging,
    status_choices,
)
from alignment.pages import charts, dashboard, reads
from alignment.scoring import (
    kept_ranking,
    kept_scores,
    leaves,
    overdue_counts,
    replay_as_of,
    score_countries,
    statuses_as_of,
    subtree,
)
from alignment.treaties.chart import country_treaties
from countries.models import Country, EURelationship


def home(request: HttpRequest) -> HttpResponse:
    """The overview: every country's index and coverage on every framework, as of a day.

    An old dashboard link (`/?framework=CODE&...`) leads to that framework's page.
    """
    code = request.GET.get("framework", "").strip()
    if code:
        _framework_or_404(code)
        params = request.GET.copy()
        del params["framework"]
        url = reverse("alignment:framework", args=[code])
        return redirect(_with_query(url, params.urlencode()))
    filters = dashboard.read_filters(request)
    day = filters.day
    frameworks = dashboard.overview_frameworks()
    applies = set().union(*(f.country_ids for f in frameworks))
    countries = [c for c in filters.select_countries(Country.objects.all()) if c.pk in applies]
    countries.sort(key=lambda c: c.name)
    key_dates = dashboard.key_dates()
    workshops = [k for k in key_dates if k.slug]
    day_query = urlencode({"as_of": day.isoformat()})
    return render(
        request,
        "alignment/overview.html",
        {
            "day": day,
            "day_query": dashboard.day_query(request.GET, day),
            "as_of_query": day_query,
            "keep": dashboard.kept_params(request.GET),
            "frameworks": frameworks,
            "synthetic_only": bool(frameworks) and all(f.synthetic for f in frameworks),
            "rows": dashboard.overview_rows(frameworks, countries, day, day_query),
            "key_dates": key_dates,
            "story": workshops[-1] if workshops else None,
            "status_csv": _export_url("exports:status", as_of=day.isoformat()),
        },
    )


def framework(request: HttpRequest, framework: str) -> HttpResponse:
    """Zoom: one framework's top-level groups by country (a group cell is its index)."""
    return _heatmap_page(request, _framework_or_404(framework), group_code=None)


def framework_group(request: HttpRequest, framework: str, group: str) -> HttpResponse:
    """One group of a framework, with each requirement under it."""
    return _heatmap_page(request, _framework_or_404(framework), group_code=group)


class Node(NamedTuple):
    """A requirement's place in its framework's tree, read without the model instance."""

    pk: int
    parent_id: int | None


def _framework_or_404(code: str) -> Framework:
    try:
        return Framework.objects.get(code=code)
    except Framework.DoesNotExist:
        raise Http404(
            _("framework: no framework has the code “%(code)s”.") % {"code": code}
        ) from None


def _group_or_404(framework: Framework, requirements: list[Requirement], code: str):
    parents = {r.parent_id for r in requirements}
    for requirement in requirements:
        if requirement.code == code and requirement.pk in parents:
            return requirement
    raise Http404(
        _("group: %(framework)s has no group of requirements “%(code)s”.")
        % {"framework": framework.code, "code": code}
    )


def _heatmap_page(request: HttpRequest, framework: Framework, group_code: str | None):
    filters = dashboard.read_filters(request)
    day = filters.day
    chosen = dashboard.chosen(filters)
    countries = list(filters.select_countries(framework.countries.all()))
    if group_code is None and not chosen["theme"] and not chosen["status"]:
        group, ancestors = None, []
        rows, scores, has_data = _top_level_rows(framework, countries, day)
    else:
        requirements = dashboard.in_tree_order(list(framework.requirements.all()))
        group = _group_or_404(framework, requirements, group_code) if group_code else None
        ancestors = _ancestors(requirements, group) if group else []
        rows, scores, has_data = _statuses_rows(
            filters, chosen, framework, requirements, group, countries
        )
    first_day = None if has_data else dashboard.earliest_data(framework)
    day_query = dashboard.day_query(request.GET, day)
    query = request.GET.urlencode()
    export = {"framework": framework.code, "as_of": day.isoformat()}
    export.update(
        {k: v for k, v in request.GET.lists() if k in ("country", "theme", "group", "status")}
    )
    title = group.title if group else framework.title
    return render(
        request,
        "alignment/framework.html",
        {
            "day": day,
            "future": day > timezone.localdate(),
            "first_day": first_day,
            "before_data": first_day is not None and first_day > day,
            "never_data": not has_data and first_day is None,
            "first_day_query": first_day
            and dashboard.with_params(request.GET, as_of=first_day.isoformat()),
            "framework": framework,
            "group": group,
            "ancestors": ancestors,
            "themes": Theme.objects.all(),
            "groups": EURelationship.choices,
            "statuses": status_choices(framework.kind),  # issue 8: the kind's words
            "chosen": chosen,
            "filtered": any(chosen.values()),
            "countries": countries,
            "rows": rows,
            "columns": dashboard.heatmap_columns(countries, framework),
            "day_query": day_query,
            "query": query,
            "scores": scores,
            "ranking_svg": charts.ranking_chart(
                scores,
                title=_("Countries ranked by alignment index on %(title)s as of %(day)s")
                % {"title": title, "day": day.isoformat()},
            ),
            "overview_query": urlencode({"as_of": day.isoformat()}),
            "status_csv": _export_url("exports:status", **export),
            "history_csv": _export_url(
                "exports:history", **{k: v for k, v in export.items() if k != "status"}
            ),
        },
    )


def _top_level_rows(framework: Framework, countries: list[Country], day: dt.date):
    """The framework page unfiltered: top-level groups and the ranking from kept totals.

    Queries bounded by what is shown, not by the history: the tree's ids and deadlines,
    the top-level requirements, the kept totals of their groups and of the root (one
    index seek per series), the overdue count per country (one seek per pair with data
    on a requirement whose deadline has passed) and the statuses of top-level leaves,
    if any.
    """
    nodes = list(Node(*row) for row in framework.requirements.values_list("pk", "parent_id"))
    tops = dashboard.in_tree_order(list(framework.requirements.filter(parent=None)))
    groups = {n.parent_id for n in nodes}
    top_groups = [r for r in tops if r.pk in groups]
    top_leaves = [r for r in tops if r.pk not in groups]
    kept = kept_scores(
        day,
        framework=framework,
        countries=countries,
        requirements=nodes,
        groups=[*top_groups, None],
    )
    assessed = leaves(nodes)
    overdue = overdue_counts(day, countries=countries, requirement_ids=[n.pk for n in assessed])
    statuses = statuses_as_of(day, requirements=top_leaves, countries=countries, lean=True)
    rows = []
    for top in tops:
        if top.pk in groups:
            cells = [kept[(c.pk, top.pk)] for c in countries]
        else:
            cells = [statuses.get((c.pk, top.pk)) for c in countries]
        rows.append(dashboard.HeatRow(top, 0, [], is_group=top.pk in groups, cells=cells))
    # A root series has a row once any leaf has a status, and its totals never go back
    # to zero: with data or not applicable counted means a status in force.
    has_data = bool(statuses) or any(
        kept[(c.pk, None)].with_data or kept[(c.pk, None)].applicable < len(assessed)
        for c in countries
    )
    scores = kept_ranking(day, countries=countries, kept=kept, overdue=overdue)
    return rows, scores, has_data


def _statuses_rows(filters, chosen, framework, requirements, group, countries):
    """A group page, or the framework page with a theme or status filter: from statuses.

    A group page reads the statuses of the leaves under the group only. The filtered
    framework page reads the whole framework's: its group cells summarise only the
    leaves a theme or a status picks, which no kept total holds (costlier, as before).
    """
    day = filters.day
    below = subtree(requirements, group) if group else requirements
    themed = {r.pk for r in requirements}
    if chosen["theme"]:
        themed &= set(
            filters.select_requirements(framework.requirements.all()).values_list("pk", flat=True)
        )
    assessed = leaves(below)
    if group is None:
        statuses = statuses_as_of(day, framework=framework, countries=countries, lean=True)
    else:
        statuses = statuses_as_of(day, requirements=below, countries=countries, lean=True)
    scores = score_countries(
        countries=countries,
        requirements=[r for r in assessed if r.pk in themed],
        statuses=statuses,
        day=day,
    )
    shown = themed
    if chosen["status"]:
        # The status filter picks the heat map's rows; the ranking keeps every requirement.
        where = Q(requirement__framework=framework)
        if group is not None:
            where &= Q(requirement__in=[r.pk for r in assessed])
        matching = filters.in_force(StatusChange.objects.all(), where)
        shown = themed & set(matching.values_list("requirement_id", flat=True))
    rows = dashboard.heatmap_rows(
        requirements=requirements,
        shown=shown,
        countries=countries,
        statuses=statuses,
        day=day,
        root=group,
    )
    if group is None:
        rows = [row for row in rows if row.depth == 0]
    return rows, scores, bool(statuses)


def _export_url(name: str, fmt: str = "csv", **params) -> str:
    return _with_query(reverse(name, kwargs={"fmt": fmt}), urlencode(params, doseq=True))


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


# A framework with more leaf requirements than this shows on a country page its top-level
# groups (index, coverage, lags from the kept totals), each opening its own rows with
# ?framework=CODE&group=CODE, instead of every requirement at once (issue 10).
ROWS_AT_ONCE = 60


def country(request: HttpRequest, code: str) -> HttpResponse:
    """One country: per framework its summary, index over time, lags and statuses.

    Bounded by what it shows (issue 10): the summaries and the index over time come from
    the kept totals, the statuses only for the rows on the page.
    """
    day = dashboard.read_day(request)
    country = _country_or_404(code)
    frameworks = _country_frameworks(country, request.GET.get("framework"))
    shape_of = reads.shapes(frameworks)
    chosen = _chosen_group(request.GET.get("group"), frameworks, shape_of)
    layout = {f.pk: _country_layout(shape_of[f.pk], chosen) for f in frameworks}
    overdue = {
        requirement_id
        for _, requirement_id in reads.overdue_ids(
            day, Q(country=country, requirement__framework__in=frameworks)
        )
    }
    wanted = {pk for rows, groups in layout.values() for pk in (*rows, *groups)}
    by_id = {
        r.pk: r for r in Requirement.objects.filter(pk__in=wanted | overdue | set(chosen.values()))
    }
    shown = [pk for rows, _ in layout.values() for pk in rows]
    statuses = reads.in_force(day, Q(country=country, requirement__in=shown))
    scores = reads.kept_ratios(
        day,
        frameworks=frameworks,
        countries=[country],
        groups={f.pk: [None, *layout[f.pk][1]] for f in frameworks},
        shape_of=shape_of,
    )
    histories = reads.index_over_time(country, frameworks, shape_of)
    day_query = dashboard.day_query(request.GET, day)
    sections = [
        _country_section(
            country,
            framework,
            day,
            day_query,
            shape=shape_of[framework.pk],
            rows=[by_id[pk] for pk in layout[framework.pk][0]],
            groups=[by_id[pk] for pk in layout[framework.pk][1]],
            chosen=by_id.get(chosen.get(framework.pk)),
            statuses=statuses,
            scores=scores,
            overdue=[
                by_id[pk]
                for pk in overdue
                if pk in shape_of[framework.pk].parent and shape_of[framework.pk].is_leaf(pk)
            ],
            points=histories[framework.pk],
        )
        for framework in frameworks
    ]
    workshops = _country_workshops(country, day)
    return render(
        request,
        "alignment/country.html",
        {
            "day": day,
            "day_query": day_query,
            "keep": dashboard.kept_params(request.GET),
            "country": country,
            "sections": sections,
            "workshops": workshops,
            "steps": _steps_since(country, workshops, frameworks, shape_of, day),
            **country_treaties(country, day),  # issue 8: templates/treaties/country_section.html
        },
    )


def _chosen_group(code: str | None, frameworks: list[Framework], shape_of) -> dict[int, int]:
    """{framework id: group id} for `group`, a group of the one framework on the page."""
    if not code:
        return {}
    if len(frameworks) != 1:
        raise BadRequest(_("group: choose one framework (framework=CODE) to open a group of."))
    (framework,) = frameworks
    shape = shape_of[framework.pk]
    for pk, found in shape.code.items():
        if found == code and not shape.is_leaf(pk):
            return {framework.pk: pk}
    raise Http404(
        _("group: %(framework)s has no group of requirements “%(code)s”.")
        % {"framework": framework.code, "code": code}
    )


def _country_layout(shape, chosen: dict[int, int]) -> tuple[list[int], list[int]]:
    """(ids of the requirements listed with their status, ids of the groups summarised).

    A group chosen: its leaves. A small framework: every leaf. A large one: its top-level
    groups, summarised, and any top-level leaf.
    """
    group = chosen.get(shape.framework_id)
    everything = shape.leaves_under(None)
    if len(everything) <= ROWS_AT_ONCE:
        return (shape.leaves_under(group) if group else everything), []
    tops = shape.children.get(None, [])
    groups = [pk for pk in tops if not shape.is_leaf(pk)]
    rows = [pk for pk in tops if shape.is_leaf(pk)]
    return rows + (shape.leaves_under(group) if group else []), groups


def _steps_since(country, workshops: list[dict], frameworks, shape_of, day: dt.date):
    """How many requirements are better, the same or worse on `day` than at the end of the
    last workshop the country took part in; None when it took part in none before `day`."""
    past = [w["workshop"] for w in workshops if w["workshop"].ends_on <= day]
    if not past:
        return None
    workshop = max(past, key=lambda w: w.ends_on)
    groups = [pk for shape in shape_of.values() for pk in shape.children if pk is not None]
    where = Q(requirement__framework__in=frameworks) & ~Q(requirement__in=groups)
    counts = {"better": 0, "same": 0, "worse": 0, "changed": 0}
    for moved in reads.movements(country, workshop.ends_on, day, where):
        if moved in counts:
            counts[moved] += 1
    return {"workshop": workshop, **counts}


def _country_or_404(code: str) -> Country:
    try:
        return Country.objects.get(code=code.upper())
    except Country.DoesNotExist:
        raise Http404(_("country: no country has the code “%(code)s”.") % {"code": code}) from None


def _country_frameworks(country: Country, code: str | None) -> list[Framework]:
    """The public frameworks that apply to `country`, or the one named by `framework`."""
    frameworks = country.frameworks.all()
    if not code:
        return list(frameworks.public())
    framework = frameworks.filter(code=code).first()
    if framework is None:
        raise Http404(
            _("framework: no framework with the code “%(code)s” applies to %(country)s.")
            % {"code": code, "country": country.name}
        )
    return [framework]


def _country_section(
    country,
    framework,
    day,
    day_query,
    *,
    shape,
    rows,
    groups,
    chosen,
    statuses,
    scores,
    overdue,
    points,
):
    rows = dashboard.in_tree_order(rows)
    groups = dashboard.in_tree_order(groups)
    overdue = dashboard.in_tree_order(overdue)
    listed = {r.pk for r in rows}
    prefix = dashboard.cell_url_prefixes([country], framework)[country.pk]
    here = reverse("alignment:country", args=[country.code])

    def opened(group_code: str, anchor: str) -> str:
        query = urlencode({"framework": framework.code, "group": group_code})
        return f"{_with_query(here, '&'.join(filter(None, [query, day_query])))}#{anchor}"

    by_top = {}
    for requirement in overdue:
        by_top.setdefault(shape.top_of(requirement.pk), []).append(requirement)
    tops = {r.pk: r for r in groups}
    points, step = dashboard.thinned(points)
    overdue_ids = {r.pk for r in overdue}
    status_rows = [
        {
            "requirement": requirement,
            "change": statuses.get((country.pk, requirement.pk)),
            "url": _with_query(dashboard.cell_url(prefix, requirement), day_query),
            "overdue": requirement.pk in overdue_ids,
        }
        for requirement in rows
    ]
    return {
        "framework": framework,
        "score": scores[(country.pk, framework.pk, None)],
        "rows": status_rows,
        "lagging": [
            row
            for row in status_rows
            if row["change"] is not None and is_lagging(row["change"].status)
        ],
        "overdue": [
            {
                "requirement": r,
                "href": f"#{framework.code}-{r.code}"
                if r.pk in listed
                else opened(tops[shape.top_of(r.pk)].code, f"{framework.code}-{r.code}"),
            }
            for r in overdue
        ],
        "chosen": chosen,
        "groups": [
            {
                "requirement": group,
                "score": scores[(country.pk, framework.pk, group.pk)],
                "overdue": len(by_top.get(group.pk, [])),
                "url": opened(group.code, f"fw-{framework.code}"),
                "open": chosen is not None and shape.top_of(chosen.pk) == group.pk,
            }
            for group in groups
        ],
        "points": points,
        "step": step,
        "chart": charts.index_chart(
            points,
            end=max(timezone.localdate(), day),
            marker=day,
            title=_("Alignment index of %(country)s on %(framework)s over time")
            % {"country": country.name, "framework": framework.title},
        )
        if points
        else None,
        "status_csv": _export_url(
            "exports:status", country=country.code, framework=framework.code, as_of=day.isoformat()
        ),
        "history_csv": _export_url(
            "exports:history", country=country.code, framework=framework.code
        ),
    }


def _country_workshops(country: Country, day: dt.date) -> list[dict]:
    """The workshops `country` took part in, each with the recommendations it received.

    Read through Country's reverse relations (alignment does not import workshops). A
    recommendation's follow-up is its status on the workshop's last day next to `day`.
    """
    participations = list(country.participations.select_related("workshop__host_country"))
    # Only the recommendations to this country or to every participant: a workshop may
    # hold hundreds to other countries.
    candidates = country.recommendations.model.objects.filter(
        Q(country=country) | Q(country__isnull=True),
        workshop__in=[p.workshop_id for p in participations],
    ).select_related("requirement__framework")
    by_workshop = {}
    for rec in candidates:
        by_workshop.setdefault(rec.workshop_id, []).append(rec)
    received = {
        p.pk: sorted(
            (
                rec
                for rec in by_workshop.get(p.workshop_id, [])
                if rec.country_id == country.pk or (rec.country_id is None and p.is_beneficiary)
            ),
            key=lambda rec: dashboard.natural(rec.code),
        )
        for p in participations
    }
    requirement_ids = {r.requirement_id for recs in received.values() for r in recs} - {None}
    rows = reads.history(Q(country=country, requirement__in=requirement_ids))
    now = replay_as_of(rows, day)
    workshops = []
    for participation in sorted(participations, key=lambda p: p.workshop.starts_on, reverse=True):
        then = replay_as_of(rows, participation.workshop.ends_on)
        workshops.append(
            {
                "participation": participation,
                "workshop": participation.workshop,
                "recommendations": [
                    dashboard.followups(rec, [country], then, now)
                    for rec in received[participation.pk]
                ],
            }
        )
    return workshops


# Changes a page in a requirement's history table, newest first (issue 10: fifty
# countries with ten changes each would list five hundred).
HISTORY_PER_PAGE = 25


def requirement(request: HttpRequest, framework: str, code: str) -> HttpResponse:
    """One requirement: each country's status on the day (a leaf) or index on what it
    holds (a group), with its history and the recommendations that concern it."""
    day = dashboard.read_day(request)
    requirement = _requirement_or_404(framework, code)
    framework = requirement.framework
    shape = reads.shapes([framework])[framework.pk]
    chain = _chain(shape, requirement.pk)
    near = {r.pk: r for r in Requirement.objects.filter(Q(pk__in=chain) | Q(parent=requirement))}
    for found in near.values():
        found.framework = framework  # their links need its code
    countries = list(framework.countries.all())
    is_leaf = shape.is_leaf(requirement.pk)
    day_query = dashboard.day_query(request.GET, day)
    context = {
        "day": day,
        "day_query": day_query,
        "keep": dashboard.kept_params(request.GET),
        "requirement": requirement,
        "framework": framework,
        "ancestors": [near[pk] for pk in chain],
        "children": dashboard.in_tree_order(
            [r for r in near.values() if r.parent_id == requirement.pk]
        ),
        "is_leaf": is_leaf,
        "recommendations": requirement.recommendations.select_related(
            "workshop", "country", "source"
        ),
        "status_csv": _export_url(
            "exports:status", framework=framework.code, as_of=day.isoformat()
        ),
        "history_csv": _export_url("exports:history", framework=framework.code),
    }
    if is_leaf:
        statuses = reads.in_force(day, Q(requirement=requirement, country__in=countries))
        prefixes = dashboard.cell_url_prefixes(countries, framework)
        context["rows"] = [
            {
                "country": country,
                "change": statuses.get((country.pk, requirement.pk)),
                "url": _with_query(
                    dashboard.cell_url(prefixes[country.pk], requirement), day_query
                ),
            }
            for country in countries
        ]
        history = (
            StatusChange.objects.approved()
            .filter(requirement=requirement)
            .select_related("country", "source")
            .newest_first()
        )
        page = _page_or_404(history, request.GET.get("page", "1"), HISTORY_PER_PAGE)
        context["history"] = page.object_list
        context["page"] = page
        context["page_query"] = day_query
    else:
        context["scores"] = _group_scores(day, framework, requirement, countries, shape)
    return render(request, "alignment/requirement.html", context)


def _chain(shape, pk: int) -> list[int]:
    """The ids above `pk`, the top-level one first."""
    chain = []
    while shape.parent.get(pk) is not None:
        pk = shape.parent[pk]
        chain.insert(0, pk)
    return chain


def _page_or_404(rows, number: str, per_page: int):
    try:
        return Paginator(rows, per_page).page(number)
    except InvalidPage:
        raise Http404(_("page: there is no page “%(page)s”.") % {"page": number}) from None


def _group_scores(day, framework, group, countries, shape) -> list[dict]:
    """Each country's index, coverage, lags and overdue count on the leaves under
    `group`, best first: the kept totals, and the overdue pairs by index seeks."""
    scores = reads.kept_ratios(
        day,
        frameworks=[framework],
        countries=countries,
        groups={framework.pk: [group.pk]},
        shape_of={framework.pk: shape},
    )
    overdue = reads.overdue_ids(
        day, Q(requirement__in=shape.leaves_under(group.pk), country__in=countries)
    )
    rows = [
        {
            "country": country,
            "score": scores[(country.pk, framework.pk, group.pk)],
            "overdue": sum(1 for country_id, _ in overdue if country_id == country.pk),
        }
        for country in countries
    ]
    # score_countries' order: index, then coverage, then name.
    return sorted(
        rows,
        key=lambda row: (
            row["score"].index is None,
            -(row["score"].index or 0),
            -(row["score"].coverage or 0),
            row["country"].name,
        ),
    )


def _requirement_or_404(framework: str, code: str) -> Requirement:
    try:
        return Requirement.objects.select_related("framework").get(
            framework__code=framework, code=code
        )
    except Requirement.DoesNotExist:
        if not Framework.objects.filter(code=framework).exists():
            raise Http404(
                _("framework: no framework has the code “%(code)s”.") % {"code": framework}
            ) from None
        raise Http404(
            _("requirement: %(framework)s has no requirement “%(code)s”.")
            % {"framework": framework, "code": code}
        ) from None


def _ancestors(everything: list[Requirement], requirement: Requirement) -> list[Requirement]:
    by_id = {r.pk: r for r in everything}
    chain, node = [], requirement
    while node.parent_id:
        node = by_id[node.parent_id]
        chain.insert(0, node)
    return chain


def cell(request: HttpRequest, country: str, framework: str, code: str) -> HttpResponse:
    """One country on one requirement: every approved change, oldest first, with sources."""
    day = dashboard.read_day(request)
    country = _country_or_404(country)
    requirement = _requirement_or_404(framework, code)
    if not requirement.framework.countries.filter(pk=country.pk).exists():
        raise Http404(
            _("%(framework)s does not apply to %(country)s.")
            % {"framework": requirement.framework.code, "country": country.name}
        )
    changes = list(
        StatusChange.objects.approved()
        .for_pair(country, requirement)
        .select_related("source")
        .oldest_first()
    )
    current = replay_as_of(changes, day).get((country.pk, requirement.pk))
    # Recommendation.addressees() in two queries, whether any recommendation is there or not.
    recommendations = requirement.recommendations.select_related("workshop", "source")
    took_part = {
        p.workshop_id: p
        for p in country.participations.filter(workshop__recommendations__requirement=requirement)
    }
    return render(
        request,
        "alignment/cell.html",
        {
            "day": day,
            "day_query": dashboard.day_query(request.GET, day),
            "keep": dashboard.kept_params(request.GET),
            "country": country,
            "requirement": requirement,
            "changes": changes,
            "current": current,
            "recommendations": [
                rec
                for rec in recommendations
                if rec.country_id == country.pk
                or (
                    rec.country_id is None
                    and rec.workshop_id in took_part
                    and took_part[rec.workshop_id].is_beneficiary
                )
            ],
            "history_csv": _export_url(
                "exports:history", country=country.code, framework=requirement.framework.code
            ),
        },
    )


# What each download column means, for the Data page (the columns come from the exports).
COLUMN_MEANINGS = {
    "country_code": _lazy("ISO 3166-1 alpha-2 code (XK for Kosovo)"),
    "country": _lazy("country name"),
    "framework": _lazy("framework code, e.g. eu-ch24"),
    "requirement_code": _lazy("full code <framework>/<requirement>"),
    "requirement": _lazy("requirement title"),
    "status": _lazy("status code of the scale"),
    "score": _lazy("0 to 100; empty for not_applicable"),
    "effective_on": _lazy(
        "when the status took effect, at its precision: 2018-09-15, 2018-07 or 2016"
    ),
    "source_url": _lazy("address of the document behind the status"),
    "evidence": _lazy("what the source says, in the recorder's words"),
    "source_title": _lazy("title of the document behind the status"),
    "recorded_at": _lazy("when the change was recorded, UTC, ISO 8601"),
}


def data(request: HttpRequest) -> HttpResponse:
    """Every download, the API and the licence, with examples that work on this server."""
    downloads = [
        (
            _("Statuses as of a day"),
            _(
                "each country's status on each requirement in force on as_of, "
                "one row per pair with data"
            ),
            "exports:status",
            STATUS_COLUMNS,
        ),
        (
            _("History of changes"),
            _("every approved change that had taken effect by as_of, each pair's oldest first"),
            "exports:history",
            HISTORY_COLUMNS,
        ),
    ]
    return render(
        request,
        "alignment/data.html",
        {
            "downloads": [
                {
                    "title": title,
                    "rows": rows,
                    "links": [
                        (fmt.upper(), reverse(name, kwargs={"fmt": fmt})) for fmt in CONTENT_TYPES
                    ],
                    "columns": [(c, COLUMN_MEANINGS[c]) for c in columns],
                }
                for title, rows, name, columns in downloads
            ],
            "example": _export_url("exports:status", country="RS", as_of="2016-05-26"),
            "api_example": reverse("api:score-list")
            + "?"
            + urlencode({"framework": "eu-ch24", "as_of": "2016-05-26"}),
        },
    )
