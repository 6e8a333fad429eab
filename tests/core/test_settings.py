"""Settings are read from the environment; checked in fresh interpreters, as at start-up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_django(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_secret_key_without_debug_stops_start_up_with_a_clear_message():
    result = run_django("print('started')")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "started" not in result.stdout


def test_debug_runs_with_a_throwaway_key_and_sqlite_by_default():
    result = run_django(
        "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])", DEBUG="1"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_database_url_selects_postgresql():
    result = run_django(
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "print(d['ENGINE'], d['NAME'], d['HOST'])",
        SECRET_KEY="x",
        DATABASE_URL="postgres://postgres@db.example:5432/alignment",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "alignment", "db.example"]


def test_a_bad_boolean_is_refused_by_name():
    result = run_django("print('started')", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr
