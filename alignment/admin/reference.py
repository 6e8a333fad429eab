"""The admin of the reference data, the assessments and (in status) the statuses.

Roles and scope: alignment.roles and countries.scope. Every admin here is a
GuardedModelAdmin (404 outside scope, 403 for crafted actions, stale forms refused).
"""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from alignment.admin import status  # noqa: F401  (registers StatusChangeAdmin)
from alignment.admin.filters import PAIR_FILTERS, PAIR_SEARCH_FIELDS, FrameworkFilter
from alignment.admin.history import StatusHistoryMixin
from alignment.admin.scope import assessments_for, frameworks_for, requirements_for
from alignment.admin.translations import TranslationSpreadsheetMixin
from alignment.models import Assessment, Framework, Requirement, Source, Theme
from common.admin_guards import GuardedModelAdmin
from countries import admin as countries_admin
from countries.models import Country, Institution

admin.site.site_header = _("Alignment Tracker administration")
admin.site.site_title = _("Alignment Tracker")
admin.site.index_title = _("Records, reviews and reference data")


@admin.register(Source)
class SourceAdmin(GuardedModelAdmin):
    list_display = ["title", "publisher", "published_display", "language", "url"]
    list_filter = ["language"]
    search_fields = ["title", "publisher", "key", "url"]
    prepopulated_fields = {"key": ["title"]}

    @admin.display(description=_("published"), ordering="published_on")
    def published_display(self, source: Source) -> str:
        return source.published_display


@admin.register(Framework)
class FrameworkAdmin(TranslationSpreadsheetMixin, GuardedModelAdmin, TranslationAdmin):
    list_display = ["code", "title", "kind", "issuer", "period_start", "period_end", "synthetic"]
    list_filter = ["kind", "synthetic"]
    search_fields = ["code", "title", "issuer"]
    list_select_related = ["source"]
    autocomplete_fields = ["source"]
    filter_horizontal = ["countries"]

    def get_queryset(self, request: HttpRequest):
        return frameworks_for(request.user)


@admin.register(Theme)
class ThemeAdmin(TranslationSpreadsheetMixin, GuardedModelAdmin, TranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Requirement)
class RequirementAdmin(
    TranslationSpreadsheetMixin, StatusHistoryMixin, GuardedModelAdmin, TranslationAdmin
):
    list_display = ["full_code", "title", "parent", "deadline"]
    list_filter = [("framework", FrameworkFilter), "themes"]
    search_fields = ["code", "title", "framework__code"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["themes"]
    history_shows_requirement = False
    translation_keys = [("requirement_code", "full_code")]

    @admin.display(description=_("code"), ordering="framework__code")
    def full_code(self, requirement: Requirement) -> str:
        return requirement.full_code

    def get_queryset(self, request: HttpRequest):
        return requirements_for(request.user).select_related("parent__framework")

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        queryset, distinct = super().get_search_results(request, queryset, search_term)
        if (request.GET.get("model_name"), request.GET.get("field_name")) == (
            "statuschange",
            "requirement",
        ):
            queryset = queryset.leaves()  # statuses are recorded on leaf requirements
        return queryset, distinct

    def history_filter(self, obj: Requirement) -> dict:
        return {"requirement": obj}


@admin.register(Assessment)
class AssessmentAdmin(StatusHistoryMixin, GuardedModelAdmin):
    """The current approved status of each pair: read-only, kept by alignment.services."""

    list_display = ["country", "requirement", "status", "effective", "source", "updated_at"]
    list_filter = ["status", *PAIR_FILTERS]
    search_fields = PAIR_SEARCH_FIELDS
    date_hierarchy = "change__effective_on"
    show_full_result_count = False  # one COUNT(*) of a big table per page is enough
    fields = ["country", "requirement", "status", "effective", "source", "change", "updated_at"]
    readonly_fields = fields
    history_shows_country = False
    history_shows_requirement = False

    @admin.display(description=_("effective"), ordering="change__effective_on")
    def effective(self, assessment: Assessment) -> str:
        return assessment.change.effective_display

    @admin.display(description=_("source"))
    def source(self, assessment: Assessment):
        return assessment.change.source

    def get_queryset(self, request: HttpRequest):
        return assessments_for(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def history_filter(self, obj: Assessment) -> dict:
        return {"country_id": obj.country_id, "requirement_id": obj.requirement_id}


admin.site.unregister(Country)


@admin.register(Country)
class CountryAdmin(TranslationSpreadsheetMixin, StatusHistoryMixin, countries_admin.CountryAdmin):
    """countries' CountryAdmin with the country's status history (this app's data) and the
    spreadsheet of its translations."""

    history_shows_country = False
    translation_keys = [("country_code", "code")]

    def history_filter(self, obj: Country) -> dict:
        return {"country": obj}


admin.site.unregister(Institution)


@admin.register(Institution)
class InstitutionAdmin(TranslationSpreadsheetMixin, countries_admin.InstitutionAdmin):
    """countries' InstitutionAdmin with the spreadsheet of its translations (by id: an
    institution has no code)."""

    translation_keys = [("id", "pk")]
    translation_for_people = [("country_code", "country__code")]
