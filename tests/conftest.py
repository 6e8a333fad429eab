import os

import pytest

from tests.browser import ARGS, CHROMIUM


@pytest.fixture
def demo(db):
    """The demo dataset, loaded for one test (browser tests need it committed)."""
    from tests import factories

    factories.demo()


# Staff of the admin's roles, for any test package whose `world` has AL and RS
# (tests/admin, tests/security, tests/indicators): the AL editor, the RS editor, the
# reviewer, and clients logged in as them.


@pytest.fixture
def roles(db):
    from alignment.roles import ensure_roles

    return ensure_roles()


@pytest.fixture
def editor(roles, world):
    from alignment.roles import EDITOR
    from tests.factories import staff

    return staff("al-editor", roles[EDITOR], [world.al])


@pytest.fixture
def rs_editor(roles, world):
    from alignment.roles import EDITOR
    from tests.factories import staff

    return staff("rs-editor", roles[EDITOR], [world.rs])


@pytest.fixture
def reviewer(roles, world):
    from alignment.roles import REVIEWER
    from tests.factories import staff

    return staff("reviewer", roles[REVIEWER])


@pytest.fixture
def editor_client(editor):
    from tests.factories import logged_in

    return logged_in(editor)


@pytest.fixture
def reviewer_client(reviewer):
    from tests.factories import logged_in

    return logged_in(reviewer)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """i10: a `replica` alias, a test mirror of the primary, for tests/speed/test_replica.
    Reads go there only while REPLICA_READS is on (off unless DATABASE_REPLICA_URL is set)."""
    import copy

    from django.conf import settings
    from django.db import connections

    if "replica" not in settings.DATABASES:
        entry = copy.deepcopy(connections["default"].settings_dict)
        entry["TEST"] = {**entry.get("TEST", {}), "MIRROR": "default"}
        settings.DATABASES["replica"] = entry
        connections.settings["replica"] = entry


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """i10: the shared page cache is keyed by the data version, which a test's rollback
    takes back; every test starts with an empty cache so none reads another's pages."""
    from django.core.cache import cache

    cache.clear()
    yield


def pytest_collection_modifyitems(items) -> None:
    """Browser tests run last: Playwright's event loop then stays out of the other tests."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.fixture(autouse=True)
def _english_to_begin_with():
    """Each test starts in English: a request in another language leaves that language
    active in the thread (Django's locale middleware activates it and never resets it)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        message = (
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
            "(apt-get install chromium chromium-driver)"
        )
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail(message + "; E2E_REQUIRED=1 makes this a failure.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM then refuses
    # to run here unless told that this is deliberate.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
