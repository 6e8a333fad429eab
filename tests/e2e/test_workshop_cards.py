"""The workshops list on a phone: each workshop a stacked card, its facts labelled."""

import pytest

from tests.browser import screenshot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

PHONE = {"width": 390, "height": 844}


def test_the_workshops_list_is_stacked_cards_on_a_phone(page, demo):
    page.set_viewport_size(PHONE)
    page.goto("/workshops/")
    card = page.locator('table.workshops tr[data-workshop="taiex-2016-sarajevo-cybercrime"]')
    # A card: its row a block as wide as the page, each fact on its own line with its label.
    assert card.evaluate("tr => getComputedStyle(tr).display") == "block"
    cells = card.locator("td")
    boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
    assert all(box["width"] > 300 for box in boxes)
    assert [b["y"] for b in boxes] == sorted(b["y"] for b in boxes)
    label = cells.first.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Kind: "'
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "phone-workshops-cards")
