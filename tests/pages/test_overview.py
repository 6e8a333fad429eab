"""Home: the overview of every country on every framework, as of any date."""

import pytest

from tests.pages.markup import parse

pytestmark = pytest.mark.django_db


def cells(response) -> dict[tuple[str, str], object]:
    table = parse(response).find("table", class_="overview")
    return {
        (row.attrs["data-country"], td.attrs["data-framework"]): td
        for row in table.find("tbody").find_all("tr")
        for td in row.find_all("td")
    }


def test_each_cell_gives_index_and_coverage_as_text_and_colour(client, world):
    found = cells(client.get("/?as_of=2016-08-26"))

    # Chapter 24 on 2016-08-26: Albania 50 and 100 on 2 of 3; Bosnia (0 + 25) / 2 on 2 of 2.
    albania = found[("AL", "eu-ch24")]
    assert (albania.attrs["data-index"], albania.attrs["data-coverage"]) == ("75", "67%")
    assert albania.text == "75 67% covered"
    assert albania.has_class("s-adopted")
    assert found[("BA", "eu-ch24")].text == "13 100% covered"


def test_no_data_and_does_not_apply_read_differently(client, world):
    found = cells(client.get("/?as_of=2016-08-26"))

    austria_treaty, austria_ch24 = found[("AT", "coe-ets-185")], found[("AT", "eu-ch24")]
    assert austria_ch24.attrs["data-status"] == "not_applicable"
    assert austria_ch24.text == "does not apply"
    assert found[("BA", "coe-ets-185")].attrs["data-status"] == "none"
    assert found[("BA", "coe-ets-185")].text == "– No data"
    assert austria_treaty.attrs["data-index"] == "100"


def test_cells_open_the_framework_for_that_country_and_columns_the_framework(client, world):
    page = parse(client.get("/?as_of=2016-05-26"))

    cell = cells(client.get("/?as_of=2016-05-26"))[("AL", "eu-ch24")]
    assert cell.find("a").attrs["href"] == "/frameworks/eu-ch24/?country=AL&as_of=2016-05-26"
    head = page.find("th", data_framework="eu-ch24").find("a")
    assert head.attrs["href"] == "/frameworks/eu-ch24/?as_of=2016-05-26"


def test_key_dates_and_the_workshop_story_are_one_click_away(client, world):
    page = parse(client.get("/"))
    nav = page.find("nav", class_="key-dates")

    dates = {a.text: a.attrs["href"] for a in nav.find_all("a")}
    assert dates["2016-05-26"] == "/?as_of=2016-05-26"
    assert "Regional workshop on cybercrime" in nav.text
    story = page.find("p", class_="story").find("a")
    assert story.attrs["href"] == "/workshops/ws-2016/#since"


def test_the_data_page_lists_every_download_with_its_columns_and_the_licence(client, db):
    page = parse(client.get("/data/"))

    links = {a.attrs["href"] for a in page.find_all("a", class_="download-link")}
    assert links == {
        f"/export/{name}.{fmt}" for name in ("status", "history") for fmt in ("csv", "json", "xlsx")
    }
    columns = [c.text for c in page.find_all("table", class_="columns")[0].find_all("code")]
    assert columns[:9] == [
        "country_code",
        "country",
        "framework",
        "requirement_code",
        "requirement",
        "status",
        "score",
        "effective_on",
        "source_url",
    ]
    assert columns[9:] == ["evidence", "source_title"]
    licence = page.find("section", id="licence")
    assert "CC BY 4.0" in licence.text
    assert "sources keep their own terms" in licence.text
    assert page.find("a", href="/api/v1/docs/")
    assert page.find("header", class_="site").find("a", href="/data/")
