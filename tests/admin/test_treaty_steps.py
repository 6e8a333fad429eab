"""Issue 8 in the admin: a treaty's words on the record form, a warning before a step back."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from alignment.admin.spreadsheets import parse_status
from alignment.models import FrameworkKind, Requirement, Status, StatusChange, status_label
from tests import factories
from tests.admin.test_record_status import ADD, form


@pytest.fixture
def party(world):
    treaty = factories.framework("coe-cets-224", countries=[world.al], kind=FrameworkKind.PROTOCOL)
    requirement = factories.requirement(treaty, "party")
    # Signed on 2023-02-27 (Dutch treaty database).
    factories.change(world.al, requirement, Status.PENDING_ADOPTION, dt.date(2023, 2, 27))
    return requirement


def test_in_force_before_signed_is_refused_once_with_a_warning(editor_client, world, party):
    data = form(world, requirement=party.pk, status=Status.ALIGNED, effective_on="2022-01-01")

    response = editor_client.post(ADD, data)

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "In force on 2022-01-01 puts the treaty's steps out of order" in errors
    assert "Signed is recorded for 2023-02-27" in errors
    assert StatusChange.objects.filter(requirement=party).count() == 1  # nothing written


def test_confirmed_with_evidence_saying_why_it_is_recorded(editor_client, world, party):
    data = form(
        world,
        requirement=party.pk,
        status=Status.ALIGNED,
        effective_on="2022-01-01",
        evidence="Provisional application from 2022, before signature: see the note.",
        explained_out_of_order="on",
    )

    response = editor_client.post(ADD, data)

    assert response.status_code == 302
    assert StatusChange.objects.filter(requirement=party).count() == 2


def test_a_step_forwards_needs_no_confirmation(editor_client, world, party):
    data = form(world, requirement=party.pk, status=Status.ADOPTED, effective_on="2024-01-01")

    assert editor_client.post(ADD, data).status_code == 302


def test_the_add_form_gives_both_words_and_a_treaty_row_the_treatys(
    reviewer_client, editor_client, world, party
):
    add = editor_client.get(ADD).context["adminform"].form.fields["status"].choices
    assert ("pending_adoption", "Pending adoption (on a treaty: Signed)") in add

    row = StatusChange.objects.get(requirement=party)
    shown = reviewer_client.get(f"/admin/alignment/statuschange/{row.pk}/change/")
    assert shown.status_code == 200


def test_one_mapping_for_the_words(db):
    assert [status_label(s, FrameworkKind.TREATY) for s in Status.values] == [
        "Not signed",
        "Ratification in preparation",
        "Signed",
        "Ratified",
        "In force",
        "Not applicable",
    ]
    assert status_label(Status.ADOPTED, FrameworkKind.STRATEGY) == "Adopted"


def test_a_retired_treaty_code_is_refused_naming_it(world):
    treaty = factories.framework("coe-ets-999", kind=FrameworkKind.TREATY)

    with pytest.raises(ValidationError, match="“sign” is retired on treaties"):
        Requirement(framework=treaty, code="sign", title="Signature").full_clean()


@pytest.mark.parametrize(
    ("text", "code"),
    [("Signed", "pending_adoption"), ("ratified", "adopted"), ("In force", "aligned")],
)
def test_a_spreadsheet_may_name_a_status_in_the_treatys_words(text, code):
    assert parse_status(text) == code


def test_a_status_off_the_scale_is_refused_naming_it():
    with pytest.raises(ValueError, match="“signed-ish” is not on the status scale"):
        parse_status("signed-ish")
