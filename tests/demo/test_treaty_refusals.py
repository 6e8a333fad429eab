"""Bad treaty input is refused with a message naming the row, and nothing is written."""

import json

import pytest
from django.core.management import CommandError, call_command

from alignment.models import Requirement, StatusChange
from tests.demo.test_loading import snapshot


def old_fixture(tmp_path, rows: list[dict]):
    path = tmp_path / "old.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    return str(path)


def test_loaddata_refuses_a_fixture_still_naming_sign_and_leaves_the_database(demo, tmp_path):
    before = snapshot()
    fixture = old_fixture(
        tmp_path,
        [
            {
                "model": "alignment.requirement",
                "fields": {
                    "framework": ["coe-ets-185"],
                    "code": "sign",
                    "parent": None,
                    "position": 9,
                    "title": "Signature",
                    "text": "",
                    "deadline": None,
                    "updated_at": "2026-11-28T00:00:00Z",
                    "themes": [],
                },
            }
        ],
    )

    with pytest.raises(CommandError, match=r"row 1 .*“sign” is retired on treaties"):
        call_command("loaddata", fixture, verbosity=0)

    assert snapshot() == before
    assert not Requirement.objects.filter(code="sign").exists()


def test_loaddata_refuses_a_status_off_the_scale_naming_the_row(demo, tmp_path):
    count = StatusChange.objects.count()
    fixture = old_fixture(
        tmp_path,
        [
            {
                "model": "alignment.statuschange",
                "fields": {
                    "uid": "00000000-0000-4000-8000-000000000008",
                    "country": ["RS"],
                    "requirement": ["coe-cets-224", "party"],
                    "status": "ratified",
                    "effective_on": "2023-02-09",
                    "precision": "day",
                    "evidence": "x",
                    "source": ["verdragenbank-013833"],
                    "recorded_by": None,
                    "recorded_at": "2026-11-28T00:00:00Z",
                    "review_state": "approved",
                    "reviewed_by": None,
                    "reviewed_at": "2026-11-28T00:00:00Z",
                    "review_note": "",
                },
            }
        ],
    )

    with pytest.raises(CommandError, match=r"row 1 .*ratified"):
        call_command("loaddata", fixture, verbosity=0)
    assert StatusChange.objects.count() == count


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "statuses-treaties.toml",
            'requirement = "coe-ets-185/party"',
            'requirement = "coe-ets-185/sign"',
            r"statuses-treaties\.toml, change #1: coe-ets-185/sign is retired",
        ),
        (
            "frameworks.toml",
            'code = "party"',
            'code = "ratify"',
            r"frameworks\.toml, framework #3, requirement #1: coe-ets-185/ratify is retired",
        ),
        (
            "frameworks.toml",
            'kind = "treaty"',
            'kind = "convention"',
            r"frameworks\.toml, framework #3: unknown framework kind 'convention'",
        ),
        (
            "statuses-treaties.toml",
            'status = "adopted"',
            'status = "ratified"',
            r"statuses-treaties\.toml, change #2: status 'ratified' is not on the status scale",
        ),
    ],
)
def test_builder_refuses_old_treaty_codes_unknown_kinds_and_statuses(
    build_demo, edited_sources, file, old, new, message
):
    path = edited_sources / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    with pytest.raises(build_demo.BuildError, match=message):
        build_demo.render()
