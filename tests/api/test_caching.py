"""ETags on the API: a client asking again gets 304 until the answer changes."""

import datetime as dt

import pytest

from alignment.models import Status
from tests import factories


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/countries/",
        "/api/v1/countries/RS/",
        "/api/v1/frameworks/eu-ch24/requirements/",
        "/api/v1/assessments/?as_of=2016-05-26",
        "/api/v1/scores/",
        "/api/v1/sources/",
        "/api/v1/recommendations/",
    ],
)
def test_a_repeat_request_with_the_etag_gets_304_and_no_body(client, world, url):
    first = client.get(url)

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert first.status_code == 200
    assert "no-cache" in first["Cache-Control"]
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_a_new_approved_change_changes_the_answer_and_the_etag(client, world):
    first = client.get("/api/v1/assessments/")
    factories.change(world.al, world.law, Status.ADOPTED, dt.date(2020, 1, 1))

    again = client.get("/api/v1/assessments/", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert again.json()["count"] == first.json()["count"] + 1


def test_the_answer_varies_with_the_language_asked_for(client, world):
    response = client.get("/api/v1/countries/ZZ/", headers={"accept-language": "sr"})

    assert "Accept-Language" in response["Vary"]


def test_errors_carry_no_etag(client, world):
    assert "ETag" not in client.get("/api/v1/assessments/?as_of=x")
    assert "ETag" not in client.get("/api/v1/countries/ZZ/")
