"""/api/v1/scores/ timed on an existing database (issue 10): median server time of 7 runs.

Synthetic data only (a database `synthesize` built, 50 x 2,000 x 10); nothing is written.
The shared page cache is emptied before each request (uncached figures), and each
median is given as a ratio to /floor (the base template, no query) measured the same way:

    DATABASE_URL=sqlite:////tmp/copy.sqlite3 .venv/bin/python benchmarks/api_scores.py
"""

import os
import statistics
import time

URLS = [
    "/floor",
    "/api/v1/scores/",
    "/api/v1/scores/?as_of=2012-06-30",
    "/api/v1/scores/?framework=synthetic-01",
    "/api/v1/scores/?framework=synthetic-01&as_of=2012-06-30",
]


def main(runs: int = 7) -> None:
    # DEBUG=1 at import gives the static storage that needs no collectstatic; it is
    # turned off before any request, so no query log slows the answers down.
    os.environ["DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    floor = None
    for url in URLS:
        client.get(url)  # warm up
        times = []
        for _ in range(runs):
            cache.clear()
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        median = statistics.median(times) * 1000
        floor = floor or median
        count = response.json().get("count") if url != "/floor" else ""
        print(f"{url:60} {median:9.1f} ms {median / floor:8.1f}x  rows {count}")


if __name__ == "__main__":
    main()
