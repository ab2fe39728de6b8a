"""Translated name recall: a name the NER found in one language is tagged where a Chinese
document of the corpus writes a translation of it that the name lexicon knows, untagged.

Corpus recall (:mod:`pipeline.align.recall`) spreads names whose spelling is the same in every
language; projection (:mod:`pipeline.align.projection`) finds a missed name in the translation of
its sentence. Documents that tell one story in different languages without translating each
other (a Latvian article, an English encyclopedia page and a Chinese one about the same war) share
neither: the Chinese tagger misses ``人權觀察`` while the English page tags ``Human Rights
Watch`` thirty times, and the name lexicon (:mod:`pipeline.align.lexicon`, CC-CEDICT) knows that
the one translates the other. Chinese is the language whose names the taggers miss most (no
capitals, no spaces); its names are also the ones a dictionary lists whole.

1. **Names found.** The names the NER stage found in Latvian or English documents (sources
   ``model``, ``gazetteer``, ``document``, ``title``: not names recall or projection added), with
   the pivot keys of their whole-name glosses (:func:`pipeline.align.lexicon.glosses`, whole
   entries only, no part-by-part compositions). A key counts when it is an identifier (a CLDR
   territory, an ISO region, a GeoNames city: ``cldr:GR``) or the name has two words or more
   (``Human Rights Watch``, ``Black Sea``): a one-word English name's key is often a common word
   or a given name (``Congress``, ``Peter``) that a Chinese dictionary lists as a name too. The
   key's label is the one :data:`MAJORITY` of the names' mentions carry.
2. **Occurrences.** In every Chinese sentence, the longest untagged runs of Han characters that
   the lexicon lists whole (``zh_whole``, Simplified) with one of those keys, of at least
   :data:`MIN_HAN_CHARS` characters, that no jieba word crosses or holds with more
   (``美国`` of ``美国人``), that no interpunct or Latin letter touches, that no other listed name
   touches (``丰田`` of ``英国丰田``, the British company), that are not part of a longer title
   in book-title marks (``時代`` of ``《時代雜誌》``) and that are no derived word of a listed name
   (a people, a language: ``阿塞拜疆人``, the language's ``demonym_suffixes``).

The new mentions (``source="corpus"``, the label of the name found) join the document's own and
link to their entity through the same lexicon keys, with the evidence of the merge.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from pipeline.align import lexicon
from pipeline.align.normalize import to_simplified
from pipeline.align.recall import SOURCE, analysis_sentences, mentions_at
from pipeline.lang.defaults import defaults, languages_written_in
from pipeline.ner.consistency import MAJORITY, NAME_DOTS
from pipeline.records import AnalyzedDocument, Mention

FOUND_SOURCES = frozenset({"model", "gazetteer", "document", "title"})
"""Mention sources whose names are spread: what the NER stage found."""
MIN_HAN_CHARS = 2
"""Characters an occurrence needs (``黑海``, ``巴库``)."""
_HAN_LANGS = frozenset(languages_written_in("Hani"))


def _usable(key: str, name: str) -> bool:
    """Whether a whole-name gloss key of a found name may be spread: an identifier (not a
    language: ``lang:az`` is no place) or the key of a name of two words or more."""
    if ":" in key:
        return not key.startswith("lang:")
    return len(name.split()) >= 2


def found_keys(docs: list[AnalyzedDocument]) -> dict[str, str]:
    """Pivot key → label of the names the NER found in the spaced languages' documents of
    ``docs`` (see the module docstring)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for m in doc.mentions:
            if m.source not in FOUND_SOURCES or m.lang in _HAN_LANGS:
                continue
            for gloss in lexicon.glosses(m.text, m.lang, m.lemma):
                if gloss.whole and _usable(gloss.key, m.text):
                    votes[gloss.key][m.label] += 1
    out = {}
    for key, counts in votes.items():
        label, count = counts.most_common(1)[0]
        if count / sum(counts.values()) >= MAJORITY:
            out[key] = label
    return out


def _derived(text: str, index: lexicon.LexiconIndex, suffixes: tuple[str, ...]) -> bool:
    """Whether ``text`` is a listed name plus a derivational suffix (``阿塞拜疆人``)."""
    return any(
        text.endswith(suffix) and text[: -len(suffix)] in index.zh_whole for suffix in suffixes
    )


def _part_of_title(text: str, start: int, end: int) -> bool:
    """Whether the run lies inside book-title marks that hold more than it (``時代`` of
    ``《時代雜誌》``): a title is named whole."""
    opening, closing = text.rfind("《", 0, start), text.find("》", end)
    if opening < 0 or closing < 0 or "》" in text[opening:start] or "《" in text[end:closing]:
        return False
    return opening + 1 < start or end < closing


def _beside_listed_name(text: str, start: int, end: int, index: lexicon.LexiconIndex) -> bool:
    """Whether another name the lexicon lists whole touches the run: the two are one compound
    name (``英国丰田``, Toyota's British company, is not ``丰田``)."""
    sizes = range(MIN_HAN_CHARS, index.zh_maxlen + 1)
    return any(text[start - k : start] in index.zh_whole for k in sizes if k <= start) or any(
        text[end : end + k] in index.zh_whole for k in sizes if end + k <= len(text)
    )


def _touches_name_mark(text: str, start: int, end: int) -> bool:
    """An interpunct or a Latin letter right next to the run: part of a longer name."""
    beside = text[start - 1 : start] + text[end : end + 1]
    return any(ch in NAME_DOTS or ch.isascii() and ch.isalpha() for ch in beside)


def han_occurrences(
    text: str, wanted: dict[str, str], index: lexicon.LexiconIndex, lang: str
) -> list[tuple[int, int, str]]:
    """(start, end, label) of the runs of one Chinese sentence that the lexicon lists whole with
    a key of ``wanted`` (key → label), longest first from left to right; jieba and the
    derivation checks as in the module docstring."""
    from pipeline.ner.chinese import crosses_word, within_word

    simplified = to_simplified(text)
    suffixes = defaults(lang).demonym_suffixes
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(simplified):
        step = 1
        for size in range(min(index.zh_maxlen, len(simplified) - i), MIN_HAN_CHARS - 1, -1):
            entries = index.zh_whole.get(simplified[i : i + size])
            labels = {wanted[key] for key, _ in entries or () if key in wanted}
            if len(labels) != 1:
                continue
            start, end = i, i + size
            run = simplified[start:end]
            if (
                _derived(run, index, suffixes)
                or _touches_name_mark(simplified, start, end)
                or _part_of_title(simplified, start, end)
                or _beside_listed_name(simplified, start, end, index)
                or within_word(simplified, start, end)
                or crosses_word(simplified, start, end)
            ):
                continue
            out.append((start, end, labels.pop()))
            step = size
            break
        i += step
    return out


def translated_names(docs: list[AnalyzedDocument]) -> dict[str, list[Mention]]:
    """Document id → the mentions translated recall adds to its Chinese sentences (sorted by
    offset; documents that get none are left out)."""
    if not any(s.lang in _HAN_LANGS for doc in docs for s in doc.sentences):
        return {}
    wanted = found_keys(docs)
    if not wanted:
        return {}
    index = lexicon.load_index()
    added: dict[str, list[Mention]] = {}
    for doc in docs:
        taken = [(m.start, m.end) for m in doc.mentions]
        hits: list[tuple[int, int, int, str, str]] = []
        for number, lang, text, offset in analysis_sentences(doc):
            if lang not in _HAN_LANGS:
                continue
            for a, b, label in han_occurrences(text, wanted, index, lang):
                start, end = offset + a, offset + b
                if any(start < y and x < end for x, y in taken):
                    continue
                taken.append((start, end))
                hits.append((start, end, number, label, lang))
        if hits:
            added[doc.doc_id] = mentions_at(doc, sorted(hits), SOURCE)
    return added
