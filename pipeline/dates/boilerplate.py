"""Page boilerplate for the dates stage: copyright lines, photo captions and credits, page chrome.

A date in such a line ("Copyright 1998-2025", "© 2024", "Foto: LETA, 2020", "更新时间：2025年3月5日")
says nothing about what the text reports, so the dates stage neither emits it nor lets it anchor
a later date without a year. The words are data, one file per language
(``pipeline/lang/<code>/date_boilerplate.tsv``); the rules of every language apply to every line,
since an English copyright line can close a Latvian page.

Each rule is ``SCOPE<TAB>REGEX`` (case-insensitive). Rules are searched in *pieces*: the lines of
each sentence, stripped, at most :data:`MAX_PIECE_CHARS` long. ``line`` rules mark the whole piece
(anchor them with ``^`` when the marker must open the line); ``tail`` rules mark the piece from the
match to its end (``Home | About | © 2024 Example``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.dates.grammar import _lower_pattern, _lowerable
from pipeline.lang import LANG_DIR
from pipeline.records import Segment

BOILERPLATE_FILE = "date_boilerplate.tsv"
MAX_PIECE_CHARS = 400
"""Longer lines are running text, never boilerplate as a whole."""
SCOPES = ("line", "tail")


@dataclass(frozen=True)
class _Group:
    """The rules of one scope. Rules that open with ``^`` are joined into one pattern that only
    runs at the start of a piece (``match``). The others run one by one (``search``), so that
    ``re`` can skip ahead to each one's literal prefix: write them starting with a literal
    (``all rights reserved``, not ``\\ball rights reserved``). Rules without a case-sensitive
    part run case-sensitively on the lower-cased piece, which ``re`` scans much faster than
    ``IGNORECASE``."""

    anchored: tuple[tuple[re.Pattern[str], bool], ...]
    free: tuple[tuple[re.Pattern[str], bool], ...]
    """``(pattern, runs on the lower-cased piece)``."""

    def find(self, piece: str, lower: str | None) -> int | None:
        """Offset in ``piece`` of the first match, or ``None``."""
        for rx, on_lower in self.anchored:
            text = piece if not on_lower else lower
            if text is None:  # lower-casing changed the length
                text, rx = piece, re.compile(rx.pattern, re.IGNORECASE)
            if rx.match(text) is not None:
                return 0
        best: int | None = None
        for rx, on_lower in self.free:
            text = piece if not on_lower else lower
            if text is None:
                text, rx = piece, re.compile(rx.pattern, re.IGNORECASE)
            m = rx.search(text, 0, len(text) if best is None else best)
            if m is not None:
                best = m.start()
        return best


@dataclass(frozen=True)
class BoilerplateRules:
    line: _Group
    tail: _Group


def boilerplate_paths() -> list[Path]:
    """The per-language rule files, sorted by language."""
    return sorted(LANG_DIR.glob(f"*/{BOILERPLATE_FILE}"))


def parse_rules(text: str, source: str = "<rules>") -> list[tuple[str, str]]:
    """``(scope, regex)`` pairs of one rule file; comments and blank lines skipped."""
    rules = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        scope, sep, regex = raw.partition("\t")
        if not sep or scope not in SCOPES or not regex:
            raise ValueError(f"{source}:{number}: expected SCOPE<TAB>REGEX, SCOPE in {SCOPES}")
        rules.append((scope, regex))
    return rules


def _compile(pattern: str, on_lower: bool) -> tuple[re.Pattern[str], bool]:
    if on_lower:
        return re.compile(_lower_pattern(pattern)), True
    return re.compile(pattern, re.IGNORECASE), False


def _group(patterns: list[str]) -> _Group:
    anchored: list[tuple[re.Pattern[str], bool]] = []
    for on_lower in (True, False):
        mine = [p for p in patterns if p.startswith("^") and _lowerable(p) == on_lower]
        if mine:
            anchored.append(_compile("|".join(f"(?:{p})" for p in mine), on_lower))
    free = [_compile(p, _lowerable(p)) for p in patterns if not p.startswith("^")]
    return _Group(tuple(anchored), tuple(free))


@cache
def load_rules() -> BoilerplateRules:
    """All languages' rules, compiled once per process."""
    by_scope: dict[str, list[str]] = {scope: [] for scope in SCOPES}
    for path in boilerplate_paths():
        for scope, regex in parse_rules(path.read_text(encoding="utf-8"), str(path)):
            by_scope[scope].append(regex)
    return BoilerplateRules(_group(by_scope["line"]), _group(by_scope["tail"]))


def _pieces(text: str, segments: list[Segment]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every stripped, non-empty line of every segment."""
    for seg in segments:
        pos = seg.start
        while pos < seg.end:
            nl = text.find("\n", pos, seg.end)
            stop = seg.end if nl < 0 else nl
            a, b = pos, stop
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                yield a, b
            pos = stop + 1


def boilerplate_spans(text: str, segments: list[Segment]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` spans of ``text`` that are page boilerplate."""
    rules = load_rules()
    spans: list[tuple[int, int]] = []
    for a, b in _pieces(text, segments):
        piece = text[a:b]
        lower: str | None = piece.lower()
        if lower is not None and len(lower) != len(piece):
            lower = None
        if b - a <= MAX_PIECE_CHARS and rules.line.find(piece, lower) is not None:
            spans.append((a, b))
            continue
        at = rules.tail.find(piece, lower)
        if at is not None and b - (a + at) <= MAX_PIECE_CHARS:
            spans.append((a + at, b))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
