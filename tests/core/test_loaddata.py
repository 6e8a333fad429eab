"""The loaddata command refuses bad rows (issue 2, "Bad input") and writes nothing then.

Each bad fixture starts with a good row, a new Source, so the tests also show that rows
of the same fixture read before the bad one are not left behind.
"""

import datetime as dt
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from alignment.models import Assessment, Source, Status
from tests import factories

GOOD_SOURCE = {
    "model": "alignment.source",
    "fields": {"key": "from-the-fixture", "title": "A source the fixture brings"},
}


@pytest.fixture
def world(db):
    """Albania and Bosnia; fw-a applies to Albania only, fw-b to both."""
    albania = factories.country("AL", "Albania")
    bosnia = factories.country("BA", "Bosnia and Herzegovina")
    fw_a = factories.framework("fw-a", countries=[albania])
    fw_b = factories.framework("fw-b", countries=[albania, bosnia])
    factories.requirement(fw_a, "a.one")
    factories.requirement(fw_b, "b.only")
    factories.source("existing")


def change(**fields) -> dict:
    """A StatusChange row that loads cleanly unless a test overrides a field."""
    row = {
        "uid": "6f1c2a9e-3d7b-4c55-9a43-2f0d1b7e8c10",
        "country": ["AL"],
        "requirement": ["fw-a", "a.one"],
        "status": "not_aligned",
        "effective_on": "2016-05-26",
        "precision": "day",
        "evidence": "What the source says.",
        "source": ["existing"],
        "recorded_at": "2020-01-01T00:00:00Z",
        "review_state": "approved",
        "reviewed_at": "2020-01-01T00:00:00Z",
    }
    row.update(fields)
    return {"model": "alignment.statuschange", "fields": row}


def requirement(**fields) -> dict:
    row = {"framework": ["fw-a"], "code": "a.two", "title": "Another requirement"}
    row.update(fields)
    return {"model": "alignment.requirement", "fields": row}


def counts() -> dict[str, int]:
    """Rows per table, every model and many-to-many table included."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def load(tmp_path, *rows: dict) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([GOOD_SOURCE, *rows]), encoding="utf-8")
    call_command("loaddata", str(path), verbosity=0)


def tomorrow() -> str:
    return (timezone.localdate() + dt.timedelta(days=1)).isoformat()


def next_year() -> str:
    """A year not over on any day of this one, 31 December included."""
    today = timezone.localdate()
    return today.replace(year=today.year + 1, month=12, day=31).isoformat()


BAD_ROWS = {
    "unknown country code": (change(country=["QQ"]), ["country", "['QQ']"]),
    "requirement of another framework": (
        change(requirement=["fw-a", "b.only"]),
        ["requirement", "['fw-a', 'b.only']"],
    ),
    "framework that does not apply to the country": (
        change(country=["BA"]),
        ["requirement", "fw-a does not apply to BA"],
    ),
    "parent requirement in another framework": (
        requirement(parent=["fw-b", "b.only"]),
        ["parent", "belongs to another framework"],
    ),
    "parent requirement that exists nowhere": (
        requirement(parent=["fw-a", "missing"]),
        ["refers to a row that is neither in the database nor in the fixture", "missing"],
    ),
    "status outside the scale": (
        change(status="mostly_aligned"),
        ["status", "“mostly_aligned” is not on the status scale"],
    ),
    "effective date in the future": (change(effective_on=tomorrow()), ["is in the future"]),
    "year not yet over": (
        change(effective_on=next_year(), precision="year"),
        ["effective_on", "is in the future"],
    ),
    "malformed date": (change(effective_on="2018-13-45"), ["2018-13-45", "invalid date"]),
    "date in another format": (change(effective_on="15/09/2018"), ["15/09/2018", "YYYY-MM-DD"]),
    "day given with month precision": (
        change(effective_on="2018-07-15", precision="month"),
        ["effective_on", "must be the last day of the period (2018-07-31)"],
    ),
}


@pytest.mark.parametrize("case", BAD_ROWS, ids=list(BAD_ROWS))
def test_a_bad_row_is_refused_naming_the_row_and_the_problem(world, tmp_path, case):
    bad_row, expected = BAD_ROWS[case]
    before = counts()

    with pytest.raises(CommandError) as refused:
        load(tmp_path, bad_row)

    message = str(refused.value)
    assert "bad.json, row 2" in message
    for fragment in expected:
        assert fragment in message
    assert counts() == before
    assert not Source.objects.filter(key="from-the-fixture").exists()


def test_the_refusal_names_the_model_of_a_row_it_could_read(world, tmp_path):
    with pytest.raises(CommandError, match=r"row 2 \(alignment\.StatusChange “AL fw-a/a\.one"):
        load(tmp_path, change(status="mostly_aligned"))


def test_the_same_rows_without_the_bad_one_load_and_move_the_assessment(world, tmp_path):
    load(tmp_path, change(), requirement())

    assessment = Assessment.objects.get(country__code="AL", requirement__code="a.one")
    assert assessment.status == Status.NOT_ALIGNED
    assert Source.objects.filter(key="from-the-fixture").exists()


def test_loading_a_good_fixture_twice_changes_nothing(world, tmp_path):
    load(tmp_path, change(), requirement())
    before = {label: n for label, n in counts().items()}

    load(tmp_path, change(), requirement())

    assert counts() == before
