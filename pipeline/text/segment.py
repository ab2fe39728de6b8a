"""Paragraph and sentence segmentation for Latvian, English and Chinese (and anything else).

Runs on the analysis view, before language identification, so the rules are the union of every
supported language's: Chinese terminators (。！？；and their full-width/ASCII forms), Latin ``.!?…``
followed by space and a sentence-initial character, with exceptions for abbreviations listed in
``pipeline/lang/<code>/abbreviations.txt``, initials (``A. Lincoln``) and ordinal numbers followed by a
lowercase word (Latvian ``1988. gada``, ``20. februārī``). Paragraphs are separated by blank lines;
a single newline also ends a sentence unless the line clearly continues (hard-wrapped text).
Sentences longer than :data:`MAX_SENTENCE_CHARS` are cut at a space or comma so one-line page dumps
cannot produce giant segments.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.lang import SUPPORTED, read_lines
from pipeline.lang.defaults import all_capitals

MAX_SENTENCE_CHARS = 600
"""Hard cap on a sentence's length; longer stretches are cut at the last space/comma before it."""

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_CJK_END = re.compile(r"[。！？；!?;︒﹒．｡]+[」』”’）)\]】〕》〉\"']*")
_LATIN_END = re.compile(r"(?:[.!?…]+|\.\.\.)[\"'”’»)\]]*(?=\s+|$)")
# capitals beyond A-Z and Latin-1: every language's ``capitals`` (language.yaml)
_NEXT_START = re.compile(rf"\s+[\"'“‘«(\[]*(?:[A-Z{all_capitals()}0-9À-ÖØ-Þ]|[\u3400-\u9fff])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(a for lang in SUPPORTED for a in read_lines(lang, "abbreviations.txt"))


def _is_false_stop(text: str, end: int, next_start: int) -> bool:
    """Does the ``.`` ending at ``end`` belong to an abbreviation, an initial or an ordinal?"""
    head = text[max(0, end - 40) : end]
    if not head.endswith("."):
        return False
    match = _WORD_BEFORE.search(head[:-1])
    word = match.group(1) if match else ""
    if word in _abbreviations() or word.rstrip(".") in _abbreviations():
        return True
    if len(word) == 1 and word.isupper():  # initials: "A. Lincoln", "H. Alijevs"
        return True
    if word.isdigit() and next_start < len(text) and text[next_start].islower():
        return True  # ordinal: "1988. gada", "20. februārī"
    return False


def _line_continues(text: str, newline: int) -> bool:
    """A single newline inside hard-wrapped prose: previous line ends mid-sentence, next is lowercase."""
    before = text[:newline].rstrip()
    after = text[newline:].lstrip()
    if not before or not after:
        return False
    return (before[-1].isalpha() or before[-1] in ",;:-–") and after[0].islower()


def _cut_long(start: int, end: int, text: str) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start : start + MAX_SENTENCE_CHARS]
        cut = max(window.rfind(", "), window.rfind("，"), window.rfind("、"))
        if cut < MAX_SENTENCE_CHARS // 3:
            cut = window.rfind(" ")
        if cut < MAX_SENTENCE_CHARS // 3:
            cut = MAX_SENTENCE_CHARS - 1
        pieces.append((start, start + cut + 1))
        start += cut + 1
    pieces.append((start, end))
    return pieces


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph (blank-line separated), whitespace trimmed."""
    spans = []
    last = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.append((last, m.start()))
        last = m.end()
    spans.append((last, len(text)))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s[1] > s[0]]


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    ends: set[int] = set()
    chunk = text[start:end]
    for m in _CJK_END.finditer(chunk):
        stop = start + m.end()
        if m.group(0)[0] in "!?;" and not _cjk_near(text, start + m.start()):
            continue  # ASCII !?; inside Latin text go through the Latin rule
        ends.add(stop)
    for m in _LATIN_END.finditer(chunk):
        stop = start + m.end()
        nxt = _NEXT_START.match(text, stop, end)
        if stop < end and not nxt:
            continue
        first = nxt.end() - 1 if nxt else end
        if _is_false_stop(text, start + m.start() + len(m.group(0).rstrip("\"'”’»)]")), first):
            continue
        ends.add(stop)
    for m in re.finditer(r"\n", chunk):
        pos = start + m.start()
        if not _line_continues(text, pos):
            ends.add(pos)
    return sorted(ends)


def _cjk_near(text: str, pos: int) -> bool:
    window = text[max(0, pos - 2) : pos]
    return any("\u3400" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in window)


def sentences(
    text: str, paragraph_spans: list[tuple[int, int]] | None = None
) -> list[tuple[int, int, int]]:
    """``(start, end, paragraph_index)`` of each sentence, whitespace trimmed, in text order."""
    out: list[tuple[int, int, int]] = []
    for index, (p_start, p_end) in enumerate(paragraph_spans or paragraphs(text)):
        last = p_start
        for stop in [*_sentence_ends(text, p_start, p_end), p_end]:
            a, b = _trim(text, last, stop)
            if b > a:
                out.extend(
                    (x, y, index)
                    for x, y in (_trim(text, *p) for p in _cut_long(a, b, text))
                    if y > x
                )
            last = max(last, stop)
    return out
