"""What a staff user may see of each kind of object, one helper per kind (STYLE.md 9).

All follow countries.scope.countries_for: an editor sees the records of their own
countries and the frameworks and requirements that apply to them; a reviewer or a
superuser sees everything. Each helper also does the select_related its pages need.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from alignment.models import Assessment, Framework, Requirement, StatusChange
from countries.scope import acts_for_every_country, countries_for


def status_changes_for(user: AbstractBaseUser) -> QuerySet[StatusChange]:
    changes = StatusChange.objects.select_related(
        "country", "requirement__framework", "source", "recorded_by", "reviewed_by"
    )
    if acts_for_every_country(user):
        return changes
    return changes.filter(country__in=countries_for(user))


def assessments_for(user: AbstractBaseUser) -> QuerySet[Assessment]:
    assessments = Assessment.objects.select_related(
        "country", "requirement__framework", "change__source"
    )
    if acts_for_every_country(user):
        return assessments
    return assessments.filter(country__in=countries_for(user))


def frameworks_for(user: AbstractBaseUser) -> QuerySet[Framework]:
    if acts_for_every_country(user):
        return Framework.objects.all()
    return Framework.objects.filter(
        pk__in=Framework.countries.through.objects.filter(country__in=countries_for(user)).values(
            "framework_id"
        )
    )


def requirements_for(user: AbstractBaseUser) -> QuerySet[Requirement]:
    requirements = Requirement.objects.select_related("framework")
    if acts_for_every_country(user):
        return requirements
    return requirements.filter(framework__in=frameworks_for(user))
