"""Two people edit the same thing: the later save, from a stale form, is refused with a
link to the current state, and the earlier save stands."""

import pytest
from django.contrib.auth.models import Group

from alignment.roles import REVIEWER
from common.admin_guards import VERSION_FIELD
from tests import factories
from tests.admin.conftest import logged_in, staff
from workshops.models import ParticipationRole


@pytest.fixture
def two_reviewers(reviewer):
    return logged_in(reviewer), logged_in(staff("reviewer-2", Group.objects.get(name=REVIEWER)))


def opened(client, url: str) -> dict:
    """The form as drawn for `client`: every field's initial value, and the version."""
    response = client.get(url)
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    data[VERSION_FIELD] = response.context["version_token"]
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value not in (None, False):
                    data[inline_form.add_prefix(name)] = str(value)
    return data


def test_the_later_save_of_a_requirement_is_refused_and_the_earlier_stands(two_reviewers, world):
    first, second = two_reviewers
    url = f"/admin/alignment/requirement/{world.strategy.pk}/change/"
    mine, theirs = opened(first, url), opened(second, url)

    saved = first.post(url, {**mine, "title_en": "National cybercrime strategy adopted"})
    refused = second.post(url, {**theirs, "title_en": "Cybercrime strategy in force"})

    assert saved.status_code == 302
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Your changes were not saved" in page
    assert f'href="{url}"' in page  # the current state
    assert "Cybercrime strategy in force" in page  # what they typed is not lost
    world.strategy.refresh_from_db()
    assert world.strategy.title == "National cybercrime strategy adopted"


def test_a_save_without_the_version_is_refused(reviewer_client, world):
    url = f"/admin/countries/country/{world.al.pk}/change/"
    data = opened(reviewer_client, url)
    del data[VERSION_FIELD]

    response = reviewer_client.post(url, {**data, "name_en": "Republic of Albania"})

    assert response.status_code == 409
    world.al.refresh_from_db()
    assert world.al.name == "Albania"


def test_a_many_to_many_change_makes_a_framework_form_stale(two_reviewers, world):
    first, second = two_reviewers
    url = f"/admin/alignment/framework/{world.ets.pk}/change/"
    mine, theirs = opened(first, url), opened(second, url)

    first.post(url, {**mine, "countries": [str(world.al.pk)]})
    refused = second.post(url, {**theirs, "title": "Budapest Convention"})

    assert refused.status_code == 409
    world.ets.refresh_from_db()
    assert list(world.ets.countries.all()) == [world.al]
    assert world.ets.title != "Budapest Convention"


def test_an_inline_change_makes_a_workshop_form_stale(two_reviewers, workshop):
    participation = workshop.participations.get()
    first, second = two_reviewers
    url = f"/admin/workshops/workshop/{workshop.pk}/change/"
    mine, theirs = opened(first, url), opened(second, url)

    prefix = "participations-0-role"
    assert first.post(url, {**mine, prefix: ParticipationRole.BENEFICIARY}).status_code == 302
    refused = second.post(url, {**theirs, "city": "Mostar"})

    assert refused.status_code == 409
    workshop.refresh_from_db()
    participation.refresh_from_db()
    assert (workshop.city, participation.role) == ("Sarajevo", ParticipationRole.BENEFICIARY)


def test_a_form_redrawn_after_an_error_keeps_the_version_first_seen(two_reviewers, world):
    first, second = two_reviewers
    url = f"/admin/alignment/source/{world.source.pk}/change/"
    mine = opened(first, url)

    invalid = first.post(url, {**mine, "title": ""})
    second.post(url, {**opened(second, url), "publisher": "Council of Europe"})
    refused = first.post(url, {**mine, VERSION_FIELD: invalid.context["version_token"]})

    assert invalid.status_code == 200 and invalid.context["version_token"] == mine[VERSION_FIELD]
    assert refused.status_code == 409
    world.source.refresh_from_db()
    assert world.source.publisher == "Council of Europe"


def test_a_save_from_a_current_form_goes_through(reviewer_client, world):
    source = factories.source("gazette", title="Official Gazette")
    url = f"/admin/alignment/source/{source.pk}/change/"

    response = reviewer_client.post(url, {**opened(reviewer_client, url), "language": "sq"})

    assert response.status_code == 302
    source.refresh_from_db()
    assert source.language == "sq"
