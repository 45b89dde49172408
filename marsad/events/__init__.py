"""PLOVER event extraction for Arabic news: lexicons, trigger matching, actors, scoring."""

from .finder import EventFinder, find_events
from .lexicon import Lexicon, load_lexicon

__all__ = ["EventFinder", "Lexicon", "find_events", "load_lexicon"]
