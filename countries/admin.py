from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from common.admin_guards import GuardedModelAdmin
from countries.models import Country, FormerName, Institution
from countries.scope import countries_for


class FormerNameInline(admin.TabularInline):
    """Issue 8: the names a country had before, each with its last day of use."""

    model = FormerName
    extra = 0
    fields = ["name", "until", "note"]


@admin.register(Country)
class CountryAdmin(GuardedModelAdmin, TranslationAdmin):
    """Editors see the countries they record for; reviewers edit every country.

    alignment.admin registers a subclass that adds the status history to each page.
    """

    list_display = ["code", "name", "eu_relationship", "eu_relationship_since"]
    list_filter = ["eu_relationship"]
    search_fields = ["code", "name"]
    filter_horizontal = ["editors"]
    inlines = [FormerNameInline]

    def get_queryset(self, request: HttpRequest):
        return countries_for(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        # Who may record for a country is access control: superusers only.
        return [] if request.user.is_superuser else ["editors"]


@admin.register(Institution)
class InstitutionAdmin(GuardedModelAdmin, TranslationAdmin):
    list_display = ["name", "country", "kind"]
    list_filter = ["kind", "country"]
    list_select_related = ["country"]
    search_fields = ["name", "country__name", "country__code"]
    autocomplete_fields = ["country"]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).filter(country__in=countries_for(request.user))
