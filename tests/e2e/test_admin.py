"""The admin in a real browser: an editor records a status through the autocomplete
widgets, a reviewer approves it from the index (tests/admin has the rules; this checks
that the JavaScript parts work)."""

import pytest
from django.contrib.auth import get_user_model

from alignment.models import Assessment, ReviewState, StatusChange
from alignment.roles import EDITOR, REVIEWER, ensure_roles
from tests import factories
from tests.browser import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "browser-test-passphrase-7"


def staff(username: str, group, countries=()):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(group)
    user.editable_countries.set(countries)
    return user


def log_in(page, username: str) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def pick(page, field: str, term: str) -> list[str]:
    """Type into a select2 autocomplete; returns the options offered, picks the first."""
    page.click(f".field-{field} .select2-selection")
    page.keyboard.type(term)
    options = page.locator(".select2-results__option:not(.loading-results)")
    options.first.wait_for()
    offered = options.all_inner_texts()
    page.keyboard.press("Enter")
    return offered


def test_an_editor_records_through_the_autocomplete_and_a_reviewer_approves(
    page, browser, live_server
):
    roles = ensure_roles()  # a browser test's database is emptied after each test
    al, rs = factories.country("AL", "Albania"), factories.country("RS", "Serbia")
    ch24 = factories.framework("eu-ch24", countries=[al, rs])
    rs_only = factories.framework("coe-ets-189", countries=[rs])
    law = factories.requirement(ch24, "cybercrime-law")
    factories.requirement(rs_only, "offences")
    factories.source("octopus", title="Octopus country profile")
    editor = staff("editor-al", roles[EDITOR], [al])
    staff("reviewer", roles[REVIEWER])

    log_in(page, "editor-al")
    page.goto("/admin/alignment/statuschange/add/")
    offered = pick(page, "requirement", "e")
    page.select_option("#id_status", "adopted")
    page.fill("#id_effective_on", "2018-07")
    page.fill("#id_evidence", "Amendments adopted by the Assembly.")
    pick(page, "source", "Octopus")
    page.click("input[name=_save]")
    page.wait_for_selector("text=It is proposed")
    page.wait_for_load_state("networkidle")
    screenshot(page, "admin-recorded")

    assert offered == ["eu-ch24/cybercrime-law"]  # not RS's coe-ets-189/offences
    change = StatusChange.objects.get()
    assert (change.requirement, change.recorded_by, change.review_state) == (
        law,
        editor,
        ReviewState.PROPOSED,
    )

    context = browser.new_context(base_url=live_server.url)
    reviewer = context.new_page()
    log_in(reviewer, "reviewer")
    reviewer.click("#waiting-for-you .waiting-proposed a")
    reviewer.click("#review-actions input[type=submit]")
    reviewer.wait_for_selector("text=Approved")
    reviewer.wait_for_load_state("networkidle")  # no request left running into teardown
    screenshot(reviewer, "admin-approved")
    context.close()

    assert Assessment.objects.get(country=al, requirement=law).change == change
