"""On SQLite, the default database, concurrent staff wait for each other, not fail.

Defect 8 of issue 12: while one editor's long preview held the write lock, another
user's save failed with a 500 "database is locked", 3 times of 3. The tests use an
in-memory database, so this one runs two writers in a fresh interpreter on a file.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import datetime as dt, threading, time
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    call_command("migrate", verbosity=0)
    from alignment.models import Source, StatusChange
    from alignment.services import record_status
    from tests import factories

    al = factories.country("AL")
    law = factories.requirement(factories.framework("fw", countries=[al]), "law")
    src = factories.source("s")
    with connection.cursor() as cursor:
        print("journal", cursor.execute("PRAGMA journal_mode").fetchone()[0])
    started, outcome = threading.Event(), {}

    def long_preview():  # an import's preview: writes, holds the lock, rolls back
        with transaction.atomic():
            Source.objects.create(key="preview", title="Preview")
            started.set()
            time.sleep(2)
            transaction.set_rollback(True)

    def save():  # another user's save: reads, then writes
        started.wait()
        try:
            with transaction.atomic():
                Source.objects.count()
                record_status(country=al, requirement=law, status="adopted",
                    effective_on=dt.date(2018, 7, 31), precision="day",
                    evidence="e", source=src, recorded_by=None)
            outcome["save"] = "saved"
        except Exception as error:
            outcome["save"] = f"failed: {error}"

    threads = [threading.Thread(target=long_preview), threading.Thread(target=save)]
    for t in threads: t.start()
    for t in threads: t.join()
    print("save", outcome["save"], StatusChange.objects.count())
    """
)


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's locking; PostgreSQL locks rows instead"
)
def test_a_save_waits_for_a_long_write_instead_of_failing(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["journal wal", "save saved 1"]
