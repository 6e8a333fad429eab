"""Choosing a language from the menu on a phone, in a real browser; it stays chosen."""

import pytest

from tests.browser import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

# The language menu's option, the page title it gives the workshops list, and the name of
# the page's own language as it appears in the menu.
LANGUAGES = {
    "en": "Workshops",
    "sr": "Радионице",
    "sr-latn": "Radionice",
    "bs": "Radionice",
    "sq": "Punëtoritë",
    "mk": "Работилници",
    "tr": "Çalıştaylar",
}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_the_menu_switches_the_language_and_the_next_page_keeps_it(phone, demo):
    phone.goto("/workshops/")
    for code, workshops in LANGUAGES.items():
        phone.select_option("#language-select", code)
        with phone.expect_navigation():
            phone.click("form.language-menu button[type=submit]")

        assert phone.locator("html").get_attribute("lang") == code
        assert phone.locator("nav").first.inner_text().count(workshops) >= 1
        screenshot(phone, f"language-{code}-phone")

        # The next page, reached by a link, stays in the chosen language.
        phone.click("a.brand")
        phone.wait_for_load_state()
        assert phone.locator("html").get_attribute("lang") == code
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        phone.goto("/workshops/")
