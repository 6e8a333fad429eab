"""/api/v1/assessments/: each pair's approved status in force on `as_of`."""

import datetime as dt

import pytest
from django.core.management import call_command

from alignment.models import Framework, Status
from tests import factories
from tests.exports.helpers import csv_rows


def results(client, query: str = "") -> list[dict]:
    response = client.get(f"/api/v1/assessments/?limit=1000&{query}")
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.parametrize("as_of", ["2016-05-26", "2018-07-31", ""])
def test_same_statuses_as_the_status_export(client, world, as_of):
    api = {(r["country"], r["requirement"]): r for r in results(client, f"as_of={as_of}")}
    export = csv_rows(client.get(f"/export/status.csv?as_of={as_of}"))

    assert {(r["country_code"], r["requirement_code"]) for r in export} == set(api)
    for row in export:
        mine = api[(row["country_code"], row["requirement_code"])]
        assert (mine["status"], mine["effective_on"]) == (row["status"], row["effective_on"])
        assert str(mine["score"]) == row["score"]


def test_a_row_carries_the_evidence_and_its_source(client, world):
    row = next(
        r
        for r in results(client)
        if r["requirement"] == "eu-ch24/supply.online-markets" and r["country"] == "RS"
    )

    assert row["status"] == "in_preparation"
    assert row["effective_on"] == "2018-07"
    assert row["precision"] == "month"
    assert row["evidence"] == "test evidence"
    assert row["source"] == "coe-octopus"
    assert row["source_url"] == "https://example.org/o"
    assert row["recorded_at"].endswith("Z")


def test_proposed_and_returned_changes_are_never_shown(client, world):
    uids = {r["uid"] for r in results(client, "as_of=2030-01-01")}

    assert str(world.proposed.uid) not in uids
    assert str(world.returned.uid) not in uids


def test_filters_are_the_status_export_filters(client, world):
    assert {r["country"] for r in results(client, "country=AL&country=AT")} == {"AL", "AT"}
    assert {r["framework"] for r in results(client, "framework=coe-ets-185")} == {"coe-ets-185"}
    assert {r["status"] for r in results(client, "status=adopted")} == {"adopted"}
    assert {r["requirement"] for r in results(client, "theme=online-drug-markets")} == {
        "eu-ch24/supply.online-markets"
    }
    assert {r["country"] for r in results(client, "group=member_state")} == {"AT"}


def test_synthetic_frameworks_only_when_named(client, world):
    assert all(r["framework"] != "synthetic-01" for r in results(client))
    assert [r["framework"] for r in results(client, "framework=synthetic-01")] == ["synthetic-01"]


def test_pages_follow_limit_and_offset(client, world):
    first = client.get("/api/v1/assessments/?limit=3").json()
    second = client.get("/api/v1/assessments/?limit=3&offset=3").json()

    assert first["count"] == second["count"] == 7
    assert first["next"].endswith("/api/v1/assessments/?limit=3&offset=3")
    assert [r["uid"] for r in first["results"] + second["results"]] == [
        r["uid"] for r in results(client)
    ][:6]


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("as_of=2016-02-30", "as_of"),
        ("country=ZZ", "country"),
        ("framework=nope", "framework"),
        ("status=maybe", "status"),
        ("theme=nope", "theme"),
        ("group=martians", "group"),
        ("limit=0", "limit"),
        ("limit=ten", "limit"),
        ("offset=-1", "offset"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, world, query, named):
    response = client.get(f"/api/v1/assessments/?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [named]
    assert response.json()[named][0]


def test_limit_is_capped_at_a_thousand(client, world):
    call_command("synthesize", countries=6, requirements=200, changes=1, seed=1, verbosity=0)
    code = Framework.objects.filter(synthetic=True).latest("pk").code  # after the world's

    page = client.get(f"/api/v1/assessments/?framework={code}&limit=5000").json()

    assert page["count"] > 1000
    assert len(page["results"]) == 1000
    assert "limit=1000" in page["next"] and "offset=1000" in page["next"]


def test_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries):
    countries = [factories.country(f"Q{letter}") for letter in "MNOPQRSTUV"]
    framework = factories.framework("wide", countries=countries)
    source = factories.source("wide-source")
    for n in range(10):
        requirement = factories.requirement(framework, f"r{n:02d}")
        for country in countries:
            factories.change(country, requirement, Status.ADOPTED, dt.date(2015, 1, 1), src=source)

    # The framework code checked, the count, the page with country, requirement,
    # framework and source joined.
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(3 + 1):
        response = client.get("/api/v1/assessments/?framework=wide&limit=1000")

    assert len(response.json()["results"]) == 100
