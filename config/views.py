from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from alignment import pagecache


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return JsonResponse({"status": "error", "database": str(error)[:200]}, status=503)
    # i10: the cache may fail without failing the site: 200, with the part named.
    cache = pagecache.cache_status()
    return JsonResponse(
        {"status": "ok" if cache == "ok" else "degraded", "database": "ok", "cache": cache}
    )


def floor(request: HttpRequest) -> HttpResponse:
    """The site's base template and no query: the floor benchmarks measure pages against."""
    return render(request, "floor.html")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Say which parameter was wrong, not just "Bad Request"."""
    return render(request, "400.html", {"message": str(exception)}, status=400)
