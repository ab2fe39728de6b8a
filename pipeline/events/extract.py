"""Sentence-level event mentions: a trigger, a date, the entities named."""

from __future__ import annotations

from pipeline.events.triggers import find_triggers
from pipeline.records import AnalyzedDocument, EventMention, Interval, TimeExpression

MAX_SENTENCE_CHARS = 700
"""Longer "sentences" are scraped tables or run-on page text, not event reports."""
MIN_SENTENCE_CHARS = 12
LOOKBACK_SENTENCES = 12
"""How far back (in sentences) a narrative date is inherited from."""
UNPLACED = {"duration", "set"}


def _placeable(t: TimeExpression) -> bool:
    return t.interval is not None and t.granularity not in UNPLACED


def _interval_of(times: list[TimeExpression]) -> Interval | None:
    """The sentence's own date: its first placeable time expression."""
    for t in times:
        if _placeable(t):
            return t.interval
    return None


def extract_events(doc: AnalyzedDocument) -> list[EventMention]:
    """One event mention per sentence that holds a trigger and names a date or an entity."""
    times_by_sentence: dict[int, list[TimeExpression]] = {}
    for t in doc.times:
        times_by_sentence.setdefault(t.sentence, []).append(t)
    mentions_by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(doc.mentions):
        mentions_by_sentence.setdefault(m.sentence, []).append(i)
    analysis = doc.analysis_text if len(doc.analysis_text) == len(doc.text) else doc.text
    events: list[EventMention] = []
    last_interval: tuple[int, Interval] | None = None
    for index, seg in enumerate(doc.sentences):
        own = _interval_of(sorted(times_by_sentence.get(index, []), key=lambda t: t.start))
        raw = analysis[seg.start : seg.end]
        stripped = raw.strip()
        if MIN_SENTENCE_CHARS <= len(stripped) <= MAX_SENTENCE_CHARS:
            hits = find_triggers(stripped, seg.lang)
            named = mentions_by_sentence.get(index, [])
            if hits and (own is not None or named):
                start = seg.start + (len(raw) - len(raw.lstrip()))
                end = start + len(stripped)
                interval, inherited = own, False
                if interval is None and last_interval is not None:
                    if index - last_interval[0] <= LOOKBACK_SENTENCES:
                        interval, inherited = last_interval[1], True
                events.append(
                    EventMention(
                        start=start,
                        end=end,
                        text=doc.text[start:end],
                        kind=hits[0].kind,
                        lang=seg.lang,
                        sentence=index,
                        trigger=hits[0].trigger,
                        interval=interval,
                        interval_inherited=inherited,
                        mentions=list(named),
                    )
                )
        if own is not None:
            last_interval = (index, own)
    return events
