"""Clause pieces of a sentence: the sentence cut at clause boundaries (``;``, ``:``, ``,`` — also
where a quotation closes after it: ``…,” said Novak`` — and coordinating conjunctions, per
language; a Latvian complement clause after ``, ka`` stays with its main clause, as an English
``that`` clause does). Shared by mention building
(:mod:`pipeline.events.extract`) and the modality checks (:mod:`pipeline.events.modality`)."""

from __future__ import annotations

import re

from pipeline.text.quotes import CLOSING_QUOTES, CLOSING_SINGLE_QUOTES

_CLOSE = re.escape(CLOSING_QUOTES)
"""A double quote mark that may close a quotation right after its comma (``…,” said Novak``)."""
_CLOSE_ANY = re.escape(CLOSING_QUOTES + CLOSING_SINGLE_QUOTES)
"""… or a single one (English quotes inside quotes: ``…,’ he said``)."""

BOUNDARY = {
    "en": re.compile(
        rf"\s*[;:]\s+|,[{_CLOSE_ANY}]?\s+|\s+(?:and|but|while|whereas|after|before|then)\s+",
        re.IGNORECASE,
    ),
    # Latvian writes a comma before every subordinate clause; a complement clause ("paziņoja,
    # ka …", "announced that …") stays with its main clause, as in English.
    "lv": re.compile(
        rf"\s*[;:]\s+|,[{_CLOSE}]?\s+(?!ka\s)|\s+(?:un|bet|taču|savukārt|kamēr|pēc tam|tad)\s+",
        re.IGNORECASE,
    ),
    "zh": re.compile(r"[；：，、]|(?:并且|而且|随后|之后|并于|并在)"),
}
DEFAULT_BOUNDARY = re.compile(rf"\s*[;:]\s+|,[{_CLOSE}]?\s+")


def pieces(text: str, lang: str) -> list[tuple[int, int]]:
    """Clause pieces of a sentence: (start, end) offsets, boundaries excluded."""
    rx = BOUNDARY.get(lang, DEFAULT_BOUNDARY)
    out, pos = [], 0
    for m in rx.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out or [(0, len(text))]
