"""The same rows as XLSX and JSON as in the CSV."""

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from alignment.exports import views as exports
from alignment.exports import xlsx
from alignment.models import Status
from tests import factories
from tests.exports.helpers import body, csv_rows


def xlsx_rows(response) -> list[list]:
    workbook = load_workbook(io.BytesIO(body(response)))
    return [list(row) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("name", ["status", "history"])
def test_json_holds_the_csv_rows_with_numbers_as_numbers(client, world, name):
    factories.change(world.rs, world.ratify, Status.NOT_APPLICABLE, dt.date(2020, 1, 1))
    from_csv = csv_rows(client.get(f"/export/{name}.csv"))

    response = client.get(f"/export/{name}.json")
    from_json = json.loads(body(response))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    as_text = [{k: "" if v is None else str(v) for k, v in row.items()} for row in from_json]
    assert as_text == from_csv
    scores = {
        row["requirement_code"]: row["score"] for row in from_json if row["country_code"] == "RS"
    }
    assert scores["coe-ets-185/ratify"] is None
    assert scores["eu-ch24/cybercrime-strategy"] in (0, 75)


def test_json_with_no_rows_is_an_empty_array(client, world):
    response = client.get("/export/status.json?as_of=1990-01-01")

    assert response.status_code == 200
    assert json.loads(body(response)) == []


@pytest.mark.parametrize("name", ["status", "history"])
def test_xlsx_holds_the_csv_rows_under_the_same_header(client, world, name):
    response = client.get(f"/export/{name}.xlsx?as_of=2016-05-26")
    from_csv = csv_rows(client.get(f"/export/{name}.csv?as_of=2016-05-26"))

    header, *rows = xlsx_rows(response)

    assert response["Content-Type"] == exports.CONTENT_TYPES["xlsx"]
    assert response["Content-Disposition"] == (f'attachment; filename="{name}-2016-05-26.xlsx"')
    assert header == list(from_csv[0])
    assert [
        {k: "" if v is None else str(v) for k, v in zip(header, row, strict=True)} for row in rows
    ] == from_csv


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(client, world):
    world.ratify.title = '=HYPERLINK("http://evil.example","click")'
    world.ratify.save(update_fields=["title"])

    header, *rows = xlsx_rows(client.get("/export/status.xlsx?framework=coe-ets-185"))

    # Behind a quote, as in the CSV (OWASP's advice; common.text.spreadsheet_cell): text
    # even once someone edits the cell.
    titles = {row[header.index("requirement")] for row in rows}
    assert titles == {'\'=HYPERLINK("http://evil.example","click")'}


def test_xlsx_drops_control_characters_it_cannot_store(client, world):
    world.ratify.title = "Ratify\x0b the treaty"
    world.ratify.save(update_fields=["title"])

    response = client.get("/export/status.xlsx?framework=coe-ets-185")
    header, *rows = xlsx_rows(response)

    assert response.status_code == 200
    assert {row[header.index("requirement")] for row in rows} == {"Ratify the treaty"}


def test_xlsx_goes_on_to_further_sheets_past_the_row_limit(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)  # the header and two rows a sheet
    table = [["AL", n] for n in range(5)]

    workbook = load_workbook(io.BytesIO(b"".join(xlsx.stream("status", ["code", "n"], table))))

    assert workbook.sheetnames == ["status", "status 2", "status 3"]
    assert [list(r) for r in workbook["status 3"].iter_rows(values_only=True)] == [
        ["code", "n"],
        ["AL", 4],
    ]


def test_xlsx_with_exactly_a_full_sheet_has_no_empty_second_sheet(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)

    data = b"".join(xlsx.stream("status", ["code", "n"], [["AL", 1], ["RS", 2]]))

    assert load_workbook(io.BytesIO(data)).sheetnames == ["status"]


def test_xlsx_keeps_columns_in_place_around_empty_cells():
    data = b"".join(xlsx.stream("t", [f"c{n}" for n in range(28)], [[None, "", "x", *range(25)]]))

    header, row = load_workbook(io.BytesIO(data))["t"].iter_rows(values_only=True)

    assert header[27] == "c27"
    assert row[:3] == (None, None, "x")
    assert row[27] == 24


def test_xlsx_with_no_rows_still_has_the_header(client, world):
    header, *rows = xlsx_rows(client.get("/export/status.xlsx?as_of=1990-01-01"))

    assert header[0] == "country_code"
    assert rows == []


def test_a_bad_parameter_in_json_is_a_json_400_keyed_by_the_parameter(client, world):
    response = client.get("/export/status.json?country=ZZ")

    assert response.status_code == 400
    assert list(response.json()) == ["country"]
