"""One data version: a counter every write a public reader could see moves.

Bumped in the transaction of every approval and of every save or delete of public
reference data (frameworks, requirements, themes, countries, sources, workshops, who took
part and their recommendations, indicators), whether from the admin, a service or
loaddata. Read in one query by primary key. It is the ETag of every public page, export
and API answer and the key of the shared cache (alignment.pagecache): once a write
commits, the next read in any process sees a new version, so nothing waits on a timeout
to expire.
"""

import secrets

from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

ROW = 1


class DataVersion(models.Model):
    """A single row (id 1): the version of the public data."""

    value = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data version")

    def __str__(self) -> str:
        return str(self.value)


def current(using: str | None = None) -> int:
    """The version now: one query by primary key. 0 before the first write."""
    found = DataVersion.objects.using(using).filter(pk=ROW).values_list("value", flat=True)
    return next(iter(found), 0)


def bump(using: str | None = None) -> None:
    """Move the version, inside the caller's transaction: a rollback undoes it."""
    with transaction.atomic(using=using):
        moved = DataVersion.objects.using(using).filter(pk=ROW).update(value=F("value") + 1)
        if not moved:
            # A random start: a database rebuilt from scratch never reuses the versions
            # (and so the cache keys) of the one it replaced.
            DataVersion.objects.using(using).create(pk=ROW, value=secrets.randbits(48))


# The models whose rows a public page, export or API answer shows (besides StatusChange,
# whose approvals bump in alignment.services). Labels, so alignment names no later app.
PUBLIC_MODELS = [
    "countries.Country",
    "alignment.Source",
    "alignment.Framework",
    "alignment.Theme",
    "alignment.Requirement",
    "workshops.Workshop",
    "workshops.Participation",  # who took part: derived indicator values count it
    "workshops.Recommendation",
    "indicators.Indicator",  # besides IndicatorValue, whose approvals bump in its services
]


def _bumped(sender, using: str = "default", **kwargs) -> None:
    bump(using)


def _m2m_bumped(sender, action: str, using: str = "default", **kwargs) -> None:
    if action.startswith("post_"):
        bump(using)


def connect() -> None:
    """Wire the bumps to the reference models (AlignmentConfig.ready)."""
    from django.apps import apps

    for label in PUBLIC_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(_bumped, sender=model, dispatch_uid=f"dataversion-save-{label}")
        post_delete.connect(_bumped, sender=model, dispatch_uid=f"dataversion-delete-{label}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _m2m_bumped,
                sender=field.remote_field.through,
                dispatch_uid=f"dataversion-m2m-{label}-{field.name}",
            )
