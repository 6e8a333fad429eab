"""Every language, page by page: no English string of ours is left on the pages people use.

"Ours" is every entry of our catalogue whose translation differs from the English (codes,
proper names and words that read the same, like "Status" in Bosnian, are not flagged);
the demo's content (titles, evidence) is data, translated apart (issue 11, modeltranslation).
"""

import html
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import to_locale

from alignment.roles import REVIEWER, ensure_roles

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
PAGES = [
    "/",
    "/countries/RS/",
    "/countries/RS/frameworks/eu-ch24/requirements/cybercrime-strategy/",
    "/workshops/taiex-2016-sarajevo-cybercrime/",
    "/admin/",
    "/admin/alignment/statuschange/add/",
]
# Words of ours that the demo's own content (evidence, declarations) also uses in English.
ALLOWED = {"reservations and declarations", "TAIEX workshop"}
TAG = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")


def english_strings(language: str) -> list[str]:
    """Our English strings of two words or more that this language writes differently."""
    path = Path(settings.LOCALE_PATHS[0]) / to_locale(language) / "LC_MESSAGES" / "django.po"
    found = []
    for entry in polib.pofile(str(path)):
        text = entry.msgid
        if entry.msgid_plural or PLACEHOLDER.search(text) or "<" in text:
            continue
        if len(text.split()) >= 2 and entry.msgstr not in ("", text) and text not in ALLOWED:
            found.append(text)
    return found


def visible_text(response) -> str:
    return " ".join(html.unescape(TAG.sub(" ", response.content.decode())).split())


@pytest.fixture
def reviewer(client, demo):
    user = get_user_model().objects.create_user("rev", password="x-long-pass", is_staff=True)
    user.groups.add(ensure_roles()[REVIEWER])
    client.force_login(user)
    return user


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_string_of_ours_on_the_pages_people_use(client, reviewer, language):
    ours = english_strings(language)
    assert len(ours) > 100
    for url in PAGES:
        response = client.get(url, {"lang": language})
        assert response.status_code == 200, url
        assert f'<html lang="{language}"' in response.content.decode(), url
        text = visible_text(response)
        left = [s for s in ours if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
        assert not left, (url, left[:10])
