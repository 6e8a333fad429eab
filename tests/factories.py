"""Small builders of test data in code (STYLE.md 12): one place, keyword arguments."""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model

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
