"""The indicator page in a real browser, on the demo dataset, on a desktop and a phone."""

import pytest

from tests.browser import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

BENEFICIARIES = ["AL", "BA", "ME", "MK", "RS", "TR", "XK"]


def test_cross_border_initiatives_are_counted_from_the_demo_workshop(page, demo):
    page.goto("/indicators/")
    page.click('li[data-indicator="cross-border-initiatives"] a')
    page.wait_for_selector("svg.small-multiple")

    panels = page.locator("svg.small-multiple")
    assert sorted(panels.evaluate_all("els => els.map(e => e.dataset.country)")) == BENEFICIARIES
    assert "derived, not typed" in page.inner_text("#derived-note")
    for code in BENEFICIARIES:
        cell = page.locator(
            f'#indicator-table tr[data-country="{code}"][data-period="2016"] td.num'
        )
        assert cell.inner_text().strip() == "1"
    assert page.locator("svg.small-multiple rect").count() == 7
    screenshot(page, "indicator-cross-border-initiatives")

    page.click("ul.events-counted a")
    page.wait_for_url("**/workshops/taiex-2016-sarajevo-cybercrime/")


def test_before_the_workshop_ended_nothing_is_counted(page, demo):
    page.goto("/indicators/cross-border-initiatives/")
    page.fill("#as_of", "2016-05-25")
    page.click("form.as-of button[type=submit]")
    page.wait_for_url("**as_of=2016-05-25**")
    assert page.locator("svg.small-multiple rect").count() == 0
    assert "No data" in page.inner_text("#indicator-table")


def test_the_typed_indicator_shows_no_data_and_fits_a_phone(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    phone = context.new_page()
    try:
        for code in ["cross-border-initiatives", "le-results-online-drug-crime"]:
            phone.goto(f"/indicators/{code}/")
            phone.wait_for_selector("svg.small-multiple")
            screenshot(phone, f"indicator-{code}-390px")
            overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, code
        assert "No data" in phone.inner_text("#indicator-table")
        assert phone.locator("svg.small-multiple rect").count() == 0
    finally:
        context.close()
