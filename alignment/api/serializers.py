"""How the API shows each thing: by its code, never by a database id.

Dates known only to the month or the year are shown at their precision ("2018-07",
"2016"), as in the exports, with the precision beside them.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alignment.dates import format_partial
from alignment.models import Framework, Requirement, Source, StatusChange, status_label
from countries.models import Country


@extend_schema_field(OpenApiTypes.STR)
class PartialDateField(serializers.Field):
    """A date at its stored precision: 2018-09-15, 2018-07 or 2016."""

    def __init__(self, precision_field: str, **kwargs):
        self.precision_field = precision_field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance) -> str | None:
        day = getattr(instance, self.field_name)
        return format_partial(day, getattr(instance, self.precision_field)) or None


class CountrySerializer(serializers.ModelSerializer):
    frameworks = serializers.SerializerMethodField(
        help_text=_("Codes of the public frameworks this country is assessed on.")
    )

    class Meta:
        model = Country
        fields = [
            "code",
            "name",
            "footnote",
            "eu_relationship",
            "eu_relationship_since",
            "frameworks",
        ]

    def get_frameworks(self, country: Country) -> list[str]:
        return [framework.code for framework in country.public_frameworks]


class FrameworkSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(read_only=True, slug_field="key", allow_null=True)
    countries = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = Framework
        fields = [
            "code",
            "title",
            "issuer",
            "kind",
            "period_start",
            "period_end",
            "description",
            "source",
            "countries",
            "synthetic",
        ]


class RequirementNodeSerializer(serializers.ModelSerializer):
    """One node of a framework's tree, with the nodes under it."""

    full_code = serializers.CharField(read_only=True)
    themes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = Requirement
        fields = ["code", "full_code", "title", "text", "deadline", "themes", "children"]


# The tree nests to any depth: a node's children are nodes (assembled in memory by the
# view, so that the whole tree costs one query, not one per level).
RequirementNodeSerializer._declared_fields["children"] = RequirementNodeSerializer(
    many=True, read_only=True, source="tree_children"
)


class RequirementSerializer(serializers.ModelSerializer):
    framework = serializers.SlugRelatedField(read_only=True, slug_field="code")
    full_code = serializers.CharField(read_only=True)
    parent = serializers.SlugRelatedField(read_only=True, slug_field="code", allow_null=True)
    children = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    themes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = Requirement
        fields = [
            "framework",
            "code",
            "full_code",
            "parent",
            "position",
            "title",
            "text",
            "deadline",
            "themes",
            "children",
        ]


class StatusRowSerializer(serializers.ModelSerializer):
    """An approved StatusChange: the one in force (assessments) or any of them (history)."""

    country = serializers.SlugRelatedField(read_only=True, slug_field="code")
    framework = serializers.CharField(source="requirement.framework.code", read_only=True)
    requirement = serializers.CharField(source="requirement.full_code", read_only=True)
    requirement_title = serializers.CharField(source="requirement.title", read_only=True)
    score = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("0 to 100; null for not_applicable.")
    )
    status_label = serializers.SerializerMethodField(
        help_text=_("The status in words; on a treaty or protocol, the treaty's (“Signed”).")
    )
    effective_on = PartialDateField("precision")
    source = serializers.SlugRelatedField(read_only=True, slug_field="key")
    source_url = serializers.CharField(source="source.url", read_only=True)
    recorded_at = serializers.DateTimeField(read_only=True, default_timezone=dt.UTC)

    class Meta:
        model = StatusChange
        fields = [
            "uid",
            "country",
            "framework",
            "requirement",
            "requirement_title",
            "status",
            "status_label",
            "score",
            "effective_on",
            "precision",
            "evidence",
            "source",
            "source_url",
            "recorded_at",
        ]

    def get_status_label(self, change: StatusChange) -> str:
        return status_label(change.status, change.requirement.framework.kind)


class ScoreSerializer(serializers.Serializer):
    """A country's alignment index on one framework as of a day (DESIGN.md, Scores)."""

    country = serializers.CharField()
    framework = serializers.CharField()
    as_of = serializers.DateField()
    rank = serializers.IntegerField(
        help_text=_(
            "1 for the best index; equal indexes share a rank (1, 1, 3), countries with no "
            "data share the last."
        )
    )
    low_coverage = serializers.BooleanField(
        help_text=_("True when the index rests on less than half of the applicable requirements.")
    )
    index = serializers.FloatField(
        allow_null=True, help_text=_("Mean score (0 to 100) of the requirements with data.")
    )
    coverage = serializers.FloatField(
        allow_null=True, help_text=_("Share (0 to 1) of applicable requirements with data.")
    )
    applicable = serializers.IntegerField(
        help_text=_("Leaf requirements not marked not_applicable.")
    )
    with_data = serializers.IntegerField()
    lagging = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("Full codes of requirements below aligned, by code."),
    )
    overdue = serializers.ListField(
        child=serializers.CharField(), help_text=_("Lagging requirements past their deadline.")
    )


class SourceSerializer(serializers.ModelSerializer):
    published_on = PartialDateField("published_precision", allow_null=True)

    class Meta:
        model = Source
        fields = [
            "key",
            "title",
            "publisher",
            "published_on",
            "published_precision",
            "url",
            "language",
            "notes",
        ]
