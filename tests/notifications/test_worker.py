"""A real Celery worker process, on the local Redis broker, sends what an approval wrote.

Runs where the suite has REDIS_URL and PostgreSQL (the second pass of .ci/run): the worker
is another process, so it needs a database it can open too (the SQLite test database lives
in this process's memory).
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app
from notifications.models import EmailKind, EmailState, OutgoingEmail
from tests import factories
from tests.notifications.conftest import subscribe

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL") or "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs REDIS_URL and DATABASE_URL=postgres://... (the PostgreSQL pass of .ci/run)",
)


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(transactional_db, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_EAGER": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path),
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
               "--without-gossip", "--without-mingle", "--loglevel=INFO"]  # fmt: skip
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False  # this process queues on the broker too
    try:
        yield tmp_path
    finally:
        app.conf.task_always_eager = previous
        process.terminate()
        process.wait(timeout=30)
        log.close()


def wait_for(predicate, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def test_an_approval_reaches_the_outbox_and_a_real_worker_sends_it(world, worker: Path):
    subscribe("reader@example.org", country=world.rs)
    factories.change(world.rs, world.law)  # approved at once; commits, queues the task

    email = OutgoingEmail.objects.get(kind=EmailKind.CHANGE)
    sent = wait_for(lambda: OutgoingEmail.objects.get(pk=email.pk).state == EmailState.SENT)
    log = (worker / "worker.log").read_text()
    assert sent, f"the worker did not send it; its log:\n{log}"
    assert "notifications.tasks.send_outbox" in log
    (message,) = [p.read_text() for p in worker.glob("*.log") if p.name != "worker.log"]
    assert "To: reader@example.org" in message
    assert f"Message-ID: {email.message_id}" in message
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in message
