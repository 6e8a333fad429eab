"""/export/indicators.csv (.xlsx, .json): DESIGN.md's columns, the filters, as of a day."""

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest
from django.db import transaction
from django.utils import timezone

from alignment import dataversion
from indicators.exports import COLUMNS
from indicators.models import IndicatorValue
from indicators.services import approve_value, return_value
from tests import factories
from tests.exports.helpers import body, csv_rows
from tests.indicators.conftest import value
from workshops.models import Participation, ParticipationRole, Workshop

CONTRACT = "country_code,country,indicator_code,indicator,period,value,unit,status,source_url"


@pytest.fixture
def data(world):
    al_2015 = value(world, world.al, period=(2015,), number="12")
    value(world, world.al, period=(2015,), number="99", approve=False)  # proposed: not public
    value(world, world.rs, period=(2015,), number=None, not_reported_reason="Not collected.")
    factories.workshop(
        "w1",
        host=world.al,
        source=world.source,
        taking_part={c: ParticipationRole.BENEFICIARY for c in (world.al, world.at)},
    )
    return al_2015


def test_columns_are_the_contract_and_rows_the_values_in_force(client, data):
    response = client.get("/export/indicators.csv")
    assert response.status_code == 200
    content = body(response).decode()
    assert content.splitlines()[0] == CONTRACT
    rows = [tuple(r.values()) for r in csv.DictReader(io.StringIO(content))]
    assert rows == [
        (
            "AL",
            "Albania",
            "arrests",
            "Arrests for online drug crime",
            "2015",
            "12",
            "arrests",
            "approved",
            "https://example.org/workshop-news",
        ),
        (
            "RS",
            "Serbia",
            "arrests",
            "Arrests for online drug crime",
            "2015",
            "not reported: Not collected.",
            "arrests",
            "approved",
            "https://example.org/workshop-news",
        ),
        (
            "AL",
            "Albania",
            "initiatives",
            "Joint initiatives",
            "2016",
            "1",
            "initiatives",
            "derived",
            "http://testserver/workshops/w1/",
        ),
    ]


def test_filters_choose_countries_indicators_and_framework(client, data):
    assert {
        r["country_code"] for r in csv_rows(client.get("/export/indicators.csv?country=RS"))
    } == {"RS"}
    only = csv_rows(client.get("/export/indicators.csv?indicator=initiatives"))
    assert [r["indicator_code"] for r in only] == ["initiatives"]
    assert csv_rows(client.get("/export/indicators.csv?framework=eu-dap&country=AL"))
    assert body(client.get("/export/indicators.csv?framework=eu-dap&country=AT")).decode() == (
        CONTRACT + "\n"
    )


def test_as_of_hides_what_was_recorded_later(client, data):
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    rows = csv_rows(client.get(f"/export/indicators.csv?as_of={yesterday}"))
    assert [r["indicator_code"] for r in rows] == ["initiatives"]  # typed today: not yet shown
    assert csv_rows(client.get("/export/indicators.csv?as_of=2016-05-25")) == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("as_of=2016-13-01", "as_of:"),
        ("country=ZZ", "country:"),
        ("framework=nope", "framework:"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, data, query, message):
    response = client.get(f"/export/indicators.csv?{query}")
    assert response.status_code == 400
    assert body(response).decode().startswith(message)


def test_json_and_xlsx_hold_the_same_rows(client, data):
    rows = json.loads(body(client.get("/export/indicators.json")))
    assert list(rows[0]) == CONTRACT.split(",")
    assert len(rows) == 3
    book = openpyxl.load_workbook(io.BytesIO(body(client.get("/export/indicators.xlsx"))))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == COLUMNS
    assert sheet.max_row == 4


def test_an_unknown_format_is_a_404(client, data):
    assert client.get("/export/indicators.pdf").status_code == 404


def test_etag_answers_304_until_a_value_changes(client, data, reviewer):
    first = client.get("/export/indicators.csv")
    etag = first["ETag"]
    assert client.get("/export/indicators.csv", HTTP_IF_NONE_MATCH=etag).status_code == 304
    approve_value(value=IndicatorValue.objects.get(review_state="proposed"), reviewer=reviewer)
    assert client.get("/export/indicators.csv", HTTP_IF_NONE_MATCH=etag).status_code == 200


def export_etag(client) -> str:
    response = client.get("/export/indicators.csv")
    assert response.status_code == 200
    return response["ETag"]


def test_the_etag_is_the_data_versions_and_a_read_leaves_it(client, data):
    etag = export_etag(client)
    assert etag.startswith(f'W/"{dataversion.current()}-')
    client.get("/export/indicators.json")
    client.get("/indicators/arrests/")
    assert export_etag(client) == etag


def approve_the_proposed(world, reviewer):
    approve_value(value=IndicatorValue.objects.get(review_state="proposed"), reviewer=reviewer)


def rename_the_indicator(world, reviewer):
    world.arrests.title = "Arrests for drug crime online"
    world.arrests.save()


def join_the_workshop(world, reviewer):
    w1 = Workshop.objects.get(slug="w1")
    Participation.objects.create(workshop=w1, country=world.rs, role=ParticipationRole.EXPERT)


@pytest.mark.parametrize("write", [approve_the_proposed, rename_the_indicator, join_the_workshop])
def test_a_write_a_row_shows_or_counts_changes_the_etag(client, data, world, reviewer, write):
    etag = export_etag(client)
    write(world, reviewer)
    assert export_etag(client) != etag


def test_a_value_not_yet_public_or_a_write_rolled_back_leaves_the_etag(
    client, data, world, reviewer
):
    etag = export_etag(client)
    value(world, world.rs, period=(2016,), number="3", approve=False)
    return_value(
        value=IndicatorValue.objects.get(review_state="proposed", country=world.al),
        reviewer=reviewer,
        reason="Check the source.",
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        approve_the_proposed(world, reviewer)
        raise RuntimeError("rolled back with the approval")
    assert export_etag(client) == etag


@pytest.fixture
def many(world):
    """Two countries x twenty years of typed values, and events in five years."""
    world.arrests.covers_from = None
    world.arrests.save()
    for year in range(2000, 2020):
        for country in (world.al, world.rs):
            value(world, country, period=(year,), number=str(year - 1990))
    for year in range(2012, 2017):
        factories.workshop(
            f"w{year}",
            title=str(year),
            starts_on=dt.date(year, 3, 1),
            ends_on=dt.date(year, 3, 2),
            city="Tirana",
            host=world.al,
            source=world.source,
            taking_part={
                world.al: ParticipationRole.HOST,
                world.rs: ParticipationRole.BENEFICIARY,
            },
        )
    return 2 * 20 + 2 * 5


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_a_fixed_number_of_queries_whatever_the_rows(client, many, django_assert_num_queries, fmt):
    # The indicators (1), the countries each covers (1), the typed values in force (1),
    # the participations with their workshops and countries (1).
    # + 1: the data version, the ETag and cache key (alignment.pagecache), which the
    # export's ETag reuses.
    with django_assert_num_queries(4 + 1):
        content = body(client.get(f"/export/indicators.{fmt}"))
    if fmt == "csv":
        assert content.count(b"\n") == 1 + many
