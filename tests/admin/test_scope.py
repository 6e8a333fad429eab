"""Every admin page that carries a country: an editor reaches their own country's objects
and gets a 404 or 403 for another's, by URL or by crafted POST, and nothing changes."""

import pytest
from django.contrib.admin.models import LogEntry

from alignment.models import Assessment, Status, StatusChange
from countries.models import Institution, InstitutionKind
from tests import factories
from tests.admin.conftest import logged_in
from workshops.models import Delegate, Workshop


@pytest.fixture
def records(world, editor, rs_editor):
    """An approved and a proposed change for AL and for RS."""
    return {
        code: {
            "approved": factories.change(country, world.strategy, approve=True),
            "proposed": factories.change(
                country, world.law, status=Status.ADOPTED, approve=False, by=user
            ),
        }
        for code, country, user in [("AL", world.al, editor), ("RS", world.rs, rs_editor)]
    }


def admin_urls(records, world, code: str) -> list[str]:
    change = records[code]["approved"]
    country = change.country
    assessment = Assessment.objects.get(country=country, requirement=world.strategy)
    return [
        f"/admin/alignment/statuschange/{change.pk}/change/",
        f"/admin/alignment/statuschange/{change.pk}/history/",
        f"/admin/alignment/assessment/{assessment.pk}/change/",
        f"/admin/alignment/assessment/{assessment.pk}/history/",
        f"/admin/countries/country/{country.pk}/change/",
        f"/admin/countries/country/{country.pk}/history/",
    ]


def country_shown(response) -> str:
    """The code of the country whose row (or whose own page) an admin page shows."""
    shown = response.context.get("original") or response.context["object"]
    return getattr(shown, "country", shown).code


def test_editor_opens_their_own_countrys_pages(editor_client, records, world):
    for url in admin_urls(records, world, "AL"):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert country_shown(response) == "AL", url


def test_editor_gets_404_for_another_countrys_pages(editor_client, records, world):
    for url in admin_urls(records, world, "RS"):
        response = editor_client.get(url)
        assert response.status_code == 404, url


def test_reviewer_opens_every_countrys_pages(reviewer_client, records, world):
    for code in ["AL", "RS"]:
        for url in admin_urls(records, world, code):
            response = reviewer_client.get(url)
            assert response.status_code == 200, url
            assert country_shown(response) == code, url


def test_lists_show_the_editor_only_their_countrys_rows(editor_client, records, world):
    changes = editor_client.get("/admin/alignment/statuschange/").context["cl"].result_list
    assessments = editor_client.get("/admin/alignment/assessment/").context["cl"].result_list
    countries = editor_client.get("/admin/countries/country/").context["cl"].result_list

    assert {c.country.code for c in changes} == {"AL"} and len(changes) == 2
    assert [a.country.code for a in assessments] == ["AL"]
    assert [c.code for c in countries] == ["AL"]


def test_a_crafted_filter_for_another_country_shows_none_of_its_rows(editor_client, records, world):
    response = editor_client.get(
        "/admin/alignment/statuschange/", {"country__id__exact": world.rs.pk}
    )
    assert response.status_code == 200
    assert "RS" not in {c.country.code for c in response.context["cl"].result_list}


def test_the_country_filter_names_only_the_editors_countries(editor, records, world):
    editor.editable_countries.add(world.at)
    response = logged_in(editor).get("/admin/alignment/statuschange/")
    country_filter = next(f for f in response.context["cl"].filter_specs if f.title == "country")
    assert [label for _, label in country_filter.lookup_choices] == ["AL Albania", "AT Austria"]


def test_requirements_and_frameworks_of_other_countries_are_hidden(editor_client, world):
    rs_only = factories.framework("coe-ets-189", countries=[world.rs])
    offences = factories.requirement(rs_only, "offences")

    requirements = editor_client.get("/admin/alignment/requirement/").context["cl"].result_list
    frameworks = editor_client.get("/admin/alignment/framework/").context["cl"].result_list

    assert offences not in list(requirements) and world.strategy in list(requirements)
    assert [f.code for f in frameworks] == ["coe-ets-185", "eu-ch24"]
    assert (
        editor_client.get(f"/admin/alignment/requirement/{offences.pk}/change/").status_code == 404
    )


def test_a_requirement_page_shows_the_editor_only_their_countrys_history(
    editor_client, reviewer_client, records, world
):
    url = f"/admin/alignment/requirement/{world.strategy.pk}/change/"
    editor_history = editor_client.get(url).context["status_history"]
    reviewer_history = reviewer_client.get(url).context["status_history"]

    assert {e.change.country.code for e in editor_history} == {"AL"}
    assert {e.change.country.code for e in reviewer_history} == {"AL", "RS"}


def test_editor_cannot_edit_a_country(editor_client, world):
    response = editor_client.post(
        f"/admin/countries/country/{world.al.pk}/change/",
        {"code": "AL", "name": "Renamed", "eu_relationship": "candidate"},
    )
    assert response.status_code == 403
    world.al.refresh_from_db()
    assert world.al.name == "Albania"


def test_crafted_export_of_another_countrys_records_is_forbidden(editor_client, records):
    other = records["RS"]["approved"]
    response = editor_client.post(
        "/admin/alignment/statuschange/",
        {"action": "export_admin_action", "_selected_action": [other.pk], "index": 0},
    )
    assert response.status_code == 403


def test_crafted_selection_that_is_not_an_id_is_a_bad_request(reviewer_client, records):
    response = reviewer_client.post(
        "/admin/alignment/statuschange/",
        {"action": "approve_selected", "_selected_action": ["1;drop"], "index": 0},
    )
    assert response.status_code == 400
    assert StatusChange.objects.filter(review_state="proposed").count() == 2


@pytest.fixture
def workshop_world(world, workshop):
    institution = Institution.objects.create(
        country=world.al, name="Ministry of Interior", kind=InstitutionKind.MINISTRY
    )
    participation = workshop.participations.get()
    delegate = factories.delegate(workshop, world.al, "A delegate")
    recommendation = factories.recommendation(workshop, "C1", "Adopt it.", country=world.al)
    return [
        ("countries", "institution", institution),
        ("workshops", "workshop", workshop),
        ("workshops", "participation", participation),
        ("workshops", "delegate", delegate),
        ("workshops", "recommendation", recommendation),
    ]


def test_editors_have_no_access_to_reference_data_pages(editor_client, workshop_world):
    for app, model, obj in workshop_world:
        base = f"/admin/{app}/{model}/"
        for url in (base, f"{base}add/", f"{base}{obj.pk}/change/"):
            assert editor_client.get(url).status_code == 403, url
        assert editor_client.post(f"{base}{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Workshop.objects.count() == 1 and Institution.objects.count() == 1


def test_reviewers_open_reference_data_pages_but_delete_nothing(reviewer_client, workshop_world):
    for app, model, obj in workshop_world:
        base = f"/admin/{app}/{model}/"
        for url in (base, f"{base}add/", f"{base}{obj.pk}/change/"):
            assert reviewer_client.get(url).status_code == 200, url
        assert reviewer_client.post(f"{base}{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Delegate.objects.count() == 1


def test_admin_history_lists_only_what_the_user_may_see(editor_client, records, world):
    # Django's own history page of a record is reached through get_object: scoped too.
    other = records["RS"]["approved"]
    LogEntry.objects.log_actions(records["RS"]["proposed"].recorded_by.pk, [other], 1)
    assert (
        editor_client.get(f"/admin/alignment/statuschange/{other.pk}/history/").status_code == 404
    )
