from django.contrib import admin

from workshops.models import Delegate, Participation, Recommendation, Workshop


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "starts_on", "ends_on"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["workshop", "country", "role"]


@admin.register(Delegate)
class DelegateAdmin(admin.ModelAdmin):
    list_display = ["name", "function", "participation"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["workshop", "code", "country", "requirement"]
