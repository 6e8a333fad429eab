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


def test_north_macedonias_conflicting_months_are_each_kept_at_month_precision(history):
    later = [c for c in history("MK", "eu-ch24/cybercrime-strategy") if c.status == "adopted"]

    assert [(c.source.key, c.precision, c.effective_display) for c in later] == [
        ("gcscc-north-macedonia", Precision.MONTH, "2018-07"),
        ("coe-octopus-north-macedonia", Precision.MONTH, "2018-12"),
    ]
    for change in later:
        assert "July 2018" in change.evidence and "December 2018" in change.evidence


def test_a_date_known_to_the_month_counts_from_the_end_of_that_month(status_on):
    assert status_on("MK", "eu-ch24/cybercrime-strategy", dt.date(2018, 7, 30)).status == (
        Status.NOT_ALIGNED
    )
    assert status_on("MK", "eu-ch24/cybercrime-strategy", dt.date(2018, 7, 31)).status == (
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
        ("MK", "eu-ch24/cybercrime-strategy", "2018-07"),
        ("MK", "eu-ch24/cybercrime-strategy", "2018-12"),
    } <= shown
    assert all(len(display) in (4, 7) for _, _, display in shown)


def test_kosovo_is_not_applicable_on_every_coe_requirement_from_each_opening_day(status_on):
    today = timezone.localdate()
    requirements = Requirement.objects.filter(framework__code__in=COE_FRAMEWORKS).leaves()

    assert requirements.count() == 4
    for requirement in requirements.select_related("framework"):
        row = status_on("XK", requirement.full_code, today)
        assert row.status == Status.NOT_APPLICABLE, requirement.full_code
        assert row.effective_on == OPENED_FOR_SIGNATURE[requirement.framework.code]
        assert "cannot become a party" in row.evidence


def test_kosovos_rows_cite_what_each_source_says(status_on):
    today = timezone.localdate()
    convention = status_on("XK", "coe-ets-185/party", today)
    protocols = [
        status_on("XK", code, today)
        for code in ["coe-ets-189/party", "coe-ets-189/offences", "coe-cets-224/party"]
    ]

    # The Octopus page says "not applicable" for the Convention only.
    assert convention.source.key == "coe-octopus-kosovo"
    assert [row.source.key for row in protocols] == [
        "coe-ets-189-text",
        "coe-ets-189-text",
        "coe-cets-224-text",
    ]
    for row in protocols:
        assert "may join it" in row.evidence


def test_facts_that_are_not_confirmed_are_left_as_no_data(history):
    # Signature dates not confirmed: the pipeline starts at ratification.
    for country in ["MK", "RS", "SE"]:
        assert history(country, "coe-ets-185/party")[0].status == Status.ADOPTED, country
    # The Netherlands' deposit date is not confirmed: signed, and no further.
    assert [c.status for c in history("NL", "coe-ets-185/party")] == [Status.PENDING_ADOPTION]
    # Parties to ETS 189 with no confirmed date, and states with no data at all.
    for country in ["RS", "ME", "NL", "HR", "FI", "TR", "AT", "IE"]:
        assert history(country, "coe-ets-189/party") == [], country
    # Not listed for CETS 224, and the page's date is not confirmed: no data, not "not signed".
    assert history("TR", "coe-cets-224/party") == history("IE", "coe-cets-224/party") == []


def test_no_treaty_row_is_in_force_without_a_source_or_the_rule(demo):
    """A signature alone is never in force; a derived in-force row cites the treaty's text."""
    in_force = StatusChange.objects.filter(
        requirement__code="party", status=Status.ALIGNED
    ).select_related("source", "country", "requirement__framework")
    derived = {
        (c.country.code, c.requirement.framework.code, c.effective_on)
        for c in in_force
        if c.source.key.endswith("-text")
    }

    assert derived == {
        ("ME", "coe-ets-185", dt.date(2010, 7, 1)),
        ("SE", "coe-ets-185", dt.date(2021, 8, 1)),
        ("SE", "coe-ets-189", dt.date(2021, 8, 1)),
    }
    for change in in_force:
        if change.source.key.endswith("-text"):
            assert change.evidence.startswith("Derived, not read from a chart")
    assert not in_force.filter(requirement__framework__code="coe-cets-224").exists()


def test_each_treaty_history_walks_the_scale_forwards(demo):
    rows = StatusChange.objects.filter(requirement__code="party").exclude(
        status=Status.NOT_APPLICABLE
    )
    histories: dict[tuple[int, int], list[StatusChange]] = {}
    for change in rows.order_by("effective_on", "id"):
        histories.setdefault((change.country_id, change.requirement_id), []).append(change)

    for steps in histories.values():
        scores = [change.score for change in steps]
        assert scores == sorted(scores), steps


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
    ratified = history("RS", "coe-ets-185/party")[0]
    deposited = history("SE", "coe-ets-185/party")[0]
    ireland = history("IE", "coe-ets-185/party")

    assert (ratified.status, ratified.effective_on) == (Status.ADOPTED, dt.date(2009, 3, 19))
    assert "19/2009" in ratified.evidence
    assert "deposit date" in deposited.evidence
    assert [(c.status, c.effective_on) for c in ireland] == [
        (Status.PENDING_ADOPTION, dt.date(2002, 2, 28)),
        (Status.PENDING_ADOPTION, dt.date(2025, 10, 8)),
    ]


def test_albania_is_ratified_from_2002_06_20_and_in_force_from_2004_07_01(status_on):
    def step(day: dt.date) -> str:
        return status_on("AL", "coe-ets-185/party", day).status

    assert step(dt.date(2002, 6, 19)) == Status.PENDING_ADOPTION
    assert step(dt.date(2002, 6, 20)) == Status.ADOPTED
    assert step(dt.date(2004, 6, 30)) == Status.ADOPTED
    assert step(dt.date(2004, 7, 1)) == Status.ALIGNED


def test_conflicting_treaty_dates_are_named_in_the_evidence(history):
    signed = history("BA", "coe-ets-185/party")[0]

    assert (signed.status, signed.effective_on, signed.source.key) == (
        Status.PENDING_ADOPTION,
        dt.date(2005, 2, 9),
        "coe-treaty-185-chart",
    )
    assert "2001-11-23" in signed.evidence and "conflict" in signed.evidence


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
