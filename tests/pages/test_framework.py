"""The framework page (groups by country) and a group page (its requirements), on any date."""

import pytest

from alignment.models import Framework, FrameworkKind
from tests.pages.markup import heatmap, parse

pytestmark = pytest.mark.django_db

CH24 = "/frameworks/eu-ch24/?"
CYBER = "/frameworks/eu-ch24/groups/cyber/?"


def statuses(response) -> dict[tuple[str, str], str]:
    return {key: cell.attrs.get("data-status", "group") for key, cell in heatmap(response).items()}


def ranking(response) -> list[tuple[str, str, str, str, str]]:
    table = next(t for t in parse(response).find_all("table") if t.has_class("ranking"))
    return [
        (
            row.attrs["data-country"],
            row.find("td", class_="num index").text,
            row.find("td", class_="num coverage").text,
            row.find("td", class_="num lagging").text,
            row.find("td", class_="num overdue").text,
        )
        for row in table.find("tbody").find_all("tr")
    ]


def test_cells_show_the_status_in_force_on_the_day_by_colour_and_text(client, world):
    response = client.get(CYBER + "as_of=2016-05-26")

    cells = heatmap(response)
    albania = cells[("cyber.strategy", "AL")]
    assert albania.attrs["data-status"] == "pending_adoption"
    assert albania.text == "50 Pending adoption"
    assert albania.find("a").attrs["href"] == (
        "/countries/AL/frameworks/eu-ch24/requirements/cyber.strategy/?as_of=2016-05-26"
    )
    assert cells[("cyber.strategy", "RS")].text == "0 Not aligned"


def test_no_data_reads_differently_from_not_aligned(client, world):
    cells = heatmap(client.get(CYBER + "as_of=2016-05-26"))

    no_data, not_aligned = cells[("cyber.law", "AL")], cells[("cyber.law", "RS")]
    assert (no_data.attrs["data-status"], no_data.text) == ("none", "– No data")
    assert (not_aligned.attrs["data-status"], not_aligned.text) == ("not_aligned", "0 Not aligned")


def test_a_later_change_shows_from_its_date_on(client, world):
    before = statuses(client.get(CYBER + "as_of=2018-09-14"))
    after = statuses(client.get(CYBER + "as_of=2018-09-15"))

    assert before[("cyber.strategy", "RS")] == "not_aligned"
    assert after[("cyber.strategy", "RS")] == "adopted"


def test_a_month_known_change_counts_from_the_end_of_the_month(client, world):
    assert statuses(client.get(CYBER + "as_of=2016-07-30"))[("cyber.law", "BA")] == "none"
    cell = heatmap(client.get(CYBER + "as_of=2016-07-31"))[("cyber.law", "BA")]
    assert cell.attrs["data-status"] == "in_preparation"
    assert cell.text == "25 In preparation"


def test_a_proposed_change_is_not_public(client, world):
    assert statuses(client.get(CYBER + "as_of=2020-01-01"))[("cyber.law", "RS")] == "not_aligned"


def test_group_rows_show_the_index_of_the_requirements_under_them(client, world):
    cells = heatmap(client.get(CYBER + "as_of=2016-08-26"))

    # Albania 50 on one of two; Bosnia (0 + 25) / 2 = 12.5, rounded half up; Serbia 0 + 0.
    assert cells[("cyber", "AL")].text.startswith("50 index 50, 1 of 2 with data")
    assert cells[("cyber", "BA")].text.startswith("13 index 13, 2 of 2")
    assert cells[("cyber", "RS")].text.startswith("0 index 0, 2 of 2")
    assert cells[("cyber", "AL")].has_class("group")


def test_framework_page_shows_top_level_groups_and_a_group_page_its_requirements(client, world):
    top = parse(client.get(CH24)).find_all("tr", data_requirement=True)
    group = parse(client.get(CYBER)).find_all("tr", data_requirement=True)

    assert [r.attrs["data-requirement"] for r in top] == ["cyber", "drug-strategy"]
    assert top[0].find("a").attrs["href"] == "/frameworks/eu-ch24/groups/cyber/"
    assert [r.attrs["data-requirement"] for r in group] == ["cyber", "cyber.strategy", "cyber.law"]


def test_group_links_keep_the_date_and_filters(client, world):
    page = parse(client.get(CH24 + "as_of=2016-05-26&group=candidate"))
    link = page.find("tr", data_requirement="cyber").find("a")

    assert (
        link.attrs["href"] == "/frameworks/eu-ch24/groups/cyber/?as_of=2016-05-26&group=candidate"
    )


def test_an_unknown_group_or_a_leaf_is_not_a_group(client, world):
    for code in ["nope", "cyber.law"]:
        response = client.get(f"/frameworks/eu-ch24/groups/{code}/")
        assert response.status_code == 404
        page = parse(response)
        assert page.find("p", class_="error").text.startswith("group:")
        assert page.find("main").find("a").attrs["href"] == "/"


def test_ranking_orders_countries_by_index_with_coverage_and_counts(client, world):
    rows = ranking(client.get(CH24 + "as_of=2016-08-26"))

    # Albania: (50 + 100) / 2 on 2 of 3; Bosnia: (0 + 25) / 2, drug strategy not applicable.
    assert rows == [
        ("AL", "75", "67% (2/3)", "1", "0"),
        ("BA", "13", "100% (2/2)", "2", "0"),
        ("RS", "0", "67% (2/3)", "2", "0"),
    ]


def test_lagging_after_the_deadline_counts_as_overdue(client, world):
    rows = {row[0]: row for row in ranking(client.get(CH24 + "as_of=2018-01-01"))}

    # The strategy's deadline is 2017-12-31: adopted (75) still lags, so it is overdue too.
    assert rows["AL"][3:] == ("1", "1")
    assert rows["BA"][3:] == ("2", "1")
    assert rows["RS"][3:] == ("2", "1")


def test_ranking_chart_has_a_bar_per_country_and_a_text_alternative(client, world):
    page = parse(client.get(CH24 + "as_of=2016-08-26"))
    svg = page.find("svg", class_="chart ranking-chart")

    assert svg.attrs["role"] == "img"
    assert [g.attrs["data-country"] for g in svg.find_all("g")] == ["AL", "BA", "RS"]
    assert "1. Albania: index 75 · coverage 67%" in svg.find("desc").text
    assert len(svg.find_all("rect", class_="index-bar")) == 3
    assert len(svg.find_all("rect", class_="coverage-bar")) == 3


def test_theme_filter_keeps_the_requirements_of_the_theme(client, world):
    response = client.get(CH24 + "theme=drugs&as_of=2016-08-26")

    assert {key[0] for key in heatmap(response)} == {"drug-strategy"}
    assert ranking(response)[0][:3] == ("AL", "100", "100% (1/1)")


def test_group_filter_keeps_the_countries_of_the_group(client, world):
    response = client.get(CH24 + "group=potential_candidate")

    assert {key[1] for key in heatmap(response)} == {"BA"}
    assert [row[0] for row in ranking(response)] == ["BA"]


def test_status_filter_keeps_rows_with_that_status_and_marks_the_cells(client, world):
    response = client.get(CYBER + "status=not_aligned&as_of=2016-08-26")

    cells = heatmap(response)
    assert {key[0] for key in cells} == {"cyber", "cyber.strategy", "cyber.law"}
    assert cells[("cyber.law", "RS")].has_class("match")
    assert not cells[("cyber.law", "BA")].has_class("match")
    # The ranking still counts every requirement of the group.
    assert ranking(response)[0][:3] == ("AL", "50", "50% (1/2)")
    top = heatmap(client.get(CH24 + "status=not_aligned&as_of=2016-08-26"))
    assert {key[0] for key in top} == {"cyber"}


def test_status_filter_on_today_reads_the_current_statuses(client, world):
    cells = heatmap(client.get(CYBER + "status=adopted"))

    assert {key[0] for key in cells} == {"cyber", "cyber.strategy"}
    assert {key[1] for key, cell in cells.items() if cell.has_class("match")} == {"AL", "RS"}


def test_no_country_matching_the_filters_says_so(client, world):
    response = client.get(CH24 + "group=member_state")

    assert response.status_code == 200
    assert "No country matches these filters." in response.content.decode()


def test_an_old_dashboard_link_leads_to_the_framework_page_on_that_date(client, world):
    response = client.get("/?framework=eu-ch24&as_of=2016-05-26&theme=drugs")

    assert response.status_code == 302
    assert response["Location"] == "/frameworks/eu-ch24/?as_of=2016-05-26&theme=drugs"
    assert client.get("/?framework=nope").status_code == 404


def test_synthetic_framework_is_reachable_by_code_but_not_in_the_overview(client, world, synthetic):
    page = parse(client.get("/"))
    assert not page.find_all("th", data_framework="synthetic-01")

    response = client.get("/frameworks/synthetic-01/")
    assert response.status_code == 200
    assert "synthetic benchmark data, not real" in response.content.decode()


def test_a_date_before_any_data_says_so_on_the_page(client, world):
    response = client.get(CH24 + "as_of=2000-01-01")

    assert response.status_code == 200
    message = parse(response).find(id="no-data-message")
    assert "had taken effect by 2000-01-01" in message.text
    assert "earliest recorded one dates from 2012-12-31" in message.text
    assert set(statuses(response).values()) == {"none", "group"}


def test_a_framework_with_no_reviewed_status_says_so(client, world):
    Framework.objects.create(code="empty", title="Empty", issuer="x", kind=FrameworkKind.TREATY)

    response = client.get("/frameworks/empty/")

    assert "No reviewed status has been recorded" in parse(response).find(id="no-data-message").text


def test_a_future_date_says_it_shows_what_is_known_today(client, world):
    response = client.get(CYBER + "as_of=2999-01-01")

    assert "2999-01-01 is after today" in response.content.decode()
    assert statuses(response)[("cyber.strategy", "RS")] == "adopted"


@pytest.mark.parametrize(
    ("query", "status", "names"),
    [
        ("/?as_of=26.05.2016", 400, "as_of"),
        ("/frameworks/eu-ch24/?as_of=2016-02-30", 400, "as_of"),
        ("/frameworks/eu-ch24/groups/cyber/?as_of=2016-13-01", 400, "as_of"),
        ("/frameworks/eu-ch24/?status=lagging", 400, "status"),
        ("/frameworks/eu-ch24/?group=neighbour", 400, "group"),
        ("/?framework=nope", 404, "framework"),
        ("/frameworks/nope/", 404, "framework"),
        ("/frameworks/eu-ch24/?theme=nope", 404, "theme"),
        ("/frameworks/eu-ch24/?country=ZZ", 404, "country"),
    ],
)
def test_bad_parameters_get_a_message_naming_them(client, world, query, status, names):
    response = client.get(query)

    assert response.status_code == status
    page = parse(response)
    assert page.find("p", class_="error").text.startswith(f"{names}:")
    assert page.find("header", class_="site")  # the site's own layout, not a bare page
    if names == "as_of":
        assert "YYYY-MM-DD" in page.find("p", class_="error").text


def test_data_links_carry_the_same_filters(client, world):
    page = parse(client.get(CH24 + "theme=drugs&group=candidate&as_of=2016-05-26"))
    links = [a.attrs["href"] for a in page.find_all("a") if "/export/" in a.attrs.get("href", "")]

    assert (
        "/export/status.csv?framework=eu-ch24&as_of=2016-05-26&theme=drugs&group=candidate" in links
    )
    assert (
        "/export/history.csv?framework=eu-ch24&as_of=2016-05-26&theme=drugs&group=candidate"
        in links
    )


def test_filters_sit_behind_one_control_open_only_when_some_are_chosen(client, world):
    closed = parse(client.get(CH24)).find("details", class_="filters")
    opened = parse(client.get(CH24 + "theme=drugs")).find("details", class_="filters")

    assert "open" not in closed.attrs
    assert "open" in opened.attrs
    assert opened.find("input", name="theme", value="drugs").attrs.get("checked") == ""


def test_framework_page_runs_a_fixed_number_of_queries(
    client, synthetic, django_assert_num_queries
):
    # 6 countries x 45 requirements x 3 changes: a query per row or cell would add dozens.
    # 1 framework, 2 countries, 3 the tree (ids and parents), 4 the top-level requirements,
    # 5 the kept totals of the top-level groups and the root, 6 the overdue count per
    # country, 7 themes and 8 the framework's countries for the filter form. No status is
    # read: no top-level requirement is a leaf (one more query where some are).
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(8 + 1):
        response = client.get("/frameworks/synthetic-01/?as_of=2020-01-01")
    assert len(heatmap(response)) == 6 * 3  # three groups
    assert len(response.content) < 60_000


def test_group_page_runs_a_fixed_number_of_queries(client, synthetic, django_assert_num_queries):
    group = synthetic.leaves[0].parent.code
    # 1 framework, 2 countries, 3 requirements (the group is found among them), 4 the
    # statuses of the group's requirements as of the day, 5 themes, 6 the framework's
    # countries for the filter form.
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(6 + 1):
        response = client.get(f"/frameworks/synthetic-01/groups/{group}/?as_of=2020-01-01")
    assert len(heatmap(response)) == 6 * (1 + 20)  # the group and its 20 requirements
    assert len(response.content) < 80_000


def test_a_status_filter_adds_one_query(client, synthetic, django_assert_num_queries):
    # Read from statuses as the group page is (6), plus the requirements where a shown
    # country has the chosen status.
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(7 + 1):
        response = client.get("/frameworks/synthetic-01/?as_of=2020-01-01&status=adopted")
    assert any(cell.has_class("group") for cell in heatmap(response).values())


DAYS = ["2009-12-31", "2012-06-30", "2016-01-01", "2020-01-01", "2030-01-01"]


@pytest.mark.parametrize("day", DAYS)
def test_kept_totals_give_the_histories_groups_and_ranking(client, synthetic, day):
    # The framework page reads kept totals and an overdue count; the statuses in force
    # (framework_scores, the as-of rule over the history) must give the same figures,
    # today (2030: what is known today) and on past dates, overdue included.
    import datetime as dt

    from alignment.models import Framework, Requirement
    from alignment.pages.charts import percent, whole
    from alignment.scoring import framework_scores

    framework = Framework.objects.get(code="synthetic-01")
    on = dt.date.fromisoformat(day)
    response = client.get(f"/frameworks/synthetic-01/?as_of={day}")

    expected = [
        (
            s.country.code,
            "No data" if s.index is None else whole(s.index),
            f"{percent(s.coverage)} ({s.with_data}/{s.applicable})",
            str(len(s.lagging)),
            str(len(s.overdue)),
        )
        for s in framework_scores(framework, on)
    ]
    assert ranking(response) == expected
    assert any(row[4] != "0" for row in expected) or day < "2011"  # overdue is exercised
    cells = heatmap(response)
    for group in Requirement.objects.filter(framework=framework, parent=None):
        for score in framework_scores(framework, on, root=group):
            cell = cells[(group.code, score.country.code)]
            text = cell.text.split(" ")[0]
            assert text == ("–" if score.index is None else whole(score.index))
            if score.index is not None:
                assert f"{score.with_data} of {score.applicable}" in cell.text
