"""The demo's processes as `make demo` starts them (DEMO=1), each in a fresh interpreter,
on a SQLite file in a temporary DEMO_DIR instead of the work tree's demo.sqlite3."""

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORGET = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DEMO", "DEMO_DIR", "HTTPS", "ALLOWED_HOSTS"}


def run(args: list[str], demo_dir: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in FORGET}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEMO": "1",
            "DEBUG": "0",
            "DEMO_DIR": str(demo_dir),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )


def settings_of(demo_dir: Path, **env: str) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.DATABASES['default']['NAME'], s.SECRET_KEY, "
        "getattr(s, 'SECURE_SSL_REDIRECT', False), getattr(s, 'SESSION_COOKIE_SECURE', False), "
        "getattr(s, 'SECURE_HSTS_SECONDS', 0), ','.join(s.ALLOWED_HOSTS))"
    )
    return run(["-c", code], demo_dir, **env)


def test_the_demo_runs_without_debug_over_http_on_its_own_database_and_key(tmp_path):
    first = settings_of(tmp_path)
    assert first.returncode == 0, first.stderr
    debug, database, key, redirect, secure_cookie, hsts, hosts = first.stdout.split()

    assert (debug, redirect, secure_cookie, hsts) == ("False", "False", "False", "0")
    assert database == str(tmp_path / "demo.sqlite3")
    assert "127.0.0.1" in hosts.split(",") and "localhost" in hosts.split(",")
    key_file = tmp_path / "demo.secret-key"
    assert key_file.read_text().strip() == key and len(key) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert settings_of(tmp_path).stdout.split()[2] == key  # made once, then kept


def test_the_demo_refuses_another_database(tmp_path):
    result = settings_of(tmp_path, DATABASE_URL="postgres://postgres@db.example/alignment")
    assert result.returncode != 0
    assert "DEMO=1 runs on its own database, demo.sqlite3: unset DATABASE_URL" in result.stderr
    assert not (tmp_path / "demo.secret-key").exists()


def count(database: Path, sql: str) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchone()[0]


@pytest.mark.django_db  # only for the demo fixture's row count, read through the ORM
def test_a_half_migrated_database_is_brought_up_to_date_and_loaded_once(tmp_path):
    interrupted = run(["manage.py", "migrate", "alignment", "0002", "--no-input"], tmp_path)
    assert interrupted.returncode == 0, interrupted.stderr
    database = tmp_path / "demo.sqlite3"
    applied_before = count(database, "SELECT count(*) FROM django_migrations")

    first = run(["manage.py", "demo_setup"], tmp_path)

    assert first.returncode == 0, first.stderr
    assert "migrations were missing" in first.stdout and "brought up to date" in first.stdout
    assert "Demo data: loaded." in first.stdout
    assert count(database, "SELECT count(*) FROM django_migrations") > applied_before
    assert count(database, "SELECT min(id) FROM django_migrations") == 1  # not recreated
    changes = count(database, "SELECT count(*) FROM alignment_statuschange")
    assert changes > 0

    second = run(["manage.py", "demo_setup"], tmp_path)

    assert second.returncode == 0, second.stderr
    assert "Database: up to date" in second.stdout
    assert "Demo data: already loaded" in second.stdout
    assert "Logins: kept" in second.stdout
    assert count(database, "SELECT count(*) FROM alignment_statuschange") == changes
    assert count(database, "SELECT count(*) FROM auth_user") == 3


def test_a_taken_port_is_one_clear_line_not_a_traceback(tmp_path):
    import socket

    with socket.socket() as server:
        server.bind(("127.0.0.1", 8163))
        server.listen()
        result = run(["manage.py", "demo_setup", "--port", "8163"], tmp_path)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "port 8163 on 127.0.0.1 is taken" in result.stderr
    assert "PORT=8164 make demo" in result.stderr
    assert (
        not (tmp_path / "demo.sqlite3").exists()
        or count(tmp_path / "demo.sqlite3", "SELECT count(*) FROM sqlite_master") == 0
    )
