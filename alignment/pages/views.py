"""The public pages: dashboard, country, requirement and cell history.

Every status comes from alignment.scoring; every filter from alignment.filters. Each page
runs a fixed number of queries, whatever the number of countries, requirements and
changes (pinned in tests/pages).
"""

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment.models import Framework, Requirement, StatusChange, Theme, status_choices
from alignment.pages import charts, dashboard
from alignment.scoring import (
    index_history,
    leaves,
    replay_as_of,
    score_countries,
    statuses_as_of,
    subtree,
)
from alignment.treaties.chart import country_treaties
from countries.models import Country, EURelationship


def home(request: HttpRequest) -> HttpResponse:
    filters = dashboard.read_filters(request)
    day = filters.day
    framework = dashboard.chosen_framework(filters)
    countries = list(filters.select_countries(framework.countries.all()))
    requirements = list(framework.requirements.all())
    themed = set(
        filters.select_requirements(framework.requirements.all()).values_list("pk", flat=True)
    )
    statuses = statuses_as_of(day, framework=framework, countries=countries, lean=True)
    ranked_leaves = [r for r in leaves(requirements) if r.pk in themed]
    scores = score_countries(
        countries=countries, requirements=ranked_leaves, statuses=statuses, day=day
    )
    shown = themed
    if filters.form.cleaned_data.get("status"):
        # The status filter picks the heat map's rows; the ranking keeps every requirement.
        chosen = filters.in_force(StatusChange.objects.all(), Q(requirement__framework=framework))
        shown = themed & set(chosen.values_list("requirement_id", flat=True))
    rows = dashboard.heatmap_rows(
        requirements=requirements, shown=shown, countries=countries, statuses=statuses, day=day
    )
    params = request.GET.copy()
    first_day = None if statuses else dashboard.earliest_data(framework)
    export_query = dashboard.with_params(params, framework=framework.code, as_of=day.isoformat())
    day_query = dashboard.day_query(request.GET, day)
    return render(
        request,
        "alignment/home.html",
        {
            "day": day,
            "future": day > timezone.localdate(),
            "first_day": first_day,
            "before_data": first_day is not None and first_day > day,
            "never_data": not statuses and first_day is None,
            "first_day_query": first_day
            and dashboard.with_params(params, as_of=first_day.isoformat()),
            "framework": framework,
            "frameworks": _framework_choices(framework),
            "themes": Theme.objects.all(),
            "groups": EURelationship.choices,
            "statuses": status_choices(framework.kind),  # issue 8: the kind's words
            "chosen": {
                "theme": set(params.getlist("theme")),
                "group": set(params.getlist("group")),
                "status": set(params.getlist("status")),
                "country": params.getlist("country"),
            },
            "countries": countries,
            "rows": rows,
            "columns": dashboard.heatmap_columns(countries, framework),
            "day_query": day_query,
            "scores": scores,
            "ranking_svg": charts.ranking_chart(
                scores,
                title=_("Countries ranked by alignment index on %(framework)s as of %(day)s")
                % {"framework": framework.title, "day": day.isoformat()},
                link=lambda s: _with_query(s.country.get_absolute_url(), day_query),
            ),
            "key_dates": [
                (d, dashboard.with_params(params, as_of=d.day.isoformat()))
                for d in dashboard.key_dates(framework, countries)
            ],
            "status_csv": f"/export/status.csv?{export_query}",
            "history_csv": f"/export/history.csv?{export_query}",
        },
    )


def _framework_choices(current: Framework) -> list[Framework]:
    """Public frameworks, plus the current one when it is reached by code (synthetic)."""
    frameworks = list(Framework.objects.public())
    if current not in frameworks:
        frameworks.append(current)
    return frameworks


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


def country(request: HttpRequest, code: str) -> HttpResponse:
    day = dashboard.read_day(request)
    country = _country_or_404(code)
    frameworks = _country_frameworks(country, request.GET.get("framework"))
    requirements = list(
        Requirement.objects.filter(framework__in=frameworks).order_by(
            "framework__code", "position", "code"
        )
    )
    statuses = statuses_as_of(day, frameworks=frameworks, countries=[country])
    history = list(
        StatusChange.objects.approved()
        .filter(country=country, requirement__framework__in=frameworks)
        .only("country", "requirement", "status", "effective_on", "recorded_at")
    )
    day_query = dashboard.day_query(request.GET, day)
    sections = [
        _country_section(country, framework, requirements, statuses, history, day, day_query)
        for framework in frameworks
    ]
    return render(
        request,
        "alignment/country.html",
        {
            "day": day,
            "day_query": day_query,
            "keep": dashboard.kept_params(request.GET),
            "country": country,
            "sections": sections,
            "workshops": _country_workshops(country, day),
            **country_treaties(country, day),  # issue 8: templates/treaties/country_section.html
        },
    )


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


def _country_section(country, framework, requirements, statuses, history, day, day_query):
    own = [r for r in requirements if r.framework_id == framework.pk]
    assessed = leaves(own)
    score = score_countries(countries=[country], requirements=own, statuses=statuses, day=day)[0]
    overdue = {r.pk for r in score.overdue}
    points = index_history(history, own)  # it keeps the rows on `own`'s leaves
    prefix = dashboard.cell_url_prefixes([country], framework)[country.pk]
    rows = [
        {
            "requirement": requirement,
            "change": statuses.get((country.pk, requirement.pk)),
            "url": _with_query(dashboard.cell_url(prefix, requirement), day_query),
            "overdue": requirement.pk in overdue,
        }
        for requirement in assessed
    ]
    query = urlencode({"country": country.code, "framework": framework.code})
    return {
        "framework": framework,
        "score": score,
        "rows": rows,
        "points": points,
        "chart": charts.index_chart(
            points,
            end=max(timezone.localdate(), day),
            marker=day,
            title=_("Alignment index of %(country)s on %(framework)s over time")
            % {"country": country.name, "framework": framework.title},
        )
        if points
        else None,
        "status_csv": f"/export/status.csv?{query}&as_of={day.isoformat()}",
        "history_csv": f"/export/history.csv?{query}",
    }


def _country_workshops(country: Country, day: dt.date) -> list[dict]:
    """The workshops `country` took part in, each with the recommendations it received.

    Read through Country's reverse relations (alignment does not import workshops). A
    recommendation's follow-up is its status on the workshop's last day next to `day`.
    """
    participations = list(
        country.participations.select_related("workshop__host_country").prefetch_related(
            "workshop__recommendations__requirement__framework"
        )
    )
    received = {
        p.pk: [
            rec
            for rec in p.workshop.recommendations.all()
            if rec.country_id == country.pk or (rec.country_id is None and p.is_beneficiary)
        ]
        for p in participations
    }
    requirement_ids = {r.requirement_id for recs in received.values() for r in recs} - {None}
    rows = list(
        StatusChange.objects.approved()
        .filter(country=country, requirement__in=requirement_ids)
        .select_related("source")
    )
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


def requirement(request: HttpRequest, framework: str, code: str) -> HttpResponse:
    day = dashboard.read_day(request)
    requirement = _requirement_or_404(framework, code)
    framework = requirement.framework
    everything = list(framework.requirements.all())
    below = subtree(everything, next(r for r in everything if r.pk == requirement.pk))
    assessed = leaves(below)
    countries = list(framework.countries.all())
    statuses = statuses_as_of(day, requirements=assessed, countries=countries)
    is_leaf = len(below) == 1
    day_query = dashboard.day_query(request.GET, day)
    context = {
        "day": day,
        "day_query": day_query,
        "keep": dashboard.kept_params(request.GET),
        "requirement": requirement,
        "framework": framework,
        "ancestors": _ancestors(everything, requirement),
        "children": [r for r in everything if r.parent_id == requirement.pk],
        "is_leaf": is_leaf,
        "recommendations": requirement.recommendations.select_related(
            "workshop", "country", "source"
        ),
        "status_csv": f"/export/status.csv?{urlencode({'framework': framework.code})}"
        f"&as_of={day.isoformat()}",
        "history_csv": f"/export/history.csv?{urlencode({'framework': framework.code})}",
    }
    if is_leaf:
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
        context["history"] = (
            StatusChange.objects.approved()
            .filter(requirement=requirement)
            .select_related("country", "source")
            .newest_first()
        )
    else:
        context["scores"] = score_countries(
            countries=countries, requirements=assessed, statuses=statuses, day=day
        )
    return render(request, "alignment/requirement.html", context)


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
    recommendations = requirement.recommendations.select_related(
        "workshop", "source"
    ).prefetch_related("workshop__participations__country")
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
            "recommendations": [rec for rec in recommendations if country in rec.addressees()],
            "history_csv": "/export/history.csv?"
            + urlencode({"country": country.code, "framework": requirement.framework.code}),
        },
    )
