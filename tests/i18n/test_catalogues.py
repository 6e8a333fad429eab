"""Every shipped catalogue is complete, keeps the placeholders, is compiled, and Serbian
Latin is the transliteration of Serbian Cyrillic."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

from common.catalogues import latin_catalogue, placeholders, problems, to_latin

LOCALE = Path(settings.LOCALE_PATHS[0])
SHIPPED = ["sr", "sr_Latn", "bs", "sq", "mk", "tr"]


def catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def test_every_language_of_the_settings_has_a_catalogue():
    from django.utils.translation import to_locale

    wanted = {to_locale(code) for code, _name in settings.LANGUAGES if code != "en"}
    assert wanted == set(SHIPPED)


@pytest.mark.parametrize("language", SHIPPED)
def test_catalogue_has_no_untranslated_fuzzy_or_broken_entry(language):
    found = problems(catalogue(language))
    assert not found, "\n".join(str(p) for p in found[:40]) + f"\n({len(found)} in all)"


@pytest.mark.parametrize("language", SHIPPED)
def test_compiled_catalogue_matches_its_source(language):
    source = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(catalogue(language)))}
    compiled = polib.mofile(str(catalogue(language).with_suffix(".mo")))
    translated = {key: e for key, e in source.items() if e.translated()}
    assert {(e.msgctxt, e.msgid) for e in compiled if e.msgid} == set(translated)
    for entry in compiled:
        if entry.msgid and not entry.msgid_plural:
            assert entry.msgstr == translated[(entry.msgctxt, entry.msgid)].msgstr


def test_serbian_latin_is_the_transliteration_of_serbian_cyrillic():
    expected = latin_catalogue(polib.pofile(str(catalogue("sr"))))
    actual = polib.pofile(str(catalogue("sr_Latn")))
    assert {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in actual} == {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in expected
    }


def test_transliteration_keeps_placeholders_and_markup():
    text = 'Држава %(country)s: <a href="%(url)s">извор</a> — ђ, љ, њ, џ'
    latin = to_latin(text)
    assert latin == 'Država %(country)s: <a href="%(url)s">izvor</a> — đ, lj, nj, dž'
    assert placeholders(latin) == placeholders(text)


def test_a_changed_or_missing_placeholder_is_a_problem(tmp_path):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(
        polib.POEntry(msgid="%(name)s rows", msgstr="%(nom)s redova", flags=["python-format"])
    )
    po.append(
        polib.POEntry(msgid="%(count)s of %(total)s", msgstr="%(count)s", flags=["python-format"])
    )
    po.append(
        polib.POEntry(msgid="Kept %(name)s", msgstr="Zadržano %(name)s", flags=["python-format"])
    )
    po.append(polib.POEntry(msgid="Fuzzy", msgstr="Nejasno", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Empty", msgstr=""))
    path = tmp_path / "django.po"
    po.save(str(path))

    found = {(p.msgid, p.what.split()[0]) for p in problems(path)}

    assert found == {
        ("%(name)s rows", "placeholders"),
        ("%(count)s of %(total)s", "placeholders"),
        ("Fuzzy", "fuzzy"),
        ("Empty", "untranslated"),
    }
