"""Recording a status in the admin: proposed, by the editor, only for their own countries."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from alignment.models import Assessment, ReviewState, Status, StatusChange
from alignment.roles import EDITOR
from tests import factories
from tests.admin.conftest import logged_in, staff

ADD = "/admin/alignment/statuschange/add/"


def form(world, **changes) -> dict:
    data = {
        "country": world.al.pk,
        "requirement": world.strategy.pk,
        "status": Status.ADOPTED,
        "effective_on": "2018-07",
        "evidence": "Strategy adopted by the Council of Ministers.",
        "source": world.source.pk,
        "opened_at": timezone.now().isoformat(),
    }
    data.update(changes)
    return data


def test_editor_records_a_proposed_status_attributed_to_them(editor_client, editor, world):
    response = editor_client.post(ADD, form(world))

    assert response.status_code == 302
    change = StatusChange.objects.get()
    assert (change.country, change.requirement, change.status) == (
        world.al,
        world.strategy,
        Status.ADOPTED,
    )
    assert change.review_state == ReviewState.PROPOSED
    assert change.recorded_by == editor
    # Known only to the month: stored as the month's last day, at month precision.
    assert (change.effective_on, change.precision) == (dt.date(2018, 7, 31), "month")
    assert not Assessment.objects.exists()  # not public until a reviewer approves it
    assert LogEntry.objects.get().object_id == str(change.pk)


def test_the_add_form_offers_only_the_editors_countries(editor_client, world):
    response = editor_client.get(ADD)
    choices = [str(c) for c in response.context["adminform"].form.fields["country"].queryset]
    assert choices == ["Albania"]
    # With one country, it is chosen already.
    assert response.context["adminform"].form.initial["country"] == world.al.pk


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("effective_on", "July 2018", "is not a date"),
        ("effective_on", "2999-01-01", "is in the future"),
        ("status", "finished", "is not one of the available choices"),
        ("evidence", "", "This field is required"),
    ],
)
def test_bad_input_is_named_and_writes_nothing(editor_client, world, field, value, message):
    response = editor_client.post(ADD, form(world, **{field: value}))

    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors[field])
    assert not StatusChange.objects.exists()


def test_a_requirement_of_the_editors_other_country_is_refused_for_this_one(editor, world):
    # The editor records for AL and RS; coe-ets-189 applies to RS only.
    editor.editable_countries.add(world.rs)
    rs_only = factories.framework("coe-ets-189", countries=[world.rs])
    offences = factories.requirement(rs_only, "offences")

    response = logged_in(editor).post(ADD, form(world, requirement=offences.pk))

    assert response.status_code == 200
    errors = str(response.context["adminform"].form.errors["requirement"])
    assert "coe-ets-189 does not apply to AL" in errors
    assert not StatusChange.objects.exists()


def test_a_grouping_requirement_cannot_be_recorded_on(editor_client, world):
    group = factories.requirement(world.ch24, "cybercrime")
    world.strategy.parent = group
    world.strategy.save()

    response = editor_client.post(ADD, form(world, requirement=group.pk))

    assert response.status_code == 200
    assert "requirement" in response.context["adminform"].form.errors
    assert not StatusChange.objects.exists()


def test_crafted_post_for_another_country_is_forbidden(editor_client, world):
    response = editor_client.post(ADD, form(world, country=world.rs.pk))

    assert response.status_code == 403
    assert not StatusChange.objects.exists()


def test_crafted_post_for_another_countrys_requirement_is_forbidden(editor_client, world):
    # coe-ets-189 applies to RS only: its requirements are not the AL editor's.
    rs_only = factories.framework("coe-ets-189", countries=[world.rs])
    offences = factories.requirement(rs_only, "offences")

    response = editor_client.post(ADD, form(world, requirement=offences.pk))

    assert response.status_code == 403
    assert not StatusChange.objects.exists()


def test_reviewer_records_for_any_country_and_it_is_still_proposed(reviewer_client, world):
    response = reviewer_client.post(ADD, form(world, country=world.rs.pk))

    assert response.status_code == 302
    assert StatusChange.objects.get().review_state == ReviewState.PROPOSED


def test_a_staff_user_with_no_country_cannot_record(roles, world):
    nobody = staff("no-country", roles[EDITOR])
    client = logged_in(nobody)

    assert client.get(ADD).status_code == 403
    assert client.post(ADD, form(world)).status_code == 403
    assert not StatusChange.objects.exists()


def test_a_save_from_a_form_opened_before_someone_elses_record_is_refused_once(
    editor, roles, world
):
    colleague = staff("al-editor-2", roles[EDITOR], [world.al])
    first, second = logged_in(editor), logged_in(colleague)
    opened = second.get(ADD).context["adminform"].form["opened_at"].value()
    opened = opened.isoformat() if hasattr(opened, "isoformat") else opened

    assert first.post(ADD, form(world, status=Status.ADOPTED)).status_code == 302
    stale = second.post(ADD, form(world, status=Status.ALIGNED, opened_at=opened))

    assert stale.status_code == 200
    message = str(stale.context["adminform"].form.non_field_errors())
    assert "Since you opened this form" in message
    theirs = StatusChange.objects.get()
    assert f"/admin/alignment/statuschange/{theirs.pk}/change/" in message
    # Told once: the redrawn form counts from now, so saving again records theirs too.
    fresh = stale.context["adminform"].form["opened_at"].value()
    assert second.post(ADD, form(world, status=Status.ALIGNED, opened_at=fresh)).status_code == 302
    assert StatusChange.objects.count() == 2


def test_requirement_autocomplete_lists_only_leaves_the_editor_may_record_on(editor_client, world):
    rs_only = factories.framework("coe-ets-189", countries=[world.rs])
    factories.requirement(rs_only, "offences")
    group = factories.requirement(world.ch24, "cybercrime")
    world.law.parent = group
    world.law.save()

    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "alignment", "model_name": "statuschange", "field_name": "requirement"},
    )

    texts = sorted(item["text"] for item in response.json()["results"])
    assert texts == ["coe-ets-185/ratify", "eu-ch24/cybercrime-law", "eu-ch24/cybercrime-strategy"]
