from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from alignment.models import Framework, Requirement
from alignment.params import as_of_from
from alignment.scoring import framework_scores, statuses_as_of
from countries.models import Country


def default_framework() -> Framework | None:
    """The framework that applies to most countries, the most recently updated first."""
    return (
        Framework.objects.public()
        .annotate(n=Count("countries"), last=Max("requirements__status_changes__recorded_at"))
        .order_by("-n", "-last", "code")
        .first()
    )


def framework_from(code: str | None) -> Framework:
    if not code:
        framework = default_framework()
        if framework is None:
            raise Http404(_("No framework has been loaded yet."))
        return framework
    try:
        return Framework.objects.get(code=code)
    except Framework.DoesNotExist:
        raise Http404(_("framework: no framework has the code “%(code)s”.") % {"code": code})


def home(request: HttpRequest) -> HttpResponse:
    day = as_of_from(request.GET)
    framework = framework_from(request.GET.get("framework"))
    return render(
        request,
        "alignment/home.html",
        {
            "day": day,
            "framework": framework,
            "frameworks": Framework.objects.public(),
            "scores": framework_scores(framework, day),
        },
    )


def country(request: HttpRequest, code: str) -> HttpResponse:
    day = as_of_from(request.GET)
    country = get_object_or_404(Country, code=code.upper())
    frameworks = list(country.frameworks.public().prefetch_related("requirements"))
    statuses = statuses_as_of(day, countries=[country])
    sections = []
    for framework in frameworks:
        rows = [
            (requirement, statuses.get((country.pk, requirement.pk)))
            for requirement in framework.requirements.all()
        ]
        sections.append((framework, rows))
    return render(
        request,
        "alignment/country.html",
        {"day": day, "country": country, "sections": sections},
    )


def requirement(request: HttpRequest, framework: str, code: str) -> HttpResponse:
    day = as_of_from(request.GET)
    requirement = get_object_or_404(
        Requirement.objects.select_related("framework"), framework__code=framework, code=code
    )
    countries = list(requirement.framework.countries.all())
    statuses = statuses_as_of(day, requirements=[requirement], countries=countries)
    rows = [(country, statuses.get((country.pk, requirement.pk))) for country in countries]
    return render(
        request,
        "alignment/requirement.html",
        {"day": day, "requirement": requirement, "rows": rows},
    )
