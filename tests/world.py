"""The worlds several test folders share, each built from tests/factories.py.

- open_data(): the open-data world of tests/api and tests/exports; `workshops(n, ...)`
  adds a series of workshops to it.
- pages(): the pages' world (tests/pages, tests/speed), shaped like the demo; synthetic():
  data large enough that a query per row would show.
- reference(): the admin's countries, frameworks and source (tests/admin, tests/security),
  no statuses; `staff_workshop(...)` its one workshop.

The countries are factories.COUNTRIES' in every world, and every workshop is built by
factories.workshop.
"""

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

from alignment.dates import Precision
from alignment.models import Framework, Requirement, Status, StatusChange, Theme
from alignment.services import record_status, return_change
from countries.models import Country, Institution, InstitutionKind
from tests import factories as f
from workshops.models import ParticipationRole, Workshop

D = dt.date
HOST, BENEFICIARY, EXPERT = (
    ParticipationRole.HOST,
    ParticipationRole.BENEFICIARY,
    ParticipationRole.EXPERT,
)


def ministry(country: Country, name: str = "Ministry of Security") -> Institution:
    found, _ = Institution.objects.get_or_create(
        country=country, name=name, defaults={"kind": InstitutionKind.MINISTRY}
    )
    return found


# The open-data world (tests/api, tests/exports): three countries, a tree-shaped framework,
# a treaty, one synthetic framework, and changes at day, month and year precision, with
# proposed and returned ones that must never be published.


@dataclass
class OpenData:
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


def open_data() -> OpenData:
    al, rs, at = f.countries("AL", "RS", "AT")
    octopus = f.source("coe-octopus", title="CoE Octopus", url="https://example.org/o")
    chart = f.source("coe-chart-185", title="Treaty chart", url="https://example.org/c")
    workshop_doc = f.source("taiex-report", title="Workshop report", url="")

    ch24 = f.framework("eu-ch24", countries=[al, rs])
    strategy = f.requirement(ch24, "cybercrime-strategy", position=1)
    law = f.requirement(ch24, "cybercrime-law", position=2)
    supply = f.requirement(ch24, "supply", position=3)
    online = f.requirement(ch24, "supply.online-markets", parent=supply, position=1)
    f.requirement(ch24, "supply.asset-recovery", parent=supply, position=2)
    markets = Theme.objects.create(code="online-drug-markets", name="Online drug markets")
    online.themes.add(markets)

    treaty = f.framework("coe-ets-185", countries=[al, rs, at])
    f.requirement(treaty, "sign", position=1)
    ratify = f.requirement(treaty, "ratify", position=2)

    synthetic = f.framework("synthetic-01", countries=[al], synthetic=True)
    synthetic_leaf = f.requirement(synthetic, "area-01.req-0001")

    day = D(2016, 5, 26)
    f.change(rs, strategy, Status.NOT_ALIGNED, day, src=workshop_doc)
    f.change(rs, strategy, Status.ADOPTED, D(2018, 9, 15), src=octopus)
    f.change(al, strategy, Status.PENDING_ADOPTION, day, src=workshop_doc)
    f.change(rs, law, Status.NOT_ALIGNED, day, src=workshop_doc)
    f.change(al, online, Status.NOT_ALIGNED, day, src=workshop_doc)
    f.change(rs, online, Status.NOT_ALIGNED, day, src=workshop_doc)
    f.change(rs, online, Status.IN_PREPARATION, D(2018, 7, 1), Precision.MONTH, src=octopus)
    f.change(al, ratify, Status.ALIGNED, D(2002, 6, 20), src=chart)
    f.change(at, ratify, Status.ALIGNED, D(2012, 1, 1), Precision.YEAR, src=chart)
    f.change(al, synthetic_leaf, Status.ALIGNED, D(2010, 1, 1), src=octopus)
    proposed = f.change(al, law, Status.ALIGNED, D(2017, 1, 26), src=octopus, approve=False)
    returned = record_status(
        country=rs,
        requirement=law,
        status=Status.ALIGNED,
        effective_on=D(2019, 1, 1),
        precision=Precision.DAY,
        evidence="not checked",
        source=octopus,
        recorded_by=None,
    )
    return_change(change=returned, reviewer=f.user("reviewer"), reason="No source.")
    return OpenData(
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


def workshops(n: int, countries: list[Country], requirement: Requirement) -> list[Workshop]:
    """n workshops, each hosted by the first country with every country taking part, one
    named delegate each, and two recommendations (one to a country, one to all)."""
    source = f.source("workshop-reports", title="Workshop reports")
    host = countries[0]
    host_ministry = ministry(host)
    made = []
    for number in range(1, n + 1):
        workshop = f.workshop(
            f"workshop-{number:02d}",
            title=f"Workshop {number}",
            starts_on=D(2016, 1, number),
            ends_on=D(2016, 1, number + 1),
            host=host,
            partner_institution=host_ministry,
            source=source,
            taking_part={c: HOST if c == host else BENEFICIARY for c in countries},
        )
        for country in countries:
            f.delegate(
                workshop,
                country,
                f"Delegate of {country.code}",
                institution=host_ministry if country == host else None,
            )
        f.recommendation(
            workshop,
            "C1",
            "Adopt a strategy.",
            country=countries[-1],
            requirement=requirement,
        )
        f.recommendation(workshop, "C2", "Cooperate across borders.")
        made.append(workshop)
    return made


# The pages' world (tests/pages, tests/speed): two frameworks, four countries, one
# workshop. Shaped like the demo (a group of requirements, a flat treaty, a workshop with
# recommendations to one country and to every beneficiary) so the pages' rules can be
# checked on statuses whose right answer is obvious.


def pages() -> SimpleNamespace:
    al, rs, ba, at = f.countries("AL", "RS", "BA", "AT")
    cyber_theme = Theme.objects.create(code="cybercrime", name="Cybercrime")
    drugs_theme = Theme.objects.create(code="drugs", name="Drugs")

    ch24 = f.framework("eu-ch24", countries=[al, rs, ba], title="Chapter 24")
    area = f.requirement(ch24, "cyber", title="Cybercrime", position=0)
    strategy = f.requirement(
        ch24,
        "cyber.strategy",
        parent=area,
        title="Cybercrime strategy",
        position=1,
        deadline=D(2017, 12, 31),
    )
    law = f.requirement(ch24, "cyber.law", parent=area, title="Cybercrime law", position=2)
    drugs = f.requirement(ch24, "drug-strategy", title="Drug strategy", position=3)
    strategy.themes.add(cyber_theme)
    law.themes.add(cyber_theme)
    drugs.themes.add(drugs_theme)

    treaty = f.framework("coe-ets-185", countries=[al, rs, ba, at], title="Budapest Convention")
    sign = f.requirement(treaty, "sign", title="Signature", position=0)
    ratify = f.requirement(treaty, "ratify", title="Ratification", position=1)

    doc = f.source("workshop-news", title="Workshop news item", url="https://example.org/news")
    later = f.source("strategy-decision", title="Strategy decision", url="https://example.org/dec")
    c = f.change
    c(al, strategy, Status.PENDING_ADOPTION, D(2016, 5, 26), src=doc, evidence="awaits approval")
    c(al, strategy, Status.ADOPTED, D(2017, 1, 26), src=later, evidence="law adopted")
    c(rs, strategy, Status.NOT_ALIGNED, D(2016, 5, 26), src=doc)
    c(rs, strategy, Status.ADOPTED, D(2018, 9, 15), src=later)
    c(rs, law, Status.NOT_ALIGNED, D(2016, 5, 26), src=doc)
    c(rs, law, Status.ALIGNED, D(2019, 1, 1), src=later, approve=False)  # proposed: not public
    c(ba, strategy, Status.NOT_ALIGNED, D(2016, 5, 26), src=doc)
    c(ba, law, Status.IN_PREPARATION, D(2016, 7, 1), Precision.MONTH, src=later)
    c(al, drugs, Status.ALIGNED, D(2012, 6, 1), Precision.YEAR, src=later)
    c(ba, drugs, Status.NOT_APPLICABLE, D(2014, 1, 1), src=later, evidence="no state level")
    c(al, sign, Status.ALIGNED, D(2001, 11, 23), src=later)
    c(al, ratify, Status.ALIGNED, D(2002, 6, 20), src=later)
    c(at, sign, Status.ALIGNED, D(2001, 11, 23), src=later)
    c(rs, ratify, Status.ALIGNED, D(2009, 3, 19), src=later)

    workshop = f.workshop(
        "ws-2016",
        title="Regional workshop on cybercrime",
        host=ba,
        partner_institution=ministry(ba),
        source=doc,
        taking_part={ba: HOST, al: BENEFICIARY, rs: BENEFICIARY, at: EXPERT},
    )
    f.delegate(workshop, rs, "Test Delegate", function="director")
    r = f.recommendation
    recs = SimpleNamespace(
        c1=r(workshop, "C1", "Approve the strategy", country=al, requirement=strategy),
        c7=r(workshop, "C7", "Adopt a strategy", country=rs, requirement=strategy),
        c9=r(workshop, "C9", "Align drug policy", requirement=drugs),
        c10=r(workshop, "C10", "Raise capacity"),
    )
    return SimpleNamespace(
        al=al,
        rs=rs,
        ba=ba,
        at=at,
        ch24=ch24,
        area=area,
        strategy=strategy,
        law=law,
        drugs=drugs,
        treaty=treaty,
        sign=sign,
        ratify=ratify,
        workshop=workshop,
        recs=recs,
        doc=doc,
        later=later,
    )


def synthetic() -> SimpleNamespace:
    """Synthetic data large enough that a query per country or requirement would show.

    6 countries x 45 requirements (3 groups) x 3 changes from the synthesize command,
    plus a synthetic workshop with every country as a beneficiary and 10 recommendations
    (one of them to every beneficiary), so the workshop parts of the pages run too.
    """
    from django.core.management import call_command

    from workshops.synthetic import synthetic_workshop

    call_command("synthesize", countries=6, requirements=45, changes=3, seed=1, verbosity=0)
    countries = list(Country.objects.filter(name__startswith="Synthetic country"))
    leaves = list(Requirement.objects.filter(framework__code="synthetic-01").leaves())
    workshop = synthetic_workshop(recommendations=10)
    return SimpleNamespace(countries=countries, leaves=leaves, workshop=workshop)


# The admin's reference data (tests/admin, tests/security): AL and RS are assessed on
# eu-ch24 and coe-ets-185, AT (a member state) only on coe-ets-185. No statuses.


def reference() -> SimpleNamespace:
    al, rs, at = f.countries("AL", "RS", "AT")
    ch24 = f.framework("eu-ch24", countries=[al, rs])
    ets = f.framework("coe-ets-185", countries=[al, rs, at])
    return SimpleNamespace(
        al=al,
        rs=rs,
        at=at,
        ch24=ch24,
        ets=ets,
        strategy=f.requirement(ch24, "cybercrime-strategy"),
        law=f.requirement(ch24, "cybercrime-law"),
        ratify=f.requirement(ets, "ratify"),
        source=f.source("octopus", title="Octopus country profile"),
    )


def staff_workshop(world: SimpleNamespace) -> Workshop:
    """A workshop of the reference world hosted by AL, with AL taking part."""
    return f.workshop(
        "sarajevo",
        title="Workshop",
        host=world.al,
        source=world.source,
        taking_part={world.al: HOST},
    )
