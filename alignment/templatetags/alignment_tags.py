"""Small pieces of the public pages that are shown in many places.

The heat map's cells are built here in Python rather than in a template loop: a
framework of 200 requirements by 50 countries has ten thousand of them.
"""

from functools import lru_cache
from urllib.parse import quote

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from alignment.models import SCORES, Status, StatusChange, status_choices
from alignment.pages.charts import percent, whole
from alignment.pages.dashboard import Column, HeatRow
from alignment.scoring import CountryScore, IndexPoint

register = template.Library()


def symbols() -> dict[str, str]:
    """The text every status cell carries besides its colour, so no reader needs colour:
    its score, "n/a" for not applicable, a dash for no data."""
    marks = {status: str(score) for status, score in SCORES.items() if score is not None}
    return marks | {Status.NOT_APPLICABLE: _("n/a"), "none": "–"}


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
def heat_cells(
    row: HeatRow, columns: list[Column], day_query: str, chosen: set, kind: str | None = None
) -> SafeString:
    """The <td>s of one heat-map row, in column order, in the words of the framework's kind.

    Plain string building, everything escaped once: a heat map has ten thousand cells.
    """
    words = _words(get_language(), kind)
    cells = zip(columns, row.cells, strict=True)
    if row.is_group:
        return mark_safe("".join(_group_cell(column, score, words) for column, score in cells))
    tail = escape(f"{quote(row.requirement.code)}/" + (f"?{day_query}" if day_query else ""))
    marks, labels = words["marks_html"], words["labels_html"]
    parts = []
    # Kept short (the colour comes from data-status in the stylesheet): a group page of
    # 50 countries has a thousand of these.
    for column, change in cells:
        status = change.status if change else "none"
        match = ' class="match"' if status in chosen else ""
        parts.append(
            f'<td{match} data-country="{column.code}" data-status="{status}">'
            f'<a href="{column.cell_prefix}{tail}">{marks[status]}'
            f'<span class="vh"> {labels[status]}</span></a></td>'
        )
    return mark_safe("".join(parts))


@lru_cache(maxsize=32)
def _words(language: str, kind: str | None = None) -> dict:
    """Every word a cell may carry, translated once per language and framework kind."""
    marks = symbols()
    labels = {value: str(label) for value, label in status_choices(kind)} | {
        "none": _("No data")
    }
    return {
        "marks": marks,
        "labels": labels,
        "marks_html": {k: escape(v) for k, v in marks.items()},
        "labels_html": {k: escape(v) for k, v in labels.items()},
    }


def _group_cell(column: Column, score: CountryScore, words: dict) -> str:
    if score.index is None:
        status = Status.NOT_APPLICABLE if score.applicable == 0 else "none"
        text = words["marks"][status]
        label = words["labels"][status]
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
        f'<td class="group {css}" data-country="{column.code}">{escape(text)}'
        f'<span class="vh"> {escape(label)}</span></td>'
    )


@register.simple_tag
def status_legend(kind: str | None = None) -> list[tuple[str, str, str]]:
    """(status code, symbol, label) for the key, "no data" last, in the kind's words."""
    marks = symbols()
    rows = [(value, marks[value], label) for value, label in status_choices(kind)]
    return [*rows, ("none", marks["none"], _("No data (nothing recorded: not “not aligned”)"))]


@register.filter
def status_badge(change: StatusChange | None, kind: str | None = None) -> SafeString:
    """A status in words on its colour; "no data" when there is no change.

    `kind` is the framework's kind: on a treaty or protocol the words are the treaty's.
    """
    words = _words(get_language(), kind)
    status = change.status if change else "none"
    # Coloured by data-status in the stylesheet: a workshop's follow-up has hundreds.
    return format_html(
        '<span class="status" data-status="{}">{}</span>', status, words["labels"][status]
    )


@register.filter
def source_link(source) -> SafeString:
    """A source's title (linked when it has an address), publisher and date."""
    if not source:  # also the "" a template gives for a missing change's source
        return ""
    title = (
        format_html('<a href="{}" rel="external">{}</a>', source.url, source.title)
        if source.url
        else escape(source.title)
    )
    extra = f", {escape(source.publisher)}" if source.publisher else ""
    when = source.published_display
    return mark_safe(f"{title}{extra}{f' ({escape(when)})' if when else ''}")


@register.simple_tag
def index_rows(points: list[IndexPoint]) -> SafeString:
    """The rows of the index-over-time table; a long history has thousands of dates."""
    no_data = escape(_("No data"))
    return mark_safe(
        "".join(
            f'<tr><th scope="row">{p.day.isoformat()}</th>'
            f'<td class="num">{whole(p.index) if p.index is not None else no_data}</td>'
            f'<td class="num">{percent(p.coverage)}</td>'
            f'<td class="num">{p.with_data}/{p.applicable}</td></tr>'
            for p in points
        )
    )


@register.simple_tag
def overview_cell(framework, score: CountryScore | None, url: str) -> SafeString:
    """One cell of the overview: index and coverage in words and colour, linked to the
    framework page for that country (`url`); "does not apply" and "no data" each look
    their own. Plain string building: the overview has hundreds of cells."""
    code = escape(framework.code)
    if score is None:
        return mark_safe(
            f'<td class="ov na" data-framework="{code}" data-status="not_applicable">'
            f'<span class="muted">{escape(_("does not apply"))}</span></td>'
        )
    if score.index is None:
        return mark_safe(
            f'<td class="ov s-none" data-framework="{code}" data-status="none">'
            f'<a href="{escape(url)}"><span aria-hidden="true">–</span> {escape(_("No data"))}'
            "</a></td>"
        )
    index, coverage = whole(score.index), percent(score.coverage)
    covered = escape(_("%(coverage)s covered") % {"coverage": coverage})
    return mark_safe(
        f'<td class="ov s-{band(score.index)}" data-framework="{code}" data-index="{index}"'
        f' data-coverage="{coverage}"><a href="{escape(url)}"><strong>{index}</strong>'
        f' <span class="cov">{covered}</span></a></td>'
    )
