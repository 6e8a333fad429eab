"""The pages people use, in a real browser, on the demo dataset (../shared/domain)."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import screenshot

AXE = Axe()
# The README's picture of the overview, refreshed by the browser test.
KEPT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

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


def test_the_workshop_picture_on_2016_05_26(page, demo):
    for fw, requirement, country, status in PICTURE_2016:
        group = requirement.split(".")[0] if "." in requirement else None
        url = f"/frameworks/{fw}/groups/{group}/" if group else f"/frameworks/{fw}/"
        page.goto(url + "?as_of=2016-05-26")
        found = cell(page, requirement, country)
        assert found.get_attribute("data-status") == status, (fw, requirement, country)
        assert found.inner_text().strip()  # a symbol besides the colour
    screenshot(page, "group-eu-dap-2013-supply-2016-05-26")


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page (axe ships in the wheel)."""
    results = AXE.run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def fits(page) -> bool:
    """Nothing makes the page itself scroll sideways."""
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_overview_to_framework_to_group_to_cell_history_on_2016_05_26(page, demo, size):
    page.set_viewport_size(DESKTOP if size == "desktop" else PHONE)
    page.goto("/?as_of=2016-05-26")
    overview = page.locator('table.overview tr[data-country="AL"] td[data-framework="eu-dap-2013"]')
    assert overview.inner_text().strip()
    screenshot(page, f"overview-2016-05-26-{size}")
    if size == "desktop":
        KEPT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(KEPT / "overview.png"))
    checked = [page.url]
    assert serious_violations(page) == [] and fits(page)

    overview.locator("a").click()
    page.wait_for_url("**/frameworks/eu-dap-2013/?country=AL&as_of=2016-05-26")
    assert cell(page, "supply", "AL").is_visible()
    screenshot(page, f"framework-eu-dap-2013-AL-{size}")
    assert serious_violations(page) == [] and fits(page)

    page.locator('tr[data-requirement="supply"] th a').click()
    page.wait_for_url("**/frameworks/eu-dap-2013/groups/supply/?country=AL&as_of=2016-05-26")
    found = cell(page, "supply.online-markets", "AL")
    assert found.get_attribute("data-status") == "not_aligned"
    screenshot(page, f"group-eu-dap-2013-supply-{size}")
    assert serious_violations(page) == [] and fits(page)

    found.locator("a").click()
    page.wait_for_url(
        "**/countries/AL/frameworks/eu-dap-2013/requirements/supply.online-markets/?as_of=2016-05-26"
    )
    assert page.locator("p.current").get_attribute("data-status") == "not_aligned"
    assert page.locator("table.history tr.in-force td.source").inner_text().strip()
    screenshot(page, f"cell-AL-supply-online-markets-{size}")
    assert serious_violations(page) == [] and fits(page)
    checked.append(page.url)


PUBLIC_PAGES = [
    "/",
    "/frameworks/eu-ch24/?as_of=2016-05-26",
    "/frameworks/coe-ets-185/",
    "/frameworks/eu-dap-2013/groups/supply/",
    "/frameworks/eu-ch24/requirements/cybercrime-strategy/",
    "/countries/RS/",
    "/countries/AL/frameworks/eu-ch24/requirements/cybercrime-strategy/",
    "/workshops/",
    "/workshops/taiex-2016-sarajevo-cybercrime/",
    "/data/",
    "/frameworks/nope/",
    "/?as_of=2016-13-45",
]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_public_page_passes_axe_and_fits_a_phone(page, demo, size):
    page.set_viewport_size(DESKTOP if size == "desktop" else PHONE)
    problems = {}
    for url in PUBLIC_PAGES:
        page.goto(url)
        found = serious_violations(page)
        if not fits(page):
            found.append(
                f"scrolls sideways: {page.evaluate('document.documentElement.scrollWidth')}"
            )
        if found:
            problems[url] = found
        if size == "phone":
            name = url.strip("/").replace("/", "-").replace("?", "-") or "overview"
            screenshot(page, f"phone-{name}")
    assert problems == {}


def test_charts_text_is_at_least_12_px_on_a_phone(page, demo):
    page.set_viewport_size(PHONE)
    for url in ["/frameworks/eu-ch24/", "/countries/RS/"]:
        page.goto(url)
        sizes = page.evaluate(
            "Array.from(document.querySelectorAll('svg.chart text'))"
            ".map(t => t.getBoundingClientRect().height)"
        )
        assert sizes and min(sizes) >= 12 * 0.9, url  # a glyph box is about the font size


def test_print_leaves_out_the_navigation(page, demo):
    page.goto("/frameworks/eu-ch24/")
    page.emulate_media(media="print")
    assert not page.locator("header.site nav").is_visible()
    assert page.locator("table.heatmap").is_visible()


def test_a_cell_leads_to_its_history_and_source(page, demo):
    page.goto("/frameworks/eu-ch24/?as_of=2016-05-26")
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
