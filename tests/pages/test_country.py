"""The country page: per framework the index over time, lags, evidence; its workshops."""

import datetime as dt

import pytest

from tests import factories
from tests.pages.markup import parse

pytestmark = pytest.mark.django_db


START = dt.date(2015, 6, 30)


def section(page, code):
    return page.find("section", data_framework=code)


def test_each_framework_that_applies_gets_a_section(client, world):
    page = parse(client.get("/countries/AL/"))

    assert [s.attrs["data-framework"] for s in page.find_all("section", class_="framework")] == [
        "coe-ets-185",
        "eu-ch24",
    ]


def test_statuses_come_with_evidence_and_source_as_of_the_day(client, world):
    page = parse(client.get("/countries/AL/?as_of=2016-05-26"))

    row = section(page, "eu-ch24").find("tr", data_requirement="cyber.strategy")
    assert row.find("span", class_="status").attrs["data-status"] == "pending_adoption"
    assert "awaits approval" in row.find("td", class_="evidence").text
    assert row.find("a", rel="external").attrs["href"] == "https://example.org/news"
    assert row.find("th").find("a").attrs["href"] == (
        "/countries/AL/frameworks/eu-ch24/requirements/cyber.strategy/?as_of=2016-05-26"
    )


def test_index_over_time_steps_at_each_dated_change(client, world):
    page = parse(client.get("/countries/AL/"))
    ch24 = section(page, "eu-ch24")

    table = ch24.find("details", class_="chart-data").find("table")
    rows = [[cell.text for cell in tr.find_all()] for tr in table.find("tbody").find_all("tr")]
    # Drug strategy aligned from the end of 2012 (known to the year), then the strategy:
    # pending (50), adopted (75); the law has no data, so coverage stays at 2 of 3.
    assert rows == [
        ["2012-12-31", "100", "33%", "1/3"],
        ["2016-05-26", "75", "67%", "2/3"],
        ["2017-01-26", "88", "67%", "2/3"],
    ]
    svg = ch24.find("svg", class_="chart index-chart")
    assert svg.attrs["role"] == "img"
    assert "Index 100 on 2012-12-31, 88 since 2017-01-26" in svg.find("desc").text
    assert len(svg.find_all("circle")) == 3


def test_lags_and_overdue_are_listed(client, world):
    page = parse(client.get("/countries/RS/?as_of=2018-01-01"))
    ch24 = section(page, "eu-ch24")

    lagging = ch24.find("ul", class_="lagging").find_all("li")
    assert [li.find("code").text for li in lagging] == ["cyber.strategy", "cyber.law"]
    assert "overdue (deadline 2017-12-31)" in lagging[0].text
    assert "overdue" not in lagging[1].text
    assert "Lags on 2 requirements, 1 of them overdue" in ch24.find("p", class_="summary").text


def test_no_data_is_shown_as_such(client, world):
    page = parse(client.get("/countries/RS/"))

    row = section(page, "eu-ch24").find("tr", data_requirement="drug-strategy")
    assert row.find("span", class_="status").text == "No data"


def test_recommendations_show_status_on_the_workshop_date_and_now(client, world):
    page = parse(client.get("/countries/RS/?as_of=2019-01-01"))
    workshop = page.find("article", data_workshop="ws-2016")

    rows = {
        tr.attrs["data-recommendation"]: tr
        for tr in workshop.find_all("tr", data_recommendation=True)
    }
    # C7 is to Serbia; C9 and C10 to every beneficiary; C1 is Albania's.
    assert sorted(rows) == ["C10", "C7", "C9"]
    c7 = rows["C7"]
    assert c7.find("td", class_="then").find("span").attrs["data-status"] == "not_aligned"
    assert c7.find("td", class_="now").find("span").attrs["data-status"] == "adopted"
    assert c7.find("td", class_="movement").attrs["data-movement"] == "better"
    assert rows["C9"].find("td", class_="movement").attrs["data-movement"] == "unknown"


def test_an_expert_country_receives_no_recommendation_to_every_beneficiary(client, world):
    page = parse(client.get("/countries/AT/"))
    workshop = page.find("article", data_workshop="ws-2016")

    assert workshop.find_all("tr", data_recommendation=True) == []
    assert "Took part as: Expert member state" in workshop.text


def test_framework_parameter_shows_one_framework(client, world):
    page = parse(client.get("/countries/AL/?framework=eu-ch24"))

    assert [s.attrs["data-framework"] for s in page.find_all("section", class_="framework")] == [
        "eu-ch24"
    ]


def test_data_links_name_the_country_and_framework(client, world):
    page = parse(client.get("/countries/AL/?as_of=2016-05-26"))

    links = [a.attrs["href"] for a in section(page, "eu-ch24").find_all("a")]
    assert "/export/history.csv?country=AL&framework=eu-ch24" in links
    assert "/export/status.csv?country=AL&framework=eu-ch24&as_of=2016-05-26" in links


def test_lower_case_code_finds_the_country(client, world):
    response = client.get("/countries/al/")
    assert response.status_code == 200
    assert "Albania" in parse(response).find("h1").text


@pytest.mark.parametrize(
    ("url", "status", "starts"),
    [
        ("/countries/ZZ/", 404, "country:"),
        ("/countries/AT/?framework=eu-ch24", 404, "framework:"),
        ("/countries/AL/?framework=nope", 404, "framework:"),
        ("/countries/AL/?as_of=yesterday", 400, "as_of:"),
    ],
)
def test_bad_parameters_get_a_message_naming_them(client, world, url, status, starts):
    response = client.get(url)

    assert response.status_code == status
    assert parse(response).find("p", class_="error").text.startswith(starts)


# 1 country, 2 framework, 3 the frameworks' shapes (ids, parents, codes), 4 the overdue
# pairs, 5 the requirements shown, 6 their statuses as of the day, 7 the kept totals
# (framework and top-level groups), 8 the kept index series for the chart,
# 9 participations with workshops, 10 the recommendations to the country with their
# requirements and frameworks, 11 the history of the recommended requirements, 12 the
# movements since the last workshop, 13 the treaty frameworks that apply (none here: the
# treaty section's one query), 14 the indicators that cover the country (issue 15's
# section; none here). + 1: the data version, the ETag and cache key (alignment.pagecache).
COUNTRY_QUERIES = 14 + 1


def test_country_page_runs_a_fixed_number_of_queries(client, synthetic, django_assert_num_queries):
    code = synthetic.countries[1].code
    # 45 requirements x 3 changes, 10 recommendations: a query per row would add dozens.
    with django_assert_num_queries(COUNTRY_QUERIES):
        response = client.get(f"/countries/{code}/?framework=synthetic-01")
    page = parse(response)
    assert len(page.find("table", class_="statuses").find("tbody").find_all("tr")) == 45
    assert page.find_all("tr", data_recommendation=True)


def test_a_large_framework_shows_its_groups_and_opens_one(client, synthetic, monkeypatch):
    from alignment.models import Framework
    from alignment.pages import views
    from alignment.scoring import framework_scores

    monkeypatch.setattr(views, "ROWS_AT_ONCE", 20)  # 45 leaves in groups of 20, 20 and 5
    country = synthetic.countries[2]
    fw = Framework.objects.get(code="synthetic-01")
    url = f"/countries/{country.code}/?framework=synthetic-01&as_of=2015-06-30"
    page = parse(client.get(url))
    ch = section(page, "synthetic-01")

    assert ch.find_all("table", class_="statuses") == []  # no rows until a group is opened
    groups = ch.find("table", class_="groups").find_all("tr", data_group=True)
    assert [tr.attrs["data-group"] for tr in groups] == ["area-01", "area-02", "area-03"]
    for tr in groups:
        group = fw.requirements.get(code=tr.attrs["data-group"])
        (score,) = framework_scores(fw, START, root=group, countries=[country])
        index = tr.find("td", class_="index").text
        assert index == ("No data" if score.index is None else str(round(score.index)))
        assert tr.find("td", class_="lagging").text == str(len(score.lagging))
        assert tr.find("td", class_="overdue").text == str(len(score.overdue))
    link = groups[1].find("th").find("a").attrs["href"]
    assert link == (
        f"/countries/{country.code}/?framework=synthetic-01&group=area-02"
        "&as_of=2015-06-30#fw-synthetic-01"
    )

    opened = section(parse(client.get(link.split("#")[0])), "synthetic-01")
    rows = opened.find("table", class_="statuses").find("tbody").find_all("tr")
    assert len(rows) == 20
    assert all(tr.attrs["data-requirement"].startswith("area-02.") for tr in rows)
    assert opened.find("tr", data_group="area-02").find("a").attrs["aria-current"] == "true"


@pytest.mark.parametrize(
    ("query", "status"),
    [("?framework=synthetic-01&group=nope", 404), ("?group=area-01", 400)],
)
def test_a_bad_group_gets_a_message_naming_it(client, synthetic, query, status):
    response = client.get(f"/countries/{synthetic.countries[0].code}/{query}")

    assert response.status_code == status
    assert parse(response).find("p", class_="error").text.startswith("group:")


def test_a_summary_comes_first_with_steps_since_the_last_workshop(client, world):
    page = parse(client.get("/countries/AL/?as_of=2018-01-01"))
    summary = page.find("section", id="summary")

    rows = {
        tr.attrs["data-framework"]: tr.find("td", class_="num overdue").text
        for tr in summary.find("tbody").find_all("tr")
    }
    assert rows == {"coe-ets-185": "0", "eu-ch24": "1"}
    steps = summary.find("p", class_="steps")
    # Since 2016-05-26: the strategy went from pending adoption to adopted; the drug
    # strategy, signature and ratification stayed; the law has no data either time.
    assert (steps.attrs["data-better"], steps.attrs["data-same"], steps.attrs["data-worse"]) == (
        "1",
        "3",
        "0",
    )
    assert "Cybercrime strategy" in summary.find("p", class_="overdue-summary").text
    # The summary precedes the details.
    html = client.get("/countries/AL/?as_of=2018-01-01").content.decode()
    assert html.index('id="summary"') < html.index('id="fw-eu-ch24"')


def test_codes_sort_naturally(client, world):
    from workshops.models import Recommendation

    factories.recommendation(
        world.workshop, "C4", "Pass the law", country=world.al, requirement=world.law
    )
    Recommendation.objects.filter(code="C1").update(code="C11")
    page = parse(client.get("/countries/AL/"))
    codes = [
        tr.attrs["data-recommendation"]
        for tr in page.find("article", data_workshop="ws-2016").find_all(
            "tr", data_recommendation=True
        )
    ]
    assert codes == ["C4", "C9", "C10", "C11"]


def test_a_long_history_is_charted_by_month_then_by_year():
    import datetime as dt

    from alignment.pages.dashboard import MAX_POINTS, thinned
    from alignment.scoring import IndexPoint

    def points(days):
        return [
            IndexPoint(day=d, with_data=1, applicable=1, score_total=i) for i, d in enumerate(days)
        ]

    few = points([dt.date(2020, 1, d) for d in range(1, 11)])
    assert thinned(few) == (few, "change")
    daily = points([dt.date(2010, 1, 1) + dt.timedelta(days=n) for n in range(2 * 365)])
    by_month, step = thinned(daily)
    assert step == "month" and len(by_month) == 24
    assert by_month[0].day == dt.date(2010, 1, 31)  # a month's last change holds all month
    weekly = points([dt.date(1900, 1, 1) + dt.timedelta(weeks=n) for n in range(52 * 20)])
    by_year, step = thinned(weekly)
    assert step == "year" and len(by_year) <= MAX_POINTS
