"""Per-language trigger lexicons (data files ``pipeline/lang/<code>/event_triggers.tsv``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.events.kinds import KINDS, PRIORITY

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"


@dataclass(frozen=True)
class Trigger:
    kind: str
    text: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class TriggerHit:
    kind: str
    trigger: str
    start: int
    end: int


def _compile(text: str, lang: str) -> re.Pattern[str]:
    if lang == "zh":
        return re.compile(re.escape(text))
    parts = []
    for word in text.split():
        prefix = word.endswith("*")
        word = word.rstrip("*")
        parts.append(re.escape(word) + (r"\w*" if prefix else ""))
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=8)
def triggers(lang: str) -> tuple[Trigger, ...]:
    """The lexicon of ``lang`` (empty when the language has none)."""
    path = LANG_DIR / lang / "event_triggers.tsv"
    if not path.is_file():
        return ()
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, text = (c.strip() for c in line.split("\t")[:2])
        if kind not in KINDS:
            raise ValueError(f"{path}:{n}: unknown event kind {kind!r}")
        out.append(Trigger(kind, text, _compile(text, lang)))
    return tuple(out)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def find_triggers(sentence: str, lang: str) -> list[TriggerHit]:
    """All trigger matches in a sentence, best kind first (priority, then position)."""
    lexicon = triggers(lang)
    if not lexicon:
        return []
    text = sentence
    if lang == "zh":
        simplified = _t2s().convert(sentence)
        if len(simplified) == len(sentence):  # character-level conversion keeps offsets
            text = simplified
    hits = []
    for trig in lexicon:
        for m in trig.pattern.finditer(text):
            hits.append(TriggerHit(trig.kind, sentence[m.start() : m.end()], m.start(), m.end()))
    # A trigger inside a longer one of another kind gives way ("armistice negotiations" is a
    # negotiation, not an armistice).
    hits = [
        h
        for h in hits
        if not any(
            o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start)
            for o in hits
        )
    ]
    hits.sort(key=lambda h: (PRIORITY[h.kind], h.start))
    return hits
