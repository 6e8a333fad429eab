"""The environment `make demo` runs in (DEMO=1), read by config/settings.py.

The demo is production's settings on a laptop: its own SQLite file, a secret key made once
and kept in a git-ignored file beside it, plain HTTP on localhost. Values already in the
environment win, except DATABASE_URL: the demo never runs on another database, so that
its logins (manage.py demo_setup) can never land in a real one.
"""

import os
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

DATABASE_FILE = "demo.sqlite3"
SECRET_KEY_FILE = "demo.secret-key"


def demo_environment(directory: Path, environ: Mapping[str, str]) -> dict[str, str]:
    if environ.get("DATABASE_URL"):
        raise ImproperlyConfigured(
            f"DEMO=1 runs on its own database, {DATABASE_FILE}: unset DATABASE_URL "
            f"(it names {environ['DATABASE_URL']!r})."
        )
    return {
        "DATABASE_URL": f"sqlite:///{directory / DATABASE_FILE}",
        "SECRET_KEY": environ.get("SECRET_KEY") or secret_key(directory / SECRET_KEY_FILE),
        "ALLOWED_HOSTS": environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]"),
        # Plain HTTP on 127.0.0.1: no redirect to HTTPS, no Secure-only cookies, no HSTS
        # (the hardening block's switch).
        "HTTPS": environ.get("HTTPS", "0"),
    }


def secret_key(path: Path) -> str:
    """The key in `path`, made there (readable by its owner only) the first time."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text().strip()
        if not key:
            raise ImproperlyConfigured(
                f"{path} is empty: delete it and the demo makes a new secret key."
            ) from None
        return key
    key = get_random_secret_key()
    with os.fdopen(descriptor, "w") as file:
        file.write(key + "\n")
    return key
