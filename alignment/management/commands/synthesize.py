"""Build a reproducible synthetic dataset for benchmarks. Not real data, and labelled so.

Countries are named "Synthetic country NN"; frameworks are `synthetic-NN`, marked
synthetic, each with at most FRAMEWORK_SIZE leaf requirements under parent nodes of
GROUP_SIZE; every (country, leaf requirement) gets `--changes` dated StatusChanges, most
of them approved, and the Assessments are set from them in the same transaction, by
the as-of rule's SQL (StatusChangeQuerySet.as_of), and the kept score totals from the
same rows (alignment.scoretable); then the planner's statistics are refreshed (ANALYZE).
"""

import csv
import datetime as dt
import functools
import io
import itertools
import random
import string
import time
from collections.abc import Iterable

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction
from django.utils import timezone

from alignment import dataversion, scoretable
from alignment.dates import Precision, period_end
from alignment.models import (
    Assessment,
    Framework,
    FrameworkKind,
    Requirement,
    ReviewState,
    Source,
    Status,
    StatusChange,
)
from countries.models import Country, EURelationship

FRAMEWORK_SIZE = 200
GROUP_SIZE = 20
BATCH_SIZE = 2000
FIRST_DAY = dt.date(2005, 1, 1)
# ISO 3166 keeps these for user assignment, so synthetic countries take them first.
USER_ASSIGNED = [
    "AA",
    *(f"Q{c}" for c in "MNOPQRSTUVWXYZ"),
    *(f"X{c}" for c in string.ascii_uppercase),
    "ZZ",
]
STATUS_WALK = [s for s in Status.values if s != Status.NOT_APPLICABLE]
# Drawn 90 %, 7 %, 3 % and 85 %, 10 %, 5 % in _history.
REVIEW_STATES = [ReviewState.APPROVED, ReviewState.PROPOSED, ReviewState.RETURNED]
PRECISIONS = [Precision.DAY, Precision.MONTH, Precision.YEAR]


class Command(BaseCommand):
    help = "Build a labelled synthetic dataset (countries, frameworks, changes) for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--countries", type=int, required=True)
        parser.add_argument("--requirements", type=int, required=True, help="leaf requirements")
        parser.add_argument(
            "--changes", type=int, required=True, help="per country and requirement"
        )
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, countries: int, requirements: int, changes: int, seed: int, **options):
        for name, value in [
            ("countries", countries),
            ("requirements", requirements),
            ("changes", changes),
        ]:
            if value < 1:
                raise CommandError(f"--{name} must be at least 1, not {value}.")
        started = time.perf_counter()
        with transaction.atomic():
            rows = synthesize(
                countries=countries, requirements=requirements, changes=changes, seed=seed
            )
            dataversion.bump()
            # i10: statistics for the planner now, not when autovacuum gets round to it:
            # without them one page's plan took 6 s instead of 0.3 s after a bulk load.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"synthesize: {rows:,} rows in {seconds:.1f} s, {rows / seconds:,.0f} rows/s "
            f"({countries} countries x {requirements} requirements x {changes} changes, "
            f"seed {seed})"
        )


def synthesize(*, countries: int, requirements: int, changes: int, seed: int) -> int:
    """Write the dataset; returns the number of rows written."""
    rng = random.Random(seed)
    # Consecutive ids, appended to the unique index instead of scattered through it.
    uids = itertools.count(rng.getrandbits(120) << 8)
    source, _ = Source.objects.get_or_create(
        key="synthetic-benchmark-data",
        defaults={
            "title": "Synthetic benchmark data (not real)",
            "publisher": "Alignment Tracker synthesize command",
            "notes": "Generated at random for benchmarks; no claim about any country.",
        },
    )
    country_rows = _countries(countries)
    leaves = _requirements(requirements, country_rows)
    rows = len(country_rows) + len(leaves)
    calendar = Calendar(timezone.localdate(), timezone.now())
    today = timezone.localdate()
    trees = _trees(leaves)
    for country in country_rows:
        # Made while the database reads, so on PostgreSQL both cores work at once.
        generated = (
            change
            for requirement in leaves
            for change in _history(
                rng, uids, country.pk, requirement.pk, source.pk, changes, calendar
            )
        )
        _insert(StatusChange, CHANGE_COLUMNS, generated)
        # The Assessments by the as-of rule's own SQL, as the services would leave them.
        in_force = (
            StatusChange.objects.filter(country_id=country.pk)
            .approved()
            .as_of(today)
            .values_list("country_id", "requirement_id", "id", "status")
        )
        now = calendar.adapt_datetime(timezone.now())
        assessments = [(*values, now) for values in in_force]
        _insert(Assessment, ASSESSMENT_COLUMNS, assessments)
        rows += len(leaves) * changes + len(assessments) + _kept_totals(country.pk, trees)
    return rows


def _trees(leaves: list[Requirement]) -> tuple[dict, dict]:
    """The synthetic frameworks' shapes, for the kept totals, from the leaves made."""
    shapes: dict[int, dict] = {}
    for leaf in leaves:
        shape = shapes.setdefault(leaf.framework_id, {})
        shape[leaf.pk] = leaf.parent_id
        shape.setdefault(leaf.parent_id, None)
    framework_of = {leaf.pk: leaf.framework_id for leaf in leaves}
    return {f: scoretable.Tree(shape.items()) for f, shape in shapes.items()}, framework_of


def _kept_totals(country_id: int, trees: tuple[dict, dict]) -> int:
    """One country's rows of the kept score totals (alignment.scoretable), from the
    approved history just written, read back in the as-of order."""
    shapes, framework_of = trees
    series = scoretable.accumulate(
        scoretable.history_pairs(shapes, countries=[country_id]), shapes, framework_of
    )
    keys = list(series)
    made = scoretable.ScoreSeries.objects.bulk_create(
        scoretable.ScoreSeries(country_id=c, framework_id=f, group_id=g) for c, f, g in keys
    )
    _insert(
        scoretable.ScoreTotal,
        ("series_id", "effective_on", *scoretable.FIELDS),
        (
            (made_series.pk, day, *totals)
            for made_series, key in zip(made, keys, strict=True)
            for day, totals in series[key]
        ),
    )
    return len(made) + sum(len(rows) for rows in series.values())


# Rows are tuples in these orders, their values already in the database's own form: a
# model instance, or even a dict, per row would cost more than the SQL.
CHANGE_COLUMNS = (
    "uid",
    "country_id",
    "requirement_id",
    "status",
    "effective_on",
    "precision",
    "recorded_at",
    "review_state",
    "evidence",
    "source_id",
    "review_note",
)
ASSESSMENT_COLUMNS = ("country_id", "requirement_id", "change_id", "status", "updated_at")
EVIDENCE = "Synthetic benchmark row (not real)."


def _insert(model, names: tuple[str, ...], values: Iterable[tuple]) -> None:
    """Many rows at once: COPY on PostgreSQL, one prepared INSERT on SQLite."""
    fields = [model._meta.get_field(name) for name in names]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # In CSV an empty field is NULL unless the column is named here.
            texts = [
                connection.ops.quote_name(f.column)
                for f in fields
                if not f.null and isinstance(f, (models.CharField, models.TextField))
            ]
            options = f", FORCE_NOT_NULL ({', '.join(texts)})" if texts else ""
            cursor.cursor.copy_expert(
                f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv{options})",
                CsvStream(values),
            )
        else:
            # A bigger page cache for this connection: the indexes of a million rows.
            cursor.execute("PRAGMA cache_size = -262144")
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)


class CsvStream:
    """A file COPY reads from, written as it is read: rows are made while the server works."""

    def __init__(self, rows: Iterable[tuple]) -> None:
        self.rows = iter(rows)
        self.pending = ""

    def read(self, size: int = 8192) -> str:
        while len(self.pending) < size:
            batch = list(itertools.islice(self.rows, 500))
            if not batch:
                break
            buffer = io.StringIO()
            csv.writer(buffer).writerows(batch)
            self.pending += buffer.getvalue()
        text, self.pending = self.pending[:size], self.pending[size:]
        return text


def _countries(n: int) -> list[Country]:
    taken = set(Country.objects.values_list("code", flat=True))
    every = [a + b for a, b in itertools.product(string.ascii_uppercase, repeat=2)]
    free = [
        code for code in dict.fromkeys(USER_ASSIGNED + every) if code not in taken and code != "XK"
    ]
    if n > len(free):
        raise CommandError(f"--countries {n}: only {len(free)} two-letter codes are free.")
    start = Country.objects.filter(name__startswith="Synthetic country").count()
    created = [
        Country(
            code=code,
            name=f"Synthetic country {start + i + 1:02d}",
            eu_relationship=EURelationship.OTHER,
            updated_at=timezone.now(),
        )
        for i, code in enumerate(free[:n])
    ]
    return Country.objects.bulk_create(created)


def _requirements(n: int, countries: list[Country]) -> list[Requirement]:
    """n leaf requirements in frameworks of FRAMEWORK_SIZE, under groups of GROUP_SIZE."""
    start = Framework.objects.filter(code__startswith="synthetic-").count()
    leaves: list[Requirement] = []
    for f, first in enumerate(range(0, n, FRAMEWORK_SIZE)):
        size = min(FRAMEWORK_SIZE, n - first)
        framework = Framework.objects.create(
            code=f"synthetic-{start + f + 1:02d}",
            title=f"Synthetic framework {start + f + 1:02d} (benchmark data, not real)",
            issuer="Alignment Tracker synthesize command",
            kind=FrameworkKind.ACTION_PLAN,
            synthetic=True,
        )
        framework.countries.add(*countries)
        groups = Requirement.objects.bulk_create(
            Requirement(
                framework=framework,
                code=f"area-{g + 1:02d}",
                position=g,
                title=f"Synthetic area {g + 1}",
                updated_at=timezone.now(),
            )
            for g in range((size + GROUP_SIZE - 1) // GROUP_SIZE)
        )
        leaves.extend(
            Requirement.objects.bulk_create(
                Requirement(
                    framework=framework,
                    parent=groups[i // GROUP_SIZE],
                    code=f"area-{i // GROUP_SIZE + 1:02d}.req-{i + 1:04d}",
                    position=i,
                    title=f"Synthetic requirement {i + 1}",
                    deadline=dt.date(2010 + i % 15, 12, 31) if i % 3 == 0 else None,
                    updated_at=timezone.now(),
                )
                for i in range(size)
            )
        )
    return leaves


def _history(rng, uids, country_id, requirement_id, source_id, k, calendar) -> list[tuple]:
    """k changes of one pair: a random walk on the status scale at random past dates."""
    status = rng.randrange(len(STATUS_WALK))
    history = []
    for offset in sorted(rng.sample(range(len(calendar.days)), k)):
        status = min(max(status + (-1 if rng.random() < 0.34 else 1), 0), len(STATUS_WALK) - 1)
        draw = rng.random()
        precision = PRECISIONS[0 if draw < 0.85 else 1 if draw < 0.95 else 2]
        draw = rng.random()
        history.append(
            (
                f"{next(uids):032x}",
                country_id,
                requirement_id,
                STATUS_WALK[status],
                calendar.end(offset, precision),
                precision,
                calendar.recorded(offset + int(draw * 90)),
                REVIEW_STATES[0 if draw < 0.9 else 1 if draw < 0.97 else 2],
                EVIDENCE,
                source_id,
                "",
            )
        )
    return history


class Calendar:
    """The days a synthetic change may fall on, in the database's form, computed once."""

    def __init__(self, today: dt.date, now: dt.datetime) -> None:
        # Stop a year and more short of today, so a year's end is never in the future.
        self.days = [
            FIRST_DAY + dt.timedelta(days=n) for n in range((today - FIRST_DAY).days - 400)
        ]
        self.now = now
        if connection.vendor == "postgresql":  # COPY reads ISO text fastest
            self.adapt_date, self.adapt_datetime = dt.date.isoformat, dt.datetime.isoformat
        else:
            self.adapt_date = connection.ops.adapt_datefield_value
            self.adapt_datetime = connection.ops.adapt_datetimefield_value
        self.end = functools.lru_cache(maxsize=None)(self._end)
        self.recorded = functools.lru_cache(maxsize=None)(self._recorded)

    def _end(self, offset: int, precision: str):
        return self.adapt_date(period_end(self.days[offset], precision))

    def _recorded(self, offset: int):
        day = FIRST_DAY + dt.timedelta(days=offset)
        moment = min(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC), self.now)
        return self.adapt_datetime(moment)
