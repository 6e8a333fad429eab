"""The pages people use, in a real browser, on the demo dataset (../shared/domain)."""

import pytest

from tests.browser import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

# The picture on 2016-05-26, from demo-dataset.md: (framework, requirement, country, status).
PICTURE_2016 = [
    ("eu-ch24", "cybercrime-strategy", "AL", "pending_adoption"),
    ("coe-ets-189", "offences", "BA", "not_aligned"),
    ("eu-ch24", "cybercrime-law", "TR", "not_aligned"),
    ("eu-ch24", "cybercrime-law", "RS", "not_aligned"),
    ("eu-ch24", "cybercrime-strategy", "BA", "not_aligned"),
    ("eu-ch24", "cybercrime-strategy", "MK", "not_aligned"),
    ("eu-ch24", "cybercrime-strategy", "RS", "not_aligned"),
    ("eu-dap-2013", "supply.asset-recovery", "ME", "in_preparation"),
    *[
        ("eu-dap-2013", "supply.online-markets", code, "not_aligned")
        for code in ["AL", "BA", "ME", "MK", "RS", "TR", "XK"]
    ],
]


def cell(page, requirement: str, country: str):
    return page.locator(
        f'table.heatmap tr[data-requirement="{requirement}"] td[data-country="{country}"]'
    )


def test_dashboard_on_2016_05_26_shows_the_workshop_picture(page, demo):
    page.goto("/")
    page.fill("#as_of", "2016-05-26")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**as_of=2016-05-26**")

    for framework in ["eu-ch24", "coe-ets-189", "eu-dap-2013"]:
        page.select_option("#framework", framework)
        page.click("form.filters button[type=submit]")
        page.wait_for_selector(f'table.heatmap[data-framework="{framework}"]')
        assert page.input_value("#as_of") == "2016-05-26"
        for fw, requirement, country, status in PICTURE_2016:
            if fw == framework:
                found = cell(page, requirement, country)
                assert found.get_attribute("data-status") == status, (fw, requirement, country)
                assert found.inner_text().strip()  # a symbol besides the colour
        screenshot(page, f"dashboard-2016-05-26-{framework}")


def test_groups_collapse_with_javascript_and_keyboard(page, demo):
    page.goto("/?framework=eu-dap-2013&as_of=2016-05-26")
    child = cell(page, "supply.online-markets", "AL")
    assert child.is_visible()

    toggle = page.locator('tr[data-requirement="supply"] button.toggle')
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not child.is_visible()
    page.keyboard.press("Enter")
    assert child.is_visible()


def test_a_cell_leads_to_its_history_and_source(page, demo):
    page.goto("/?framework=eu-ch24&as_of=2016-05-26")
    cell(page, "cybercrime-strategy", "AL").locator("a").click()

    page.wait_for_url("**/countries/AL/frameworks/eu-ch24/requirements/cybercrime-strategy/**")
    assert page.locator("p.current").get_attribute("data-status") == "pending_adoption"
    in_force = page.locator("table.history tr.in-force")
    assert in_force.get_attribute("data-status") == "pending_adoption"
    # The workshop's news item has no web address in the demo: its title stands alone.
    assert "Tackling Drug-Related Cybercrime" in in_force.locator("td.source").inner_text()
    sources = page.locator("table.history td.source")
    assert all(text.strip() for text in sources.all_inner_texts())
    assert page.locator("table.history td.source a[href^=http]").count() >= 1
    screenshot(page, "cell-AL-eu-ch24-cybercrime-strategy")

    page.locator("nav.breadcrumbs a").last.click()
    page.wait_for_url("**/frameworks/eu-ch24/requirements/cybercrime-strategy/**")
    albania = page.locator('table.statuses tr[data-country="AL"] span.status')
    assert albania.get_attribute("data-status") == "pending_adoption"
    screenshot(page, "requirement-eu-ch24-cybercrime-strategy")


def test_country_page_shows_index_over_time_and_the_workshop_follow_up(page, demo):
    page.goto("/countries/RS/")

    chart = page.locator('section[data-framework="eu-ch24"] svg.index-chart')
    assert chart.get_attribute("role") == "img"
    assert "Index" in chart.locator("desc").text_content()
    followup = page.locator('article[data-workshop="taiex-2016-sarajevo-cybercrime"]')
    c7 = followup.locator('tr[data-recommendation="C7"]')
    assert c7.locator("td.then span.status").get_attribute("data-status") == "not_aligned"
    assert c7.locator("td.now span.status").get_attribute("data-status") == "adopted"
    screenshot(page, "country-RS")


def test_workshop_page_shows_participants_and_what_changed_since(page, demo):
    page.goto("/workshops/")
    page.click("text=Sarajevo >> xpath=ancestor::tr//a")
    page.wait_for_url("**/workshops/taiex-2016-sarajevo-cybercrime/")

    assert (
        page.locator("table.participants tr[data-role=host]").get_attribute("data-country") == "BA"
    )
    assert "Milan Pekić" in page.locator('table.participants tr[data-country="RS"]').inner_text()
    # C9 asks every beneficiary: one row per country, host included.
    assert page.locator('table.followup tr[data-recommendation="C9"]').count() == 7
    c6 = page.locator('table.followup tr[data-recommendation="C6"]')
    assert c6.locator("td.then span.status").get_attribute("data-status") == "not_aligned"
    screenshot(page, "workshop-taiex-2016-sarajevo-cybercrime")


def test_dashboard_fits_a_phone(page, demo):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/?framework=eu-ch24&as_of=2016-05-26")

    screenshot(page, "dashboard-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375 + 1  # the heat map scrolls inside its box, not the page
