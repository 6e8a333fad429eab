"""The English fallback of a title is marked "not yet translated" on the page, in English
for screen readers (lang="en"); a translated title is shown unmarked. Attributes and the
document title get plain text, never the marking's HTML."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from alignment.models import Status
from tests import factories

pytestmark = pytest.mark.django_db

LAW_SR = "Усвојити закон о високотехнолошком криминалу"
MARKED = (
    '<span lang="en">Adopt a strategy</span> '
    '<small class="untranslated">(још није преведено)</small>'
)


@pytest.fixture
def world():
    rs = factories.country("RS", "Serbia")
    rs.name_sr = "Србија"
    rs.save(update_fields=["name_sr"])
    ch24 = factories.framework("eu-ch24", countries=[rs], title="Chapter 24")
    ch24.title_sr = "Поглавље 24"
    ch24.save(update_fields=["title_sr"])
    law = factories.requirement(ch24, "cybercrime-law", title="Adopt a cybercrime law")
    law.title_sr = LAW_SR
    law.save(update_fields=["title_sr"])
    strategy = factories.requirement(ch24, "cybercrime-strategy", title="Adopt a strategy")
    factories.change(rs, law, Status.NOT_ALIGNED)
    factories.change(rs, strategy, Status.ADOPTED)
    return law, strategy


def page(client, path: str) -> str:
    response = client.get(path, {"lang": "sr"})
    assert response.status_code == 200
    return response.content.decode()


def test_in_serbian_an_untranslated_requirement_is_marked_and_a_translated_one_is_not(
    client, world
):
    html = page(client, "/frameworks/eu-ch24/")
    assert MARKED in html
    assert f">{LAW_SR}</a>" in html  # unmarked: straight inside its link
    assert html.count("untranslated") == 1  # the framework and the country are translated


def test_the_requirement_page_marks_its_own_title(client, world):
    html = page(client, "/frameworks/eu-ch24/requirements/cybercrime-strategy/")
    assert f"<h1>{MARKED} <code>" in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<span" not in title and "&lt;span" not in title
    assert (
        page(client, "/frameworks/eu-ch24/requirements/cybercrime-law/").count("untranslated") == 0
    )


def test_in_english_nothing_is_marked(client, world):
    html = client.get("/frameworks/eu-ch24/", {"lang": "en"}).content.decode()
    assert "untranslated" not in html and "Adopt a strategy</a>" in html


def test_attributes_get_plain_text(client, world):
    world[0].framework.countries.add(factories.country("AL", "Albania"))  # no Serbian name
    html = page(client, "/frameworks/eu-ch24/")
    assert '<abbr title="Albania (' in html  # the marking in words, in the attribute
    assert not re.search(r'title="[^"]*<', html)


def render(template: str, **context) -> str:
    return Template("{% load translated %}" + template).render(Context(context))


def test_the_plain_text_filter_marks_in_words_only(world):
    _law, strategy = world
    with translation.override("sr"):
        text = render('{{ r|translated_text:"title" }}', r=strategy)
    assert text.startswith("Adopt a strategy (") and "<" not in text


def test_a_row_read_with_values_is_marked_too(world):
    row = {"title": "Adopt a strategy", "title_sr": None}
    with translation.override("sr"):
        assert MARKED in render('{{ r|translated:"title" }}', r=row)
        assert (
            render('{{ r|translated:"title" }}', r={"title": LAW_SR, "title_sr": LAW_SR}) == LAW_SR
        )
