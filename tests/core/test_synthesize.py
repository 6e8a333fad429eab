import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from alignment.models import Assessment, Framework, Requirement, ReviewState, StatusChange
from countries.models import Country


def snapshot() -> list[tuple]:
    return list(
        StatusChange.objects.order_by("id").values_list(
            "country__name",
            "requirement__code",
            "status",
            "effective_on",
            "precision",
            "review_state",
        )
    )


def test_synthesize_builds_labelled_data_of_the_asked_size(db, capsys):
    call_command("synthesize", countries=3, requirements=250, changes=2, seed=7)

    assert Country.objects.filter(name__startswith="Synthetic country").count() == 3
    frameworks = Framework.objects.filter(synthetic=True)
    assert sorted(frameworks.values_list("code", flat=True)) == ["synthetic-01", "synthetic-02"]
    assert not Framework.objects.public().exists()
    assert Requirement.objects.leaves().count() == 250
    assert StatusChange.objects.count() == 3 * 250 * 2
    assert set(StatusChange.objects.values_list("source__key", flat=True)) == {
        "synthetic-benchmark-data"
    }
    assert StatusChange.objects.filter(effective_on__gt=timezone.localdate()).count() == 0
    assert "rows/s" in capsys.readouterr().out


def test_synthesize_is_reproducible_with_a_seed(db):
    with transaction.atomic():
        call_command("synthesize", countries=2, requirements=30, changes=4, seed=3, verbosity=0)
        first = snapshot()
        transaction.set_rollback(True)
    call_command("synthesize", countries=2, requirements=30, changes=4, seed=3, verbosity=0)
    assert snapshot() == first


def test_synthetic_assessments_agree_with_the_as_of_query(db):
    call_command("synthesize", countries=3, requirements=40, changes=5, seed=11, verbosity=0)

    ranked = StatusChange.objects.approved().as_of(timezone.localdate())
    kept = {(a.country_id, a.requirement_id): a.change_id for a in Assessment.objects.all()}

    assert kept == {(c.country_id, c.requirement_id): c.pk for c in ranked}
    assert StatusChange.objects.exclude(review_state=ReviewState.APPROVED).exists()


def test_synthesize_refuses_a_size_below_one(db):
    with pytest.raises(CommandError, match="--changes must be at least 1"):
        call_command("synthesize", countries=1, requirements=1, changes=0)
    assert not Country.objects.exists()


def test_synthetic_dates_respect_their_precision(db):
    call_command("synthesize", countries=1, requirements=60, changes=5, seed=5, verbosity=0)
    for change in StatusChange.objects.exclude(precision="day"):
        end = change.effective_on + dt.timedelta(days=1)
        assert end.day == 1 and (change.precision == "month" or end.month == 1)
