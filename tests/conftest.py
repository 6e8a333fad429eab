import pytest


@pytest.fixture
def demo(db, django_db_blocker):
    """The demo dataset, loaded the way the README loads it."""
    from django.core.management import call_command

    call_command("loaddata", "demo", verbosity=0)
