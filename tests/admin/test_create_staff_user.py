"""create_staff_user: role, countries and a password that never travels on the command line."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from alignment.roles import EDITOR, REVIEWER

PASSWORD = "a-long-enough-passphrase-1"


def run(*args: str, password: str = PASSWORD) -> str:
    out = io.StringIO()
    call_command("create_staff_user", *args, stdin=io.StringIO(password + "\n"), stdout=out)
    return out.getvalue()


def groups(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_creates_an_editor_with_countries_and_the_password_from_stdin(world):
    output = run("ana", "--role", "editor", "--country", "al", "--country", "RS")

    user = get_user_model().objects.get(username="ana")
    assert user.is_staff and user.is_active and not user.is_superuser
    assert user.check_password(PASSWORD)
    assert groups(user) == {EDITOR}
    assert sorted(user.editable_countries.values_list("code", flat=True)) == ["AL", "RS"]
    assert "Created ana" in output and PASSWORD not in output


def test_updating_switches_role_and_keeps_the_password_when_none_is_given(world):
    run("ana", "--role", "editor", "--country", "AL")

    run("ana", "--role", "reviewer", password="")

    user = get_user_model().objects.get(username="ana")
    assert groups(user) == {REVIEWER}
    assert not user.editable_countries.exists()
    assert user.check_password(PASSWORD)


def test_updating_an_editor_replaces_their_countries(world):
    run("ana", "--role", "editor", "--country", "AL")
    run("ana", "--role", "editor", "--country", "RS", password="")
    user = get_user_model().objects.get(username="ana")
    assert list(user.editable_countries.values_list("code", flat=True)) == ["RS"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "editor", "--country", "ZZ"], "no country has the code ZZ"),
        (["--role", "editor"], "at least one --country"),
        (["--role", "reviewer", "--country", "AL"], "--country is for editors"),
    ],
)
def test_bad_arguments_are_refused_and_create_nobody(world, args, message):
    with pytest.raises(CommandError, match=message):
        run("ana", *args)
    assert not get_user_model().objects.filter(username="ana").exists()


def test_a_new_user_without_a_password_is_refused(world):
    with pytest.raises(CommandError, match="needs a password"):
        run("ana", "--role", "reviewer", password="")
    assert not get_user_model().objects.filter(username="ana").exists()


def test_a_weak_password_is_refused(world):
    with pytest.raises(CommandError, match="password:"):
        run("ana", "--role", "reviewer", password="123")
    assert not get_user_model().objects.filter(username="ana").exists()


def test_there_is_no_password_option(world):
    with pytest.raises(CommandError):
        call_command("create_staff_user", "ana", "--role", "reviewer", "--password", PASSWORD)


def test_the_new_editor_can_log_in_to_the_admin(world, client):
    run("ana", "--role", "editor", "--country", "AL")
    assert client.login(username="ana", password=PASSWORD)
    response = client.get("/admin/alignment/statuschange/")
    assert response.status_code == 200


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_at_a_terminal_each_prompt_says_what_it_waits_for(world, monkeypatch):
    prompts: list[str] = []

    def getpass(prompt: str) -> str:
        prompts.append(prompt)
        return PASSWORD

    monkeypatch.setattr("getpass.getpass", getpass)
    call_command(
        "create_staff_user", "ana", "--role", "reviewer", stdin=Terminal(), stdout=io.StringIO()
    )
    call_command(
        "create_staff_user", "ana", "--role", "reviewer", stdin=Terminal(), stdout=io.StringIO()
    )

    assert prompts == [
        "Password for the new user ana (hidden as you type; Enter when done): ",
        "The same password again: ",
        "New password for ana (hidden as you type; Enter alone keeps the current one): ",
        "The same password again: ",
    ]
    assert get_user_model().objects.get(username="ana").check_password(PASSWORD)
