"""The role groups: created by migrate, repaired by setup_roles, with the right permissions."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from alignment.roles import EDITOR, REVIEWER, ROLES


@pytest.fixture
def migrated(db) -> None:
    """The groups the migrations wrote. A transactional test that ran earlier on this
    worker empties the database when it ends; then the data migrations' own functions
    write them again, as migrate did."""
    if not Group.objects.exists():
        for name in ("0003_roles", "0008_i11_translator_role"):
            importlib.import_module(f"alignment.migrations.{name}").create_roles(apps, None)


def codes(group: Group) -> set[str]:
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_migrate_creates_both_groups_with_their_permissions(migrated):
    # The test database was built by the migrations, the 0003 data migration included.
    assert codes(Group.objects.get(name=EDITOR)) == set(ROLES[EDITOR])
    assert codes(Group.objects.get(name=REVIEWER)) == set(ROLES[REVIEWER])


def test_editor_records_and_reads_but_edits_no_reference_data(db):
    editor = set(ROLES[EDITOR])
    assert {"alignment.add_statuschange", "alignment.add_source"} <= editor
    assert not {p for p in editor if p.split(".")[1].startswith(("change_", "delete_"))}
    assert "alignment.review_statuschange" not in editor


def test_reviewer_reviews_and_edits_reference_data_but_deletes_nothing(db):
    reviewer = set(ROLES[REVIEWER])
    assert {"alignment.review_statuschange", "alignment.change_requirement"} <= reviewer
    assert {"countries.change_country", "workshops.change_workshop"} <= reviewer
    assert not [p for p in reviewer if ".delete_" in p]
    assert "alignment.change_statuschange" not in reviewer


def test_setup_roles_run_twice_repairs_a_hand_edited_group(migrated):
    reviewer = Group.objects.get(name=REVIEWER)
    reviewer.permissions.add(Permission.objects.get(codename="delete_statuschange"))
    Group.objects.get(name=EDITOR).delete()

    call_command("setup_roles", verbosity=0)
    call_command("setup_roles", verbosity=0)

    assert codes(Group.objects.get(name=REVIEWER)) == set(ROLES[REVIEWER])
    assert codes(Group.objects.get(name=EDITOR)) == set(ROLES[EDITOR])
    assert Group.objects.filter(name__in=[EDITOR, REVIEWER]).count() == 2
