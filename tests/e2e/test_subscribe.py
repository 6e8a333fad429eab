"""Subscribing in a real browser: from a country page to a confirmed subscription, on a
desktop and on a 390 px phone (tests/notifications has the rules)."""

import re

import pytest
from django.core.cache import cache

from notifications.models import OutgoingEmail, Subscription
from tests import factories
from tests.browser import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_reader_subscribes_to_a_country_and_confirms(page, width):
    cache.clear()  # rate limits of earlier tests
    rs = factories.country("RS", "Serbia")
    factories.framework("eu-ch24", countries=[rs])
    page.set_viewport_size({"width": width, "height": 900})

    page.goto("/countries/RS/")
    page.get_by_role("link", name="Get e-mails when this changes").click()
    page.get_by_label("Your e-mail address").fill("not an address")
    page.get_by_role("button", name="Subscribe").click()
    page.get_by_role("alert").first.wait_for()
    assert page.get_by_text("Enter a valid email address.").is_visible()
    screenshot(page, f"subscribe-error-{width}")

    page.get_by_label("Your e-mail address").fill("reader@example.org")
    page.get_by_label("A daily summary").check()
    page.get_by_role("button", name="Subscribe").click()
    # is_visible() does not wait: the answer to the POST may not have arrived yet.
    page.get_by_role("heading", name="Check your inbox").wait_for()
    screenshot(page, f"subscribe-check-inbox-{width}")

    body = OutgoingEmail.objects.get().body
    confirm = re.search(r"https?://\S+/subscribe/confirm/\S+/", body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", confirm))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Subscribed").wait_for()
    screenshot(page, f"subscribe-confirmed-{width}")
    assert Subscription.objects.get().frequency == "daily"
