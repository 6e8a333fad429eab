"""Workshops are reference data: reviewers edit them, editors have no access (roles in
alignment.roles). Every admin is a GuardedModelAdmin (404s, crafted actions,
stale forms); a workshop's version token covers its inline rows too."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from alignment.admin.translations import TranslationSpreadsheetMixin
from common.admin_guards import GuardedModelAdmin
from workshops.models import Delegate, Participation, Recommendation, Workshop


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["country"]


class RecommendationInline(TranslationTabularInline):
    model = Recommendation
    extra = 0
    autocomplete_fields = ["country", "requirement", "source"]


class DelegateInline(admin.TabularInline):
    model = Delegate
    extra = 0
    autocomplete_fields = ["institution"]


@admin.register(Workshop)
class WorkshopAdmin(TranslationSpreadsheetMixin, GuardedModelAdmin, TranslationAdmin):
    translation_keys = [("workshop", "slug")]
    list_display = ["title", "kind", "city", "host_country", "starts_on", "ends_on"]
    list_filter = ["kind", "host_country"]
    list_select_related = ["host_country"]
    search_fields = ["title", "slug", "city", "summary"]
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["host_country", "partner_institution", "source"]
    inlines = [ParticipationInline, RecommendationInline]


@admin.register(Participation)
class ParticipationAdmin(GuardedModelAdmin):
    list_display = ["workshop", "country", "role"]
    list_filter = ["role", "workshop"]
    list_select_related = ["workshop", "country"]
    search_fields = ["workshop__title", "country__name", "country__code"]
    autocomplete_fields = ["workshop", "country"]
    inlines = [DelegateInline]


@admin.register(Delegate)
class DelegateAdmin(GuardedModelAdmin):
    list_display = ["name", "function", "participation", "institution"]
    list_select_related = [
        "participation__workshop",
        "participation__country",
        "institution__country",
    ]
    search_fields = ["name", "function"]
    autocomplete_fields = ["participation", "institution"]


@admin.register(Recommendation)
class RecommendationAdmin(TranslationSpreadsheetMixin, GuardedModelAdmin, TranslationAdmin):
    translation_keys = [("workshop", "workshop__slug"), ("code", "code")]
    list_display = ["workshop", "code", "country", "requirement"]
    list_filter = ["workshop", "country"]
    list_select_related = ["workshop", "country", "requirement__framework"]
    search_fields = ["code", "text", "requirement__code"]
    autocomplete_fields = ["country", "requirement", "source"]
