from django.contrib import admin

from countries.models import Country, Institution


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "eu_relationship"]
    search_fields = ["code", "name"]


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "kind"]
    search_fields = ["name"]
