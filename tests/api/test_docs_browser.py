"""The API documentation page in a real browser, with every other host blocked.

Uses the browser fixtures of tests/e2e (Debian's chromium; skipped with a message when it
is missing, unless E2E_REQUIRED=1).
"""

import pytest

from tests.browser import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_docs_page_renders_every_operation_with_no_outside_request(page, live_server):
    outside = []

    def only_this_server(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    page.goto("/api/v1/docs/")

    page.locator(".opblock-summary-path").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    screenshot(page, "api-docs")
    assert outside == []
    assert len(paths) == 19  # 16, and issue 15's three indicator endpoints
    assert any("/api/v1/assessments/" in path for path in paths)
