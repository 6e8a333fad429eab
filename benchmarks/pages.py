"""Server time of every public page on a large synthetic dataset, next to a trivial view.

    .venv/bin/python benchmarks/pages.py                      # a fresh SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/at_pages .venv/bin/python benchmarks/pages.py

Builds, in a fresh database, 50 countries x 2,000 leaf requirements x 10 changes with the
`synthesize` command (ten synthetic frameworks of 200), plus one synthetic workshop with
every country as a beneficiary and a recommendation on each requirement of the first
framework. Then, for each page, it prints the median server time over several runs with
Django's test Client (no network, no browser), the number of queries, the size of the
page (issue 9: none above 300 KB), and the ratio of the median to /healthz measured in the same run.

With DATABASE_URL the database named in it is NOT touched: a fresh one named
`<name>_pagesbench` is created on the same server and dropped at the end (--keep keeps
it). Not part of the test run.
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
    args = parser.parse_args()

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
        build(args)
        measure(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop()


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
        ("country", f"/countries/{country}/?framework={fw}"),
        ("requirement (leaf)", f"/frameworks/{fw}/requirements/{leaf}/"),
        ("requirement (group)", f"/frameworks/{fw}/requirements/{group}/"),
        ("cell history", f"/countries/{country}/frameworks/{fw}/requirements/{leaf}/"),
        ("workshop list", "/workshops/"),
        ("workshop", "/workshops/synthetic-workshop/"),
        ("data", "/data/"),
    ]


def measure(args) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from alignment.models import Requirement
    from countries.models import Country

    country = Country.objects.filter(name__startswith="Synthetic country").first().code
    leaf = Requirement.objects.filter(framework__code="synthetic-01").leaves().first().code
    group = Requirement.objects.filter(framework__code="synthetic-01", parent=None).first().code
    client = Client()
    rows = []
    for label, url in pages(country, leaf, group):
        client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        count = len(queries)  # now: the next request empties the log queries reads
        if response.status_code == 302:  # an old link: measure where it leads
            response = client.get(url, follow=True)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - started)
        rows.append((label, url, statistics.median(times), count, len(response.content)))
    base = rows[0][2]
    print(
        f"\n{args.countries} countries x {args.requirements} requirements x {args.changes} "
        f"changes, {connection.vendor}, median of {args.runs} runs\n"
    )
    print(f"{'page':28} {'median ms':>10} {'x trivial':>10} {'queries':>8} {'KiB':>7}  url")
    for label, url, median, count, size in rows:
        print(
            f"{label:28} {median * 1000:10.1f} {median / base:10.1f} {count:8d} "
            f"{size / 1024:7.0f}  {url}"
        )
    largest = max(rows, key=lambda row: row[4])
    print(f"\nlargest page: {largest[0]}, {largest[4] / 1024:.0f} KiB (limit 300 KB)")


if __name__ == "__main__":
    main()
