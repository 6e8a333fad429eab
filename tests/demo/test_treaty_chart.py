"""The treaty chart on the demo: /treaties/<code>/ and its CSV, as the Treaty Office reads."""

import csv
import io

import pytest
from django.urls import reverse

from tests.pages.markup import parse

TREATIES = ["coe-ets-185", "coe-ets-189", "coe-cets-224"]


def chart(client, code: str, query: str = "") -> dict[str, dict[str, str]]:
    """Per country code: name, the three dates and the current step, as the page shows."""
    response = client.get(reverse("treaties:chart", args=[code]) + query)
    assert response.status_code == 200, response.content
    table = next(t for t in parse(response).find_all("table") if t.has_class("treaty-chart"))
    rows = {}
    for tr in table.find("tbody").find_all("tr"):
        if "data-country" not in tr.attrs:
            continue
        rows[tr.attrs["data-country"]] = {
            "name": tr.find("th").find("a").text,
            "signed": tr.find("td", class_="signed").text.strip(),
            "ratified": tr.find("td", class_="ratified").text.strip(),
            "in_force": tr.find("td", class_="in-force").text.strip(),
            "step": tr.find("td", class_="step").text.strip(),
            "status": tr.attrs["data-step"],
        }
    return rows


def csv_rows(client, code: str, query: str = "") -> list[dict[str, str]]:
    response = client.get(reverse("treaties:chart_csv", args=[code]) + query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_cets_224_today_serbia_ratified_not_in_force_others_signed_ie_tr_no_data(client, demo):
    rows = chart(client, "coe-cets-224")

    assert rows["RS"]["step"] == "Ratified" and rows["RS"]["in_force"] == "–"
    assert rows["RS"]["ratified"] == "2023-02-09"
    for code in ["AT", "FI", "ME", "NL", "MK", "HR", "AL", "BA", "SE"]:
        assert rows[code]["step"] == "Signed", code
    assert rows["IE"]["step"] == rows["TR"]["step"] == "No data"
    assert rows["XK"]["step"] == "Not applicable"


def test_ets_185_albania_ratified_from_2002_06_20_and_in_force_from_2004_07_01(client, demo):
    def albania(day: str) -> str:
        return chart(client, "coe-ets-185", f"?as_of={day}")["AL"]["step"]

    assert albania("2002-06-19") == "Signed"
    assert albania("2002-06-20") == albania("2004-06-30") == "Ratified"
    assert albania("2004-07-01") == "In force"
    today = chart(client, "coe-ets-185")["AL"]
    assert (today["signed"], today["ratified"], today["in_force"]) == (
        "2001-11-23",
        "2002-06-20",
        "2004-07-01",
    )


def test_a_date_is_shown_only_once_it_has_happened(client, demo):
    rows = chart(client, "coe-ets-185", "?as_of=2006-06-01")

    assert (rows["BA"]["ratified"], rows["BA"]["in_force"]) == ("2006-05-19", "–")
    assert rows["SE"]["step"] == "No data"


def test_each_date_links_to_its_source_or_to_the_rows_history(client, demo):
    page = parse(client.get(reverse("treaties:chart", args=["coe-ets-185"])))
    albania = page.find("tr", **{"data-country": "AL"})
    serbia = page.find("tr", **{"data-country": "RS"})

    signed = albania.find("td", class_="signed").find("a")
    assert signed.attrs["href"].startswith("https://www.coe.int/")
    # Serbia's ratification law has no kept address: the link opens the row's history.
    ratified = serbia.find("td", class_="ratified").find("a")
    assert ratified.attrs["href"].startswith(
        reverse("alignment:cell", args=["RS", "coe-ets-185", "party"])
    )


def test_former_name_shown_before_2019_02_12_from_data(client, demo):
    assert chart(client, "coe-ets-185", "?as_of=2019-02-11")["MK"]["name"] == (
        "the former Yugoslav Republic of Macedonia"
    )
    assert chart(client, "coe-ets-185", "?as_of=2019-02-12")["MK"]["name"] == "North Macedonia"


def test_filter_by_step_who_signed_but_has_not_ratified(client, demo):
    rows = chart(client, "coe-cets-224", "?step=pending_adoption")

    assert set(rows) == {"AT", "FI", "ME", "NL", "MK", "HR", "AL", "BA", "SE"}
    assert set(chart(client, "coe-cets-224", "?step=none")) == {"IE", "TR"}


def test_sort_by_ratification_puts_the_dated_first_oldest_first(client, demo):
    order = list(chart(client, "coe-ets-185", "?sort=ratified"))

    assert order[:3] == ["AL", "HR", "MK"]  # 2002-06-20, 2002-10-17, 2004-06-24
    assert set(order[-3:]) == {"IE", "NL", "XK"}  # no ratification date


def test_csv_is_the_data_behind_the_chart_with_the_same_filters(client, demo):
    rows = csv_rows(client, "coe-cets-224", "?step=adopted&as_of=2024-01-01")

    assert rows == [
        {
            "country_code": "RS",
            "country": "Serbia",
            "signed_on": "2022-05-12",
            "ratified_on": "2023-02-09",
            "in_force_on": "",
            "step": "adopted",
            "step_label": "Ratified",
            "signed_source": rows[0]["signed_source"],
            "ratified_source": rows[0]["ratified_source"],
            "in_force_source": "",
            "declarations": rows[0]["declarations"],
        }
    ]
    assert "reservations and declarations" in rows[0]["declarations"]
    assert "013833" in rows[0]["ratified_source"]


def test_csv_has_a_row_per_country_and_no_step_for_no_data(client, demo):
    rows = {r["country_code"]: r for r in csv_rows(client, "coe-ets-189")}

    assert len(rows) == 13
    assert (rows["TR"]["step"], rows["TR"]["step_label"]) == ("", "")
    assert (rows["SE"]["step"], rows["SE"]["in_force_on"]) == ("aligned", "2021-08-01")


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("?step=signed", "step"),
        ("?sort=colour", "sort"),
        ("?as_of=yesterday", "as_of"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, demo, query, named):
    response = client.get(reverse("treaties:chart", args=["coe-ets-185"]) + query)

    assert response.status_code == 400
    assert named in response.content.decode()


def test_a_framework_that_is_not_a_treaty_has_no_chart(client, demo):
    assert client.get(reverse("treaties:chart", args=["eu-ch24"])).status_code == 404
    assert client.get(reverse("treaties:chart_csv", args=["nope"])).status_code == 404


def test_the_index_lists_every_treaty_framework(client, demo):
    page = parse(client.get(reverse("treaties:index")))
    links = [a.attrs["href"] for a in page.find("ul", class_="treaties").find_all("a")]

    assert links == [reverse("treaties:chart", args=[code]) for code in sorted(TREATIES)]


def test_country_page_has_the_treaty_section(client, demo):
    page = parse(client.get(reverse("alignment:country", args=["AL"]) + "?as_of=2003-01-01"))
    section = page.find("section", id="treaties")
    steps = {
        tr.attrs["data-framework"]: tr.find("td", class_="step").text.strip()
        for tr in section.find("tbody").find_all("tr")
    }

    assert steps == {"coe-cets-224": "No data", "coe-ets-185": "Ratified", "coe-ets-189": "No data"}


def test_the_chart_reads_in_six_queries_whatever_the_number_of_countries(
    client, demo, django_assert_num_queries
):
    url = reverse("treaties:chart", args=["coe-ets-185"])
    # 1 the treaty framework by code, 2 the countries it applies to, 3 their former names,
    # 4 the approved changes on its `party` requirement up to as_of (sources joined),
    # 5 its declarations (sources joined), 6 the other treaty frameworks for the links.
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(6 + 1):
        response = client.get(url)
    assert response.status_code == 200


def test_reservations_and_declarations_where_the_source_gives_them(client, demo):
    page = parse(client.get(reverse("treaties:chart", args=["coe-cets-224"])))
    serbia = page.find("tr", **{"data-country": "RS"}).find("td", class_="declarations")
    albania = page.find("tr", **{"data-country": "AL"}).find("td", class_="declarations")

    assert "reservations and declarations" in serbia.text
    assert "013833" in serbia.text  # its source
    assert albania.text.strip() == "–"
    # Before Serbia ratified, its chart row carries no declaration.
    early = parse(
        client.get(reverse("treaties:chart", args=["coe-cets-224"]) + "?as_of=2022-06-01")
    )
    assert (
        early.find("tr", **{"data-country": "RS"}).find("td", class_="declarations").text.strip()
        == "–"
    )
    rows = {r["country_code"]: r for r in csv_rows(client, "coe-ets-189")}
    assert {c for c, r in rows.items() if r["declarations"]} == {"ME", "NL", "HR", "FI"}


def test_api_pages_and_filters_say_the_treatys_words(client, demo):
    api = client.get("/api/v1/assessments/?framework=coe-cets-224&country=RS").json()["results"]
    assert [(r["status"], r["status_label"]) for r in api] == [("adopted", "Ratified")]
    strategy = client.get("/api/v1/assessments/?framework=eu-ch24&country=RS").json()["results"]
    assert {r["status_label"] for r in strategy} <= {"Adopted", "Not aligned"}

    home = parse(client.get("/frameworks/coe-cets-224/"))
    cell = home.find("td", **{"data-country": "RS", "data-status": "adopted"})
    assert cell.find("span", class_="vh").text == "Ratified"
    filters = [
        label.text.strip() for label in home.find("form", class_="filters").find_all("label")
    ]
    assert "Signed" in filters and "Pending adoption" not in filters

    country = parse(client.get("/countries/RS/?framework=coe-cets-224"))
    badge = country.find("table", class_="statuses").find("span", class_="status")
    assert badge.text == "Ratified"
