"""The admin's reference world (tests/world.py: reference), built in code; its staff are
tests/conftest.py's fixtures.

AL and RS are assessed on eu-ch24 and coe-ets-185, AT (a member state) only on
coe-ets-185. The editor records for AL; `rs_editor` for RS; the reviewer for everyone.
"""

from types import SimpleNamespace

import pytest

from tests.factories import logged_in, staff
from tests.world import reference, staff_workshop
from workshops.models import Workshop

__all__ = ["logged_in", "staff"]  # imported from here by the admin and security tests


@pytest.fixture
def world(db) -> SimpleNamespace:
    return reference()


@pytest.fixture
def workshop(world) -> Workshop:
    """A workshop hosted by AL, with AL taking part."""
    return staff_workshop(world)
