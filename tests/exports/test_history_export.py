"""GET /export/history.csv: every approved change, the status columns plus recorded_at."""

import datetime as dt

from alignment.models import StatusChange
from tests.exports.helpers import body, csv_rows

COLUMNS = (
    "country_code,country,framework,requirement_code,requirement,status,score,effective_on,"
    "source_url,recorded_at"
)


def test_columns_are_the_status_columns_plus_recorded_at(client, world):
    response = client.get("/export/history.csv")

    assert response.status_code == 200
    assert body(response).decode().splitlines()[0] == COLUMNS


def test_every_approved_change_appears_once_and_nothing_else(client, world):
    rows = csv_rows(client.get("/export/history.csv?framework=eu-ch24&framework=coe-ets-185"))

    approved = StatusChange.objects.approved().exclude(requirement__framework__synthetic=True)
    assert len(rows) == approved.count() == 9
    recorded = {row["recorded_at"] for row in rows}
    assert world.proposed.recorded_at.isoformat().replace("+00:00", "Z") not in recorded
    assert world.returned.recorded_at.isoformat().replace("+00:00", "Z") not in recorded


def test_a_pair_history_runs_oldest_first(client, world):
    rows = csv_rows(client.get("/export/history.csv?country=RS&framework=eu-ch24"))

    strategy = [
        (row["status"], row["effective_on"])
        for row in rows
        if row["requirement_code"] == "eu-ch24/cybercrime-strategy"
    ]
    assert strategy == [("not_aligned", "2016-05-26"), ("adopted", "2018-09-15")]


def test_as_of_leaves_out_changes_that_took_effect_later(client, world):
    rows = csv_rows(client.get("/export/history.csv?as_of=2016-12-31&country=RS"))

    assert {row["effective_on"] for row in rows} == {"2016-05-26"}


def test_recorded_at_is_utc_iso_8601(client, world):
    change = StatusChange.objects.get(
        country=world.al, requirement=world.ratify, review_state="approved"
    )

    row = csv_rows(client.get("/export/history.csv?country=AL&framework=coe-ets-185"))[0]

    assert row["recorded_at"].endswith("Z")
    parsed = dt.datetime.fromisoformat(row["recorded_at"])
    assert parsed == change.recorded_at


def test_a_bad_parameter_is_a_400_naming_it(client, world):
    response = client.get("/export/history.csv?as_of=2016-02-30")

    assert response.status_code == 400
    assert response.content.decode().startswith("as_of: ")
