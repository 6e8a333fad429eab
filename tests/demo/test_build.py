"""fixtures/build_demo.py: demo.json is the faithful, reproducible build of fixtures/demo/."""

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_rebuilding_gives_the_committed_demo_json_byte_for_byte(build_demo):
    committed = (FIXTURES / "demo.json").read_text(encoding="utf-8")
    assert build_demo.render() == committed, "run .venv/bin/python fixtures/build_demo.py"


def test_two_builds_are_identical(build_demo):
    assert build_demo.render() == build_demo.render()


def test_builder_refuses_a_status_on_a_framework_that_does_not_apply(build_demo, edited_sources):
    path = edited_sources / "statuses-2016.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('country = "AL"', 'country = "AT"', 1), encoding="utf-8")

    with pytest.raises(
        build_demo.BuildError,
        match=r"statuses-2016\.toml, change #1: "
        r"eu-ch24 does not apply to AT",
    ):
        build_demo.render()


def test_builder_refuses_an_unknown_source_key_naming_the_entry(build_demo, edited_sources):
    path = edited_sources / "statuses-treaties.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"coe-treaty-185-chart"', '"no-such-source"', 1), "utf-8")

    with pytest.raises(
        build_demo.BuildError,
        match=r"statuses-treaties\.toml, change #1: "
        r"unknown source 'no-such-source'",
    ):
        build_demo.render()


def test_builder_refuses_a_date_after_the_compile_date(build_demo, edited_sources):
    path = edited_sources / "statuses-strategies.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('on = "2018-09-15"', 'on = "2999-01"'), encoding="utf-8")

    with pytest.raises(build_demo.BuildError, match=r"2999-01 is after the compile date"):
        build_demo.render()


def test_builder_refuses_a_malformed_date(build_demo, edited_sources):
    path = edited_sources / "statuses-strategies.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('on = "2018-09-15"', 'on = "15.09.2018"'), encoding="utf-8")

    with pytest.raises(build_demo.BuildError, match=r"'15\.09\.2018' is not a date"):
        build_demo.render()
