"""Rebuild the kept score totals from the history, then check them against it."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from alignment import dataversion, scoretable
from common import bulkload


class Command(BaseCommand):
    help = (
        "Rebuild the kept score totals (alignment.scoretable) from the approved history and "
        "verify them; with --check, only verify."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="verify only; exit 1 on any difference"
        )

    def handle(self, *args, check: bool, **options) -> None:
        started = time.perf_counter()
        if not check:
            # A bulk load: indexes built after it, planner statistics refreshed (rebuild).
            with bulkload.session(), transaction.atomic():
                rows = scoretable.rebuild()
                dataversion.bump()
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"scoretable: {rows:,} rows rebuilt from the history in {seconds:.1f} s"
            )
        problems = scoretable.differences()
        if problems:
            raise CommandError(
                "The kept score totals differ from the history:\n" + "\n".join(problems)
            )
        seconds = time.perf_counter() - started
        self.stdout.write(f"scoretable: equal to a recomputation from history ({seconds:.1f} s)")
