"""Titles and texts in every language of the interface (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from workshops.models import Recommendation, Workshop


@register(Workshop)
class WorkshopTranslation(TranslationOptions):
    fields = ("title", "summary", "city")


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("text",)
