"""GET /export/status.csv: each pair's approved status in force on a day."""

import datetime as dt

import pytest

from alignment.models import Status, StatusChange
from tests import factories
from tests.exports.helpers import body, csv_rows

COLUMNS = (
    "country_code,country,framework,requirement_code,requirement,status,score,effective_on,"
    "source_url,evidence,source_title"
)


def by_pair(rows: list[dict]) -> dict[tuple[str, str], dict]:
    return {(row["country_code"], row["requirement_code"]): row for row in rows}


def test_contracted_columns_come_first_then_evidence_and_source_title(client, world):
    response = client.get("/export/status.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert body(response).decode().splitlines()[0] == COLUMNS


def test_as_of_shows_the_status_in_force_on_that_day(client, world):
    in_2016 = by_pair(csv_rows(client.get("/export/status.csv?as_of=2016-05-26")))
    in_2019 = by_pair(csv_rows(client.get("/export/status.csv?as_of=2019-01-01")))

    assert in_2016[("RS", "eu-ch24/cybercrime-strategy")]["status"] == "not_aligned"
    assert in_2016[("RS", "eu-ch24/cybercrime-strategy")]["score"] == "0"
    assert in_2019[("RS", "eu-ch24/cybercrime-strategy")]["status"] == "adopted"
    assert in_2019[("RS", "eu-ch24/cybercrime-strategy")]["score"] == "75"
    assert in_2019[("RS", "eu-ch24/cybercrime-strategy")]["source_url"] == "https://example.org/o"


def test_a_month_counts_from_its_last_day_and_is_shown_as_the_month(client, world):
    """RS moved on online markets in "July 2018": not yet on 30 July, shown as 2018-07."""
    before = by_pair(csv_rows(client.get("/export/status.csv?as_of=2018-07-30")))
    after = by_pair(csv_rows(client.get("/export/status.csv?as_of=2018-07-31")))

    assert before[("RS", "eu-ch24/supply.online-markets")]["status"] == "not_aligned"
    row = after[("RS", "eu-ch24/supply.online-markets")]
    assert (row["status"], row["score"], row["effective_on"]) == ("in_preparation", "25", "2018-07")


def test_a_year_is_shown_as_the_year_and_a_day_as_the_day(client, world):
    rows = by_pair(csv_rows(client.get("/export/status.csv")))

    assert rows[("AT", "coe-ets-185/ratify")]["effective_on"] == "2012"
    assert rows[("AL", "coe-ets-185/ratify")]["effective_on"] == "2002-06-20"


def test_rows_name_the_country_and_the_full_requirement_code(client, world):
    row = by_pair(csv_rows(client.get("/export/status.csv")))[("AL", "coe-ets-185/ratify")]

    assert row == {
        "country_code": "AL",
        "country": "Albania",
        "framework": "coe-ets-185",
        "requirement_code": "coe-ets-185/ratify",
        "requirement": "Requirement ratify",
        "status": "aligned",
        "score": "100",
        "effective_on": "2002-06-20",
        "source_url": "https://example.org/c",
        "evidence": StatusChange.objects.get(uid=row_uid(world)).evidence,
        "source_title": StatusChange.objects.get(uid=row_uid(world)).source.title,
    }
    assert row["evidence"] and row["source_title"]


def row_uid(world) -> str:
    """The approved change behind Albania's row on ratification."""
    return (
        StatusChange.objects.approved()
        .filter(country__code="AL", requirement__code="ratify")
        .latest("effective_on")
        .uid
    )


def test_only_approved_changes_are_ever_exported(client, world):
    """AL's proposed and RS's returned change on the law stay out; AL has no data there."""
    rows = by_pair(csv_rows(client.get("/export/status.csv?as_of=2020-01-01")))

    assert ("AL", "eu-ch24/cybercrime-law") not in rows
    assert rows[("RS", "eu-ch24/cybercrime-law")]["status"] == "not_aligned"


def test_not_applicable_has_an_empty_score(client, world):
    factories.change(world.rs, world.ratify, Status.NOT_APPLICABLE, dt.date(2020, 1, 1))

    row = by_pair(csv_rows(client.get("/export/status.csv")))[("RS", "coe-ets-185/ratify")]

    assert (row["status"], row["score"]) == ("not_applicable", "")


def test_country_is_repeatable_and_keeps_only_those_countries(client, world):
    rows = csv_rows(client.get("/export/status.csv?country=AL&country=AT"))

    assert {row["country_code"] for row in rows} == {"AL", "AT"}
    assert len(rows) == 4


def test_framework_status_theme_and_group_filters_narrow_the_rows(client, world):
    framework = csv_rows(client.get("/export/status.csv?framework=coe-ets-185"))
    status = csv_rows(client.get("/export/status.csv?status=adopted&status=in_preparation"))
    theme = csv_rows(client.get("/export/status.csv?theme=online-drug-markets"))
    group = csv_rows(client.get("/export/status.csv?group=member_state"))

    assert {r["requirement_code"] for r in framework} == {"coe-ets-185/ratify"}
    assert {(r["country_code"], r["status"]) for r in status} == {
        ("RS", "adopted"),
        ("RS", "in_preparation"),
    }
    assert {(r["country_code"], r["requirement_code"]) for r in theme} == {
        ("AL", "eu-ch24/supply.online-markets"),
        ("RS", "eu-ch24/supply.online-markets"),
    }
    assert {r["country_code"] for r in group} == {"AT"}


def test_status_filter_picks_pairs_by_their_status_on_the_day(client, world):
    """RS's strategy was not aligned in 2016 and is adopted now: as of now it is no match."""
    now = csv_rows(client.get("/export/status.csv?status=not_aligned&country=RS"))
    then = csv_rows(client.get("/export/status.csv?status=not_aligned&country=RS&as_of=2016-06-01"))

    assert "eu-ch24/cybercrime-strategy" not in {r["requirement_code"] for r in now}
    assert "eu-ch24/cybercrime-strategy" in {r["requirement_code"] for r in then}


def test_synthetic_frameworks_are_left_out_unless_named(client, world):
    default = csv_rows(client.get("/export/status.csv"))
    named = csv_rows(client.get("/export/status.csv?framework=synthetic-01"))

    assert all(row["framework"] != "synthetic-01" for row in default)
    assert [row["requirement_code"] for row in named] == ["synthetic-01/area-01.req-0001"]


def test_rows_come_by_country_then_framework_then_requirement_code(client, world):
    rows = csv_rows(client.get("/export/status.csv"))

    assert [(row["country_code"], row["requirement_code"]) for row in rows] == [
        ("AL", "coe-ets-185/ratify"),
        ("AL", "eu-ch24/cybercrime-strategy"),
        ("AL", "eu-ch24/supply.online-markets"),
        ("AT", "coe-ets-185/ratify"),
        ("RS", "eu-ch24/cybercrime-law"),
        ("RS", "eu-ch24/cybercrime-strategy"),
        ("RS", "eu-ch24/supply.online-markets"),
    ]


def test_download_is_named_for_the_day(client, world):
    response = client.get("/export/status.csv?as_of=2016-05-26")

    assert response["Content-Disposition"] == 'attachment; filename="status-2016-05-26.csv"'


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("as_of=2016-13-01", "as_of"),
        ("as_of=yesterday", "as_of"),
        ("country=ZZ", "country"),
        ("country=AL&country=", "country"),
        ("framework=no-such-framework", "framework"),
        ("status=maybe", "status"),
        ("theme=nope", "theme"),
        ("group=martians", "group"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, world, query, named):
    changes = StatusChange.objects.count()

    response = client.get(f"/export/status.csv?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith(f"{named}: ")
    assert "ETag" not in response
    assert StatusChange.objects.count() == changes


def test_several_bad_parameters_are_each_named(client, world):
    response = client.get("/export/status.csv?as_of=x&country=ZZ")

    lines = response.content.decode().splitlines()
    assert response.status_code == 400
    assert sorted(line.split(":")[0] for line in lines) == ["as_of", "country"]


def test_an_unknown_format_is_a_404_naming_the_formats(client, world):
    response = client.get("/export/history.pdf")

    assert response.status_code == 404
    assert response.content.decode() == "“.pdf” is not an export format: use .csv, .xlsx or .json."


def test_only_get_and_head_are_allowed(client, world):
    assert client.post("/export/status.csv").status_code == 405
