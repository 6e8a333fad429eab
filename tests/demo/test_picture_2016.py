"""The picture on 2016-05-26 of demo-dataset.md comes out of the as-of rule exactly."""

import datetime as dt

from alignment.models import Requirement, Status
from alignment.scoring import statuses_as_of
from countries.models import Country
from tests.demo.conftest import BENEFICIARIES, SOURCE_DOCUMENT, WORKSHOP_DAY

# demo-dataset.md, "The picture on 2016-05-26 (from the source document)", cell by cell.
PICTURE_2016 = {
    ("AL", "eu-ch24/cybercrime-strategy"): Status.PENDING_ADOPTION,
    ("BA", "coe-ets-189/offences"): Status.NOT_ALIGNED,
    ("TR", "eu-ch24/cybercrime-law"): Status.NOT_ALIGNED,
    ("RS", "eu-ch24/cybercrime-law"): Status.NOT_ALIGNED,
    ("BA", "eu-ch24/cybercrime-strategy"): Status.NOT_ALIGNED,
    ("MK", "eu-ch24/cybercrime-strategy"): Status.NOT_ALIGNED,
    ("RS", "eu-ch24/cybercrime-strategy"): Status.NOT_ALIGNED,
    ("ME", "eu-dap-2013/supply.asset-recovery"): Status.IN_PREPARATION,
    **{(code, "eu-dap-2013/supply.online-markets"): Status.NOT_ALIGNED for code in BENEFICIARIES},
}


def cells(day: dt.date) -> dict[tuple[str, str], object]:
    """statuses_as_of keyed by (country code, full requirement code)."""
    countries = {c.pk: c.code for c in Country.objects.all()}
    requirements = {r.pk: r.full_code for r in Requirement.objects.select_related("framework")}
    return {
        (countries[country_id], requirements[requirement_id]): row
        for (country_id, requirement_id), row in statuses_as_of(day).items()
    }


def test_each_cell_of_the_2016_picture_has_its_status_from_the_source_document(demo):
    picture = cells(WORKSHOP_DAY)

    for cell, status in PICTURE_2016.items():
        assert cell in picture, f"{cell}: no data on {WORKSHOP_DAY}"
        row = picture[cell]
        assert (row.status, row.effective_on, row.source.key) == (
            status,
            WORKSHOP_DAY,
            SOURCE_DOCUMENT,
        ), cell


def test_only_the_pictures_cells_cite_the_source_document_on_the_workshop_day(demo):
    picture = cells(WORKSHOP_DAY)

    cited = {cell for cell, row in picture.items() if row.source.key == SOURCE_DOCUMENT}
    assert cited == set(PICTURE_2016)


def test_the_day_before_the_workshop_albania_shows_the_approval_octopus_dates(demo):
    """The disagreement of the sources, resolved by the as-of rule (the later row wins)."""
    before = cells(WORKSHOP_DAY - dt.timedelta(days=1))[("AL", "eu-ch24/cybercrime-strategy")]
    on_the_day = cells(WORKSHOP_DAY)[("AL", "eu-ch24/cybercrime-strategy")]

    assert (before.status, before.effective_on) == (Status.ADOPTED, dt.date(2015, 12, 2))
    assert before.source.key == "coe-octopus-albania-2017"
    assert "No. 973" in before.evidence and "awaiting the Government's approval" in before.evidence
    assert on_the_day.status == Status.PENDING_ADOPTION
    assert "No. 973" in on_the_day.evidence and "2015-12-02" in on_the_day.evidence


def test_bosnia_had_ratified_the_protocol_but_not_transposed_its_offences_in_2016(demo):
    picture = cells(WORKSHOP_DAY)

    assert picture[("BA", "coe-ets-189/party")].status == Status.ADOPTED
    assert picture[("BA", "coe-ets-189/offences")].status == Status.NOT_ALIGNED
