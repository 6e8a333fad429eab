"""create_staff_user USERNAME --role editor|reviewer|translator [--country CODE ...]

Creates or updates a staff user with one role. The password comes from standard input
(the first line, e.g. `echo "$PW" | manage.py create_staff_user ...`) or, at a terminal,
from a prompt; never from the command line, where other users and the shell history
would see it. Updating a user with an empty password keeps their current one.
"""

import getpass
import sys

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from alignment.roles import EDITOR, REVIEWER, TRANSLATOR, ensure_roles
from countries.models import Country

ROLE_GROUPS = {"editor": EDITOR, "reviewer": REVIEWER, "translator": TRANSLATOR}


class Command(BaseCommand):
    help = "Create or update a staff user with a role (and, for an editor, countries)."
    stealth_options = ("stdin",)  # tests pass a stream, as for createsuperuser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLE_GROUPS))
        parser.add_argument(
            "--country",
            action="append",
            default=[],
            metavar="CODE",
            help="ISO code of a country the editor records for; repeat for several.",
        )
        parser.add_argument("--email", default=None)

    def handle(self, *args, username: str, role: str, country: list[str], email, **options):
        countries = self.countries(role, [code.upper() for code in country])
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = self.read_password(
            options.get("stdin") or sys.stdin, username=username, required=user is None
        )
        candidate = user or User(username=username)
        if password:
            try:
                password_validation.validate_password(password, candidate)
            except ValidationError as error:
                raise CommandError(_("password: %s") % " ".join(error.messages)) from error
        with transaction.atomic():
            groups = ensure_roles()
            created = user is None
            user = candidate
            user.is_staff = True
            user.is_active = True
            if email is not None:
                user.email = email
            if password:
                user.set_password(password)
            user.save()
            user.groups.remove(*[groups[name] for name in ROLE_GROUPS.values()])
            user.groups.add(groups[ROLE_GROUPS[role]])
            user.editable_countries.set(countries)
        codes = ", ".join(c.code for c in countries) or _("every country")
        done = (
            _("Created %(user)s: %(role)s, %(codes)s.")
            if created
            else _("Updated %(user)s: %(role)s, %(codes)s.")
        )
        self.stdout.write(done % {"user": username, "role": role, "codes": codes})

    def countries(self, role: str, codes: list[str]) -> list[Country]:
        if role != "editor":
            if codes:
                raise CommandError(
                    _("--country is for editors: a reviewer acts for every country.")
                )
            return []
        if not codes:
            raise CommandError(_("An editor needs at least one --country CODE."))
        found = {c.code: c for c in Country.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise CommandError(_("--country: no country has the code %s.") % ", ".join(unknown))
        return [found[code] for code in dict.fromkeys(codes)]

    def read_password(self, stdin, *, username: str, required: bool) -> str:
        if stdin.isatty():
            password = getpass.getpass(password_prompt(username, required=required))
            if password and password != getpass.getpass(_("The same password again: ")):
                raise CommandError(_("The two passwords differ."))
        else:
            password = stdin.readline().rstrip("\r\n")
        if required and not password:
            raise CommandError(
                _(
                    "A new user needs a password: give it on standard input, "
                    'e.g. echo "$PW" | manage.py create_staff_user ...'
                )
            )
        return password


def password_prompt(username: str, *, required: bool) -> str:
    """Say what the hidden prompt waits for: a silent cursor looks like a hang."""
    if required:
        prompt = _("Password for the new user %(user)s (hidden as you type; Enter when done): ")
    else:
        prompt = _(
            "New password for %(user)s (hidden as you type; Enter alone keeps the current one): "
        )
    return prompt % {"user": username}
