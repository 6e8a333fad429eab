"""demo_setup [--port N] [--new-passwords]: make the demo ready, then say how to use it.

`make demo` runs it (with DEMO=1) before starting the server; it refuses to run anywhere
else, so the demo's logins exist only in the demo's own database. In order:

1. the port the server will listen on is free (else: how to choose another);
2. the database is migrated: a fresh one fully, one left half-migrated brought up to date;
3. the demo data are loaded, unless every status of the fixture is already in;
4. three staff logins (an editor for Serbia, one for Bosnia and Herzegovina, a reviewer)
   exist with exactly their role and countries; each gets a password generated for this
   database, kept in DEMO_LOGINS_FILE (git-ignored, readable by its owner only) so that
   every start prints the same ones. Whoever can read that file can already run
   manage.py on this database and set any password, so keeping it gives away nothing;
5. with --collect-static, the static files are collected for WhiteNoise, as in production.

Run again, it changes nothing and says so.
"""

import errno
import io
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from alignment.models import StatusChange
from alignment.roles import EDITOR, REVIEWER
from countries.models import Country

DEMO_FIXTURE = "demo"
# Lower-case letters and digits that cannot be mistaken for one another when read aloud
# or copied from a projector: no 0/o, 1/l/i.
PASSWORD_CHARACTERS = "abcdefghjkmnpqrstuvwxyz23456789"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str  # create_staff_user's --role
    countries: tuple[str, ...] = ()

    @property
    def group(self) -> str:
        return EDITOR if self.role == "editor" else REVIEWER


DEMO_LOGINS = (
    DemoLogin("demo-editor-rs", "editor", ("RS",)),
    DemoLogin("demo-editor-ba", "editor", ("BA",)),
    DemoLogin("demo-reviewer", "reviewer"),
)


class Command(BaseCommand):
    help = "Make the demo ready (DEMO=1 only): migrate, load the demo data once, make its logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--port",
            type=int,
            default=None,
            help="Check that the server can listen on this port before anything else.",
        )
        parser.add_argument(
            "--collect-static",
            action="store_true",
            help="Run collectstatic, as a production deployment does, for WhiteNoise.",
        )
        parser.add_argument(
            "--new-passwords",
            action="store_true",
            help="Give every demo login a new password (the old ones stop working).",
        )

    def handle(
        self,
        *args,
        host: str,
        port: int | None,
        collect_static: bool,
        new_passwords: bool,
        **options,
    ):
        if not settings.DEMO:
            raise CommandError(
                _(
                    "demo_setup makes logins with printed passwords, so it runs only on the "
                    "demo's own database: use `make demo` (it sets DEMO=1)."
                )
            )
        if port is not None:
            refuse_taken_port(host, port)
        self.say(self.migrate())
        self.say(self.load_demo_data())
        logins = ensure_logins(new_passwords=new_passwords)
        self.say(describe_login_changes(logins))
        if collect_static:
            call_command("collectstatic", interactive=False, verbosity=0)
            self.say(_("Static files: collected into %s for WhiteNoise.") % settings.STATIC_ROOT)
        self.stdout.write(self.style.SUCCESS(_("The demo is ready.")))
        self.stdout.write(addresses(host, port))
        self.stdout.write(login_table(logins))

    def say(self, message: str) -> None:
        self.stdout.write(message)

    def migrate(self) -> str:
        executor = MigrationExecutor(connection)
        missing = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
        applied = len(executor.loader.applied_migrations)
        if not missing:
            return _("Database: up to date (%(path)s), kept as it was.") % {"path": database()}
        self.say(_("Database: applying %d migrations…") % missing)
        call_command("migrate", interactive=False, verbosity=0)
        if applied:
            return _(
                "Database: %(missing)d migrations were missing (an interrupted run?); "
                "brought up to date, nothing recreated (%(path)s)."
            ) % {"missing": missing, "path": database()}
        return _("Database: new, migrated (%(path)s).") % {"path": database()}

    def load_demo_data(self) -> str:
        if demo_data_loaded():
            return _("Demo data: already loaded, kept as they are (not loaded twice).")
        self.say(_("Demo data: loading, every row checked (a few seconds)…"))
        call_command("loaddata", DEMO_FIXTURE, verbosity=0)
        return _("Demo data: loaded.")


def refuse_taken_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As a server binds: a port whose last connection is still closing counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                reason = _("port %(port)d on %(host)s is taken (is the demo already running?)")
            else:
                reason = _("the server cannot listen on %(host)s:%(port)d: ") + str(error.strerror)
            raise CommandError(
                (reason + ". " + _("Stop what uses it, or choose another port: %(example)s"))
                % {"host": host, "port": port, "example": f"PORT={suggested_port(port)} make demo"}
            ) from None


def suggested_port(port: int) -> int:
    return port + 1 if port < 65535 else 8001


def database() -> str:
    return str(settings.DATABASES["default"]["NAME"])


def fixture_path() -> Path:
    for directory in settings.FIXTURE_DIRS:
        path = Path(directory) / f"{DEMO_FIXTURE}.json"
        if path.exists():
            return path
    raise CommandError(_("The demo fixture %s.json is in none of FIXTURE_DIRS.") % DEMO_FIXTURE)


def demo_data_loaded() -> bool:
    """Every status of the fixture is in the database (a load is all or nothing)."""
    rows = json.loads(fixture_path().read_text(encoding="utf-8"))
    uids = {row["fields"]["uid"] for row in rows if row["model"] == "alignment.statuschange"}
    return StatusChange.objects.filter(uid__in=uids).count() == len(uids)


# --- the logins -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Login:
    spec: DemoLogin
    password: str
    change: str  # "kept", "made", "repaired", "new password"


def ensure_logins(*, new_passwords: bool = False) -> list[Login]:
    kept_passwords = read_logins_file()
    logins = [
        ensure_login(spec, None if new_passwords else kept_passwords.get(spec.username))
        for spec in DEMO_LOGINS
    ]
    write_logins_file({login.spec.username: login.password for login in logins})
    return logins


def ensure_login(spec: DemoLogin, kept_password: str | None) -> Login:
    user = get_user_model().objects.filter(username=spec.username).first()
    password_works = bool(user and kept_password and user.check_password(kept_password))
    if password_works and has_exactly(user, spec):
        return Login(spec, kept_password, "kept")
    password = kept_password if password_works else new_password(spec.username)
    call_command(
        "create_staff_user",
        spec.username,
        role=spec.role,
        country=list(spec.countries),
        stdin=io.StringIO(password + "\n"),
        stdout=io.StringIO(),
    )
    if user is None:
        return Login(spec, password, "made")
    return Login(spec, password, "repaired" if password_works else "new password")


def has_exactly(user, spec: DemoLogin) -> bool:
    return (
        user.is_staff
        and user.is_active
        and not user.is_superuser
        and set(user.groups.values_list("name", flat=True)) == {spec.group}
        and set(user.editable_countries.values_list("code", flat=True)) == set(spec.countries)
    )


def new_password(username: str) -> str:
    user = get_user_model()(username=username)
    while True:
        raw = get_random_string(12, PASSWORD_CHARACTERS)
        password = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
        try:
            password_validation.validate_password(password, user)
        except ValidationError:
            continue
        return password


def read_logins_file() -> dict[str, str]:
    try:
        return json.loads(Path(settings.DEMO_LOGINS_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError:  # a damaged file: its passwords are given up and made anew
        return {}


def write_logins_file(passwords: dict[str, str]) -> None:
    path = Path(settings.DEMO_LOGINS_FILE)
    text = json.dumps(passwords, indent=2) + "\n"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
    path.chmod(0o600)


def describe_login_changes(logins: list[Login]) -> str:
    if all(login.change == "kept" for login in logins):
        return _("Logins: kept, with the same passwords as before.")
    words = {
        "kept": _("kept"),
        "made": _("made"),
        "repaired": _("role or countries set back to the demo's"),
        "new password": _("given a new password"),
    }
    return _("Logins: %s.") % "; ".join(
        f"{login.spec.username} {words[login.change]}" for login in logins
    )


# --- what the presenter reads -----------------------------------------------------------------


def addresses(host: str, port: int | None) -> str:
    root = f"http://{host}:{port or 8000}"
    site, admin = f"{root}{reverse('alignment:home')}", f"{root}{reverse('admin:index')}"
    width = max(len(site), len(admin)) + 2
    return "\n".join(
        [
            _("Open:"),
            "  " + site.ljust(width) + _("the site"),
            "  " + admin.ljust(width) + _("the admin: log in as one of these"),
        ]
    )


def login_table(logins: list[Login]) -> str:
    names = dict(Country.objects.values_list("code", "name"))
    width = max(len(login.spec.username) for login in logins) + 2
    lines = [
        "  " + _("user").ljust(width) + _("password").ljust(16) + _("may"),
        *(
            f"  {login.spec.username.ljust(width)}{login.password.ljust(16)}"
            + what_they_may_do(login.spec, names)
            for login in logins
        ),
        _(
            "The passwords are kept in %(file)s (git-ignored): every start prints them again; "
            "DEMO_NEW_PASSWORDS=1 make demo gives new ones."
        )
        % {"file": settings.DEMO_LOGINS_FILE},
    ]
    return "\n".join(lines)


def what_they_may_do(spec: DemoLogin, names: dict[str, str]) -> str:
    if spec.role == "reviewer":
        return _("review (approve or return) the proposed statuses of every country")
    countries = ", ".join(names.get(code, code) for code in spec.countries)
    return _("record statuses for %(countries)s") % {"countries": countries}
