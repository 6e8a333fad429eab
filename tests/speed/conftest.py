"""The pages' small world (tests/pages) is the data of the cache and replica tests."""

from tests.pages.conftest import world, world_in_module  # noqa: F401
