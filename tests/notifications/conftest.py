"""Staff, subscribers and a small world for the notification tests, built in code.

AL and RS are assessed on eu-ch24; `law` has a deadline in the past, `strategy` none. The
sarajevo workshop (AL hosting, RS a beneficiary) recommended `law` to every beneficiary.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import Client

from alignment.roles import EDITOR, REVIEWER, ensure_roles
from notifications.models import Frequency, Subscription
from tests import factories
from workshops.models import Participation, ParticipationRole, Recommendation, Workshop


@pytest.fixture
def world(db):
    al = factories.country("AL", "Albania")
    rs = factories.country("RS", "Serbia")
    ch24 = factories.framework("eu-ch24", countries=[al, rs])
    source = factories.source("octopus", title="Octopus country profile")
    workshop = Workshop.objects.create(
        slug="sarajevo",
        title="Sarajevo workshop",
        kind="taiex_workshop",
        starts_on="2016-05-25",
        ends_on="2016-05-26",
        city="Sarajevo",
        host_country=al,
        organiser="TAIEX",
        source=source,
    )
    Participation.objects.create(workshop=workshop, country=al, role=ParticipationRole.HOST)
    Participation.objects.create(workshop=workshop, country=rs, role=ParticipationRole.BENEFICIARY)
    law = factories.requirement(ch24, "cybercrime-law", deadline=dt.date(2018, 12, 31))
    Recommendation.objects.create(
        workshop=workshop, code="C1", requirement=law, text="Adopt the law.", source=source
    )
    return SimpleNamespace(
        al=al,
        rs=rs,
        ch24=ch24,
        law=law,
        strategy=factories.requirement(ch24, "cybercrime-strategy"),
        workshop=workshop,
        source=source,
    )


@pytest.fixture
def roles(db):
    return ensure_roles()


def staff(username: str, group, countries=(), **extra):
    user = factories.user(username, is_staff=True, email=f"{username}@gov.example", **extra)
    user.groups.add(group)
    user.editable_countries.set(countries)
    return user


@pytest.fixture
def editor(roles, world):
    return staff("al-editor", roles[EDITOR], [world.al])


@pytest.fixture
def reviewer(roles, world):
    return staff("reviewer", roles[REVIEWER])


def subscribe(email: str, frequency: str = Frequency.EACH, language: str = "en", **topic):
    return Subscription.objects.create(email=email, frequency=frequency, language=language, **topic)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def sent(settings):
    """The messages Django's locmem backend received, cleared first."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return mail.outbox
