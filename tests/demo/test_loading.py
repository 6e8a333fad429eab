"""`manage.py loaddata demo` on a migrated database: what it loads, and loading it again."""

import datetime as dt
from collections import Counter

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from alignment.models import Assessment, Declaration, Framework, Source, StatusChange
from alignment.scoring import statuses_as_of
from countries.models import Country, FormerName, Institution
from workshops.models import Delegate, Participation, Recommendation, Workshop

ROWS_BY_MODEL = {
    Country: 13,
    FormerName: 1,
    Institution: 2,
    Source: 32,
    Framework: 5,
    StatusChange: 85,
    Declaration: 5,
    Workshop: 1,
    Participation: 13,
    Delegate: 1,
    Recommendation: 11,
}


def snapshot() -> dict[str, list[dict]]:
    """Every row of every table, many-to-many tables included, in primary-key order."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        # i10: the data version moves with every save, even of the same values: not data.
        if model._meta.label != "alignment.DataVersion"
    }


def test_the_fixture_loads_every_part_of_the_demo(demo):
    counts = {model: model.objects.count() for model in ROWS_BY_MODEL}

    assert counts == ROWS_BY_MODEL


def test_loading_the_demo_twice_changes_nothing(demo):
    before = snapshot()

    call_command("loaddata", "demo", verbosity=0)

    after = snapshot()
    changed = [label for label in before if before[label] != after[label]]
    assert changed == []
    assert len(after["alignment.Assessment"]) > 0


def test_assessments_hold_todays_status_of_every_pair_with_data(demo):
    today = statuses_as_of(timezone.localdate())
    assessments = {(a.country_id, a.requirement_id): a for a in Assessment.objects.all()}

    assert set(assessments) == set(today)
    for pair, assessment in assessments.items():
        assert (assessment.change_id, assessment.status) == (today[pair].pk, today[pair].status)


def test_every_status_change_is_approved_and_cites_a_titled_source(demo):
    changes = list(StatusChange.objects.select_related("source"))

    assert Counter(c.review_state for c in changes) == {"approved": len(changes)}
    assert all(c.source.title.strip() and c.evidence.strip() for c in changes)
    assert all(c.recorded_by_id is None and c.reviewed_by_id is None for c in changes)


def test_no_status_takes_effect_after_the_dataset_was_compiled(demo):
    compiled = StatusChange.objects.order_by().values_list("recorded_at", flat=True).distinct()

    assert len(compiled) == 1
    assert not StatusChange.objects.filter(effective_on__gt=compiled[0].date()).exists()
    assert compiled[0].date() <= dt.date.today()
