"""Spreadsheet uploads: limits, one confirmation, storage until confirmed or abandoned.

Defects 4 and 5 of issue 12: a 0.2 MB XLSX inflating to 200 MB was accepted; a
1,048,576-row XLSX ran for minutes; a refused 50 MB file stayed in the process cache for
24 hours; confirming twice or a forged file name answered 500; the same row three times
was "3 rows to add"; a 600-character source title passed SQLite and failed PostgreSQL
without naming its column.
"""

import io
import zipfile

import pytest
from django.core.cache import cache

from alignment.models import Source, StatusChange
from common.models import PendingUpload
from tests.admin.conftest import logged_in
from tests.sheets import (
    BASE,
    XLSX_FORMAT,
    as_csv,
    errors_by_row_and_column,
    row,
    upload,
)

pytestmark = pytest.mark.django_db


def confirm(client, preview, **overrides):
    form = preview.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    return client.post(f"{BASE}process_import/", {**data, **overrides})


def form_error(response) -> str:
    return " ".join(response.context["form"].errors.get("import_file", []))


def sparse_xlsx(rows: int) -> bytes:
    """An XLSX whose sheet holds `rows` empty rows: a few hundred KB, packed."""
    sheet = "".join(f'<row r="{n}"/>' for n in range(1, rows + 1))
    ns = "http://schemas.openxmlformats.org"
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{ns}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
        '.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats'
        '-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{ns}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{ns}/spreadsheetml/2006/main" '
        f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>'
        '<sheet name="statuses" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{ns}/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{ns}/spreadsheetml/2006/main">'
        f"<sheetData>{sheet}</sheetData></worksheet>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


# Limits.


def test_a_file_over_the_size_limit_is_refused_and_not_kept(editor, world, settings):
    settings.IMPORT_MAX_BYTES = 2000
    response = upload(logged_in(editor), as_csv([row(world)] * 30))
    assert response.status_code == 400
    assert "at most 2.0\xa0KB can be imported at once" in form_error(response)
    assert not PendingUpload.objects.exists() and not StatusChange.objects.exists()


def test_a_file_over_the_row_limit_is_refused(editor, world, settings):
    settings.IMPORT_MAX_ROWS = 5
    response = upload(logged_in(editor), as_csv([row(world)] * 6))
    assert response.status_code == 400
    assert "more than 5 rows" in form_error(response)
    assert not PendingUpload.objects.exists()


def test_a_million_row_xlsx_is_refused_without_reading_it_whole(editor, world, settings):
    content = sparse_xlsx(1_048_576)
    assert len(content) < settings.IMPORT_MAX_BYTES  # small enough to pass the size limit
    response = upload(logged_in(editor), content, fmt=XLSX_FORMAT, name="big.xlsx")
    assert response.status_code == 400
    assert "more than 3000 rows" in form_error(response)


def test_a_zip_bomb_is_refused_by_its_unpacked_size(editor, world):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (200 * 1024 * 1024))
    assert len(out.getvalue()) < 300 * 1024  # 0.2 MB that inflates to 200 MB
    response = upload(logged_in(editor), out.getvalue(), fmt=XLSX_FORMAT, name="bomb.xlsx")
    assert response.status_code == 400
    assert "unpacks to 200.0\xa0MB" in form_error(response)


def test_an_import_that_takes_too_long_stops_with_a_message_and_writes_nothing(
    editor, world, settings
):
    settings.IMPORT_MAX_SECONDS = 0
    response = upload(logged_in(editor), as_csv([row(world)]))
    assert "took longer than 0 seconds" in response.content.decode()
    assert not response.context.get("confirm_form")
    assert not StatusChange.objects.exists() and not PendingUpload.objects.exists()


# Kept until confirmed or abandoned; confirmed once.


def test_the_upload_waits_in_the_database_until_confirmed_then_is_removed(editor, world):
    client = logged_in(editor)
    preview = upload(client, as_csv([row(world)]))
    name = preview.context["confirm_form"]["import_file_name"].value()
    assert PendingUpload.objects.filter(pk=name).count() == 1
    assert cache.get(f"django-import-export-{name}") is None  # as CacheStorage kept it
    assert confirm(client, preview).status_code == 302
    assert StatusChange.objects.count() == 1
    assert not PendingUpload.objects.exists()


def test_a_preview_with_errors_keeps_nothing(editor, world):
    upload(logged_in(editor), as_csv([row(world, status="done")]))
    assert not PendingUpload.objects.exists()


def test_confirming_twice_answers_409_and_writes_once(editor, world):
    client = logged_in(editor)
    preview = upload(client, as_csv([row(world)]))
    assert confirm(client, preview).status_code == 302
    again = confirm(client, preview)
    assert again.status_code == 409
    assert "no longer waiting for confirmation" in again.content.decode()
    assert StatusChange.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "status"),
    [("../../../etc/passwd", 400), ("", 400), ("3f8e2a4c-5b1d-4c7e-9a0f-6d2b8c1e4f70", 409)],
)
def test_a_forged_file_reference_is_refused_and_writes_nothing(editor, world, name, status):
    client = logged_in(editor)
    preview = upload(client, as_csv([row(world)]))
    response = confirm(client, preview, import_file_name=name)
    assert response.status_code == status
    assert not StatusChange.objects.exists()
    assert PendingUpload.objects.count() == 1  # the real one still waits


# Rows.


def test_the_same_row_twice_in_one_file_is_reported_by_row(editor, world):
    preview = upload(logged_in(editor), as_csv([row(world)] * 3))
    errors = errors_by_row_and_column(preview)
    assert set(errors) == {(3, "requirement_code"), (4, "requirement_code")}
    assert "repeats row 2" in errors[(3, "requirement_code")]
    assert not StatusChange.objects.exists()


def test_a_too_long_source_title_is_named_by_column(editor, world):
    new = row(world, source_url="https://example.org/new", source_title="T" * 600)
    preview = upload(logged_in(editor), as_csv([new]))
    errors = errors_by_row_and_column(preview)
    assert list(errors) == [(2, "source_title")]
    assert "at most 400 characters (it has 600)" in errors[(2, "source_title")]
    assert not Source.objects.filter(url="https://example.org/new").exists()


def test_a_nul_byte_or_control_character_in_a_cell_is_named_by_column(editor, world):
    rows = [
        row(world, evidence="In force\x00."),
        row(world, requirement_code="eu-ch24/cybercrime-law", source_url="https://e.org/x",
            source_title="Gazette\x0b7"),
    ]  # fmt: skip
    errors = errors_by_row_and_column(upload(logged_in(editor), as_csv(rows)))
    assert set(errors) == {(2, "evidence"), (3, "source_title")}
    assert "U+0000" in errors[(2, "evidence")] and "U+000B" in errors[(3, "source_title")]
