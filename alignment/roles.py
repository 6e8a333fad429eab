"""The staff roles as Django groups, and the one function that sets them up.

A country editor records statuses for the countries assigned to them (Country.editors)
and sees those countries' records; a reviewer approves or returns proposed statuses for
every country and edits the reference data; a translator edits the interface's catalogues
in the browser (django-rosetta, gated by common.i18n.may_translate) and nothing else.
Nobody below superuser deletes anything.

`ensure_roles` is run by the 0003 data migration (with the historical models) and by the
`setup_roles` and `create_staff_user` commands (with the current ones). It sets each
group's permissions to exactly the lists below, so running it again is safe and repairs
a group someone edited by hand. When a later model's permission joins a list, add a data
migration that calls it again (the 0003 one skips permissions that do not exist yet).
"""

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.db import models

from common.i18n import TRANSLATE_PERMISSION, TRANSLATOR_GROUP
from countries.scope import REVIEW_PERMISSION

EDITOR = "Country editor"
REVIEWER = "Reviewer"
TRANSLATOR = TRANSLATOR_GROUP


_REFERENCE_DATA = [
    "countries.country",
    "countries.institution",
    "alignment.framework",
    "alignment.requirement",
    "alignment.theme",
    "alignment.source",
    "workshops.workshop",
    "workshops.participation",
    "workshops.delegate",
    "workshops.recommendation",
]

# Issue 15: indicators. An editor records values for their countries; a reviewer
# (who reviews statuses) also reviews values, and keeps the indicators themselves.
_INDICATOR_EDITOR = [
    "indicators.view_indicator",
    "indicators.view_indicatorvalue",
    "indicators.add_indicatorvalue",
]
_INDICATOR_REVIEWER = [
    "indicators.view_indicator",
    "indicators.add_indicator",
    "indicators.change_indicator",
    "indicators.view_indicatorvalue",
    "indicators.add_indicatorvalue",
]

ROLES: dict[str, list[str]] = {
    EDITOR: [
        *_INDICATOR_EDITOR,
        "countries.view_country",
        "alignment.view_framework",
        "alignment.view_requirement",
        "alignment.view_source",
        "alignment.add_source",
        "alignment.view_statuschange",
        "alignment.add_statuschange",
        "alignment.view_assessment",
    ],
    REVIEWER: [
        *_INDICATOR_REVIEWER,
        *(
            f"{label.split('.')[0]}.{action}_{label.split('.')[1]}"
            for label in _REFERENCE_DATA
            for action in ("view", "add", "change")
        ),
        "alignment.view_statuschange",
        "alignment.add_statuschange",
        REVIEW_PERMISSION,
        "alignment.view_assessment",
    ],
    TRANSLATOR: [TRANSLATE_PERMISSION],
}


def ensure_roles(apps: Apps = global_apps, *, strict: bool = True) -> dict[str, models.Model]:
    """Create or update the role groups; returns them by name.

    Raises LookupError naming a permission that does not exist (run migrate first),
    unless strict is False, as in a migration that runs before that model exists.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groups = {}
    for name, codes in ROLES.items():
        wanted = []
        for code in codes:
            app_label, codename = code.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                if not strict:
                    continue
                raise LookupError(f"permission {code} does not exist; run migrate first")
            wanted.append(permission)
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(wanted)
        groups[name] = group
    return groups
