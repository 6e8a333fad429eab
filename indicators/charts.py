"""Small multiples of an indicator drawn on the server as SVG: one panel per country.

Every panel shares the same periods along the bottom and the same scale up the side, so
that countries compare at a glance. A value is a bar; "not reported" is a hollow mark
at the baseline; a period with no value is left empty (no data is never zero).
"""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from countries.models import Country
from indicators.readings import Reading

_ids = itertools.count(1)

BAR_COLOUR = "#0b4f9c"  # 8.6:1 on white
DERIVED_COLOUR = "#5b3a8c"  # 8.9:1 on white
GRID_COLOUR = "#c8c8c8"
TEXT_COLOUR = "#1a1a1a"
WIDTH, HEIGHT, LEFT, TOP, BOTTOM = 240, 128, 30, 34, 20


@dataclass
class Panel:
    country: Country
    svg: SafeString


def small_multiples(
    readings: Sequence[Reading], countries: Sequence[Country], *, unit: str
) -> list[Panel]:
    """One panel per country, in the order given, on shared periods and a shared scale."""
    periods = sorted({(r.period_start, r.period_end, r.period) for r in readings})
    top = max((float(r.value) for r in readings if r.value is not None), default=0) or 1
    by_country: dict[int, dict[str, Reading]] = {}
    for reading in readings:
        by_country.setdefault(reading.country.pk, {})[reading.period] = reading
    return [
        Panel(
            country,
            _panel(country, [p[2] for p in periods], by_country.get(country.pk, {}), top, unit),
        )
        for country in countries
    ]


def _panel(
    country: Country, periods: list[str], values: dict[str, Reading], top: float, unit: str
) -> SafeString:
    uid = next(_ids)
    plot_w, plot_h = WIDTH - LEFT - 6, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(periods), 1)
    base = TOP + plot_h
    body = [
        f'<text x="0" y="14" font-weight="bold">{escape(country.name)}</text>',
        f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - 6}" y2="{base}" stroke="{GRID_COLOUR}"/>',
    ]
    if values:  # the scale, where there is something to read on it
        body += [
            f'<text x="{LEFT - 4}" y="{TOP + 4}" text-anchor="end" font-size="10">'
            f"{_number(top)}</text>",
            f'<text x="{LEFT - 4}" y="{base}" text-anchor="end" font-size="10">0</text>',
        ]
    described = []
    for index, period in enumerate(periods):
        x = LEFT + index * slot
        body.append(
            f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle" '
            f'font-size="10">{escape(period)}</text>'
        )
        reading = values.get(period)
        if reading is None:
            continue
        described.append(f"{period}: {reading.display}")
        body.append(_mark(reading, x, slot, base, plot_h, top))
    if not described:
        no_data = escape(_("no data"))  # gettext outside f-strings: xgettext finds it
        body.append(
            f'<text x="{LEFT + plot_w / 2:.1f}" y="{TOP + plot_h / 2:.1f}" '
            f'text-anchor="middle">{no_data}</text>'
        )
    title = _("%(country)s, %(unit)s by period") % {"country": country.name, "unit": unit}
    desc = "; ".join(described) or _("no data")
    return mark_safe(
        f'<svg class="small-multiple" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-labelledby="ind{uid}-title ind{uid}-desc" data-country="{escape(country.code)}" '
        f'font-family="system-ui, sans-serif" font-size="12" fill="{TEXT_COLOUR}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="ind{uid}-title">{escape(title)}</title>'
        f'<desc id="ind{uid}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _mark(reading: Reading, x: float, slot: float, base: float, plot_h: float, top: float) -> str:
    label = escape(f"{reading.period}: {reading.display}")
    if reading.value is None:
        return (
            f'<circle cx="{x + slot / 2:.1f}" cy="{base - 5}" r="4" fill="none" '
            f'stroke="{BAR_COLOUR}" data-period="{escape(reading.period)}"><title>{label}</title>'
            "</circle>"
        )
    height = plot_h * float(reading.value) / top
    colour = DERIVED_COLOUR if reading.is_derived else BAR_COLOUR
    width = min(slot * 0.6, 28)
    return (
        f'<rect x="{x + (slot - width) / 2:.1f}" y="{base - height:.1f}" width="{width:.1f}" '
        f'height="{height:.1f}" fill="{colour}" data-period="{escape(reading.period)}">'
        f"<title>{label}</title></rect>"
        f'<text x="{x + slot / 2:.1f}" y="{base - height - 3:.1f}" text-anchor="middle" '
        f'font-size="10">{escape(reading.display)}</text>'
    )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
