"""The requirement page: every country's status on the day, its history, recommendations."""

import pytest

from tests.pages.markup import parse

pytestmark = pytest.mark.django_db

STRATEGY = "/frameworks/eu-ch24/requirements/cyber.strategy/"


def statuses(page) -> dict[str, str]:
    table = page.find("table", class_="statuses")
    return {
        row.attrs["data-country"]: row.find("span", class_="status").attrs["data-status"]
        for row in table.find_all("tr", data_country=True)
    }


def test_every_country_it_applies_to_has_its_status_on_the_day(client, world):
    assert statuses(parse(client.get(STRATEGY + "?as_of=2016-05-26"))) == {
        "AL": "pending_adoption",
        "BA": "not_aligned",
        "RS": "not_aligned",
    }
    assert statuses(parse(client.get(STRATEGY + "?as_of=2016-05-25"))) == {
        "AL": "none",
        "BA": "none",
        "RS": "none",
    }


def test_history_lists_every_reviewed_change_newest_first(client, world):
    page = parse(client.get(STRATEGY + "?as_of=2017-06-01"))

    rows = page.find("table", class_="history").find("tbody").find_all("tr")
    # Among equal dates, the one recorded last comes first (the as-of rule's order).
    assert [(r.attrs["data-country"], r.find("th").text) for r in rows] == [
        ("RS", "2018-09-15 (after the page's date)"),
        ("AL", "2017-01-26"),
        ("BA", "2016-05-26"),
        ("RS", "2016-05-26"),
        ("AL", "2016-05-26"),
    ]


def test_recommendations_that_concern_it_are_listed(client, world):
    page = parse(client.get(STRATEGY))

    items = page.find("ul", class_="recommendations").find_all("li")
    assert [li.attrs["data-recommendation"] for li in items] == ["C1", "C7"]
    assert items[0].find("a").attrs["href"] == "/workshops/ws-2016/"


def test_a_group_shows_each_country_index_on_what_it_holds(client, world):
    page = parse(client.get("/frameworks/eu-ch24/requirements/cyber/?as_of=2016-08-26"))

    rows = page.find("table", class_="ranking").find_all("tr", data_country=True)
    assert [(r.attrs["data-country"], r.find("td", class_="num index").text) for r in rows] == [
        ("AL", "50"),
        ("BA", "13"),
        ("RS", "0"),
    ]
    children = [c.text for c in page.find("ul", class_="children").find_all("code")]
    assert children == ["cyber.strategy", "cyber.law"]


def test_breadcrumbs_lead_back_through_the_tree(client, world):
    page = parse(client.get(STRATEGY + "?as_of=2016-05-26"))

    links = [a.attrs["href"] for a in page.find("nav", class_="breadcrumbs").find_all("a")]
    assert links == [
        "/?as_of=2016-05-26",
        "/frameworks/eu-ch24/?as_of=2016-05-26",
        "/frameworks/eu-ch24/groups/cyber/?as_of=2016-05-26",
    ]


@pytest.mark.parametrize(
    ("url", "status", "starts"),
    [
        ("/frameworks/nope/requirements/sign/", 404, "framework:"),
        ("/frameworks/eu-ch24/requirements/nope/", 404, "requirement:"),
        (STRATEGY + "?as_of=2016-13-01", 400, "as_of:"),
    ],
)
def test_bad_parameters_get_a_message_naming_them(client, world, url, status, starts):
    response = client.get(url)

    assert response.status_code == status
    assert parse(response).find("p", class_="error").text.startswith(starts)


def test_requirement_page_runs_a_fixed_number_of_queries(
    client, synthetic, django_assert_num_queries
):
    leaf = synthetic.leaves[0]
    # 6 countries x 3 changes each, 1 recommendation to all 6: 1 requirement,
    # 2 the framework's requirements, 3 countries, 4 statuses as of the day, 5 history,
    # 6 recommendations with workshop, country and source, 7 the indicators that
    # measure it (issue 15's section; none here).
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(7 + 1):
        response = client.get(f"/frameworks/synthetic-01/requirements/{leaf.code}/")
    assert len(statuses(parse(response))) == 6


def test_group_requirement_page_runs_a_fixed_number_of_queries(
    client, synthetic, django_assert_num_queries
):
    # 20 requirements under the group: 1 requirement, 2 the framework's requirements,
    # 3 countries, 4 statuses as of the day, 5 recommendations, 6 the indicators that
    # measure it (issue 15's section; none here).
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(6 + 1):
        response = client.get("/frameworks/synthetic-01/requirements/area-01/")
    assert (
        len(parse(response).find("table", class_="ranking").find_all("tr", data_country=True)) == 6
    )
