"""Per-language trigger lexicons (data files ``pipeline/lang/<code>/event_triggers.tsv``).

A line is ``kind<TAB>trigger[<TAB>context]``:

* ``kind`` is a kind of the closed list (:mod:`pipeline.events.kinds`) or ``-``: a *blocker*, a
  phrase in which the trigger words it contains are not an event (``in accordance with``,
  ``acknowledged that``); a trigger overlapping a blocker match does not fire.
* ``trigger``: ``lv``/``en`` whole words, case-insensitive, a ``*`` matches any ending (also
  before punctuation written with the word: ``paziņoj*,``), several words must follow each
  other, ``a|b`` is either word; ``zh`` substrings (after Traditional → Simplified).
* ``context`` (optional, sense check): space-separated words in the same syntax. A word with a
  leading ``!`` vetoes the trigger when it occurs in the clause around the trigger; plain words
  are required (at least one must occur there). Example: ``other<TAB>strike*<TAB>!goal* !match*``.
  A ``^`` there marks the trigger *anaphoric*: it says that a happening named before it took
  place (``took place``, ``notika``, ``举行``), so after another trigger of its sentence it
  starts no happening of its own (``the assault, which took place in the 1980s``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.events.kinds import KINDS, PRIORITY
from pipeline.events.modality import irrealis_spans
from pipeline.events.patterns import phrase_pattern, word_alternatives
from pipeline.lang import data_path
from pipeline.lang.defaults import defaults
from pipeline.lang.script import converter

__all__ = ["TriggerHit", "find_triggers", "normalized", "triggers"]

BLOCKER = "-"
CONTEXT_CHARS = 90
"""How far (characters, either side of the trigger) a context word is looked for in lv/en;
zh looks at a third of that."""


@dataclass(frozen=True)
class Trigger:
    kind: str
    text: str
    pattern: re.Pattern[str]
    veto: re.Pattern[str] | None = None
    need: re.Pattern[str] | None = None
    anaphoric: bool = False
    literal: str = ""
    """Lower-cased text every match contains (the longest word up to its ``*``): a sentence
    without it is not searched with the pattern."""


def _literal(text: str, lang: str) -> str:
    """The longest piece of ``text`` every match contains: a word's letters up to its ``*``
    (``death`` of ``to death``, not ``to``, which nearly every sentence holds)."""
    if not defaults(lang).spaced:
        return text
    fixed = [w.split("*")[0].lower() for w in text.split() if "|" not in w]
    return max(fixed, key=len) if fixed else ""  # all words alternatives: search every sentence


@dataclass(frozen=True)
class TriggerHit:
    kind: str
    trigger: str
    start: int
    end: int
    anaphoric: bool = False


@lru_cache(maxsize=8)
def triggers(lang: str) -> tuple[Trigger, ...]:
    """The lexicon of ``lang`` (empty when the language has none); blockers included."""
    path = data_path(lang, "event_triggers.tsv")
    if not path.is_file():
        return ()
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 2 or not cols[1]:
            raise ValueError(f"{path}:{n}: expected kind<TAB>trigger[<TAB>context]")
        kind, text = cols[0], cols[1]
        if kind not in KINDS and kind != BLOCKER:
            raise ValueError(f"{path}:{n}: unknown event kind {kind!r}")
        context = cols[2].split() if len(cols) > 2 else []
        anaphoric = "^" in context
        context = [w for w in context if w != "^"]
        veto = word_alternatives([w[1:] for w in context if w.startswith("!")], lang)
        need = word_alternatives([w for w in context if not w.startswith("!")], lang)
        out.append(
            Trigger(
                kind,
                text,
                phrase_pattern(text, lang),
                veto,
                need,
                anaphoric,
                _literal(text, lang),
            )
        )
    return tuple(out)


def normalized(sentence: str, lang: str) -> str:
    """The text triggers are matched on: the language's model script (zh: Simplified), when
    the conversion keeps offsets."""
    config = defaults(lang).model_script
    if config:
        converted: str = converter(config).convert(sentence)
        if len(converted) == len(sentence):  # character-level conversion keeps offsets
            return converted
    return sentence


def _context_ok(trig: Trigger, text: str, start: int, end: int, lang: str) -> bool:
    if trig.veto is None and trig.need is None:
        return True
    reach = CONTEXT_CHARS if defaults(lang).spaced else CONTEXT_CHARS // 3  # a Han char ≈ a word
    window = text[max(0, start - reach) : end + reach]
    if trig.veto is not None and trig.veto.search(window):
        return False
    return trig.need is None or trig.need.search(window) is not None


def find_triggers(sentence: str, lang: str) -> list[TriggerHit]:
    """All trigger matches in a sentence that pass their sense checks, best kind first
    (priority, then position)."""
    lexicon = triggers(lang)
    if not lexicon:
        return []
    text = normalized(sentence, lang)
    lower = text.lower()
    if len(lower) != len(text):  # lower-casing changed offsets: no literal pre-check
        lower = ""
    hits, blocked = [], []
    for trig in lexicon:
        if lower and trig.literal not in lower:
            continue
        for m in trig.pattern.finditer(text):
            if trig.kind == BLOCKER:
                blocked.append((m.start(), m.end()))
            elif _context_ok(trig, text, m.start(), m.end(), lang):
                hits.append(
                    TriggerHit(
                        trig.kind,
                        sentence[m.start() : m.end()],
                        m.start(),
                        m.end(),
                        trig.anaphoric,
                    )
                )
    if blocked:
        hits = [h for h in hits if not any(a < h.end and h.start < b for a, b in blocked)]
    # Conditions, modals, generic plurals and statistics report no happening.
    irrealis = irrealis_spans(text, lang) if hits else []
    if irrealis:
        hits = [h for h in hits if not any(a <= h.start < b for a, b, _ in irrealis)]
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
