"""Staff and the admin's reference world (tests/world.py: reference), built in code.

AL and RS are assessed on eu-ch24 and coe-ets-185, AT (a member state) only on
coe-ets-185. The editor records for AL; `rs_editor` for RS; the reviewer for everyone.
"""

from types import SimpleNamespace

import pytest
from django.test import Client

from alignment.roles import EDITOR, REVIEWER, ensure_roles
from tests.factories import logged_in, staff
from tests.world import reference, staff_workshop
from workshops.models import Workshop

__all__ = ["logged_in", "staff"]  # imported from here by the admin and security tests


@pytest.fixture
def roles(db):
    return ensure_roles()


@pytest.fixture
def world(db) -> SimpleNamespace:
    return reference()


@pytest.fixture
def editor(roles, world):
    return staff("al-editor", roles[EDITOR], [world.al])


@pytest.fixture
def rs_editor(roles, world):
    return staff("rs-editor", roles[EDITOR], [world.rs])


@pytest.fixture
def reviewer(roles, world):
    return staff("reviewer", roles[REVIEWER])


@pytest.fixture
def editor_client(editor) -> Client:
    return logged_in(editor)


@pytest.fixture
def reviewer_client(reviewer) -> Client:
    return logged_in(reviewer)


@pytest.fixture
def workshop(world) -> Workshop:
    """A workshop hosted by AL, with AL taking part."""
    return staff_workshop(world)
