"""Issue 8: reservations and declarations in the admin (imported by alignment.admin)."""

from django.contrib import admin

from alignment.models import Declaration
from common.admin_guards import GuardedModelAdmin


@admin.register(Declaration)
class DeclarationAdmin(GuardedModelAdmin):
    list_display = ["country", "framework", "summary", "source"]
    list_filter = ["framework"]
    list_select_related = ["country", "framework", "source"]
    search_fields = ["country__name", "country__code", "summary"]
    autocomplete_fields = ["source"]
