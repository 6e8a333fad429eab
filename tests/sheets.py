"""Spreadsheet helpers for the admin imports' tests: write a file, upload it, confirm it.

`base` is the admin list the import belongs to (the status changes' by default)."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

BASE = "/admin/alignment/statuschange/"
CSV_FORMAT, XLSX_FORMAT = "0", "1"  # positions in StatusChangeAdmin.import_formats


def row(world, **values) -> dict:
    base = {
        "country_code": "AL",
        "country": "Albania",
        "requirement_code": "eu-ch24/cybercrime-strategy",
        "requirement": "",
        "status": "adopted",
        "effective_on": "2018-07",
        "evidence": "Adopted by decision of the Council of Ministers.",
        "source_url": world.source.url,
        "source_title": "",
    }
    return {**base, **values}


def as_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def upload(
    client, content: bytes, fmt: str = CSV_FORMAT, name: str = "statuses.csv", base: str = BASE
):
    return client.post(
        f"{base}import/",
        {"import_file": SimpleUploadedFile(name, content), "format": fmt, "resource": "0"},
    )


def confirm(client, preview, base: str = BASE):
    form = preview.context["confirm_form"]
    return client.post(f"{base}process_import/", {n: form[n].value() for n in form.fields})


def errors_by_row_and_column(preview) -> dict[tuple[int, str], str]:
    """(row as numbered in the spreadsheet, column) -> the messages."""
    return {
        (r.number + 1, column): " ".join(messages)
        for r in preview.context["result"].invalid_rows
        for column, messages in r.field_specific_errors.items()
    }
