"""The admin tests' staff and world, shared here."""

from tests.admin.conftest import editor, reviewer, roles, rs_editor, world  # noqa: F401
