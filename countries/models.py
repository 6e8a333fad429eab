from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class EURelationship(models.TextChoices):
    MEMBER_STATE = "member_state", _("EU member state")
    CANDIDATE = "candidate", _("Candidate country")
    POTENTIAL_CANDIDATE = "potential_candidate", _("Potential candidate")
    OTHER = "other", _("Other")


class CountryManager(models.Manager):
    def get_by_natural_key(self, code: str) -> "Country":
        return self.get(code=code)


class Country(models.Model):
    code = models.CharField(
        _("code"),
        max_length=2,
        unique=True,
        help_text=_("ISO 3166-1 alpha-2; XK for Kosovo."),
    )
    name = models.CharField(_("name"), max_length=100)
    footnote = models.TextField(
        _("footnote"), blank=True, help_text=_("Shown wherever the name is, e.g. Kosovo's.")
    )
    eu_relationship = models.CharField(
        _("EU relationship"), max_length=24, choices=EURelationship.choices
    )
    eu_relationship_since = models.DateField(_("EU relationship since"), null=True, blank=True)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="editable_countries",
        verbose_name=_("editors"),
        help_text=_("Staff users who may record statuses for this country."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CountryManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2}$"), name="country_code_two_capitals"
            ),
            models.CheckConstraint(
                condition=models.Q(eu_relationship__in=EURelationship.values),
                name="country_eu_relationship_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("alignment:country", args=[self.code])

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class InstitutionKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    ANTI_DRUG_OFFICE = "anti_drug_office", _("Anti-drug office")
    POLICE = "police", _("Police")
    PROSECUTION = "prosecution", _("Prosecution")
    OTHER = "other", _("Other")


class InstitutionManager(models.Manager):
    def get_by_natural_key(self, country_code: str, name: str) -> "Institution":
        return self.get(country__code=country_code, name=name)


class Institution(models.Model):
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="institutions", verbose_name=_("country")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=InstitutionKind.choices)
    url = models.URLField(_("web site"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = InstitutionManager()

    class Meta:
        ordering = ["country__name", "name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="institution_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.code})"

    def natural_key(self) -> tuple[str, str]:
        return (self.country.code, self.name)

    natural_key.dependencies = ["countries.country"]
