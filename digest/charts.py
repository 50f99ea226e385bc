"""A static inline SVG bar chart for the fact box, when figures compare: the same kind and unit,
each for another subject ("les Etats-Unis dépensent 500 milliards, l'Union européenne 200, la
Chine 138"). No script, no external file: the bars are drawn at build time, so the page stays
the same bytes on every build and works without JavaScript.
"""
from __future__ import annotations

from .annotate.display import figure_value, subject_text
from .model import Fact

MAX_BARS = 8
# Markdown would read these inside the SVG's text: written as character references, they stay text.
_MARKDOWN = str.maketrans({c: f"&#{ord(c)};" for c in "*_[]`\\<>&\"'"})


def _text(value: str) -> str:
    return value.translate(_MARKDOWN)
_WIDTH, _LABEL, _BAR, _ROW, _GAP = 480, 130, 190, 22, 6


def comparison(facts: tuple[Fact, ...] | list[Fact]) -> list[Fact]:
    """The largest group of figures of one sentence with one kind and unit and two or more subjects
    ("500 milliards, l'Union européenne 200, la Chine 138"), biggest first."""
    groups: dict[tuple, dict[str, Fact]] = {}
    for f in facts:
        if (f.subject and f.kind in ("money", "percent", "count", "measure") and isinstance(f.value, (int, float))
                and not isinstance(f.value, bool) and f.value > 0 and f.change is None):
            groups.setdefault((f.sentence, f.kind, f.unit), {}).setdefault(f.subject, f)  # a list in one sentence
    best = max(groups.values(), key=len, default={})
    if len(best) < 2:
        return []
    return sorted(best.values(), key=lambda f: -f.value)[:MAX_BARS]


def bar_chart(facts: list[Fact], language: str, title: str = "") -> str:
    """One line of SVG (Markdown keeps it whole inside the fact box), or "" under two bars."""
    if len(facts) < 2:
        return ""
    top = max(f.value for f in facts)
    height = len(facts) * (_ROW + _GAP) + _GAP
    rtl = language == "ar"
    parts = [f'<svg class="digest-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
             f'width="100%" style="max-width:{_WIDTH}px" role="img" aria-label="{_text(title)}">'
             f"<title>{_text(title)}</title>"]
    for i, f in enumerate(facts):
        y = _GAP + i * (_ROW + _GAP)
        width = max(2, round(_BAR * f.value / top))
        label = _text(subject_text(f.subject, language) or "")
        value = _text(figure_value(f, language))
        if rtl:  # bars grow leftwards from the label, as the page reads
            x_label, x_bar, x_value = _WIDTH - 4, _WIDTH - _LABEL - width, _WIDTH - _LABEL - width - 6
            anchor_label, anchor_value = "end", "end"
        else:
            x_label, x_bar, x_value = _LABEL - 6, _LABEL, _LABEL + width + 6
            anchor_label, anchor_value = "end", "start"
        parts.append(
            f'<text x="{x_label}" y="{y + 15}" text-anchor="{anchor_label}" font-size="12" fill="currentColor">{label}</text>'
            f'<rect x="{x_bar}" y="{y}" width="{width}" height="{_ROW}" rx="2" '
            f'style="fill:var(--md-primary-fg-color,#4051b5)"/>'
            f'<text x="{x_value}" y="{y + 15}" text-anchor="{anchor_value}" font-size="12" fill="currentColor">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


# --- site charts: listings draw counts over time ----------------------------------------------
_COL, _COLS_H, _AXIS = 14, 48, 14
_SPARK_W, _SPARK_H = 120, 24


def _label(title: str, values: str) -> str:
    """What a screen reader says of the chart: its title, then every value as text."""
    return f"{title}: {values}" if values else title


def column_chart(columns: list[tuple[str, int]], ticks: dict[int, str], rtl: bool, title: str, values: str) -> str:
    """One column per period ((label, count), in time order): counts from the baseline, the first period at
    the reading start (right on a right-to-left page). *ticks* label some columns under the axis."""
    if not columns or not any(n for _, n in columns):
        return ""
    top = max(n for _, n in columns)
    width = len(columns) * _COL
    height = _COLS_H + _AXIS
    parts = [f'<svg class="digest-chart digest-chart-columns" xmlns="http://www.w3.org/2000/svg" '
             f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width * 2}px" role="img" '
             f'aria-label="{_text(_label(title, values))}"><title>{_text(title)}</title><desc>{_text(values)}</desc>'
             f'<line x1="0" y1="{_COLS_H}" x2="{width}" y2="{_COLS_H}" stroke="currentColor" stroke-opacity=".3"/>']
    for i, (label, n) in enumerate(columns):
        x = width - (i + 1) * _COL if rtl else i * _COL
        if n:
            h = max(2, round(_COLS_H * n / top))
            parts.append(f'<rect x="{x + 2}" y="{_COLS_H - h}" width="{_COL - 4}" height="{h}" '
                         f'style="fill:var(--md-primary-fg-color,#4051b5)"><title>{_text(label)}: {n}</title></rect>')
        if i in ticks:
            parts.append(f'<text x="{x + _COL / 2:g}" y="{height - 2}" text-anchor="middle" font-size="10" '
                         f'fill="currentColor">{_text(ticks[i])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def sparkline(points: list[int], rtl: bool, title: str, values: str) -> str:
    """A line of counts over time (oldest first), ending on a dot at the newest; "" under two points."""
    if len(points) < 2:
        return ""
    top = max(points) or 1
    step = (_SPARK_W - 4) / (len(points) - 1)
    xy = []
    for i, n in enumerate(points):
        x = 2 + i * step
        xy.append((_SPARK_W - x if rtl else x, _SPARK_H - 2 - (_SPARK_H - 4) * n / top))
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    return (f'<svg class="digest-chart digest-sparkline" xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {_SPARK_W} {_SPARK_H}" width="{_SPARK_W}" height="{_SPARK_H}" role="img" '
            f'aria-label="{_text(_label(title, values))}"><title>{_text(title)}</title><desc>{_text(values)}</desc>'
            f'<polyline points="{line}" fill="none" stroke-width="1.5" stroke-linejoin="round" '
            f'style="stroke:var(--md-primary-fg-color,#4051b5)"/>'
            f'<circle cx="{xy[-1][0]:.1f}" cy="{xy[-1][1]:.1f}" r="2" style="fill:var(--md-primary-fg-color,#4051b5)"/>'
            "</svg>")
