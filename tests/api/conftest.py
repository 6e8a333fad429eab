import pytest

from tests import factories
from tests.api import data

world_in_module = factories.built_once_per_module(data.build)


@pytest.fixture
def world(world_in_module, db) -> data.World:
    return factories.fresh(world_in_module)
