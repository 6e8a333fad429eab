from django.core.management.base import BaseCommand, CommandError

from alignment.roles import ROLES, ensure_roles


class Command(BaseCommand):
    help = (
        "Create or repair the staff groups (Country editor, Reviewer) with exactly their "
        "permissions. Safe to run again."
    )

    def handle(self, *args, **options) -> None:
        try:
            groups = ensure_roles()
        except LookupError as error:
            raise CommandError(str(error)) from error
        for name in ROLES:
            count = groups[name].permissions.count()
            self.stdout.write(f"{name}: {count} permissions")
