"""Names in every language of the interface (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from countries.models import Country, Institution


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name", "footnote")


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name",)
