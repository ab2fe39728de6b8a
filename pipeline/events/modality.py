"""Modality, genericity and statistics checks (data: ``pipeline/lang/<code>/event_modality.tsv``).

A trigger word inside a clause that does not report a happening is no event: a condition
("if they win", ``ja``, ``如果``), a classification ("it is a disaster"), a modal or a wish
("would", "could", "need to", "sought to", ``būtu``, ``varētu``, ``vajag``, ``可能``, ``需要``,
``寻求``), a generic plural ("various
departments announced plans", ``dažādas``, ``各个``), or an aggregate statistic ("data indicates
111 people have died", ``dati liecina``, ``数据显示``). A line of the file is
``type<TAB>cue``; the cue has the syntax of a trigger (whole words, trailing ``*``, several words
follow each other; zh substrings; a leading ``=`` makes it case-sensitive: ``=may``). The type sets the cue's reach over the clause pieces of the
sentence (:func:`pipeline.events.clauses.pieces`):

* ``modal``, ``generic``: from the cue to the end of its clause ("he was shouted at by
  protesters as he tried to ride an elevator": the protest happened, the ride is an attempt);
* ``classification``: likewise; a pronoun and a present-tense copula that say what something
  is ("it's still a province level disaster", ``tā ir … katastrofa``, ``属于省级灾害``): the
  happening, if any, is told elsewhere;
* ``negation``: the next few words of its clause (:data:`NEGATION_REACH` characters, a third
  of that in Chinese): what did not happen is no happening ("St. Martin's did not replace him",
  ``并没有解雇他``), but "was not injured in the crash" still reports the crash;
* ``conditional``: from the cue to the end of the next clause (the consequence: "if they win,
  they go top");
* ``future``: an indefinite future, likewise to the end of the next clause ("will at some
  point continue to talk", ``未来，…还会继续谈判``): no date is set, so nothing is scheduled;
* ``statistic``: from the start of the cue's clause to the end of the sentence ("data indicates
  111 people have died in crashes");
* ``generalization``: from the start of the cue's clause to the end of the next clause: a rule
  or a pattern, not a happening ("the longer children remain in custody, the more likely …",
  ``jo ilgāk …, jo …``, ``被拘留的时间越长，…``; "it is not the first time charges have been
  filed", ``tā nav pirmā reize, kad …``).

Plain future ("will vote on Friday") stays an event: a scheduled happening is one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.events.clauses import pieces
from pipeline.events.patterns import phrase_pattern
from pipeline.lang import data_path
from pipeline.lang.defaults import defaults

TYPES = {
    "modal": 0,
    "negation": 0,
    "generic": 0,
    "classification": 0,
    "conditional": 1,
    "future": 1,
    "statistic": None,
    "generalization": 1,
}
"""Type → how many clauses after the cue's own it reaches (``None``: the rest of the sentence)."""
FROM_CLAUSE_START = {"statistic", "generalization"}
"""Types that reach back to the start of the cue's clause (the others start at the cue)."""
NEGATION_REACH = 12
"""Characters after a negation cue that it denies (about two words)."""


@lru_cache(maxsize=8)
def cues(lang: str) -> tuple[tuple[str, object], ...]:
    """(type, compiled cue) of ``lang`` (empty when the language has no file)."""
    path = data_path(lang, "event_modality.tsv")
    if not path.is_file():
        return ()
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != 2 or cols[0] not in TYPES or not cols[1]:
            raise ValueError(f"{path}:{n}: expected {'|'.join(TYPES)}<TAB>cue")
        cue = cols[1]
        if cue.startswith("="):  # case-sensitive ("=may" is not the month or a name)
            rx = phrase_pattern(cue[1:], lang)
            rx = re.compile(rx.pattern)
        else:
            rx = phrase_pattern(cue, lang)
        out.append((cols[0], rx))
    return tuple(out)


def irrealis_spans(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Spans of ``text`` (the normalized sentence) in which nothing is reported as happening:
    (start, end, cue type)."""
    lexicon = cues(lang)
    if not lexicon:
        return []
    parts = pieces(text, lang)
    out = []
    for kind, rx in lexicon:
        for m in rx.finditer(text):  # type: ignore[attr-defined]
            k = next((i for i, (a, b) in enumerate(parts) if a <= m.start() < b), None)
            if k is None:
                continue
            reach = TYPES[kind]
            start = parts[k][0] if kind in FROM_CLAUSE_START else m.start()
            if reach is None:  # statistic: from its clause to the end of the sentence
                out.append((start, len(text), kind))
                continue
            last = min(len(parts) - 1, k + reach)
            end = parts[last][1]
            if kind == "negation":
                words = NEGATION_REACH if defaults(lang).spaced else NEGATION_REACH // 3
                end = min(end, m.end() + words)
            out.append((start, end, kind))
    return out
