"""/api/v1/countries/: countries by code, with the public frameworks they are assessed on."""

from tests import factories


def test_list_gives_each_country_by_code_with_its_public_frameworks(client, world):
    response = client.get("/api/v1/countries/")

    assert response.status_code == 200
    results = response.json()["results"]
    assert [c["code"] for c in results] == ["AL", "AT", "RS"]  # by name
    albania = results[0]
    assert albania["frameworks"] == ["coe-ets-185", "eu-ch24"]  # not synthetic-01
    assert "id" not in albania


def test_countries_assessed_only_on_synthetic_frameworks_are_left_out(client, world):
    generated = factories.country("QM", "Synthetic country 01")
    world.synthetic.countries.add(generated)
    factories.country("QN", "Newly added country")  # on no framework yet: still listed

    codes = [c["code"] for c in client.get("/api/v1/countries/").json()["results"]]

    assert "QM" not in codes
    assert "QN" in codes
    assert client.get("/api/v1/countries/QM/").json()["frameworks"] == []  # by its code


def test_detail_is_found_by_code_in_any_case(client, world):
    response = client.get("/api/v1/countries/rs/")

    assert response.status_code == 200
    assert response.json() == {
        "code": "RS",
        "name": "Serbia",
        "footnote": "",
        "eu_relationship": "candidate",
        "eu_relationship_since": None,
        "frameworks": ["coe-ets-185", "eu-ch24"],
    }


def test_an_unknown_code_is_a_404_naming_it(client, world):
    response = client.get("/api/v1/countries/ZZ/")

    assert response.status_code == 404
    assert response.json() == {"detail": "country: no country has the code “ZZ”."}


def test_list_query_count_does_not_grow_with_countries(client, world, django_assert_num_queries):
    framework = factories.framework("wide")
    framework.countries.add(*[factories.country(f"Q{letter}") for letter in "ABCDEFGHIJKLMNOP"])

    # The count for the pagination, the page of countries, their public frameworks.
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(3 + 1):
        response = client.get("/api/v1/countries/")

    assert response.json()["count"] == 19
