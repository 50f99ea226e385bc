"""Whole-site builds through the real `mkdocs` command."""
import re
import shutil
import subprocess
import sys

from .conftest import REPO, tree_hash


def mkdocs_build(project, out, *extra):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out), *extra],
                          cwd=project, capture_output=True, text=True, timeout=900)


def test_example_site_builds_strict(tmp_path):
    before = tree_hash(REPO / "content")
    run = mkdocs_build(REPO, tmp_path / "site", "--strict")
    assert run.returncode == 0, run.stderr
    site = tmp_path / "site"
    for page in ("index.html", "archive/index.html", "tags/index.html", "glossary/index.html",
                 "notes/index.html", "notes/edito-semaine/index.html", "issues/index.html",
                 "issues/2025-04-08/index.html", "archive/2025/index.html", "archive/2025/04/index.html",
                 "sources/index.html", "sources/l-observateur-du-detroit/index.html", "entities/index.html",
                 "entities/people/klaus-hartmann/index.html",
                 "digests/hydrogene-vert-tanger/index.html", "feed.xml", "feed.json", "assets/digest.css"):
        assert (site / page).is_file(), page
    # Inputs are consumed, not published as raw files.
    assert not (site / "articles").exists() and not (site / "glossary.yml").exists()
    # The sidebar lists sections, not every digest, issue or archive page (that would make the build quadratic).
    home = (site / "index.html").read_text("utf-8")
    nav_links = [re.search(r'href="([^"]*)"', tag).group(1)
                 for tag in re.findall(r'<a [^>]*class="md-nav__link[^"]*"[^>]*>', home)]
    for section in ("issues/", "archive/", "sources/", "entities/", "glossary/"):
        assert section in nav_links, section
    nav = " ".join(nav_links)
    assert "digests/" not in nav and "issues/20" not in nav and "archive/20" not in nav and "entities/people" not in nav
    assert "notes/edito-semaine/" in nav  # standalone notes are in the navigation
    assert "digests/hydrogene-vert-tanger/" in home and "Derniers numéros" in home  # French site labels
    # Pagefind indexes digests and notes only; the attributes survive Markdown.
    digest = (site / "digests/hydrogene-vert-tanger/index.html").read_text("utf-8")
    assert 'data-pagefind-body' in digest and 'data-pagefind-filter="tag:énergie"' in digest
    assert 'data-pagefind-sort="date:2025-04-08"' in digest and "8 avril 2025" in digest
    assert re.search(r'<div class="digest-facts" data-pagefind-ignore[^>]*>\s*<div class="admonition info"', digest)
    assert "data-pagefind-body" in (site / "notes/edito-semaine/index.html").read_text("utf-8")
    for page in ("index.html", "issues/index.html", "archive/index.html", "glossary/index.html",
                 "sources/index.html", "entities/people/klaus-hartmann/index.html", "tags/index.html"):
        assert "data-pagefind-body" not in (site / page).read_text("utf-8"), page
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
