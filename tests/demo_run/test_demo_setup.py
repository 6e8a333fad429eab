"""demo_setup on a fresh database: the printed logins work for exactly the roles and
countries named, a second run changes nothing, and nothing runs outside the demo."""

import json
import socket
import stat

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.test import Client
from django.urls import reverse

from alignment.models import StatusChange
from alignment.roles import EDITOR, REVIEWER
from countries.models import Country
from tests.demo_run.output import printed_logins, set_up

pytestmark = pytest.mark.django_db


def log_in(username: str, password: str) -> Client:
    client = Client()
    response = client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
    )
    assert response.status_code == 302, f"{username} could not log in"
    assert response.url == reverse("admin:index")
    return client


def role_of(user) -> tuple[set[str], set[str]]:
    return (
        set(user.groups.values_list("name", flat=True)),
        set(user.editable_countries.values_list("code", flat=True)),
    )


def snapshot() -> dict:
    """Every row of every model, and the users' passwords, groups and countries."""
    rows = {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_models()
        if model._meta.label not in {"sessions.Session", "admin.LogEntry"}
    }
    rows["users"] = [
        (u.username, u.password, u.last_login, *map(sorted, role_of(u)))
        for u in get_user_model().objects.order_by("username")
    ]
    return rows


def test_the_printed_logins_work_for_exactly_the_roles_and_countries_named(demo_settings):
    output = set_up()

    logins = printed_logins(output)
    assert set(logins) == {"demo-editor-rs", "demo-editor-ba", "demo-reviewer"}
    assert logins["demo-editor-rs"][1] == "record statuses for Serbia"
    assert logins["demo-editor-ba"][1] == "record statuses for Bosnia and Herzegovina"
    assert "every country" in logins["demo-reviewer"][1]
    expected = {
        "demo-editor-rs": ({EDITOR}, {"RS"}),
        "demo-editor-ba": ({EDITOR}, {"BA"}),
        "demo-reviewer": ({REVIEWER}, set()),
    }
    for username, (password, _may) in logins.items():
        client = log_in(username, password)
        user = get_user_model().objects.get(username=username)
        assert role_of(user) == expected[username]
        assert user.is_staff and not user.is_superuser
        assert client.get(reverse("admin:alignment_statuschange_add")).status_code == 200
    assert get_user_model().objects.count() == 3  # the demo made nobody else
    assert StatusChange.objects.exists()
    assert "http://127.0.0.1:8000/admin/" in output
    serbia = Country.objects.get(code="RS")
    bosnian_editor = log_in("demo-editor-ba", logins["demo-editor-ba"][0])
    response = bosnian_editor.get(reverse("admin:countries_country_change", args=[serbia.pk]))
    assert response.status_code in {403, 404}  # an editor sees only their own country
    path = demo_settings.DEMO_LOGINS_FILE  # kept for the next start, for its owner only
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {user: pw for user, (pw, _) in logins.items()}


def test_a_second_run_changes_nothing_and_says_so(demo_settings):
    first = set_up()
    before = snapshot()
    file_before = demo_settings.DEMO_LOGINS_FILE.stat()

    second = set_up()

    assert snapshot() == before
    assert printed_logins(second) == printed_logins(first)
    assert demo_settings.DEMO_LOGINS_FILE.stat().st_mtime_ns == file_before.st_mtime_ns
    assert "Database: up to date" in second
    assert "Demo data: already loaded" in second
    assert "Logins: kept, with the same passwords as before." in second


def test_a_lost_logins_file_gives_new_passwords_and_the_old_ones_stop_working(demo_settings):
    old = printed_logins(set_up())
    demo_settings.DEMO_LOGINS_FILE.unlink()

    output = set_up()

    new = printed_logins(output)
    assert "given a new password" in output
    for username, (password, _may) in new.items():
        assert password != old[username][0]
        user = get_user_model().objects.get(username=username)
        assert user.check_password(password) and not user.check_password(old[username][0])

    newer = printed_logins(set_up("--new-passwords"))  # on request, with the file there
    assert all(newer[user][0] != new[user][0] for user in new)


def test_a_login_changed_by_hand_is_set_back_with_the_same_password(demo_settings):
    logins = printed_logins(set_up())
    user = get_user_model().objects.get(username="demo-editor-rs")
    user.editable_countries.add(Country.objects.get(code="BA"))

    output = set_up()

    assert "demo-editor-rs role or countries set back" in output
    assert printed_logins(output) == logins
    assert role_of(user) == ({EDITOR}, {"RS"})


def test_outside_the_demo_it_refuses_and_makes_nothing(settings, tmp_path):
    settings.DEMO = False
    settings.DEMO_LOGINS_FILE = tmp_path / "demo.logins.json"

    with pytest.raises(CommandError, match="runs only on the demo's own database"):
        set_up()

    assert not get_user_model().objects.exists()
    assert not StatusChange.objects.exists()
    assert not settings.DEMO_LOGINS_FILE.exists()


def test_a_taken_port_is_named_with_the_way_to_choose_another_before_anything_is_done(
    demo_settings,
):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 8161))
        server.listen()
        with pytest.raises(CommandError) as error:
            set_up("--port", "8161")

    assert "port 8161 on 127.0.0.1 is taken" in str(error.value)
    assert "PORT=8162 make demo" in str(error.value)
    assert not StatusChange.objects.exists()
    assert not get_user_model().objects.exists()
