"""The spreadsheet of indicator values: all or nothing, each error naming row and column."""

import csv
import io
from functools import partial

import openpyxl
import pytest

from alignment.models import ReviewState, Source
from common.models import PendingUpload
from indicators.models import IndicatorValue
from tests import sheets
from tests.sheets import as_csv

BASE = "/admin/indicators/indicatorvalue/"
CSV_FORMAT = "0"
upload = partial(sheets.upload, name="values.csv", base=BASE)
confirm = partial(sheets.confirm, base=BASE)


def row(**values) -> dict:
    base = {
        "country_code": "AL",
        "country": "Albania",
        "indicator_code": "arrests",
        "indicator": "",
        "unit": "arrests",
        "period": "2016",
        "value": "12",
        "not_reported_reason": "",
        "source_url": "https://example.org/workshop-news",
        "source_title": "",
        "note": "",
    }
    return {**base, **values}


def test_template_lists_the_editors_countries_and_typed_indicators(editor_client, world):
    response = editor_client.get(f"{BASE}template/", {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["country_code"], r["indicator_code"], r["unit"]) for r in rows] == [
        ("AL", "arrests", "arrests")
    ]
    book = openpyxl.load_workbook(
        io.BytesIO(editor_client.get(f"{BASE}template/", {"format": "xlsx"}).content)
    )
    assert [c.value for c in book["values"][2]][:5] == [
        "AL",
        "Albania",
        "arrests",
        world.arrests.title,
        "arrests",
    ]


def test_a_good_file_previews_then_writes_proposed_values(editor_client, editor, world):
    rows = [
        row(),
        row(period="2015", value="", not_reported_reason="Not collected."),
        row(period="", value=""),
    ]
    preview = upload(editor_client, as_csv(rows))
    assert preview.status_code == 200 and not IndicatorValue.objects.exists()
    done = confirm(editor_client, preview)
    assert done.status_code == 302
    written = sorted(
        IndicatorValue.objects.values_list(
            "period_start__year", "value", "not_reported_reason", "review_state", "recorded_by"
        )
    )
    assert written == [
        (2015, None, "Not collected.", ReviewState.PROPOSED, editor.pk),
        (2016, 12, "", ReviewState.PROPOSED, editor.pk),
    ]


def test_every_bad_row_is_named_and_nothing_is_written(editor_client, world):
    rows = [
        row(),  # good, but not written while others are bad
        row(value="-4"),
        row(value="1,5"),
        row(value="1.234,5"),
        row(unit="cases"),
        row(period="2999"),
        row(country_code="RS"),
        row(country_code="AT"),
        row(period="2009"),
        row(period="2016-13"),
        row(indicator_code="initiatives", unit="initiatives"),
    ]
    preview = upload(editor_client, as_csv(rows))
    assert preview.status_code == 200
    errors = {
        (r.number + 1, column): " ".join(messages)
        for r in preview.context["result"].invalid_rows
        for column, messages in r.field_specific_errors.items()
    }
    assert "cannot be negative" in errors[(3, "value")]
    assert "point as the decimal separator" in errors[(4, "value")]
    assert "point as the decimal separator" in errors[(5, "value")]
    assert "counted in arrests, not “cases”" in errors[(6, "unit")]
    assert "not over yet" in errors[(7, "period")]
    assert "another country's row" in errors[(8, "country_code")]
    assert "another country's row" in errors[(9, "country_code")]
    assert "does not cover 2009" in errors[(10, "period")]
    assert "is not a period" in errors[(11, "period")]
    assert "counted from the tracker's events" in errors[(12, "indicator_code")]
    assert len(preview.context["result"].invalid_rows) == 10
    assert "10 rows are wrong; nothing will be written" in preview.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_value_for_a_country_the_indicator_does_not_cover_is_refused(reviewer_client, world):
    preview = upload(reviewer_client, as_csv([row(country_code="AT")]))
    errors = preview.context["result"].invalid_rows[0].field_specific_errors
    assert "arrests does not cover AT." in errors["country_code"]
    assert not IndicatorValue.objects.exists()


def test_a_file_without_the_needed_columns_is_refused_by_name(editor_client, world):
    preview = upload(editor_client, b"country_code,value\nAL,3\n")
    assert "indicator_code" in preview.content.decode()
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize("cell", [12, 12.0])
def test_xlsx_number_cells_are_read_as_numbers(editor_client, world, cell):
    book = openpyxl.Workbook()
    sheet = book.active
    header = list(row())
    sheet.append(header)
    sheet.append([cell if name == "value" else row()[name] for name in header])
    out = io.BytesIO()
    book.save(out)
    preview = upload(editor_client, out.getvalue(), fmt="1", name="values.xlsx")
    assert confirm(editor_client, preview).status_code == 302
    assert IndicatorValue.objects.get().value == 12


def test_the_upload_waits_in_the_database_and_confirming_twice_writes_once(editor_client, world):
    """The status import's safeguards (common.uploads), shared through SpreadsheetImportMixin."""
    preview = upload(editor_client, as_csv([row()]))
    assert PendingUpload.objects.count() == 1
    assert confirm(editor_client, preview).status_code == 302
    assert confirm(editor_client, preview).status_code == 409
    assert IndicatorValue.objects.count() == 1 and not PendingUpload.objects.exists()


def test_a_new_source_is_added_once_for_the_rows_that_name_it(editor_client, world):
    new = {"source_url": "https://example.org/new-report", "source_title": "New report"}
    rows = [row(**new), row(period="2015", **new)]
    assert confirm(editor_client, upload(editor_client, as_csv(rows))).status_code == 302
    assert {v.source.title for v in IndicatorValue.objects.all()} == {"New report"}
    assert Source.objects.filter(url=new["source_url"]).count() == 1


def test_template_cells_that_look_like_formulas_stay_text(editor_client, world):
    world.arrests.title = "=HYPERLINK(1)"
    world.arrests.save()
    response = editor_client.get(f"{BASE}template/", {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["indicator"] != "=HYPERLINK(1)"
    assert rows[0]["indicator"].endswith("=HYPERLINK(1)")
