"""The load test: gunicorn on PostgreSQL with Redis, driven by Locust (benchmarks/locustfile.py).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alignment_i10 \\
    REDIS_URL=redis://127.0.0.1:6379/10 .venv/bin/python benchmarks/load.py

Builds `<name>_pagesbench` beside the database in DATABASE_URL (left alone) with
`synthesize` (default 50 x 2,000 x 10) and the synthetic workshop, or with `--built URL`
reuses a database built before (by `--keep` here or `benchmarks/pages.py --keep`). Starts
gunicorn (`--workers`, DEBUG off) on 127.0.0.1:`--port` (8100), empties the Redis database
named in REDIS_URL, then runs Locust headless twice with `--users` (50): the floor page
alone for `--floor-seconds` (15), the server doing nothing else, then the mix for
`--seconds` (60). Prints requests per second, median, 95th percentile and errors per kind
of request, each p95 as a multiple of the floor's measured alone (the goal: under 10x),
and stops everything it started. Only the loopback; bounded in users and time. Needs
`pip install -e '.[bench]'`.
"""

import argparse
import csv
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pages import fresh_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--countries", type=int, default=50)
    parser.add_argument("--requirements", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60, help="the mix's run")
    parser.add_argument(
        "--floor-seconds", type=int, default=15, help="the floor page alone, before the mix"
    )
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument(
        "--keep", action="store_true", help="keep the database it built (reuse: --built URL)"
    )
    parser.add_argument(
        "--built",
        metavar="URL",
        help="a database built before (--keep here, or benchmarks/pages.py --keep): "
        "no build, not dropped",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (it is left alone).")
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("Set REDIS_URL (e.g. redis://127.0.0.1:6379/10).")
    if args.built:
        database_url, drop = args.built, lambda: None
    else:
        database_url, drop = fresh_database()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "load-test-only-not-a-secret"),
        "DEBUG": "0",
        "HTTPS": "0",  # plain HTTP on the loopback: no redirect to https://
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    try:
        codes = build(args, env, fresh=not args.built)
        run(args, env, codes)
    finally:
        if args.keep and not args.built:
            print(f"kept; run again on it with --built {database_url}")
        elif not args.keep:
            drop()


def manage(env: dict, *command: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def build(args, env: dict, *, fresh: bool) -> dict[str, str]:
    started = time.perf_counter()
    if fresh:
        manage(env, "migrate", "--verbosity", "0")
        print(
            manage(
                env,
                "synthesize",
                f"--countries={args.countries}",
                f"--requirements={args.requirements}",
                f"--changes={args.changes}",
            ).strip()
        )
        manage(
            env,
            "shell",
            "-c",
            "from workshops.synthetic import synthetic_workshop; synthetic_workshop()",
        )
    codes = (
        manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from alignment.models import Requirement; from countries.models import Country\n"
            "r = Requirement.objects.filter(framework__code='synthetic-01')\n"
            "print(','.join(Country.objects.filter(name__startswith='Synthetic').values_list("
            "'code', flat=True)))\n"
            "print(','.join(r.filter(parent=None).values_list('code', flat=True)))\n"
            "print(','.join(r.leaves().values_list('code', flat=True)[:50]))\n",
        )
        .strip()
        .split("\n")[-3:]
    )
    print(f"built in {time.perf_counter() - started:.0f} s")
    return {"LOAD_COUNTRIES": codes[0], "LOAD_GROUPS": codes[1], "LOAD_LEAVES": codes[2]}


def run(args, env: dict, codes: dict[str, str]) -> None:
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()  # this run's database number only
    host = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            f"--bind=127.0.0.1:{args.port}",
            f"--workers={args.workers}",
            "--timeout=120",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(f"{host}/healthz")
        folder = Path(tempfile.mkdtemp(prefix="loadbench-"))
        floor = locust(args, {**env, **codes}, host, "FloorAlone", args.floor_seconds, folder)
        mix = locust(args, {**env, **codes}, host, "Reader", args.seconds, folder)
        report(floor, mix, args)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def locust(args, env: dict, host: str, user: str, seconds: int, folder: Path) -> list[dict]:
    """One headless Locust run of the user class `user`; its rows of statistics."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "benchmarks" / "locustfile.py"),
            user,
            "--headless",
            f"--users={args.users}",
            f"--spawn-rate={max(1, args.users // 5)}",
            f"--run-time={seconds}s",
            f"--host={host}",
            f"--csv={folder}/{user}",
            "--only-summary",
            "--loglevel=WARNING",
        ],
        env=env,
        check=False,
        timeout=seconds + 120,
    )
    with (folder / f"{user}_stats.csv").open() as stats:
        return list(csv.DictReader(stats))


def wait_for(url: str) -> None:
    for _ in range(60):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"{url} did not answer")


def report(floor: list[dict], mix: list[dict], args) -> None:
    alone = next(row for row in floor if row["Name"] == "floor alone")
    base = max(float(alone["95%"]), 1)
    data = args.built or f"{args.countries} x {args.requirements} x {args.changes}"
    print(
        f"\n{args.users} users, gunicorn {args.workers} workers, {data}; "
        f"the floor alone {args.floor_seconds} s, then the mix {args.seconds} s\n"
    )
    print(
        f"{'request':18} {'count':>7} {'req/s':>7} {'median ms':>10} {'p95 ms':>8} "
        f"{'p95 x floor':>11} {'errors':>7}"
    )
    for row in [alone, *mix]:
        p95 = float(row["95%"])
        print(
            f"{row['Name']:18} {row['Request Count']:>7} {float(row['Requests/s']):7.1f} "
            f"{float(row['Median Response Time']):10.0f} {p95:8.0f} "
            f"{p95 / base:11.1f} {row['Failure Count']:>7}"
        )
    print("\np95 x floor: each p95 over the floor page's p95 measured alone (the goal: < 10).")


if __name__ == "__main__":
    main()
