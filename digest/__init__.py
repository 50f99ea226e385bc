"""digest: annotated news digests, from scraped pages to a MkDocs site.

The public API is the pipeline over plain data types; MkDocs is only an adapter
(`digest.plugin`).
"""
from .config import DigestConfig, make_config
from .model import Article, Digest, Fact, GlossaryTerm, Note, Problem, Quote
from .pipeline import annotate, build

__all__ = ["Article", "Digest", "DigestConfig", "Fact", "GlossaryTerm", "Note", "Problem", "Quote",
           "annotate", "build", "make_config"]
