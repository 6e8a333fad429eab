"""Reads bounded by what a page shows, not by the history's length (issue 10).

The country, requirement and cell pages and the workshop page read through these: each
is one query whose cost grows with the pairs or series shown, never with the number of
changes behind them. The answers are the as-of rule's (DESIGN.md): tests/pages/
test_scoring_history.py holds them to statuses_as_of, framework_scores and index_history.

- `in_force`: the change in force on a day for the pairs a condition picks. Today's comes
  from the Assessments (kept on approval); a past day's by one index seek per pair, the
  latest approved change on or before it (the Assessments give the pairs: a pair has one
  exactly when it has approved history, the invariant StatusChange.in_force rests on).
- `kept_ratios`: index, coverage and lagging count per (country, framework, group) from
  the kept totals (alignment.scoretable), one index seek per series.
- `index_over_time`: a country's index on a framework over time from its kept root
  series: the rows of one series are exactly the dates on which the index moved.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone

from alignment import scoretable
from alignment.models import (
    Assessment,
    DatedStatus,
    Framework,
    Requirement,
    StatusChange,
    in_force_seek,
)
from alignment.pages import dashboard
from alignment.scoring import GroupScore, IndexPoint, StatusRow


def in_force_rows(day: dt.date, where: Q):
    """StatusChanges in force on `day` for the pairs `where` picks (conditions on country
    and requirement only), as a queryset to narrow further; no window over the history."""
    if day >= timezone.localdate():
        return StatusChange.objects.in_force(day, where)
    seeks = Assessment.objects.filter(where).annotate(row=in_force_seek(day)).values("row")
    return StatusChange.objects.filter(pk__in=seeks)


def pairs_where(pairs: Iterable[tuple[int, int]]) -> Q:
    """The condition picking these (country id, requirement id) pairs: one term a country
    or one a requirement, whichever is fewer, so the SQL stays short."""
    pairs = set(pairs)
    by_country: dict[int, set[int]] = {}
    by_requirement: dict[int, set[int]] = {}
    for country_id, requirement_id in pairs:
        by_country.setdefault(country_id, set()).add(requirement_id)
        by_requirement.setdefault(requirement_id, set()).add(country_id)
    condition = Q(country__in=[])
    if len(by_country) <= len(by_requirement):
        for country_id, ids in sorted(by_country.items()):
            condition |= Q(country_id=country_id, requirement_id__in=sorted(ids))
    else:
        for requirement_id, ids in sorted(by_requirement.items()):
            condition |= Q(requirement_id=requirement_id, country_id__in=sorted(ids))
    return condition


def in_force(day: dt.date, where: Q, *, lean: bool = False) -> dict[tuple[int, int], object]:
    """statuses_as_of's answer for the pairs `where` picks, keyed by (country, requirement).

    `lean` gives StatusRows (status and date); otherwise StatusChanges with their source.
    """
    rows = in_force_rows(day, where)
    if lean:
        found = (StatusRow(*values) for values in rows.values_list(*StatusRow.__slots__))
    else:
        found = rows.select_related("source")
    return {(row.country_id, row.requirement_id): row for row in found}


@dataclass(frozen=True, slots=True)
class HistoryRow(DatedStatus):
    """An approved change as replay_as_of needs it (the as-of order's fields), without
    its evidence, its source or a model instance."""

    id: int
    country_id: int
    requirement_id: int
    status: str
    effective_on: dt.date
    precision: str
    recorded_at: dt.datetime


def history(where: Q) -> list[HistoryRow]:
    """The approved changes of the pairs `where` picks, for replay_as_of: one query."""
    rows = StatusChange.objects.approved().filter(where)
    return [HistoryRow(*values) for values in rows.values_list(*HistoryRow.__slots__)]


def overdue_ids(day: dt.date, where: Q) -> set[tuple[int, int]]:
    """(country, requirement) pairs `where` picks that are overdue on `day`: lagging in
    the change in force and past the requirement's deadline (models.is_overdue)."""
    rows = in_force_rows(day, where & Q(requirement__deadline__lt=day)).overdue(day)
    return set(rows.values_list("country_id", "requirement_id"))


class Shape:
    """A framework's tree from (id, parent id, code) rows: no model instances."""

    def __init__(self, framework_id: int, rows: Iterable[tuple[int, int | None, str]]) -> None:
        self.framework_id = framework_id
        self.parent, self.code = {}, {}
        for pk, parent, code in rows:
            self.parent[pk], self.code[pk] = parent, code
        self.children: dict[int | None, list[int]] = {}
        for pk, parent in self.parent.items():
            self.children.setdefault(parent, []).append(pk)

    def is_leaf(self, pk: int) -> bool:
        return pk not in self.children

    def leaves_under(self, pk: int | None) -> list[int]:
        """The leaves below `pk` (None: the whole framework), or [pk] for a leaf."""
        if pk is not None and self.is_leaf(pk):
            return [pk]
        found, stack = [], list(self.children.get(pk, []))
        while stack:
            node = stack.pop()
            if self.is_leaf(node):
                found.append(node)
            else:
                stack.extend(self.children[node])
        return found

    def top_of(self, pk: int) -> int:
        """The top-level requirement above `pk` (itself when it is one)."""
        while self.parent.get(pk) is not None:
            pk = self.parent[pk]
        return pk


def shapes(frameworks: Iterable[Framework]) -> dict[int, Shape]:
    """Per framework id, its Shape: one query of three short fields a requirement."""
    found: dict[int, list] = {f.pk: [] for f in frameworks}
    rows = Requirement.objects.filter(framework__in=list(found)).values_list(
        "framework_id", "pk", "parent_id", "code"
    )
    for framework_id, *row in rows:
        found[framework_id].append(row)
    return {framework_id: Shape(framework_id, rows) for framework_id, rows in found.items()}


def kept_ratios(
    day: dt.date,
    *,
    frameworks: list[Framework],
    countries: list,
    groups: dict[int, list[int | None]],
    shape_of: dict[int, Shape],
) -> dict[tuple[int, int, int | None], GroupScore]:
    """Per (country id, framework id, group id or None), its score from the kept totals.

    `groups` names, per framework id, the groups wanted (None: the root). One query.
    """
    wanted = [g for found in groups.values() for g in found]
    totals = scoretable.totals_as_of(
        day,
        frameworks=frameworks,
        countries=countries,
        groups=[None if g is None else Requirement(pk=g) for g in set(wanted)],
    )
    empty = scoretable.Totals()
    scores = {}
    for framework in frameworks:
        shape = shape_of[framework.pk]
        for group in groups.get(framework.pk, []):
            count = len(shape.leaves_under(group))
            for country in countries:
                kept = totals.get((country.pk, framework.pk, group), empty)
                scores[(country.pk, framework.pk, group)] = GroupScore.kept(kept, count)
    return scores


def index_over_time(
    country, frameworks: list[Framework], shape_of: dict[int, Shape]
) -> dict[int, list[IndexPoint]]:
    """Per framework id, the country's index after each date it moved (index_history's
    points, less the dates on which a status changed without moving the totals).

    One query over the country's root series: one row per date the totals moved.
    """
    rows = (
        scoretable.ScoreTotal.objects.filter(
            series__country=country,
            series__framework__in=[f.pk for f in frameworks],
            series__group__isnull=True,
        )
        .order_by("series__framework_id", "effective_on")
        .values_list(
            "series__framework_id", "effective_on", "score_total", "with_data", "not_applicable"
        )
    )
    points: dict[int, list[IndexPoint]] = {f.pk: [] for f in frameworks}
    counts = {f.pk: len(shape_of[f.pk].leaves_under(None)) for f in frameworks}
    previous = None
    for framework_id, day, score_total, with_data, not_applicable in rows:
        totals = (framework_id, score_total, with_data, not_applicable)
        if totals == previous:
            continue  # a row a back-dated correction left unmoved
        previous = totals
        points[framework_id].append(
            IndexPoint(
                day=day,
                with_data=with_data,
                applicable=counts[framework_id] - not_applicable,
                score_total=score_total,
            )
        )
    return points


def movements(country, then: dt.date, now: dt.date, where: Q) -> list[str]:
    """How each pair `where` picks that has a status on `now` moved since `then`
    (dashboard.movement): one query, an index seek per pair and date."""

    def status_on(day: dt.date):
        # From today on the Assessment holds the change in force (StatusChange.in_force).
        return F("status") if day >= timezone.localdate() else in_force_seek(day, "status")

    rows = (
        Assessment.objects.filter(where, country=country)
        .annotate(then_status=status_on(then), now_status=status_on(now))
        .filter(now_status__isnull=False)
        .values_list("then_status", "now_status")
    )
    return [dashboard.movement(before and Bare(before), Bare(after)) for before, after in rows]


@dataclass(frozen=True, slots=True)
class Bare(DatedStatus):
    """A status alone, for dashboard.movement (its score comes from DatedStatus)."""

    status: str
