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
