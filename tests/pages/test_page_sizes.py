"""Every public page on synthetic data: a pinned number of queries and a ceiling on its size.

The synthetic fixture is 6 countries x 45 requirements (3 groups) x 3 changes plus a
workshop; the ceilings keep each page far below issue 9's 300 KB on 50 x 2,000 x 10
(benchmarks/pages.py prints the sizes there). A page that starts to grow with the data,
or to ask a query per row, fails here.
"""

import pytest

pytestmark = pytest.mark.django_db

FW = "synthetic-01"


def urls(synthetic) -> list[tuple[str, int, int]]:
    """(url, queries, ceiling in bytes); each count is named in the page's own test."""
    country = synthetic.countries[0].code
    leaf = synthetic.leaves[0]
    group = leaf.parent.code
    # V: the data version every public page reads first (alignment.pagecache); IND: the
    # indicators section of a country or requirement page (issue 15).
    return [
        ("/?as_of=2020-01-01", 7 + V, 8_000),
        (f"/frameworks/{FW}/?as_of=2020-01-01", 8 + V, 25_000),
        (f"/frameworks/{FW}/groups/{group}/?as_of=2020-01-01", 6 + V, 60_000),
        (f"/countries/{country}/?framework={FW}&as_of=2020-01-01", COUNTRY, 80_000),
        (f"/frameworks/{FW}/requirements/{leaf.code}/?as_of=2020-01-01", 8 + V + IND, 20_000),
        (f"/frameworks/{FW}/requirements/{group}/?as_of=2020-01-01", 7 + V + IND, 10_000),
        (f"/countries/{country}/frameworks/{FW}/requirements/{leaf.code}/", 6 + V, 6_000),
        ("/workshops/", 1 + V, 3_000),
        (f"/workshops/{synthetic.workshop.slug}/?as_of=2020-01-01", WORKSHOP, 25_000),
        ("/data/", 0 + V, 12_000),
    ]


V = IND = 1
COUNTRY = 12 + V + 1 + IND  # + 1: the treaty section (issue 8)
WORKSHOP = 8 + V


def test_every_public_page_is_small_and_asks_a_fixed_number_of_queries(
    client, synthetic, django_assert_num_queries
):
    sizes = {}
    for url, queries, ceiling in urls(synthetic):
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200, url
        sizes[url] = len(response.content)
        assert sizes[url] < ceiling, (url, sizes[url])
