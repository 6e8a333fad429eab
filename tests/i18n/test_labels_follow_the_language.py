"""Exports and API: codes and column names never change with the language; labels (the
requirement's title, the country's name, the status label) follow `?lang=` or
Accept-Language; an unknown language reads as English, never an error."""

import csv
import io
import json

import openpyxl
import pytest

from alignment.models import Status
from tests import factories

pytestmark = pytest.mark.django_db

TITLE_SR = "Усвојити закон о високотехнолошком криминалу"


@pytest.fixture
def world():
    rs = factories.country("RS", "Serbia")
    rs.name_sr = "Србија"
    rs.save(update_fields=["name_sr"])
    ch24 = factories.framework("eu-ch24", countries=[rs])
    law = factories.requirement(ch24, "cybercrime-law", title="Adopt a cybercrime law")
    law.title_sr = TITLE_SR
    law.save(update_fields=["title_sr"])
    strategy = factories.requirement(ch24, "cybercrime-strategy", title="Adopt a strategy")
    factories.change(rs, law, Status.NOT_ALIGNED)
    factories.change(rs, strategy, Status.ADOPTED)


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_table(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(content(response).decode("utf-8-sig"))))


def by_code(table: list[list[str]], column: str = "requirement_code") -> dict[str, dict]:
    header, *rows = table
    return {row[header.index(column)]: dict(zip(header, row, strict=True)) for row in rows}


@pytest.mark.parametrize("path", ["/export/status.csv", "/export/history.csv"])
def test_csv_labels_follow_lang_and_the_columns_do_not(client, world, path):
    english = csv_table(client.get(path))
    serbian = csv_table(client.get(path, {"lang": "sr"}))
    assert serbian[0] == english[0]  # the column names
    law = by_code(serbian)["eu-ch24/cybercrime-law"]
    assert (law["requirement"], law["country"]) == (TITLE_SR, "Србија")
    assert (law["country_code"], law["status"]) == ("RS", "not_aligned")
    assert by_code(serbian)["eu-ch24/cybercrime-strategy"]["requirement"] == "Adopt a strategy"
    assert by_code(english)["eu-ch24/cybercrime-law"]["requirement"] == "Adopt a cybercrime law"
    assert csv_table(client.get(path, headers={"accept-language": "sr"})) == serbian


def test_json_export_keeps_its_keys_in_every_language(client, world):
    english = json.loads(content(client.get("/export/status.json")))
    serbian = json.loads(content(client.get("/export/status.json", {"lang": "sr"})))
    assert [row.keys() for row in serbian] == [row.keys() for row in english]
    law = next(row for row in serbian if row["requirement_code"] == "eu-ch24/cybercrime-law")
    assert (law["requirement"], law["country"], law["status"]) == (
        TITLE_SR,
        "Србија",
        "not_aligned",
    )


def test_xlsx_export_keeps_its_header_in_every_language(client, world):
    def sheet(**query):
        response = client.get("/export/status.xlsx", query)
        assert response.status_code == 200
        return [
            list(r) for r in openpyxl.load_workbook(io.BytesIO(content(response))).active.values
        ]

    english, serbian = sheet(), sheet(lang="sr")
    assert serbian[0] == english[0]
    column = serbian[0].index("requirement")
    assert TITLE_SR in {row[column] for row in serbian[1:]}


def test_api_labels_follow_lang_and_the_fields_do_not(client, world):
    def law(**kwargs):
        response = client.get("/api/v1/assessments/", **kwargs)
        assert response.status_code == 200
        results = response.json()
        results = results["results"] if isinstance(results, dict) else results
        return next(r for r in results if r["requirement"] == "eu-ch24/cybercrime-law")

    english, serbian = law(), law(data={"lang": "sr"})
    assert serbian.keys() == english.keys()
    assert (serbian["requirement_title"], serbian["status_label"]) == (TITLE_SR, "Није усклађено")
    assert (serbian["status"], serbian["country"]) == ("not_aligned", "RS")
    assert english["status_label"] == "Not aligned"
    assert law(headers={"accept-language": "sr"}) == serbian


@pytest.mark.parametrize("lang", ["xx", "de-AT", "%00", "e" * 300])
@pytest.mark.parametrize(
    "path", ["/export/status.csv", "/export/history.json", "/api/v1/assessments/"]
)
def test_an_unknown_language_reads_as_english_never_an_error(client, world, path, lang):
    response = client.get(path, {"lang": lang}, headers={"accept-language": lang})
    assert response.status_code == 200
    text = content(response).decode()
    assert "Adopt a cybercrime law" in text and TITLE_SR not in text


def test_the_openapi_schema_documents_lang_on_every_operation(client, world):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            (lang,) = [p for p in operation["parameters"] if p["name"] == "lang"]
            assert lang["in"] == "query" and "sr-latn" in lang["schema"]["enum"], path


def test_the_data_page_documents_lang(client, world):
    page = client.get("/data/").content.decode()
    row = page.split("<code>lang</code>", 1)[1].split("</tr>", 1)[0]
    for code in ["en", "sr", "sr-latn", "bs", "sq", "mk", "tr"]:
        assert f"<code>{code}</code>" in row
    assert "Accept-Language" in row and "English" in row
