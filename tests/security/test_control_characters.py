"""Text fields refuse control characters other than tab and line breaks, wherever text
arrives: the admin form, the spreadsheet import and a fixture.

Defect 6 of issue 12: Word's Shift+Enter (U+000B) was accepted in evidence; the XLSX
template of that country then answered 500 for everyone.
"""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from alignment.models import Source, Status, StatusChange
from tests.admin.conftest import logged_in
from tests.sheets import as_csv, errors_by_row_and_column, row, upload

pytestmark = pytest.mark.django_db

ADD = "/admin/alignment/statuschange/add/"


@pytest.mark.parametrize("character", ["\x0b", "\x0c", "\x1b", "\x7f", "\x85"])
def test_the_record_form_names_the_control_character_and_writes_nothing(editor, world, character):
    response = logged_in(editor).post(
        ADD,
        {
            "country": world.al.pk,
            "requirement": world.strategy.pk,
            "status": Status.ADOPTED,
            "effective_on": "2018-07",
            "evidence": f"Adopted.{character}Published in the gazette.",
            "source": world.source.pk,
            "opened_at": timezone.now().isoformat(),
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["evidence"]
    assert f"U+{ord(character):04X} at position 9" in errors["evidence"][0]
    assert not StatusChange.objects.exists()


def test_tabs_and_line_breaks_stay_allowed(editor, world):
    response = logged_in(editor).post(
        ADD,
        {
            "country": world.al.pk,
            "requirement": world.strategy.pk,
            "status": Status.ADOPTED,
            "effective_on": "2018-07",
            "evidence": "Adopted.\r\n\tPublished in the gazette.",
            "source": world.source.pk,
            "opened_at": timezone.now().isoformat(),
        },
    )
    assert response.status_code == 302
    assert StatusChange.objects.get().evidence == "Adopted.\r\n\tPublished in the gazette."


def test_the_import_names_the_row_and_column_and_writes_nothing(editor, world):
    rows = [row(world), row(world, evidence="Adopted.\x0bIn force.")]
    preview = upload(logged_in(editor), as_csv(rows))
    errors = errors_by_row_and_column(preview)
    assert list(errors) == [(3, "evidence")]
    assert "U+000B" in errors[(3, "evidence")]
    assert not StatusChange.objects.exists()


def test_a_fixture_row_with_a_control_character_stops_the_load(world, tmp_path):
    path = tmp_path / "bad.json"
    rows = [
        {"model": "alignment.source", "fields": {"key": "good", "title": "A good one"}},
        {"model": "alignment.source", "fields": {"key": "bad", "title": "Gazette\x0bNo. 7"}},
    ]
    path.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(CommandError, match="title.*U\\+000B"):
        call_command("loaddata", str(path), verbosity=0)
    assert not Source.objects.filter(key__in=["good", "bad"]).exists()


def test_the_fields_own_rules_still_hold_beside_it():
    with pytest.raises(ValidationError) as raised:
        Source(key="long", title="T" * 401, url="https://example.org").full_clean()
    assert "at most 400 characters" in raised.value.message_dict["title"][0]
