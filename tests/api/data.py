"""A small open-data world built in code, shared by tests/api and tests/exports.

Three countries, a tree-shaped framework, a treaty, one synthetic framework, and changes
at day, month and year precision, with proposed and returned ones that must never be
published.
"""

import datetime as dt
from dataclasses import dataclass

from alignment.dates import Precision
from alignment.models import Framework, Requirement, Status, StatusChange, Theme
from alignment.services import record_status, return_change
from countries.models import Country, EURelationship
from tests import factories


@dataclass
class World:
    al: Country
    rs: Country
    at: Country
    ch24: Framework
    treaty: Framework
    synthetic: Framework
    strategy: Requirement
    law: Requirement
    online: Requirement
    ratify: Requirement
    proposed: StatusChange
    returned: StatusChange


def build() -> World:
    al = factories.country("AL", "Albania")
    rs = factories.country("RS", "Serbia")
    at = factories.country("AT", "Austria", eu_relationship=EURelationship.MEMBER_STATE)
    octopus = factories.source("coe-octopus", title="CoE Octopus", url="https://example.org/o")
    chart = factories.source("coe-chart-185", title="Treaty chart", url="https://example.org/c")
    workshop_doc = factories.source("taiex-report", title="Workshop report", url="")

    ch24 = factories.framework("eu-ch24", countries=[al, rs])
    strategy = factories.requirement(ch24, "cybercrime-strategy", position=1)
    law = factories.requirement(ch24, "cybercrime-law", position=2)
    supply = factories.requirement(ch24, "supply", position=3)
    online = factories.requirement(ch24, "supply.online-markets", parent=supply, position=1)
    factories.requirement(ch24, "supply.asset-recovery", parent=supply, position=2)
    markets = Theme.objects.create(code="online-drug-markets", name="Online drug markets")
    online.themes.add(markets)

    treaty = factories.framework("coe-ets-185", countries=[al, rs, at])
    factories.requirement(treaty, "sign", position=1)
    ratify = factories.requirement(treaty, "ratify", position=2)

    synthetic = factories.framework("synthetic-01", countries=[al], synthetic=True)
    synthetic_leaf = factories.requirement(synthetic, "area-01.req-0001")

    day = dt.date(2016, 5, 26)
    factories.change(rs, strategy, Status.NOT_ALIGNED, day, src=workshop_doc)
    factories.change(rs, strategy, Status.ADOPTED, dt.date(2018, 9, 15), src=octopus)
    factories.change(al, strategy, Status.PENDING_ADOPTION, day, src=workshop_doc)
    factories.change(rs, law, Status.NOT_ALIGNED, day, src=workshop_doc)
    factories.change(al, online, Status.NOT_ALIGNED, day, src=workshop_doc)
    factories.change(rs, online, Status.NOT_ALIGNED, day, src=workshop_doc)
    factories.change(
        rs, online, Status.IN_PREPARATION, dt.date(2018, 7, 1), Precision.MONTH, src=octopus
    )
    factories.change(al, ratify, Status.ALIGNED, dt.date(2002, 6, 20), src=chart)
    factories.change(at, ratify, Status.ALIGNED, dt.date(2012, 1, 1), Precision.YEAR, src=chart)
    factories.change(al, synthetic_leaf, Status.ALIGNED, dt.date(2010, 1, 1), src=octopus)
    proposed = factories.change(
        al, law, Status.ALIGNED, dt.date(2017, 1, 26), src=octopus, approve=False
    )
    returned = record_status(
        country=rs,
        requirement=law,
        status=Status.ALIGNED,
        effective_on=dt.date(2019, 1, 1),
        precision=Precision.DAY,
        evidence="not checked",
        source=octopus,
        recorded_by=None,
    )
    return_change(change=returned, reviewer=factories.user("reviewer"), reason="No source.")
    return World(
        al=al,
        rs=rs,
        at=at,
        ch24=ch24,
        treaty=treaty,
        synthetic=synthetic,
        strategy=strategy,
        law=law,
        online=online,
        ratify=ratify,
        proposed=proposed,
        returned=returned,
    )


def workshops(n: int, countries: list[Country], requirement: Requirement) -> list:
    """n workshops, each hosted by the first country with every country taking part, one
    named delegate each, and two recommendations (one to a country, one to all)."""
    from countries.models import Institution, InstitutionKind
    from workshops.models import (
        Delegate,
        Participation,
        ParticipationRole,
        Recommendation,
        Workshop,
        WorkshopKind,
    )

    source = factories.source("workshop-reports", title="Workshop reports")
    host = countries[0]
    ministry, _ = Institution.objects.get_or_create(
        country=host, name="Ministry of Security", defaults={"kind": InstitutionKind.MINISTRY}
    )
    made = []
    for number in range(1, n + 1):
        workshop = Workshop.objects.create(
            slug=f"workshop-{number:02d}",
            title=f"Workshop {number}",
            kind=WorkshopKind.TAIEX_WORKSHOP,
            starts_on=dt.date(2016, 1, number),
            ends_on=dt.date(2016, 1, number + 1),
            city="Sarajevo",
            host_country=host,
            organiser="TAIEX",
            partner_institution=ministry,
            source=source,
        )
        for country in countries:
            role = ParticipationRole.HOST if country == host else ParticipationRole.BENEFICIARY
            participation = Participation.objects.create(
                workshop=workshop, country=country, role=role
            )
            Delegate.objects.create(
                participation=participation,
                name=f"Delegate of {country.code}",
                institution=ministry if country == host else None,
            )
        Recommendation.objects.create(
            workshop=workshop,
            code="C1",
            country=countries[-1],
            requirement=requirement,
            text="Adopt a strategy.",
            source=source,
        )
        Recommendation.objects.create(
            workshop=workshop, code="C2", text="Cooperate across borders.", source=source
        )
        made.append(workshop)
    return made
