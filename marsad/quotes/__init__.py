"""Quotes: who said what, in direct and indirect speech (the ``quotes`` stage's logic).

:class:`QuoteFinder` finds the quotes of a Document; :mod:`marsad.quotes.scoring` scores
them against gold files. The stage itself is ``marsad.stages.quotes``.
"""

from __future__ import annotations

from .finder import QuoteFinder
from .lexicon import QuoteLexicon, load_quote_lexicon

__all__ = ["QuoteFinder", "QuoteLexicon", "load_quote_lexicon"]
