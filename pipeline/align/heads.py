"""Names made of a core and a generic head: ``Tampa Bay`` / ``Tampas līcis`` / ``坦帕湾``.

Many place and organization names are a proper-noun core followed by a common noun that says what
kind of thing it is (bay, county, island, university, police department). Each language translates
the head and transcribes the core, so the whole names look nothing alike while their cores do
(``坦帕`` / ``Tampa``), and one language may drop the head altogether (``Devon`` / ``德文郡``,
``Hibernian`` / ``希伯尼安队``).

:func:`split_head` finds the head of a name from the language's ``name_heads.tsv``
(``pipeline/lang/<code>/``: head, language-neutral concept, entity type) and returns the core;
:func:`comparable` says whether two names may be compared by their cores: same concept, or a head on
one side only and the other name of the head's type.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pipeline.align.normalize import is_han, stem, to_simplified, tokens
from pipeline.lang.defaults import NameHead, defaults

MIN_CORE_HAN = 2
"""Han characters a Chinese core needs (``上海`` is no ``上`` + sea)."""
MIN_CORE_LETTERS = 3
"""Letters a Latin-script core needs."""


@dataclass(frozen=True)
class HeadedName:
    """A name split into its core and generic head."""

    core: str
    """The name without its head (``Tampa``, ``坦帕``), as written."""
    concept: str
    """What the head stands for (``bay``)."""
    label: str
    """The entity type the head implies (``LOC``, ``ORG``)."""


_ALTERNATIONS = str.maketrans("čšžļņķģ", "cszlnkg")
"""Latvian stem-final consonant alternations (``līcis`` / ``līča``, ``upe`` / ``upju``): heads are
compared with the softened consonants hardened, so every case form's stem finds its head."""


def _word_key(word: str, lang: str, inflected: bool) -> str:
    return stem(word, lang).translate(_ALTERNATIONS) if inflected else word.lower()


@cache
def _heads_by_words(lang: str) -> tuple[tuple[tuple[str, ...], NameHead], ...]:
    """Word-split heads of a spaced language, longest first; inflected languages by stem."""
    d = defaults(lang)
    out = []
    for head, meaning in d.name_heads.items():
        words = tuple(_word_key(w, lang, d.inflected) for w in head.split())
        out.append((words, meaning))
    return tuple(sorted(out, key=lambda hm: -len(hm[0])))


@cache
def _heads_by_suffix(lang: str) -> tuple[tuple[str, NameHead], ...]:
    """Heads of an unspaced language (Simplified Chinese), longest first."""
    items = defaults(lang).name_heads.items()
    return tuple(sorted(((to_simplified(h), m) for h, m in items), key=lambda hm: -len(hm[0])))


WORD_BEFORE_HEAD = 2
"""Han characters before a head that may make one word with it."""


def _inside_word(text: str, head: str, concept: str) -> bool:
    """Whether the head ending a Chinese name is the end of a longer common word of another
    meaning (CC-CEDICT, not a proper noun, no gloss naming the head's concept): ``部队``
    (troops), ``军队`` (armed forces) are no ``队`` (team) after a core; ``军医院`` (military
    hospital) still ends in a hospital."""
    from pipeline.align.lexicon import load_index

    words = load_index().zh_parts
    for extra in range(1, WORD_BEFORE_HEAD + 1):
        start = len(text) - len(head) - extra
        entry = words.get(text[start:]) if start > 0 else None
        if entry is not None and not entry[0]:
            if not any(concept in gloss.split() for gloss in entry[1]):
                return True
    return False


def _core_is_name(core: str, lang: str) -> bool:
    if is_han(core):
        return sum(1 for c in core if is_han(c)) >= MIN_CORE_HAN
    d = defaults(lang)
    content = [w for w in tokens(core) if w.lower() not in d.function_words | set(d.articles)]
    return bool(content) and sum(1 for c in core if c.isalpha()) >= MIN_CORE_LETTERS


@cache
def split_head(display: str, lang: str) -> HeadedName | None:
    """The core and head of ``display`` (a name in ``lang``), or ``None`` when it has no head or
    the rest is too short to be a name of its own."""
    d = defaults(lang)
    if not d.spaced or is_han(display):
        text = to_simplified(display).strip()
        for head, meaning in _heads_by_suffix(lang):
            if text.endswith(head) and not _inside_word(text, head, meaning.concept):
                core = text[: -len(head)].strip(" ·・‧•")
                if _core_is_name(core, lang):
                    return HeadedName(core, meaning.concept, meaning.label)
        return None
    words = tokens(display)
    keys = [_word_key(w, lang, d.inflected) for w in words]
    for head_words, meaning in _heads_by_words(lang):
        n = len(head_words)
        if (
            len(keys) > n
            and tuple(keys[-n:]) == head_words
            and (d.inflected or words[-n][:1].isupper())
        ):
            core = " ".join(words[:-n])
            if _core_is_name(core, lang):
                return HeadedName(core, meaning.concept, meaning.label)
    return None


def comparable(a: HeadedName | None, b: HeadedName | None, label_a: str, label_b: str) -> bool:
    """Whether two names of different languages may be matched by their cores: both headed with
    one concept, or one headed and the other bare with the head's type (``德文郡`` / ``Devon``)."""
    if a is None and b is None:
        return False
    if a is not None and b is not None:
        return a.concept == b.concept
    headed, bare_label = (a, label_b) if a is not None else (b, label_a)
    assert headed is not None
    return headed.label == bare_label
