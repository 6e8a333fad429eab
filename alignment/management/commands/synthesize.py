"""Build a reproducible synthetic dataset for benchmarks. Not real data, and labelled so.

Countries are named "Synthetic country NN"; frameworks are `synthetic-NN`, marked
synthetic, each with at most FRAMEWORK_SIZE leaf requirements under parent nodes of
GROUP_SIZE; every (country, leaf requirement) gets `--changes` dated StatusChanges, most
of them approved, and the Assessments and kept score totals (alignment.scoretable) are
set from them in the same transaction, worked out as the rows are made by the as-of
rule's order (AS_OF_ORDER; the tests hold them equal to StatusChangeQuerySet.as_of and
scoretable.recompute). A bulk load (common.bulkload): indexes and constraints built
after it, then the planner's statistics refreshed (ANALYZE).
"""

import datetime as dt
import itertools
import operator
import random
import string
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from alignment import dataversion, scoretable
from alignment.dates import Precision, period_end
from alignment.models import (
    AS_OF_ORDER,
    Assessment,
    Framework,
    FrameworkKind,
    Requirement,
    ReviewState,
    Source,
    Status,
    StatusChange,
)
from common import bulkload
from countries.models import Country, EURelationship

FRAMEWORK_SIZE = 200
GROUP_SIZE = 20
FIRST_DAY = dt.date(2005, 1, 1)
# ISO 3166 keeps these for user assignment, so synthetic countries take them first.
USER_ASSIGNED = [
    "AA",
    *(f"Q{c}" for c in "MNOPQRSTUVWXYZ"),
    *(f"X{c}" for c in string.ascii_uppercase),
    "ZZ",
]
STATUS_WALK = [s for s in Status.values if s != Status.NOT_APPLICABLE]
# Plain text, not the enumerations: a million of each go to the database. Drawn 90 %, 7 %,
# 3 % and 85 %, 10 %, 5 % in _history.
APPROVED, PROPOSED, RETURNED = (
    ReviewState.APPROVED.value,
    ReviewState.PROPOSED.value,
    ReviewState.RETURNED.value,
)
DAY, MONTH, YEAR = PRECISIONS = (Precision.DAY.value, Precision.MONTH.value, Precision.YEAR.value)


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
        watch = Stopwatch()
        with bulkload.session(), transaction.atomic():
            rows = synthesize(
                countries=countries,
                requirements=requirements,
                changes=changes,
                seed=seed,
                watch=watch,
            )
            dataversion.bump()
        watch.lap("commit")
        seconds = watch.total()
        self.stdout.write(
            f"synthesize: {rows:,} rows in {seconds:.1f} s, {rows / seconds:,.0f} rows/s, "
            f"{countries * requirements * changes / seconds:,.0f} status changes/s "
            f"({countries} countries x {requirements} requirements x {changes} changes, "
            f"seed {seed}, {connection.vendor})"
        )
        if options["verbosity"] > 1:
            self.stdout.write(
                "  " + ", ".join(f"{name} {spent:.1f} s" for name, spent in watch.laps.items())
            )


class Stopwatch:
    """Where the time of a load went, phase by phase (shown with --verbosity 2)."""

    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self.last
        self.last = now

    def total(self) -> float:
        return self.last - self.started


# The tables written in bulk: their indexes and constraints are built after the load.
LOADED = (StatusChange, Assessment, scoretable.ScoreSeries, scoretable.ScoreTotal)


def synthesize(
    *, countries: int, requirements: int, changes: int, seed: int, watch: Stopwatch | None = None
) -> int:
    """Write the dataset; returns the number of rows written. Call it in atomic()."""
    watch = watch or Stopwatch()
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
    trees = _trees(leaves)
    watch.lap("countries and requirements")
    with bulkload.deferred_indexes(*LOADED):
        watch.lap("indexes dropped")
        ids = itertools.count(
            bulkload.reserve_ids(StatusChange, countries * requirements * changes)
        )
        for country in country_rows:
            pairs = Pairs(country.pk)
            histories = (
                _history(rng, ids, uids, country.pk, leaf.pk, source.pk, changes, calendar)
                for leaf in leaves
            )
            # Made while the database reads, so on PostgreSQL both cores work at once.
            bulkload.insert(
                StatusChange,
                CHANGE_COLUMNS,
                itertools.chain.from_iterable(map(pairs.keep, histories)),
            )
            watch.lap("status changes")
            now = calendar.adapt_datetime(timezone.now())
            bulkload.insert(
                Assessment, ASSESSMENT_COLUMNS, [(*row, now) for row in pairs.assessments]
            )
            watch.lap("assessments")
            rows += len(leaves) * changes + len(pairs.assessments)
            rows += scoretable.write(scoretable.accumulate(pairs.steps, *trees))
            watch.lap("score totals")
    watch.lap("indexes built")
    bulkload.analyze(Country, Framework, Framework.countries.through, Requirement, *LOADED)
    watch.lap("analyze")
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


# Rows are tuples in these orders, their values already in the database's own form: a
# model instance, or even a dict, per row would cost more than the SQL.
CHANGE_COLUMNS = (
    "id",
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
ID, REQUIREMENT, STATUS, EFFECTIVE_ON, REVIEW_STATE = (
    CHANGE_COLUMNS.index(name)
    for name in ("id", "requirement_id", "status", "effective_on", "review_state")
)
# The as-of rule's order (AS_OF_ORDER) on these rows: their dates are ISO text, which
# sorts as the dates do.
as_of_key = operator.itemgetter(*(CHANGE_COLUMNS.index(name) for name in AS_OF_ORDER))


class Pairs:
    """What the approval path would have left from one country's histories: the
    Assessment of each pair (its last approved change in the as-of order) and the steps
    of its kept score totals."""

    def __init__(self, country_id: int) -> None:
        self.country_id = country_id
        self.assessments: list[tuple] = []
        self.steps: list[tuple[int, int, list]] = []

    def keep(self, history: list[list]) -> list[list]:
        """Note what one pair's history leaves; returns it, to be written."""
        approved = sorted((row for row in history if row[REVIEW_STATE] == APPROVED), key=as_of_key)
        if approved:
            requirement_id, last = history[0][REQUIREMENT], approved[-1]
            self.assessments.append((self.country_id, requirement_id, last[ID], last[STATUS]))
            steps = scoretable.packed_steps((row[EFFECTIVE_ON], row[STATUS]) for row in approved)
            self.steps.append((self.country_id, requirement_id, steps))
        return history


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


def _history(rng, ids, uids, country_id, requirement_id, source_id, k, calendar) -> list[list]:
    """k changes of one pair: a random walk on the status scale at random past dates."""
    random, top = rng.random, len(STATUS_WALK) - 1
    status = rng.randrange(top + 1)
    history = []
    for offset in sorted(rng.sample(calendar.offsets, k)):
        status += -1 if random() < 0.34 else 1
        status = 0 if status < 0 else top if status > top else status
        draw = random()
        precision = DAY if draw < 0.85 else MONTH if draw < 0.95 else YEAR
        draw = random()
        history.append(
            [
                next(ids),
                f"{next(uids):032x}",
                country_id,
                requirement_id,
                STATUS_WALK[status],
                calendar.ends[precision][offset],
                precision,
                calendar.recorded[offset + int(draw * 90)],
                APPROVED if draw < 0.9 else PROPOSED if draw < 0.97 else RETURNED,
                EVIDENCE,
                source_id,
                "",
            ]
        )
    return history


class Calendar:
    """The days a synthetic change may fall on, in the database's form, computed once."""

    def __init__(self, today: dt.date, now: dt.datetime) -> None:
        # Stop a year and more short of today, so a year's end is never in the future.
        days = [FIRST_DAY + dt.timedelta(days=n) for n in range((today - FIRST_DAY).days - 400)]
        self.offsets = range(len(days))
        if connection.vendor == "postgresql":  # COPY reads ISO text fastest
            adapt_date, adapt_datetime = dt.date.isoformat, dt.datetime.isoformat
        else:
            adapt_date = connection.ops.adapt_datefield_value
            adapt_datetime = connection.ops.adapt_datetimefield_value
        self.adapt_datetime = adapt_datetime
        # By precision, the end of the period of each day; by day, noon (a recording
        # falls up to 89 days after the change's day).
        self.ends = {p: [adapt_date(period_end(day, p)) for day in days] for p in PRECISIONS}
        self.recorded = [
            adapt_datetime(
                min(
                    dt.datetime.combine(FIRST_DAY + dt.timedelta(days=n), dt.time(12), dt.UTC),
                    now,
                )
            )
            for n in range(len(days) + 90)
        ]
