"""Cell history: one country on one requirement, every approved change with its source."""

import pytest

from tests.pages.markup import parse

pytestmark = pytest.mark.django_db

AL_STRATEGY = "/countries/AL/frameworks/eu-ch24/requirements/cyber.strategy/"


def test_every_approved_change_is_listed_oldest_first_with_its_source(client, world):
    page = parse(client.get(AL_STRATEGY))

    rows = page.find("table", class_="history").find("tbody").find_all("tr")
    assert [r.attrs["data-status"] for r in rows] == ["pending_adoption", "adopted"]
    assert [r.find("td", class_="source").find("a").attrs["href"] for r in rows] == [
        "https://example.org/news",
        "https://example.org/dec",
    ]
    assert "awaits approval" in rows[0].find("td", class_="evidence").text


def test_the_change_in_force_on_the_day_is_marked(client, world):
    page = parse(client.get(AL_STRATEGY + "?as_of=2016-12-31"))

    assert page.find("p", class_="current").attrs["data-status"] == "pending_adoption"
    in_force = page.find("tr", class_="in-force")
    assert in_force.attrs["data-status"] == "pending_adoption"


def test_a_proposed_change_is_not_listed(client, world):
    page = parse(client.get("/countries/RS/frameworks/eu-ch24/requirements/cyber.law/"))

    rows = page.find("table", class_="history").find("tbody").find_all("tr")
    assert [r.attrs["data-status"] for r in rows] == ["not_aligned"]


def test_before_any_change_it_reads_no_data(client, world):
    page = parse(client.get(AL_STRATEGY + "?as_of=2010-01-01"))

    assert page.find("p", class_="current").attrs["data-status"] == "none"
    assert page.find_all("tr", class_="in-force") == []


def test_recommendations_to_the_country_are_linked(client, world):
    page = parse(client.get(AL_STRATEGY))
    assert [
        li.attrs["data-recommendation"] for li in page.find_all("li", data_recommendation=True)
    ] == ["C1"]

    # C9 is to every beneficiary: Albania took part as one, Austria as an expert.
    albania = parse(client.get("/countries/AL/frameworks/eu-ch24/requirements/drug-strategy/"))
    assert [
        li.attrs["data-recommendation"] for li in albania.find_all("li", data_recommendation=True)
    ] == ["C9"]


@pytest.mark.parametrize(
    ("url", "status", "starts"),
    [
        ("/countries/ZZ/frameworks/eu-ch24/requirements/cyber.law/", 404, "country:"),
        ("/countries/AL/frameworks/nope/requirements/cyber.law/", 404, "framework:"),
        ("/countries/AL/frameworks/eu-ch24/requirements/nope/", 404, "requirement:"),
        ("/countries/AT/frameworks/eu-ch24/requirements/cyber.law/", 404, "eu-ch24 does not apply"),
        (AL_STRATEGY + "?as_of=2016", 400, "as_of:"),
    ],
)
def test_bad_parameters_get_a_message_naming_them(client, world, url, status, starts):
    response = client.get(url)

    assert response.status_code == status
    assert parse(response).find("p", class_="error").text.startswith(starts)


# 1 country, 2 requirement, 3 does the framework apply, 4 changes with sources,
# 5 recommendations with their workshops and sources, 6 the country's participations in
# those workshops. + 1: the data version, the ETag and cache key (alignment.pagecache).
CELL_QUERIES = 6 + 1


def test_cell_page_runs_a_fixed_number_of_queries(client, synthetic, django_assert_num_queries):
    country, leaf = synthetic.countries[0], synthetic.leaves[0]
    with django_assert_num_queries(CELL_QUERIES):
        response = client.get(
            f"/countries/{country.code}/frameworks/synthetic-01/requirements/{leaf.code}/"
        )
    assert (
        len(parse(response).find("table", class_="history").find_all("tr", data_status=True)) == 3
    )
