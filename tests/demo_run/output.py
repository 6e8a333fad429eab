"""Reading demo_setup's output as a presenter does: the logins it printed."""

import io
import re

from django.core.management import call_command

LOGIN_LINE = re.compile(r"^  (demo-\S+)\s+(\S{4}-\S{4}-\S{4})\s+(.+)$", re.MULTILINE)


def set_up(*args: str) -> str:
    out = io.StringIO()
    call_command("demo_setup", *args, stdout=out)
    return out.getvalue()


def printed_logins(output: str) -> dict[str, tuple[str, str]]:
    """{username: (password, what they may do)} for each login line of the output."""
    return {user: (password, may) for user, password, may in LOGIN_LINE.findall(output)}
