"""Find temporal expressions per sentence and anchor them across the document in text order.

Runs of consecutive sentences in the same language are scanned together with that language's
compiled grammar (one ``finditer`` per rule per run), so the cost is a few regex passes over the
text. Candidates are interpreted, then chosen longest first (ties: higher rule priority, then
earlier start) without overlap; ``block`` rules (unit numbers, citation marks, ISBNs) take part in
that choice and suppress what they cover. Relative expressions are then resolved in text order
against the last placed date (narrative time), never against the clock. Expressions in page
boilerplate (copyright lines, captions, page chrome: :mod:`pipeline.dates.boilerplate`) are
dropped; a span of several years, a decade or a century leaves the narrative year open.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.dates.boilerplate import boilerplate_spans
from pipeline.dates.grammar import KEY_REACH, Grammar, Key, Rule, load_grammar
from pipeline.dates.interpret import (
    Anchor,
    Reading,
    Resolved,
    interpret,
    reference_anchor,
    resolve,
    with_century,
)
from pipeline.records import AnalyzedDocument, Interval, Segment, TimeExpression

_TRIM = " \t\r\n,;:"


COARSE = frozenset({"decade", "century", "millennium"})
"""Granularities too coarse to anchor a relative expression to."""


@dataclass(frozen=True)
class Found:
    """One chosen expression with everything known about it (richer than the record)."""

    start: int
    end: int
    text: str
    lang: str
    sentence: int
    rule: str
    reading: Reading
    resolved: Resolved
    split: tuple[tuple[int, int], tuple[int, int]] | None = None
    """For ranges: the document spans of the left and right ends (around the connective)."""


@dataclass
class _Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]
    reading: Reading | None = None


def _windows(key: Key, text: str, lower: str | None) -> list[tuple[int, int]]:
    """Merged ``[hit - KEY_REACH, hit + KEY_REACH]`` windows around the key's hits."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    pattern = key.regex
    if key.on_lower and lower is not None:
        hits = pattern.finditer(lower)
    elif key.on_lower:  # lower-casing changed the length: scan the original, ignoring case
        hits = re.compile(pattern.pattern, re.IGNORECASE).finditer(text)
    else:
        hits = pattern.finditer(text)
    for m in hits:
        lo, hi = max(0, m.start() - KEY_REACH), min(n, m.end() + KEY_REACH)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


def _candidates(g: Grammar, text: str) -> list[_Candidate]:
    """Every match of every rule, in windows around the rule's key (not yet interpreted)."""
    out: list[_Candidate] = []
    windows: dict[Key, list[tuple[int, int]]] = {}
    lowered = text.lower()
    lower = lowered if len(lowered) == len(text) else None
    for rule in g.rules:
        if rule.key is None:
            spans = [(0, len(text))]
        else:
            if rule.key not in windows:
                windows[rule.key] = _windows(rule.key, text, lower)
            spans = windows[rule.key]
        has_x = "x" in rule.regex.groupindex
        if rule.on_lower and lower is not None:
            regex, scanned = rule.regex, lower
        else:
            regex, scanned = rule.regex_original or rule.regex, text
        for lo, hi in spans:
            for m in regex.finditer(scanned, lo, hi):
                start, end = m.span("x") if has_x and m.group("x") else m.span()
                while start < end and text[start] in _TRIM:
                    start += 1
                while end > start and text[end - 1] in _TRIM:
                    end -= 1
                if start < end:
                    out.append(_Candidate(start, end, rule, m))
    return out


def _choose(g: Grammar, cands: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then priority, then earliest; no overlaps; blocks dropped at the end.

    A candidate is interpreted only when it is about to be chosen, and one that turns out not to
    be a valid date (``interpret`` returns ``None``) leaves room for shorter ones.
    """
    order = sorted(cands, key=lambda c: (-(c.end - c.start), -c.rule.priority, c.start))
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[_Candidate] = []
    for c in order:
        i = bisect.bisect_right(starts, c.start)
        if i > 0 and ends[i - 1] > c.start:
            continue
        if i < len(starts) and starts[i] < c.end:
            continue
        c.reading = interpret(g, c.rule, c.match)
        if c.reading is None:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.insert(i, c)
    return [c for c in chosen if c.reading is not None and c.reading.kind != "block"]


def _split(c: _Candidate, base: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    m = c.match
    if c.reading is None or c.reading.kind != "range" or "sep" not in m.re.groupindex:
        return None
    if m.group("sep") is None:
        return None
    s0, s1 = m.span("sep")
    return ((base + c.start, base + s0), (base + s1, base + c.end))


def _runs(segments: list[Segment]) -> list[tuple[str, int, int, int]]:
    """(lang, first sentence, start, end) of each run of same-language sentences."""
    runs: list[tuple[str, int, int, int]] = []
    for i, s in enumerate(segments):
        if runs and runs[-1][0] == s.lang:
            lang, first, start, _ = runs[-1]
            runs[-1] = (lang, first, start, s.end)
        else:
            runs.append((s.lang, i, s.start, s.end))
    return runs


def _bare(r: Reading) -> bool:
    """A month, day, season or weekday without a year or a relative word."""
    return (
        r.kind == "point"
        and r.year is None
        and r.rel_unit is None
        and not r.direction
        and (r.month is not None or r.season is not None or r.weekday is not None)
    )


def _next_anchor(resolved: Resolved, narrative: Anchor | None) -> Anchor | None:
    """The narrative anchor after ``resolved``.

    A placed date moves it. After a decade, century or millennium nothing can follow from it
    (``the following year`` after ``the 1980s``). After a range whose ends lie in different
    years (``1993-1994年``, a lifespan ``(1867–1932)``) a counted offset follows from its end
    (``a year later``), but a date that only lacks its year has no single year to take: the
    anchor is marked ``year_open``. Undated beats wrong.
    """
    if resolved.span is not None and resolved.granularity in COARSE:
        return None
    if resolved.anchor is None:
        return narrative
    span = resolved.span
    if resolved.granularity == "range" and span is not None and span.start[0] != span.end[0]:
        return replace(resolved.anchor, year_open=True)
    return resolved.anchor


def _in_spans(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < spans[i][1]


def find_in_document(
    text: str, segments: list[Segment], reference: str | None = None
) -> list[Found]:
    """All expressions of a text split into language-tagged segments, anchored in text order.

    ``reference`` is an optional ``YYYY-MM-DD`` date *written in the document* (e.g. a news
    article's dateline); deictic words (``today``, ``last year``, weekdays) resolve against it.
    Without it they resolve against the narrative anchor like anaphoric ones, and that guess
    anchors nothing after their own sentence.

    Expressions that start in page boilerplate are dropped (never emitted, never anchors).
    """
    seg_starts = [s.start for s in segments]
    noise = boilerplate_spans(text, segments)
    noise_starts = [a for a, _ in noise]
    located: list[tuple[_Candidate, str, int]] = []
    for lang, _first, start, end in _runs(segments):
        g = load_grammar(lang)
        if g is None:
            continue
        for c in _choose(g, _candidates(g, text[start:end])):
            if noise and _in_spans(noise, noise_starts, start + c.start):
                continue
            located.append((c, lang, start))
    located.sort(key=lambda x: x[0].start + x[2])
    ref = reference_anchor(reference)
    narrative: Anchor | None = ref
    # Without a reference date a deictic expression is resolved against the narrative: a guess
    # that its own sentence may build on (``明年3月``), the next sentences not (``last year ...
    # three years later ... in June`` leaves ``June`` without a year).
    guessed_in: int | None = None
    found: list[Found] = []
    for c, lang, base in located:
        assert c.reading is not None
        reading = with_century(c.reading, narrative)
        if reading.end is not None:
            reading = replace(reading, end=with_century(reading.end, narrative))
        start = base + c.start
        sentence = max(0, bisect.bisect_right(seg_starts, start) - 1)
        if ref is not None and _bare(reading):
            seg = segments[sentence] if segments else None
            g = load_grammar(lang)
            future = (
                g is not None
                and g.future_regex is not None
                and seg is not None
                and g.future_regex.search(text, seg.start, seg.end) is not None
            )
            reading = replace(reading, tense=1 if future else -1)
        if guessed_in is not None and sentence != guessed_in:
            narrative, guessed_in = None, None
        resolved = resolve(reading, narrative, ref)
        narrative = _next_anchor(resolved, narrative)
        if ref is None and reading.deictic:
            guessed_in = sentence
        elif resolved.anchor is not None and not resolved.anchored:
            guessed_in = None  # a date of its own replaces the guess
        end = base + c.end
        found.append(
            Found(
                start=start,
                end=end,
                text=text[start:end],
                lang=lang,
                sentence=sentence,
                rule=c.rule.name,
                reading=reading,
                resolved=resolved,
                split=_split(c, base),
            )
        )
    return found


def find_times(text: str, lang: str, reference: str | None = None) -> list[Found]:
    """Expressions of a one-language text (a convenience for tests and benchmarks)."""
    return find_in_document(text, [Segment(0, len(text), lang)], reference)


@lru_cache(maxsize=8192)
def is_deictic(text: str, lang: str) -> bool:
    """Whether an expression counts from the moment of writing (``yesterday``, ``last week``,
    ``this year``, ``two years ago``, ``Friday``; ``vakar``, ``pagājušajā nedēļā``; ``昨天``,
    ``去年``). Only a dateline places such an expression; without one the stage resolves it
    against the narrative anchor like an anaphoric one, which a reader of a news page would not
    do."""
    return any(f.reading.deictic for f in find_times(text, lang))


def to_record(f: Found) -> TimeExpression:
    span = f.resolved.span
    return TimeExpression(
        start=f.start,
        end=f.end,
        text=f.text,
        value=f.resolved.value,
        interval=Interval(*span.iso()) if span is not None else None,
        granularity=f.resolved.granularity,
        fuzzy=f.resolved.fuzzy,
        lang=f.lang,
        sentence=f.sentence,
        anchored=f.resolved.anchored,
    )


def extract_times(doc: AnalyzedDocument, reference: str | None = None) -> list[TimeExpression]:
    """Time expressions of ``doc`` read from ``doc.analysis_text`` sentence by sentence.

    Each sentence's ``lang`` picks the grammar (languages without one are skipped); offsets index
    ``doc.text``; relative expressions are anchored across the document in text order. A document
    without sentences is read as one sentence in ``doc.lang``.
    """
    text = doc.analysis_text or doc.text
    segments = doc.sentences or [Segment(0, len(text), doc.lang)]
    records = []
    for f in find_in_document(text, segments, reference):
        rec = to_record(f)
        # the analysis view only blanks noise, so the span reads the same in the original text
        if doc.text[rec.start : rec.end] != rec.text:
            continue
        records.append(rec)
    return records
