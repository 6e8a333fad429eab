"""Issue 10: the country, requirement, cell and workshop pages ask the same number of
queries on a small and on a larger synthetic world (more countries, a longer history,
more recommendations), today and as of a past date; the counts are each page's own
(pinned and itemised in its test module). Its own module: the worlds are built per test,
beside no other synthetic data."""

import pytest

from tests.pages import sizes
from tests.pages.test_cell import CELL_QUERIES
from tests.pages.test_country import COUNTRY_QUERIES
from tests.pages.test_requirement import GROUP_QUERIES, LEAF_QUERIES
from tests.pages.test_workshops import WORKSHOP_QUERIES

pytestmark = pytest.mark.django_db

FW = "synthetic-01"


def pages(world) -> list[tuple[str, int]]:
    country, leaf = world.countries[-1].code, world.leaves[-1].code
    return [
        (f"/countries/{country}/?framework={FW}", COUNTRY_QUERIES),
        (f"/frameworks/{FW}/requirements/{leaf}/", LEAF_QUERIES),
        (f"/frameworks/{FW}/requirements/area-01/", GROUP_QUERIES),
        (f"/countries/{country}/frameworks/{FW}/requirements/{leaf}/", CELL_QUERIES),
        (f"/workshops/{world.workshop.slug}/", WORKSHOP_QUERIES),
    ]


@pytest.mark.parametrize("size", list(sizes.SIZES))
@pytest.mark.parametrize("as_of", ["", "2015-06-30"])
def test_each_page_asks_as_many_queries_whatever_the_data_size(client, size, as_of):
    world = sizes.build(size)
    for url, expected in pages(world):
        if as_of:
            url += f"{'&' if '?' in url else '?'}as_of={as_of}"
        assert (url, sizes.queries(client, url)) == (url, expected)
