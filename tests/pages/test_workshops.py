"""Workshop pages: the list, and one workshop with what changed since."""

import datetime as dt

import pytest

from tests.pages.markup import parse

pytestmark = pytest.mark.django_db


def _status(cell) -> str:
    spans = cell.find_all("span", class_="status")
    return spans[0].attrs["data-status"] if spans else ""


def test_list_shows_dates_place_host_and_counts(client, world):
    page = parse(client.get("/workshops/"))

    row = page.find("tr", data_workshop="ws-2016")
    cells = [td.text for td in row.find_all("td")]
    assert cells == [
        "TAIEX workshop",
        "2016-05-25 – 2016-05-26",
        "Sarajevo",
        "Bosnia and Herzegovina",
        "4",
        "4",
    ]


def test_detail_shows_participants_by_role_with_delegates(client, world):
    page = parse(client.get("/workshops/ws-2016/"))

    rows = page.find("table", class_="participants").find_all("tr", data_country=True)
    assert [(r.attrs["data-role"], r.attrs["data-country"]) for r in rows] == [
        ("host", "BA"),
        ("beneficiary", "AL"),
        ("beneficiary", "RS"),
        ("expert", "AT"),
    ]
    assert "Test Delegate, director" in rows[2].text
    assert "Ministry of Security" in page.find("dl", class_="facts").text


def test_what_changed_since_compares_the_workshop_date_with_today(client, world):
    page = parse(client.get("/workshops/ws-2016/"))

    rows = [
        (
            r.attrs["data-recommendation"],
            r.attrs["data-country"],
            _status(r.find("td", class_="then")),
            r.find("td", class_="movement").attrs["data-movement"]
            if _status(r.find("td", class_="then"))
            else "",
        )
        for r in page.find("table", class_="followup").find_all("tr", data_recommendation=True)
    ]
    # Natural order C1, C7, C9, C10; C9 and C10 go to every beneficiary (host included),
    # not to the expert member state, in the order of the countries' names.
    assert [(code, country) for code, country, _, _ in rows] == [
        ("C1", "AL"),
        ("C7", "RS"),
        ("C9", "AL"),
        ("C9", "BA"),
        ("C9", "RS"),
        ("C10", "AL"),
        ("C10", "BA"),
        ("C10", "RS"),
    ]
    assert rows[0][2:] == ("pending_adoption", "better")  # adopted in 2017
    assert rows[1][2:] == ("not_aligned", "better")  # adopted in 2018
    assert rows[2][2:] == ("aligned", "same")
    assert rows[3][2:] == ("not_applicable", "same")
    assert rows[4][2:] == ("none", "unknown")
    assert rows[5][2:] == ("", "")  # C10 names no requirement: no status to follow


def test_as_of_moves_the_comparison_date(client, world):
    page = parse(client.get("/workshops/ws-2016/?as_of=2017-06-01"))

    c7 = page.find("tr", data_recommendation="C7")
    assert c7.find("td", class_="now").find("span").attrs["data-status"] == "not_aligned"
    assert c7.find("td", class_="movement").attrs["data-movement"] == "same"


@pytest.mark.parametrize(
    ("url", "status"),
    [("/workshops/nope/", 404), ("/workshops/ws-2016/?as_of=x", 400)],
)
def test_bad_parameters_get_a_message(client, world, url, status):
    response = client.get(url)

    assert response.status_code == status
    assert parse(response).find("p", class_="error").text


def test_workshop_list_runs_one_query(client, synthetic, world, django_assert_num_queries):
    # Workshops with their host and counts of participants and recommendations.
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(1 + 1):
        response = client.get("/workshops/")
    assert len(parse(response).find_all("tr", data_workshop=True)) == 2


# 1 workshop with host, partner and source, 2 participations with countries, 3 delegates,
# 4 the recommendations' codes and addressees (for the pages), 5 the page's
# recommendations, 6 statuses on the workshop date, 7 statuses on the day, 8 the
# frameworks recommended on. + 1: the data version (alignment.pagecache).
WORKSHOP_QUERIES = 8 + 1


def test_workshop_page_runs_a_fixed_number_of_queries(client, synthetic, django_assert_num_queries):
    # 6 participants, 10 recommendations (one to all 6).
    with django_assert_num_queries(WORKSHOP_QUERIES):
        response = client.get("/workshops/synthetic-workshop/")
    assert len(parse(response).find_all("tr", data_recommendation=True)) == 15


def test_each_follow_up_links_to_the_cell_history(client, world):
    page = parse(client.get("/workshops/ws-2016/"))

    row = page.find("tr", data_recommendation="C7", data_country="RS")
    link = row.find("a", class_="history-link")
    assert link.attrs["href"] == "/countries/RS/frameworks/eu-ch24/requirements/cyber.strategy/"


def test_links_show_the_overview_and_frameworks_on_the_last_day(client, world):
    nav = parse(client.get("/workshops/ws-2016/")).find("nav", class_="then-links")

    assert [a.attrs["href"] for a in nav.find_all("a")] == [
        "/?as_of=2016-05-26",
        "/frameworks/eu-ch24/?as_of=2016-05-26",
    ]


def test_the_follow_up_comes_as_csv(client, world):
    response = client.get("/workshops/ws-2016/followup.csv?as_of=2019-01-01")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == (
        "workshop,recommendation,country_code,country,framework,requirement_code,"
        "then_on,status_then,now_on,status_now,movement"
    )
    assert (
        "ws-2016,C7,RS,Serbia,eu-ch24,eu-ch24/cyber.strategy,"
        "2016-05-26,not_aligned,2019-01-01,adopted,better"
    ) in lines
    assert client.get("/workshops/nope/followup.csv").status_code == 404
    assert client.get("/workshops/ws-2016/followup.csv?as_of=2019-13-01").status_code == 400


def test_a_long_follow_up_comes_in_pages(client, synthetic, monkeypatch):
    from workshops import views

    monkeypatch.setattr(views, "PER_PAGE", 4)  # follow-up rows: a recommendation, a country
    url = f"/workshops/{synthetic.workshop.slug}/"

    def rows(number):
        page = parse(client.get(f"{url}?page={number}&as_of=2020-01-01"))
        return page, [
            (tr.attrs["data-recommendation"], tr.attrs["data-country"])
            for tr in page.find_all("tr", data_recommendation=True)
        ]

    # S1 is to each of the 6 beneficiaries, by name; S2 to S10 to one country each.
    beneficiaries = sorted(synthetic.countries, key=lambda c: c.name)
    first, on_first = rows(1)
    _, on_second = rows(2)
    assert on_first == [("S1", c.code) for c in beneficiaries[:4]]
    assert [code for code, _ in on_second] == ["S1", "S1", "S2", "S3"]
    every = [row for n in range(1, 5) for row in rows(n)[1]]
    assert len(every) == len(set(every)) == 15
    assert rows(4)[1][-1][0] == "S10"
    links = [a.attrs["href"] for a in first.find("nav", class_="pages").find_all("a")]
    assert links[2] == "?page=3&as_of=2020-01-01#since"
    missing = client.get(url + "?page=9")
    assert missing.status_code == 404
    assert parse(missing).find("p", class_="error").text.startswith("page:")


def test_then_and_now_are_the_as_of_rule_s_for_every_row(client, synthetic):
    from alignment.scoring import statuses_as_of

    page = parse(client.get(f"/workshops/{synthetic.workshop.slug}/?as_of=2016-03-31"))
    then = statuses_as_of(synthetic.workshop.ends_on)
    now = statuses_as_of(dt.date(2016, 3, 31))
    codes = {c.code: c.pk for c in synthetic.countries}
    recs = {r.code: r.requirement_id for r in synthetic.workshop.recommendations.all()}
    checked = 0
    for tr in page.find_all("tr", data_recommendation=True):
        pair = (codes[tr.attrs["data-country"]], recs[tr.attrs["data-recommendation"]])
        for cell, statuses in (("then", then), ("now", now)):
            expected = statuses[pair].status if pair in statuses else "none"
            assert tr.find("td", class_=cell).find("span").attrs["data-status"] == expected
            checked += 1
    assert checked == 30
