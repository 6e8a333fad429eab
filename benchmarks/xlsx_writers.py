"""Two XLSX writers on the status export's rows: ours (alignment.exports.xlsx) and
XlsxWriter in constant_memory mode, each against the csv module on the same rows.

    .venv/bin/python benchmarks/xlsx_writers.py            # 100,000 rows
    .venv/bin/python benchmarks/xlsx_writers.py --rows 10000

Rows are synthetic (labelled as such), shaped like /export/status.xlsx's, built in memory
so that only the writers are measured. For each writer it prints the time to the first
byte a server could send, the total time, both as ratios to writing the same rows as CSV
in the same run, the file size, and the peak of Python memory (tracemalloc, in a second
pass, since tracing slows the writers down). XlsxWriter is a development dependency, for
this script only. Not part of the test run.
"""

import argparse
import csv
import io
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COLUMNS = [
    "country_code",
    "country",
    "framework",
    "requirement_code",
    "requirement",
    "status",
    "score",
    "effective_on",
    "source_url",
]
STATUSES = [("not_aligned", 0), ("in_preparation", 25), ("adopted", 75), ("aligned", 100)]


def rows(n: int) -> Iterator[list]:
    for i in range(n):
        status, score = STATUSES[i % len(STATUSES)]
        yield [
            f"Q{i % 50:02d}",
            f"Synthetic country {i % 50:02d}",
            f"synthetic-{i // 20000 + 1:02d}",
            f"synthetic-{i // 20000 + 1:02d}/area-{i % 100:02d}.req-{i % 2000:04d}",
            f"Synthetic requirement {i % 2000} (benchmark data, not real)",
            status,
            score,
            f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}",
            "https://example.org/synthetic-benchmark-data" if i % 3 else "",
        ]


def ours(n: int) -> Iterator[bytes]:
    from alignment.exports import xlsx

    yield from xlsx.stream("status", COLUMNS, rows(n))


def xlsxwriter_constant_memory(n: int) -> Iterator[bytes]:
    import xlsxwriter

    out = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        book = xlsxwriter.Workbook(
            out,
            {
                "constant_memory": True,
                "tmpdir": tmp,
                # Text stays text, as in our writer: no formulas, links or numbers guessed.
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        sheet = book.add_worksheet("status")
        sheet.write_row(0, 0, COLUMNS)
        for number, row in enumerate(rows(n), start=1):
            sheet.write_row(number, 0, row)
        book.close()  # the archive is put together here: nothing can be sent before
    yield out.getvalue()


def as_csv(n: int) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows(n):
        writer.writerow(row)
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def timed(write: Callable[[int], Iterator[bytes]], n: int) -> tuple[float, float, int]:
    """(seconds to the first chunk, seconds in all, bytes)."""
    started = time.perf_counter()
    chunks = write(n)
    first = next(chunks)
    to_first = time.perf_counter() - started
    size = len(first) + sum(len(chunk) for chunk in chunks)
    return to_first, time.perf_counter() - started, size


def peak(write: Callable[[int], Iterator[bytes]], n: int) -> int:
    tracemalloc.start()
    try:
        for _ in write(n):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per writer (median)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()

    writers = {"csv (baseline)": as_csv, "ours": ours, "xlsxwriter": xlsxwriter_constant_memory}
    results = {}
    for name, write in writers.items():
        runs = [timed(write, args.rows) for _ in range(args.runs)]
        results[name] = (
            statistics.median(r[0] for r in runs),
            statistics.median(r[1] for r in runs),
            runs[0][2],
            peak(write, args.rows),
        )
    base = results["csv (baseline)"][1]
    print(f"{args.rows:,} synthetic rows (not real data), median of {args.runs} runs")
    print(f"{'writer':16} {'first byte':>12} {'total':>9} {'x csv':>6} {'size':>9} {'peak':>9}")
    for name, (first, total, size, top) in results.items():
        print(
            f"{name:16} {first:10.3f} s {total:7.2f} s {total / base:6.1f} "
            f"{size / 1e6:7.2f} MB {top / 1e6:7.2f} MB"
        )


if __name__ == "__main__":
    main()
