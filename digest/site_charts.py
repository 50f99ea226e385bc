"""The counts the site's listings draw (`charts` draws them): digests per day on a month's archive
page, mentions per month on an entity page. Counted from the cards a page lists already, so a
chart costs a pass over them and a few date labels, whatever the size of the archive.
"""
from __future__ import annotations

import calendar
from functools import lru_cache

from .charts import column_chart, sparkline
from .labels import format_day, format_month, site_labels
from .render import RTL_LANGUAGES, Markdown

@lru_cache(maxsize=4096)  # every entity page of a month names it again
def _month(year: int, month: int, language: str) -> str:
    return format_month(year, month, language)


def month_chart(cards: list[dict], year: int, month: int, title: str, language: str) -> Markdown:
    """Digests of each day of one month, the days without any included (the gaps are the news)."""
    days = calendar.monthrange(year, month)[1]
    counts = [0] * days
    prefix = f"{year:04d}-{month:02d}-"
    for item in cards:
        date = item["article"].date or ""
        if date.startswith(prefix) and date[8:10].isdigit() and 1 <= int(date[8:10]) <= days:
            counts[int(date[8:10]) - 1] += 1
    labels = [f"{prefix}{d:02d}" for d in range(1, days + 1)]
    columns = [(format_day(iso, language) if n else "", n) for iso, n in zip(labels, counts)]
    values = ", ".join(f"{label}: {n}" for label, n in columns if n)
    return Markdown(column_chart(columns, {0: "1", 14: "15", days - 1: str(days)}, language in RTL_LANGUAGES,
                                 f"{site_labels(language)['per_day']} — {title}", values))


def mentions_trend(cards: list[dict], language: str) -> Markdown:
    """Digests naming an entity in each month from its first mention to its last; none for one month."""
    months: dict[tuple[int, int], int] = {}
    for item in cards:
        date = item["article"].date
        if date and len(date) >= 7 and date[:4].isdigit() and date[5:7].isdigit():
            key = (int(date[:4]), int(date[5:7]))
            months[key] = months.get(key, 0) + 1
    if len(months) < 2:
        return Markdown("")
    (y, m), last = min(months), max(months)
    points = []
    while (y, m) <= last:
        points.append(months.get((y, m), 0))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    values = ", ".join(f"{_month(y, m, language)}: {n}" for (y, m), n in sorted(months.items()))
    return Markdown(sparkline(points, language in RTL_LANGUAGES, site_labels(language)["per_month"], values))
