"""/api/v1/scores/: each country's index and coverage per framework, ranked."""

import datetime as dt
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from alignment.api import serializers
from alignment.models import Framework, Status
from alignment.scoring import framework_scores
from tests import factories


def scores(client, query: str = "") -> list[dict]:
    response = client.get(f"/api/v1/scores/?limit=1000&{query}")
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.parametrize("day", [dt.date(2016, 5, 26), dt.date(2018, 7, 31), None])
def test_same_numbers_as_the_dashboards_scoring(client, world, day):
    query = f"as_of={day.isoformat()}" if day else ""
    api = scores(client, query)

    expected = []
    for framework in Framework.objects.public():
        for score in framework_scores(framework, day):
            expected.append(
                (
                    framework.code,
                    score.rank,
                    score.country.code,
                    score.index,
                    score.coverage,
                    score.applicable,
                    score.with_data,
                )
            )
    got = [
        (
            r["framework"],
            r["rank"],
            r["country"],
            r["index"],
            r["coverage"],
            r["applicable"],
            r["with_data"],
        )
        for r in api
    ]
    assert got == expected


def test_a_score_row_names_what_lags_and_what_is_overdue(client, world):
    world.strategy.deadline = dt.date(2017, 12, 31)
    world.strategy.save(update_fields=["deadline"])

    in_2016 = {(r["framework"], r["country"]): r for r in scores(client, "as_of=2016-05-26")}
    in_2018 = {(r["framework"], r["country"]): r for r in scores(client, "as_of=2018-01-01")}

    serbia = in_2016[("eu-ch24", "RS")]
    assert serbia["as_of"] == "2016-05-26"
    assert (serbia["index"], serbia["coverage"]) == (0.0, 0.75)
    assert serbia["lagging"] == [  # by code
        "eu-ch24/cybercrime-law",
        "eu-ch24/cybercrime-strategy",
        "eu-ch24/supply.online-markets",
    ]
    assert serbia["overdue"] == []
    assert "eu-ch24/cybercrime-strategy" in in_2018[("eu-ch24", "RS")]["overdue"]


def test_a_country_with_no_data_has_no_index_never_zero(client, world):
    treaty = {r["country"]: r for r in scores(client, "framework=coe-ets-185")}

    assert treaty["RS"]["index"] is None
    assert treaty["RS"]["coverage"] == 0.0
    assert treaty["RS"]["rank"] == 3


def test_not_applicable_is_left_out_of_the_index_and_the_coverage(client, world):
    factories.change(world.rs, world.ratify, Status.NOT_APPLICABLE, dt.date(2020, 1, 1))

    serbia = {r["country"]: r for r in scores(client, "framework=coe-ets-185")}["RS"]

    assert (serbia["applicable"], serbia["with_data"], serbia["index"]) == (1, 0, None)


def test_country_group_and_theme_choose_what_is_scored(client, world):
    by_country = scores(client, "country=AT")
    by_group = scores(client, "group=candidate&framework=coe-ets-185")
    by_theme = scores(client, "theme=online-drug-markets")

    assert [(r["framework"], r["country"]) for r in by_country] == [("coe-ets-185", "AT")]
    assert {r["country"] for r in by_group} == {"AL", "RS"}
    # Only frameworks touching the theme; only its requirements counted.
    assert {(r["framework"], r["applicable"]) for r in by_theme} == {("eu-ch24", 1)}


def test_a_synthetic_framework_is_scored_only_when_named(client, world):
    assert all(r["framework"] != "synthetic-01" for r in scores(client))
    assert [(r["country"], r["index"]) for r in scores(client, "framework=synthetic-01")] == [
        ("AL", 100.0)
    ]


def test_a_bad_parameter_is_a_400_naming_it(client, world):
    response = client.get("/api/v1/scores/?framework=nope&as_of=someday")

    assert response.status_code == 400
    assert sorted(response.json()) == ["as_of", "framework"]


def test_query_count_does_not_grow_with_frameworks_or_countries(
    client, world, django_assert_num_queries
):
    countries = [factories.country(f"Q{letter}") for letter in "MNOPQRSTUV"]
    source = factories.source("wide-source")
    for f in range(5):
        framework = factories.framework(f"wide-{f}", countries=countries)
        for n in range(5):
            requirement = factories.requirement(framework, f"r{n}")
            for country in countries[::2]:
                factories.change(
                    country, requirement, Status.ADOPTED, dt.date(2015, 1, 1), src=source
                )

    # The frameworks, their countries, their leaf counts, the kept root totals in force,
    # the lagging statuses of the page's pairs.
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(5 + 1):
        rows = scores(client)
    with django_assert_num_queries(5 + 1):
        scores(client, "as_of=2016-01-01")
    # With a theme, from the statuses: the theme named, frameworks, countries, leaves,
    # statuses in force.
    with django_assert_num_queries(5 + 1):
        scores(client, "theme=online-drug-markets")

    assert len(rows) == 3 + 2 + 5 * 10  # coe-ets-185, eu-ch24, five wide ones


@pytest.mark.parametrize("day", [dt.date(2016, 5, 26), dt.date(2019, 3, 1), None])
def test_the_kept_totals_answer_as_the_statuses_do(client, world, day, rf):
    """The kept path (no theme) gives the very JSON of the status path (its oracle)."""
    from alignment.api.views import ScoreFilterSet
    from alignment.api.views import scores as from_statuses
    from alignment.opendata import public_scope

    world.strategy.deadline = dt.date(2017, 12, 31)
    world.strategy.save(update_fields=["deadline"])
    countries = [world.al, world.rs, world.at, factories.country("XK")]
    source = factories.source("oracle-source")
    for f in range(3):
        framework = factories.framework(f"oracle-{f}", countries=countries[f:])
        parent = factories.requirement(framework, "group", deadline=dt.date(2016, 1, 1))
        for n in range(4):
            requirement = factories.requirement(
                framework, f"group.r{n}", parent=parent, deadline=dt.date(2015 + n, 6, 30)
            )
            for k, country in enumerate(countries[f:]):
                status = [Status.ADOPTED, Status.NOT_ALIGNED, Status.NOT_APPLICABLE][(n + k) % 3]
                factories.change(country, requirement, status, dt.date(2015, 1, 1), src=source)
                if (n + k) % 2:  # a later change, then one back-dated before it
                    factories.change(
                        country, requirement, Status.IN_PREPARATION, dt.date(2018, 1, 1), src=source
                    )
                    factories.change(
                        country,
                        requirement,
                        Status.PENDING_ADOPTION,
                        dt.date(2016, 1, 1),
                        src=source,
                    )
    query = f"as_of={day.isoformat()}" if day else ""
    params = rf.get(f"/api/v1/scores/?{query}").GET
    filterset = ScoreFilterSet(params, queryset=public_scope(params))
    assert filterset.is_valid()
    response = client.get(f"/api/v1/scores/?limit=1000&{query}")
    expected = json.loads(
        json.dumps(
            serializers.ScoreSerializer(from_statuses(filterset), many=True).data,
            cls=DjangoJSONEncoder,
        )
    )

    assert response.json()["results"] == expected
    assert len(expected) == 3 + 2 + 4 + 3 + 2
    assert any(r["lagging"] for r in expected) and any(r["overdue"] for r in expected)
    assert any(r["applicable"] < 4 for r in expected if r["framework"].startswith("oracle"))
    # One page at a time: a slice names the same lagging requirements as the whole.
    sliced = client.get(f"/api/v1/scores/?limit=3&offset=4&{query}").json()["results"]
    assert sliced == expected[4:7]
