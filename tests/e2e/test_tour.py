"""The presenter's tour of the README, followed in a real browser on the demo as
`make demo` sets it up (demo_setup: the demo data and the printed logins).

Each stop is found by its URL name and its <h1>, not by its layout, so that a redesign
of a page changes a screenshot, not this test. The screenshots go to test-artifacts/tour/;
`make tour` (REFRESH_TOUR=1) also writes them to docs/tour/, the README's pictures.
"""

import csv
import io
import os
from pathlib import Path

import pytest
from django.urls import reverse

from alignment.models import Assessment, ReviewState, StatusChange
from tests.browser import ARTIFACTS
from tests.demo_run.output import printed_logins, set_up

pytestmark = pytest.mark.django_db(transaction=True)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "tour"
VIEWPORT = {"width": 1000, "height": 660}


def picture(page, name: str) -> None:
    """The visible part of the page, as the audience sees it on a projector."""
    page.wait_for_load_state("networkidle")
    folders = [ARTIFACTS / "tour"] + ([DOCS] if os.environ.get("REFRESH_TOUR") == "1" else [])
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"))


def scroll_to(page, selector: str) -> None:
    """Bring the first match to the top of the window, if the page has one."""
    target = page.locator(selector).first
    if target.count():
        target.evaluate("element => element.scrollIntoView()")


def heading(page) -> str:
    return page.locator("h1").first.inner_text()


def log_in(page, username: str, password: str) -> None:
    page.goto(reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"**{reverse('admin:index')}")


def pick(page, field: str, term: str) -> None:
    """Type into the admin's autocomplete (select2) and click the option that has `term`
    (not merely the first one shown: that may still answer an earlier keystroke)."""
    page.click(f".field-{field} .select2-selection")
    page.keyboard.type(term)
    page.locator(".select2-results__option", has_text=term).first.click()


def test_the_presenters_tour(browser, live_server, settings, tmp_path):
    settings.DEMO = True
    settings.DEMO_LOGINS_FILE = tmp_path / "demo.logins.json"
    logins = printed_logins(set_up())
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(20_000)

    # 1. The overview: who lags where, today.
    page.goto(reverse("alignment:home"))
    assert heading(page)
    picture(page, "1-overview")

    # 2. The picture on the day of the Sarajevo workshop.
    page.goto(reverse("alignment:home") + "?framework=eu-ch24&as_of=2016-05-26")
    assert page.locator("input[name=as_of]").first.input_value() == "2016-05-26"
    scroll_to(page, "main h2")
    picture(page, "2-picture-2016")

    # 3. One country's change since the workshop.
    page.goto(reverse("alignment:country", args=["RS"]) + "#fw-eu-ch24")
    assert heading(page).startswith("Serbia")
    picture(page, "3-serbia-since-2016")

    # 4. The Serbian editor records a status: a correction restating, from the same
    #    source, what the demo data already hold (the tour invents nothing).
    log_in(page, "demo-editor-rs", logins["demo-editor-rs"][0])
    page.goto(reverse("admin:alignment_statuschange_add"))
    pick(page, "requirement", "cybercrime-strategy")
    page.select_option("#id_status", "adopted")
    page.fill("#id_effective_on", "2018-09-15")
    page.fill(
        "#id_evidence",
        "Restated in the presenter's tour: the Strategy for Combating High-Tech Crime "
        "2019–2023 was adopted on 2018-09-15 (CoE Octopus).",
    )
    pick(page, "source", "Octopus Cybercrime Community, country profile: Serbia")
    page.evaluate("window.scrollTo(0, 0)")
    picture(page, "4-editor-records")
    page.click("input[name=_save]")
    page.wait_for_selector("text=It is proposed")
    recorded = StatusChange.objects.get(review_state=ReviewState.PROPOSED)
    assert (
        recorded.country.code,
        recorded.requirement.full_code,
        recorded.recorded_by.username,
    ) == (
        "RS",
        "eu-ch24/cybercrime-strategy",
        "demo-editor-rs",
    )

    # 5. The reviewer approves it from what waits for them.
    reviewer = browser.new_context(base_url=live_server.url, viewport=VIEWPORT).new_page()
    log_in(reviewer, "demo-reviewer", logins["demo-reviewer"][0])
    reviewer.click("#waiting-for-you .waiting-proposed a")
    picture(reviewer, "5-reviewer-approves")
    reviewer.click("#review-actions input[type=submit]")
    reviewer.wait_for_selector("text=Approved")
    recorded.refresh_from_db()
    assert recorded.review_state == ReviewState.APPROVED
    assert Assessment.objects.get(country__code="RS", requirement=recorded.requirement).change == (
        recorded
    )

    # 6. The data behind the country's Chapter 24 chart, downloaded.
    page.goto(reverse("alignment:country", args=["RS"]))
    status_csv = reverse("exports:status", kwargs={"fmt": "csv"})
    link = page.locator(f"a[href^='{status_csv}'][href*='eu-ch24']").first
    link.evaluate("element => element.scrollIntoView()")
    picture(page, "6-data-download")
    with page.expect_download() as download:
        link.click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert rows and {row["country_code"] for row in rows} == {"RS"}
    assert ("eu-ch24/cybercrime-strategy", "adopted", "2018-09-15") in {
        (row["requirement_code"], row["status"], row["effective_on"]) for row in rows
    }
    context.close()
    reviewer.context.close()
