"""Event mentions: clauses that report a happening, with a kind, a date and the entities named.

A sentence (12–700 characters, 6 in a language without spaces; outside page boilerplate) is
cut into clauses at clause boundaries (``;``, ``,``, coordinating conjunctions, per language).
Every clause holding a trigger (:mod:`pipeline.events.triggers`, sense checks included) starts
an event mention; the clauses after it without a trigger belong to it, unless they carry a date
of their own different from its date ("joined NATO on 29 March 2004 and the EU on 1 May 2004":
two mentions, one trigger); a clause whose triggers are all anaphoric (``took place``) belongs
to the mention before it. Adjacent trigger clauses of one kind and one date are one mention.
A sentence with a single mention keeps the whole sentence as its span.

Dates: a mention takes its clause's own date — the time expression nearest to its trigger, placed
or not (an unplaced ``XXXX-02-23`` gives ``interval: null``: undated beats wrong). A clause
without a time expression takes the narrative date of its paragraph: the latest earlier time
expression of the same paragraph, at most :data:`LOOKBACK_SENTENCES` sentences back and outside
boilerplate, when it is placed (``interval_inherited = true``); otherwise ``null``. Durations and
sets are not narrative dates and are looked through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.events.clauses import pieces as _pieces
from pipeline.events.patterns import word_alternatives
from pipeline.events.triggers import TriggerHit, find_triggers
from pipeline.lang.defaults import defaults
from pipeline.records import AnalyzedDocument, EventMention, Interval, TimeExpression
from pipeline.text.quotes import CLOSING_QUOTES, OPENING_QUOTES

MAX_SENTENCE_CHARS = 700
"""Longer "sentences" are scraped tables or run-on page text, not event reports."""
MIN_SENTENCE_CHARS = 12
"""Shorter ones are headings and fragments; a language written without spaces packs a word into
one or two characters, so its sentences need half as many (``那一年，总统辞职。``: 9)."""
LOOKBACK_SENTENCES = 2
"""How far back (in sentences of the same paragraph) a narrative date is inherited from."""
MAX_EVENTS_PER_SENTENCE = 4
UNPLACED = {"duration", "set"}
"""Granularities that are no date of a happening (``for 40 years``, ``every year``)."""
BOILERPLATE_SHARE = 0.5
"""A sentence whose characters are at least this much page boilerplate reports nothing."""


COARSE = {"decade", "century", "millennium"}
"""Granularities too coarse to be the narrative date of a later sentence (``in the 1980s``)."""


def _deictic(t: TimeExpression) -> bool:
    """Counts from the moment of writing (``yesterday``, ``last week``, ``Friday``, ``去年``):
    the pipeline has no dateline, so the date stage's narrative guess is not a date for an
    event."""
    from pipeline.dates import is_deictic

    return is_deictic(t.text, t.lang)


def _placeable(t: TimeExpression) -> bool:
    return t.interval is not None and t.granularity not in UNPLACED and not _deictic(t)


@dataclass
class _Clause:
    start: int
    """Offsets relative to the stripped sentence."""
    end: int
    hits: list[TriggerHit]


GRANULARITY_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4}


def _nearest(times: list[TimeExpression], at: int) -> TimeExpression | None:
    """The clause's own date: of its time expressions that can date a happening (durations and
    sets are looked through), the one nearest to offset ``at`` (document offsets; ties: the
    earlier) — except that an explicit date (one written with its year) beats an anchored one
    that is not finer (``the following year, in 1993``: 1993; ``in 1990 … on 5 May``: the
    nearer)."""
    times = [t for t in times if t.granularity not in UNPLACED]
    if not times:
        return None

    def distance(t: TimeExpression) -> tuple[int, int]:
        return (0 if t.start <= at < t.end else min(abs(t.start - at), abs(t.end - at)), t.start)

    best = min(times, key=distance)
    if best.anchored or _deictic(best):
        rank = GRANULARITY_RANK.get(best.granularity, 9)
        explicit = [
            t
            for t in times
            if not t.anchored and _placeable(t) and GRANULARITY_RANK.get(t.granularity, 9) <= rank
        ]
        if explicit:
            best = min(explicit, key=distance)
    return best


def _covered(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    if b <= a:
        return False
    inside = sum(max(0, min(b, e) - max(a, s)) for s, e in spans if s < b and a < e)
    return inside >= BOILERPLATE_SHARE * (b - a)


def _clauses(
    stripped: str, offset: int, lang: str, hits: list[TriggerHit], times: list[TimeExpression]
) -> list[_Clause]:
    """Group the trigger hits of one sentence into event clauses (offsets in ``stripped``)."""
    pieces = _pieces(stripped, lang)

    def piece_times(a: int, b: int) -> list[TimeExpression]:
        return [t for t in times if offset + a <= t.start < offset + b]

    clauses: list[_Clause] = []
    for a, b in pieces:
        mine = [h for h in hits if a <= h.start < b]
        if mine and clauses and all(h.anaphoric for h in mine):
            clauses[-1].end = b  # "..., which took place in the 1980s": the happening before
            continue
        if mine:
            clauses.append(_Clause(a, b, mine))
            continue
        if not clauses:
            continue  # text before the first trigger belongs to the first clause (below)
        last = clauses[-1]
        own = [t for t in piece_times(a, b) if _placeable(t)]
        prev = [t for t in piece_times(last.start, last.end) if _placeable(t)]
        if own and prev and own[0].value != prev[-1].value:
            # A coordinated second happening with its own date and the same trigger.
            clauses.append(_Clause(a, b, [last.hits[0]]))
        else:
            last.end = b
    if not clauses:
        return []
    clauses[0].start = 0
    clauses[-1].end = len(stripped)
    # Adjacent clauses of one kind and one date are one happening told in pieces.
    merged: list[_Clause] = [clauses[0]]
    for c in clauses[1:]:
        last = merged[-1]
        same_kind = _best(c.hits).kind == _best(last.hits).kind
        da = {t.value for t in piece_times(last.start, last.end)}
        db = {t.value for t in piece_times(c.start, c.end)}
        if same_kind and (not db or da == db or not da):
            last.end = c.end
            last.hits = last.hits + c.hits
        else:
            last.end = c.start
            merged.append(c)
    if len(merged) > MAX_EVENTS_PER_SENTENCE:
        merged = sorted(merged, key=lambda c: _rank(_best(c.hits)))[:MAX_EVENTS_PER_SENTENCE]
        merged.sort(key=lambda c: c.start)
    return merged


def _rank(h: TriggerHit) -> tuple[int, int]:
    from pipeline.events.kinds import PRIORITY

    return (PRIORITY[h.kind], h.start)


def _best(hits: list[TriggerHit]) -> TriggerHit:
    return min(hits, key=_rank)


def extract_events(doc: AnalyzedDocument) -> list[EventMention]:
    """Event mentions of a document, in text order (several per sentence when its clauses report
    several happenings)."""
    from pipeline.dates.boilerplate import boilerplate_spans

    times_by_sentence: dict[int, list[TimeExpression]] = {}
    for t in sorted(doc.times, key=lambda t: t.start):
        times_by_sentence.setdefault(t.sentence, []).append(t)
    mentions_by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(doc.mentions):
        mentions_by_sentence.setdefault(m.sentence, []).append(i)
    analysis = doc.analysis_view
    boiler = boilerplate_spans(analysis, doc.sentences)
    events: list[EventMention] = []
    # The paragraph's narrative time: (sentence index, paragraph, latest time expression).
    narrative: tuple[int, int, TimeExpression] | None = None
    for index, seg in enumerate(doc.sentences):
        times = times_by_sentence.get(index, [])
        raw = analysis[seg.start : seg.end]
        stripped = raw.strip()
        start = seg.start + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        if _covered(start, end, boiler):
            continue
        if narrative is not None and (
            narrative[1] != seg.paragraph or index - narrative[0] > LOOKBACK_SENTENCES
        ):
            narrative = None
        least = (
            MIN_SENTENCE_CHARS if defaults(seg.lang or doc.lang).spaced else MIN_SENTENCE_CHARS // 2
        )
        if least <= len(stripped) <= MAX_SENTENCE_CHARS:
            hits = find_triggers(stripped, seg.lang)
            named = mentions_by_sentence.get(index, [])
            # A trigger word inside an organisation's name reports nothing ("the National
            # Hurricane Center", "U.S. Drought Monitor").
            orgs = [
                (doc.mentions[i].start - start, doc.mentions[i].end - start)
                for i in named
                if doc.mentions[i].label == "ORG"
            ]
            hits = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in orgs)]
            if hits and (times or named):
                clauses = _clauses(stripped, start, seg.lang, hits, times)
                for c in clauses:
                    a, b = (start, end) if len(clauses) == 1 else (start + c.start, start + c.end)
                    while a < b and doc.text[a].isspace():
                        a += 1
                    while b > a and doc.text[b - 1] in " \t\r\n,;，；":
                        b -= 1
                    # the narrator's own report before what someone is quoted saying
                    told = [h for h in c.hits if _quotation(stripped, h.start) is None]
                    hit = _best(told or c.hits)
                    own = _quoted_times(times, stripped, start, hit.start)
                    until = _until_before(doc.text, a, start + hit.start, seg.lang)
                    later = until is not None
                    if until is not None:  # "… in June 2017 until partners evicted …"
                        own = [t for t in own if until <= t.start]
                    bounds = [t for t in own if _bounds(doc.text, t, seg.lang, start + hit.start)]
                    own = [t for t in own if t not in bounds]
                    # dated outside the quotation only: the speaker's date, not the event's
                    # a clause whose only time is a bound ("before the 2016 election") is
                    # undated: it borrows no date either
                    bound_only = any(a <= t.start < b for t in bounds) and not any(
                        a <= t.start < b for t in own
                    )
                    interval, inherited = (
                        (None, False)
                        if (times and not own) or bound_only
                        else _date(own, a, b, start + hit.start, None if later else narrative)
                    )
                    events.append(
                        EventMention(
                            start=a,
                            end=b,
                            text=doc.text[a:b],
                            kind=hit.kind,
                            lang=seg.lang,
                            sentence=index,
                            trigger=hit.trigger,
                            interval=interval,
                            interval_inherited=inherited,
                            mentions=[i for i in named if a <= doc.mentions[i].start < b]
                            if len(clauses) > 1
                            else list(named),
                        )
                    )
        narrative_times = [t for t in times if t.granularity not in UNPLACED]
        if narrative_times:
            narrative = (index, seg.paragraph, narrative_times[-1])
    return events


@cache
def _until_pattern(lang: str) -> re.Pattern[str] | None:
    return word_alternatives(list(defaults(lang).until_words), lang)


def _until_before(text: str, a: int, at: int, lang: str) -> int | None:
    """Offset of the last of the language's ``until_words`` in ``text[a:at]`` (the clause before
    a trigger at ``at``), or ``None``: the happening ended a state told before it (``had a
    hotel in Panama until partners evicted``), so only times after that word date it."""
    pattern = _until_pattern(lang)
    found = list(pattern.finditer(text[a:at])) if pattern is not None else []
    return a + found[-1].start() if found else None


MAX_BOUND_GAP_WORDS = 2
"""Words between one of the language's ``before_words`` and the time it bounds (``before the
2016 election``) ..."""
MAX_BOUND_GAP_HAN = 4
"""... and characters between a Chinese time and the word after it (``2016年大选前``)."""
_HAN_COMPOUND_AFTER_QIAN = "往进任者面线锋途景所来去夕"
"""Characters that make a word with a ``前`` before them (``前往`` "go to", ``前任`` "former"):
no bound."""


@cache
def _bound_pattern(lang: str) -> re.Pattern[str] | None:
    words = defaults(lang).before_words
    pattern = word_alternatives(list(words), lang)
    if pattern is None:
        return None
    if defaults(lang).spaced:
        gap = rf"(?:\s+[^\s]+){{0,{MAX_BOUND_GAP_WORDS}}}\s+$"
        return re.compile(rf"(?<!\w)(?:{pattern.pattern}){gap}", re.IGNORECASE)
    return re.compile(
        rf"^\s*[\u3400-\u9fff]{{0,{MAX_BOUND_GAP_HAN}}}?(?:{pattern.pattern})"
        rf"(?![{_HAN_COMPOUND_AFTER_QIAN}])"
    )


_NEXT_WORDS = re.compile(rf"(?:\s+[^\s,.;:]+){{0,{MAX_BOUND_GAP_WORDS}}}")


def _bounds(text: str, t: TimeExpression, lang: str, trigger: int) -> bool:
    """Whether one of the language's ``before_words`` makes the time ``t`` a bound of the
    happening whose trigger is at ``trigger``, not its date: the word and at most
    :data:`MAX_BOUND_GAP_WORDS` words before the time (``He left before 2016``, ``a cab ride …
    before the 2016 election``), or in Chinese the word after the time and at most
    :data:`MAX_BOUND_GAP_HAN` characters (``2016年大选前``); unless the trigger is in that phrase
    (``before the 2016 election`` dates the election)."""
    pattern = _bound_pattern(lang)
    if pattern is None:
        return False
    if defaults(lang).spaced:
        window = max(0, t.start - 40)
        found = pattern.search(text[window : t.start])
        if found is None:
            return False
        after = _NEXT_WORDS.match(text, t.end)
        phrase = (window + found.start(), after.end() if after else t.end)
    else:
        found = pattern.match(text[t.end : t.end + MAX_BOUND_GAP_HAN + 3])
        if found is None:
            return False
        phrase = (t.start, t.end + found.end())
    return not phrase[0] <= trigger < phrase[1]


def _quotation(sentence: str, at: int) -> tuple[int, int] | None:
    """The stretch of ``sentence`` in quote marks around offset ``at``, or ``None``."""
    start = None
    for i, ch in enumerate(sentence):
        if start is None and ch in OPENING_QUOTES:
            start = i + 1
        elif start is not None and ch in CLOSING_QUOTES:
            if start <= at < i:
                return start, i
            start = None
    if start is not None and start <= at:
        return start, len(sentence)  # a quotation that runs on past the sentence
    return None


def _quoted_times(
    times: list[TimeExpression], sentence: str, offset: int, at: int
) -> list[TimeExpression]:
    """The time expressions that may date a trigger at ``at`` of ``sentence`` (which starts at
    document offset ``offset``): inside a quotation only those of the quotation, since the
    words around it frame the speaker ("“… at Brookline, where we lost …,” said Bjorn, after
    watching the Class of 2018 win"); else all of them."""
    quote = _quotation(sentence, at)
    if quote is None:
        return times
    return [t for t in times if offset + quote[0] <= t.start and t.end <= offset + quote[1]]


def _date(
    times: list[TimeExpression],
    a: int,
    b: int,
    at: int,
    narrative: tuple[int, int, TimeExpression] | None,
) -> tuple[Interval | None, bool]:
    """(interval, inherited) of the clause ``[a, b)`` of a sentence with ``times``: its own date
    (:func:`_nearest`; placed or not), else the sentence's latest earlier date, else the
    paragraph's narrative date; a borrowed date counts only when it is placed, not deictic and
    not coarser than a year (``in the 1980s`` dates its own clause only). Otherwise
    ``(None, False)``: undated beats wrong."""
    t = _nearest([t for t in times if a <= t.start < b], at)
    if t is not None:
        return (t.interval if _placeable(t) else None), False
    before = [t for t in times if t.start < a and t.granularity not in UNPLACED]
    if before:
        borrowed: TimeExpression | None = before[-1]
    else:
        borrowed = narrative[2] if narrative is not None else None
    if borrowed is not None and _placeable(borrowed) and borrowed.granularity not in COARSE:
        return borrowed.interval, True
    return None, False
