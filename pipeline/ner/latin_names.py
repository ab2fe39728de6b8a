"""Latin-script names inside Chinese sentences.

Chinese news keeps many foreign names in Latin script (``BBC``, ``Brett Kavanaugh``, ``Dundee
Stars``); the Chinese models, trained on Han text, rarely tag them. The English model does: it
reads the sentence with every non-Latin stretch blanked to the same length (offsets unchanged), a
comma at the start of each stretch so that names on either side of Han text stay apart, and its
spans that no Chinese span overlaps are added.
"""

from __future__ import annotations

import re

from pipeline.ner.base import Span, add_enclosing

_CAPITALIZED = re.compile(r"[A-Z][A-Za-z]")
"""A sentence is worth the English model only if it has a capitalized Latin word."""
_LATIN = re.compile(r"[A-Za-z0-9\u00c0-\u024f .,&'’\-\u00a0]")


def latin_view(text: str) -> str | None:
    """``text`` with everything but Latin-script stretches blanked, or ``None`` when it holds no
    capitalized Latin word. Same length as ``text``."""
    if not _CAPITALIZED.search(text):
        return None
    out: list[str] = []
    inside_other = False
    for ch in text:
        if _LATIN.match(ch):
            out.append(ch)
            inside_other = False
        else:
            out.append(" " if inside_other else ",")
            inside_other = True
    return "".join(out)


def add_latin_names(spans: list[Span], latin: list[Span]) -> list[Span]:
    """``spans`` plus the ``latin`` spans none of them overlaps, sorted; a ``latin`` span that
    holds the spans it overlaps, each shorter than it, replaces them: the Chinese model cut a
    Latin name the English model reads whole (``Jason`` of ``邪恶 Jason Volta，``)."""
    return add_enclosing(spans, latin)
