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


# --- Former names (issue 8) ---------------------------------------------------------------
# A country's name as a page's date had it ("the former Yugoslav Republic of Macedonia"
# before 2019-02-12): data, so the next renaming needs no code.


class FormerNameManager(models.Manager):
    def get_by_natural_key(self, country_code: str, until: str) -> "FormerName":
        return self.get(country__code=country_code, until=until)


class FormerName(models.Model):
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="former_names", verbose_name=_("country")
    )
    name = models.CharField(_("name"), max_length=100)
    until = models.DateField(
        _("used until"), help_text=_("The last day this name was the country's name.")
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Where the change is recorded."))

    objects = FormerNameManager()

    class Meta:
        ordering = ["country__code", "until"]
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        constraints = [
            models.UniqueConstraint(fields=["country", "until"], name="formername_one_per_day"),
        ]

    def __str__(self) -> str:
        return _("%(name)s (until %(until)s)") % {"name": self.name, "until": self.until}

    def natural_key(self) -> tuple[str, str]:
        return (self.country.code, self.until.isoformat())

    natural_key.dependencies = ["countries.country"]


def name_on(country: Country, day, former_names=None) -> str:
    """The country's name on `day`: the earliest former name still in use then, or its name.

    `former_names` are the country's FormerNames already loaded (prefetch them for a list);
    without them one query is made.
    """
    names = former_names if former_names is not None else country.former_names.all()
    for former in sorted(names, key=lambda f: f.until):
        if day <= former.until:
            return former.name
    return country.name
