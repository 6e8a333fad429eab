"""IndicatorValue's rules: a number or a reason, never a blank; what an indicator covers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from alignment.models import ReviewState
from indicators.models import IndicatorValue
from indicators.services import approve_value, record_value, return_value
from tests import factories
from tests.indicators.conftest import value


def test_a_blank_value_cannot_be_stored_even_past_the_models_rules(world):
    row = IndicatorValue(
        indicator=world.arrests,
        country=world.al,
        period_start=dt.date(2016, 1, 1),
        period_end=dt.date(2016, 12, 31),
        source=world.source,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()  # no number and no reason: the database refuses it
    assert not IndicatorValue.objects.exists()


def test_a_number_with_a_reason_cannot_be_stored(world):
    row = IndicatorValue(
        indicator=world.arrests,
        country=world.al,
        period_start=dt.date(2016, 1, 1),
        period_end=dt.date(2016, 12, 31),
        source=world.source,
        value=Decimal(3),
        not_reported_reason="not collected",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_not_reported_is_stored_with_its_reason_and_shown_as_such(world):
    row = value(world, world.al, number=None, not_reported_reason="Not collected in 2016.")
    assert row.value is None and row.display == "not reported"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"value": Decimal(-1)}, "value", "A count cannot be negative."),
        ({"value": Decimal("2.5")}, "value", "A count is a whole number."),
        ({"country": "at"}, "country", "arrests does not cover AT."),
        ({"period": (2009,)}, "period_start", "arrests does not cover 2009."),
        ({"value": None}, "value", "Give a number, or say why it was not reported."),
    ],
)
def test_bad_values_are_refused_naming_the_problem(world, changes, field, message):
    kwargs = {
        "indicator": world.arrests,
        "country": world.al,
        "period_start": dt.date(2016, 1, 1),
        "period_end": dt.date(2016, 12, 31),
        "value": Decimal(3),
        "source": world.source,
        "recorded_by": None,
    }
    if changes.get("country") == "at":
        kwargs["country"] = world.at
    elif "period" in changes:
        year = changes["period"][0]
        kwargs["period_start"], kwargs["period_end"] = dt.date(year, 1, 1), dt.date(year, 12, 31)
    else:
        kwargs.update(changes)
    with pytest.raises(ValidationError) as error:
        record_value(**kwargs)
    assert message in error.value.message_dict[field]
    assert not IndicatorValue.objects.exists()


def test_a_period_not_over_yet_is_refused(world, monkeypatch):
    factories.pin_today(monkeypatch, dt.date(2025, 12, 30))
    with pytest.raises(ValidationError) as error:
        value(world, world.al, period=(2025,))
    assert "is not over yet" in " ".join(error.value.message_dict["period_start"])
    assert not IndicatorValue.objects.exists()
    factories.pin_today(monkeypatch, dt.date(2026, 1, 1))
    assert value(world, world.al, period=(2025,)).period == "2025"


def test_a_derived_indicator_takes_no_typed_value(world):
    with pytest.raises(ValidationError) as error:
        value(world, world.al, indicator=world.initiatives)
    assert "counted from the tracker's events" in error.value.message_dict["indicator"][0]


def test_a_correction_is_a_new_row_and_the_latest_approved_is_in_force(world, db):
    first = value(world, world.al, number="12")
    correction = value(world, world.al, number="14")
    proposed = value(world, world.al, number="99", approve=False)
    assert IndicatorValue.objects.count() == 3
    first.refresh_from_db()
    assert first.value == 12  # nothing overwritten
    in_force = list(IndicatorValue.objects.in_force(dt.date.today()))
    assert [row.pk for row in in_force] == [correction.pk]
    assert proposed.review_state == ReviewState.PROPOSED


def test_review_settles_a_proposed_value_once(world, reviewer):
    row = value(world, world.al, approve=False)
    approve_value(value=row, reviewer=reviewer)
    with pytest.raises(ValidationError):
        return_value(value=row, reviewer=reviewer, reason="late")
    row.refresh_from_db()
    assert row.review_state == ReviewState.APPROVED and row.reviewed_by == reviewer


def test_returning_needs_a_reason(world, reviewer):
    row = value(world, world.al, approve=False)
    with pytest.raises(ValidationError):
        return_value(value=row, reviewer=reviewer, reason="  ")
    row.refresh_from_db()
    assert row.review_state == ReviewState.PROPOSED
