"""Translators edit the catalogues in the browser (django-rosetta), nobody else does."""

import pytest
from django.contrib.auth import get_user_model

from alignment.roles import REVIEWER, TRANSLATOR, ensure_roles

pytestmark = pytest.mark.django_db


def staff(client, role: str):
    user = get_user_model().objects.create_user(role, password="x-long-pass", is_staff=True)
    user.groups.add(ensure_roles()[role])
    client.force_login(user)
    return user


def test_a_translator_sees_every_catalogue_of_ours(client):
    staff(client, TRANSLATOR)
    page = client.get("/translate/", follow=True)

    assert page.status_code == 200
    text = page.content.decode()
    for language in ["Српски", "Bosanski", "Shqip", "Македонски", "Türkçe"]:
        assert language in text


def test_a_reviewer_is_not_let_in(client):
    staff(client, REVIEWER)
    page = client.get("/translate/")

    assert page.status_code in (302, 403)
    assert "Bosanski" not in page.content.decode()
