"""Small pieces of the public pages that are shown in many places.

The heat map's cells are built here in Python rather than in a template loop: a
framework of 200 requirements by 50 countries has ten thousand of them.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from alignment.charts import percent, whole
from alignment.dashboard import HeatRow, cell_url
from alignment.models import SCORES, Status, StatusChange
from alignment.scoring import CountryScore

register = template.Library()


def symbols() -> dict[str, str]:
    """The text every status cell carries besides its colour, so no reader needs colour."""
    return {
        Status.NOT_ALIGNED: "0",
        Status.IN_PREPARATION: "25",
        Status.PENDING_ADOPTION: "50",
        Status.ADOPTED: "75",
        Status.ALIGNED: "100",
        Status.NOT_APPLICABLE: _("n/a"),
        "none": "–",
    }


@register.filter
def status_symbol(change: StatusChange | None) -> str:
    return symbols()[change.status if change else "none"]


@register.filter
def as_percent(value: float | None) -> str:
    return percent(value)


@register.filter
def as_whole(value: float | None) -> str:
    return whole(value)


def band(index: float) -> str:
    """The status whose score is nearest `index`: the colour of a group's cell."""
    return min(
        (s for s, score in SCORES.items() if score is not None),
        key=lambda s: abs(SCORES[s] - index),
    )


@register.simple_tag
def heat_cells(row: HeatRow, countries, prefixes: dict, day_query: str, chosen: set) -> SafeString:
    """The <td>s of one heat-map row, in column order."""
    marks = symbols()
    query = f"?{day_query}" if day_query else ""
    cells = zip(countries, row.cells, strict=True)
    if row.is_group:
        parts = [_group_cell(country, score, marks) for country, score in cells]
    else:
        parts = [
            _leaf_cell(country, change, cell_url(prefixes[country.pk], row.requirement) + query,
                       marks, chosen)
            for country, change in cells
        ]
    return mark_safe("".join(parts))


def _leaf_cell(country, change, url: str, marks: dict, chosen: set) -> str:
    status = change.status if change else "none"
    label = change.get_status_display() if change else _("No data")
    since = f" ({_('since')} {change.effective_display})" if change else ""
    match = " match" if status in chosen else ""
    return (
        f'<td class="cell s-{status}{match}" data-country="{escape(country.code)}" '
        f'data-status="{status}"><a href="{escape(url)}" '
        f'title="{escape(country.name)}: {escape(label)}{escape(since)}">'
        f'<span aria-hidden="true">{escape(marks[status])}</span>'
        f'<span class="vh">{escape(label)}</span></a></td>'
    )


def _group_cell(country, score: CountryScore, marks: dict) -> str:
    if score.index is None:
        status = Status.NOT_APPLICABLE if score.applicable == 0 else "none"
        text = marks[status]
        label = _("Not applicable") if score.applicable == 0 else _("No data")
        css = f"s-{status}"
    else:
        text = whole(score.index)
        label = _("index %(index)s, %(with_data)s of %(applicable)s with data") % {
            "index": text,
            "with_data": score.with_data,
            "applicable": score.applicable,
        }
        css = f"s-{band(score.index)}"
    return (
        f'<td class="cell group {css}" data-country="{escape(country.code)}" '
        f'title="{escape(country.name)}: {escape(label)}">'
        f'<span aria-hidden="true">{escape(text)}</span>'
        f'<span class="vh">{escape(label)}</span></td>'
    )


@register.simple_tag
def status_legend() -> list[tuple[str, str, str]]:
    """(status code, symbol, label) for the key, "no data" last."""
    marks = symbols()
    rows = [(value, marks[value], label) for value, label in Status.choices]
    return [*rows, ("none", marks["none"], _("No data (nothing recorded: not “not aligned”)"))]
