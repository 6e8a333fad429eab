"""Workshops and their recommendations in the read-only API (/api/v1/).

Here rather than in alignment.api because workshops depend on alignment, never the
other way round; the views share alignment.api's pagination, ETags and error schema.
"""

import django_filters
from django.db.models import Prefetch, QuerySet
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView

from alignment.api.base import OpenDataView, get_or_404, path_code
from alignment.filters import CodeFilter
from workshops.models import Delegate, Participation, Recommendation, Workshop


class DelegateSerializer(serializers.ModelSerializer):
    institution = serializers.SlugRelatedField(read_only=True, slug_field="name", allow_null=True)

    class Meta:
        model = Delegate
        fields = ["name", "function", "institution"]


class ParticipationSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(read_only=True, slug_field="code")
    delegates = DelegateSerializer(many=True, read_only=True)

    class Meta:
        model = Participation
        fields = ["country", "role", "delegates"]


class WorkshopSerializer(serializers.ModelSerializer):
    host_country = serializers.SlugRelatedField(read_only=True, slug_field="code")
    partner_institution = serializers.SlugRelatedField(
        read_only=True, slug_field="name", allow_null=True
    )
    source = serializers.SlugRelatedField(read_only=True, slug_field="key")
    participants = ParticipationSerializer(many=True, read_only=True, source="participations")
    recommendations = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = Workshop
        fields = [
            "slug",
            "title",
            "kind",
            "starts_on",
            "ends_on",
            "city",
            "host_country",
            "organiser",
            "partner_institution",
            "summary",
            "source",
            "participants",
            "recommendations",
        ]


class RecommendationSerializer(serializers.ModelSerializer):
    workshop = serializers.SlugRelatedField(read_only=True, slug_field="slug")
    country = serializers.SlugRelatedField(
        read_only=True,
        slug_field="code",
        allow_null=True,
        help_text=gettext_lazy("Empty when addressed to every beneficiary of the workshop."),
    )
    addressees = serializers.SerializerMethodField(
        help_text=gettext_lazy("Codes of the countries it asks something of.")
    )
    requirement = serializers.CharField(
        source="requirement.full_code", read_only=True, allow_null=True
    )
    source = serializers.SlugRelatedField(read_only=True, slug_field="key")

    class Meta:
        model = Recommendation
        fields = ["workshop", "code", "country", "addressees", "requirement", "text", "source"]

    def get_addressees(self, recommendation: Recommendation) -> list[str]:
        return [country.code for country in recommendation.addressees()]


class RecommendationFilterSet(django_filters.FilterSet):
    workshop = CodeFilter(
        field_name="workshop",
        to_field_name="slug",
        queryset=Workshop.objects.all(),
        label=gettext_lazy("Workshop"),
        help_text=gettext_lazy("Workshop slug; repeat for several."),
    )

    class Meta:
        model = Recommendation
        fields: list[str] = []


def workshops() -> QuerySet[Workshop]:
    return Workshop.objects.select_related("host_country", "partner_institution", "source")


def participations() -> Prefetch:
    return Prefetch(
        "participations",
        queryset=Participation.objects.select_related("country").prefetch_related(
            Prefetch("delegates", queryset=Delegate.objects.select_related("institution"))
        ),
    )


class WorkshopList(OpenDataView, ListAPIView):
    """Workshops, newest first, with who took part and what they recommended."""

    serializer_class = WorkshopSerializer

    def get_queryset(self) -> QuerySet[Workshop]:
        return workshops().prefetch_related(participations(), "recommendations")


@extend_schema(
    parameters=[
        path_code("slug", gettext_lazy("Workshop slug, e.g. taiex-2016-sarajevo-cybercrime."))
    ]
)
class WorkshopDetail(OpenDataView, RetrieveAPIView):
    serializer_class = WorkshopSerializer
    queryset = Workshop.objects.all()

    def get_object(self) -> Workshop:
        slug = self.kwargs["slug"]
        return get_or_404(
            workshops().prefetch_related(participations(), "recommendations"),
            _("slug: no workshop has the slug “%(slug)s”.") % {"slug": slug},
            slug=slug,
        )


def recommendations() -> QuerySet[Recommendation]:
    return Recommendation.objects.select_related(
        "workshop", "country", "requirement__framework", "source"
    ).prefetch_related(
        Prefetch(
            "workshop__participations", queryset=Participation.objects.select_related("country")
        )
    )


class RecommendationList(OpenDataView, ListAPIView):
    """What workshops asked of countries, each linked to the requirement it concerns."""

    serializer_class = RecommendationSerializer
    filterset_class = RecommendationFilterSet
    queryset = Recommendation.objects.all()  # for the schema

    def get_queryset(self) -> QuerySet[Recommendation]:
        return recommendations().order_by("workshop__slug", "code")


@extend_schema(
    parameters=[
        path_code("slug", gettext_lazy("Workshop slug.")),
        path_code("code", gettext_lazy("Recommendation code within the workshop, e.g. C1.")),
    ]
)
class RecommendationDetail(OpenDataView, RetrieveAPIView):
    serializer_class = RecommendationSerializer
    queryset = Recommendation.objects.all()

    def get_object(self) -> Recommendation:
        slug, code = self.kwargs["slug"], self.kwargs["code"]
        return get_or_404(
            recommendations(),
            _("code: workshop “%(slug)s” has no recommendation “%(code)s”.")
            % {"slug": slug, "code": code},
            workshop__slug=slug,
            code=code,
        )


app_name = "workshops-api"

urlpatterns = [
    path("workshops/", WorkshopList.as_view(), name="workshop-list"),
    path("workshops/<str:slug>/", WorkshopDetail.as_view(), name="workshop-detail"),
    path(
        "workshops/<str:slug>/recommendations/<str:code>/",
        RecommendationDetail.as_view(),
        name="recommendation-detail",
    ),
    path("recommendations/", RecommendationList.as_view(), name="recommendation-list"),
]
