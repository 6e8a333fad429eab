"""Rankings on the demo that cannot mislead: ties share a rank, thin coverage says so."""

import datetime as dt

import pytest

from alignment.models import Framework
from alignment.scoring import framework_scores
from tests.demo.conftest import WORKSHOP_DAY


@pytest.mark.parametrize("day", [None, WORKSHOP_DAY, dt.date(2023, 3, 1)])
def test_no_country_ranks_above_another_with_the_same_index(demo, day):
    for framework in Framework.objects.public():
        scores = framework_scores(framework, day)
        for a in scores:
            for b in scores:
                if a.index == b.index:
                    assert a.rank == b.rank, (framework.code, a.country.code, b.country.code)
                elif a.index is not None and (b.index is None or a.index > b.index):
                    assert a.rank < b.rank, (framework.code, a.country.code, b.country.code)


def test_the_second_protocol_ranks_no_signatory_above_another(demo):
    ranks = {
        s.country.code: (s.rank, s.index)
        for s in framework_scores(Framework.objects.get(code="coe-cets-224"))
    }

    assert ranks["RS"] == (1, 75)  # ratified, not in force: not 100
    signatories = {ranks[c] for c in ["AT", "FI", "ME", "NL", "MK", "HR", "AL", "BA", "SE"]}
    assert signatories == {(2, 50)}
    assert ranks["IE"][1] is None and ranks["TR"][1] is None
