"""The status export as of 2016-05-26 reproduces the 2016 picture of the demo dataset.

../shared/domain/demo-dataset.md, "The picture on 2016-05-26 (from the source
document)": every row of that table, with its status, and nothing that happened later.
"""

from alignment.dates import parse_partial
from tests.exports.helpers import csv_rows

BENEFICIARIES = ["AL", "BA", "ME", "MK", "RS", "TR", "XK"]

PICTURE_2016 = {
    ("AL", "eu-ch24/cybercrime-strategy"): "pending_adoption",
    ("BA", "coe-ets-189/offences"): "not_aligned",
    ("TR", "eu-ch24/cybercrime-law"): "not_aligned",
    ("RS", "eu-ch24/cybercrime-law"): "not_aligned",
    ("BA", "eu-ch24/cybercrime-strategy"): "not_aligned",
    ("MK", "eu-ch24/cybercrime-strategy"): "not_aligned",
    ("RS", "eu-ch24/cybercrime-strategy"): "not_aligned",
    ("ME", "eu-dap-2013/supply.asset-recovery"): "in_preparation",
    **{(code, "eu-dap-2013/supply.online-markets"): "not_aligned" for code in BENEFICIARIES},
}


def export_2016(client) -> dict[tuple[str, str], dict]:
    response = client.get("/export/status.csv?as_of=2016-05-26")
    assert response.status_code == 200
    return {(row["country_code"], row["requirement_code"]): row for row in csv_rows(response)}


def test_status_export_as_of_2016_05_26_reproduces_the_2016_picture(client, demo):
    rows = export_2016(client)

    assert {pair: rows[pair]["status"] for pair in PICTURE_2016 if pair in rows} == PICTURE_2016
    for pair in PICTURE_2016:
        assert rows[pair]["effective_on"] == "2016-05-26", pair
        assert (
            rows[pair]["score"]
            == {"not_aligned": "0", "in_preparation": "25", "pending_adoption": "50"}[
                rows[pair]["status"]
            ]
        )


def test_nothing_that_took_effect_after_the_workshop_is_in_the_2016_export(client, demo):
    rows = export_2016(client)

    for pair, row in rows.items():
        day, _ = parse_partial(row["effective_on"])
        assert day.isoformat() <= "2016-05-26", (pair, row["effective_on"])
    # Serbia's strategy was adopted on 2018-09-15: in 2016 it is still not aligned.
    assert rows[("RS", "eu-ch24/cybercrime-strategy")]["status"] == "not_aligned"


def test_kosovo_is_not_applicable_on_council_of_europe_treaties_with_no_score(client, demo):
    rows = export_2016(client)

    treaty_rows = [
        row
        for (code, _), row in rows.items()
        if code == "XK" and row["framework"].startswith("coe-")
    ]
    assert treaty_rows
    assert {(row["status"], row["score"]) for row in treaty_rows} == {("not_applicable", "")}
