"""The digest options, validated in one place for the CLI and the MkDocs plugin."""
from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class DigestConfig:
    content_dir: Path
    templates_dir: Path | None = None
    summary_sentences: int = 3
    summary_words: int | None = 60  # a digest card: 40-70 words (digest.summarize.DEFAULT_WORDS)
    facts_max: int = 8
    home_latest: int = 20
    max_file_size: int = 5_000_000
    glossary_first_only: bool = True
    site_title: str = "Digest"
    site_url: str | None = None
    directory_urls: bool = True  # MkDocs' use_directory_urls: digests/x/ or digests/x.html (feed links)
    entities: str = "rules"  # or "spacy" (needs `pip install digest[spacy]`)
    nav_notes: int = 10  # newest standalone notes listed under "Notes" in the navigation
    site_language: str = "en"  # the theme's language: labels and dates of site-wide pages
    issue_period: str = "day"  # an issue groups the digests of a "day", "week" or "month"
    home_issues: int = 5  # latest issues shown on the home page
    archive_page_size: int = 50  # digests per archive page (year/month pages paginate)
    search: str = "pagefind"  # or "material" (Material's built-in lunr search, for tiny sites)
    workers: int = 0  # processes for ingest/annotate; 0 = one per core
    cache_dir: Path | None = None  # per-article cache of ingest and annotation; None = no cache
    executor: str = "local"  # where the digest step runs: this machine's process pool, or "dask"
    scheduler: str | None = None  # with executor "dask": the scheduler's address; None = a LocalCluster

    @property
    def cluster(self) -> str | None:
        """What `parallel.map_ordered` runs on: None (the local pool), "local" or an address."""
        return None if self.executor == "local" else (self.scheduler or "local")

    @property
    def articles_dir(self) -> Path:
        return self.content_dir / "articles"

    @property
    def notes_dir(self) -> Path:
        return self.content_dir / "notes"

    @property
    def glossary_file(self) -> Path:
        return self.content_dir / "glossary.yml"


_POSITIVE = ("summary_sentences", "facts_max", "home_latest", "max_file_size", "home_issues", "archive_page_size")
_CHOICES = {"entities": ("rules", "spacy"), "issue_period": ("day", "week", "month"),
            "search": ("pagefind", "material"), "executor": ("local", "dask")}


def make_config(options: dict, base_dir: Path) -> DigestConfig:
    """Build a DigestConfig from plain options; all errors are reported together."""
    known = {f.name for f in fields(DigestConfig)}
    errors = [f"unknown option {key!r} (known: {', '.join(sorted(known))})"
              for key in options if key not in known]
    values = {k: v for k, v in options.items() if k in known and v is not None}
    for key in _POSITIVE:
        if key in values and (not isinstance(values[key], int) or isinstance(values[key], bool) or values[key] < 1):
            errors.append(f"{key} must be a positive whole number, not {values[key]!r}")
    if "summary_words" in values and (not isinstance(values["summary_words"], int) or values["summary_words"] < 1):
        errors.append(f"summary_words must be a positive whole number, not {values['summary_words']!r}")
    for key, allowed in _CHOICES.items():
        if key in values and values[key] not in allowed:
            errors.append(f"{key} must be one of {', '.join(map(repr, allowed))}, not {values[key]!r}")
    if "workers" in values and (not isinstance(values["workers"], int) or isinstance(values["workers"], bool)
                                or values["workers"] < 0):
        errors.append(f"workers must be 0 (one per core) or a positive whole number, not {values['workers']!r}")
    if values.get("scheduler") is not None and values.get("executor", "local") != "dask":
        errors.append("scheduler is only used with executor: dask (add `executor: dask`, or remove `scheduler`)")
    if "scheduler" in values and (not isinstance(values["scheduler"], str) or "://" not in values["scheduler"]):
        errors.append(f"scheduler must be an address such as tcp://10.0.0.5:8786, not {values['scheduler']!r}")
    if "site_language" in values:
        values["site_language"] = str(values["site_language"]).split("-")[0].split("_")[0].lower() or "en"
    if values.get("entities") == "spacy":
        from .facts import spacy_available

        if not spacy_available():
            errors.append("entities: spacy needs spaCy and its French model: pip install 'digest[spacy]'")
    content = Path(values.pop("content_dir", "content"))
    content = content if content.is_absolute() else base_dir / content
    if not content.is_dir():
        errors.append(f"content_dir {str(content)!r} is not a folder")
    templates = values.pop("templates_dir", "templates")
    templates = Path(templates) if templates else None
    if templates and not templates.is_absolute():
        templates = base_dir / templates
    cache = values.pop("cache_dir", None)
    cache = Path(cache) if cache else None
    if cache and not cache.is_absolute():
        cache = base_dir / cache
    if errors:
        raise ConfigError("; ".join(errors))
    return DigestConfig(content_dir=content, templates_dir=templates, cache_dir=cache, **values)
