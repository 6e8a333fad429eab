"""Joint and cross-border initiatives counted from the tracker's events, by hand.

Events (hand-counted below):
    w1 2016-05-25..26  AL beneficiary, RS beneficiary, AT expert
    w2 2016-10-10..12  AL host
    w3 2017-03-01..02  RS beneficiary
    w4 2017-12-30..31  AL beneficiary
AT takes part but eu-dap does not cover it: never counted.
"""

import datetime as dt

import pytest

from indicators.readings import readings
from tests import factories
from workshops.models import Participation, ParticipationRole

D = dt.date


@pytest.fixture
def events(world):
    def workshop(slug, starts, ends, *taking_part):
        return factories.workshop(
            slug,
            starts_on=starts,
            ends_on=ends,
            host=world.al,
            source=world.source,
            taking_part=dict(taking_part),
        )

    b, h, e = ParticipationRole.BENEFICIARY, ParticipationRole.HOST, ParticipationRole.EXPERT
    return {
        "w1": workshop(
            "w1", D(2016, 5, 25), D(2016, 5, 26), (world.al, b), (world.rs, b), (world.at, e)
        ),
        "w2": workshop("w2", D(2016, 10, 10), D(2016, 10, 12), (world.al, h)),
        "w3": workshop("w3", D(2017, 3, 1), D(2017, 3, 2), (world.rs, b)),
        "w4": workshop("w4", D(2017, 12, 30), D(2017, 12, 31), (world.al, b)),
    }


def counts(world, day):
    return {
        (r.country.code, r.period): (r.value, [e.slug for e in r.events])
        for r in readings([world.initiatives], day)
    }


def test_counts_per_country_and_year_match_the_hand_count(world, events):
    assert counts(world, D(2018, 1, 1)) == {
        ("AL", "2016"): (2, ["w1", "w2"]),
        ("AL", "2017"): (1, ["w4"]),
        ("RS", "2016"): (1, ["w1"]),
        ("RS", "2017"): (1, ["w3"]),
    }


def test_an_event_not_over_by_the_day_is_not_counted(world, events):
    assert counts(world, D(2016, 5, 25)) == {}
    assert counts(world, D(2016, 5, 26)) == {
        ("AL", "2016"): (1, ["w1"]),
        ("RS", "2016"): (1, ["w1"]),
    }
    assert ("AL", "2017") not in counts(world, D(2017, 12, 30))


def test_counts_follow_a_change_to_the_events_at_once(world, events):
    Participation.objects.filter(workshop=events["w2"], country=world.al).delete()
    events["w3"].starts_on, events["w3"].ends_on = D(2016, 11, 1), D(2016, 11, 2)
    events["w3"].save()
    assert counts(world, D(2018, 1, 1)) == {
        ("AL", "2016"): (1, ["w1"]),
        ("AL", "2017"): (1, ["w4"]),
        ("RS", "2016"): (2, ["w1", "w3"]),
    }


def test_a_year_with_no_event_has_no_value_not_zero(world, events):
    assert ("RS", "2018") not in counts(world, D(2019, 1, 1))
    assert all(value > 0 for value, _ in counts(world, D(2019, 1, 1)).values())


def test_the_indicator_page_says_derived_and_links_the_events_counted(client, world, events):
    response = client.get(world.initiatives.get_absolute_url(), {"as_of": "2018-01-01"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="derived-note"' in body and "derived, not typed" in body
    for slug in ["w1", "w2", "w3", "w4"]:
        assert f'href="/workshops/{slug}/"' in body
    row = 'data-country="AL" data-period="2016"'
    assert row in body
    cell = body.split(row, 1)[1].split("</tr>", 1)[0]
    assert '<td class="num">2' in cell and "/workshops/w1/" in cell and "/workshops/w2/" in cell
