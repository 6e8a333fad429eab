from django.contrib import admin

from alignment.models import Assessment, Framework, Requirement, Source, StatusChange, Theme


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "language"]
    search_fields = ["title", "publisher", "key"]


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "kind", "synthetic"]
    search_fields = ["code", "title"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Requirement)
class RequirementAdmin(admin.ModelAdmin):
    list_display = ["code", "framework", "title", "deadline"]
    list_select_related = ["framework"]
    search_fields = ["code", "title"]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["country", "requirement", "status", "effective_on", "review_state"]
    list_select_related = ["country", "requirement__framework"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["country", "requirement", "status"]
    list_select_related = ["country", "requirement__framework"]
