"""Scores kept, not recomputed: running totals per country and requirement group by date.

For every country, framework and group (a requirement with children, or the framework's
root, group None) a ScoreSeries; under it one ScoreTotal per effective date on which the
totals of the leaves below the group moved: the sum of their scores, how many have data
and how many are not applicable. The totals on a day are those of the latest row on or
before it; a series with no row on or before the day has none (no data is not zero).

StatusChange stays the truth. `apply_approval` moves the rows in the transaction that
approves a change (a back-dated one moves every later row it affects); `rebuild`
recomputes them from the history and `differences` compares the two (the `scoretable`
command). The reads, `totals_as_of`, take one query whatever the history's length: one
index seek per series, on PostgreSQL and on SQLite.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from alignment.models import (
    AS_OF_ORDER,
    SCORES,
    Framework,
    Requirement,
    ReviewState,
    Status,
    StatusChange,
)
from common import bulkload
from countries.models import Country


class ScoreSeries(models.Model):
    """One (country, framework, group) whose totals are kept; group None is the root."""

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="+", verbose_name=_("country")
    )
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="+", verbose_name=_("framework")
    )
    group = models.ForeignKey(
        Requirement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("group"),
    )

    class Meta:
        verbose_name = _("score series")
        verbose_name_plural = _("score series")
        indexes = [models.Index(fields=["framework", "country"], name="scoreseries_framework")]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "framework", "group"], name="scoreseries_one_per_group"
            ),
            # NULLs are distinct in a unique constraint: one root series per pair apart.
            models.UniqueConstraint(
                fields=["country", "framework"],
                condition=models.Q(group__isnull=True),
                name="scoreseries_one_root",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country_id}/{self.framework_id}/{self.group_id or 'root'}"


class ScoreTotal(models.Model):
    """The totals of one series from `effective_on` until its next row."""

    series = models.ForeignKey(
        ScoreSeries, on_delete=models.CASCADE, related_name="totals", db_index=False
    )
    effective_on = models.DateField(_("effective on"))
    score_total = models.IntegerField(_("sum of scores"), default=0)
    with_data = models.IntegerField(_("requirements with data"), default=0)
    not_applicable = models.IntegerField(_("requirements not applicable"), default=0)
    aligned = models.IntegerField(_("requirements aligned"), default=0)

    class Meta:
        verbose_name = _("score total")
        verbose_name_plural = _("score totals")
        constraints = [
            # Also the index of every read: the latest row on or before a day, per series.
            models.UniqueConstraint(
                fields=["series", "effective_on"], name="scoretotal_one_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series_id} {self.effective_on}: {self.score_total}/{self.with_data}"


# Totals as plain tuples, in this order: a million of them are made by synthesize.
FIELDS = ("score_total", "with_data", "not_applicable", "aligned")
ZERO = (0, 0, 0, 0)


def contribution(status: str | None) -> tuple[int, int, int, int]:
    """What one leaf in `status` adds to its groups' totals."""
    if status is None:
        return ZERO
    if status == Status.NOT_APPLICABLE:
        return (0, 0, 1, 0)
    return (SCORES[status], 1, 0, 1 if status == Status.ALIGNED else 0)


def _add(a: tuple, b: tuple, sign: int = 1) -> tuple:
    return tuple(x + sign * y for x, y in zip(a, b, strict=True))


@dataclass(frozen=True, slots=True)
class Totals:
    """A group's totals on a day, with the leaf count the page knows from the tree."""

    score_total: int = 0
    with_data: int = 0
    not_applicable: int = 0
    aligned: int = 0

    @property
    def lagging(self) -> int:
        return self.with_data - self.aligned


# The arithmetic, on rows in memory. ------------------------------------------------------


def pair_steps(history: Iterable[tuple[dt.date, str]]) -> list[tuple[dt.date, tuple]]:
    """One pair's approved (effective_on, status) in the as-of order, as dated deltas.

    The last row of a date wins (the as-of rule's tie-break is the order given); a date
    that leaves the status as it was adds no step.
    """
    return [(day, unpack(delta)) for day, delta in packed_steps(history)]


# The bulk paths (rebuild, synthesize) sum a million deltas: each is packed into one
# integer, a field every SHIFT bits, so adding one is one addition, not a tuple's worth.
# Exact while every field stays under 2**31 in size (a sum of scores of 20 million leaves).
SHIFT = 32
_FIELD = (1 << SHIFT) - 1
_HALF = 1 << (SHIFT - 1)


def pack(totals: tuple) -> int:
    return sum(value << (SHIFT * i) for i, value in enumerate(totals))


def unpack(packed: int) -> tuple[int, int, int, int]:
    """The totals (or deltas, negative fields too) packed in one integer."""
    fields = []
    for _field in FIELDS:
        value = ((packed + _HALF) & _FIELD) - _HALF
        fields.append(value)
        packed = (packed - value) >> SHIFT
    return tuple(fields)


PACKED = {None: 0, **{status: pack(contribution(status)) for status in Status.values}}


def packed_steps(history: Iterable[tuple[Any, str]]) -> list[tuple[Any, int]]:
    """pair_steps with packed deltas; the days may be dates or their ISO text."""
    days: list = []
    values: list[int] = []
    for day, status in history:
        if days and days[-1] == day:
            values[-1] = PACKED[status]  # the last row of a date wins
        else:
            days.append(day)
            values.append(PACKED[status])
    steps, current = [], 0
    for day, value in zip(days, values, strict=True):
        if value != current:
            steps.append((day, value - current))
            current = value
    return steps


def diff_steps(before: list, after: list) -> list[tuple[dt.date, tuple]]:
    """The dated deltas that turn the step function `before` into `after`."""
    deltas: dict[dt.date, tuple] = {}
    for steps, sign in ((after, 1), (before, -1)):
        for day, delta in steps:
            deltas[day] = _add(deltas.get(day, ZERO), delta, sign)
    return [(day, delta) for day, delta in sorted(deltas.items()) if delta != ZERO]


class Tree:
    """A framework's shape: which requirements are leaves and what groups hold them."""

    def __init__(self, parents: Iterable[tuple[int, int | None]]) -> None:
        self.parent = dict(parents)
        self.groups = {p for p in self.parent.values() if p is not None}

    def is_leaf(self, requirement_id: int) -> bool:
        return requirement_id not in self.groups

    def series_of(self, requirement_id: int) -> list[int | None]:
        """The groups above a leaf, nearest first, then the root (None)."""
        found = []
        node = self.parent.get(requirement_id)
        while node is not None:
            found.append(node)
            node = self.parent.get(node)
        return [*found, None]

    def leaf_series(self) -> dict[int, list[int | None]]:
        """series_of for every leaf, worked out once."""
        return {r: self.series_of(r) for r in self.parent if self.is_leaf(r)}


def accumulate(
    pairs: Iterable[tuple[int, int, list]], trees: dict[int, Tree], framework_of: dict[int, int]
) -> dict[tuple[int, int, int | None], list[tuple[Any, tuple]]]:
    """Per series (country, framework, group), its rows: (day, totals) oldest first.

    `pairs` are (country id, requirement id, packed_steps); non-leaves are skipped. One
    pass over the steps: each packed delta added to its day in every series above.
    """
    above = {f: tree.leaf_series() for f, tree in trees.items()}
    deltas: dict[tuple, dict] = defaultdict(dict)
    for country_id, requirement_id, steps in pairs:
        framework_id = framework_of[requirement_id]
        groups = above[framework_id].get(requirement_id)
        if not steps or groups is None:
            continue
        for group in groups:
            by_day = deltas[(country_id, framework_id, group)]
            for day, delta in steps:
                by_day[day] = by_day.get(day, 0) + delta
    return {key: running_totals(by_day) for key, by_day in deltas.items()}


def running_totals(deltas: dict) -> list[tuple[Any, tuple]]:
    """(day, totals) oldest first from {day: packed delta}; a day that moves nothing is
    left out. The running totals are never negative, so each field is a plain mask."""
    rows, running = [], 0
    for day in sorted(deltas):
        delta = deltas[day]
        if delta:
            running += delta
            rows.append(
                (
                    day,
                    (
                        running & _FIELD,
                        (running >> SHIFT) & _FIELD,
                        (running >> 2 * SHIFT) & _FIELD,
                        running >> 3 * SHIFT,
                    ),
                )
            )
    return rows


# Writes. ---------------------------------------------------------------------------------


def _tree(framework_id: int) -> Tree:
    return Tree(
        Requirement.objects.filter(framework_id=framework_id).values_list("pk", "parent_id")
    )


def apply_approval(change: StatusChange) -> None:
    """Move the totals for a change just approved, in the approving transaction.

    The pair's step function before and after the change is approved gives dated deltas;
    each is added to the row of its date (made from the one before if missing) and to
    every later row of each series above the requirement.
    """
    framework_id = Requirement.objects.filter(pk=change.requirement_id).values_list(
        "framework_id", flat=True
    )[0]
    tree = _tree(framework_id)
    if not tree.is_leaf(change.requirement_id):
        return  # a group's own status is not scored
    rows = list(
        StatusChange.objects.approved()
        .filter(country_id=change.country_id, requirement_id=change.requirement_id)
        .order_by(*AS_OF_ORDER)
        .values_list("pk", "effective_on", "status")
    )
    after = pair_steps((day, status) for _, day, status in rows)
    before = pair_steps((day, status) for pk, day, status in rows if pk != change.pk)
    steps = diff_steps(before, after)
    if steps:
        _apply(change.country_id, framework_id, tree.series_of(change.requirement_id), steps)


def _apply(country_id: int, framework_id: int, groups: list[int | None], steps: list) -> None:
    for group in groups:
        series, _ = ScoreSeries.objects.get_or_create(
            country_id=country_id, framework_id=framework_id, group_id=group
        )
        # Approvals of the same series wait for each other here (PostgreSQL).
        list(ScoreSeries.objects.select_for_update().filter(pk=series.pk).values_list("pk"))
        totals = series.totals
        for day, delta in steps:
            if not totals.filter(effective_on=day).exists():
                previous = totals.filter(effective_on__lt=day).order_by("-effective_on").first()
                values = {f: getattr(previous, f) for f in FIELDS} if previous else {}
                totals.create(effective_on=day, **values)
            totals.filter(effective_on__gte=day).update(
                **{f: F(f) + d for f, d in zip(FIELDS, delta, strict=True)}
            )


def history_pairs(
    frameworks: Iterable[int] | None = None, *, countries: Iterable[int] | None = None
) -> Iterator[tuple[int, int, list]]:
    """(country id, requirement id, packed_steps) for every pair with approved history."""
    rows = StatusChange.objects.filter(review_state=ReviewState.APPROVED)
    if frameworks is not None:
        rows = rows.filter(requirement__framework__in=list(frameworks))
    if countries is not None:
        rows = rows.filter(country__in=list(countries))
    rows = rows.order_by("country_id", "requirement_id", *AS_OF_ORDER)
    found = rows.values_list("country_id", "requirement_id", "effective_on", "status")
    for (country_id, requirement_id), pair in groupby(
        found.iterator(chunk_size=20000), key=lambda row: (row[0], row[1])
    ):
        yield country_id, requirement_id, packed_steps((row[2], row[3]) for row in pair)


def recompute(frameworks: Iterable[int] | None = None) -> dict:
    """The rows the table should hold, from the history: {series key: [(day, totals)]}."""
    requirements = Requirement.objects.all()
    if frameworks is not None:
        frameworks = list(frameworks)
        requirements = requirements.filter(framework__in=frameworks)
    shapes: dict[int, list] = defaultdict(list)
    framework_of = {}
    for pk, parent_id, framework_id in requirements.values_list("pk", "parent_id", "framework_id"):
        shapes[framework_id].append((pk, parent_id))
        framework_of[pk] = framework_id
    trees = {framework_id: Tree(parents) for framework_id, parents in shapes.items()}
    return accumulate(history_pairs(frameworks), trees, framework_of)


def write(series: dict) -> int:
    """Insert the rows of `series` (from recompute or accumulate); returns rows written.

    The series through the ORM (their ids come back), their totals in bulk
    (common.bulkload: COPY on PostgreSQL, one prepared INSERT on SQLite).
    """
    keys = list(series)
    made = ScoreSeries.objects.bulk_create(
        [ScoreSeries(country_id=c, framework_id=f, group_id=g) for c, f, g in keys]
    )
    bulkload.insert(
        ScoreTotal,
        ("series_id", "effective_on", *FIELDS),
        (
            (made_series.pk, day, *totals)
            for made_series, key in zip(made, keys, strict=True)
            for day, totals in series[key]
        ),
    )
    return len(made) + sum(len(rows) for rows in series.values())


BULK_TABLES = (ScoreSeries, ScoreTotal)


def rebuild(frameworks: Iterable[int] | None = None) -> int:
    """Replace the kept totals (of `frameworks`, or all) by those recomputed from history.

    Every framework's (the command's): the tables emptied and written again with their
    indexes built after the load (common.bulkload), then analysed. Call it in atomic().
    """
    if frameworks is None:
        series = recompute()
        bulkload.empty(*BULK_TABLES)
        with bulkload.deferred_indexes(*BULK_TABLES):
            rows = write(series)
        bulkload.analyze(*BULK_TABLES)
        return rows
    frameworks = list(frameworks)
    chosen = ScoreSeries.objects.filter(framework__in=frameworks)
    ScoreTotal.objects.filter(series__in=chosen).delete()
    chosen.delete()
    return write(recompute(frameworks))


def kept(frameworks: Iterable[int] | None = None) -> dict:
    """What the table holds, in recompute's form (rows whose totals do not move dropped)."""
    rows = ScoreTotal.objects.all()
    if frameworks is not None:
        rows = rows.filter(series__framework__in=list(frameworks))
    found = rows.order_by("series_id", "effective_on").values_list(
        "series__country_id", "series__framework_id", "series__group_id", "effective_on", *FIELDS
    )
    series: dict[tuple, list] = {}
    for key, group in groupby(found.iterator(chunk_size=20000), key=lambda row: row[:3]):
        previous, kept_rows = ZERO, []
        for row in group:
            totals = tuple(row[4:])
            if totals != previous:
                kept_rows.append((row[3], totals))
                previous = totals
        if kept_rows:
            series[key] = kept_rows
    return series


def differences(frameworks: Iterable[int] | None = None, *, limit: int = 20) -> list[str]:
    """Where the table and a recomputation from history disagree; [] when they agree."""
    expected = {k: v for k, v in recompute(frameworks).items() if v}
    found = kept(frameworks)
    problems = []
    for key in sorted(set(expected) | set(found), key=str):
        if expected.get(key) != found.get(key):
            problems.append(
                f"country {key[0]}, framework {key[1]}, group {key[2] or 'root'}: "
                f"kept {found.get(key, [])[:3]}..., history says {expected.get(key, [])[:3]}..."
            )
            if len(problems) >= limit:
                break
    return problems


# Reads. ----------------------------------------------------------------------------------


def totals_as_of(
    day: dt.date,
    *,
    frameworks: Iterable[Framework] | None = None,
    countries: Iterable[Country] | None = None,
    groups: Iterable[Requirement | None] | None = None,
) -> dict[tuple[int, int, int | None], Totals]:
    """The totals in force on `day`, keyed by (country id, framework id, group id or None).

    One query: per series the latest row on or before `day`, found through the index on
    (series, effective_on), so its cost does not grow with the history's length. A key
    is absent when that series has no row by then: no data.
    """
    series = ScoreSeries.objects.all()
    if frameworks is not None:
        series = series.filter(framework__in=[f.pk for f in frameworks])
    if countries is not None:
        series = series.filter(country__in=[c.pk for c in countries])
    if groups is not None:
        groups = list(groups)
        chosen = models.Q(group__in=[g.pk for g in groups if g is not None])
        if None in groups:
            chosen |= models.Q(group__isnull=True)
        series = series.filter(chosen)
    latest = (
        ScoreTotal.objects.filter(series=OuterRef("pk"), effective_on__lte=day)
        .order_by("-effective_on")
        .values("pk")[:1]
    )
    rows = ScoreTotal.objects.filter(
        pk__in=series.annotate(row=Subquery(latest)).filter(row__isnull=False).values("row")
    ).values_list("series__country_id", "series__framework_id", "series__group_id", *FIELDS)
    return {(c, f, g): Totals(*totals) for c, f, g, *totals in rows}


def leaf_counts(frameworks: Iterable[Framework]) -> dict[int, int]:
    """Per framework id, its number of leaf requirements (those the root totals cover).

    One aggregate query; a framework with no requirement is absent.
    """
    has_children = Requirement.objects.filter(parent=OuterRef("pk"))
    rows = (
        Requirement.objects.filter(framework__in=[f.pk for f in frameworks])
        .filter(~Exists(has_children))
        .order_by()
        .values("framework_id")
        .annotate(leaves=Count("pk"))
    )
    return {row["framework_id"]: row["leaves"] for row in rows}


# Hooks. ----------------------------------------------------------------------------------


def record_approval(change: StatusChange) -> None:
    """What an approval moves besides the Assessment: the kept totals and the data version.

    Called by alignment.services inside the approving transaction, so a failure later in
    it leaves both as they were.
    """
    from alignment import dataversion

    apply_approval(change)
    dataversion.bump()


def rebuild_for_pairs(pairs: Iterable[tuple[int, int]]) -> None:
    """After a load that wrote history without the services: rebuild what it touched."""
    requirement_ids = {requirement_id for _, requirement_id in pairs}
    frameworks = set(
        Requirement.objects.filter(pk__in=requirement_ids).values_list("framework_id", flat=True)
    )
    if frameworks and differences(frameworks, limit=1):
        rebuild(frameworks)  # only then: loading the same fixture again changes nothing


def _remember_parent(sender, instance: Requirement, raw: bool = False, **kwargs) -> None:
    instance._scoretable_old_parent = (
        None
        if raw or instance.pk is None
        else Requirement.objects.filter(pk=instance.pk).values_list("parent_id", flat=True).first()
    )


def _tree_saved(sender, instance: Requirement, created: bool, raw: bool = False, **kwargs) -> None:
    """A requirement that moves, or turns a leaf into a group, changes what is scored."""
    if raw:
        return  # loaddata: its command rebuilds what it loaded
    old = getattr(instance, "_scoretable_old_parent", None)
    moved = not created and old != instance.parent_id
    new_group = (
        instance.parent_id is not None
        and Requirement.objects.filter(parent_id=instance.parent_id).count() == 1
    )
    if moved or (created and new_group):
        rebuild([instance.framework_id])


def _tree_deleted(sender, instance: Requirement, **kwargs) -> None:
    if instance.parent_id and not Requirement.objects.filter(parent_id=instance.parent_id).exists():
        rebuild([instance.framework_id])  # its parent became a leaf


def connect() -> None:
    from django.db.models.signals import post_delete, post_save, pre_save

    pre_save.connect(_remember_parent, sender=Requirement, dispatch_uid="scoretable-pre")
    post_save.connect(_tree_saved, sender=Requirement, dispatch_uid="scoretable-save")
    post_delete.connect(_tree_deleted, sender=Requirement, dispatch_uid="scoretable-delete")
