"""A NUL byte in a path or a parameter is a 400 everywhere, before any query.

Defect 7 of issue 12: PostgreSQL cannot hold a NUL in text, so `/countries/RS%00/`,
`?framework=%00`, the admin's list filters and the autocomplete answered 500 there.
"""

import pytest

from tests.admin.conftest import logged_in

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/countries/RS%00/",
    "/?framework=%00",
    "/?as_of=2016-05-26%00",
    "/frameworks/eu-ch24/requirements/law%00/",
    "/workshops/?country=%00",
    "/export/status.csv?country=RS%00",
    "/export/history.json?framework=%00x",
    "/api/v1/countries/RS%00/",
    "/api/v1/assessments/?country=%00",
    "/api/v1/sources/%00/",
    "/healthz?%00=1",
]
ADMIN = [
    "/admin/alignment/statuschange/?country__code__exact=%00",
    "/admin/alignment/statuschange/?q=%00",
    "/admin/alignment/statuschange/%00/change/",
    "/admin/autocomplete/?app_label=alignment&model_name=statuschange"
    "&field_name=requirement&term=%00",
    "/admin/countries/country/?q=a%00b",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_addresses_with_a_nul_byte_are_refused_before_any_query(
    client, url, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.parametrize("url", ADMIN)
def test_admin_addresses_with_a_nul_byte_are_refused_before_any_query(
    reviewer, url, django_assert_num_queries
):
    client = logged_in(reviewer)
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 400


def test_a_nul_byte_in_a_posted_form_is_refused(reviewer):
    client = logged_in(reviewer)
    response = client.post(
        "/admin/countries/country/add/",
        "code=Q%00&name=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "code" in response.content.decode()
