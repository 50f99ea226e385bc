"""Whole-site builds through the real `mkdocs` command."""
import json
import re
import shutil
import subprocess
import sys

from .conftest import REPO, tree_hash


def mkdocs_build(project, out, *extra):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out), *extra],
                          cwd=project, capture_output=True, text=True, timeout=300)


def test_example_site_builds_strict(tmp_path):
    before = tree_hash(REPO / "content")
    run = mkdocs_build(REPO, tmp_path / "site", "--strict")
    assert run.returncode == 0, run.stderr
    site = tmp_path / "site"
    for page in ("index.html", "archive/index.html", "tags/index.html", "glossary/index.html",
                 "notes/index.html", "notes/edito-semaine/index.html",
                 "digests/hydrogene-vert-tanger/index.html", "search/search_index.json",
                 "assets/digest.css"):
        assert (site / page).is_file(), page
    # Inputs are consumed, not published as raw files.
    assert not (site / "articles").exists() and not (site / "glossary.yml").exists()
    # The sidebar lists sections, not every digest (that would make the build quadratic).
    home = (site / "index.html").read_text("utf-8")
    nav_links = [re.search(r'href="([^"]*)"', tag).group(1)
                 for tag in re.findall(r'<a [^>]*class="md-nav__link[^"]*"[^>]*>', home)]
    assert "archive/" in nav_links and "glossary/" in nav_links
    nav = " ".join(nav_links)
    assert "digests/" not in nav
    assert "notes/edito-semaine/" in nav  # standalone notes are in the navigation
    assert "digests/hydrogene-vert-tanger/" in home
    # Search index holds digest bodies.
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert any("électrolyseurs" in doc["text"] and doc["location"].startswith("digests/hydrogene-vert-tanger/")
               for doc in index["docs"])
    # The build never writes into content/.
    assert tree_hash(REPO / "content") == before


def test_seed_digest_page_has_summary_fact_box_and_glossary_link(project, seed_path, tmp_path):
    shutil.copy(seed_path, project / "content/articles" / seed_path.name)
    run = mkdocs_build(project, tmp_path / "out", "--strict")
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "out/digests/ia-mondiale-le-maroc-face-a-la-fracture-numerique-et-la-course-aux-puissances/index.html").read_text("utf-8")
    assert 'id="summary"' in page and "Université Mohammed VI Polytechnique" in page
    assert "L&#39;essentiel" in page or "L'essentiel" in page
    assert "11 milliards de dirhams" in page and "Omar Hilale" in page
    assert re.search(r'<a class="digest-term" href="\.\./\.\./glossary/#(ia|onu)" title="[^"]+"', page)
    for junk in ("Merci d", "Cliquez ici", "Bourse de Casablanca : clôture"):
        assert junk not in page


def test_bad_input_is_reported_and_the_rest_builds(project, tmp_path):
    articles = project / "content/articles"
    (articles / "empty.txt").write_bytes(b"")
    (articles / "binary.md").write_bytes(bytes(range(256)) * 4)
    (articles / "broken.md").write_text("---\ntitle: [oops\n---\nText.\n", encoding="utf-8")
    (articles / "script.md").write_text(
        "---\ntitle: <script>alert(1)</script> Title\nlanguage: en\nurl: javascript:alert(1)\n---\n"
        "Body with <script>alert('x')</script> and <img src=x onerror=alert(2)> inside.\n", encoding="utf-8")
    (project / "content/notes/orphan.md").write_text("---\ndigest: no-such-slug\n---\nHello.\n", encoding="utf-8")
    before = tree_hash(project / "content")
    run = mkdocs_build(project, tmp_path / "out")
    assert run.returncode == 0, run.stderr
    for name in ("empty.txt", "binary.md", "broken.md", "orphan.md", "no-such-slug"):
        assert name in run.stderr, name
    assert (tmp_path / "out/digests/hydrogene-vert-tanger/index.html").is_file()
    page = next((tmp_path / "out/digests").glob("script-*/index.html")).read_text("utf-8")
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in page or "&lt;script&gt;alert(&#39;x&#39;)" in page
    assert "<script>alert" not in page and "<img src=x" not in page and 'href="javascript:' not in page
    assert 'content="Body with &lt;script&gt;' in page  # the meta description is escaped too
    assert tree_hash(project / "content") == before
    strict = mkdocs_build(project, tmp_path / "strict", "--strict")
    assert strict.returncode != 0


def test_editor_page_at_a_generated_path_wins(project, tmp_path):
    (project / "content/index.md").write_text("# Our own front page\n\nWritten by an editor.\n", encoding="utf-8")
    run = mkdocs_build(project, tmp_path / "out", "--strict")
    assert run.returncode == 0, run.stderr
    assert "Written by an editor." in (tmp_path / "out/index.html").read_text("utf-8")


def test_user_template_overrides_the_default(project, tmp_path):
    (project / "templates/home.md.j2").write_text("# Custom home\n\n{{ total }} digests here.\n", encoding="utf-8")
    run = mkdocs_build(project, tmp_path / "out", "--strict")
    assert run.returncode == 0, run.stderr
    assert "6 digests here." in (tmp_path / "out/index.html").read_text("utf-8")
