"""Small builders of test data in code (STYLE.md 12): one place, keyword arguments.

Every folder's data is built from these (the worlds several tests share are in
tests/world.py); data several tests share is built once per module with
built_once_per_module and handed to each test fresh.
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
from django.test import Client

from alignment.dates import Precision
from alignment.models import Framework, FrameworkKind, Requirement, Source, Status, StatusChange
from alignment.services import record_status
from countries.models import Country, EURelationship
from workshops.models import Delegate, Participation, Recommendation, Workshop, WorkshopKind

_serial = itertools.count(1)

# The countries the worlds share, one definition each: name and relationship to the EU.
COUNTRIES = {
    "AL": ("Albania", EURelationship.CANDIDATE),
    "RS": ("Serbia", EURelationship.CANDIDATE),
    "BA": ("Bosnia and Herzegovina", EURelationship.POTENTIAL_CANDIDATE),
    "AT": ("Austria", EURelationship.MEMBER_STATE),
}


def country(code: str = "AL", name: str | None = None, **extra) -> Country:
    """A country; one of COUNTRIES gets its name and relationship unless told otherwise."""
    known_name, relationship = COUNTRIES.get(code, (code, EURelationship.CANDIDATE))
    extra.setdefault("eu_relationship", relationship)
    obj, _ = Country.objects.get_or_create(
        code=code, defaults={"name": name or known_name, **extra}
    )
    return obj


def countries(*codes: str) -> list[Country]:
    return [country(code) for code in codes]


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


def staff(username: str, group, countries=(), **extra):
    """A staff user in `group` (a role of alignment.roles) who records for `countries`."""
    obj = user(username, is_staff=True, **extra)
    obj.groups.add(group)
    obj.editable_countries.set(countries)
    return obj


def logged_in(someone) -> Client:
    client = Client()
    client.force_login(someone)
    return client


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


def workshop(
    slug: str = "workshop",
    *,
    host: Country,
    source: Source,
    taking_part: dict[Country, str] | None = None,
    **extra,
) -> Workshop:
    """A workshop hosted by `host`, with a participation per country of `taking_part`
    (country -> ParticipationRole); by default a TAIEX workshop in Sarajevo, 25-26 May 2016.
    """
    extra.setdefault("title", slug.upper())
    extra.setdefault("kind", WorkshopKind.TAIEX_WORKSHOP)
    extra.setdefault("starts_on", dt.date(2016, 5, 25))
    extra.setdefault("ends_on", dt.date(2016, 5, 26))
    extra.setdefault("city", "Sarajevo")
    extra.setdefault("organiser", "TAIEX")
    obj = Workshop.objects.create(slug=slug, host_country=host, source=source, **extra)
    for taker, role in (taking_part or {}).items():
        Participation.objects.create(workshop=obj, country=taker, role=role)
    return obj


def delegate(ws: Workshop, of: Country, name: str, **extra) -> Delegate:
    """A named delegate of `of`, which takes part in `ws`."""
    return Delegate.objects.create(
        participation=ws.participations.get(country=of), name=name, **extra
    )


def recommendation(ws: Workshop, code: str, text: str, **extra) -> Recommendation:
    """A recommendation of `ws`, to every beneficiary unless `country` is given."""
    extra.setdefault("source", ws.source)
    return Recommendation.objects.create(workshop=ws, code=code, text=text, **extra)


def pin_today(monkeypatch, day: dt.date) -> None:
    """Make `day` today for the rules that read timezone.localdate() (not the database's
    clock), so that a test of "not over yet" gives the same answer on every day of the year.
    """
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


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
