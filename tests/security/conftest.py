"""The admin tests' world, shared here (the staff fixtures are tests/conftest.py's)."""

from tests.admin.conftest import world  # noqa: F401
