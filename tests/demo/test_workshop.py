"""The 2016 Sarajevo workshop: participants, its one named delegate, recommendations C1–C11."""

import datetime as dt

from tests.demo.conftest import BENEFICIARIES, EXPERTS, SOURCE_DOCUMENT
from tests.demo.test_picture_2016 import PICTURE_2016
from workshops.models import Delegate, ParticipationRole, Recommendation, Workshop

SLUG = "taiex-2016-sarajevo-cybercrime"


def test_the_workshop_is_the_sarajevo_taiex_event_hosted_by_bosnia(demo):
    workshop = Workshop.objects.select_related("host_country", "partner_institution").get(slug=SLUG)

    assert (workshop.starts_on, workshop.ends_on) == (dt.date(2016, 5, 25), dt.date(2016, 5, 26))
    assert (workshop.city, workshop.host_country.code) == ("Sarajevo", "BA")
    assert workshop.partner_institution.name == "Ministry of Security of Bosnia and Herzegovina"
    assert workshop.source.key == SOURCE_DOCUMENT


def test_thirteen_countries_took_part_with_their_roles(demo):
    roles = dict(
        Workshop.objects.get(slug=SLUG).participations.values_list("country__code", "role")
    )

    assert roles == {
        "BA": ParticipationRole.HOST,
        **{code: ParticipationRole.BENEFICIARY for code in BENEFICIARIES if code != "BA"},
        **{code: ParticipationRole.EXPERT for code in EXPERTS},
    }


def test_the_only_delegate_is_serbias_acting_director_of_the_office_for_combating_drugs(demo):
    delegate = Delegate.objects.select_related("participation__country", "institution").get()

    assert (delegate.name, delegate.function) == ("Milan Pekić", "Acting director")
    assert delegate.participation.country.code == "RS"
    assert (delegate.institution.country.code, delegate.institution.name) == (
        "RS",
        "Office for Combating Drugs",
    )


def test_recommendations_c1_to_c11_name_their_country_and_requirement(demo):
    recommendations = {
        r.code: (r.country.code if r.country else None, r.requirement.full_code)
        for r in Recommendation.objects.select_related("country", "requirement__framework")
    }

    assert recommendations == {
        "C1": ("AL", "eu-ch24/cybercrime-strategy"),
        "C2": ("BA", "coe-ets-189/offences"),
        "C3": ("TR", "eu-ch24/cybercrime-law"),
        "C4": ("RS", "eu-ch24/cybercrime-law"),
        "C5": ("BA", "eu-ch24/cybercrime-strategy"),
        "C6": ("MK", "eu-ch24/cybercrime-strategy"),
        "C7": ("RS", "eu-ch24/cybercrime-strategy"),
        "C8": ("ME", "eu-dap-2013/supply.asset-recovery"),
        "C9": (None, "eu-dap-2013/supply.online-markets"),
        "C10": (None, "eu-dap-2013/supply.criminal-law"),
        "C11": (None, "eu-dap-2013/supply.asset-recovery"),
    }


def test_regional_recommendations_reach_every_beneficiary_and_no_expert(demo):
    c9 = Recommendation.objects.get(workshop__slug=SLUG, code="C9")

    assert sorted(c.code for c in c9.addressees()) == sorted(BENEFICIARIES)


def test_every_cell_of_the_2016_picture_is_also_a_recommendation(demo):
    recommended = set()
    for r in Recommendation.objects.select_related("country", "requirement__framework"):
        addressees = [r.country.code] if r.country else BENEFICIARIES
        recommended |= {(code, r.requirement.full_code) for code in addressees}

    assert set(PICTURE_2016) <= recommended
