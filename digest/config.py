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
    entities: str = "rules"  # or "spacy" (needs `pip install digest[spacy]`)
    nav_notes: int = 10  # newest standalone notes listed under "Notes" in the navigation

    @property
    def articles_dir(self) -> Path:
        return self.content_dir / "articles"

    @property
    def notes_dir(self) -> Path:
        return self.content_dir / "notes"

    @property
    def glossary_file(self) -> Path:
        return self.content_dir / "glossary.yml"


_POSITIVE = ("summary_sentences", "facts_max", "home_latest", "max_file_size")


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
    if values.get("entities", "rules") not in ("rules", "spacy"):
        errors.append(f"entities must be 'rules' or 'spacy', not {values['entities']!r}")
    elif values.get("entities") == "spacy":
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
    if errors:
        raise ConfigError("; ".join(errors))
    return DigestConfig(content_dir=content, templates_dir=templates, **values)
