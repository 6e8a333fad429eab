import pytest

from tests.api import data


@pytest.fixture
def world(db) -> data.World:
    return data.build()


