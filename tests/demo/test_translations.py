"""The demo's content in every language: titles translated, Serbian Latin transliterated
from the Cyrillic, and the workshop's Serbian texts in the source document's own words."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from alignment.models import Framework, Requirement, Theme
from common.catalogues import to_latin
from countries.models import Country, Institution
from tests.demo.conftest import FIXTURES
from workshops.models import Recommendation, Workshop

# The workshop's source document, the Serbian original (a copy of
# ../shared/domain/seed-2016-sarajevo-workshop.sr.txt, kept with the data it backs).
SOURCE_FILE = FIXTURES / "demo" / "documents" / "ocd-rs-2016-sarajevo-workshop.sr.txt"
SLUG = "taiex-2016-sarajevo-cybercrime"
LANGUAGES = [code.replace("-", "_") for code, _name in settings.LANGUAGES if code != "en"]
# Every translatable field the demo fills in all six languages.
FILLED_EVERYWHERE = [
    (Framework, "title"),
    (Requirement, "title"),
    (Requirement, "text"),
    (Framework, "description"),
    (Country, "name"),
    (Institution, "name"),
    (Theme, "name"),
]
# Every translatable field with a Serbian text somewhere in the demo.
TRANSLATED = [
    *FILLED_EVERYWHERE,
    (Country, "footnote"),
    (Workshop, "title"),
    (Workshop, "summary"),
    (Workshop, "city"),
    (Recommendation, "text"),
]
# The country each recommendation names, as the source's Serbian words for it.
NAMED_IN_SERBIAN = {
    "C1": "Албаниј",
    "C2": "БиХ",
    "C3": "Турска",
    "C4": "Србија",
    "C5": "БиХ",
    "C6": "Македониј",
    "C7": "Србиј",
    "C8": "Црна Гора",
    "C9": "Западни Балкан и Турска",
}


def words(text: str) -> str:
    """Runs of spaces and line breaks made one space, as the demo's Serbian texts keep them."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def source() -> str:
    return words(SOURCE_FILE.resolve().read_text(encoding="utf-8"))


def test_the_builder_writes_the_languages_the_site_offers(build_demo):
    written, generated = set(build_demo.WRITTEN_LANGUAGES), set(build_demo.GENERATED_LANGUAGES)

    assert written | generated == set(LANGUAGES)
    assert not written & generated


def named(value) -> str:
    return getattr(value, "__name__", value)


@pytest.mark.parametrize(("model", "field"), FILLED_EVERYWHERE, ids=named)
def test_every_title_name_and_requirement_text_is_in_all_six_languages(demo, model, field):
    rows = list(model.objects.all())
    assert rows

    missing = [
        (getattr(row, f"{field}_en"), language)
        for row in rows
        for language in LANGUAGES
        if not getattr(row, f"{field}_{language}")
    ]
    assert missing == []


@pytest.mark.parametrize(("model", "field"), FILLED_EVERYWHERE[:4], ids=named)
def test_no_framework_or_requirement_title_or_text_is_the_english_copied(demo, model, field):
    copied = [
        (getattr(row, f"{field}_en"), language)
        for row in model.objects.all()
        for language in LANGUAGES
        if getattr(row, f"{field}_{language}") == getattr(row, f"{field}_en")
    ]
    assert copied == []


@pytest.mark.parametrize(("model", "field"), FILLED_EVERYWHERE, ids=named)
def test_a_translation_keeps_every_number_and_date_of_the_english(demo, model, field):
    lost = [
        (getattr(row, f"{field}_en"), language, number)
        for row in model.objects.all()
        for language in LANGUAGES
        for number in re.findall(r"\d+", getattr(row, f"{field}_en"))
        if number not in re.findall(r"\d+", getattr(row, f"{field}_{language}"))
    ]
    assert lost == []


@pytest.mark.parametrize(("model", "field"), TRANSLATED, ids=named)
def test_serbian_latin_is_the_transliteration_of_the_cyrillic(demo, model, field):
    rows = model.objects.exclude(**{f"{field}_sr": ""}).exclude(**{f"{field}_sr__isnull": True})
    pairs = list(rows.values_list(f"{field}_sr", f"{field}_sr_latn"))
    assert pairs

    assert [latin for _cyrillic, latin in pairs] == [to_latin(cyrillic) for cyrillic, _ in pairs]
    assert not any(re.search("[\u0400-\u04ff]", latin) for _, latin in pairs)


def test_the_workshop_in_serbian_is_the_source_documents_own_words(demo, source):
    workshop = Workshop.objects.get(slug=SLUG)

    assert workshop.title_sr in source
    assert workshop.city_sr == "Сарајево"  # the source's "У Сарајеву", in the nominative
    sentences = re.split(r"(?<=\.) (?=[А-ЯЂЈЉЊЋЏ])", workshop.summary_sr)
    assert len(sentences) == 5
    assert [s for s in sentences if s not in source] == []


def test_each_recommendation_in_serbian_is_the_originals_wording_of_its_claim(demo, source):
    recommendations = dict(
        Recommendation.objects.filter(workshop__slug=SLUG).values_list("code", "text_sr")
    )

    assert sorted(recommendations, key=lambda c: int(c[1:])) == [f"C{n}" for n in range(1, 12)]
    assert {code: text for code, text in recommendations.items() if text not in source} == {}
    assert {
        code: recommendations[code]
        for code, name in NAMED_IN_SERBIAN.items()
        if name not in recommendations[code]
    } == {}


def test_recommendations_have_no_text_the_source_does_not_give(demo):
    """The source is Serbian only: other languages fall back to English, never a guess."""
    texts = Recommendation.objects.values_list("text_bs", "text_sq", "text_mk", "text_tr")

    assert {value or "" for row in texts for value in row} == {""}


def test_the_builder_refuses_a_hand_written_serbian_latin_text(build_demo, edited_sources):
    path = edited_sources / "themes.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('name = "Strategy"', 'name = "Strategy"\nname_sr_latn = "Strategija"'),
        encoding="utf-8",
    )

    with pytest.raises(
        build_demo.BuildError,
        match=r"themes\.toml, theme #6: name_sr_latn is generated from name_sr; remove it",
    ):
        build_demo.render()


def test_the_builder_refuses_a_language_the_site_does_not_have(build_demo, edited_sources):
    path = edited_sources / "themes.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('name = "Strategy"', 'name = "Strategy"\nname_hr = "Strategija"'),
        encoding="utf-8",
    )

    with pytest.raises(
        build_demo.BuildError, match=r"themes\.toml, theme #6: name_hr: unknown language 'hr'"
    ):
        build_demo.render()


def test_a_requirement_page_shows_its_title_in_the_readers_language(client, demo):
    requirement = Requirement.objects.get(framework__code="eu-ch24", code="cybercrime-strategy")
    url = reverse("alignment:requirement", args=["eu-ch24", "cybercrime-strategy"])

    by_query = client.get(url, {"lang": "sr"}).content.decode()
    assert "Национална стратегија која обухвата борбу против високотехнолошког" in by_query
    assert requirement.title_en not in by_query

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sr-latn"
    by_cookie = client.get(url).content.decode()
    assert "Nacionalna strategija koja obuhvata borbu protiv visokotehnološkog" in by_cookie
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]

    by_header = client.get(url, headers={"accept-language": "mk"}).content.decode()
    assert requirement.title_mk in by_header
    assert requirement.title_en in client.get(url).content.decode()


def test_the_workshop_page_shows_the_sources_serbian_recommendations(client, demo):
    url = reverse("workshops:detail", args=[SLUG])
    c9 = Recommendation.objects.get(workshop__slug=SLUG, code="C9")

    cyrillic = client.get(url, {"lang": "sr"}).content.decode()
    latin = client.get(url, {"lang": "sr-latn"}).content.decode()
    turkish = client.get(url, {"lang": "tr"}).content.decode()

    assert "TAIEX Регионална радионица која третира сајбер криминал повезан са дрогом" in cyrillic
    assert c9.text_sr in cyrillic and c9.text_en not in cyrillic
    assert to_latin(c9.text_sr) in latin
    assert "Saraybosna" in turkish and c9.text_en in turkish  # no Turkish text: English


def test_the_overview_names_the_workshop_in_the_readers_language(client, demo):
    """The key dates and the workshop story read the title through values(), which
    modeltranslation does not rewrite: the base (English) column was read."""
    workshop = Workshop.objects.get(slug=SLUG)
    serbian = client.get(reverse("alignment:home"), {"lang": "sr"}).content.decode()
    english = client.get(reverse("alignment:home")).content.decode()
    assert workshop.title_sr in serbian and workshop.title_en not in serbian
    assert workshop.title_en in english
