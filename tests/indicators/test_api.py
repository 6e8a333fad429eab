"""Indicators in the read-only API, by code, with ETags."""

import pytest

from indicators.services import approve_value
from tests import factories
from tests.indicators.conftest import value
from workshops.models import ParticipationRole


@pytest.fixture
def data(world):
    value(world, world.al, period=(2015,), number="12")
    value(world, world.rs, period=(2015,), number=None, not_reported_reason="Not collected.")
    factories.workshop(
        "w1",
        host=world.al,
        source=world.source,
        taking_part={world.rs: ParticipationRole.BENEFICIARY},
    )


def test_the_list_describes_every_indicator(client, data):
    results = client.get("/api/v1/indicators/").json()["results"]
    assert [(r["code"], r["derivation"], r["framework"], r["requirements"]) for r in results] == [
        ("arrests", "typed", "eu-dap", ["eu-dap/supply.online-markets"]),
        ("initiatives", "events", "eu-dap", ["eu-dap/international.cross-border"]),
    ]


def test_values_by_code_typed_and_derived(client, data):
    typed = client.get("/api/v1/indicators/arrests/values/").json()["results"]
    assert [(r["country"], r["period"], r["value"], r["not_reported_reason"]) for r in typed] == [
        ("AL", "2015", 12, ""),
        ("RS", "2015", None, "Not collected."),
    ]
    derived = client.get("/api/v1/indicators/initiatives/values/?country=RS").json()["results"]
    assert [(r["country"], r["period"], r["value"], r["status"], r["events"]) for r in derived] == [
        ("RS", "2016", 1, "derived", ["w1"])
    ]


def test_as_of_before_the_event_shows_no_derived_value(client, data):
    response = client.get("/api/v1/indicators/initiatives/values/?as_of=2016-05-25")
    assert response.json()["count"] == 0


@pytest.mark.parametrize(
    ("url", "status", "key"),
    [
        ("/api/v1/indicators/nope/", 404, "detail"),
        ("/api/v1/indicators/nope/values/", 404, "detail"),
        ("/api/v1/indicators/arrests/values/?as_of=yesterday", 400, "as_of"),
        ("/api/v1/indicators/arrests/values/?country=ZZ", 400, "country"),
    ],
)
def test_bad_requests_name_the_problem(client, data, url, status, key):
    response = client.get(url)
    assert response.status_code == status
    assert key in response.json()


def test_etag_gives_304_until_a_value_is_approved(client, data, world, reviewer):
    first = client.get("/api/v1/indicators/arrests/values/")
    again = client.get("/api/v1/indicators/arrests/values/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    approve_value(value=value(world, world.al, period=(2014,), approve=False), reviewer=reviewer)
    changed = client.get("/api/v1/indicators/arrests/values/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed.json()["count"] == 3
