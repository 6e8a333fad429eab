"""The notifications block of config/settings.py, read in fresh interpreters."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS = {
    "PYTEST_XDIST_WORKER",
    "REDIS_URL",
    "CELERY_EAGER",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_BACKEND",
}


def setting(expression: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in KEYS}
    code = (
        f"import django; django.setup(); from config.celery import app; print(repr(({expression})))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_redis_tasks_run_in_the_process_and_mail_goes_to_the_console():
    result = setting(
        "app.conf.task_always_eager, __import__('django.conf').conf.settings.EMAIL_BACKEND"
    )
    assert result.stdout.strip() == "(True, 'django.core.mail.backends.console.EmailBackend')"


def test_with_redis_tasks_go_to_the_broker():
    result = setting(
        "app.conf.task_always_eager, app.conf.broker_url", REDIS_URL="redis://127.0.0.1:6379/3"
    )
    assert result.stdout.strip() == "(False, 'redis://127.0.0.1:6379/3')"


def test_email_host_selects_smtp_with_tls():
    result = setting(
        "[getattr(__import__('django.conf').conf.settings, n) for n in "
        "('EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_USE_TLS')]",
        EMAIL_HOST="smtp.example.org",
    )
    assert result.stdout.strip() == (
        "['django.core.mail.backends.smtp.EmailBackend', 'smtp.example.org', 587, True]"
    )


def test_a_bad_port_stops_start_up_naming_it():
    result = setting("1", EMAIL_HOST="smtp.example.org", EMAIL_PORT="smtp")
    assert result.returncode != 0
    assert "EMAIL_PORT must be a port number." in result.stderr
