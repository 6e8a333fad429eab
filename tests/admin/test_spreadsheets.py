"""Spreadsheets: the template, the upload with its preview, and the export.

Every error names its row (as numbered in the spreadsheet, header = row 1) and column;
nothing is written while any row is bad; written rows are proposed changes by the
uploader.
"""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry

from alignment.models import Assessment, ReviewState, Source, Status, StatusChange
from alignment.roles import EDITOR
from countries.models import Country
from tests import factories
from tests.admin.conftest import logged_in, staff
from tests.sheets import BASE, CSV_FORMAT, XLSX_FORMAT, as_csv, confirm, row, upload


@pytest.fixture
def current(world):
    """AL's current status on the strategy, so that the template has something to show."""
    return factories.change(
        world.al, world.strategy, Status.NOT_ALIGNED, on=dt.date(2016, 5, 26), src=world.source
    )


def template(client, country: str = "AL", kind: str = "csv"):
    return client.get(f"{BASE}template/", {"country": country, "format": kind})


def template_rows(client) -> list[dict]:
    return list(csv.DictReader(io.StringIO(template(client).content.decode("utf-8-sig"))))


def export(client, items=()):
    """Export in CSV with every column, as the export page offers by default."""
    form = client.get(f"{BASE}export/").context["form"]
    columns = {name: "on" for name, field in form.fields.items() if field.initial is True}
    data = {"format": CSV_FORMAT, "resource": "0", **columns}
    if items:
        data["export_items"] = list(items)
    response = client.post(f"{BASE}export/", data)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return response


def test_template_lists_the_countrys_requirements_with_current_statuses(
    editor_client, world, current
):
    rows = template_rows(editor_client)

    by_code = {r["requirement_code"]: r for r in rows}
    assert sorted(by_code) == [
        "coe-ets-185/ratify",
        "eu-ch24/cybercrime-law",
        "eu-ch24/cybercrime-strategy",
    ]
    strategy = by_code["eu-ch24/cybercrime-strategy"]
    assert (strategy["country_code"], strategy["status"], strategy["effective_on"]) == (
        "AL",
        "not_aligned",
        "2016-05-26",
    )
    assert strategy["source_url"] == world.source.url
    assert by_code["coe-ets-185/ratify"]["status"] == ""  # no data: left blank


def test_xlsx_template_has_the_same_rows_and_keeps_dates_as_text(editor_client, world, current):
    response = template(editor_client, kind="xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in r] for r in sheet.iter_rows()]
    assert values[0][:5] == ["country_code", "country", "requirement_code", "requirement", "status"]
    assert len(values) == 4
    assert sheet["F2"].number_format == "@"
    assert response["Content-Disposition"].startswith('attachment; filename="statuses-AL-')


def test_template_of_another_country_is_forbidden(editor_client, world):
    assert template(editor_client, "RS").status_code == 403
    assert template(editor_client, "QQ").status_code == 404
    bad = template(editor_client, "AL", "pdf")
    assert bad.status_code == 400 and "format" in bad.content.decode()


def test_template_page_offers_only_the_editors_countries(editor_client, world):
    page = editor_client.get(f"{BASE}template/")
    assert [c.code for c in page.context["countries"]] == ["AL"]


def test_upload_shows_a_preview_then_confirm_writes_proposed_changes(
    editor_client, editor, world, current
):
    rows = template_rows(editor_client)
    for r in rows:
        if r["requirement_code"] == "eu-ch24/cybercrime-strategy":
            r.update(status="adopted", effective_on="2018-07", evidence="Adopted in July 2018.")

    preview = upload(editor_client, as_csv(rows))

    assert preview.status_code == 200
    assert "Rows to add: 1 " in preview.content.decode()
    assert "Unchanged rows: 2." in preview.content.decode()
    assert StatusChange.objects.count() == 1  # the preview wrote nothing

    done = confirm(editor_client, preview)

    assert done.status_code == 302
    new = StatusChange.objects.exclude(pk=current.pk).get()
    assert (new.country, new.requirement, new.status) == (world.al, world.strategy, "adopted")
    assert (new.effective_on, new.precision) == (dt.date(2018, 7, 31), "month")
    assert (new.review_state, new.recorded_by) == (ReviewState.PROPOSED, editor)
    assert Assessment.objects.get(country=world.al, requirement=world.strategy).change == current
    assert LogEntry.objects.filter(object_id=str(new.pk), user=editor).exists()


def test_every_error_names_its_row_and_column_and_nothing_is_written(editor_client, world):
    rows = [
        row(world),  # good, but not written while others are bad
        row(world, requirement_code="eu-ch24/no-such-thing"),
        row(world, effective_on="July 2018"),
        row(world, status="done"),
        row(world, country_code="RS"),
        row(world, effective_on="2999-01"),
        row(world, source_url="https://example.org/new-report", source_title=""),
    ]

    preview = upload(editor_client, as_csv(rows))

    assert preview.status_code == 200
    assert "confirm_form" not in preview.context or not preview.context["confirm_form"]
    errors = {
        (r.number + 1, column): " ".join(messages)
        for r in preview.context["result"].invalid_rows
        for column, messages in r.field_specific_errors.items()
    }
    assert set(errors) == {
        (3, "requirement_code"),
        (4, "effective_on"),
        (5, "status"),
        (6, "country_code"),
        (7, "effective_on"),
        (8, "source_title"),
    }
    assert "eu-ch24/no-such-thing" in errors[(3, "requirement_code")]
    assert "is not a date" in errors[(4, "effective_on")]
    assert "not on the status scale" in errors[(5, "status")]
    assert "another country's row" in errors[(6, "country_code")]
    assert "in the future" in errors[(7, "effective_on")]
    page = preview.content.decode()
    assert "6 rows are wrong; nothing will be written" in page
    assert not StatusChange.objects.exists()


def test_a_file_without_the_needed_columns_is_refused_by_name(editor_client, world):
    content = b"country_code,requirement_code,status\nAL,eu-ch24/cybercrime-law,adopted\n"

    preview = upload(editor_client, content)

    assert "no effective_on, evidence, source_url, source_title column" in preview.content.decode()
    assert not StatusChange.objects.exists()


def test_an_unchanged_template_adds_nothing(editor_client, world, current):
    preview = upload(editor_client, as_csv(template_rows(editor_client)))

    assert "Rows to add: 0 " in preview.content.decode()
    assert "Unchanged rows: 3." in preview.content.decode()
    confirm(editor_client, preview)
    assert StatusChange.objects.count() == 1


def test_xlsx_date_cells_and_year_numbers_keep_their_precision(editor_client, world):
    book = openpyxl.Workbook()
    sheet = book.active
    first = row(world)
    sheet.append(list(first))
    sheet.append(list({**first, "effective_on": dt.datetime(2018, 9, 15)}.values()))
    sheet.append(
        list({**first, "requirement_code": "eu-ch24/cybercrime-law", "effective_on": 2016}.values())
    )
    out = io.BytesIO()
    book.save(out)

    preview = upload(editor_client, out.getvalue(), XLSX_FORMAT, "statuses.xlsx")
    confirm(editor_client, preview)

    written = {
        c.requirement.code: (c.effective_on, c.precision) for c in StatusChange.objects.all()
    }
    assert written == {
        "cybercrime-strategy": (dt.date(2018, 9, 15), "day"),
        "cybercrime-law": (dt.date(2016, 12, 31), "year"),
    }


def test_a_new_source_is_added_with_the_rows_not_at_preview(editor_client, world):
    content = as_csv(
        [row(world, source_url="https://example.org/gazette-2018", source_title="Gazette 2018")]
    )

    preview = upload(editor_client, content)
    assert not Source.objects.filter(url="https://example.org/gazette-2018").exists()
    confirm(editor_client, preview)

    change = StatusChange.objects.get()
    assert (change.source.title, change.source.url) == (
        "Gazette 2018",
        "https://example.org/gazette-2018",
    )


def test_a_row_that_turns_bad_before_confirmation_rolls_back_the_whole_file(editor, world):
    editor.editable_countries.add(world.rs)
    client = logged_in(editor)
    preview = upload(client, as_csv([row(world), row(world, country_code="RS")]))
    assert "Rows to add: 2 " in preview.content.decode()

    editor.editable_countries.remove(world.rs)  # RS taken away meanwhile
    response = confirm(client, preview)

    assert response.status_code == 400
    invalid = response.context["result"].invalid_rows
    assert [(r.number + 1, list(r.field_specific_errors)) for r in invalid] == [
        (3, ["country_code"])
    ]
    assert not StatusChange.objects.exists()


def test_a_source_without_an_address_is_found_by_its_title(editor_client, world):
    gazette = factories.source("gazette", title="Fletorja Zyrtare 2017/15", url="")
    rows = [
        row(world, source_url="", source_title="Fletorja Zyrtare 2017/15"),
        row(world, requirement_code="eu-ch24/cybercrime-law", source_url="", source_title=""),
    ]

    preview = upload(editor_client, as_csv(rows))
    errors = {
        (r.number + 1, c)
        for r in preview.context["result"].invalid_rows
        for c in r.field_specific_errors
    }
    assert errors == {(3, "source_url")}

    confirm(editor_client, upload(editor_client, as_csv(rows[:1])))
    assert StatusChange.objects.get().source == gazette
    assert Source.objects.filter(title="Fletorja Zyrtare 2017/15").count() == 1


def test_reviewer_exports_a_selection(reviewer_client, world, current):
    other = factories.change(world.rs, world.law, Status.ADOPTED, approve=False)

    form = reviewer_client.post(
        BASE, {"action": "export_admin_action", "_selected_action": [other.pk], "index": 0}
    )
    exported = export(reviewer_client, [other.pk])

    assert form.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [
        (r["country_code"], r["requirement_code"], r["status"], r["review_state"]) for r in rows
    ] == [("RS", "eu-ch24/cybercrime-law", "adopted", "proposed")]


def test_an_editors_export_holds_only_their_countrys_rows(editor_client, world, current):
    factories.change(world.rs, world.law, Status.ADOPTED)

    exported = export(editor_client)

    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [r["country_code"] for r in rows] == ["AL"]


def test_an_export_can_be_uploaded_again_and_changes_nothing(reviewer_client, world, current):
    exported = export(reviewer_client)

    preview = upload(reviewer_client, exported.content)

    assert "Rows to add: 0 " in preview.content.decode()
    assert "Unchanged rows: 1." in preview.content.decode()


def test_every_demo_countrys_template_uploads_unchanged_without_an_error(demo, roles):
    # Real data: month and year precision, sources with no address, not-applicable rows.
    before = StatusChange.objects.count()
    for country in Country.objects.filter(code__in=["AL", "BA", "ME", "MK", "RS", "TR", "XK"]):
        client = logged_in(staff(f"editor-{country.code}", roles[EDITOR], [country]))
        content = template(client, country.code).content

        preview = upload(client, content)

        result = preview.context["result"]
        assert not result.has_errors() and not result.has_validation_errors(), country.code
        assert result.totals["new"] == 0 and result.totals["skip"] > 0, country.code
    assert StatusChange.objects.count() == before


def test_a_staff_user_with_no_country_cannot_import(roles, world):
    client = logged_in(staff("no-country", roles[EDITOR]))

    assert client.get(f"{BASE}import/").status_code == 403
    assert upload(client, as_csv([row(world)])).status_code == 403
    assert not StatusChange.objects.exists()


def test_two_rows_naming_one_new_source_add_it_once(editor_client, world):
    new = {"source_url": "https://example.org/gazette-2019", "source_title": "Gazette 2019"}
    rows = [row(world, **new), row(world, requirement_code="eu-ch24/cybercrime-law", **new)]

    confirm(editor_client, upload(editor_client, as_csv(rows)))

    assert Source.objects.filter(url=new["source_url"]).count() == 1
    assert {c.source.title for c in StatusChange.objects.all()} == {"Gazette 2019"}
