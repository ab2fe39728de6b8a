"""Clause pieces of a sentence: the sentence cut at clause boundaries (``;``, ``:``, ``,`` — also
where a quotation closes after it: ``…,” said Novak`` — and coordinating conjunctions, per
language, from ``pipeline/lang/<code>/language.yaml``; a Latvian complement clause after ``, ka``
stays with its main clause, as an English ``that`` clause does). Shared by mention building
(:mod:`pipeline.events.extract`) and the modality checks (:mod:`pipeline.events.modality`)."""

from __future__ import annotations

import re
from functools import cache

from pipeline.lang.defaults import defaults
from pipeline.text.quotes import CLOSING_QUOTES, CLOSING_SINGLE_QUOTES

_CLOSE = re.escape(CLOSING_QUOTES + CLOSING_SINGLE_QUOTES)
"""A quote mark that may close a quotation right after its comma (``…,” said Novak``; English
quotes inside quotes: ``…,’ he said``)."""
_UNSPACED_MARKS = "；：，、"
"""Clause punctuation of a language written without spaces (Chinese full-width marks)."""


@cache
def boundary(lang: str) -> re.Pattern[str]:
    """The clause boundaries of ``lang`` (its ``language.yaml``): ``;`` and ``:``, a comma (and a
    quote mark closing after it) unless one of the language's ``complement_conjunctions`` follows,
    and its ``clause_conjunctions``; a language written without spaces cuts at its full-width
    marks and conjunctions."""
    language = defaults(lang)
    words = "|".join(re.escape(w) for w in sorted(language.clause_conjunctions, key=len)[::-1])
    if not language.spaced:
        return re.compile(f"[{_UNSPACED_MARKS}]" + (f"|(?:{words})" if words else ""))
    kept = "|".join(re.escape(w) for w in language.complement_conjunctions)
    comma = rf",[{_CLOSE}]?\s+" + (rf"(?!(?:{kept})\s)" if kept else "")
    conjunction = rf"|\s+(?:{words})\s+" if words else ""
    return re.compile(rf"\s*[;:]\s+|{comma}{conjunction}", re.IGNORECASE)


def pieces(text: str, lang: str) -> list[tuple[int, int]]:
    """Clause pieces of a sentence: (start, end) offsets, boundaries excluded."""
    out, pos = [], 0
    for m in boundary(lang).finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out or [(0, len(text))]
