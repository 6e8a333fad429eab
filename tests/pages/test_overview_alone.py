"""The overview on a database without the pages' shared world: empty, then synthetic only.

Apart from tests/pages/test_overview.py, whose module-wide world would be in every test.
The empty database is looked at first, before the synthetic data is built for the module.
"""

import pytest

from tests.pages.test_overview import cells

pytestmark = pytest.mark.django_db


def test_an_empty_database_says_so(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert "No framework or country has been loaded yet." in response.content.decode()


def test_a_database_with_only_synthetic_frameworks_shows_them(client, synthetic):
    response = client.get("/?as_of=2020-01-01")

    assert response.status_code == 200
    assert "synthetic benchmark frameworks" in response.content.decode()
    assert len(cells(response)) == 6


def test_overview_runs_a_fixed_number_of_queries(client, synthetic, django_assert_num_queries):
    # 1 public frameworks, 2 every framework (only synthetic ones here), 3 their countries,
    # 4 countries, 5 workshop key dates, 6 leaf count per framework, 7 kept root totals
    # as of the day (alignment.scoretable): no status read, whatever the history.
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(7 + 1):
        response = client.get("/?as_of=2020-01-01")
    assert len(cells(response)) == 6
    assert len(response.content) < 30_000


@pytest.mark.parametrize("day", ["2009-12-31", "2014-06-30", "2030-01-01"])
def test_overview_cells_are_the_histories_index_and_coverage(client, synthetic, day):
    # Read from kept totals; the statuses in force (framework_scores) must agree.
    import datetime as dt

    from alignment.models import Framework
    from alignment.pages.charts import percent, whole
    from alignment.scoring import framework_scores

    found = cells(client.get(f"/?as_of={day}"))
    checked = 0
    for framework in Framework.objects.all():
        for score in framework_scores(framework, dt.date.fromisoformat(day)):
            cell = found[(score.country.code, framework.code)]
            if score.index is None:
                assert cell.attrs["data-status"] == "none"
            else:
                assert cell.attrs["data-index"] == whole(score.index)
                assert cell.attrs["data-coverage"] == percent(score.coverage)
            checked += 1
    assert checked == len(found)
