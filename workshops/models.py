from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alignment.models import Requirement, Source
from countries.models import Country, Institution


class WorkshopKind(models.TextChoices):
    TAIEX_WORKSHOP = "taiex_workshop", _("TAIEX workshop")
    EXPERT_MISSION = "expert_mission", _("Expert mission")
    STUDY_VISIT = "study_visit", _("Study visit")
    OTHER = "other", _("Other")


class WorkshopManager(models.Manager):
    def get_by_natural_key(self, slug: str) -> "Workshop":
        return self.get(slug=slug)


class Workshop(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=WorkshopKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    city = models.CharField(_("city"), max_length=100)
    host_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="hosted_workshops",
        verbose_name=_("host country"),
    )
    organiser = models.CharField(_("organiser"), max_length=200)
    partner_institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("partner institution"),
    )
    summary = models.TextField(_("summary"), blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="workshops", verbose_name=_("source")
    )
    countries = models.ManyToManyField(
        Country, through="Participation", related_name="workshops", verbose_name=_("participants")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = WorkshopManager()

    class Meta:
        ordering = ["-starts_on", "slug"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="workshop_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workshops:detail", args=[self.slug])

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    natural_key.dependencies = ["countries.country", "countries.institution", "alignment.source"]


class ParticipationRole(models.TextChoices):
    HOST = "host", _("Host")
    BENEFICIARY = "beneficiary", _("Beneficiary")
    EXPERT = "expert", _("Expert member state")


class ParticipationManager(models.Manager):
    def get_by_natural_key(self, workshop_slug: str, country_code: str) -> "Participation":
        return self.get(workshop__slug=workshop_slug, country__code=country_code)


class Participation(models.Model):
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("workshop"),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="participations", verbose_name=_("country")
    )
    role = models.CharField(_("role"), max_length=12, choices=ParticipationRole.choices)

    objects = ParticipationManager()

    class Meta:
        ordering = ["workshop", "role", "country__name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "country"], name="participation_once_per_workshop"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=ParticipationRole.values),
                name="participation_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} ({self.get_role_display()})"

    def natural_key(self) -> tuple[str, str]:
        return (self.workshop.slug, self.country.code)

    natural_key.dependencies = ["workshops.workshop"]

    @property
    def is_beneficiary(self) -> bool:
        return self.role in {ParticipationRole.HOST, ParticipationRole.BENEFICIARY}


class DelegateManager(models.Manager):
    def get_by_natural_key(self, workshop_slug: str, country_code: str, name: str) -> "Delegate":
        return self.get(
            participation__workshop__slug=workshop_slug,
            participation__country__code=country_code,
            name=name,
        )


class Delegate(models.Model):
    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="delegates",
        verbose_name=_("participation"),
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegates",
        verbose_name=_("institution"),
    )

    objects = DelegateManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "name"], name="delegate_once_per_participation"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str, str, str]:
        return (*self.participation.natural_key(), self.name)

    natural_key.dependencies = ["workshops.participation"]


class RecommendationManager(models.Manager):
    def get_by_natural_key(self, workshop_slug: str, code: str) -> "Recommendation":
        return self.get(workshop__slug=workshop_slug, code=code)


class Recommendation(models.Model):
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("workshop"),
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. C1, as in the source."))
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("country"),
        help_text=_("Empty when the recommendation is to every beneficiary."),
    )
    requirement = models.ForeignKey(
        Requirement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("requirement"),
    )
    text = models.TextField(_("text"))
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("source")
    )

    objects = RecommendationManager()

    class Meta:
        ordering = ["workshop", "code"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "code"], name="recommendation_code_unique_in_workshop"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workshop.slug} {self.code}"

    def natural_key(self) -> tuple[str, str]:
        return (self.workshop.slug, self.code)

    natural_key.dependencies = ["workshops.workshop", "alignment.requirement"]

    def addressees(self) -> list[Country]:
        """The countries it asks something of: one, or every beneficiary of the workshop."""
        if self.country_id:
            return [self.country]
        return [p.country for p in self.workshop.participations.all() if p.is_beneficiary]
