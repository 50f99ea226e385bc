"""Adversarial inputs found in review: each must be reported or neutralised, never crash or inject."""
import re

from click.testing import CliRunner

from digest.cli import main
from digest.config import make_config
from digest.pipeline import build
from digest.render import link_url


def run(project):
    return build(make_config({"content_dir": "content", "site_url": "https://news.example.org/"}, project))


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_article_title_in_wiki_link_is_escaped(project):
    write(project / "content/articles/attack.md",
          "---\nslug: attack\ntitle: 'Attack <img src=x onerror=\"alert(1)\"> [PDF] end'\n---\nBody text here.\n")
    write(project / "content/notes/wiki.md", "---\ntitle: Wiki\n---\nSee [[attack]] and [[attack|my words]].\n")
    page = run(project).pages["notes/wiki.md"]
    assert "<img" not in page and "&lt;img" in page
    assert "[my words](../digests/attack.md)" in page and "\\[PDF\\]" in page


def test_urls_cannot_break_out_of_links():
    url = link_url("https://example.org/a\n\n*Read*{:style='x' onanimationstart='alert(2)'}")
    assert "\n" not in url and "{" not in url and "'" not in url and "*" not in url
    assert link_url(" JavaScript:alert(1)") == "#" and link_url("data:text/html,x") == "#"
    assert link_url("https://e.org/a b(c)") == "https://e.org/a%20b%28c%29"


def test_scalars_where_lists_are_expected(project):
    write(project / "content/notes/n1.md", "---\ntitle: N1\ndigest: 2025\ntags: 5\n---\nx\n")
    write(project / "content/glossary/alias.md", "---\nterm: Alias\naliases: 5\nsee_also: 7\n---\nDef.\n")
    result = run(project)
    messages = " | ".join(str(p) for p in result.problems)
    assert "unknown digest '2025'" in messages and "unknown term '7'" in messages


def test_null_alias_is_ignored(project):
    write(project / "content/glossary/h.md", "---\nterm: Hydrogène\naliases: [null, '']\n---\nUn gaz.\n")
    result = run(project)
    assert "[None]" not in "".join(result.pages.values())


def test_tags_with_empty_or_colliding_slugs(project):
    write(project / "content/articles/t.md",
          "---\ntitle: Tagged\nslug: tagged\ntags: ['..', '🔥', 'énergie', 'energie', 'Index']\n---\nBody.\n")
    result = run(project)
    page = result.pages["digests/tagged.md"]
    links = re.findall(r"\(\.\./tags/([^)]+)\.md\)", page)
    assert all(link and f"tags/{link}.md" in result.pages for link in links)
    assert "tags/index.md" not in result.pages and "tags/index-tag.md" in result.pages
    energie = result.pages["tags/energie.md"]
    assert energie.count("digests/tagged.md") == 1


def test_note_pages_never_overwrite_each_other(project):
    write(project / "content/notes/a/same.md", "---\ntitle: Note A\n---\nA\n")
    write(project / "content/notes/b/same.md", "---\ntitle: Note B\n---\nB\n")
    write(project / "content/notes/index.md", "---\ntitle: Index note\n---\nI\n")
    result = run(project)
    bodies = [result.pages[p] for p in result.pages if p.startswith("notes/") and p != "notes/index.md"]
    assert sum("# Note A" in b for b in bodies) == 1 and sum("# Note B" in b for b in bodies) == 1
    assert any("# Index note" in b for b in bodies) and "# Editors' notes" in result.pages["notes/index.md"]
    assert sum("already used" in p.message for p in result.problems) == 2


def test_letter_anchors_are_unique_across_scripts(project):
    write(project / "content/glossary/bank.md", "---\nterm: بنك\n---\nمصرف.\n")
    write(project / "content/glossary/banque.md", "---\nterm: Banque\n---\nUne banque.\n")
    glossary = run(project).pages["glossary.md"]
    anchors = re.findall(r"\{ #(letter-[^ ]+) \}", glossary)
    assert len(anchors) == len(set(anchors)) and "letter-u628" in anchors


def test_see_also_by_term_name_and_override_fact_anchors(project):
    write(project / "content/glossary/tng.md", "---\nterm: Tanger\n---\nUne ville.\n")
    write(project / "content/glossary/maroc.md", "---\nterm: Maroc\nsee_also: [Tanger]\n---\nUn pays.\n")
    write(project / "content/overrides/hydrogene-vert-tanger.yml",
          "facts:\n  - {kind: money, text: \"6 milliards d'euros\", value: 6000000000, unit: EUR}\n"
          "  - {kind: count, text: 'Une phrase absente', value: 1}\n")
    result = run(project)
    assert "[Tanger](#tng)" in result.pages["glossary.md"]
    page = result.pages["digests/hydrogene-vert-tanger.md"]
    assert "[source](#)" not in page and re.search(r"6 milliards d'euros\*\*.*\[source\]\(#s\d+\)", page)


def test_bidi_controls_are_stripped_from_article_text(project):
    write(project / "content/articles/bidi.md", "---\ntitle: \"Src \u202egnp.exe\"\nslug: bidi\n---\nBody.\n")
    assert "\u202e" not in run(project).pages["digests/bidi.md"]


def test_note_new_with_awkward_title_and_suggest_write_under_terms(project, monkeypatch):
    monkeypatch.chdir(project)
    runner = CliRunner()
    made = runner.invoke(main, ["note", "new", "hydrogene-vert-tanger", "--title", 'Le ratio prix\\kg "x"'])
    assert made.exit_code == 0
    assert runner.invoke(main, ["check"]).exit_code == 0
    glossary = project / "content/glossary.yml"
    glossary.write_text("terms:\n  - term: ONU\n    definition: Organisation.\n", encoding="utf-8")
    wrote = runner.invoke(main, ["glossary", "suggest", "--write", "--pick", "AIBD"])
    assert wrote.exit_code == 0, wrote.output
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0, result.stderr
    assert "AIBD" not in runner.invoke(main, ["glossary", "suggest", "--min-count", "1"]).stdout
