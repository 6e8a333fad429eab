"""ETags: a client asking again gets 304 until the data behind the export changes."""

import datetime as dt

from alignment.models import Status
from alignment.services import approve_change
from tests import factories
from tests.exports.helpers import body


def revalidate(client, url: str, etag: str):
    return client.get(url, headers={"if-none-match": etag})


def test_a_repeat_request_with_the_etag_gets_304_and_no_body(client, world):
    first = client.get("/export/status.csv")

    again = revalidate(client, "/export/status.csv", first["ETag"])

    assert first.status_code == 200
    assert first["ETag"].startswith('W/"')
    assert "no-cache" in first["Cache-Control"]
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_a_new_approved_change_changes_the_etag(client, world):
    etag = client.get("/export/status.csv")["ETag"]
    factories.change(world.al, world.law, Status.IN_PREPARATION, dt.date(2020, 1, 1))

    response = revalidate(client, "/export/status.csv", etag)

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert b"Requirement cybercrime-law,in_preparation" in body(response)


def test_approving_a_proposed_change_changes_the_etag(client, world):
    etag = client.get("/export/history.csv")["ETag"]
    before = body(client.get("/export/history.csv")).count(b"\n")
    approve_change(change=world.proposed, reviewer=factories.user("reviewer"))

    response = revalidate(client, "/export/history.csv", etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert body(response).count(b"\n") == before + 1  # the approved change, now public


def test_renaming_a_country_changes_the_etag(client, world):
    etag = client.get("/export/status.csv")["ETag"]
    world.al.name = "Republic of Albania"
    world.al.save(update_fields=["name", "updated_at"])

    response = revalidate(client, "/export/status.csv", etag)

    assert response.status_code == 200
    assert b"Republic of Albania" in body(response)


def test_each_format_and_filter_has_its_own_etag(client, world):
    etags = {
        client.get(url)["ETag"]
        for url in [
            "/export/status.csv",
            "/export/status.json",
            "/export/status.csv?country=AL",
            "/export/history.csv",
        ]
    }

    assert len(etags) == 4


def test_a_bad_request_carries_no_etag(client, world):
    assert "ETag" not in client.get("/export/status.csv?as_of=x")
