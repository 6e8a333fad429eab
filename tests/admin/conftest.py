"""Staff, countries and frameworks for the admin tests, built in code.

AL and RS are assessed on eu-ch24 and coe-ets-185, AT (a member state) only on
coe-ets-185. The editor records for AL; `rs_editor` for RS; the reviewer for everyone.
"""

from types import SimpleNamespace

import pytest
from django.test import Client

from alignment.roles import EDITOR, REVIEWER, ensure_roles
from countries.models import EURelationship
from tests import factories
from workshops.models import Participation, ParticipationRole, Workshop


@pytest.fixture
def roles(db):
    return ensure_roles()


@pytest.fixture
def world(db):
    al = factories.country("AL", "Albania")
    rs = factories.country("RS", "Serbia")
    at = factories.country("AT", "Austria", eu_relationship=EURelationship.MEMBER_STATE)
    ch24 = factories.framework("eu-ch24", countries=[al, rs])
    ets = factories.framework("coe-ets-185", countries=[al, rs, at])
    return SimpleNamespace(
        al=al,
        rs=rs,
        at=at,
        ch24=ch24,
        ets=ets,
        strategy=factories.requirement(ch24, "cybercrime-strategy"),
        law=factories.requirement(ch24, "cybercrime-law"),
        ratify=factories.requirement(ets, "ratify"),
        source=factories.source("octopus", title="Octopus country profile"),
    )


def staff(username: str, group, countries=()):
    user = factories.user(username, is_staff=True)
    user.groups.add(group)
    user.editable_countries.set(countries)
    return user


@pytest.fixture
def editor(roles, world):
    return staff("al-editor", roles[EDITOR], [world.al])


@pytest.fixture
def rs_editor(roles, world):
    return staff("rs-editor", roles[EDITOR], [world.rs])


@pytest.fixture
def reviewer(roles, world):
    return staff("reviewer", roles[REVIEWER])


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor) -> Client:
    return logged_in(editor)


@pytest.fixture
def reviewer_client(reviewer) -> Client:
    return logged_in(reviewer)


@pytest.fixture
def workshop(world) -> Workshop:
    """A workshop hosted by AL, with AL taking part."""
    workshop = Workshop.objects.create(
        slug="sarajevo",
        title="Workshop",
        kind="taiex_workshop",
        starts_on="2016-05-25",
        ends_on="2016-05-26",
        city="Sarajevo",
        host_country=world.al,
        organiser="TAIEX",
        source=world.source,
    )
    Participation.objects.create(workshop=workshop, country=world.al, role=ParticipationRole.HOST)
    return workshop
