"""Charts: an editor's `chart: false`, the site's counts over time, and chart text escaped."""
import re

from digest.charts import bar_chart, column_chart, sparkline
from digest.model import Article, Digest, Entities, Fact
from digest.overrides import apply_to_digest, validate
from digest.site_charts import mentions_trend, month_chart


def _card(date):
    return {"article": Article("a.md", "a", "t", None, date, "fr", None, ())}


def test_chart_false_is_validated_and_turns_the_chart_off():
    clean, problems = validate({"chart": False}, "content/overrides/x.yml")
    assert problems == [] and clean == {"chart": False}
    _clean, problems = validate({"chart": "false"}, "content/overrides/x.yml")
    assert len(problems) == 1 and problems[0].path == "content/overrides/x.yml"
    assert "true or false" in problems[0].message and "chart: false" in problems[0].hint
    digest = Digest(Article("a.md", "a", "t", None, None, "fr", None, ()), (), (), (), Entities(), ())
    assert digest.chart and not apply_to_digest(digest, {"chart": False}).chart
    assert apply_to_digest(digest, {}).chart


def test_hostile_subjects_are_text_in_the_svg():
    facts = [Fact("money", "5 M$", 5e6, "USD", "s1", "<script>alert(1)</script>"),
             Fact("money", "2 M$", 2e6, "USD", "s1", "A & B \" onload=x")]
    svg = bar_chart(facts, "en", "Compared: <script>")
    assert "<script" not in svg and "&#60;script&#62;" in svg and "A &#38; B" in svg and '" onload' not in svg
    spark = sparkline([1, 2], False, "<b>&", "<img src=x>")
    assert "<b>" not in spark and "<img" not in spark


def test_month_chart_counts_each_day_and_runs_right_to_left_in_arabic():
    cards = [_card("2025-07-02"), _card("2025-07-02"), _card("2025-07-30")]
    fr = month_chart(cards, 2025, 7, "Juillet 2025", "fr")
    heights = [int(h) for h in re.findall(r'<rect x="\d+" y="\d+" width="\d+" height="(\d+)"', fr)]
    assert heights == [48, 24] and "2 juillet 2025: 2" in fr and "30 juillet 2025: 1" in fr
    xs_fr = [int(x) for x in re.findall(r'<rect x="(\d+)"', fr)]
    xs_ar = [int(x) for x in re.findall(r'<rect x="(\d+)"', month_chart(cards, 2025, 7, "يوليو", "ar"))]
    assert xs_fr[0] < xs_fr[1] and xs_ar[0] > xs_ar[1]  # the 2nd is at the reading start
    assert month_chart(cards, 2025, 7, "Juillet 2025", "fr") == fr  # the same bytes every build
    assert column_chart([("", 0)], {}, False, "t", "") == ""


def test_mentions_trend_spans_first_to_last_month():
    trend = mentions_trend([_card("2025-04-08"), _card("2025-06-01"), _card("2025-06-20")], "fr")
    points = re.search(r'points="([^"]+)"', trend).group(1).split()
    assert len(points) == 3 and "juin 2025: 2" in trend and "avril 2025: 1" in trend
    assert mentions_trend([_card("2025-04-08")], "fr") == "" and mentions_trend([_card(None)], "fr") == ""
    ar = re.search(r'points="([^"]+)"', mentions_trend([_card("2025-04-08"), _card("2025-05-01")], "ar")).group(1)
    assert float(ar.split()[0].split(",")[0]) > float(ar.split()[1].split(",")[0])
