"""Change lists run a fixed number of queries, however many rows they show.

Data from the synthesize command: 5 countries x 40 requirements x 3 changes, so a page
holds 100 rows; a query per row would show as a hundred more.
"""

import pytest
from django.core.management import call_command

from alignment.roles import EDITOR
from countries.models import Country
from tests.admin.conftest import logged_in, staff

# Common to every admin page: session, user, the user's and their groups' permissions.
# (Whether the user records for a country is asked only where a status is recorded.)
PER_REQUEST = 4


@pytest.fixture
def synthetic(db, roles):
    call_command("synthesize", countries=5, requirements=40, changes=3, seed=1, verbosity=0)
    country = Country.objects.order_by("code").first()
    return staff("synthetic-editor", roles[EDITOR], [country])


@pytest.fixture
def as_reviewer(reviewer):
    return logged_in(reviewer)


def rows(response) -> int:
    assert response.status_code == 200
    return len(response.context["cl"].result_list)


def test_status_change_list(as_reviewer, synthetic, django_assert_num_queries):
    as_reviewer.get("/admin/alignment/statuschange/")
    # The side bar's framework and country choices; the count; the page (with country,
    # requirement, framework, source and both users joined); the date hierarchy's first
    # and last day, then its years.
    with django_assert_num_queries(PER_REQUEST + 6):
        assert rows(as_reviewer.get("/admin/alignment/statuschange/")) == 100


def test_status_change_list_for_an_editor(synthetic, django_assert_num_queries):
    client = logged_in(synthetic)
    client.get("/admin/alignment/statuschange/")
    # As for a reviewer, the rows limited to the editor's country by a subquery.
    with django_assert_num_queries(PER_REQUEST + 6):
        assert rows(client.get("/admin/alignment/statuschange/")) == 100


def test_assessment_list(as_reviewer, synthetic, django_assert_num_queries):
    as_reviewer.get("/admin/alignment/assessment/")
    # The side bar's framework and country choices; the count; the page (country,
    # requirement, framework, the change in force and its source joined); the date
    # hierarchy's first and last day, then its years.
    with django_assert_num_queries(PER_REQUEST + 6):
        assert rows(as_reviewer.get("/admin/alignment/assessment/")) == 100


def test_requirement_list(as_reviewer, synthetic, django_assert_num_queries):
    as_reviewer.get("/admin/alignment/requirement/")
    # The page (framework and parent's framework joined); its count and the unfiltered
    # count; the side bar's framework and theme choices.
    with django_assert_num_queries(PER_REQUEST + 5):
        assert rows(as_reviewer.get("/admin/alignment/requirement/")) > 40


def test_country_list(as_reviewer, synthetic, django_assert_num_queries):
    as_reviewer.get("/admin/countries/country/")
    # The page; its count and the unfiltered count.
    with django_assert_num_queries(PER_REQUEST + 3):
        assert rows(as_reviewer.get("/admin/countries/country/")) == 5 + 3  # and AL, RS, AT
