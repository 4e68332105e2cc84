"""Server-side SVG line charts (no JavaScript): colours come from presentation attributes so the
chart also renders in WeasyPrint; classes let static/reports/reports.css restyle it on screen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

# Digits and labels in the documents' sans (shipped, seongdong_gov.documents.FONTS): a presentation
# attribute, so the PDF prints them in NanumGothic like the text around them, and the screen falls back.
FONT = 'font-family="NanumGothic, sans-serif"'
PALETTE = ["#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d68910", "#566573"]
WIDTH, HEIGHT = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 150, 16, 32


def _nice_max(value: Decimal) -> Decimal:
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        top = magnitude * step
        if top >= value:
            return top
    return value


def _fmt(value: Decimal) -> str:
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def _segments(values: list[Decimal | None]) -> list[list[tuple[int, Decimal]]]:
    """Runs of consecutive known values: a month without data breaks the line instead of dropping to 0."""
    runs: list[list[tuple[int, Decimal]]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((i, v))
    return [run for run in runs if run]


def line_chart(
    title: str, months: list[dt.date], series: list[tuple[str, list[Decimal | None]]]
) -> SafeString:
    """One SVG: x = months, one polyline per series (broken where a month has no data), a legend on the
    right, accessible title."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    top = _nice_max(max((v for _, vals in series for v in vals if v is not None), default=Decimal(0)))
    n = max(len(months) - 1, 1)

    def x(i: int) -> float:
        return LEFT + plot_w * i / n

    def y(v: Decimal) -> float:
        return TOP + plot_h - float(v / top) * plot_h

    out = [
        f'<svg class="report-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title, {chr(34): "&quot;"})}">',
        f"<title>{escape(title)}</title>",
    ]
    for k in range(5):
        val = top * k / 4
        yy = y(val)
        out.append(
            f'<line class="chart-grid" x1="{LEFT}" y1="{yy:.1f}" x2="{LEFT + plot_w}" y2="{yy:.1f}" '
            'stroke="#d5d8dc" stroke-width="1"/>'
        )
        out.append(
            f'<text class="chart-axis" x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" font-size="10" {FONT} '
            f'fill="#333">{_fmt(val)}</text>'
        )
    for i, m in enumerate(months):
        out.append(
            f'<text class="chart-axis" x="{x(i):.1f}" y="{HEIGHT - 10}" text-anchor="middle" font-size="10" {FONT} '
            f'fill="#333">{m.year % 100:02d}.{m.month}.</text>'
        )
    for s, (name, values) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        for run in _segments(values):
            if len(run) < 2:
                continue  # a lone month is shown by its point alone
            points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in run)
            out.append(
                f'<polyline class="chart-line series-{s}" points="{points}" fill="none" stroke="{colour}" '
                'stroke-width="2"/>'
            )
        for i, v in enumerate(values):
            if v is None:
                continue
            out.append(
                f'<circle class="chart-point series-{s}" cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}">'
                f"<title>{escape(name)} {months[i]:%Y-%m}: {_fmt(v)}</title></circle>"
            )
        ly = TOP + 14 + s * 16
        out.append(
            f'<rect class="chart-legend series-{s}" x="{WIDTH - RIGHT + 10}" y="{ly - 8}" width="10" height="10" '
            f'fill="{colour}"/>'
        )
        out.append(
            f'<text class="chart-legend-label" x="{WIDTH - RIGHT + 24}" y="{ly + 1}" font-size="10" {FONT} '
            f'fill="#333">{escape(name)}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))
