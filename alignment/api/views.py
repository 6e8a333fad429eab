"""Read-only API views for countries, frameworks, requirements, statuses, scores, sources.

Statuses and scores are filtered by alignment.filters, the FilterSets the pages and the
exports use; the views only choose what those filters start from and how rows are shown.
Workshops and recommendations are served by workshops.api (workshops depend on
alignment, never the other way round).
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.utils import translate_validation
from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from alignment import scoretable
from alignment.api import serializers
from alignment.api.base import NOT_FOUND, OpenDataView, get_or_404, path_code
from alignment.filters import HistoryFilterSet, StatusFilterSet
from alignment.models import (
    AS_OF_ORDER,
    LAGGING,
    Assessment,
    Framework,
    Requirement,
    Source,
    StatusChange,
    in_force_seek,
    is_overdue,
)
from alignment.opendata import PAIR_ORDER, public_scope
from alignment.scoring import Ranked, kept_framework_scores, kept_ranking, score_countries
from countries.models import Country


def countries() -> QuerySet[Country]:
    return Country.objects.prefetch_related(
        Prefetch("frameworks", queryset=Framework.objects.public(), to_attr="public_frameworks")
    )


class CountryList(OpenDataView, ListAPIView):
    """Countries, by name; one assessed only on synthetic (benchmark) frameworks is left
    out of the list but reachable by its code."""

    serializer_class = serializers.CountrySerializer

    def get_queryset(self) -> QuerySet[Country]:
        synthetic_only = Exists(
            Framework.objects.filter(synthetic=True, countries=OuterRef("pk"))
        ) & ~Exists(Framework.objects.public().filter(countries=OuterRef("pk")))
        return countries().exclude(synthetic_only)


@extend_schema(
    parameters=[path_code("code", gettext_lazy("ISO 3166-1 alpha-2 code, e.g. RS (XK: Kosovo)."))]
)
class CountryDetail(OpenDataView, RetrieveAPIView):
    serializer_class = serializers.CountrySerializer
    queryset = Country.objects.all()

    def get_object(self) -> Country:
        code = self.kwargs["code"]
        return get_or_404(
            countries(),
            _("country: no country has the code “%(code)s”.") % {"code": code},
            code=code.upper(),
        )


def frameworks() -> QuerySet[Framework]:
    return Framework.objects.select_related("source").prefetch_related("countries")


class FrameworkList(OpenDataView, ListAPIView):
    """The public frameworks; a synthetic (benchmark) one is reachable only by its code."""

    serializer_class = serializers.FrameworkSerializer

    def get_queryset(self) -> QuerySet[Framework]:
        return frameworks().public()


FRAMEWORK_CODE = path_code("code", gettext_lazy("Framework code, e.g. eu-ch24."))


def framework_or_404(code: str) -> Framework:
    return get_or_404(
        Framework.objects.all(),
        _("framework: no framework has the code “%(code)s”.") % {"code": code},
        code=code,
    )


@extend_schema(parameters=[FRAMEWORK_CODE])
class FrameworkDetail(OpenDataView, RetrieveAPIView):
    serializer_class = serializers.FrameworkSerializer
    queryset = Framework.objects.all()

    def get_object(self) -> Framework:
        code = self.kwargs["code"]
        return get_or_404(
            frameworks(),
            _("framework: no framework has the code “%(code)s”.") % {"code": code},
            code=code,
        )


class RequirementTree(OpenDataView):
    """A framework's requirements as a tree: the top nodes, each with its children."""

    serializer_class = serializers.RequirementNodeSerializer
    queryset = Requirement.objects.all()
    pagination_class = None

    @extend_schema(
        parameters=[FRAMEWORK_CODE],
        responses={200: serializers.RequirementNodeSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, code: str) -> Response:
        framework = framework_or_404(code)
        nodes = list(framework.requirements.prefetch_related("themes"))
        children: dict[int | None, list[Requirement]] = defaultdict(list)
        for node in nodes:
            children[node.parent_id].append(node)
        for node in nodes:
            node.tree_children = children[node.pk]
        return Response(self.get_serializer(children[None], many=True).data)


@extend_schema(
    parameters=[
        FRAMEWORK_CODE,
        path_code("requirement", gettext_lazy("Requirement code within the framework.")),
    ]
)
class RequirementDetail(OpenDataView, RetrieveAPIView):
    serializer_class = serializers.RequirementSerializer
    queryset = Requirement.objects.all()

    def get_object(self) -> Requirement:
        code, requirement = self.kwargs["code"], self.kwargs["requirement"]
        return get_or_404(
            Requirement.objects.select_related("framework", "parent").prefetch_related(
                "themes", "children"
            ),
            _("requirement: no requirement has the code “%(code)s”.")
            % {"code": f"{code}/{requirement}"},
            framework__code=code,
            code=requirement,
        )


class _StatusRows(OpenDataView, ListAPIView):
    serializer_class = serializers.StatusRowSerializer
    queryset = StatusChange.objects.all()  # for the schema; get_queryset narrows it
    ordering: list[str] = PAIR_ORDER

    def get_queryset(self) -> QuerySet[StatusChange]:
        return public_scope(self.request.query_params)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet[StatusChange]:
        rows = super().filter_queryset(queryset)
        return rows.select_related("country", "requirement__framework", "source").order_by(
            *self.ordering
        )


class AssessmentList(_StatusRows):
    """Each country's approved status on each requirement in force on `as_of`.

    One row per (country, requirement) with data; a pair with no row has no data (never
    "not aligned"). Without `framework`, only public frameworks.
    """

    filterset_class = StatusFilterSet


class HistoryList(_StatusRows):
    """Every approved change in effect by `as_of`, each pair's oldest first."""

    filterset_class = HistoryFilterSet
    ordering = [*PAIR_ORDER, *AS_OF_ORDER]


@extend_schema(parameters=[path_code("uid", gettext_lazy("The change's identifier (a UUID)."))])
class HistoryDetail(OpenDataView, RetrieveAPIView):
    serializer_class = serializers.StatusRowSerializer
    queryset = StatusChange.objects.all()

    def get_object(self) -> StatusChange:
        uid = self.kwargs["uid"]
        return get_or_404(
            StatusChange.objects.approved().select_related(
                "country", "requirement__framework", "source"
            ),
            _("uid: no approved change has the identifier “%(uid)s”.") % {"uid": uid},
            uid=uid,
        )


class ScoreFilterSet(StatusFilterSet):
    """The status filters but `status`: a score counts every status."""

    status = None


class ScoreList(OpenDataView, ListAPIView):
    """Each country's alignment index and coverage per framework as of `as_of`, ranked.

    Without `framework`, every public framework. `country` and `group` choose the
    countries, `theme` the requirements scored.
    """

    serializer_class = serializers.ScoreSerializer
    filterset_class = ScoreFilterSet
    queryset = StatusChange.objects.all()  # for the schema

    def list(self, request: Request, *args, **kwargs) -> Response:
        filterset = ScoreFilterSet(
            request.query_params, queryset=public_scope(request.query_params), request=request
        )
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        if filterset.form.cleaned_data.get("theme"):
            page = self.paginate_queryset(scores(filterset))
        else:
            page = page_rows(self.paginate_queryset(kept_scores(filterset)), filterset.day)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def scope_of(filterset: ScoreFilterSet) -> QuerySet[Framework]:
    """The frameworks scored, each with the chosen countries it applies to prefetched."""
    chosen = filterset.form.cleaned_data.get("framework")
    scope = (
        Framework.objects.filter(pk__in=[f.pk for f in chosen])
        if chosen
        else Framework.objects.public()
    )
    return scope.prefetch_related(
        Prefetch("countries", queryset=filterset.select_countries(Country.objects.all()))
    )


def score_row(framework: Framework, score: Ranked, day, lagging=(), overdue=()) -> dict:
    """One row of the answer; `lagging` and `overdue`: the requirements' codes."""
    return {
        "country": score.country.code,
        "framework": framework.code,
        "as_of": day,
        "rank": score.rank,
        "low_coverage": score.low_coverage,
        "index": score.index,
        "coverage": score.coverage,
        "applicable": score.applicable,
        "with_data": score.with_data,
        "lagging": sorted(f"{framework.code}/{code}" for code in lagging),
        "overdue": sorted(f"{framework.code}/{code}" for code in overdue),
    }


def kept_scores(filterset: ScoreFilterSet) -> list[tuple[Framework, Ranked]]:
    """Without a theme, each framework's ranking from the kept totals, four queries
    whatever the size: frameworks, their countries, their leaf counts, the root totals in
    force. page_rows names what lags for the rows of one page only."""
    day = filterset.day
    frameworks = list(scope_of(filterset))
    counts = scoretable.leaf_counts(frameworks)
    countries = {c.pk: c for f in frameworks for c in f.countries.all()}
    kept = kept_framework_scores(
        day, frameworks=frameworks, countries=list(countries.values()), counts=counts
    )
    ranked = []
    for framework in frameworks:
        if not counts.get(framework.pk):
            continue  # no requirement: nothing to rank, as score_countries has nothing
        members = framework.countries.all()
        scores = kept_ranking(
            day,
            countries=members,
            kept={(c.pk, None): kept[(c.pk, framework.pk)] for c in members},
            overdue={},  # orders nothing: page_rows lists the overdue requirements
        )
        ranked.extend((framework, score) for score in scores)
    return ranked


def page_rows(page: list[tuple[Framework, Ranked]], day: dt.date) -> list[dict]:
    """The rows of one page, with what lags and what is overdue: one query over the
    Assessments of the leaves of those (country, framework) pairs, bounded by them, not by
    the history (before today, one index seek per pair for its status then)."""
    if not page:
        return []
    countries: dict[int, set[int]] = defaultdict(set)
    for framework, score in page:
        countries[framework.pk].add(score.country.pk)
    where = Q(pk__in=[])
    for framework_id, ids in sorted(countries.items()):
        where |= Q(requirement__framework_id=framework_id, country_id__in=sorted(ids))
    pairs = Assessment.objects.filter(where).exclude(
        Exists(Requirement.objects.filter(parent=OuterRef("requirement_id")))
    )
    # From today on the Assessments hold the status in force; before, one seek a pair.
    then = F("status") if day >= timezone.localdate() else in_force_seek(day, "status")
    found = (
        pairs.annotate(then=then)
        .filter(then__in=LAGGING)
        .values_list(
            "country_id",
            "requirement__framework_id",
            "requirement__code",
            "requirement__deadline",
            "then",
        )
    )
    lagging, overdue = defaultdict(list), defaultdict(list)
    for country_id, framework_id, code, deadline, status in found:
        lagging[(country_id, framework_id)].append(code)
        if is_overdue(status, deadline, day):
            overdue[(country_id, framework_id)].append(code)
    return [
        score_row(
            framework,
            score,
            day,
            lagging[(score.country.pk, framework.pk)],
            overdue[(score.country.pk, framework.pk)],
        )
        for framework, score in page
    ]


def scores(filterset: ScoreFilterSet) -> list[dict]:
    """From the statuses (a theme chosen): four queries whatever the size: frameworks,
    their countries, leaves, statuses."""
    day = filterset.day
    scope = scope_of(filterset)
    leaves: dict[int, list[Requirement]] = defaultdict(list)
    for requirement in filterset.select_requirements(
        Requirement.objects.leaves().filter(framework__in=scope)
    ):
        leaves[requirement.framework_id].append(requirement)
    statuses = {
        (row.country_id, row.requirement_id): row
        for row in filterset.qs.only("country_id", "requirement_id", "status")
    }
    rows = []
    for framework in scope:
        if not leaves[framework.pk]:
            continue  # nothing of it is chosen (a theme it does not touch): nothing to rank
        ranked = score_countries(
            countries=framework.countries.all(),
            requirements=leaves[framework.pk],
            statuses=statuses,
            day=day,
        )
        rows.extend(
            score_row(
                framework,
                score,
                day,
                [r.code for r in score.lagging],
                [r.code for r in score.overdue],
            )
            for score in ranked
        )
    return rows


class SourceList(OpenDataView, ListAPIView):
    """The documents that back the statuses, by title."""

    serializer_class = serializers.SourceSerializer
    queryset = Source.objects.all()


@extend_schema(
    parameters=[path_code("key", gettext_lazy("The source's key, e.g. coe-treaty-185-chart."))]
)
class SourceDetail(OpenDataView, RetrieveAPIView):
    serializer_class = serializers.SourceSerializer
    queryset = Source.objects.all()

    def get_object(self) -> Source:
        key = self.kwargs["key"]
        return get_or_404(
            Source.objects.all(),
            _("key: no source has the key “%(key)s”.") % {"key": key},
            key=key,
        )
