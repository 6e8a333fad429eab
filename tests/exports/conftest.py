import pytest

from tests import factories
from tests.world import OpenData, open_data

world_in_module = factories.built_once_per_module(open_data)
demo_in_module = factories.built_once_per_module(factories.demo)


@pytest.fixture
def world(world_in_module, db) -> OpenData:
    return factories.fresh(world_in_module)


@pytest.fixture
def demo(demo_in_module, db):
    """Overrides tests/conftest.py's `demo` (one load per test) for this folder."""
