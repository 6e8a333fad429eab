"""The server-drawn SVG charts: steps, gaps, text alternatives, escaping."""

import datetime as dt

from alignment.pages.charts import index_chart, ranking_chart
from alignment.scoring import CountryScore, IndexPoint, rank_scores
from countries.models import Country
from tests.pages.markup import Node, _Builder

D = dt.date


def svg(markup: str) -> Node:
    builder = _Builder()
    builder.feed(markup)
    return builder.root.find("svg")


def test_index_chart_draws_steps_and_leaves_a_gap_where_nothing_scores():
    points = [
        IndexPoint(D(2016, 1, 1), with_data=1, applicable=2, score_total=50),
        IndexPoint(D(2017, 1, 1), with_data=0, applicable=1, score_total=0),  # only n/a left
        IndexPoint(D(2018, 1, 1), with_data=1, applicable=1, score_total=100),
    ]
    chart = svg(index_chart(points, end=D(2019, 1, 1), marker=D(2016, 6, 1), title="T"))

    index_lines = [p for p in chart.find_all("polyline") if "stroke-dasharray" not in p.attrs]
    assert len(index_lines) == 2  # broken where the index is undefined
    first = index_lines[0].attrs["points"].split()
    assert len(first) == 2 and first[0].split(",")[1] == first[1].split(",")[1]  # flat step
    assert [c.find("title").text for c in chart.find_all("circle")] == [
        "2016-01-01: index 50, coverage 50%",
        "2018-01-01: index 100, coverage 100%",
    ]
    assert "2016-06-01" in chart.text  # the marker's label


def test_ranking_chart_escapes_names_and_says_no_data():
    scores = [
        CountryScore(
            country=Country(code="AA", name="A <b>"), with_data=1, applicable=1, score_total=75
        ),
        CountryScore(country=Country(code="BB", name="B"), applicable=2),
    ]
    rank_scores(scores)
    markup = ranking_chart(scores, title="Ranking & more")

    assert "<b>" not in markup
    chart = svg(markup)
    assert chart.find("title").text == "Ranking & more"
    # A picture: no links inside an img (axe: nested-interactive); the table holds them.
    assert chart.attrs["role"] == "img"
    assert chart.find_all("a") == []
    assert [g.attrs["data-country"] for g in chart.find_all("g")] == ["AA", "BB"]
    assert "2. B: no data" in chart.find("desc").text
    assert len(chart.find_all("rect", class_="index-bar")) == 1


def test_ranking_chart_draws_coverage_beside_the_index_and_warns_in_words():
    scores = rank_scores(
        [
            CountryScore(
                country=Country(code="AA", name="A"), with_data=1, applicable=4, score_total=100
            ),
            CountryScore(
                country=Country(code="BB", name="B"), with_data=4, applicable=4, score_total=400
            ),
        ]
    )
    chart = svg(ranking_chart(scores, title="t"))

    bars = {
        g.attrs["data-country"]: (
            g.find("rect", class_="index-bar").attrs["width"],
            g.find("rect", class_="coverage-bar").attrs["width"],
        )
        for g in chart.find_all("g")
    }
    assert bars == {"AA": ("300.0", "75.0"), "BB": ("300.0", "300.0")}
    assert "1. A: index 100 · coverage 25% · less than half of the requirements" in (
        chart.find("desc").text
    )
    assert "1. B: index 100 · coverage 100%;" not in chart.find("desc").text  # B is last
    assert chart.find("desc").text.endswith("1. B: index 100 · coverage 100%")
