"""Small builders of test data in code (STYLE.md 12): one place, keyword arguments.

Every folder's data is built from these; data several tests share is built once per
module with built_once_per_module and handed to each test fresh.
"""

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models, transaction

from alignment.dates import Precision
from alignment.models import Framework, FrameworkKind, Requirement, Source, Status, StatusChange
from alignment.services import record_status
from countries.models import Country, EURelationship

_serial = itertools.count(1)


def country(code: str = "AL", name: str | None = None, **extra) -> Country:
    extra.setdefault("eu_relationship", EURelationship.CANDIDATE)
    obj, _ = Country.objects.get_or_create(code=code, defaults={"name": name or code, **extra})
    return obj


def source(key: str | None = None, **extra) -> Source:
    key = key or f"source-{next(_serial)}"
    extra.setdefault("title", f"Source {key}")
    extra.setdefault("url", f"https://example.org/{key}")
    obj, _ = Source.objects.get_or_create(key=key, defaults=extra)
    return obj


def framework(code: str = "fw", countries: list[Country] = (), **extra) -> Framework:
    extra.setdefault("title", f"Framework {code}")
    extra.setdefault("issuer", "Test issuer")
    extra.setdefault("kind", FrameworkKind.ACTION_PLAN)
    obj, _ = Framework.objects.get_or_create(code=code, defaults=extra)
    if countries:
        obj.countries.add(*countries)
    return obj


def requirement(
    fw: Framework, code: str, parent: Requirement | None = None, **extra
) -> Requirement:
    extra.setdefault("title", f"Requirement {code}")
    obj, _ = Requirement.objects.get_or_create(
        framework=fw, code=code, defaults={"parent": parent, **extra}
    )
    return obj


def user(username: str = "user", **extra):
    User = get_user_model()
    obj, _ = User.objects.get_or_create(username=username, defaults=extra)
    return obj


def change(
    c: Country,
    r: Requirement,
    status: str = Status.NOT_ALIGNED,
    on: dt.date = dt.date(2016, 5, 26),
    precision: str = Precision.DAY,
    approve: bool = True,
    by=None,
    src: Source | None = None,
    evidence: str = "test evidence",
) -> StatusChange:
    return record_status(
        country=c,
        requirement=r,
        status=status,
        effective_on=on,
        precision=precision,
        evidence=evidence,
        source=src or source(),
        recorded_by=by,
        approve=approve,
    )


def demo() -> None:
    """The demo dataset, loaded the way the README loads it."""
    call_command("loaddata", "demo", verbosity=0)


def built_once_per_module(build: Callable[[], object]):
    """A pytest fixture (module scope) of what `build()` writes, written once per module.

    The rows live in a transaction rolled back when the module's tests are done; each
    test still runs in its own savepoint (pytest-django's `db`), so what a test writes is
    gone for the next one. Every test of the module sees these rows, asked for or not.
    Hand tests `fresh(...)` of the value, not the value itself: a test that changes an
    object in memory then leaves the next one the database's.
    """

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            yield build()
            transaction.set_rollback(True)

    return fixture


def fresh(value):
    """`value` with every model instance in it read again from the database."""
    if isinstance(value, models.Model):
        return type(value)._default_manager.get(pk=value.pk)
    if isinstance(value, SimpleNamespace):
        return SimpleNamespace(**{name: fresh(item) for name, item in vars(value).items()})
    if dataclasses.is_dataclass(value):
        changes = {f.name: fresh(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    if isinstance(value, list | tuple):
        return type(value)(fresh(item) for item in value)
    return value
