"""Which countries a staff user acts for: the one rule every admin page applies.

An editor acts for the countries that list them in Country.editors; a reviewer (anyone
who may review status changes) and a superuser act for every country. The permission is
named by its string so that this app imports nothing from a later one.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from countries.models import Country

REVIEW_PERMISSION = "alignment.review_statuschange"

User = AbstractBaseUser | AnonymousUser


def acts_for_every_country(user: User) -> bool:
    return user.is_active and user.has_perm(REVIEW_PERMISSION)


def countries_for(user: User) -> QuerySet[Country]:
    if acts_for_every_country(user):
        return Country.objects.all()
    if not user.is_authenticated:
        return Country.objects.none()
    return Country.objects.filter(editors=user)


def require_country(user: User, country: Country) -> None:
    """Raise PermissionDenied (403) unless `user` acts for `country`."""
    if not countries_for(user).filter(pk=country.pk).exists():
        raise PermissionDenied(_("You do not record for %(country)s.") % {"country": country.code})
