import pytest

from digest.render import Markdown, escape, link_url, make_environment, human_number


def test_escape_neutralises_html_and_markdown():
    out = escape("<script>alert('x')</script> *bold* [link](javascript:x) # & | {: .c}")
    assert "<script" not in out and "&lt;script&gt;" in out
    assert "\\*bold\\*" in out and "\\[link\\]" in out and "&amp;" in out and "\\{" in out


@pytest.mark.parametrize("text", ["# Title", "- item", "1. item", "!!! note", "> quote", "=== tab"])
def test_escape_line_starts(text):
    assert not escape(text).startswith(text[0])


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
