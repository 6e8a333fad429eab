"""Workshop pages: the list, and one workshop with what changed since."""

import csv
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from alignment.pages import dashboard
from alignment.scoring import statuses_as_of
from workshops.models import Delegate, Participation, ParticipationRole, Workshop


def workshop_list(request: HttpRequest) -> HttpResponse:
    workshops = Workshop.objects.select_related("host_country").annotate(
        participant_count=Count("participations", distinct=True),
        recommendation_count=Count("recommendations", distinct=True),
    )
    return render(request, "workshops/list.html", {"workshops": workshops})


def workshop_detail(request: HttpRequest, slug: str, fmt: str = "html") -> HttpResponse:
    """One workshop: who took part, what it asked, and each status then and on `as_of`."""
    day = dashboard.read_day(request)
    workshop = _workshop_or_404(slug)
    participations = list(workshop.participations.all())
    recommendations = sorted(
        workshop.recommendations.select_related("requirement__framework", "country", "source"),
        key=lambda rec: dashboard.natural(rec.code),
    )
    for rec in recommendations:
        rec.workshop = workshop  # addressees() then reads the participations loaded above
    addressed = [(rec, sorted(rec.addressees(), key=lambda c: c.name)) for rec in recommendations]
    page = None
    if fmt != "csv":  # the CSV holds every recommendation
        page = _page_or_404(addressed, request.GET.get("page", "1"))
        addressed = list(page.object_list)
    pairs = {
        (country.pk, rec.requirement_id)
        for rec, addressees in addressed
        if rec.requirement_id
        for country in addressees
    }
    then = statuses_as_of(workshop.ends_on, pairs=pairs, lean=True)
    now = statuses_as_of(day, pairs=pairs, lean=True)
    followups = [dashboard.followups(rec, c, then, now) for rec, c in addressed]
    if fmt == "csv":
        return _followup_csv(workshop, day, followups)
    on_last_day = urlencode({"as_of": workshop.ends_on.isoformat()})
    frameworks = {}
    for rec in recommendations:
        if rec.requirement_id:
            frameworks.setdefault(rec.requirement.framework.code, rec.requirement.framework)
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
            "frameworks": sorted(frameworks.values(), key=lambda f: f.title),
            "csv_url": reverse("workshops:followup-csv", args=[workshop.slug])
            + (f"?{urlencode({'as_of': day.isoformat()})}" if request.GET.get("as_of") else ""),
        },
    )


# Recommendations a page: a real workshop fits on one; the synthetic one (200, some to
# every one of 50 countries) would weigh half a megabyte on one page.
PER_PAGE = 40


def _page_or_404(addressed: list, number: str):
    try:
        return Paginator(addressed, PER_PAGE).page(number)
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
