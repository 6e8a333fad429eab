"""Reads for the treaty chart: its rows, their order and filter, and the country section."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import (
    TREATY_KINDS,
    Declaration,
    Framework,
    Status,
    StatusChange,
    as_of_key,
    status_label,
)
from countries.models import Country, name_on

PARTY = "party"  # a treaty's one pipeline requirement (demo-dataset.md)
NO_DATA = "none"  # the step filter's value for a country with no row yet

# The chart's columns a reader may sort by, with their words.
SORTS = {
    "country": _("Country"),
    "signed": _("Signature"),
    "ratified": _("Ratification"),
    "in_force": _("Entry into force"),
    "step": _("Current step"),
}


@dataclass
class ChartRow:
    country: Country
    name: str  # the country's name on the chart's date
    kind: str
    signed: StatusChange | None = None
    ratified: StatusChange | None = None
    in_force: StatusChange | None = None
    current: StatusChange | None = None
    declarations: list[Declaration] = field(default_factory=list)

    @property
    def step(self) -> str:
        """The status code in force, or NO_DATA."""
        return self.current.status if self.current else NO_DATA

    @property
    def step_label(self) -> str:
        if self.current is None:
            return str(_("No data"))
        return status_label(self.current.status, self.kind)

    @property
    def dates(self) -> list[tuple[str, StatusChange | None]]:
        return [("signed", self.signed), ("ratified", self.ratified), ("in_force", self.in_force)]


# The status each dated column reads: the first row of that step is its date.
FIRST_OF = {
    "signed": Status.PENDING_ADOPTION,
    "ratified": Status.ADOPTED,
    "in_force": Status.ALIGNED,
}


BOUND = {Status.ADOPTED, Status.ALIGNED}


def treaty_frameworks() -> QuerySet:
    return Framework.objects.public().filter(kind__in=TREATY_KINDS)


def chart_rows(framework: Framework, day: dt.date) -> list[ChartRow]:
    """One row per country the framework applies to, as of `day`.

    Four queries: the countries, their former names, the approved changes on the
    framework's `party` requirement that had taken effect by `day`, its declarations.
    """
    countries = framework.countries.prefetch_related("former_names")
    rows = {
        c.pk: ChartRow(country=c, name=name_on(c, day, c.former_names.all()), kind=framework.kind)
        for c in countries
    }
    changes = (
        StatusChange.objects.approved()
        .filter(
            requirement__framework=framework,
            requirement__code=PARTY,
            country__in=list(rows),
            effective_on__lte=day,
        )
        .select_related("source")
    )
    _fill(rows, changes)
    _attach(rows, Declaration.objects.filter(framework=framework).select_related("source"), day)
    return list(rows.values())


def _fill(rows: dict[int, ChartRow], changes) -> None:
    """Each row's dated steps and current step from its country's changes (by country id)."""
    for change in sorted(changes, key=as_of_key):  # oldest first: the last one wins
        row = rows[change.country_id]
        row.current = change
        for column, status in FIRST_OF.items():
            if change.status == status and getattr(row, column) is None:
                setattr(row, column, change)


def _attach(rows: dict[int, ChartRow], declarations, day: dt.date) -> None:
    """Reservations and declarations, shown once the state is bound or ratified, or on
    today's chart: our sources give them no date of their own."""
    today = day >= timezone.localdate()
    for declaration in declarations:
        row = rows.get(declaration.country_id)
        if row is not None and (today or row.step in BOUND):
            row.declarations.append(declaration)


def select(rows: list[ChartRow], steps: list[str], sort: str) -> list[ChartRow]:
    """The rows whose step is one of `steps` (all when empty), ordered by `sort`."""
    if steps:
        rows = [row for row in rows if row.step in steps]
    by_name = sorted(rows, key=lambda row: row.name.casefold())
    if sort == "country":
        return by_name
    if sort == "step":
        order = {status: i for i, status in enumerate(Status.values)}
        return sorted(by_name, key=lambda row: (row.step == NO_DATA, order.get(row.step, 0)))
    # A date column: dated rows first, oldest first; the others keep the name order.
    dated = [row for row in by_name if getattr(row, sort) is not None]
    undated = [row for row in by_name if getattr(row, sort) is None]
    return sorted(dated, key=lambda row: getattr(row, sort).effective_on) + undated


def country_treaties(country: Country, day: dt.date) -> dict:
    """The country page's treaty section, as template context: one line for the view.

    {"treaty_rows": [(framework, ChartRow), ...], "treaty_day": day}. One query when no
    treaty applies to the country, four when some do, whatever their number.
    """
    frameworks = list(treaty_frameworks().filter(countries=country).order_by("code"))
    if not frameworks:
        return {"treaty_rows": [], "treaty_day": day}
    name = name_on(country, day, list(country.former_names.all()))
    rows = {f.pk: ChartRow(country=country, name=name, kind=f.kind) for f in frameworks}
    changes = (
        StatusChange.objects.approved()
        .filter(
            country=country,
            requirement__framework__in=frameworks,
            requirement__code=PARTY,
            effective_on__lte=day,
        )
        .select_related("source", "requirement")
    )
    declarations = list(
        Declaration.objects.filter(country=country, framework__in=frameworks).select_related(
            "source"
        )
    )
    for framework in frameworks:
        one = {country.pk: rows[framework.pk]}
        _fill(one, [c for c in changes if c.requirement.framework_id == framework.pk])
        _attach(one, [d for d in declarations if d.framework_id == framework.pk], day)
    return {"treaty_rows": [(f, rows[f.pk]) for f in frameworks], "treaty_day": day}
