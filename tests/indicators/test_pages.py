"""The indicator page, the indicators sections of country and requirement pages, the tag."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone

from tests import factories
from tests.indicators.conftest import value
from workshops.models import ParticipationRole


@pytest.fixture
def data(world):
    value(world, world.al, period=(2014,), number="9")
    value(world, world.al, period=(2015,), number="12")
    value(world, world.rs, period=(2015,), number=None, not_reported_reason="Not collected.")


def test_indicator_page_draws_a_panel_per_country_with_the_table_and_requirements(
    client, data, world
):
    response = client.get("/indicators/arrests/")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('<svg class="small-multiple"') == 2  # AL and RS; AT is not covered
    assert 'data-country="AT"' not in body
    al_panel = body.split('data-country="AL"', 1)[1].split("</svg>", 1)[0]
    assert al_panel.count("<rect") == 2 and "2014: 9" in al_panel and "2015: 12" in al_panel
    rs_panel = body.split('<svg class="small-multiple"', 3)[2].split("</svg>", 1)[0]
    assert "<circle" in rs_panel and "2015: not reported" in rs_panel
    assert 'data-country="RS" data-period="2015"' in body and "Not collected." in body
    assert world.online.get_absolute_url() in body  # what it measures
    assert "/export/indicators.csv?indicator=arrests" in body


def test_as_of_a_past_day_shows_no_value_recorded_after_it(client, data):
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    body = client.get("/indicators/arrests/", {"as_of": yesterday}).content.decode()
    assert "No data: no value in force on this date." in body
    assert "<rect" not in body


def test_an_unknown_indicator_is_a_404_naming_it(client, world):
    response = client.get("/indicators/nope/")
    assert response.status_code == 404


def test_bad_as_of_is_a_400(client, world):
    assert client.get("/indicators/arrests/", {"as_of": "2016-02-30"}).status_code == 400


def test_country_page_has_an_indicators_section_with_its_own_values(client, data, world):
    body = client.get(world.al.get_absolute_url()).content.decode()
    section = body.split('id="indicators"', 1)[1].split("</section>", 1)[0]
    assert 'data-indicator="arrests"' in section and 'data-indicator="initiatives"' in section
    assert 'data-country="AL" data-period="2015"' in section
    assert 'data-country="RS"' not in section


def test_requirement_page_shows_the_indicators_that_measure_it(client, data, world):
    body = client.get(world.online.get_absolute_url()).content.decode()
    section = body.split('id="indicators"', 1)[1].split("</section>", 1)[0]
    assert 'data-indicator="arrests"' in section and "initiatives" not in section
    assert 'data-country="RS" data-period="2015"' in section
    other = client.get(world.cross.get_absolute_url()).content.decode()
    assert 'data-indicator="initiatives"' in other


def test_the_overview_tag_gives_the_latest_period_in_force(data, world):
    template = Template(
        "{% load indicator_tags %}{% latest_indicator_value 'arrests' country day as r %}"
        "{{ r.period }}={{ r.display }}"
    )
    today = timezone.localdate()
    assert template.render(Context({"country": world.al, "day": today})) == "2015=12"
    yesterday = today - dt.timedelta(days=1)
    assert template.render(Context({"country": world.al, "day": yesterday})) == "="


@pytest.fixture
def busy(world, data):
    for n in range(6):
        factories.workshop(
            f"w{n}",
            starts_on=dt.date(2010 + n, 3, 1),
            ends_on=dt.date(2010 + n, 3, 2),
            city="Skopje",
            host=world.al,
            source=world.source,
            taking_part={c: ParticipationRole.HOST for c in (world.al, world.rs, world.at)},
        )


def test_indicator_page_runs_a_fixed_number_of_queries(client, busy, django_assert_num_queries):
    # 1 the indicator with framework and source, 2 its requirements, 3 the countries it
    # covers, 4 the same through the readings' coverage, 5 the participations with
    # workshops and countries.
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(5 + 1):
        body = client.get("/indicators/initiatives/").content.decode()
    assert body.count('<svg class="small-multiple"') == 2
    assert body.count("data-period=") >= 12


def test_latest_by_country_reads_a_whole_matrix_at_once(data, world, django_assert_num_queries):
    from indicators.readings import latest_by_country

    # 1 the countries the indicator covers, 2 the typed values in force.
    with django_assert_num_queries(2):
        found = latest_by_country(world.arrests, timezone.localdate())
    assert {world.al.pk: "2015", world.rs.pk: "2015"} == {k: r.period for k, r in found.items()}
    assert found[world.rs.pk].display == "not reported"
