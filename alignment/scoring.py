"""Reads: the status of every country on every requirement as of a day, and the scores.

One query for the statuses, whatever the number of countries and requirements; the
arithmetic is plain Python over those rows so that every view, export and API answers
the same way.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Q
from django.utils import timezone

from alignment.models import (
    LAGGING,
    SCORES,
    Assessment,
    DatedStatus,
    Framework,
    Requirement,
    Status,
    StatusChange,
    as_of_key,
    in_force_seek,
    is_lagging,
    is_overdue,
)
from countries.models import Country


@dataclass(frozen=True, slots=True)
class StatusRow(DatedStatus):
    """The part of a StatusChange a heat map needs, without building a model instance."""

    id: int
    country_id: int
    requirement_id: int
    status: str
    effective_on: dt.date
    precision: str

    @property
    def pk(self) -> int:
        return self.id


def statuses_as_of(
    day: dt.date,
    *,
    requirements: Iterable[Requirement] | None = None,
    framework: Framework | None = None,
    frameworks: Iterable[Framework] | None = None,
    countries: Iterable[Country] | None = None,
    pairs: Iterable[tuple[int, int]] | None = None,
    lean: bool = False,
) -> dict[tuple[int, int], StatusChange | StatusRow]:
    """The approved StatusChange in force on `day`, keyed by (country id, requirement id).

    Pairs with no such row are absent: that is "no data", never "not aligned".
    `pairs` (country id, requirement id) limits the answer to those pairs, in one query.
    `lean` gives StatusRows (status and date, no source, no model instance): a heat map
    of ten thousand cells then builds several times faster.
    """
    # Conditions on country and requirement only: StatusChange and Assessment share them.
    where = Q()
    if framework is not None:
        where &= Q(requirement__framework=framework)
    if frameworks is not None:
        where &= Q(requirement__framework__in=[f.pk for f in frameworks])
    if requirements is not None:
        where &= Q(requirement__in=[r.pk for r in requirements])
    if countries is not None:
        where &= Q(country__in=[c.pk for c in countries])
    if pairs is not None:
        where &= _pairs_q(pairs)
    rows = StatusChange.objects.in_force(day, where)
    if lean:
        found = (StatusRow(*values) for values in rows.values_list(*StatusRow.__slots__))
    else:
        found = rows.select_related("source")
    return {(row.country_id, row.requirement_id): row for row in found}


def _pairs_q(pairs: Iterable[tuple[int, int]]) -> Q:
    """One condition per country, not per pair, so the SQL stays short."""
    by_country: dict[int, set[int]] = {}
    for country_id, requirement_id in pairs:
        by_country.setdefault(country_id, set()).add(requirement_id)
    condition = Q(country__in=[])
    for country_id, requirement_ids in sorted(by_country.items()):
        condition |= Q(country_id=country_id, requirement_id__in=sorted(requirement_ids))
    return condition


def subtree(requirements: list[Requirement], root: Requirement | None) -> list[Requirement]:
    """`root` and everything under it, from a framework's requirements already loaded."""
    if root is None:
        return requirements
    children: dict[int | None, list[Requirement]] = {}
    for requirement in requirements:
        children.setdefault(requirement.parent_id, []).append(requirement)
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(children.get(node.pk, []))
    return found


def leaves(requirements: list[Requirement]) -> list[Requirement]:
    parents = {r.parent_id for r in requirements if r.parent_id}
    return [r for r in requirements if r.pk not in parents]


class Ratios:
    """Index (mean score of requirements with data) and coverage, from running totals."""

    with_data: int
    applicable: int
    score_total: int

    @property
    def index(self) -> float | None:
        """None when no requirement has data: no data is not zero."""
        return self.score_total / self.with_data if self.with_data else None

    @property
    def coverage(self) -> float | None:
        """Share of applicable requirements with data; None when none applies."""
        return self.with_data / self.applicable if self.applicable else None


class Ranked(Ratios):
    """A country's score in a ranking: what orders it and what flags it."""

    country: Country
    rank: int | None

    @property
    def low_coverage(self) -> bool:
        """The index rests on less than half of the applicable requirements."""
        return self.index is not None and self.coverage < LOW_COVERAGE_BELOW

    @property
    def sort_key(self) -> tuple:
        return (
            self.index is None,
            -(self.index or 0),
            -(self.coverage or 0),
            self.country.name,
        )


@dataclass
class CountryScore(Ranked):
    country: Country
    applicable: int = 0  # leaf requirements, less those marked not applicable
    with_data: int = 0
    score_total: int = 0
    lagging: list[Requirement] = field(default_factory=list)
    overdue: list[Requirement] = field(default_factory=list)
    rank: int | None = None  # set by rank_scores: equal indexes share one

    @property
    def lagging_count(self) -> int:
        return len(self.lagging)

    @property
    def overdue_count(self) -> int:
        return len(self.overdue)


@dataclass
class KeptScore(Ranked):
    """A CountryScore from the kept totals: counts of lagging and overdue, not lists."""

    country: Country
    applicable: int
    with_data: int
    score_total: int
    lagging_count: int
    overdue_count: int
    rank: int | None = None


def score_countries(
    *,
    countries: Iterable[Country],
    requirements: list[Requirement],
    statuses: dict[tuple[int, int], StatusChange],
    day: dt.date,
) -> list[CountryScore]:
    """Scores on the leaf requirements given, ranked: index, then coverage, then name."""
    assessed = leaves(requirements)
    scores = []
    for country in countries:
        score = CountryScore(country=country)
        for requirement in assessed:
            row = statuses.get((country.pk, requirement.pk))
            if row is not None and row.status == Status.NOT_APPLICABLE:
                continue
            score.applicable += 1
            if row is None:
                continue
            score.with_data += 1
            score.score_total += SCORES[row.status]
            if is_lagging(row.status):
                score.lagging.append(requirement)
            if is_overdue(row.status, requirement.deadline, day):
                score.overdue.append(requirement)
        scores.append(score)
    return rank_scores(sorted(scores, key=lambda s: s.sort_key))


# --- Ranks that cannot mislead (issue 8) --------------------------------------------------
# Equal indexes share a rank, the next one skipping as many places (1, 1, 3); countries
# with no data share the last. Coverage orders the rows but never splits a rank. A rank
# that rests on less than half of the applicable requirements is flagged in words.
LOW_COVERAGE_BELOW = 0.5


def rank_scores(scores: list[Ranked]) -> list[Ranked]:
    """Set each score's rank, in the order given (best first); returns the same list."""
    previous = object()
    for place, score in enumerate(scores, start=1):
        if score.index != previous:
            rank, previous = place, score.index
        score.rank = rank
    return scores


def framework_scores(
    framework: Framework,
    day: dt.date | None = None,
    *,
    root: Requirement | None = None,
    countries: Iterable[Country] | None = None,
) -> list[CountryScore]:
    """Rank the countries a framework applies to (or those given) as of `day`."""
    day = day or timezone.localdate()
    requirements = list(framework.requirements.all())
    requirements = subtree(requirements, root)
    countries = list(countries if countries is not None else framework.countries.all())
    statuses = statuses_as_of(day, framework=framework, countries=countries)
    return score_countries(
        countries=countries, requirements=requirements, statuses=statuses, day=day
    )


# The as-of rule over rows already in memory, in models.AS_OF_ORDER. Pages that need a
# status on many dates (an index over time, a recommendation's follow-up) load a pair's
# history once and replay it instead of asking the database once per date;
# tests/core/test_rules.py holds this to the SQL on every date.


def replay_as_of(rows: Iterable[StatusChange], day: dt.date) -> dict[tuple[int, int], StatusChange]:
    """statuses_as_of(day) over approved rows already loaded, keyed the same way."""
    current: dict[tuple[int, int], StatusChange] = {}
    for row in sorted(rows, key=as_of_key):
        if row.effective_on > day:
            break
        current[(row.country_id, row.requirement_id)] = row
    return current


@dataclass(frozen=True)
class IndexPoint(Ratios):
    """A country's index and coverage on a set of requirements from `day` on."""

    day: dt.date
    with_data: int
    applicable: int
    score_total: int


def index_history(
    rows: Iterable[StatusChange], requirements: list[Requirement]
) -> list[IndexPoint]:
    """One country's index on the leaves of `requirements` after each date it moved.

    `rows` are that country's approved changes. The arithmetic is score_countries', kept
    as running totals so a long history costs one pass instead of one pass per date.
    """
    assessed = {r.pk for r in leaves(requirements)}
    current: dict[int, str] = {}
    with_data = score_total = not_applicable = 0
    points = []
    relevant = sorted((r for r in rows if r.requirement_id in assessed), key=as_of_key)
    for day, same_day in groupby(relevant, key=lambda r: r.effective_on):
        for row in same_day:
            old = current.get(row.requirement_id)
            for status, sign in ((old, -1), (row.status, 1)):
                if status is None:
                    continue
                if status == Status.NOT_APPLICABLE:
                    not_applicable += sign
                else:
                    with_data += sign
                    score_total += sign * SCORES[status]
            current[row.requirement_id] = row.status
        points.append(
            IndexPoint(
                day=day,
                with_data=with_data,
                applicable=len(assessed) - not_applicable,
                score_total=score_total,
            )
        )
    return points


# i10: scores from the kept totals (alignment.scoretable): index, coverage and the number
# lagging per country and group in one query, without reading a single status. For pages
# that show groups (the framework page by top-level groups, a country's summary); a page
# that lists which requirements lag still reads the statuses (score_countries).


@dataclass(frozen=True)
class GroupScore(Ratios):
    """A country's score on the leaves under a group (or the whole framework), from the
    kept totals: counts, not lists of requirements."""

    applicable: int
    with_data: int
    score_total: int
    lagging_count: int

    @classmethod
    def kept(cls, totals, leaves: int) -> "GroupScore":
        """From a group's scoretable.Totals and the number of leaves under it."""
        return cls(
            applicable=leaves - totals.not_applicable,
            with_data=totals.with_data,
            score_total=totals.score_total,
            lagging_count=totals.lagging,
        )


def kept_scores(
    day: dt.date,
    *,
    framework: Framework,
    countries: Iterable[Country],
    requirements: list[Requirement],
    groups: Iterable[Requirement | None] = (None,),
) -> dict[tuple[int, int | None], GroupScore]:
    """Per (country id, group id or None), its score on the leaves under the group.

    `requirements` are the framework's, already loaded (the leaf counts come from them).
    One query, whatever the length of the history (scoretable.totals_as_of).
    """
    from alignment import scoretable

    groups = list(groups)
    countries = list(countries)
    counts = {
        group.pk if group else None: len(leaves(subtree(requirements, group))) for group in groups
    }
    totals = scoretable.totals_as_of(
        day, frameworks=[framework], countries=countries, groups=groups
    )
    empty = scoretable.Totals()
    found = {}
    for country in countries:
        for group_id, count in counts.items():
            kept = totals.get((country.pk, framework.pk, group_id), empty)
            found[(country.pk, group_id)] = GroupScore.kept(kept, count)
    return found


def kept_framework_scores(
    day: dt.date,
    *,
    frameworks: Iterable[Framework],
    countries: Iterable[Country],
    applies: dict[int, set[int]] | None = None,
    counts: dict[int, int] | None = None,
) -> dict[tuple[int, int], GroupScore]:
    """Per (country id, framework id), its score on the whole framework as of `day`.

    Two queries whatever the history's length: the kept root totals of every framework
    and country, and the leaf count of each framework. Only the pairs where the
    framework applies to the country are given (`applies`: country ids by framework id,
    read from each framework's countries when not given). `counts`: the leaf counts
    (scoretable.leaf_counts), when the caller has read them already.
    """
    from alignment import scoretable

    frameworks = list(frameworks)
    countries = list(countries)
    if counts is None:
        counts = scoretable.leaf_counts(frameworks)
    totals = scoretable.totals_as_of(day, frameworks=frameworks, countries=countries, groups=[None])
    empty = scoretable.Totals()
    found = {}
    for framework in frameworks:
        members = (
            applies[framework.pk]
            if applies is not None
            else {c.pk for c in framework.countries.all()}
        )
        for country in countries:
            if country.pk not in members:
                continue
            kept = totals.get((country.pk, framework.pk, None), empty)
            found[(country.pk, framework.pk)] = GroupScore.kept(kept, counts.get(framework.pk, 0))
    return found


def overdue_counts(
    day: dt.date, *, countries: Iterable[Country], requirement_ids: Iterable[int]
) -> dict[int, int]:
    """Per country id, on how many of the leaves `requirement_ids` it is overdue on `day`.

    One query, bounded by the pairs asked for, not by their history: from today on the
    Assessments; before, per pair with data (each has an Assessment) its status in force
    through the (country, requirement, dates) index, as StatusChange.in_force finds it.
    """
    pairs = Assessment.objects.filter(
        country__in=[c.pk for c in countries], requirement__in=list(requirement_ids)
    )
    if day >= timezone.localdate():
        found = pairs.overdue(day)
    else:
        found = pairs.alias(then=in_force_seek(day, "status")).filter(
            then__in=LAGGING, requirement__deadline__lt=day
        )
    counted = found.order_by().values("country_id").annotate(n=Count("pk"))
    return {row["country_id"]: row["n"] for row in counted}


def kept_ranking(
    day: dt.date,
    *,
    countries: list[Country],
    kept: dict[tuple[int, int | None], GroupScore],
    overdue: dict[int, int],
) -> list[KeptScore]:
    """The countries ranked as score_countries ranks them, from kept root totals."""
    scores = []
    for country in countries:
        root = kept[(country.pk, None)]
        scores.append(
            KeptScore(
                country=country,
                applicable=root.applicable,
                with_data=root.with_data,
                score_total=root.score_total,
                lagging_count=root.lagging_count,
                overdue_count=overdue.get(country.pk, 0),
            )
        )
    return rank_scores(sorted(scores, key=lambda s: s.sort_key))
