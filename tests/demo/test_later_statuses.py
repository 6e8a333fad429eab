"""What happened after the workshop: each fact as facts.md gives it, and nothing more."""

import datetime as dt

from django.utils import timezone

from alignment.dates import Precision
from alignment.models import Requirement, Status, StatusChange
from tests.demo.conftest import BENEFICIARIES, EXPERTS

COE_FRAMEWORKS = ["coe-ets-185", "coe-ets-189", "coe-cets-224"]
OPENED_FOR_SIGNATURE = {
    "coe-ets-185": dt.date(2001, 11, 23),
    "coe-ets-189": dt.date(2003, 1, 28),
    "coe-cets-224": dt.date(2022, 5, 12),
}


def test_serbia_adopted_its_cybercrime_strategy_on_2018_09_15_and_not_a_day_earlier(status_on):
    day_before = status_on("RS", "eu-ch24/cybercrime-strategy", dt.date(2018, 9, 14))
    on_the_day = status_on("RS", "eu-ch24/cybercrime-strategy", dt.date(2018, 9, 15))

    assert day_before.status == Status.NOT_ALIGNED
    assert (on_the_day.status, on_the_day.precision) == (Status.ADOPTED, Precision.DAY)
    assert on_the_day.source.key == "coe-octopus-serbia"


def test_north_macedonias_strategy_keeps_both_conflicting_sources_at_year_precision(history):
    later = [c for c in history("MK", "eu-ch24/cybercrime-strategy") if c.status == "adopted"]

    assert {c.source.key for c in later} == {"gcscc-north-macedonia", "coe-octopus-north-macedonia"}
    for change in later:
        assert (change.precision, change.effective_display) == (Precision.YEAR, "2018")
        assert "July 2018" in change.evidence and "December 2018" in change.evidence


def test_a_date_known_to_the_year_counts_from_the_end_of_that_year(status_on):
    assert status_on("MK", "eu-ch24/cybercrime-strategy", dt.date(2018, 12, 30)).status == (
        Status.NOT_ALIGNED
    )
    assert status_on("MK", "eu-ch24/cybercrime-strategy", dt.date(2018, 12, 31)).status == (
        Status.ADOPTED
    )


def test_month_and_year_rows_are_shown_at_their_precision_never_as_a_made_up_day(demo):
    shown = {
        (c.country.code, c.requirement.full_code, c.effective_display)
        for c in StatusChange.objects.exclude(precision=Precision.DAY).select_related(
            "country", "requirement__framework"
        )
    }

    assert {
        ("ME", "eu-ch24/cybercrime-strategy", "2013-07"),
        ("ME", "eu-ch24/cybercrime-strategy", "2017-12"),
        ("ME", "eu-ch24/cybercrime-strategy", "2021-12"),
        ("XK", "eu-ch24/cybercrime-strategy", "2016-01"),
        ("XK", "eu-ch24/cybercrime-law", "2010"),
        ("RS", "eu-ch24/drug-strategy", "2015-01"),
    } <= shown
    assert all(len(display) in (4, 7) for _, _, display in shown)


def test_kosovo_is_not_applicable_on_every_coe_requirement_from_each_opening_day(status_on):
    today = timezone.localdate()
    requirements = Requirement.objects.filter(framework__code__in=COE_FRAMEWORKS).leaves()

    assert requirements.count() == 6
    for requirement in requirements.select_related("framework"):
        row = status_on("XK", requirement.full_code, today)
        assert row.status == Status.NOT_APPLICABLE, requirement.full_code
        assert row.effective_on == OPENED_FOR_SIGNATURE[requirement.framework.code]
        assert row.source.key == "coe-octopus-kosovo"
        assert "cannot become a party" in row.evidence


def test_facts_that_are_not_confirmed_are_left_as_no_data(demo):
    def rows(full_code: str, countries: list[str]) -> list[str]:
        framework, code = full_code.split("/")
        return list(
            StatusChange.objects.filter(
                requirement__framework__code=framework,
                requirement__code=code,
                country__code__in=countries,
            ).values_list("country__code", flat=True)
        )

    # Signature dates not confirmed; the Netherlands' deposit date not confirmed.
    assert rows("coe-ets-185/sign", ["MK", "RS", "SE"]) == []
    assert rows("coe-ets-185/ratify", ["NL"]) == []
    # Parties to ETS 189 with no confirmed date, and states with no data at all.
    assert rows("coe-ets-189/ratify", ["RS", "ME", "NL", "HR", "FI", "TR", "AT", "IE"]) == []
    # Not listed for CETS 224.
    assert rows("coe-cets-224/sign", ["TR", "IE"]) == []


def test_a_strategy_whose_period_ended_gets_no_guessed_status_after_it(history):
    for country in ["AL", "ME", "MK", "RS", "TR", "XK"]:
        last = history(country, "eu-ch24/drug-strategy")[-1]
        assert last.status == Status.ADOPTED, country
        assert "nothing is recorded after" in last.evidence, country


def test_bosnias_drug_strategy_lapsed_was_redrafted_and_replaced(history):
    steps = [(c.status, c.effective_display) for c in history("BA", "eu-ch24/drug-strategy")]

    assert steps == [
        (Status.ADOPTED, "2009-03-26"),
        (Status.NOT_ALIGNED, "2014-01-01"),
        (Status.IN_PREPARATION, "2017-06-14"),
        (Status.ADOPTED, "2018"),
    ]


def test_treaty_rows_say_which_date_they_record(history):
    ratified = history("RS", "coe-ets-185/ratify")[0]
    deposited = history("SE", "coe-ets-185/ratify")[0]
    ireland = history("IE", "coe-ets-185/ratify")[0]

    assert (ratified.status, ratified.effective_on) == (Status.ALIGNED, dt.date(2009, 3, 19))
    assert "19/2009" in ratified.evidence
    assert "deposit date" in deposited.evidence
    assert (ireland.status, ireland.effective_on) == (Status.NOT_ALIGNED, dt.date(2025, 10, 8))


def test_conflicting_treaty_dates_are_named_in_the_evidence(history):
    signed = history("BA", "coe-ets-185/sign")

    assert [(c.effective_on, c.source.key) for c in signed] == [
        (dt.date(2005, 2, 9), "coe-treaty-185-chart")
    ]
    assert "2001-11-23" in signed[0].evidence and "conflict" in signed[0].evidence


def test_only_beneficiaries_have_rows_on_eu_frameworks(demo):
    countries = set(
        StatusChange.objects.filter(
            requirement__framework__code__in=["eu-dap-2013", "eu-ch24"]
        ).values_list("country__code", flat=True)
    )

    assert countries == set(BENEFICIARIES)
    assert not StatusChange.objects.filter(
        country__code__in=EXPERTS, requirement__framework__code__startswith="eu-"
    ).exists()
