"""Traditional → Simplified Chinese for the NER models, keeping every character offset.

The Chinese models are trained on Simplified text; their input goes through the language's
``model_script`` conversion (``pipeline/lang/zh/language.yaml``: ``t2s``), character for character
(:func:`pipeline.lang.script.same_length`), so spans found in it index the original string.
Words of a clause are told from words of a name by jieba's part-of-speech tagger.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pipeline.lang.defaults import defaults


def to_simplified(text: str) -> str:
    """``text`` in Simplified script, same length, same offsets."""
    return defaults("zh").to_model_script(text)


CLAUSE_TAGS = ("v", "p", "d", "r", "c", "u")
"""jieba part-of-speech tags (ICTCLAS set, by first letter) of words that make a clause, not a
name: verbs, prepositions, adverbs, pronouns, conjunctions, particles."""


@lru_cache(maxsize=1)
def jieba_module() -> Any:
    """jieba, its log quiet (imported once, on first use: the Chinese paths only)."""
    import jieba

    jieba.setLogLevel(60)
    return jieba


@lru_cache(maxsize=1)
def _posseg() -> Any:
    import jieba.posseg

    jieba_module()
    return jieba.posseg


NAME_WORD_TAGS = ("n", "vn", "a", "an", "j", "nt")
"""jieba tags (by prefix) of the words an organization's name is made of after its first name:
nouns, verbal and adjectival nouns, adjectives, abbreviations (``先进`` ``研究`` ``项目`` ``局``)."""


@lru_cache(maxsize=256)
def tagged_words(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """jieba's words of ``text`` (Simplified Chinese) with their part-of-speech tags:
    (start, end, tag, word)."""
    out = []
    at = 0
    for pair in _posseg().cut(text):
        out.append((at, at + len(pair.word), pair.flag, pair.word))
        at += len(pair.word)
    return tuple(out)


def has_clause_word(text: str) -> bool:
    """Whether jieba's tagger reads a clause word (:data:`CLAUSE_TAGS`) in ``text`` (Simplified
    Chinese): ``应该对`` (should, to) and ``表示`` (said) are; ``财经`` (finance), ``西北部``
    (north-west) are not."""
    return any(pair.flag.startswith(CLAUSE_TAGS) for pair in _posseg().cut(text))


@lru_cache(maxsize=256)
def _word_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((s, e) for _, s, e in jieba_module().tokenize(text, HMM=True))


def crosses_word(text: str, start: int, end: int) -> bool:
    """Whether one of jieba's words (HMM on) of ``text`` starts or ends strictly inside
    ``start:end`` while reaching out of it (``巴库`` of ``巴/库尔德``)."""
    return any(s < start < e or s < end < e for s, e in _word_spans(text))


def within_word(text: str, start: int, end: int) -> bool:
    """Whether one of jieba's words (HMM on) of ``text`` holds ``start:end`` and more
    (``沃顿`` inside ``沃顿商学院`` read as one word); a sentence is segmented once."""
    return any(s <= start and end <= e and e - s > end - start for s, e in _word_spans(text))
