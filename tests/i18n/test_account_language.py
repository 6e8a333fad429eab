"""A staff user's language is kept on their account, not in one browser."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Preferences

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_user("ana", password="a-long-pass-phrase", is_staff=True)
    client.force_login(user)
    return user


def test_choosing_a_language_keeps_it_on_the_account(client, staff):
    client.post(reverse("set_language"), {"language": "mk", "next": "/admin/"})

    assert Preferences.objects.get(user=staff).language == "mk"


def test_the_accounts_language_follows_the_user_to_another_browser(client, staff):
    Preferences.objects.create(user=staff, language="tr")
    client.force_login(staff)  # another browser: a new login

    answer = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="sq")

    assert answer["Content-Language"] == "tr"
    assert '<html lang="tr"' in answer.content.decode()


def test_lang_parameter_still_overrides_the_account(client, staff):
    Preferences.objects.create(user=staff, language="tr")
    client.force_login(staff)
    answer = client.get(reverse("workshops:list") + "?lang=bs")
    assert answer["Content-Language"] == "bs"


def test_an_anonymous_choice_is_kept_in_the_cookie_only(client):
    client.post(reverse("set_language"), {"language": "sq", "next": "/"})
    assert client.cookies["language"].value == "sq"
    assert not Preferences.objects.exists()
