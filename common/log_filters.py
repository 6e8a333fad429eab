"""Filters for the console log."""

import logging


class NoTracebackForClientErrors(logging.Filter):
    """A 4xx answer is logged as its one line, without the traceback Django attaches when a
    view raised BadRequest or PermissionDenied: the mistake was the client's, and a
    traceback in the server's log would look like a bug (a mistyped date in the demo)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if 400 <= getattr(record, "status_code", 0) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
