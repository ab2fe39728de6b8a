"""Blank scraped page noise out of an equal-length *analysis view* of a document.

NER and date extraction read the analysis view; every masked character becomes a space (newlines
are kept), so offsets found in the view are offsets into the original text with no mapping.
What is masked: citation marks (``[25]``, ``[a]``, ``[note 3]``, ``[citation needed]``, their
full-width forms), page chrome and reference furniture listed in ``data/page_chrome.txt``, bare
URLs, and short lines repeated three or more times (running headers and footers).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources

from pipeline.lang.defaults import supported

CITATION_MARK = re.compile(
    r"[\[［]\s*(?:"
    r"\d{1,4}(?:\s*[,–-]\s*\d{1,4})*"  # [25], [3, 4], [12–14]
    r"|[a-z]{1,2}"  # [a], [ab]
    # [note 3], [piezīme 3], [注 3]: every language's note words (citation_marks.tsv)
    rf"|(?:{'|'.join(w for d in supported() for w in d.citation_notes)})\s*\.?\s*\d{{1,4}}"
    # [citation needed], [nepieciešama atsauce], [来源请求]: every language's tags
    rf"|{'|'.join(t for d in supported() for t in d.citation_tags)}"
    r")\s*[\]］]",
    re.IGNORECASE,
)
"""Citation and maintenance marks as scraped from wiki pages."""
REPEATED_LINE_MIN = 3
"""A line repeated this many times or more is treated as running page chrome."""
REPEATED_LINE_MAX_CHARS = 120
"""Only lines up to this long count as chrome when repeated."""


@cache
def _chrome_patterns() -> re.Pattern[str]:
    lines = (
        resources.files("pipeline.text")
        .joinpath("data/page_chrome.txt")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    patterns = [ln for ln in (x.strip() for x in lines) if ln and not ln.startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def noise_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` spans of noise in ``text``."""
    spans = [m.span() for m in CITATION_MARK.finditer(text)]
    spans += [m.span() for m in _chrome_patterns().finditer(text)]
    spans += _repeated_lines(text)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


def _repeated_lines(text: str) -> list[tuple[int, int]]:
    counts: Counter[str] = Counter()
    positions: list[tuple[str, int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        key = body.strip()
        if key and len(key) <= REPEATED_LINE_MAX_CHARS:
            counts[key] += 1
            positions.append((key, offset, offset + len(body)))
        offset += len(line)
    return [(s, e) for key, s, e in positions if counts[key] >= REPEATED_LINE_MIN]


def mask_noise(text: str) -> str:
    """The analysis view: ``text`` with noise replaced by spaces (newlines kept), same length."""
    spans = noise_spans(text)
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(re.sub(r"[^\r\n]", " ", text[start:end]))
        last = end
    out.append(text[last:])
    masked = "".join(out)
    assert len(masked) == len(text)
    return masked
