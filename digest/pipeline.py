"""The whole pipeline, top to bottom: ingest -> annotate -> attach notes -> render.

Pure Python over the types in `model`; no MkDocs import. `build()` returns the
generated Markdown pages as {path: text}; callers decide where they go.
"""
from __future__ import annotations

import gc
import html
import os
import stat as stat_module
import time
from dataclasses import dataclass, field, replace
from pathlib import Path


from .cache import (BuildStats, Cache, Fingerprints, PageMemo, code_version, load_pages, make_key, save_pages,
                    templates_version, write_entries, write_entry, write_failure)
from .config import DigestConfig
from .entities.editor import load_entities
from .entities.pages import digest_links, local_registry
from .facts import acronyms, extract_entities, extract_facts, extract_quotes, rank_facts
from .glossary import Matcher, load_glossary, make_matcher
from .dedup import Decision, Features, also_reported_by, decide, features, merge_duplicates
from .parallel import map_ordered, worker_state
from .ingest import assign_unique_slugs, count_skipped, ingest_summary, read_file, unique_slugs
from .model import Article, Digest, GlossaryTerm, Note, Problem, Sentence
from .notes import load_note, resolve_wiki_links
from .overrides import Override, apply_to_article, apply_to_digest, load_overrides
from .overrides import validate as validate_override
from .render import make_environment, render_digest
from .site import Card, bytecode_dir, render_site
from .summarize import summarize
from .text import split_sentences


@dataclass
class Session:
    """What a long-lived process (`mkdocs serve`) keeps from one build to the next.

    Everything here is keyed like the disk cache, so nothing can be served stale; it only
    saves reading it back. `file_keys` maps a file's (path, size, mtime, inode) to its
    ingest key, so an unchanged file is not even read again.
    """

    values: dict = field(default_factory=dict)
    pages: dict[str, str] | None = None
    file_keys: dict = field(default_factory=dict)
    fingerprints: Fingerprints | None = None  # hashes of the objects above, kept with them


@dataclass(frozen=True)
class BuildResult:
    pages: dict[str, str]
    digests: tuple[Digest, ...]
    notes: tuple[Note, ...]
    glossary: tuple[GlossaryTerm, ...]
    problems: tuple[Problem, ...]
    inputs: tuple[str, ...]  # content-relative paths the pipeline consumed
    summary: str = ""  # "N articles ingested, M merged as duplicates, K inputs skipped"
    stats: BuildStats = field(default_factory=BuildStats)  # cache hits/misses, workers, seconds per stage
    stories: object = None  # `stories.Stories`: the threads of the digests


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


STANDFIRST_BLOCK = -1


def sentences_of(article: Article) -> tuple[Sentence, ...]:
    """Sentences of the standfirst (block -1) and of the body paragraphs, numbered s1, s2…"""
    out = []
    if article.standfirst:
        for text in split_sentences(article.standfirst):
            out.append(Sentence(f"s{len(out) + 1}", STANDFIRST_BLOCK, text))
    for i, block in enumerate(article.blocks):
        if block.kind != "paragraph":
            continue
        for text in split_sentences(block.text):
            out.append(Sentence(f"s{len(out) + 1}", i, text))
    return tuple(out)


def annotate(article: Article, matcher: Matcher | None = None, *, summary_sentences: int = 3,
             summary_words: int | None = None, entities: str = "rules") -> Digest:
    """Summary, facts, entities, quotes and glossary terms for one article."""
    sentences = sentences_of(article)
    texts = [s.text for s in sentences]
    if article.summary_override:
        summary = article.summary_override
    else:
        summary = tuple(summarize(texts, article.language, max_sentences=summary_sentences,
                                  max_words=summary_words))
    summary_ids = {s.id for s in sentences if s.text in summary}
    order = {s.id: i for i, s in enumerate(sentences)}
    facts = rank_facts(extract_facts(list(sentences), article.language), summary_ids, order)
    found = extract_entities(list(sentences), article.language, entities)
    if not found.aliases:
        found = replace(found, aliases=article_aliases(texts))
    quotes = tuple(extract_quotes(list(sentences), found.people))
    terms: list[str] = []
    if matcher is not None:
        for text in (*summary, *(b.text for b in article.blocks)):
            for _s, _e, term_id in matcher.find(text):
                if term_id not in terms:
                    terms.append(term_id)
    return Digest(article, sentences, summary, tuple(facts), found, quotes, tuple(terms))


def article_aliases(texts: list[str]) -> tuple[tuple[str, str], ...]:
    """(acronym, expansion) pairs an article spells out, the first expansion of each acronym."""
    pairs: dict[str, str] = {}
    for text in texts:
        for short, long in acronyms(text).items():
            pairs.setdefault(short, long)
    return tuple(sorted(pairs.items()))


def _annotate_job(job: tuple[Article, str]) -> tuple[Digest, str | None]:
    article, key = job
    state = worker_state()
    digest = annotate(article, state["matcher"], **state["options"])
    page = None
    if state.get("page") is not None:
        # Its page too, while this core has the digest: most digests reach the page as they are
        # (no notes, correction or other source), and rendering them all afterwards took one core.
        templates, bytecode, facts_max, first_only, editor, language = state["page"]
        env = state.get("env") or state.setdefault("env", make_environment(templates, bytecode))
        # Links as this digest alone resolves its names; `render_site` keeps the page only if the
        # whole archive resolves them the same (an acronym expanded elsewhere does not).
        links = digest_links(local_registry(digest, editor, language), digest)
        page = (render_digest(env, digest, state["matcher"], facts_max, first_only, links=links), links)
    # Without its article, which the caller has: sending it back would pickle it once more.
    digest = replace(digest, article=None)
    if key:
        write_entry(state["cache"], "annotate", key, digest)
    return digest, page


def annotate_all(config: DigestConfig, articles: list[Article], glossary: tuple[GlossaryTerm, ...],
                 matcher: Matcher, cache: Cache | None = None, stats: BuildStats | None = None,
                 fingerprints: Fingerprints | None = None, pages: dict | None = None,
                 editor: tuple = ()) -> list[Digest]:
    """`annotate` every article, in order (on `config.workers` processes, through the cache when given).

    The cache key holds the article itself, the options that shape a digest, the whole
    glossary (its terms decide the links) and the code version. *pages*, when given,
    receives {id(digest): (digest, its page, its fact-box links)} for the digests annotated
    now; *editor* (entities.yml) resolves those links.
    """
    stats = stats if stats is not None else BuildStats()
    options = {"summary_sentences": config.summary_sentences, "summary_words": config.summary_words,
               "entities": config.entities}
    settings = make_key("annotate", code_version(), repr(sorted(options.items())), repr(glossary)) if cache else ""
    fingerprints = fingerprints or Fingerprints((Article,))
    keys = [make_key(settings, fingerprints.digest_of(a)) for a in articles] if cache else [""] * len(articles)
    # Digests travel and are stored without their article: it is in the key (and in the ingest
    # entry), and reading it twice would double what a rebuild unpickles.
    digests: list = cache.get_many("annotate", keys) if cache else [None] * len(keys)
    todo = [i for i, d in enumerate(digests) if d is None]
    page = None if pages is None else (config.templates_dir, bytecode_dir(config), config.facts_max,
                                       config.glossary_first_only, editor, config.site_language)
    computed, used = map_ordered(_annotate_job, [(articles[i], keys[i]) for i in todo], config.workers,
                                 state={"matcher": matcher, "options": options, "cache": cache.root if cache else None,
                                        "page": page}, desc="digest: annotating", cluster=config.cluster)
    stats.workers = max(stats.workers, used)
    made = {}
    for i, (digest, text) in zip(todo, computed):
        digests[i] = digest
        made[i] = text
        if cache:
            cache.put("annotate", keys[i], digest, written=True)
    for i, article in enumerate(articles):
        # The article itself, not a copy: held once, and with the hash learnt from its file.
        digests[i] = replace(digests[i], article=article)
        if cache:
            fingerprints.assign(digests[i], keys[i])
        if made.get(i) is not None and pages is not None:
            pages[id(digests[i])] = (digests[i], *made[i])
    stats.articles, stats.annotate_misses = len(articles), len(todo)
    stats.annotate_hits = stats.articles - stats.annotate_misses
    return digests


def discover(directory: Path) -> list[Path]:
    """Files under *directory*, in path order, hidden ones (a name starting with a dot) left out.

    Symbolic links are listed (even broken ones, and links to folders, which are not
    followed) so that the readers refuse and report them.
    """
    if not directory.is_dir():
        return []
    found: list[str] = []
    folders = [str(directory)]
    while folders:  # os.scandir tells files, folders and links apart without a stat per entry
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_symlink() or entry.is_file(follow_symlinks=False):
                found.append(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
    return sorted(map(Path, found))


def _relative(path: Path, folder: Path) -> str:
    """`str(path.relative_to(folder))` for a path found under *folder*, without pathlib's parsing."""
    text, prefix = str(path), os.path.join(str(folder), "")
    return text[len(prefix):] if text.startswith(prefix) else str(path.relative_to(folder))


def _ingest_job(job: tuple[str, str, int, str | None, str | None]) -> tuple[list[Article], list[Problem], list[Features]]:
    path, display, max_bytes, cache_root, key = job
    found, issues = read_file(Path(path), display, max_bytes)
    # Duplicate detection's per-article features are computed here, on every core, and cached.
    feats = [features(a) for a in found]
    if key:
        # Features are stored apart: a build whose duplicate decisions are reused never reads them.
        write_entries(cache_root, [("ingest", key, (found, issues)),
                                   ("features", key, {a.path: f for a, f in zip(found, feats)})])
    return found, issues, feats


def _ingest_key(config: DigestConfig, path: Path, display: str, known: dict | None = None,
                remember: dict | None = None) -> str | None:
    """The file's cache key: its bytes, its name, the size limit and the code version.

    *known* (a session's) holds keys by the file's size, modification time and inode, so that
    a file nobody touched is not read again; *remember* receives this file's signature and key.
    """
    try:
        stat = path.lstat()
        if not stat_module.S_ISREG(stat.st_mode):
            return None  # a link (refused by read_file, whatever its target's bytes) or not a file
        if stat.st_size > config.max_file_size:
            return None  # read_file refuses it without reading it: nothing worth caching
        signature = (str(path), display, config.max_file_size, stat.st_size, stat.st_mtime_ns, stat.st_ino)
        if known is not None and signature in known:
            if remember is not None:
                remember[signature] = known[signature]
            return known[signature]
        data = path.read_bytes()
    except OSError:
        return None  # read_file reports why
    key = make_key("ingest", code_version(), str(config.max_file_size), display, data)
    if remember is not None:
        remember[signature] = key
    return key


def ingest_all(config: DigestConfig, cache: Cache | None = None, stats: BuildStats | None = None,
               found: dict[str, Features] | None = None, file_keys: dict | None = None,
               stored: dict[str, str] | None = None, paths: list[Path] | None = None,
               fingerprints: Fingerprints | None = None) -> tuple[list[Article], list[Problem]]:
    """Read every article file (on `config.workers` processes, through the cache when given).

    *found*, when given, receives the duplicate-detection features (by path) of the files
    read now; *stored* receives, by article path, the cache keys of the others, whose
    features are in the cache ("features") for `merge_duplicates_cached` to read if it
    needs them. With a cache, *fingerprints* learns each article's hash from its file's key.
    """
    stats = stats if stats is not None else BuildStats()
    paths = discover(config.articles_dir) if paths is None else paths
    displays = [_display(p, config.content_dir) for p in paths]
    current: dict = {}  # this build's signatures only: a long session does not collect old ones
    keys = [_ingest_key(config, p, d, file_keys, current) if cache else None for p, d in zip(paths, displays)]
    if file_keys is not None:
        file_keys.clear()
        file_keys.update(current)
    results: list = [None] * len(keys)
    if cache:
        found_keys = [i for i, k in enumerate(keys) if k]
        for i, value in zip(found_keys, cache.get_many("ingest", [keys[i] for i in found_keys])):
            results[i] = value
    todo = [i for i, r in enumerate(results) if r is None]
    root = cache.root if cache else None
    computed, used = map_ordered(_ingest_job, [(str(paths[i]), displays[i], config.max_file_size, root, keys[i])
                                               for i in todo], config.workers, desc="digest: reading",
                                 cluster=config.cluster)
    stats.workers = max(stats.workers, used)
    for i, (arts, issues, feats) in zip(todo, computed):
        results[i] = (arts, issues)
        if found is not None:
            found.update((a.path, f) for a, f in zip(arts, feats))
        if cache and keys[i]:
            cache.put("ingest", keys[i], (arts, issues), written=True)
            cache.put("features", keys[i], {a.path: f for a, f in zip(arts, feats)}, written=True)
    done = set(todo)
    for i, (key, (arts, _issues)) in enumerate(zip(keys, results)):
        if not key:
            continue
        for n, article in enumerate(arts):
            if fingerprints is not None:
                fingerprints.assign(article, make_key(key, str(n)))
            if stored is not None and i not in done:
                stored[article.path] = key
    stats.files, stats.ingest_misses = len(paths), len(todo)
    stats.ingest_hits = stats.files - stats.ingest_misses
    articles, problems = [], []
    for arts, issues in results:
        articles.extend(arts)
        problems.extend(issues)
    articles, slug_problems = assign_unique_slugs(articles)
    return articles, problems + slug_problems


def load_notes(config: DigestConfig, paths: list[Path] | None = None) -> tuple[list[Note], list[Problem]]:
    notes, problems = [], []
    for path in discover(config.notes_dir) if paths is None else paths:
        if path.suffix.lower() not in (".md", ".markdown"):
            problems.append(Problem(_display(path, config.content_dir), "a note must be a .md file",
                                    "rename it to .md", "warning"))
            continue
        note, issues = load_note(path, _display(path, config.content_dir), config.max_file_size)
        problems.extend(issues)
        if note:
            notes.append(note)
    return _unique_note_slugs(notes, problems)


def _unique_note_slugs(notes: list[Note], problems: list[Problem]) -> tuple[list[Note], list[Problem]]:
    """Two notes never share a page; "index" is the notes listing's own page."""
    standalone = [n for n in notes if not n.digests]  # attached notes have no page of their own
    renamed, issues = unique_slugs(standalone, {"index": "the notes index"},
                                   "the page name {slug!r} is already used by {owner}",
                                   "published as notes/{new}/; rename the file or set 'slug:'")
    by_path = {n.path: n for n in renamed}
    return [by_path.get(n.path, n) for n in notes], problems + issues


def notes_in_nav(nav: list, notes: list[Note], limit: int) -> list:
    """Turn the nav entry for `notes/index.md` into a section with the newest standalone notes.

    Only a few notes go in the sidebar (digests never do): the index lists them all.
    """
    standalone = sorted((n for n in notes if not n.digests), key=lambda n: (n.date or "", n.slug),
                        reverse=True)[:limit]
    if not standalone:
        return nav
    out = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1 and list(item.values())[0] == "notes/index.md":
            title = list(item)[0]
            # MkDocs themes print nav titles as HTML: a note title is text, so it is escaped here.
            out.append({title: ["notes/index.md"] + [{html.escape(n.title, quote=False): f"notes/{n.slug}.md"}
                                                    for n in standalone]})
        else:
            out.append(item)
    return out


# What page and cache keys hash once per object instead of pickling it again in every key.
FINGERPRINTED = (Article, Digest, Note, Card)


def merge_duplicates_cached(articles: list[Article], found: dict[str, Features], cache: Cache | None,
                            fingerprints: Fingerprints, stored: dict[str, str] | None = None):
    """`merge_duplicates`, redoing only what changed since the last build (`dedup.decide`).

    The last build's decisions are one cache entry, replaced by each build. Features are
    asked for only for the articles compared again: those of the files read now are in
    *found*; the others' are read from the cache by *stored* ({article path: file key}),
    or computed when missing.
    """
    if cache is None:
        return merge_duplicates(articles, found)
    stored = stored or {}
    key = make_key("dedup", code_version())
    previous = cache.get("dedup", key)
    if not (isinstance(previous, tuple) and all(type(d) is Decision for d in previous)):
        previous = ()

    def features_of(i: int) -> Features | None:
        path = articles[i].path
        if path not in found and path in stored:
            found.update(cache.get("features", stored[path]) or {})
        return found.get(path)

    out, merged, problems, decisions = decide(articles, [fingerprints.digest_of(a) for a in articles], features_of,
                                              previous)
    if decisions != previous:
        cache.put("dedup", key, decisions)
    return out, merged, problems


def _with_notes(digest: Digest, notes: tuple[Note, ...]) -> Digest:
    # The same object when nothing is attached: a session then finds its hash already known.
    return digest if notes == digest.notes else replace(digest, notes=notes)


# Python's cyclic collector runs every 700 new objects and walks the young ones, and now and
# then all of them: loading a site's articles and digests (millions of small objects, almost
# none in cycles) spent half its time there. Rarer young collections, for the build only.
GC_THRESHOLD = 100_000


def build(config: DigestConfig, session: Session | None = None) -> BuildResult:
    """Run every stage over the content folder and return pages and problems.

    With a cache folder or a *session*, work done by an earlier build is reused: files,
    annotations, duplicate decisions and rendered pages, each under a key over all it
    depends on.
    """
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], GC_THRESHOLD), *threshold[1:])
    try:
        return _build(config, session)
    finally:
        gc.set_threshold(*threshold)


def _build(config: DigestConfig, session: Session | None) -> BuildResult:
    root = config.content_dir.parent
    stats = BuildStats()
    reuse = bool(config.cache_dir) or session is not None
    cache = Cache(config.cache_dir, stats, session.values if session else None) if reuse else None
    fingerprints = Fingerprints(FINGERPRINTED)
    if session is not None:
        session.fingerprints = fingerprints = session.fingerprints or fingerprints
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stats.seconds[stage] = stats.seconds.get(stage, 0.0) + now - clock
        clock = now

    found: dict[str, Features] = {}
    stored: dict[str, str] = {}
    article_files, note_files = discover(config.articles_dir), discover(config.notes_dir)
    articles, problems = ingest_all(config, cache, stats, found, session.file_keys if session else None, stored,
                                    article_files, fingerprints)
    lap("ingest")
    ingested = len(articles)
    articles, merged, dedup_problems = merge_duplicates_cached(articles, found, cache, fingerprints, stored)
    found.clear()  # shingle sets are the biggest thing held per article; render needs none of them
    lap("dedup")
    problems += dedup_problems
    summary = ingest_summary(ingested, ingested - len(articles), count_skipped(problems))
    overrides, override_problems = load_overrides(config.content_dir / "overrides", root)
    problems += override_problems
    known = {a.slug for a in articles}
    for article in articles:
        if article.corrections:  # front-matter corrections; a file in overrides/ wins over them
            values, issues = validate_override(dict(article.corrections), article.path)
            problems += issues
            file_values = overrides[article.slug].values if article.slug in overrides else {}
            path = overrides[article.slug].path if article.slug in overrides else article.path
            overrides[article.slug] = Override(path, article.slug, {**values, **file_values})
    for slug, override in sorted(overrides.items()):
        if slug not in known:
            problems.append(Problem(override.path, f"there is no digest with the slug {slug!r}",
                                    "rename the file to an existing slug (see `digest inspect`)"))
    articles = [apply_to_article(a, overrides[a.slug].values) if a.slug in overrides else a for a in articles]
    glossary, glossary_problems = load_glossary(config.glossary_file, _display(config.glossary_file, config.content_dir),
                                                config.content_dir / "glossary", root)
    problems += glossary_problems
    matcher = make_matcher(glossary)
    entities_file = config.content_dir / "entities.yml"
    editor, editor_problems = load_entities(entities_file, _display(entities_file, config.content_dir))
    problems += editor_problems
    lap("overrides")
    digests = []
    choices: dict[str, str] = {}  # the editors' `story:` by slug
    made: dict[int, tuple[Digest, str, dict]] = {}  # pages rendered with the annotations, for the digests left as they are
    for article, digest in zip(articles, annotate_all(config, articles, glossary, matcher, cache, stats, fingerprints,
                                                      made, editor)):
        values = overrides[article.slug].values if article.slug in overrides else {}
        if values:
            missing = set(values.get("hide_facts", ())) - {f.text for f in digest.facts}
            for text in sorted(missing):
                problems.append(Problem(overrides[article.slug].path, f"hide_facts names no fact {text!r}",
                                        "copy the fact text exactly as the fact box shows it", "warning"))
            digest = apply_to_digest(digest, values)
        if values.get("unpublish"):
            problems.append(Problem(overrides[article.slug].path, f"{article.slug!r} is unpublished", "", "info"))
            continue
        if "story" in values:
            choices[article.slug] = values["story"]
        if article.slug in merged:
            digest = replace(digest, duplicates=also_reported_by(merged[article.slug]))
        digests.append(digest)
    lap("annotate")
    notes, note_problems = load_notes(config, note_files)
    problems += note_problems
    stats.notes = len(notes)
    by_slug = {d.slug: d for d in digests}
    titles = {slug: d.article.title for slug, d in by_slug.items()}
    attached: dict[str, list[Note]] = {}
    for note in notes:
        for slug in note.digests:
            if slug in by_slug:
                attached.setdefault(slug, []).append(note)
            else:
                problems.append(Problem(note.path, f"the note is attached to an unknown digest {slug!r}",
                                        f"use one of the digest slugs, e.g. {', '.join(sorted(by_slug)[:3]) or 'none yet'}"))
        _body, unknown = resolve_wiki_links(note.body, titles, "")
        for slug in dict.fromkeys(unknown):
            problems.append(Problem(note.path, f"[[{slug}]] links to an unknown digest",
                                    "use an existing digest slug", "warning"))
    digests = [_with_notes(d, tuple(sorted(attached.get(d.slug, []), key=lambda n: (n.date or "", n.path))))
               for d in digests]

    def note_body(note: Note, base: str) -> str:
        return resolve_wiki_links(note.body, titles, base)[0]

    lap("notes")
    memo = None
    if reuse:
        previous = session.pages if session is not None and session.pages is not None else load_pages(config.cache_dir)
        base = make_key("render", code_version(), templates_version(config.templates_dir), repr(config),
                        fingerprints.of(glossary))
        memo = PageMemo(base, fingerprints, previous)
    report: dict = {}
    pages = render_site(config, digests, notes, glossary, matcher, note_body, memo, made, editor, choices, report)
    made.clear()
    stats.pages = len(pages)
    stats.render_misses = len(pages) - memo.hits if memo else len(pages)
    if memo is not None:
        if session is not None:
            session.pages = memo.current
        if memo.misses or memo.current.keys() != memo.previous.keys():
            save_pages(config.cache_dir, memo.current)
    if (reason := write_failure(config.cache_dir)) is not None:
        problems.append(Problem(str(config.cache_dir), f"the cache could not be written ({reason})",
                                "this build is complete but the next one will not reuse it: free space on "
                                "that disk or fix the folder's permissions (or remove cache_dir)", "warning"))
    fingerprints.forget_unseen()
    if cache is not None:
        if cache.directory is None:  # memory is the only copy of the features the next edit may need
            cache.used.update(("features", key) for key in stored.values())
        cache.forget_unused()
    lap("render")
    inputs = tuple(sorted({_relative(p, config.content_dir) for p in
                           article_files + note_files
                           + discover(config.content_dir / "overrides") + discover(config.content_dir / "glossary")}
                          | ({"glossary.yml"} if config.glossary_file.exists() else set())
                          | ({"entities.yml"} if entities_file.exists() else set())))
    stats.seconds["total"] = sum(stats.seconds.values())
    return BuildResult(pages, tuple(digests), tuple(notes), glossary, tuple(problems), inputs, summary, stats,
                       report.get("stories"))
