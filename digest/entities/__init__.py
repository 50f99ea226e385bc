"""People, organisations and places named in an article (see recognise.py and mentions.py)."""
from .extract import ENTITY_BACKENDS, acronyms, capitalised_spans, extract_entities, spacy_available
from .lexicon import canonical_place

__all__ = ["ENTITY_BACKENDS", "acronyms", "canonical_place", "capitalised_spans", "extract_entities",
           "spacy_available"]
