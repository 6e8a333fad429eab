"""The OpenAPI 3 schema at /api/v1/schema/ and the documentation page, with no CDN."""

import re

import pytest
from drf_spectacular.validation import validate_schema

ENDPOINTS = {
    "/api/v1/countries/",
    "/api/v1/countries/{code}/",
    "/api/v1/frameworks/",
    "/api/v1/frameworks/{code}/",
    "/api/v1/frameworks/{code}/requirements/",
    "/api/v1/frameworks/{code}/requirements/{requirement}/",
    "/api/v1/assessments/",
    "/api/v1/history/",
    "/api/v1/history/{uid}/",
    "/api/v1/scores/",
    "/api/v1/sources/",
    "/api/v1/sources/{key}/",
    "/api/v1/workshops/",
    "/api/v1/workshops/{slug}/",
    "/api/v1/workshops/{slug}/recommendations/{code}/",
    "/api/v1/recommendations/",
    # Issue 15: indicators.
    "/api/v1/indicators/",
    "/api/v1/indicators/{code}/",
    "/api/v1/indicators/{code}/values/",
}


@pytest.fixture
def schema(client, db) -> dict:
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_valid_openapi_3_listing_every_endpoint_read_only(schema):
    validate_schema(schema)

    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == ENDPOINTS
    assert {method for path in schema["paths"].values() for method in path} == {"get"}


def test_every_parameter_is_described(schema):
    for path, item in schema["paths"].items():
        for parameter in item["get"].get("parameters", []):
            assert parameter.get("description"), (path, parameter["name"])


def test_every_filter_of_the_status_filtersets_is_a_documented_parameter(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/assessments/"]["get"]["parameters"]}

    assert names == {
        *("as_of", "country", "framework", "group", "status", "theme", "limit", "offset"),
        "lang",  # every endpoint: the labels' language (alignment.api.schema)
    }
    scores = {p["name"] for p in schema["paths"]["/api/v1/scores/"]["get"]["parameters"]}
    assert scores == names - {"status"}


def test_errors_are_documented_with_their_bodies(schema):
    for path, item in schema["paths"].items():
        responses = item["get"]["responses"]
        assert "200" in responses, path
        if "{" in path:
            assert "404" in responses, path
        # `lang` never errs: an unknown language reads as English.
        if any(
            p["in"] == "query" and p["name"] != "lang" for p in item["get"].get("parameters", [])
        ):
            assert "400" in responses, path


def test_repeatable_filters_are_arrays_sent_as_repeated_parameters(schema):
    parameters = schema["paths"]["/api/v1/assessments/"]["get"]["parameters"]
    country = next(p for p in parameters if p["name"] == "country")

    assert country["schema"]["type"] == "array"
    assert (country["style"], country["explode"]) == ("form", True)


def test_docs_page_loads_everything_from_this_server(client, db):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    assert not re.search(r"https?://", html.split("<script>")[0])
    for asset in assets:
        # The sidecar's files, and the page's own script (kept out of the page for the CSP).
        assert asset.startswith("/static/drf_spectacular_sidecar/") or asset == (
            "/api/v1/docs/?script="
        ), asset
        assert client.get(asset).status_code == 200, asset


def test_api_root_leads_to_the_docs(client, db):
    response = client.get("/api/v1/")

    assert response.status_code == 302
    assert response["Location"] == "/api/v1/docs/"
