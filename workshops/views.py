"""Workshop pages: the list, and one workshop with what changed since."""

import csv
from itertools import groupby
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from alignment.models import Framework
from alignment.pages import dashboard, reads
from workshops.models import Delegate, Participation, ParticipationRole, Workshop


def workshop_list(request: HttpRequest) -> HttpResponse:
    workshops = Workshop.objects.select_related("host_country").annotate(
        participant_count=Count("participations", distinct=True),
        recommendation_count=Count("recommendations", distinct=True),
    )
    return render(request, "workshops/list.html", {"workshops": workshops})


def workshop_detail(request: HttpRequest, slug: str, fmt: str = "html") -> HttpResponse:
    """One workshop: who took part, what it asked, and each status then and on `as_of`.

    The follow-up comes a page of (recommendation, country) rows at a time, so a page
    costs what it shows (issue 10): only that page's recommendations are loaded and only
    their pairs' statuses read, the day's from the Assessments.
    """
    day = dashboard.read_day(request)
    workshop = _workshop_or_404(slug)
    participations = list(workshop.participations.all())
    beneficiaries = sorted(
        (p.country for p in participations if p.is_beneficiary), key=lambda c: c.name
    )
    countries = {p.country_id: p.country for p in participations}
    heads = sorted(
        workshop.recommendations.values_list("pk", "code", "country_id"),
        key=lambda head: dashboard.natural(head[1]),
    )
    # One row per recommendation and country it addresses (Recommendation.addressees).
    rows = [
        (pk, country)
        for pk, _, country_id in heads
        for country in ([countries.get(country_id)] if country_id else beneficiaries)
    ]
    page = None
    if fmt != "csv":  # the CSV holds every recommendation
        page = _page_or_404(rows, request.GET.get("page", "1"))
        rows = list(page.object_list)
    loaded = workshop.recommendations.filter(pk__in={pk for pk, _ in rows}).select_related(
        "requirement__framework", "country", "source"
    )
    by_id = {}
    for rec in loaded:
        rec.workshop = workshop
        by_id[rec.pk] = rec
    # A recommendation to a country that is not a participant still addresses it.
    rows = [(pk, country or by_id[pk].country) for pk, country in rows]
    pairs = reads.pairs_where(
        (country.pk, by_id[pk].requirement_id) for pk, country in rows if by_id[pk].requirement_id
    )
    then = reads.in_force(workshop.ends_on, pairs, lean=True)
    now = reads.in_force(day, pairs, lean=True)
    followups = [
        dashboard.followups(by_id[pk], [country for _, country in group], then, now)
        for pk, group in groupby(rows, key=lambda row: row[0])
    ]
    if fmt == "csv":
        return _followup_csv(workshop, day, followups)
    on_last_day = urlencode({"as_of": workshop.ends_on.isoformat()})
    return render(
        request,
        "workshops/detail.html",
        {
            "day": day,
            "keep": dashboard.kept_params(request.GET),
            "workshop": workshop,
            "roles": _by_role(participations),
            "followups": followups,
            "page": page,
            "page_query": urlencode({"as_of": day.isoformat()}) if request.GET.get("as_of") else "",
            "on_last_day": on_last_day,
            "frameworks": Framework.objects.filter(requirements__recommendations__workshop=workshop)
            .distinct()
            .order_by("title"),
            "csv_url": reverse("workshops:followup-csv", args=[workshop.slug])
            + (f"?{urlencode({'as_of': day.isoformat()})}" if request.GET.get("as_of") else ""),
        },
    )


# Follow-up rows (a recommendation and one country it addresses) a page: a real workshop
# fits on one; the synthetic one (200 recommendations, some to each of 50 countries)
# takes fourteen.
PER_PAGE = 50


def _page_or_404(rows: list, number: str):
    try:
        return Paginator(rows, PER_PAGE).page(number)
    except InvalidPage:
        raise Http404(
            _("page: there is no page “%(page)s” of recommendations.") % {"page": number}
        ) from None


FOLLOWUP_COLUMNS = [
    "workshop",
    "recommendation",
    "country_code",
    "country",
    "framework",
    "requirement_code",
    "then_on",
    "status_then",
    "now_on",
    "status_now",
    "movement",
]


def workshop_csv(request: HttpRequest, slug: str) -> HttpResponse:
    return workshop_detail(request, slug, fmt="csv")


def _followup_csv(workshop: Workshop, day, followups: list[dict]) -> HttpResponse:
    """The follow-up table as CSV: one row per recommendation and country."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{workshop.slug}-followup-{day.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(FOLLOWUP_COLUMNS)
    for group in followups:
        for item in group["rows"]:
            rec, requirement = item["recommendation"], item["recommendation"].requirement
            writer.writerow(
                [
                    workshop.slug,
                    rec.code,
                    item["country"].code,
                    item["country"].name,
                    requirement.framework.code if requirement else "",
                    requirement.full_code if requirement else "",
                    workshop.ends_on.isoformat(),
                    item["then"].status if item["then"] else "",
                    day.isoformat(),
                    item["now"].status if item["now"] else "",
                    item["movement"] if requirement else "",
                ]
            )
    return response


def _workshop_or_404(slug: str) -> Workshop:
    try:
        return (
            Workshop.objects.select_related("host_country", "partner_institution", "source")
            .prefetch_related(
                Prefetch(
                    "participations",
                    queryset=Participation.objects.select_related("country").prefetch_related(
                        Prefetch("delegates", Delegate.objects.select_related("institution"))
                    ),
                )
            )
            .get(slug=slug)
        )
    except Workshop.DoesNotExist:
        raise Http404(_("No workshop has the slug “%(slug)s”.") % {"slug": slug}) from None


def _by_role(participations) -> list[tuple[str, list]]:
    """(role label, participations) in the order of the role vocabulary."""
    return [
        (label, [p for p in participations if p.role == value])
        for value, label in ParticipationRole.choices
        if any(p.role == value for p in participations)
    ]
