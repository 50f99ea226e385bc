"""The editor workflow end to end: corrections, notes, glossary, and content never touched."""
import subprocess
import sys

from click.testing import CliRunner

from digest.cli import main
from digest.config import make_config
from digest.pipeline import build

from .conftest import tree_hash


def run_build(project):
    return build(make_config({"content_dir": "content", "site_url": "https://news.example.org/"}, project))


def test_overrides_correct_generated_fields(project):
    (project / "content/overrides/hydrogene-vert-tanger.yml").write_text(
        "title: Titre corrigé par la rédaction\nsummary: [Résumé écrit par un éditeur.]\n"
        "tags: [corrigé]\ndate: 2025-04-10\nhide_facts: ['12 %']\n", encoding="utf-8")
    (project / "content/overrides/port-expansion-report.yml").write_text("unpublish: true\n", encoding="utf-8")
    result = run_build(project)
    page = result.pages["digests/hydrogene-vert-tanger.md"]
    assert "# Titre corrigé par la rédaction" in page and "Résumé écrit par un éditeur." in page
    assert "**12 %**" not in page and "2025-04-10" in page and "tags/corrige.md" in page
    assert "digests/port-expansion-report.md" not in result.pages
    assert not [p for p in result.problems if p.severity != "info"]


def test_override_for_unknown_slug_is_an_error_naming_the_file(project):
    (project / "content/overrides/no-such-digest.yml").write_text("title: x\n", encoding="utf-8")
    problems = run_build(project).problems
    assert any(p.path == "content/overrides/no-such-digest.yml" and p.severity == "error" for p in problems)


def test_notes_link_terms_and_digests(project):
    (project / "content/notes/lien.md").write_text(
        "---\ntitle: Lien\ndate: 2025-06-07\n---\nVoir [[hydrogene-vert-tanger]] sur l'IA et l'ONU.\n",
        encoding="utf-8")
    result = run_build(project)
    page = result.pages["notes/lien.md"]
    assert "[Tanger : un consortium maroco-allemand" in page and "(../digests/hydrogene-vert-tanger.md)" in page
    assert "[IA](../glossary.md#ia " in page and "[ONU](../glossary.md#onu " in page
    glossary = result.pages["glossary.md"]
    ia = glossary[glossary.index("{ #ia }"):]
    ia = ia[: ia.index("\n### ")] if "\n### " in ia else ia
    assert "[<bdi>Lien</bdi>](notes/lien.md)" in ia
    dates = [d for d in __import__("re").findall(r'datetime="(\d{4}-\d{2}-\d{2})"', ia.split("Appears in:")[1])]
    assert len(dates) >= 2 and dates == sorted(dates, reverse=True)  # newest first
    assert "[A](#letter-a)" in glossary or "(#letter-" in glossary
    assert "<link>https://news.example.org/notes/lien/</link>" in result.pages["feed.xml"]


def test_cli_note_new_check_and_glossary_suggest(project, monkeypatch):
    monkeypatch.chdir(project)
    runner = CliRunner()
    before = tree_hash(project / "content")
    result = runner.invoke(main, ["note", "new", "hydrogene-vert-tanger", "--author", "Ana"])
    assert result.exit_code == 0, result.output
    path = project / result.stdout.strip()
    assert path.is_file() and "digest: hydrogene-vert-tanger" in path.read_text("utf-8")
    again = runner.invoke(main, ["note", "new", "hydrogene-vert-tanger"])
    assert again.stdout.strip() != result.stdout.strip()  # never overwrites
    assert runner.invoke(main, ["note", "new", "nope"]).exit_code != 0
    assert runner.invoke(main, ["check"]).exit_code == 0

    suggestions = runner.invoke(main, ["glossary", "suggest", "--min-count", "1"])
    assert suggestions.exit_code == 0 and "AIBD = Asociación Ibérica de Banca Digital" in suggestions.stdout
    glossary_before = (project / "content/glossary.yml").read_text("utf-8")
    wrote = runner.invoke(main, ["glossary", "suggest", "--write", "--pick", "AIBD"])
    assert wrote.exit_code == 0, wrote.output
    after = (project / "content/glossary.yml").read_text("utf-8")
    assert after.startswith(glossary_before) and "draft: true" in after and '"AIBD"' in after
    assert "AIBD" not in runner.invoke(main, ["glossary", "suggest", "--min-count", "1"]).stdout
    assert runner.invoke(main, ["check"]).exit_code == 0  # drafts are reported as info only
    assert set(tree_hash(project / "content")) - set(before) == {
        "notes/hydrogene-vert-tanger-note.md", "notes/hydrogene-vert-tanger-note-2.md"}

    (project / "content/overrides/ghost.yml").write_text("title: x\n", encoding="utf-8")
    bad = runner.invoke(main, ["check"])
    assert bad.exit_code == 1 and "content/overrides/ghost.yml" in bad.stderr


def test_build_never_writes_into_content(project, tmp_path):
    before = tree_hash(project / "content")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "out")],
                         cwd=project, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    assert tree_hash(project / "content") == before


def test_duplicates_are_merged_and_listed_on_the_kept_digest(project):
    original = (project / "content/articles/port-expansion-report.md").read_text("utf-8")
    copy = original.replace("slug: port-expansion-report", "slug: port-report-copy")
    copy = __import__("re").sub(r"(?m)^source: .*$", "source: The Harbour Wire", copy, count=1)
    (project / "content/articles/zz-port-copy.md").write_text(copy, encoding="utf-8")
    result = run_build(project)
    assert "digests/port-report-copy.md" not in result.pages
    page = result.pages["digests/port-expansion-report.md"]
    assert "Also reported by" in page and "The Harbour Wire" in page  # an English digest: English labels
    assert any(p.severity == "info" and p.path.endswith("zz-port-copy.md") for p in result.problems)
    assert result.summary.startswith("digest: 7 articles ingested, 1 merged as duplicates (6 digests)")


def test_front_matter_corrections(project):
    path = project / "content/articles/hydrogene-vert-tanger.md"
    text = path.read_text("utf-8").replace("slug: hydrogene-vert-tanger",
                                           "slug: hydrogene-vert-tanger\nhide_facts: ['12 %']\nunpublish: false")
    path.write_text(text, encoding="utf-8")
    (project / "content/articles/ciberseguridad-bancos.md").write_text(
        (project / "content/articles/ciberseguridad-bancos.md").read_text("utf-8").replace(
            "slug: ciberseguridad-bancos", "slug: ciberseguridad-bancos\nunpublish: yes please"), encoding="utf-8")
    result = run_build(project)
    assert "**12 %**" not in result.pages["digests/hydrogene-vert-tanger.md"]
    assert any(p.path == "content/articles/ciberseguridad-bancos.md" and "unpublish" in p.message
               for p in result.problems)
