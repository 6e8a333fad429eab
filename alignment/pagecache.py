"""The data version as ETag and as the key of a shared cache of public answers.

Every public GET (pages, exports, API) by a reader without a session gets a weak ETag
built from the data version (alignment.dataversion), the day (pages default to today),
the language, the host and the full path: the same question on the same data has the
same ETag, and any write that could change an answer moves it. A matching If-None-Match
gets 304. Whole answers that are not streamed are kept in Django's cache under that key,
so a repeated question costs one indexed query and one cache read. A write bumps the
version in its transaction, so the next read anywhere misses the cache: nothing waits
for a timeout.

With the cache unreachable (Redis down) pages are answered uncached, a warning is logged
(at most once a minute per process) and /healthz reports the cache as degraded.
"""

import hashlib
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

from alignment import dataversion

log = logging.getLogger(__name__)

CACHE_ALIAS = "default"
# Kept a day at most: an entry is never stale (its key holds the version), only unused.
TIMEOUT = 24 * 60 * 60
# Headers a kept answer carries back; the rest (cookies, security headers) are the
# response's own, added by the middleware around this one.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Vary", "Allow")


class CacheHealth:
    """The last failure of the cache in this process, for the log and /healthz."""

    failed_at: float | None = None
    error: str = ""
    logged_at: float = 0.0

    @classmethod
    def failed(cls, error: Exception) -> None:
        now = time.monotonic()
        cls.failed_at, cls.error = now, f"{type(error).__name__}: {error}"[:200]
        if now - cls.logged_at > 60:
            cls.logged_at = now
            log.warning("Cache unreachable, answering uncached: %s", cls.error)

    @classmethod
    def worked(cls) -> None:
        cls.failed_at = None


def cache_get(key: str):
    try:
        found = caches[CACHE_ALIAS].get(key)
    except Exception as error:  # any backend's connection error: answer uncached
        CacheHealth.failed(error)
        return None
    CacheHealth.worked()
    return found


def cache_set(key: str, value) -> None:
    try:
        caches[CACHE_ALIAS].set(key, value, TIMEOUT)
    except Exception as error:
        CacheHealth.failed(error)


def cache_status() -> str:
    """'ok', or why the cache is not: a live check, for /healthz."""
    try:
        caches[CACHE_ALIAS].get("healthz-probe")
    except Exception as error:
        CacheHealth.failed(error)
        return f"degraded: {CacheHealth.error}"
    CacheHealth.worked()
    return "ok"


def public_key(request: HttpRequest, version: int) -> str:
    """The question asked, on the data of `version`: the cache key and the ETag's body."""
    parts = [
        str(version),
        timezone.localdate().isoformat(),
        getattr(request, "LANGUAGE_CODE", ""),
        request.get_host(),
        request.get_full_path(),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def public_etag(request: HttpRequest) -> str:
    """The weak ETag of a public answer (exports set it themselves, from here)."""
    version = getattr(request, "data_version", None)
    if version is None:
        version = dataversion.current()
    return f'W/"{version}-{public_key(request, version)}"'


def _unshared_prefixes() -> tuple[str, ...]:
    return (
        reverse("admin:index"),
        reverse("healthz"),
        reverse("floor"),
        settings.STATIC_URL if settings.STATIC_URL.startswith("/") else f"/{settings.STATIC_URL}",
    )


def is_public(request: HttpRequest) -> bool:
    """A read anyone could make: no session (no staff), not the admin, not a probe."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(_unshared_prefixes())
    )


class PublicCacheMiddleware:
    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_public(request):
            return self.get_response(request)
        request.data_version = version = dataversion.current()  # one query, by primary key
        key = public_key(request, version)
        etag = f'W/"{version}-{key}"'
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            return self._tagged(HttpResponseNotModified(), etag)
        kept = cache_get(f"page:{key}")
        if kept is not None:
            status, headers, content = kept
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            response["X-Cache"] = "hit"
            return self._tagged(response, etag)
        response = self.get_response(request)
        if response.status_code == 200:
            response = self._tagged(response, etag)
            if request.method == "GET" and not response.streaming and not response.cookies:
                headers = {h: response[h] for h in KEPT_HEADERS if response.has_header(h)}
                cache_set(f"page:{key}", (response.status_code, headers, response.content))
        return response

    @staticmethod
    def _tagged(response: HttpResponse, etag: str) -> HttpResponse:
        response["ETag"] = etag
        patch_cache_control(response, public=True, no_cache=True)
        return response
