"""The requirement page: every country's status on the day, its history, recommendations."""

import datetime as dt

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


# 1 requirement, 2 the framework's shape (ids, parents, codes), 3 its ancestors and
# children, 4 countries, 5 statuses as of the day, 6 the history's count, 7 its page,
# 8 recommendations with workshop, country and source, 9 the indicators that measure it
# (issue 15's section; none here). + 1: the data version (alignment.pagecache).
LEAF_QUERIES = 9 + 1
# 1 requirement, 2 shape, 3 ancestors and children, 4 countries, 5 the kept totals of
# the group, 6 the overdue pairs, 7 recommendations, 8 indicators. + 1: data version.
GROUP_QUERIES = 8 + 1


def test_requirement_page_runs_a_fixed_number_of_queries(
    client, synthetic, django_assert_num_queries
):
    leaf = synthetic.leaves[0]
    # 6 countries x 3 changes each, 1 recommendation to all 6.
    with django_assert_num_queries(LEAF_QUERIES):
        response = client.get(f"/frameworks/synthetic-01/requirements/{leaf.code}/")
    assert len(statuses(parse(response))) == 6


def test_group_requirement_page_runs_a_fixed_number_of_queries(
    client, synthetic, django_assert_num_queries
):
    # 20 requirements under the group.
    with django_assert_num_queries(GROUP_QUERIES):
        response = client.get("/frameworks/synthetic-01/requirements/area-01/")
    assert (
        len(parse(response).find("table", class_="ranking").find_all("tr", data_country=True)) == 6
    )


def test_a_group_ranks_countries_as_framework_scores_does(client, synthetic):
    from alignment.models import Framework
    from alignment.scoring import framework_scores

    fw = Framework.objects.get(code="synthetic-01")
    group = fw.requirements.get(code="area-02")
    for day in ("2012-06-30", "2020-01-01"):
        page = parse(client.get(f"/frameworks/synthetic-01/requirements/area-02/?as_of={day}"))
        rows = page.find("table", class_="ranking").find_all("tr", data_country=True)
        expected = framework_scores(fw, dt.date.fromisoformat(day), root=group)
        assert [
            (
                tr.attrs["data-country"],
                tr.find("td", class_="index").text,
                tr.find("td", class_="lagging").text,
                tr.find("td", class_="overdue").text,
            )
            for tr in rows
        ] == [
            (
                s.country.code,
                "No data" if s.index is None else str(round(s.index)),
                str(len(s.lagging)),
                str(len(s.overdue)),
            )
            for s in expected
        ]


def test_a_long_history_comes_in_pages_newest_first(client, synthetic, monkeypatch):
    from alignment.models import StatusChange
    from alignment.pages import views

    monkeypatch.setattr(views, "HISTORY_PER_PAGE", 5)
    leaf = synthetic.leaves[0]
    url = f"/frameworks/synthetic-01/requirements/{leaf.code}/"
    every = list(
        StatusChange.objects.approved()
        .filter(requirement=leaf)
        .newest_first()
        .values_list("country__code", flat=True)
    )
    pages = (len(every) + 4) // 5
    seen = []
    for number in range(1, pages + 1):
        page = parse(client.get(f"{url}?page={number}&as_of=2020-01-01"))
        rows = page.find("table", class_="history").find("tbody").find_all("tr")
        seen += [tr.attrs["data-country"] for tr in rows]
    assert seen == every
    links = [a.attrs["href"] for a in page.find("nav", class_="pages").find_all("a")]
    assert links[0] == "?page=1&as_of=2020-01-01#history"
    missing = client.get(f"{url}?page={pages + 1}")
    assert missing.status_code == 404
    assert parse(missing).find("p", class_="error").text.startswith("page:")
