import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from alignment.dates import Precision
from alignment.models import Assessment, ReviewState, Status, StatusChange
from alignment.services import NewSource, approve_change, record_status, return_change
from tests import factories


@pytest.fixture
def pair(db):
    al = factories.country("AL", "Albania")
    fw = factories.framework("eu-ch24", countries=[al])
    return al, factories.requirement(fw, "cybercrime-strategy")


def test_proposed_change_is_not_public_until_approved(pair):
    al, req = pair
    editor = factories.user("editor")
    change = factories.change(al, req, Status.PENDING_ADOPTION, approve=False, by=editor)

    assert change.review_state == ReviewState.PROPOSED
    assert not Assessment.objects.exists()

    reviewer = factories.user("reviewer")
    approve_change(change=change, reviewer=reviewer)

    change.refresh_from_db()
    assert change.review_state == ReviewState.APPROVED
    assert change.reviewed_by == reviewer
    assessment = Assessment.objects.get(country=al, requirement=req)
    assert (assessment.status, assessment.change_id) == (Status.PENDING_ADOPTION, change.pk)


def test_back_dated_approval_does_not_replace_a_later_status(pair):
    al, req = pair
    later = factories.change(al, req, Status.ADOPTED, on=dt.date(2018, 1, 1))
    earlier = factories.change(al, req, Status.NOT_ALIGNED, on=dt.date(2016, 1, 1))

    assessment = Assessment.objects.get(country=al, requirement=req)
    assert assessment.change_id == later.pk
    assert earlier.review_state == ReviewState.APPROVED
    assert StatusChange.objects.count() == 2


def test_correction_on_the_same_date_wins_by_recording_time(pair):
    al, req = pair
    factories.change(al, req, Status.NOT_ALIGNED, on=dt.date(2016, 5, 26))
    correction = factories.change(al, req, Status.IN_PREPARATION, on=dt.date(2016, 5, 26))

    assert Assessment.objects.get().change_id == correction.pk
    assert StatusChange.objects.count() == 2  # nothing overwritten


def test_a_settled_change_cannot_be_approved_or_returned_again(pair):
    al, req = pair
    change = factories.change(al, req, approve=False)
    reviewer = factories.user("reviewer")
    return_change(change=change, reviewer=reviewer, reason="Cite the gazette, please.")

    with pytest.raises(ValidationError, match="already returned"):
        approve_change(change=change, reviewer=reviewer)
    change.refresh_from_db()
    assert change.review_state == ReviewState.RETURNED
    assert change.review_note == "Cite the gazette, please."
    assert not Assessment.objects.exists()


def test_returning_needs_a_reason(pair):
    al, req = pair
    change = factories.change(al, req, approve=False)
    with pytest.raises(ValidationError, match="Say why"):
        return_change(change=change, reviewer=factories.user("r"), reason="  ")
    change.refresh_from_db()
    assert change.review_state == ReviewState.PROPOSED


def test_month_precision_is_stored_as_the_end_of_the_month(pair):
    al, req = pair
    change = factories.change(al, req, Status.ADOPTED, on=dt.date(2018, 7, 3), precision="month")
    assert change.effective_on == dt.date(2018, 7, 31)
    assert change.effective_display == "2018-07"


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("status", {"status": "halfway"}),
        ("precision", {"precision": "week"}),
        ("effective_on", {"on": timezone.localdate() + dt.timedelta(days=1)}),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(pair, field, kwargs):
    al, req = pair
    with pytest.raises(ValidationError) as error:
        factories.change(al, req, **kwargs)
    assert field in error.value.message_dict
    assert not StatusChange.objects.exists()


def test_year_not_yet_over_cannot_be_recorded_at_year_precision(pair, monkeypatch):
    al, req = pair
    factories.pin_today(monkeypatch, dt.date(2025, 12, 30))
    with pytest.raises(ValidationError, match="future"):
        factories.change(al, req, on=dt.date(2025, 1, 1), precision=Precision.YEAR)
    assert not StatusChange.objects.exists()
    factories.pin_today(monkeypatch, dt.date(2026, 1, 1))
    factories.change(al, req, on=dt.date(2025, 1, 1), precision=Precision.YEAR)
    assert StatusChange.objects.get().effective_on == dt.date(2025, 12, 31)


def test_a_framework_that_does_not_apply_to_the_country_is_refused(pair):
    _, req = pair
    at = factories.country("AT", "Austria")
    with pytest.raises(ValidationError, match="does not apply to AT"):
        factories.change(at, req)
    assert not StatusChange.objects.exists()


def test_record_status_needs_a_source(pair):
    al, req = pair
    with pytest.raises(ValidationError):
        record_status(
            country=al,
            requirement=req,
            status=Status.ADOPTED,
            effective_on=dt.date(2018, 1, 1),
            precision=Precision.DAY,
            evidence="",
            source=None,
            recorded_by=None,
        )
    assert not StatusChange.objects.exists()


def test_a_new_source_is_added_with_the_change_under_a_free_key(pair):
    al, req = pair
    factories.source("gazette-2018", title="Gazette 2018")

    change = record_status(
        country=al,
        requirement=req,
        status=Status.ADOPTED,
        effective_on=dt.date(2018, 7, 1),
        precision=Precision.MONTH,
        evidence="Published in the gazette.",
        source=NewSource(title="Gazette 2018", url="https://example.org/gazette"),
        recorded_by=None,
    )

    assert (change.source.key, change.source.url) == (
        "gazette-2018-2",
        "https://example.org/gazette",
    )


def test_a_bad_new_source_writes_nothing_and_is_named(pair):
    al, req = pair

    with pytest.raises(ValidationError) as raised:
        record_status(
            country=al,
            requirement=req,
            status=Status.ADOPTED,
            effective_on=dt.date(2018, 7, 1),
            precision=Precision.MONTH,
            evidence="Published in the gazette.",
            source=NewSource(title="Gazette", url="not an address"),
            recorded_by=None,
        )

    assert "source" in raised.value.message_dict
    assert not StatusChange.objects.exists()
