"""The pages' worlds (tests/world.py): `world`, shaped like the demo, and `synthetic`,
large enough that a query per row would show; each built once per module."""

from types import SimpleNamespace

import pytest

from tests import factories as f
from tests.world import pages, synthetic

world_in_module = f.built_once_per_module(pages)
synthetic_in_module = f.built_once_per_module(synthetic)


@pytest.fixture
def world(world_in_module, db) -> SimpleNamespace:
    return f.fresh(world_in_module)


@pytest.fixture(name="synthetic")
def fresh_synthetic(synthetic_in_module, db) -> SimpleNamespace:
    return f.fresh(synthetic_in_module)
