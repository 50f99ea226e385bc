"""The per-article cache: same results as no cache, rebuilds redo only what changed,
every input of a result is in its key, and a damaged cache is rebuilt, never fatal."""
from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

import digest.cache as cache_module
import digest.pipeline as pipeline
from digest.cache import PAGES_FILE, Cache, entries_file, make_key
from digest.config import make_config
from digest.pipeline import build

REPO = Path(__file__).resolve().parents[1]
CITIES = ["Rabat", "Lyon", "Sevilla", "Porto", "Tunis", "Nantes", "Bilbao", "Oran", "Lille", "Braga",
          "Agadir", "Dijon", "Malaga", "Evora", "Sfax", "Reims", "Cadix", "Faro", "Fes", "Metz",
          "Toledo", "Coimbra", "Annaba", "Nancy"]


def extra_article(i: int, city: str) -> str:
    """A distinct short story (the duplicates stage must keep each one)."""
    day = 1 + i
    return (f"---\ntitle: \"{city} vote un budget de {10 + i} millions d'euros\"\nsource: Gazette {i}\n"
            f"date: 2025-03-{day:02d}\nlanguage: fr\ntags: [budget, {city.lower()}]\n---\n\n"
            f"Le conseil municipal de {city} a adopté le {day} mars 2025 un budget de {10 + i} millions "
            f"d'euros pour l'eau et les transports. Le maire {city}ois, Karim Ben{city}, a salué « un effort "
            f"sans précédent » pour la ville. L'opposition dénonce une hausse de {3 + i} % des impôts locaux.\n\n"
            f"Selon la mairie, {200 + 17 * i} logements seront raccordés au réseau d'ici 2027. "
            f"Les travaux commenceront au printemps dans le quartier {city}-Nord, où {40 + i} % des foyers "
            f"attendent encore une connexion fiable. Le projet est financé à {50 + i} % par l'Union européenne.\n")


@pytest.fixture
def site(tmp_path) -> Path:
    """The example content plus 24 distinct articles: 30 articles, so one changed article is under 5%."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    for i, city in enumerate(CITIES):
        (content / "articles" / f"budget-{city.lower()}.md").write_text(extra_article(i, city), encoding="utf-8")
    return content


def config(content: Path, **options):
    return make_config({"content_dir": str(content), "workers": 1, **options}, content.parent)


def same_output(a, b) -> bool:
    return a.pages == b.pages and a.digests == b.digests and a.problems == b.problems and a.notes == b.notes


def test_a_warm_build_reads_nothing_and_gives_the_same_site(site, tmp_path):
    plain = build(config(site))
    cold = build(config(site, cache_dir=str(tmp_path / "cache")))
    warm = build(config(site, cache_dir=str(tmp_path / "cache")))
    assert same_output(plain, cold) and same_output(plain, warm)
    assert plain.stats.ingest_misses == plain.stats.files == 30 and plain.stats.annotate_misses == plain.stats.articles
    assert cold.stats.work_items == cold.stats.total_items
    assert warm.stats.work_items == 0 and warm.stats.ingest_hits == 30 and warm.stats.annotate_hits == warm.stats.articles
    assert warm.stats.corrupt_entries == 0


def test_one_changed_article_or_note_is_under_five_percent_of_the_work(site, tmp_path):
    cfg = config(site, cache_dir=str(tmp_path / "cache"))
    full = build(cfg)
    path = site / "articles" / "budget-lyon.md"
    path.write_text(path.read_text("utf-8").replace("pour l'eau", "pour l'eau potable"), encoding="utf-8")
    after_article = build(cfg)
    assert (after_article.stats.ingest_misses, after_article.stats.annotate_misses) == (1, 1)
    assert after_article.stats.work_items <= 0.05 * full.stats.work_items
    assert any("eau potable" in d.article.body for d in after_article.digests)  # the change is in the site
    note = next((site / "notes").glob("*.md"))
    note.write_text(note.read_text("utf-8") + "\nUne phrase ajoutée par la rédaction.\n", encoding="utf-8")
    after_note = build(cfg)
    assert after_note.stats.work_items == 0
    assert any("Une phrase ajoutée par la rédaction." in n.body for n in after_note.notes)
    assert same_output(after_note, build(config(site)))  # and it is what a build without cache gives


@pytest.mark.parametrize("option, value, stage", [
    ("summary_sentences", 1, "annotate"),
    ("summary_words", 25, "annotate"),
    ("max_file_size", 4_000_000, "ingest"),
])
def test_changing_a_setting_invalidates_what_it_affects(site, tmp_path, option, value, stage):
    cache_dir = str(tmp_path / "cache")
    build(config(site, cache_dir=cache_dir))
    changed = build(config(site, cache_dir=cache_dir, **{option: value}))
    assert same_output(changed, build(config(site, **{option: value})))
    # A new size limit changes what is read: every file, then (same articles) no annotation.
    if stage == "ingest":
        assert changed.stats.ingest_misses == changed.stats.files
    else:
        assert changed.stats.ingest_misses == 0
        assert changed.stats.annotate_misses == changed.stats.articles


def test_changing_the_glossary_reannotates_every_article(site, tmp_path):
    cfg = config(site, cache_dir=str(tmp_path / "cache"))
    build(cfg)
    glossary = site / "glossary.yml"
    glossary.write_text(glossary.read_text("utf-8") + '\n- term: "budget"\n  definition: "Ce que la ville compte dépenser."\n',
                        encoding="utf-8")
    changed = build(cfg)
    assert changed.stats.ingest_misses == 0 and changed.stats.annotate_misses == changed.stats.articles
    assert any("budget" in d.terms for d in changed.digests)
    assert same_output(changed, build(config(site)))


def test_a_new_code_version_invalidates_everything(site, tmp_path, monkeypatch):
    cfg = config(site, cache_dir=str(tmp_path / "cache"))
    build(cfg)
    monkeypatch.setattr(pipeline, "code_version", lambda: "a later digest")
    rebuilt = build(cfg)
    assert rebuilt.stats.work_items == rebuilt.stats.total_items


def test_the_code_version_follows_the_package_source(tmp_path, monkeypatch):
    package = tmp_path / "digest"
    shutil.copytree(cache_module.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_module, "PACKAGE", package)
    cache_module.code_version.cache_clear()
    try:
        before = cache_module.code_version()
        (package / "facts.py").write_text((package / "facts.py").read_text("utf-8") + "\n# tuned\n", encoding="utf-8")
        cache_module.code_version.cache_clear()
        after_source = cache_module.code_version()
        stopwords = next((package / "data").rglob("*.txt"))
        stopwords.write_text(stopwords.read_text("utf-8") + "\nmot\n", encoding="utf-8")
        cache_module.code_version.cache_clear()
        after_data = cache_module.code_version()
    finally:
        cache_module.code_version.cache_clear()
    assert len({before, after_source, after_data}) == 3


def _entries(cache_dir: Path):
    import sqlite3

    return sqlite3.connect(cache_dir / entries_file(), isolation_level=None)


def test_corrupt_entries_are_rebuilt_not_fatal(site, tmp_path):
    cache_dir = tmp_path / "cache"
    cfg = config(site, cache_dir=str(cache_dir))
    reference = build(cfg)
    db = _entries(cache_dir)
    rows = db.execute("SELECT kind, key, value FROM entries ORDER BY kind, key").fetchall()
    assert {kind for kind, _key, _value in rows} >= {"ingest", "features", "annotate", "dedup"}
    (cache_dir / PAGES_FILE).write_bytes(b"\x80\x05truncated")
    for n, (kind, key, value) in enumerate(rows):
        if n % 3 == 0:
            damaged = b"not a pickle"
        elif n % 3 == 1:
            damaged = value[:20]  # cut short
        else:  # a valid entry under the wrong key (copied over): its stored key does not match
            damaged = pickle.dumps(("another key", "another value"))
        db.execute("UPDATE entries SET value = ? WHERE kind = ? AND key = ?", (damaged, kind, key))
    db.close()
    rebuilt = build(cfg)
    assert same_output(rebuilt, reference)
    # Features are read only when duplicates are looked for again with files not read anew.
    assert rebuilt.stats.corrupt_entries == len([r for r in rows if r[0] != "features"])
    assert rebuilt.stats.work_items == rebuilt.stats.total_items
    assert rebuilt.stats.render_misses == rebuilt.stats.pages
    again = build(cfg)  # the damaged entries were replaced
    assert again.stats.work_items == 0 and again.stats.corrupt_entries == 0 and again.stats.render_misses == 0


def test_a_damaged_database_is_made_anew(site, tmp_path):
    cache_dir = tmp_path / "cache"
    cfg = config(site, cache_dir=str(cache_dir))
    reference = build(cfg)
    cache_module._connections.clear()  # as a new process would
    (cache_dir / entries_file()).write_bytes(b"garbage, not an SQLite file" * 100)
    for suffix in ("-wal", "-shm"):
        (cache_dir / (entries_file() + suffix)).unlink(missing_ok=True)
    rebuilt = build(cfg)
    assert same_output(rebuilt, reference) and rebuilt.stats.work_items == rebuilt.stats.total_items
    cache_module._connections.clear()
    assert build(cfg).stats.work_items == 0


def test_a_new_code_version_deletes_the_databases_of_the_others(site, tmp_path):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    others = ["entries.sqlite", "entries.sqlite-wal", "entries-0123456789abcdef.sqlite",
              "entries-0123456789abcdef.sqlite-shm"]
    not_ours = ["entries-backup.txt", "notes.sqlite", "entries.sqlite.bak", "entries-0123.sqlite"]
    for name in others + not_ours:
        (cache_dir / name).write_bytes(b"x")
    cache_module._connections.clear()  # as a new process would
    first = build(config(site, cache_dir=str(cache_dir)))
    names = {p.name for p in cache_dir.iterdir()}
    assert not names & set(others)
    assert set(not_ours) <= names and entries_file() in names
    cache_module._connections.clear()
    again = build(config(site, cache_dir=str(cache_dir)))  # the same version keeps its database
    assert first.stats.work_items == first.stats.total_items and again.stats.work_items == 0


def test_an_unusable_cache_folder_only_costs_the_cache(site, tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    result = build(config(site, cache_dir=str(blocker)))
    plain = build(config(site))
    assert result.pages == plain.pages and result.digests == plain.digests and result.notes == plain.notes
    assert result.stats.work_items == result.stats.total_items
    # The editor learns why: one warning naming the folder, the rest as without a cache.
    [warning] = [p for p in result.problems if p not in plain.problems]
    assert warning.path == str(blocker) and warning.severity == "warning"
    assert "the cache could not be written" in warning.message and "free space" in warning.hint


def test_a_cache_folder_that_could_not_be_used_is_tried_again_later(site, tmp_path, monkeypatch):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    cfg = config(site, cache_dir=str(blocker))
    cache_module._connections.clear()
    build(cfg)
    blocker.unlink()  # the editor mends it during a `serve` session
    monkeypatch.setattr(cache_module, "RETRY_AFTER", 0.0)
    build(cfg)
    assert build(cfg).stats.work_items == 0


def test_a_value_that_cannot_be_stored_is_a_miss_not_an_error(tmp_path):
    cache = Cache(tmp_path)
    cache.put("kind", "ab" * 32, {"value": 1})
    assert cache.get("kind", "ab" * 32) == {"value": 1}
    cache.put("kind", "cd" * 32, lambda: None)  # cannot be pickled: nothing is stored
    assert cache.get("kind", "cd" * 32) is None
    assert cache.get_many("kind", ["cd" * 32, "ab" * 32, "ab" * 32]) == [None, {"value": 1}, {"value": 1}]


def test_a_read_only_cache_only_costs_the_cache(site, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes files whatever their permissions")
    cache_dir = tmp_path / "cache"
    build(config(site, cache_dir=str(cache_dir)))
    cache_module._connections.clear()
    for path in [cache_dir, *cache_dir.iterdir()]:
        path.chmod(0o500 if path.is_dir() else 0o400)
    try:
        assert same_output(build(config(site, cache_dir=str(cache_dir))), build(config(site)))
    finally:
        for path in [cache_dir, *cache_dir.iterdir()]:
            path.chmod(0o700)


def test_keys_separate_their_parts():
    assert make_key("ab", "c") != make_key("a", "bc")
    assert make_key("a", b"b") == make_key("a", "b")


def test_rendered_pages_are_reused_and_only_the_edited_ones_redone(site, tmp_path):
    cfg = config(site, cache_dir=str(tmp_path / "cache"))
    first = build(cfg)
    assert first.stats.render_misses == first.stats.pages
    warm = build(cfg)
    assert warm.stats.render_misses == 0 and warm.pages == first.pages
    note = site / "notes" / "edito-semaine.md"
    note.write_text(note.read_text("utf-8") + "\nUne phrase ajoutée par la rédaction.\n", encoding="utf-8")
    after_note = build(cfg)
    changed = {p for p in after_note.pages if after_note.pages[p] != first.pages.get(p)}
    assert changed and after_note.stats.render_misses <= 0.05 * after_note.stats.pages
    assert after_note.pages == build(config(site)).pages  # what a build without any cache gives


def test_a_template_change_renders_the_pages_again(site, tmp_path):
    cfg = config(site, cache_dir=str(tmp_path / "cache"), templates_dir=str(tmp_path / "templates"))
    build(cfg)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "tag.md.j2").write_text("# {{ tag.name | md }} (edited)\n", encoding="utf-8")
    changed = build(cfg)
    assert changed.stats.render_misses == changed.stats.pages  # the templates are in every page's key
    assert any("(edited)" in text for path, text in changed.pages.items() if path.startswith("tags/"))


def test_a_session_keeps_everything_in_memory_between_builds(site, tmp_path):
    session = pipeline.Session()
    cfg = config(site)  # no cache folder: a `serve` session still reuses its own work
    first = build(cfg, session)
    held = len(session.fingerprints._known)
    again = build(cfg, session)
    assert again.stats.work_items == 0 and again.stats.render_misses == 0
    assert same_output(again, first)
    assert len(session.fingerprints._known) == held  # one build's objects, not every build's
    path = site / "articles" / "budget-lyon.md"
    path.write_text(path.read_text("utf-8").replace("pour l'eau", "pour l'eau potable"), encoding="utf-8")
    edited = build(cfg, session)
    assert (edited.stats.ingest_misses, edited.stats.annotate_misses) == (1, 1)
    assert len(session.file_keys) == edited.stats.files  # the edited file's old signature is gone
    assert same_output(edited, build(config(site)))
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix in (".pickle", ".sqlite")]  # nothing written


def test_an_edited_article_is_compared_again_with_features_from_the_cache(site, tmp_path):
    cfg = config(site, cache_dir=str(tmp_path / "cache"))
    build(cfg)
    # A copy of an existing story, filed under another name: only the new file is read, and the
    # duplicate decision, made again, needs the stored features of the others to find the original.
    (site / "articles" / "copie.md").write_text((site / "articles" / "budget-lyon.md").read_text("utf-8"),
                                                encoding="utf-8")
    again = build(cfg)
    assert again.stats.ingest_misses == 1
    assert any("copie.md" in p.path and "merged into" in p.message for p in again.problems)
    assert same_output(again, build(config(site)))


def test_duplicates_are_decided_again_only_near_an_edited_article(site, tmp_path, monkeypatch):
    cfg = config(site, cache_dir=str(tmp_path / "cache"))
    build(cfg)
    read: list[str] = []
    get = Cache.get

    def counting_get(self, kind, key):
        read.append(kind)
        return get(self, kind, key)

    monkeypatch.setattr(Cache, "get", counting_get)
    unchanged = build(cfg)
    assert "features" not in read  # nothing changed: every decision is the last build's
    read.clear()
    # 1 March: the budget stories are a day apart, so only the few within three days are compared again.
    path = site / "articles" / "budget-rabat.md"
    path.write_text(path.read_text("utf-8") + "\nUne phrase ajoutée.\n", encoding="utf-8")
    edited = build(cfg)
    assert 0 < read.count("features") <= 4 < len(unchanged.digests)
    assert same_output(edited, build(config(site)))


def test_a_file_replaced_by_a_link_to_the_same_bytes_is_refused_not_served_from_the_cache(site, tmp_path):
    cfg = config(site, cache_dir=str(tmp_path / "cache"))
    before = build(cfg)
    path = site / "articles" / "budget-lyon.md"
    copy = tmp_path / "elsewhere.md"
    copy.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(copy)
    after = build(cfg)
    assert len(after.digests) == len(before.digests) - 1
    assert any(p.path.endswith("budget-lyon.md") and "symbolic link" in p.message for p in after.problems)


def test_compiled_templates_are_kept_and_a_damaged_one_is_compiled_again(site, tmp_path):
    cfg = config(site, cache_dir=str(tmp_path / "cache"))
    reference = build(config(site))
    build(cfg)
    compiled = sorted((tmp_path / "cache" / "templates").rglob("*.cache"))
    assert compiled
    for n, entry in enumerate(compiled):
        entry.write_bytes(entry.read_bytes()[: 10 + n])  # truncated anywhere, even inside the header
    (tmp_path / "cache" / PAGES_FILE).unlink()  # so that every page is rendered again
    assert build(cfg).pages == reference.pages
    # A user's template that changes is compiled again (Jinja compares each source).
    (site.parent / "templates").mkdir()
    (site.parent / "templates" / "tag.md.j2").write_text("# {{ tag.name }} (custom)\n", encoding="utf-8")
    custom = build(make_config({"content_dir": str(site), "workers": 1, "cache_dir": str(tmp_path / "cache"),
                                "templates_dir": str(site.parent / "templates")}, site.parent))
    assert any(text.endswith("(custom)\n") for path, text in custom.pages.items() if path.startswith("tags/"))
