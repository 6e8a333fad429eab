"""/api/v1/sources/: the documents behind the statuses."""

import datetime as dt

from alignment.dates import Precision
from tests import factories


def test_a_source_shows_its_date_at_its_precision(client, world):
    factories.source(
        "gcscc-mk",
        title="Cybersecurity capacity review",
        published_on=dt.date(2018, 7, 31),
        published_precision=Precision.MONTH,
        language="en",
    )

    response = client.get("/api/v1/sources/gcscc-mk/")

    assert response.status_code == 200
    assert response.json()["published_on"] == "2018-07"
    assert response.json()["published_precision"] == "month"


def test_list_gives_every_source_by_title(client, world):
    titles = [s["title"] for s in client.get("/api/v1/sources/").json()["results"]]

    assert titles == sorted(titles)
    assert "CoE Octopus" in titles


def test_an_unknown_key_is_a_404_naming_it(client, world):
    response = client.get("/api/v1/sources/nope/")

    assert response.status_code == 404
    assert response.json() == {"detail": "key: no source has the key “nope”."}


def test_list_query_count_does_not_grow(client, world, django_assert_num_queries):
    for n in range(20):
        factories.source(f"extra-{n}")

    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(2 + 1):  # the count, the page
        response = client.get("/api/v1/sources/")

    assert response.json()["count"] == 3 + 20
