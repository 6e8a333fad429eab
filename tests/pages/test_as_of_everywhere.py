"""`as_of` is read by one filter (alignment.filters.AsOfFilter): every page, download and
API call gives the same answer for the same value, or the same 400 naming it."""

import datetime as dt
import json

import pytest

from tests.pages.markup import parse

PAGES = [
    "/?framework=eu-ch24",
    "/countries/AL/",
    "/frameworks/eu-ch24/requirements/cyber.strategy/",
    "/countries/AL/frameworks/eu-ch24/requirements/cyber.strategy/",
    "/workshops/ws-2016/",
]
DOWNLOADS = ["/export/status.csv", "/export/history.json", "/export/status.xlsx"]
API = ["/api/v1/assessments/", "/api/v1/history/", "/api/v1/scores/"]
MESSAGE = "is not a date; use YYYY-MM-DD, e.g. 2016-05-26."


def test_an_iso_day_is_the_day_everywhere(client, world):
    for url in PAGES:
        response = client.get(url, {"as_of": "2016-05-26"})
        assert response.status_code == 200, url
        assert response.context["day"] == dt.date(2016, 5, 26), url
    for url in DOWNLOADS:
        response = client.get(url, {"as_of": "2016-05-26"})
        assert response.status_code == 200, url
        assert "-2016-05-26." in response["Content-Disposition"], url
    scores = client.get("/api/v1/scores/", {"as_of": "2016-05-26"}).json()["results"]
    assert scores and {row["as_of"] for row in scores} == {"2016-05-26"}
    # The same pairs in force, read by the download and by the API.
    response = client.get("/export/status.json", {"as_of": "2016-05-26"})
    download = json.loads(b"".join(response.streaming_content))
    api = client.get("/api/v1/assessments/", {"as_of": "2016-05-26", "limit": 1000}).json()
    assert download and [
        (r["country_code"], r["requirement_code"], r["status"]) for r in download
    ] == [(r["country"], r["requirement"], r["status"]) for r in api["results"]]


@pytest.mark.parametrize("value", ["05/26/2016", "26.05.2016", "2016-5-26", "2016-02-30", "x"])
def test_anything_else_is_the_same_400_everywhere(client, world, value):
    expected = f"“{value}” {MESSAGE}"
    for url in PAGES:
        response = client.get(url, {"as_of": value})
        assert response.status_code == 400, url
        assert parse(response).find("p", class_="error").text == f"as_of: {expected}", url
    for url in DOWNLOADS:
        response = client.get(url, {"as_of": value})
        assert response.status_code == 400, url
        if url.endswith(".json"):
            assert response.json() == {"as_of": [expected]}, url
        else:
            assert response.content.decode() == f"as_of: {expected}", url
    for url in API:
        response = client.get(url, {"as_of": value})
        assert (response.status_code, response.json()) == (400, {"as_of": [expected]}), url
