"""Charts drawn on the server as SVG: they work offline, print, and need no JavaScript.

Each chart carries a <title> and a <desc> (its text alternative, read by screen readers);
the page puts the same figures in a table beside it.
"""

import datetime as dt
import itertools
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from alignment.scoring import CountryScore, IndexPoint

_ids = itertools.count(1)

INDEX_COLOUR = "#0b4f9c"  # 8.6:1 on white
COVERAGE_COLOUR = "#5b3a8c"  # 8.9:1 on white
GRID_COLOUR = "#c8c8c8"
MAX_MARKERS = 60
TEXT_COLOUR = "#1a1a1a"


def percent(value: float | None) -> str:
    return "" if value is None else f"{whole(value * 100)}%"


def whole(value: float | None) -> str:
    """Rounded half up, as floatformat does: an index of 12.5 reads 13."""
    return "" if value is None else str(int(value + 0.5))


def _svg(width: int, height: int, title: str, desc: str, body: list[str], css: str) -> SafeString:
    uid = next(_ids)
    return mark_safe(
        f'<svg class="{css}" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="chart{uid}-title chart{uid}-desc" '
        f'preserveAspectRatio="xMinYMin meet" font-family="system-ui, sans-serif" '
        f'font-size="12" fill="{TEXT_COLOUR}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart{uid}-title">{escape(title)}</title>'
        f'<desc id="chart{uid}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def ranking_chart(scores: Sequence[CountryScore], *, title: str) -> SafeString:
    """Per country, best first: a bar for the index (0-100) and one as long for coverage.

    Coverage is drawn on the same scale as the index (0-100 %), so a high index resting
    on few requirements shows as a long bar over a short one; the rank is written before
    the name, with a warning in words when it rests on less than half of them. A picture
    only (no links inside: axe's nested-interactive); the table beside it holds the same
    figures and the links to each country.
    """
    label_w, bar_w, note_w, row_h, top = 210, 300, 190, 34, 40
    width = label_w + bar_w + note_w
    height = top + row_h * max(len(scores), 1) + 6
    body = [_ranking_legend(label_w, top), _axis_ticks(label_w, bar_w, top, height)]
    lines = []
    for row, score in enumerate(scores):
        y = top + row * row_h
        name = _clip(f"{score.rank}. {score.country.name}", 30)
        if score.index is None:
            note = _("no data")
            bars = f'<text x="{label_w + 6}" y="{y + 15}">{escape(note)}</text>'
        else:
            note = _("index %(index)s · coverage %(coverage)s") % {
                "index": whole(score.index),
                "coverage": percent(score.coverage),
            }
            if score.low_coverage:
                note += " · " + _("less than half of the requirements")
            bars = _bar(label_w, bar_w, y + 3, 13, score.index / 100, INDEX_COLOUR, "index-bar")
            bars += _bar(
                label_w, bar_w, y + 18, 10, score.coverage or 0, COVERAGE_COLOUR, "coverage-bar"
            )
            bars += (
                f'<text x="{label_w + bar_w * score.index / 100 + 6:.1f}" y="{y + 14}">'
                f"{escape(whole(score.index))}</text>"
                f'<text x="{label_w + bar_w * (score.coverage or 0) + 6:.1f}" y="{y + 27}" '
                f'font-size="12">{escape(_coverage_words(score))}</text>'
            )
        body.append(
            f'<g data-country="{escape(score.country.code)}">'
            f"<title>{escape(score.country.name)}: {escape(note)}</title>"
            f'<text x="{label_w - 6}" y="{y + 20}" text-anchor="end">{escape(name)}</text>'
            f"{bars}</g>"
        )
        lines.append(f"{score.rank}. {score.country.name}: {note}")
    if not scores:
        empty = escape(_("No countries."))  # gettext outside f-strings: xgettext finds it
        body.append(f'<text x="{label_w}" y="{top + 15}">{empty}</text>')
    desc = _("Alignment index from 0 to 100 and coverage from 0 to 100%, best first. ")
    return _svg(width, height, title, desc + "; ".join(lines), body, "chart ranking-chart")


def _bar(left: int, span: int, y: float, h: int, share: float, colour: str, css: str) -> str:
    return (
        f'<rect class="{css}" x="{left}" y="{y}" width="{span * share:.1f}" height="{h}" '
        f'fill="{colour}"/>'
    )


def _coverage_words(score: CountryScore) -> str:
    words = _("coverage %(coverage)s") % {"coverage": percent(score.coverage)}
    if score.low_coverage:
        words += " · " + _("less than half")
    return words


def _ranking_legend(left: int, top: int) -> str:
    """Which bar is which, in words and colour (gettext outside f-strings: xgettext finds it)."""
    index = escape(_("alignment index"))
    coverage = escape(_("coverage: share of requirements with data"))
    return (
        f'<rect x="{left}" y="{top - 36}" width="12" height="10" fill="{INDEX_COLOUR}"/>'
        f'<text x="{left + 16}" y="{top - 27}">{index}</text>'
        f'<rect x="{left + 130}" y="{top - 36}" width="12" height="10" fill="{COVERAGE_COLOUR}"/>'
        f'<text x="{left + 146}" y="{top - 27}">{coverage}</text>'
    )


def _axis_ticks(left: int, span: int, top: int, bottom: int) -> str:
    parts = []
    for value in (0, 25, 50, 75, 100):
        x = left + span * value / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom - 4}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{top - 8}" text-anchor="middle" font-size="12">{value}</text>'
        )
    return "".join(parts)


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def index_chart(
    points: Sequence[IndexPoint], *, end: dt.date, marker: dt.date | None, title: str
) -> SafeString:
    """The index (solid) and coverage (dashed) as steps over time, 0 to 100.

    A status holds from its date until the next change, so the lines are steps, not
    slopes between points. `marker` draws the page's as-of date.
    """
    left, right, top, bottom, width, height = 44, 16, 14, 34, 640, 230
    plot_w, plot_h = width - left - right, height - top - bottom
    start = points[0].day if points else end
    end = max(end, start + dt.timedelta(days=1))
    if marker is not None:
        start, end = min(start, marker), max(end, marker)
    days = (end - start).days

    def x(day: dt.date) -> float:
        return left + plot_w * (day - start).days / days

    def y(value: float) -> float:
        return top + plot_h * (1 - value / 100)

    body = []
    for value in (0, 25, 50, 75, 100):
        body.append(
            f'<line x1="{left}" y1="{y(value):.1f}" x2="{left + plot_w}" y2="{y(value):.1f}" '
            f'stroke="{GRID_COLOUR}"/><text x="{left - 6}" y="{y(value) + 4:.1f}" '
            f'text-anchor="end" font-size="12">{value}</text>'
        )
    for year in _years(start, end):
        tick = dt.date(year, 1, 1)
        body.append(
            f'<line x1="{x(tick):.1f}" y1="{top + plot_h}" x2="{x(tick):.1f}" '
            f'y2="{top + plot_h + 5}" stroke="{TEXT_COLOUR}"/>'
            f'<text x="{x(tick):.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
            f'font-size="12">{year}</text>'
        )
    body.append(_steps(points, end, x, y, lambda p: p.index, INDEX_COLOUR, ""))
    body.append(
        _steps(
            points,
            end,
            x,
            y,
            lambda p: None if p.coverage is None else p.coverage * 100,
            COVERAGE_COLOUR,
            ' stroke-dasharray="6 4"',
        )
    )
    # A marker per change helps on a short history; on thousands it is only ink.
    for point in points if len(points) <= MAX_MARKERS else []:
        if point.index is not None:
            label = _("%(day)s: index %(index)s, coverage %(coverage)s") % {
                "day": point.day.isoformat(),
                "index": whole(point.index),
                "coverage": percent(point.coverage),
            }
            body.append(
                f'<circle cx="{x(point.day):.1f}" cy="{y(point.index):.1f}" r="3" '
                f'fill="{INDEX_COLOUR}"><title>{escape(label)}</title></circle>'
            )
    if marker is not None:
        body.append(
            f'<line x1="{x(marker):.1f}" y1="{top}" x2="{x(marker):.1f}" y2="{top + plot_h}" '
            f'stroke="{TEXT_COLOUR}" stroke-dasharray="2 3"/>'
            f'<text x="{min(x(marker) + 4, left + plot_w - 70):.1f}" y="{top + 10}" '
            f'font-size="12">{escape(marker.isoformat())}</text>'
        )
    body.append(_legend(left, height - 6))
    return _svg(width, height, title, _index_desc(points), body, "chart index-chart")


def _steps(points, end, x, y, value, colour: str, dash: str) -> str:
    """A step line; a stretch with no value (nothing but not-applicable rows) is a gap."""
    paths, current = [], []
    for point, following in zip(points, [*points[1:], None], strict=True):
        v = value(point)
        if v is None:
            if current:
                paths.append(current)
            current = []
            continue
        until = following.day if following else end
        current.append(f"{x(point.day):.1f},{y(v):.1f}")
        current.append(f"{x(until):.1f},{y(v):.1f}")
    if current:
        paths.append(current)
    return "".join(
        f'<polyline points="{" ".join(path)}" fill="none" stroke="{colour}" '
        f'stroke-width="2"{dash}/>'
        for path in paths
    )


def _years(start: dt.date, end: dt.date) -> list[int]:
    first, last = start.year + 1, end.year
    step = max(1, (last - first + 1) // 8 + 1)
    return list(range(first, last + 1, step))


def _legend(left: int, baseline: int) -> str:
    index = escape(_("index"))  # gettext outside f-strings: xgettext finds it
    coverage = escape(_("coverage (percent of requirements with data)"))
    return (
        f'<line x1="{left}" y1="{baseline - 4}" x2="{left + 24}" y2="{baseline - 4}" '
        f'stroke="{INDEX_COLOUR}" stroke-width="2"/>'
        f'<text x="{left + 30}" y="{baseline}" font-size="12">{index}</text>'
        f'<line x1="{left + 110}" y1="{baseline - 4}" x2="{left + 134}" y2="{baseline - 4}" '
        f'stroke="{COVERAGE_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{left + 140}" y="{baseline}" font-size="12">{coverage}</text>'
    )


def _index_desc(points: Sequence[IndexPoint]) -> str:
    known = [p for p in points if p.index is not None]
    if not known:
        return _("No scored status yet.")
    first, last = known[0], known[-1]
    return _(
        "Index %(first)s on %(first_day)s, %(last)s since %(last_day)s (coverage "
        "%(coverage)s); %(count)s dates with a change, listed in the table below the chart."
    ) % {
        "first": whole(first.index),
        "first_day": first.day.isoformat(),
        "last": whole(last.index),
        "last_day": last.day.isoformat(),
        "coverage": percent(last.coverage),
        "count": len(points),
    }
