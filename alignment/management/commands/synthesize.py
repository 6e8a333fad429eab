"""Build a reproducible synthetic dataset for benchmarks. Not real data, and labelled so.

Countries are named "Synthetic country NN"; frameworks are `synthetic-NN`, marked
synthetic, each with at most FRAMEWORK_SIZE leaf requirements under parent nodes of
GROUP_SIZE; every (country, leaf requirement) gets `--changes` dated StatusChanges, most
of them approved, and the Assessments are set from them in the same transaction.
"""

import csv
import datetime as dt
import functools
import io
import itertools
import random
import string
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction
from django.utils import timezone

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
    now = timezone.now()
    calendar = Calendar(timezone.localdate(), now)
    for country in country_rows:
        history = [
            change
            for requirement in leaves
            for change in _history(rng, uids, country.pk, requirement.pk, changes, calendar)
        ]
        _insert(StatusChange, [_change_row(change, source.pk) for change in history])
        ids = {
            uid.hex: pk
            for uid, pk in StatusChange.objects.filter(country=country).values_list("uid", "id")
        }
        in_force = _in_force(history)
        _insert(
            Assessment,
            [
                {
                    "country_id": change["country_id"],
                    "requirement_id": change["requirement_id"],
                    "change_id": ids[change["uid"]],
                    "status": change["status"],
                    "updated_at": now,
                }
                for change in in_force
            ],
        )
        rows += len(history) + len(in_force)
    return rows


def _insert(model, rows: list[dict]) -> None:
    """Plain multi-row inserts: a model instance per row costs ten times the SQL."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in rows[0]]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    preps = [_prep(f) for f in fields]
    names = [f.attname for f in fields]
    values = [
        tuple(
            row[n] if prep is None else prep(row[n]) for n, prep in zip(names, preps, strict=True)
        )
        for row in rows
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # A bigger page cache for this connection: the indexes of a million rows.
            cursor.execute("PRAGMA cache_size = -262144")
        if connection.vendor == "postgresql":
            # In CSV an empty field is NULL unless the column is named here.
            texts = [
                connection.ops.quote_name(f.column)
                for f in fields
                if not f.null and isinstance(f, (models.CharField, models.TextField))
            ]
            options = f", FORCE_NOT_NULL ({', '.join(texts)})" if texts else ""
            cursor.cursor.copy_expert(
                f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv{options})", _csv(values)
            )
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)


def _csv(values: list[tuple]) -> io.StringIO:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(("" if v is None else v for v in row) for row in values)
    buffer.seek(0)
    return buffer


def _prep(field):
    """The database value of a field: only dates and times need converting, and the same
    few thousand days come back again and again, so each is converted once."""
    if isinstance(field, models.DateTimeField):
        return functools.lru_cache(maxsize=None)(connection.ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return functools.lru_cache(maxsize=None)(connection.ops.adapt_datefield_value)
    return None


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


def _history(rng, uids, country_id, requirement_id, k, calendar) -> list[dict]:
    """k changes of one pair: a random walk on the status scale at random past dates."""
    status = rng.randrange(len(STATUS_WALK))
    history = []
    for offset in sorted(rng.sample(range(len(calendar.days)), k)):
        status = min(max(status + (-1 if rng.random() < 0.34 else 1), 0), len(STATUS_WALK) - 1)
        draw = rng.random()
        precision = PRECISIONS[0 if draw < 0.85 else 1 if draw < 0.95 else 2]
        draw = rng.random()
        history.append(
            {
                "uid": f"{next(uids):032x}",
                "country_id": country_id,
                "requirement_id": requirement_id,
                "status": STATUS_WALK[status],
                "effective_on": calendar.end(offset, precision),
                "precision": precision,
                "recorded_at": calendar.recorded(offset + int(draw * 90)),
                "review_state": REVIEW_STATES[0 if draw < 0.9 else 1 if draw < 0.97 else 2],
            }
        )
    return history


class Calendar:
    """The days a synthetic change may fall on, with their period ends, computed once."""

    def __init__(self, today: dt.date, now: dt.datetime) -> None:
        # Stop a year and more short of today, so a year's end is never in the future.
        self.days = [
            FIRST_DAY + dt.timedelta(days=n) for n in range((today - FIRST_DAY).days - 400)
        ]
        self.now = now
        self.end = functools.lru_cache(maxsize=None)(self._end)
        self.recorded = functools.lru_cache(maxsize=None)(self._recorded)

    def _end(self, offset: int, precision: str) -> dt.date:
        return period_end(self.days[offset], precision)

    def _recorded(self, offset: int) -> dt.datetime:
        day = FIRST_DAY + dt.timedelta(days=offset)
        return min(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC), self.now)


def _change_row(change: dict, source_id: int) -> dict:
    return {
        **change,
        "evidence": "Synthetic benchmark row (not real).",
        "source_id": source_id,
        "review_note": "",
    }


def _in_force(history: list[dict]) -> list[dict]:
    """Per pair, the approved change in force today: the as-of rule on rows in memory."""
    current: dict[tuple[int, int], dict] = {}
    for change in history:
        if change["review_state"] != ReviewState.APPROVED:
            continue
        key = (change["country_id"], change["requirement_id"])
        best = current.get(key)
        if best is None or (change["effective_on"], change["recorded_at"]) >= (
            best["effective_on"],
            best["recorded_at"],
        ):
            current[key] = change
    return list(current.values())
