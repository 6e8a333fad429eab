"""/api/v1/history/: every approved change, and one change by its identifier."""

import datetime as dt

from alignment.models import Status
from tests import factories
from tests.exports.helpers import csv_rows


def test_same_changes_as_the_history_export_in_the_same_order(client, world):
    api = client.get("/api/v1/history/?limit=1000").json()["results"]
    export = csv_rows(client.get("/export/history.csv"))

    assert [(r["country"], r["requirement"], r["effective_on"], r["recorded_at"]) for r in api] == [
        (r["country_code"], r["requirement_code"], r["effective_on"], r["recorded_at"])
        for r in export
    ]


def test_as_of_leaves_out_later_changes(client, world):
    rows = client.get("/api/v1/history/?as_of=2016-12-31&country=RS").json()["results"]

    assert {r["effective_on"] for r in rows} == {"2016-05-26"}


def test_one_change_is_found_by_its_uid(client, world):
    change = factories.change(world.al, world.law, Status.ADOPTED, dt.date(2019, 3, 1))

    response = client.get(f"/api/v1/history/{change.uid}/")

    assert response.status_code == 200
    assert response.json()["status"] == "adopted"
    assert response.json()["requirement"] == "eu-ch24/cybercrime-law"


def test_an_unapproved_or_malformed_uid_is_a_404_naming_it(client, world):
    for uid in [world.proposed.uid, world.returned.uid, "not-a-uuid"]:
        response = client.get(f"/api/v1/history/{uid}/")
        assert response.status_code == 404
        assert response.json()["detail"].startswith("uid: ")


def test_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries):
    source = factories.source("many")
    for year in range(1990, 2023):
        factories.change(world.al, world.law, Status.ADOPTED, dt.date(year, 1, 1), src=source)

    # The country code checked, the count, the page with its joins.
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(3 + 1):
        response = client.get("/api/v1/history/?country=AL&limit=1000")

    assert len(response.json()["results"]) == 33 + 3  # and the three AL rows of the world
