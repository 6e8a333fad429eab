"""Logging in to the admin: lockout after failed passwords, and two-factor codes.

Defect 10 of issue 12: 50 wrong passwords in a row met no throttling and the right one
then logged in.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a long and unusual passphrase"


@pytest.fixture
def ana(db, settings):
    # A fast hash: these tests log in a few dozen times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return get_user_model().objects.create_user("ana", password=PASSWORD, is_staff=True)


def log_in(client: Client, password: str = PASSWORD, code: str = "", address="10.0.0.1"):
    data = {"username": "ana", "password": password, "next": reverse("admin:index")}
    if code:
        data["otp_token"] = code
    return client.post(reverse("admin:login"), data, REMOTE_ADDR=address)


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_five_wrong_passwords_lock_the_user_out_even_with_the_right_one(ana, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200  # the form again, with its error
    assert log_in(client, "wrong").status_code == 429
    locked = log_in(client)
    assert locked.status_code == 429
    assert b"Too many failed logins" in locked.content
    assert "_auth_user_id" not in client.session


def test_the_lockout_also_holds_for_the_address_whatever_the_user_name(ana, settings):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("admin:login"),
            {"username": f"guess{n}", "password": "x"},
            REMOTE_ADDR="10.0.0.9",
        )
    assert log_in(client, address="10.0.0.9").status_code == 429
    assert log_in(Client(), address="10.0.0.2").status_code == 302  # elsewhere: not locked


def test_a_superuser_unlocks_a_user_in_the_admin(ana, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), "wrong")
    assert log_in(Client()).status_code == 429
    boss = get_user_model().objects.create_superuser("boss", password=PASSWORD + "!")
    admin = Client()
    admin.force_login(boss)
    attempts = reverse("admin:axes_accessattempt_changelist")
    ids = [
        str(pk) for pk in AccessAttempt.objects.filter(username="ana").values_list("pk", flat=True)
    ]
    response = admin.post(
        attempts, {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="ana").exists()
    assert log_in(Client()).status_code == 302


def test_staff_with_an_authenticator_must_give_its_code(ana, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # else a wrong code holds the next one back 1 s
    device = TOTPDevice.objects.create(user=ana, name="phone", confirmed=True)
    client = Client()
    refused = log_in(client)
    assert refused.status_code == 200
    assert "Give the code your authenticator app shows." in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert (
        log_in(client, code="000000" if current_code(device) != "000000" else "111111").status_code
        == 200
    )
    assert "_auth_user_id" not in client.session
    assert log_in(client, code=current_code(device)).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_without_an_authenticator_the_password_is_enough_unless_a_setting_says_so(ana, settings):
    assert log_in(Client()).status_code == 302
    settings.OTP_REQUIRED = True
    refused = log_in(Client())
    assert refused.status_code == 200
    assert "ask an administrator to add one" in refused.content.decode()


def test_when_required_a_session_without_a_second_factor_does_not_reach_the_admin(ana, settings):
    settings.OTP_REQUIRED = True
    client = Client()
    client.force_login(ana)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
