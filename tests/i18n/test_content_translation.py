"""Titles and texts in several languages, with the English fallback marked as such."""

import pytest
from django.template import Context, Template
from django.utils import translation

from alignment.models import Framework

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    return Framework.objects.create(
        code="coe-ets-185",
        title_en="Convention on Cybercrime",
        title_sr="Конвенција о високотехнолошком криминалу",
        issuer="Council of Europe",
        kind="treaty",
    )


def render(framework) -> str:
    return Template('{% load translated %}{{ framework|translated:"title" }}').render(
        Context({"framework": framework})
    )


def test_a_title_reads_in_the_readers_language(framework):
    with translation.override("sr"):
        assert framework.title == "Конвенција о високотехнолошком криминалу"
        assert render(framework) == "Конвенција о високотехнолошком криминалу"
    with translation.override("en"):
        assert render(framework) == "Convention on Cybercrime"


def test_a_missing_translation_falls_back_to_english_and_says_so(framework):
    with translation.override("tr"):
        assert framework.title == "Convention on Cybercrime"
        html = render(framework)
    assert '<span lang="en">Convention on Cybercrime</span>' in html
    assert "untranslated" in html


def test_lookups_by_title_follow_the_language(framework):
    with translation.override("sr"):
        assert Framework.objects.filter(title__startswith="Конвенција").get() == framework
