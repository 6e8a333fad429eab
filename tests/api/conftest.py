import pytest

from tests import factories
from tests.world import OpenData, open_data

world_in_module = factories.built_once_per_module(open_data)


@pytest.fixture
def world(world_in_module, db) -> OpenData:
    return factories.fresh(world_in_module)
