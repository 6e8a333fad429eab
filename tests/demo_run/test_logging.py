"""Every server log line once, and a client's mistake without a traceback: runserver with
DEBUG=1, as a developer runs it."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORT = 8165


def get(path: str) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_for_server() -> None:
    for _ in range(120):
        try:
            get("/healthz")
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("runserver did not answer")


def test_each_request_and_each_warning_is_logged_once(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DEMO", "DATABASE_URL"}}
    database = {"DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    # A migrated database, as the demo's: every public page reads the data version.
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env={**env, **database},
        check=True,
    )
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{PORT}"],
        cwd=ROOT,
        env={
            **env,
            "PYTHONUNBUFFERED": "1",
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_server()
        assert get("/no-such-page/") == 404
        assert get("/?as_of=2016-13-45") == 400
        time.sleep(1)  # the request line is written after the answer is sent
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[0]

    assert log.count("Not Found: /no-such-page/") == 1, log
    assert log.count('"GET /no-such-page/ HTTP/1.1" 404') == 1, log
    assert log.count('"GET /healthz HTTP/1.1" 200') >= 1
    assert log.count("as_of: ") == 1, log  # the bad date, named once
    assert "Traceback" not in log  # a client's mistake is not the site's bug
