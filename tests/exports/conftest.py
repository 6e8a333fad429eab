import pytest

from tests import factories
from tests.api import data

world_in_module = factories.built_once_per_module(data.build)
demo_in_module = factories.built_once_per_module(factories.demo)


@pytest.fixture
def world(world_in_module, db) -> data.World:
    return factories.fresh(world_in_module)


@pytest.fixture
def demo(demo_in_module, db):
    """Overrides tests/conftest.py's `demo` (one load per test) for this folder."""
