"""The treaty charts in a real browser, on the demo dataset: page, filter, CSV, phone."""

import csv
import io

import pytest

from tests.browser import ARTIFACTS, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

TREATIES = {
    # code: (a country, its step today, as the Treaty Office's chart would say)
    "coe-ets-185": ("AL", "In force"),
    "coe-ets-189": ("SE", "In force"),
    "coe-cets-224": ("RS", "Ratified"),
}


def step(page, country: str) -> str:
    return page.locator(f'table.treaty-chart tr[data-country="{country}"] td.step').inner_text()


@pytest.mark.parametrize("code", list(TREATIES))
def test_each_treaty_has_a_chart_and_its_csv(page, demo, code):
    country, expected = TREATIES[code]
    page.goto("/treaties/")
    page.click(f'ul.treaties a[href="/treaties/{code}/"]')
    page.wait_for_selector(f'table.treaty-chart[data-framework="{code}"]')

    assert step(page, country).strip() == expected
    assert page.locator("table.treaty-chart tbody tr").count() == 13
    screenshot(page, f"treaty-chart-{code}")

    with page.expect_download() as download:
        page.click("p.data-links a")
    text = open(download.value.path(), encoding="utf-8").read()
    rows = {r["country_code"]: r for r in csv.DictReader(io.StringIO(text))}
    assert len(rows) == 13
    assert rows[country]["step_label"] == expected


def test_who_has_signed_the_second_protocol_but_not_ratified(page, demo):
    page.goto("/treaties/coe-cets-224/")
    page.check('form.treaty-filter input[name="step"][value="pending_adoption"]')
    page.select_option("#sort", "signed")
    page.click("form.treaty-filter button[type=submit]")
    page.wait_for_url("**step=pending_adoption**")

    countries = page.locator("table.treaty-chart tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.country)"
    )
    # Sorted by signature date: the seven of 2022-05-12 (by name), HR, AL, then BA in 2025.
    assert countries[-3:] == ["HR", "AL", "BA"]
    assert set(countries) == {"AT", "FI", "ME", "NL", "MK", "SE", "HR", "AL", "BA"}
    screenshot(page, "treaty-chart-coe-cets-224-signed-not-ratified")


def test_as_of_2016_and_the_former_name_on_a_phone(browser, live_server, demo):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    try:
        page.goto("/treaties/coe-ets-185/")
        page.fill("#as_of", "2016-05-26")
        page.click("form.as-of button[type=submit]")
        page.wait_for_url("**as_of=2016-05-26**")

        name = page.locator('table.treaty-chart tr[data-country="MK"] th a').inner_text()
        assert name == "the former Yugoslav Republic of Macedonia"
        assert step(page, "SE").strip() == "No data"  # Sweden deposited in 2021
        screenshot(page, "treaty-chart-coe-ets-185-2016-phone")

        page.goto("/countries/BA/?as_of=2016-05-26")
        section = page.locator("section#treaties")
        assert section.locator('tr[data-framework="coe-ets-185"] td.step').inner_text().strip() == (
            "In force"
        )
        screenshot(page, "country-BA-2016-phone")
        ARTIFACTS.mkdir(exist_ok=True)
        section.screenshot(path=str(ARTIFACTS / "country-BA-treaties-2016-phone.png"))
    finally:
        context.close()
