"""Every export reads its rows in one query, however many rows."""

import datetime as dt

import pytest

from alignment.models import Status
from tests import factories
from tests.exports.helpers import body


def build_wide() -> int:
    """Twelve countries on a twenty-requirement framework, two changes each: 480 changes."""
    countries = [factories.country(f"Q{letter}") for letter in "MNOPQRSTUVWX"]
    framework = factories.framework("wide", countries=countries)
    source = factories.source("wide-source")
    for n in range(20):
        requirement = factories.requirement(framework, f"r{n:02d}", position=n)
        for country in countries:
            for day, status in [
                (dt.date(2014, 1, 1), Status.NOT_ALIGNED),
                (dt.date(2015, 1, 1), Status.ADOPTED),
            ]:
                factories.change(country, requirement, status, day, src=source)
    return 12 * 20


wide_in_module = factories.built_once_per_module(build_wide)


@pytest.fixture
def wide(wide_in_module, db) -> int:
    return wide_in_module


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
@pytest.mark.parametrize(("name", "per_pair"), [("status", 1), ("history", 2)])
def test_one_query_for_the_rows_whatever_their_number(
    client, wide, django_assert_num_queries, fmt, name, per_pair
):
    # The data version (the ETag, by primary key); 1 to check the framework code; then
    # the rows, read in one query.
    with django_assert_num_queries(3):
        content = body(client.get(f"/export/{name}.{fmt}?framework=wide"))

    if fmt == "csv":
        assert content.count(b"\n") == 1 + per_pair * wide
