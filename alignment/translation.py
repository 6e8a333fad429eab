"""Titles and texts in every language of the interface (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from alignment.models import Framework, Requirement, Theme


@register(Framework)
class FrameworkTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Requirement)
class RequirementTranslation(TranslationOptions):
    fields = ("title", "text")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)
