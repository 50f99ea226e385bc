"""Command line: inspect articles, export the generated Markdown, check content."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
import yaml

from .config import ConfigError, DigestConfig, make_config
from .glossary import load_glossary, make_matcher
from .ingest import assign_unique_slugs, read_file
from .model import Digest
from .pipeline import annotate, build, discover
from .text import next_free

INSPECT_KEYS = ("path", "slug", "title", "source", "date", "language", "url", "body", "summary",
                "facts", "entities", "quotes", "terms")


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name tags (Material's emoji); they do not concern us."""


def _env_tag(loader, node):
    """MkDocs' `!ENV VAR` / `!ENV [VAR, ..., default]`: the first variable set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    names = loader.construct_sequence(node)
    for name in names[:-1]:
        if name in os.environ:
            return os.environ[name]
    return os.environ.get(names[-1], names[-1]) if len(names) == 1 else names[-1]


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_constructor("!ENV", _env_tag)


def config_from_mkdocs(config_file: Path) -> DigestConfig:
    data = yaml.load(config_file.read_text("utf-8"), Loader=_TolerantLoader) or {}
    options: dict = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "digest" in plugin:
            options = dict(plugin["digest"] or {})
    options.setdefault("content_dir", options.get("content_dir") or data.get("docs_dir", "docs"))
    options["site_title"] = data.get("site_name", "Digest")
    options["site_url"] = data.get("site_url")
    options["directory_urls"] = bool(data.get("use_directory_urls", True))
    theme = data.get("theme")
    options["site_language"] = (theme.get("language") if isinstance(theme, dict) else None) or "en"
    return make_config(options, config_file.resolve().parent)


def digest_record(d: Digest) -> dict:
    """The stable `inspect --json` contract (documented in the README)."""
    text_of = {s.id: s.text for s in d.sentences}
    a = d.article
    record = {
        "path": a.path,
        "slug": a.slug,
        "title": a.title,
        "source": a.source,
        "date": a.date,
        "language": a.language,
        "url": a.url,
        "body": a.body,
        "summary": list(d.summary),
        "facts": [{"kind": f.kind, "text": f.text, "value": f.value, "unit": f.unit,
                   "sentence": text_of.get(f.sentence, ""), "subject": f.subject, "approx": f.approx,
                   "low": f.low, "high": f.high, "change": f.change} for f in d.facts],
        "entities": {"people": list(d.entities.people), "organisations": list(d.entities.organisations),
                     "places": list(d.entities.places)},
        "quotes": [{"text": q.text, "speaker": q.speaker} for q in d.quotes],
        "terms": list(d.terms),
    }
    assert tuple(record) == INSPECT_KEYS
    return record


@click.group()
@click.version_option(package_name="digest")
def main() -> None:
    """digest: annotated news digests as a MkDocs site."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article per line.")
@click.option("--summary-sentences", type=click.IntRange(1, 50), default=3, show_default=True)
@click.option("--glossary", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Glossary YAML (default: content/glossary.yml when present).")
@click.option("--summary-words", type=click.IntRange(1), default=None,
              help="Cap the summary at about this many words (default: no cap).")
@click.option("--entities", type=click.Choice(["rules", "spacy"]), default="rules", show_default=True,
              help="Entity backend; spacy needs `pip install digest[spacy]`.")
@click.option("--max-file-size", type=int, default=5_000_000, show_default=True)
def inspect(paths, as_json, summary_sentences, summary_words, entities, glossary, max_file_size):
    """Ingest and annotate PATHS (files or folders) and print the result."""
    glossary = glossary or (Path("content/glossary.yml") if Path("content/glossary.yml").exists() else None)
    terms, problems = load_glossary(glossary, str(glossary)) if glossary else ((), [])
    matcher = make_matcher(terms)
    files = []
    for path in paths:
        files.extend(discover(path) if path.is_dir() else [path])
    articles = []
    for path in files:
        found, issues = read_file(path, str(path), max_file_size)
        articles.extend(found)
        problems.extend(issues)
    articles, slug_problems = assign_unique_slugs(articles)
    problems.extend(slug_problems)
    for article in articles:
        d = annotate(article, matcher, summary_sentences=summary_sentences, summary_words=summary_words,
                     entities=entities)
        if as_json:
            click.echo(json.dumps(digest_record(d), ensure_ascii=False))
        else:
            click.echo(f"{article.path}\n  {article.title}\n  {article.source} · {article.date} · "
                       f"{article.language} · {article.slug}\n  summary: {' '.join(d.summary)}\n"
                       f"  facts: {', '.join(f.text for f in d.facts[:8])}\n")
    for problem in problems:
        click.echo(f"{problem.severity}: {problem}", err=True)
    if not articles:
        sys.exit(1)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("-f", "--config-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default="mkdocs.yml", show_default=True)
def export(directory, config_file):
    """Write the generated Markdown tree to DIRECTORY."""
    config = _config_or_fail(config_file)
    result = _build(config)
    for rel, text in sorted(result.pages.items()):
        target = directory / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for problem in result.problems:
        click.echo(f"{problem.severity}: {problem}", err=True)
    click.echo(result.summary)
    click.echo(f"wrote {len(result.pages)} pages ({len(result.digests)} digests) to {directory}")


@main.command()
@click.option("-f", "--config-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default="mkdocs.yml", show_default=True)
def check(config_file):
    """Validate content/ without building; exit 1 when something is wrong."""
    config = _config_or_fail(config_file)
    result = _build(config)
    for problem in result.problems:
        click.echo(f"{problem.severity}: {problem}", err=True)
    serious = [p for p in result.problems if p.severity != "info"]
    click.echo(result.summary)
    click.echo(f"{len(result.digests)} digests, {len(result.notes)} notes, "
               f"{len(result.glossary)} glossary terms, {len(serious)} problems")
    sys.exit(1 if serious else 0)


@main.group()
def glossary():
    """Glossary tools."""


@glossary.command("suggest")
@click.option("-f", "--config-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default="mkdocs.yml", show_default=True)
@click.option("--min-count", type=click.IntRange(1), default=2, show_default=True,
              help="Fewest mentions for a name (acronyms with an expansion are always listed).")
@click.option("--write", is_flag=True, help="Append the suggestions to glossary.yml as drafts.")
@click.option("--pick", multiple=True, help="With --write: only these terms (repeatable).")
def glossary_suggest(config_file, min_count, write, pick):
    """List candidate glossary terms found in the articles, with counts."""
    from .suggest import draft_yaml, glossary_indent, suggest

    config = _config_or_fail(config_file)
    result = _build(config)
    found = suggest(list(result.digests), result.glossary, config.glossary_file, min_count)
    for s in found:
        extra = f" = {', '.join(s.aliases)}" if s.aliases else ""
        click.echo(f"{s.count:4d}  {s.kind:<13}  {s.term}{extra}")
    if not found:
        click.echo("no new candidate terms")
    if write:
        chosen = [s for s in found if not pick or s.term in pick]
        unknown = set(pick) - {s.term for s in found}
        if unknown:
            raise click.ClickException(f"not among the suggestions: {', '.join(sorted(unknown))}")
        if chosen:
            text = config.glossary_file.read_text("utf-8") if config.glossary_file.exists() else ""
            indent = glossary_indent(text)
            if indent is None:
                raise click.ClickException(
                    f"{config.glossary_file} is not a plain list of terms (or 'terms:' followed by one); "
                    "fix it with `digest check` first, nothing was written")
            # Appending keeps every existing entry, comment and layout as the editor wrote it.
            with config.glossary_file.open("a", encoding="utf-8") as handle:
                if text and not text.endswith("\n"):
                    handle.write("\n")
                handle.write(draft_yaml(chosen, indent))
        click.echo(f"appended {len(chosen)} draft terms to {config.glossary_file}")


@main.group()
def entities():
    """Entity tools (content/entities.yml)."""


@entities.command("suggest")
@click.option("-f", "--config-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default="mkdocs.yml", show_default=True)
@click.option("--write", is_flag=True, help="Append the suggestions to entities.yml as drafts.")
@click.option("--pick", multiple=True, help="With --write: only the suggestions of these names (repeatable).")
def entities_suggest(config_file, write, pick):
    """List likely merges and mistakes among the entities found in the articles."""
    from .entities.editor import load_entities
    from .entities.pages import mentions
    from .entities.registry import build_registry
    from .entities.suggest import draft_yaml, entities_indent, known_names, suggest
    from .feeds import _sort_key

    config = _config_or_fail(config_file)
    result = _build(config)
    path = config.content_dir / "entities.yml"
    text = path.read_text("utf-8-sig") if path.exists() else ""
    editor, _problems = load_entities(path, str(path))
    items = [mentions(d) for d in sorted(result.digests, key=_sort_key, reverse=True)]
    found = suggest(build_registry(items, editor, config.site_language), items, known_names(text))
    for s in found:
        click.echo(s.line())
    if not found:
        click.echo("no suggestions")
    if write:
        chosen = [s for s in found if not pick or s.name in pick or set(pick) & set(s.aliases)]
        unknown = {p for p in pick if not any(p == s.name or p in s.aliases for s in found)}
        if unknown:
            raise click.ClickException(f"not among the suggestions: {', '.join(sorted(unknown))}")
        indent = entities_indent(text)
        if indent is None:
            raise click.ClickException(f"{path} is not a plain list of entries (or 'entities:' followed by one); "
                                       "fix it with `digest check` first, nothing was written")
        if chosen:
            # Appending keeps every existing entry, comment and layout as the editor wrote it.
            with path.open("a", encoding="utf-8") as handle:
                if text and not text.endswith("\n"):
                    handle.write("\n")
                handle.write(draft_yaml(chosen, indent))
        click.echo(f"appended {len(chosen)} draft entries to {path}")


@main.command("stories")
@click.option("-f", "--config-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default="mkdocs.yml", show_default=True)
def stories_command(config_file):
    """List story threads, then the pairs of digests that may be one story (for an editor to confirm)."""
    config = _config_or_fail(config_file)
    result = _build(config)
    found = result.stories
    by_slug = {d.slug: d.article for d in result.digests}
    for story in found.stories if found else ():
        origin = "editor" if story.editor else "found"
        click.echo(f"{story.slug}  ({len(story.members)} digests, {origin}): {story.title}")
        for slug in story.members:
            a = by_slug[slug]
            click.echo(f"    {a.date or 'undated':<10}  {a.language}  {slug}  [{a.source or '?'}] {a.title}")
    if not found or not found.stories:
        click.echo("no story has more than one digest")
    hints = found.hints if found else ()
    if hints:
        click.echo("\nlikely the same story (add the same `story: <id>` to both to join them, or `story: none`):")
        for link in hints:
            where = [found.thread.get(s) or "alone" for s in (link.a, link.b)]
            click.echo(f"  {link.score:.2f}  {link.a} ({where[0]})  ~  {link.b} ({where[1]})")
    for problem in result.problems:
        if problem.severity != "info" and "story" in problem.message:
            click.echo(f"{problem.severity}: {problem}", err=True)


@main.group()
def note():
    """Editor notes."""


@note.command("new")
@click.argument("slug")
@click.option("-f", "--config-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default="mkdocs.yml", show_default=True)
@click.option("--author", default="", help="Author name for the front matter.")
@click.option("--title", default="", help="Title (default: Note on <digest title>).")
def note_new(slug, config_file, author, title):
    """Create a note attached to the digest SLUG and print its path."""
    import datetime as dt

    from .notes import NOTE_TEMPLATE
    from .pipeline import ingest_all

    config = _config_or_fail(config_file)
    articles, _problems = ingest_all(config)
    titles = {a.slug: a.title for a in articles}
    if slug not in titles:
        raise click.ClickException(f"no digest has the slug {slug!r}; see `digest inspect content/articles`")
    config.notes_dir.mkdir(parents=True, exist_ok=True)
    existing = {p.stem for p in config.notes_dir.glob("*.md")}
    path = config.notes_dir / f"{next_free(f'{slug}-note', existing)}.md"  # never overwrite a note
    # JSON strings are valid YAML scalars whatever the title holds (quotes, backslashes…).
    text = NOTE_TEMPLATE.format(title=json.dumps(title or f"Note on {titles[slug]}", ensure_ascii=False),
                                author=json.dumps(author, ensure_ascii=False),
                                date=dt.date.today().isoformat(), slug=slug)
    path.write_text(text, encoding="utf-8")
    click.echo(str(path))


def _config_or_fail(config_file: Path) -> DigestConfig:
    try:
        return config_from_mkdocs(config_file)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def _build(config: DigestConfig):
    """The pipeline's build, with a cluster that cannot be used as one line, not a traceback."""
    from .cluster import ClusterError

    try:
        return build(config)
    except ClusterError as exc:
        raise click.ClickException(str(exc)) from None
