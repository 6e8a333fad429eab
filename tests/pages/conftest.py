"""A small world built in code: two frameworks, four countries, one workshop.

Shaped like the demo (a group of requirements, a flat treaty, a workshop with
recommendations to one country and to every beneficiary) so the pages' rules can be
checked on statuses whose right answer is obvious.
"""

import datetime as dt
from types import SimpleNamespace

import pytest

from alignment.dates import Precision
from alignment.models import Status, Theme
from countries.models import EURelationship, Institution, InstitutionKind
from tests import factories as f
from workshops.models import (
    Delegate,
    Participation,
    ParticipationRole,
    Recommendation,
    Workshop,
    WorkshopKind,
)

D = dt.date


@pytest.fixture
def world(db):
    al = f.country("AL", "Albania")
    rs = f.country("RS", "Serbia")
    ba = f.country(
        "BA", "Bosnia and Herzegovina", eu_relationship=EURelationship.POTENTIAL_CANDIDATE
    )
    at = f.country("AT", "Austria", eu_relationship=EURelationship.MEMBER_STATE)
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

    ministry = Institution.objects.create(
        country=ba, name="Ministry of Security", kind=InstitutionKind.MINISTRY
    )
    workshop = Workshop.objects.create(
        slug="ws-2016",
        title="Regional workshop on cybercrime",
        kind=WorkshopKind.TAIEX_WORKSHOP,
        starts_on=D(2016, 5, 25),
        ends_on=D(2016, 5, 26),
        city="Sarajevo",
        host_country=ba,
        organiser="TAIEX",
        partner_institution=ministry,
        source=doc,
    )
    roles = {
        ba: ParticipationRole.HOST,
        al: ParticipationRole.BENEFICIARY,
        rs: ParticipationRole.BENEFICIARY,
        at: ParticipationRole.EXPERT,
    }
    parts = {
        country: Participation.objects.create(workshop=workshop, country=country, role=role)
        for country, role in roles.items()
    }
    Delegate.objects.create(participation=parts[rs], name="Test Delegate", function="director")
    recs = SimpleNamespace(
        c1=Recommendation.objects.create(
            workshop=workshop,
            code="C1",
            country=al,
            requirement=strategy,
            text="Approve the strategy",
            source=doc,
        ),
        c7=Recommendation.objects.create(
            workshop=workshop,
            code="C7",
            country=rs,
            requirement=strategy,
            text="Adopt a strategy",
            source=doc,
        ),
        c9=Recommendation.objects.create(
            workshop=workshop,
            code="C9",
            requirement=drugs,
            text="Align drug policy",
            source=doc,
        ),
        c10=Recommendation.objects.create(
            workshop=workshop,
            code="C10",
            text="Raise capacity",
            source=doc,
        ),
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


@pytest.fixture
def synthetic(db):
    """Synthetic data large enough that a query per country or requirement would show.

    6 countries x 45 requirements (3 groups) x 3 changes from the synthesize command,
    plus a synthetic workshop with every country as a beneficiary and 10 recommendations
    (one of them to every beneficiary), so the workshop parts of the pages run too.
    """
    from django.core.management import call_command

    from alignment.models import Requirement
    from countries.models import Country
    from workshops.synthetic import synthetic_workshop

    call_command("synthesize", countries=6, requirements=45, changes=3, seed=1, verbosity=0)
    countries = list(Country.objects.filter(name__startswith="Synthetic country"))
    leaves = list(Requirement.objects.filter(framework__code="synthetic-01").leaves())
    workshop = synthetic_workshop(recommendations=10)
    return SimpleNamespace(countries=countries, leaves=leaves, workshop=workshop)
