"""Server time of every public page on a large synthetic dataset, next to a trivial view.

    .venv/bin/python benchmarks/pages.py                      # a fresh SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/at_pages .venv/bin/python benchmarks/pages.py

Builds, in a fresh database, 50 countries x 2,000 leaf requirements x 10 changes with the
`synthesize` command (ten synthetic frameworks of 200), plus one synthetic workshop with
every country as a beneficiary and a recommendation on each requirement of the first
framework. Then, for each page, it prints the median server time over several runs with
Django's test Client (no network, no browser), the number of queries, the size of the
page (issue 9: none above 300 KB), and the ratio of the median to /healthz measured in the same run.
Django's test Client (no network, no browser), uncached (the shared page cache emptied
before each run) and cached (alignment.pagecache: the data version read, the page the
cache's), each as a ratio to the floor page (/floor: the base template, no query)
measured in the same run; the number of queries and the size of the page. Last, the
status export of all ten frameworks (100,000 rows): time to the first byte, the whole
download, and the peak of Python memory while streaming it.

With DATABASE_URL the database named in it is NOT touched: a fresh one named
`<name>_pagesbench` is created on the same server and dropped at the end (--keep keeps
it and prints where). Building takes minutes; `--reuse PATH_OR_URL` measures a database
kept earlier (a SQLite file or a PostgreSQL URL) as it is, in seconds. `--only TEXT`
measures the pages whose label holds TEXT, `--no-export` skips the export, and
`--profile TEXT` prints a cProfile of one uncached request of the first page whose label
holds TEXT. Not part of the test run.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--countries", type=int, default=50)
    parser.add_argument("--requirements", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per page, after a warm-up")
    parser.add_argument("--keep", action="store_true", help="keep the database it built")
    parser.add_argument(
        "--reuse",
        metavar="PATH_OR_URL",
        help="measure a database kept by --keep (SQLite file or PostgreSQL URL), not rebuilt",
    )
    parser.add_argument("--only", metavar="TEXT", help="only the pages whose label holds TEXT")
    parser.add_argument("--no-export", action="store_true", help="skip the status export")
    parser.add_argument(
        "--profile", metavar="TEXT", help="profile one uncached request of that page"
    )
    args = parser.parse_args()

    if args.reuse:
        database_url = args.reuse if "://" in args.reuse else f"sqlite:///{Path(args.reuse)}"
        args.keep = True
    else:
        database_url, drop = fresh_database()
    os.environ["DATABASE_URL"] = database_url
    # DEBUG=1 at import gives the static storage that needs no collectstatic; it is turned
    # off below, before any request, so no query log slows the pages down.
    os.environ["DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    try:
        if not args.reuse:
            build(args)
        if args.profile:
            profile(args.profile)
        else:
            measure(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop()
        elif not args.reuse:
            print(f"kept: --reuse {database_url.removeprefix('sqlite:///')}")


def fresh_database():
    """A new empty database: a temporary SQLite file, or <name>_pagesbench on PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        folder = tempfile.mkdtemp(prefix="pagesbench-")
        path = Path(folder) / "bench.sqlite3"
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_pagesbench"
    admin = urlunsplit(parts._replace(path="/postgres"))

    def run(sql: str) -> None:
        connection = psycopg2.connect(admin)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()

    run(f'DROP DATABASE IF EXISTS "{name}"')
    run(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), lambda: run(
        f'DROP DATABASE IF EXISTS "{name}"'
    )


def build(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    from workshops.synthetic import synthetic_workshop

    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command(
        "synthesize",
        countries=args.countries,
        requirements=args.requirements,
        changes=args.changes,
        seed=1,
    )
    synthetic_workshop()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as a long-running database has
    print(f"built in {time.perf_counter() - started:.0f} s")


def pages(country: str, leaf: str, group: str) -> list[tuple[str, str]]:
    fw = "synthetic-01"
    return [
        ("trivial view (/healthz)", "/healthz"),
        ("overview", "/"),
        ("overview, past date", "/?as_of=2012-06-30"),
        ("framework", f"/frameworks/{fw}/"),
        ("framework, past date", f"/frameworks/{fw}/?as_of=2012-06-30"),
        ("framework, status filter", f"/frameworks/{fw}/?status=not_aligned"),
        ("group", f"/frameworks/{fw}/groups/{group}/"),
        ("group, past date", f"/frameworks/{fw}/groups/{group}/?as_of=2012-06-30"),
        ("floor (/floor, base template)", "/floor"),
        ("country", f"/countries/{country}/?framework={fw}"),
        ("country, past date", f"/countries/{country}/?framework={fw}&as_of=2012-06-30"),
        ("requirement (leaf)", f"/frameworks/{fw}/requirements/{leaf}/"),
        ("requirement (group)", f"/frameworks/{fw}/requirements/{group}/"),
        ("cell history", f"/countries/{country}/frameworks/{fw}/requirements/{leaf}/"),
        ("workshop list", "/workshops/"),
        ("workshop", "/workshops/synthetic-workshop/"),
        ("data", "/data/"),
    ]


def timed(client, url: str, runs: int, *, cached: bool) -> float:
    from django.core.cache import cache

    times = []
    for _ in range(runs):
        if not cached:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert ("X-Cache" in response) == (cached and url not in ("/floor", "/healthz")), url
    return statistics.median(times)


def chosen_pages(only: str | None = None) -> list[tuple[str, str]]:
    """The pages to measure (the floor always), with a country, leaf and group of the data."""
    from alignment.models import Requirement
    from countries.models import Country

    country = Country.objects.filter(name__startswith="Synthetic country").first().code
    leaf = Requirement.objects.filter(framework__code="synthetic-01").leaves().first().code
    group = Requirement.objects.filter(framework__code="synthetic-01", parent=None).first().code
    return [
        (label, url)
        for label, url in pages(country, leaf, group)
        if only is None or only in label or url == "/floor"
    ]


def profile(text: str) -> None:
    """cProfile of one uncached request of the first page whose label holds `text`."""
    import cProfile
    import pstats

    from django.core.cache import cache
    from django.test import Client

    label, url = next((lb, u) for lb, u in chosen_pages(text) if text in lb)
    client = Client()
    client.get(url)  # warm-up
    cache.clear()
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    print(f"{label}: {url}")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(r"alignment|common|templatetags|sqlite3|psycopg", 25)
    stats.sort_stats("tottime").print_stats(15)


def measure(args) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    rows = []
    for label, url in chosen_pages(args.only):
        cache.clear()
        client.get(url)  # warm-up
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        count = len(queries)  # now: the next request empties the log queries reads
        if response.status_code == 302:  # an old link: measure where it leads
            response = client.get(url, follow=True)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        uncached = timed(client, url, args.runs, cached=False)
        client.get(url)
        cached = timed(client, url, args.runs, cached=True)
        rows.append((label, url, uncached, cached, count, len(response.content)))
    floor = next(row[2] for row in rows if row[1] == "/floor")
    print(
        f"\n{args.countries} countries x {args.requirements} requirements x {args.changes} "
        f"changes, {connection.vendor}, median of {args.runs} runs, floor {floor * 1000:.2f} ms\n"
    )
    print(
        f"{'page':30} {'uncached ms':>11} {'x floor':>8} {'cached ms':>9} {'x floor':>8} "
        f"{'queries':>7} {'KiB':>6}  url"
    )
    for label, url, uncached, cached, count, size in rows:
        print(
            f"{label:30} {uncached * 1000:11.1f} {uncached / floor:8.1f} {cached * 1000:9.2f} "
            f"{cached / floor:8.1f} {count:7d} {size / 1024:6.0f}  {url}"
        )
    largest = max(rows, key=lambda row: row[5])
    print(f"\nlargest page: {largest[0]}, {largest[5] / 1024:.0f} KiB (limit 300 KB)")
    if not args.no_export:
        export(client)


def export(client) -> None:
    """The status export of every synthetic framework: first byte, whole, memory peak."""
    import tracemalloc

    from django.core.cache import cache

    from alignment.models import Framework

    codes = Framework.objects.filter(synthetic=True).values_list("code", flat=True)
    url = "/export/status.csv?" + "&".join(f"framework={code}" for code in codes)
    cache.clear()
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url)
    chunks = iter(response.streaming_content)
    first = next(chunks)
    first_byte = time.perf_counter() - started
    size, lines = len(first), first.count(b"\n")
    for chunk in chunks:
        size += len(chunk)
        lines += chunk.count(b"\n")
    whole = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"\n/export/status.csv, {lines - 1:,} rows, {size / 2**20:.1f} MiB: first byte "
        f"{first_byte * 1000:.0f} ms, whole {whole:.1f} s, Python memory peak "
        f"{peak / 2**20:.1f} MiB while streaming"
    )


if __name__ == "__main__":
    main()
