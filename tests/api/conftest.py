import pytest

from tests.api import data


@pytest.fixture
def world(db) -> data.World:
    return data.build()


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Tests run without collectstatic: the manifest storage of DEBUG-off would fail."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
