"""Staff, subscribers and a small world for the notification tests, built in code.

AL and RS are assessed on eu-ch24; `law` has a deadline in the past, `strategy` none. The
sarajevo workshop (AL hosting, RS a beneficiary) recommended `law` to every beneficiary.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core import mail

from alignment.roles import EDITOR, REVIEWER, ensure_roles
from notifications.models import Frequency, Subscription
from tests import factories
from workshops.models import ParticipationRole


@pytest.fixture
def world(db):
    al, rs = factories.countries("AL", "RS")
    ch24 = factories.framework("eu-ch24", countries=[al, rs])
    source = factories.source("octopus", title="Octopus country profile")
    workshop = factories.workshop(
        "sarajevo",
        title="Sarajevo workshop",
        host=al,
        source=source,
        taking_part={al: ParticipationRole.HOST, rs: ParticipationRole.BENEFICIARY},
    )
    law = factories.requirement(ch24, "cybercrime-law", deadline=dt.date(2018, 12, 31))
    factories.recommendation(workshop, "C1", "Adopt the law.", requirement=law)
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
    return factories.staff(username, group, countries, email=f"{username}@gov.example", **extra)


@pytest.fixture
def editor(roles, world):
    return staff("al-editor", roles[EDITOR], [world.al])


@pytest.fixture
def reviewer(roles, world):
    return staff("reviewer", roles[REVIEWER])


def subscribe(email: str, frequency: str = Frequency.EACH, language: str = "en", **topic):
    return Subscription.objects.create(email=email, frequency=frequency, language=language, **topic)


logged_in = factories.logged_in


@pytest.fixture
def sent(settings):
    """The messages Django's locmem backend received, cleared first."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return mail.outbox
