"""Reads that scale out: public reads on a replica, everything else on the primary.

With DATABASE_REPLICA_URL set, settings add a `replica` connection and ReplicaRouter
sends reads there, except: reads inside a transaction on the primary (a write path sees
its own writes), every request PrimaryMiddleware pins (a write, an admin page, and the
requests of a staff user within REPLICA_PIN_SECONDS of a write, so an editor sees what
they just saved), and while the replica does not answer (checked at most every
REPLICA_RETRY_SECONDS per process, a warning logged): then reads fall back to the
primary. Without the setting the router says nothing and Django uses `default`.
"""

import contextvars
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

log = logging.getLogger(__name__)

REPLICA = "replica"
PIN_COOKIE = "primary"
_pinned: contextvars.ContextVar[bool] = contextvars.ContextVar("pinned", default=False)


class ReplicaHealth:
    down_until: float = 0.0

    @classmethod
    def usable(cls) -> bool:
        if time.monotonic() < cls.down_until:
            return False
        try:
            connections[REPLICA].ensure_connection()
        except DatabaseError as error:
            cls.down_until = time.monotonic() + settings.REPLICA_RETRY_SECONDS
            log.warning("Replica unreachable, reading from the primary: %s", error)
            return False
        return True


def replica_configured() -> bool:
    return settings.REPLICA_READS and REPLICA in connections.settings


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        if not replica_configured():
            return None
        if _pinned.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA if ReplicaHealth.usable() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # one database, two doors

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db != REPLICA


def pins_primary(request: HttpRequest) -> bool:
    return (
        request.method not in ("GET", "HEAD", "OPTIONS")
        or request.path.startswith(reverse("admin:index"))
        or PIN_COOKIE in request.COOKIES
    )


class PrimaryMiddleware:
    """Pin a request to the primary, and the requests after a staff user's write."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _pinned.set(pins_primary(request))
        try:
            response = self.get_response(request)
        finally:
            _pinned.reset(token)
        wrote = request.method not in ("GET", "HEAD", "OPTIONS") and response.status_code < 400
        user = getattr(request, "user", None)
        if wrote and user is not None and user.is_authenticated:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
