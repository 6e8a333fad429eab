"""The frameworks, requirement codes and countries that exports and outside checks rely on."""

from alignment.models import Framework, Requirement, Source
from countries.models import Country, EURelationship
from tests.demo.conftest import BENEFICIARIES, EXPERTS

# demo-dataset.md, "Frameworks and requirements": public contracts, kept exactly.
REQUIREMENT_CODES = {
    "eu-dap-2013/supply",
    "eu-dap-2013/supply.online-markets",
    "eu-dap-2013/supply.le-training",
    "eu-dap-2013/supply.asset-recovery",
    "eu-dap-2013/supply.criminal-law",
    "eu-dap-2013/international",
    "eu-dap-2013/international.cross-border",
    "eu-dap-2013/demand",
    "eu-dap-2013/demand.prevention",
    "eu-ch24/cybercrime-strategy",
    "eu-ch24/cybercrime-law",
    "eu-ch24/drug-strategy",
    "coe-ets-185/party",
    "coe-ets-189/party",
    "coe-ets-189/offences",
    "coe-cets-224/party",
}


def test_requirement_codes_are_exactly_the_public_contract(demo):
    codes = {r.full_code for r in Requirement.objects.select_related("framework")}

    assert codes == REQUIREMENT_CODES


def test_dotted_codes_hang_under_their_policy_area(demo):
    for requirement in Requirement.objects.filter(framework__code="eu-dap-2013"):
        area, _, _ = requirement.code.partition(".")
        expected_parent = None if area == requirement.code else area
        assert (requirement.parent.code if requirement.parent else None) == expected_parent


def test_each_framework_applies_to_the_countries_demo_dataset_names(demo):
    applies_to = {
        f.code: {c.code for c in f.countries.all()}
        for f in Framework.objects.prefetch_related("countries")
    }

    assert applies_to == {
        "eu-dap-2013": set(BENEFICIARIES),
        "eu-ch24": set(BENEFICIARIES),
        "coe-ets-185": set(BENEFICIARIES + EXPERTS),
        "coe-ets-189": set(BENEFICIARIES + EXPERTS),
        "coe-cets-224": set(BENEFICIARIES + EXPERTS),
    }


def test_no_demo_framework_is_synthetic(demo):
    assert Framework.objects.count() == 5
    assert Framework.objects.public().count() == 5


def test_countries_carry_their_codes_relationships_and_kosovos_footnote(demo):
    countries = {c.code: c for c in Country.objects.all()}

    assert set(countries) == set(BENEFICIARIES + EXPERTS)
    assert {countries[code].eu_relationship for code in EXPERTS} == {EURelationship.MEMBER_STATE}
    assert "UNSCR 1244/1999" in countries["XK"].footnote
    assert all(not countries[code].footnote for code in countries if code != "XK")


def test_sources_give_a_date_only_at_the_precision_they_are_known(demo):
    document = Source.objects.get(key="ocd-rs-2016-sarajevo-workshop")

    assert (document.published_display, document.url, document.language) == ("2016", "", "sr")
    assert (
        not Source.objects.filter(published_on__isnull=True)
        .exclude(published_precision="day")
        .exists()
    )
