import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.render import Markdown, escape, link_url, make_environment, human_number


def test_escape_neutralises_html_and_markdown():
    out = escape("<script>alert('x')</script> *bold* [link](javascript:x) # & | {: .c}")
    assert "<script" not in out and "&lt;script&gt;" in out
    assert "\\*bold\\*" in out and "\\[link\\]" in out and "&amp;" in out and "\\{" in out


@pytest.mark.parametrize("text", ["# Title", "- item", "1. item", "!!! note", "> quote", "=== tab"])
def test_escape_line_starts(text):
    assert not escape(text).startswith(text[0])


def _rewritten(text):
    """`escape` without its shortcut for text that needs no escaping."""
    from digest.render import _BIDI_CONTROLS, _INLINE, _LINE_START

    text = re.sub(r"\s+", " ", str(text).translate(_BIDI_CONTROLS)).translate(_INLINE)
    return _LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(st.sampled_from("ab 1.-#*_<&|\t\n\r\x0b\x1c\x85\xa0\u2009\u202e\u2068\x00\x7f"),
                                   max_size=12), st.integers()))
def test_escape_shortcut_changes_nothing(text):
    assert escape(text) == _rewritten(text) and type(escape(text)) is Markdown


def test_link_url_refuses_script_urls():
    assert link_url("javascript:alert(1)") == "#"
    assert link_url("https://e.org/a b(c)") == "https://e.org/a%20b%28c%29"


def test_templates_escape_by_default_and_user_overrides_win(tmp_path):
    env = make_environment(None)
    tpl = env.from_string("{{ text }}|{{ trusted }}")
    assert tpl.render(text="<b>", trusted=Markdown("<b>")) == "&lt;b&gt;|<b>"
    (tmp_path / "home.md.j2").write_text("custom home {{ total }}\n", encoding="utf-8")
    env = make_environment(tmp_path)
    assert env.get_template("home.md.j2").render(total=3, latest=[], more=False, site_title="x") == "custom home 3\n"
    from digest.labels import site_labels
    assert "# Archives" in env.get_template("archive.md.j2").render(
        labels=site_labels("fr"), base="../", years=[], undated=None)


def test_human_number():
    assert human_number(1e12) == "1 trillion"
    assert human_number(5e11) == "500 billion"
    assert human_number(10000) == "10,000"
    assert human_number(1.5) == "1.5"


def test_front_matter_values_are_html_safe():
    from digest.render import yaml_string
    assert yaml_string('a "b" <script>') == '"a &quot;b&quot; &lt;script&gt;"'


def test_digest_labels_follow_the_article_language():
    from digest.labels import LABELS, labels_for

    assert labels_for("es")["summary"] == "Resumen" and labels_for("ar")["fact_box"] == "أهم المعطيات"
    assert labels_for("de") == LABELS["en"]
    assert all(set(table) == set(LABELS["en"]) for table in LABELS.values())
