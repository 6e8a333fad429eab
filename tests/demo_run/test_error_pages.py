"""With DEBUG off, as in the demo and in production (pytest-django runs with DEBUG off),
a mistake shows the site's own page, never the framework's."""

import pytest
from django.test import Client
from django.urls import include, path, reverse

pytestmark = pytest.mark.django_db


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken), path("", include("config.urls"))]


def assert_the_sites_own_page(response, status: int, heading: str) -> None:
    html = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in html
    assert 'class="brand"' in html and reverse("alignment:home") in html
    assert "Traceback" not in html and "DEBUG = True" not in html


def test_an_unknown_address_shows_the_sites_not_found_page(client):
    assert_the_sites_own_page(client.get("/no-such-page/"), 404, "Not found")


def test_a_mistyped_date_shows_the_sites_bad_request_page_naming_the_parameter(client):
    response = client.get(reverse("alignment:home"), {"as_of": "2016-13-45"})
    assert_the_sites_own_page(response, 400, "Bad request")
    assert "as_of" in response.content.decode()


def test_a_bug_shows_the_sites_server_error_page(settings):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert_the_sites_own_page(response, 500, "Server error")
    assert "a bug" not in response.content.decode()


def test_the_favicon_is_linked_from_every_page_and_served_at_the_root(client):
    html = client.get(reverse("workshops:list")).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html

    svg = client.get("/static/favicon.svg")
    ico = client.get("/favicon.ico")

    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(svg.streaming_content)
    assert ico.status_code == 200 and ico["Content-Type"] in {
        "image/x-icon",
        "image/vnd.microsoft.icon",
    }
    assert b"".join(ico.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an icon file
