"""Indicator values in the admin: scoped like statuses on every page and crafted POST."""

import pytest

from alignment.models import ReviewState
from alignment.roles import EDITOR
from indicators.models import IndicatorValue
from tests.factories import logged_in, staff
from tests.indicators.conftest import value


@pytest.fixture
def values(world, editor, rs_editor):
    return {
        "AL": value(world, world.al, approve=False, by=editor),
        "RS": value(world, world.rs, approve=False, by=rs_editor),
    }


def pages(row) -> list[str]:
    return [
        f"/admin/indicators/indicatorvalue/{row.pk}/change/",
        f"/admin/indicators/indicatorvalue/{row.pk}/history/",
    ]


def test_editor_opens_their_own_countrys_values(editor_client, values):
    for url in pages(values["AL"]):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert str(values["AL"]) in response.content.decode(), url


def test_editor_gets_404_for_another_countrys_values(editor_client, values):
    for url in pages(values["RS"]) + [
        f"/admin/indicators/indicatorvalue/{values['RS'].pk}/delete/"
    ]:
        assert editor_client.get(url).status_code == 404, url


def test_the_list_shows_the_editor_only_their_countrys_values(editor_client, values, world):
    response = editor_client.get(
        "/admin/indicators/indicatorvalue/", {"country__id__exact": world.rs.pk}
    )
    assert response.status_code == 200
    assert "RS" not in {v.country.code for v in response.context["cl"].result_list}
    listed = editor_client.get("/admin/indicators/indicatorvalue/").context["cl"].result_list
    assert [v.country.code for v in listed] == ["AL"]


def post_value(client, world, country, **extra):
    data = {
        "indicator": world.arrests.pk,
        "country": country.pk,
        "period": "2015",
        "value": "7",
        "not_reported_reason": "",
        "source": world.source.pk,
        "note": "",
        **extra,
    }
    return client.post("/admin/indicators/indicatorvalue/add/", data)


def test_editor_records_a_value_for_their_country_proposed(editor_client, editor, world):
    response = post_value(editor_client, world, world.al)
    assert response.status_code == 302
    row = IndicatorValue.objects.get()
    assert (row.country, row.period, row.value, row.review_state, row.recorded_by) == (
        world.al,
        "2015",
        7,
        ReviewState.PROPOSED,
        editor,
    )


def test_a_crafted_post_for_another_country_is_403_and_writes_nothing(editor_client, world):
    response = post_value(editor_client, world, world.rs)
    assert response.status_code == 403
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"value": "-3"}, "A count cannot be negative."),
        ({"period": "2016-13"}, "is not a period"),
        ({"period": "2999"}, "is not over yet"),
        ({"value": ""}, "Give a number, or say why it was not reported."),
    ],
)
def test_bad_values_in_the_form_are_refused_with_the_reason(editor_client, world, extra, message):
    response = post_value(editor_client, world, world.al, **extra)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_an_editor_cannot_approve_even_by_crafted_post(editor_client, values):
    response = editor_client.post(
        "/admin/indicators/indicatorvalue/",
        {"action": "approve_selected", "_selected_action": [values["AL"].pk], "index": 0},
    )
    assert response.status_code == 403
    assert IndicatorValue.objects.filter(review_state=ReviewState.APPROVED).count() == 0


def test_a_selection_with_another_countrys_value_is_refused(rs_editor, values):
    response = logged_in(rs_editor).post(
        "/admin/indicators/indicatorvalue/",
        {"action": "approve_selected", "_selected_action": [values["AL"].pk], "index": 0},
    )
    assert response.status_code == 403


def test_reviewer_approves_and_returns_with_a_reason(reviewer_client, values, reviewer):
    response = reviewer_client.post(
        "/admin/indicators/indicatorvalue/",
        {"action": "approve_selected", "_selected_action": [values["AL"].pk], "index": 0},
    )
    assert response.status_code == 302
    response = reviewer_client.post(
        "/admin/indicators/indicatorvalue/",
        {
            "action": "return_selected",
            "_selected_action": [values["RS"].pk],
            "reason": "Source?",
            "index": 0,
        },
    )
    assert response.status_code == 302
    states = dict(IndicatorValue.objects.values_list("country__code", "review_state"))
    assert states == {"AL": ReviewState.APPROVED, "RS": ReviewState.RETURNED}


def test_nobody_changes_or_deletes_a_value(reviewer_client, values):
    row = values["AL"]
    response = reviewer_client.post(
        f"/admin/indicators/indicatorvalue/{row.pk}/change/", {"value": "999"}
    )
    assert response.status_code == 403
    response = reviewer_client.post(
        f"/admin/indicators/indicatorvalue/{row.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.value == 12


def test_the_add_form_offers_only_the_editors_countries_and_typed_indicators(editor_client):
    form = editor_client.get("/admin/indicators/indicatorvalue/add/").context["adminform"].form
    assert [c.code for c in form.fields["country"].queryset] == ["AL"]
    assert [i.code for i in form.fields["indicator"].queryset] == ["arrests"]


def test_someone_who_records_for_no_country_gets_no_template(roles, world):
    nobody = logged_in(staff("no-country", roles[EDITOR], []))
    assert nobody.get("/admin/indicators/indicatorvalue/template/").status_code == 403
    assert nobody.get("/admin/indicators/indicatorvalue/add/").status_code == 403
