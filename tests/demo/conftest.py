"""The demo dataset loaded once per test module, and helpers to read it."""

import datetime as dt
import importlib.util
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from alignment.models import StatusChange
from tests import factories

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# The Source the 2016 picture cites: the Office for Combating Drugs' news item.
SOURCE_DOCUMENT = "ocd-rs-2016-sarajevo-workshop"
WORKSHOP_DAY = dt.date(2016, 5, 26)
BENEFICIARIES = ["AL", "BA", "ME", "MK", "RS", "TR", "XK"]
EXPERTS = ["AT", "HR", "IE", "FI", "SE", "NL"]


# Loading validates every row, which takes seconds; once per module keeps the folder fast.
demo_in_module = factories.built_once_per_module(factories.demo)


@pytest.fixture
def demo(demo_in_module, db):
    """Overrides tests/conftest.py's `demo` (one load per test) for this folder."""


def split(full_code: str) -> tuple[str, str]:
    framework, code = full_code.split("/", 1)
    return framework, code


@pytest.fixture
def history(demo) -> Callable[[str, str], list[StatusChange]]:
    """Every approved change of one country on one requirement, oldest first."""

    def changes(country: str, full_code: str) -> list[StatusChange]:
        framework, code = split(full_code)
        rows = StatusChange.objects.approved().filter(
            country__code=country, requirement__framework__code=framework, requirement__code=code
        )
        return list(rows.select_related("source").order_by("effective_on", "id"))

    return changes


@pytest.fixture
def status_on(demo) -> Callable[[str, str, dt.date], StatusChange | None]:
    """The approved change in force for one country on one requirement on a day."""

    def in_force(country: str, full_code: str, day: dt.date) -> StatusChange | None:
        framework, code = split(full_code)
        rows = StatusChange.objects.approved().filter(
            country__code=country, requirement__framework__code=framework, requirement__code=code
        )
        return rows.as_of(day).select_related("source").first()

    return in_force


@pytest.fixture
def build_demo():
    spec = importlib.util.spec_from_file_location("build_demo", FIXTURES / "build_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def edited_sources(build_demo, tmp_path, monkeypatch):
    """A copy of fixtures/demo/ that a test may edit, read by the builder instead."""
    copy = tmp_path / "demo"
    shutil.copytree(FIXTURES / "demo", copy)
    monkeypatch.setattr(build_demo, "SOURCE_DIR", copy)
    return copy
