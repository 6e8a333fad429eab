"""Choosing a language: the menu (no JavaScript), the cookie, `?lang=`, and fallbacks."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "sr", "sr-latn", "bs", "sq", "mk", "tr"]


def html_lang(response) -> str:
    text = response.content.decode()
    start = text.index('<html lang="') + len('<html lang="')
    return text[start : text.index('"', start)]


def test_the_menu_offers_every_language_on_public_and_admin_pages(client):
    for url in [reverse("workshops:list"), reverse("admin:login")]:
        text = client.get(url).content.decode()
        assert f'action="{reverse("set_language")}"' in text
        for code in LANGUAGES:
            assert f'<option value="{code}"' in text, (url, code)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_menu_sets_a_cookie_that_the_next_page_follows(client, code):
    page = reverse("workshops:list")
    answer = client.post(reverse("set_language"), {"language": code, "next": page})

    assert answer.status_code == 302 and answer["Location"] == page
    assert client.cookies["language"].value == code
    following = client.get(page)
    assert following["Content-Language"] == code
    assert html_lang(following) == code


def test_query_parameter_overrides_cookie_and_header(client):
    client.cookies["language"] = "tr"
    answer = client.get(reverse("workshops:list") + "?lang=sq", HTTP_ACCEPT_LANGUAGE="mk")
    assert answer["Content-Language"] == "sq"
    assert html_lang(answer) == "sq"


@pytest.mark.parametrize(
    "how",
    [
        {"QUERY_STRING": "lang=xx-yy"},
        {"QUERY_STRING": "lang=%E2%82%AC"},
        {"HTTP_ACCEPT_LANGUAGE": "klingon,xx;q=0.9"},
        {"HTTP_COOKIE": "language=zz"},
    ],
)
def test_an_unknown_language_falls_back_to_english(client, how):
    answer = client.get(reverse("workshops:list"), **how)
    assert answer.status_code == 200
    assert answer["Content-Language"] == "en"
    assert html_lang(answer) == "en"


def test_an_unknown_language_from_the_menu_reads_as_english(client):
    client.cookies["language"] = "sq"
    answer = client.post(reverse("set_language"), {"language": "xx", "next": "/workshops/"})
    assert answer.status_code == 302
    following = client.get(reverse("workshops:list"), HTTP_ACCEPT_LANGUAGE="")
    assert following.status_code == 200
    assert following["Content-Language"] in {"en", "sq"}
    assert html_lang(following) == following["Content-Language"]


def test_serbian_latin_reads_in_latin_script(client):
    latin = client.get(reverse("workshops:list"), HTTP_ACCEPT_LANGUAGE="sr-latn")
    cyrillic = client.get(reverse("workshops:list"), HTTP_ACCEPT_LANGUAGE="sr")
    assert "Praćenje usklađenosti" in latin.content.decode()
    assert "Праћење усклађености" in cyrillic.content.decode()


def test_api_schema_documents_the_lang_parameter(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert operations
    for operation in operations:
        names = [p["name"] for p in operation.get("parameters", [])]
        assert "lang" in names
