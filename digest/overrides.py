"""Editor corrections: `content/overrides/<slug>.yml` (or the same keys in front matter).

Any generated field can be corrected; the editor's value always wins and the
build never writes back. Every override is validated; mistakes name the file.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .dates import parse_date
from .ingest.decode import InputError, refuse_links
from .ingest.markdown import load_yaml
from .lang import normalise_language
from .model import Article, Digest, Fact, Problem
from .stories import STORY_ID

KEYS = ("title", "summary", "tags", "language", "date", "source", "url", "facts", "hide_facts",
        "unpublish", "story", "chart")
FACT_KINDS = ("money", "percent", "count", "measure", "duration", "age", "change", "date", "period")


@dataclass(frozen=True)
class Override:
    path: str
    slug: str
    values: dict


def validate(values: dict, where: str) -> tuple[dict, list[Problem]]:
    """Check types and values; returns the cleaned mapping and the problems."""
    problems: list[Problem] = []
    clean: dict = {}

    def bad(message: str, hint: str) -> None:
        problems.append(Problem(where, message, hint))

    for key, value in values.items():
        if key not in KEYS:
            bad(f"unknown override key {key!r}", f"use one of: {', '.join(KEYS)}")
        elif key in ("title", "source", "url"):
            if not isinstance(value, str) or not value.strip():
                bad(f"'{key}' must be non-empty text", f"write '{key}: …'")
            else:
                clean[key] = value.strip()
        elif key == "summary":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not items or not all(isinstance(s, str) and s.strip() for s in items):
                bad("'summary' must be text or a list of sentences", "write 'summary: …'")
            else:
                clean[key] = tuple(s.strip() for s in items)
        elif key == "tags":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list):
                bad("'tags' must be a list", "write 'tags: [a, b]'")
            else:
                clean[key] = tuple(sorted({str(t).strip().lower() for t in items if str(t).strip()}))
        elif key == "language":
            code = normalise_language(value)
            if code is None:
                bad(f"language {value!r} is not an ISO 639-1 code", "use a code such as fr, en, es, ar")
            else:
                clean[key] = code
        elif key == "date":
            iso = parse_date(str(value)) if value else None
            if iso is None:
                bad(f"the date {value!r} is not a valid day", "write it as YYYY-MM-DD")
            else:
                clean[key] = iso
        elif key == "story":
            # A thread id (stories/<id>/) joins that thread; "none" keeps the digest out of every thread.
            text = value.strip().lower() if isinstance(value, str) else None
            if value is False or value is None:
                text = "none"  # YAML reads `story: no` and `story: ~` this way
            if text is None or not STORY_ID.match(text) or text == "index":
                bad(f"'story' must be a thread id (lower-case letters, digits and hyphens) or none, not {value!r}",
                    "write 'story: port-strike-2025' or 'story: none'")
            else:
                clean[key] = text
        elif key in ("unpublish", "chart"):
            if not isinstance(value, bool):  # YAML reads yes/no/true/false as booleans; "false" quoted is text
                bad(f"'{key}' must be true or false, not {value!r}", f"write '{key}: false' (no quotes)")
            else:
                clean[key] = value
        elif key == "hide_facts":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(t, str) for t in items):
                bad("'hide_facts' must be a list of fact texts", "copy the fact text as shown in the fact box")
            else:
                clean[key] = tuple(items)
        elif key == "facts":
            facts = []
            if not isinstance(value, list):
                bad("'facts' must be a list of {kind, text, value, unit}", "see the README's override example")
                continue
            for n, item in enumerate(value, 1):
                if not isinstance(item, dict) or not str(item.get("text") or "").strip():
                    bad(f"fact {n} needs a 'text'", "write '- {kind: money, text: …}'")
                elif item.get("kind") not in FACT_KINDS:
                    bad(f"fact {n} has kind {item.get('kind')!r}", f"use one of: {', '.join(FACT_KINDS)}")
                else:
                    facts.append(Fact(item["kind"], str(item["text"]).strip(), item.get("value"),
                                      item.get("unit"), "", item.get("subject")))
            clean[key] = tuple(facts)
    return clean, problems


def load_overrides(folder: Path, root: Path) -> tuple[dict[str, Override], list[Problem]]:
    overrides: dict[str, Override] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return overrides, problems
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or (path.is_dir() and not path.is_symlink()):
            continue
        display = str(path.relative_to(root))
        if path.suffix.lower() not in (".yml", ".yaml"):
            problems.append(Problem(display, "an override must be a .yml file named after the digest slug",
                                    "rename it to <slug>.yml", "warning"))
            continue
        try:
            refuse_links(path)
            data = load_yaml(path.read_text("utf-8-sig"), "the override") or {}
        except UnicodeDecodeError:
            problems.append(Problem(display, "the override is not UTF-8 text", "re-save it as UTF-8"))
            continue
        except InputError as exc:
            problems.append(Problem(display, exc.message, exc.hint))
            continue
        except OSError as exc:
            problems.append(Problem(display, f"the override cannot be read ({exc.strerror})", "check its permissions"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(display, "the override must be a mapping of fields to values",
                                    "write 'field: value' lines"))
            continue
        clean, issues = validate(data, display)
        problems += issues
        overrides[path.stem] = Override(display, path.stem, clean)
    return overrides, problems


def apply_to_article(article: Article, values: dict) -> Article:
    """Corrections that change what is annotated (language, summary…) come first."""
    changes = {k: values[k] for k in ("title", "tags", "language", "date", "source", "url") if k in values}
    if "summary" in values:
        changes["summary_override"] = values["summary"]
    return replace(article, **changes) if changes else article


def _anchor(fact: Fact, digest: Digest) -> Fact:
    """An editor's fact links to the first sentence that contains its text, if any."""
    if fact.sentence:
        return fact
    sentence = next((s.id for s in digest.sentences if fact.text in s.text), "")
    return replace(fact, sentence=sentence)


def apply_to_digest(digest: Digest, values: dict) -> Digest:
    facts = tuple(_anchor(f, digest) for f in values.get("facts", digest.facts))
    hidden = set(values.get("hide_facts", ()))
    if hidden:
        facts = tuple(f for f in facts if f.text not in hidden)
    return replace(digest, facts=tuple(facts), chart=values.get("chart", digest.chart))
