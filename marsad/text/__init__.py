"""The Arabic text layer: normalisation, tokens with clitics, sentences. No I/O."""

from .normalize import normalize, normalize_with_offsets, original_span
from .sentences import split_sentences
from .tokens import tokenize

__all__ = ["normalize", "normalize_with_offsets", "original_span", "split_sentences", "tokenize"]
