"""Corpus-level name recall: a Latin-script name the NER found in one document is tagged where it
occurs untagged in the other documents of the corpus, in any of their languages.

A sentence-level tagger misses names it would tag elsewhere, and a cross-lingual corpus shows it
plainly: acronyms and brand names (``CBS``, ``GOP``, ``Face++``) and foreign names are written
identically in Latvian, English and Chinese text, and each language's model tags them in some
documents only. :func:`recall_names` extends the per-document recall of the NER stage
(:mod:`pipeline.ner.consistency`, "one sense per discourse") to the corpus, for the names whose
spelling is the evidence:

1. **Names.** Every distinct Latin-script name the NER found (any language, any document; the
   surface with whitespace normalized and without the quotation marks around it:
   ``“Hibernian”``) that looks like a name by its shape — an acronym of two or
   more capitals (``GOP``, ``C-SPAN``), a mixed token (``Face++``, ``YouTube``), a name of several
   capitalized words (function words inside allowed: ``Bank of England``), or a single
   capitalized word of :data:`MIN_LETTERS` or more letters that is no *common word*: a function
   word or an abbreviation of any language (``pipeline/lang/<code>/``: ``of``, ``Vol``), a
   lower-case word of CC-CEDICT's English glosses (:func:`english_words`: ``apple``, ``radio``,
   ``may``) or a word the corpus itself writes in lower case — unless the taggers of two languages
   found it (``Giants`` in English and Chinese text). A single word's mentions must agree on a
   label (one coarse label holds :data:`MAJORITY` of them, the threshold of document recall:
   ``Nielsen`` the person and the company) unless they are the taggers of two languages, each
   consistent (one tagger against another, not one word read two ways); the other shapes are
   recalled whatever the taggers typed them (they agree it is a name, and such a spelling rarely
   names two things), and the align stage gives every recalled mention the label of the entity
   it joins (:func:`take_entity_labels`). An acronym no tagger found is a name too where a
   Chinese sentence keeps it in Latin script and a Latvian or English text writes it (``GOP`` in
   ``GOP参议员``; :func:`kept_acronyms`); a term is not (``GDP``, by CC-CEDICT's glosses).
2. **Occurrences.** In every document where the name was not tagged (a document where it was keeps
   the NER stage's decisions), the name's exact occurrences in the analysis text of a lv/en/zh
   sentence, with no Latin letter or digit touching them: word boundaries in Latvian and English,
   script changes inside Chinese text (``CBS新闻``). In a language whose names inflect (Latvian),
   a sequence of capitalized words whose lemmas (the project's word lemmatizer, as document recall
   uses it) equal the name's also counts (``Vorena`` → ``Vorenai``).
3. **Guards.** An occurrence is skipped where a span already overlaps it; where a hyphen, an
   apostrophe or a dot glues it to a longer word (``C-SPAN`` holds no ``SPAN``); where a
   capitalized word (not a function word, nor a sentence's first word) joins it with a space, so
   it is part of a longer name (``Dundee`` in ``Dundee Stars``); and, for one ordinary word in a
   spaced language, at the start of a sentence, where capitals say nothing.
4. **Readings.** The taggers must have read it as a name: they tagged at least
   :data:`READ_SHARE` of its readings (its mentions plus its untagged occurrences that pass the
   guards), in all languages together and in the language of an occurrence whose tagger ever
   tagged it.

The new mentions (``source="corpus"``) are returned per document; the align stage appends them
after the document's own mentions (:func:`with_mentions`), so every (document, index) key of the
document's own mentions keeps its meaning, and the corpus result carries them to the KB writer.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache

from pipeline.align.names import coarse_label
from pipeline.align.normalize import is_han, unquote
from pipeline.lang import SUPPORTED, read_lines
from pipeline.lang.defaults import defaults
from pipeline.ner.consistency import (
    MAJORITY,
    MIN_LETTERS,
    NAME_WORD,
    NameKey,
    longest_name,
    name_words,
)
from pipeline.records import AnalyzedDocument, Mention

SOURCE = "corpus"
"""The :attr:`pipeline.records.Mention.source` of a recalled mention."""
PROJECTED = "projection"
"""The source of the mentions :mod:`pipeline.align.projection` adds (defined here, beside
:data:`SOURCE`, because the entity records of :mod:`pipeline.align.cluster` read both)."""
ADDED_SOURCES = frozenset({SOURCE, PROJECTED})
"""Sources of the mentions the align stage adds."""

_LATIN_ALNUM = "0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
"""Latin letters and digits: what may not touch a name's occurrence."""
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ACRONYM_RUN = re.compile(
    rf"(?<![{_LATIN_ALNUM}&.-])(?:(?:[A-Z]\.){{2,}}|[A-Z][A-Z0-9&-]*[A-Z0-9])(?![{_LATIN_ALNUM}&.-])"
)
"""An acronym written alone: capitals (digits, ``&`` and ``-`` inside: ``C-SPAN``, ``AT&T``) or
capitals each with its dot (``N.F.L.``)."""


@dataclass
class _Name:
    """One distinct name found by the NER, with its labels and where it was tagged."""

    surface: str
    """The name as written, whitespace runs as one space."""
    kind: str
    """``acronym``, ``mixed``, ``words`` (several words) or ``word`` (one ordinary word)."""
    labels: Counter[str] = field(default_factory=Counter)
    """Label → its mentions with that label."""
    docs: set[int] = field(default_factory=set)
    """Indexes of the documents where it was tagged."""
    tags: Counter[str] = field(default_factory=Counter)
    """Language of the sentence → its mentions there."""
    lang_labels: dict[str, set[str]] = field(default_factory=dict)
    """Language of the sentence → the coarse labels of its mentions there."""
    parts: list[_Name] = field(default_factory=list)
    """The names (surfaces) a name keyed by word lemmas stands for (empty for a surface)."""
    kept: bool = False
    """No tagger found it, but Chinese text keeps it in Latin script (:func:`kept_acronyms`)."""


def _is_latin(ch: str) -> bool:
    return "LATIN" in unicodedata.name(ch, "")


def _latin_only(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(_is_latin(ch) for ch in letters)


@cache
def function_words() -> frozenset[str]:
    """Function words of every supported language (lower case)."""
    return frozenset(w for lang in SUPPORTED for w in defaults(lang).function_words)


@cache
def abbreviations() -> frozenset[str]:
    """Abbreviations of every supported language (``pipeline/lang/<code>/abbreviations.txt``:
    ``Vol``, ``Gen``, ``Sen``), lower case: written before a period, never a name alone."""
    return frozenset(w.lower() for lang in SUPPORTED for w in read_lines(lang, "abbreviations.txt"))


@cache
def _common_glosses() -> tuple[frozenset[str], frozenset[str]]:
    """(lower-case words, capitalized acronyms) of CC-CEDICT's English glosses of common (not
    proper-noun) entries, as the name lexicon reads them (:mod:`pipeline.align.lexicon`);
    compiled once per CC-CEDICT file and version of this module (:mod:`pipeline.compiled`)."""
    from pathlib import Path

    from pipeline.align.lexicon import cedict_path
    from pipeline.compiled import compiled

    here = Path(__file__)
    sources = [cedict_path(), here, here.parent / "lexicon.py"]  # lexicon reads CC-CEDICT
    return compiled("cedict-common-glosses", sources, _read_common_glosses)


def _read_common_glosses() -> tuple[frozenset[str], frozenset[str]]:
    from pipeline.align.lexicon import _PAREN, cedict_entries

    words: set[str] = set()
    acronyms: set[str] = set()
    for _trad, _simp, pinyin, glosses in cedict_entries():
        if pinyin[:1].isupper():
            continue
        words.update(re.findall(r"\b[a-z][a-z]+\b", _PAREN.sub(" ", glosses)))
        acronyms.update(_ACRONYM_RUN.findall(glosses))
    return frozenset(words), frozenset(acronyms)


def english_words() -> frozenset[str]:
    """Common English words: the lower-case words of CC-CEDICT's English glosses of common
    entries (``apple``, ``radio``, ``may``)."""
    return _common_glosses()[0]


def term_acronyms() -> frozenset[str]:
    """Acronyms of common terms: the capitalized abbreviations CC-CEDICT's English glosses give
    for common entries (``GDP``, ``DNA``, ``CEO``, ``ATM``)."""
    return _common_glosses()[1]


def _capitalized(word: str) -> bool:
    return word[:1].isupper()


def name_kind(surface: str) -> str | None:
    """What a Latin-script name looks like (``acronym``, ``mixed``, ``words``, ``word``), or
    ``None`` when its shape is no evidence that it is a name wherever it is written."""
    if not _latin_only(surface) or surface != surface.strip():
        return None
    tokens = surface.split(" ")
    letters = [ch for ch in surface if ch.isalpha()]
    if len(tokens) == 1:
        token = tokens[0]
        if not token[:1].isalnum() or not any(ch.isupper() for ch in token):
            return None
        if len(letters) >= 2 and all(ch.isupper() for ch in letters):
            return "acronym"  # GOP, C-SPAN, U.S., AT&T
        if len(letters) < MIN_LETTERS:
            return None
        if re.search(r"[^\w'’.&+-]", token):
            return None  # HIV/Aids, #MeToo
        if re.search(r"[&+]", token) or re.search(r"[a-z][A-Z]", token):
            return "mixed"  # Face++, YouTube
        if _capitalized(token) and all(_capitalized(p) for p in re.split(r"[-’']", token) if p):
            return "word"  # Apple, Kai-Fu
        return None
    if not (_capitalized(tokens[0]) and _capitalized(tokens[-1])):
        return None
    for token in tokens[1:-1]:
        if not (_capitalized(token) or token.isdigit() or token.lower() in function_words()):
            return None
    if len(letters) < MIN_LETTERS:
        return None
    return "words"


def lower_case_words(docs: Iterable[AnalyzedDocument]) -> frozenset[str]:
    """Every word the documents write in lower case (the corpus's own common words)."""
    found: set[str] = set()
    for doc in docs:
        text = doc.analysis_text or doc.text
        found.update(w for w in _WORD.findall(text) if w[:1].islower())
    return frozenset(found)


def _common(word: str, corpus_words: frozenset[str]) -> bool:
    """Whether ``word`` (lower case) is a common word: a function word, an abbreviation, a common
    English word, or a word the corpus writes in lower case."""
    if word in function_words() or word in abbreviations():
        return True
    return word in english_words() or word in corpus_words


def _label(name: _Name) -> str | None:
    """The name's label when its mentions agree (one coarse label has the majority)."""
    coarse: Counter[str] = Counter()
    for label, n in name.labels.items():
        coarse[coarse_label(label)] += n
    top, count = sorted(coarse.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    if count / sum(coarse.values()) < MAJORITY:
        return None
    return _top(Counter({k: n for k, n in name.labels.items() if coarse_label(k) == top}))


def found_names(docs: list[AnalyzedDocument]) -> dict[str, tuple[_Name, str]]:
    """Surface → (name, label) of the names worth recalling across ``docs``."""
    names: dict[str, _Name] = {}
    for d, doc in enumerate(docs):
        for m in doc.mentions:
            surface = " ".join(unquote(m.text).split())  # ``“Hibernian”`` names ``Hibernian``
            name = names.get(surface)
            if name is None:
                kind = name_kind(surface)
                if kind is None:
                    continue
                name = names[surface] = _Name(surface, kind)
            name.labels[m.label] += 1
            name.docs.add(d)
            name.tags[m.lang] += 1
            name.lang_labels.setdefault(m.lang, set()).add(coarse_label(m.label))
    common = lower_case_words(docs)
    out: dict[str, tuple[_Name, str]] = {}
    for surface, name in names.items():
        if name.kind == "word" and len(name.tags) < 2 and _common(surface.lower(), common):
            continue  # a word found as a name in one language only may be the word
        label = _label(name)
        if label is None and (name.kind != "word" or _languages_disagree(name)):
            # Taggers that disagree on the type of a multi-word name, an acronym or a mixed token,
            # or on one word where each language's tagger is consistent, still agree that it is a
            # name (and such a spelling rarely names two things): the plurality label is
            # provisional, the align stage gives the mention its entity's.
            label = _top(name.labels)
        if label is not None:
            out[surface] = (name, label)
    for surface in kept_acronyms(docs):
        if surface not in names:
            out[surface] = (_Name(surface, "acronym", kept=True), KEPT_LABEL)
    return out


KEPT_LABEL = "ORG"
"""The provisional label of a recalled acronym no tagger found (:func:`kept_acronyms`): the type
most acronyms name; the align stage gives each recalled mention its entity's label."""
KEPT_MIN_LETTERS = 3
"""Letters an untagged acronym needs to be recalled from Chinese text (two-letter runs there are
mostly units and grades: ``TV``, ``PK``)."""


def kept_acronyms(docs: list[AnalyzedDocument]) -> list[str]:
    """The acronyms a Chinese sentence of the corpus keeps in Latin script among Han characters
    and a Latvian or English document writes too (``GOP``, ``PNG``): a translator who leaves a
    string untranslated treats it as a name, even where no tagger found it. Terms
    (:func:`term_acronyms`) and acronyms of fewer than :data:`KEPT_MIN_LETTERS` letters are left
    out."""
    in_han: set[str] = set()
    in_latin: set[str] = set()
    for doc in docs:
        for _, lang, text, _ in analysis_sentences(doc):
            runs = set(_ACRONYM_RUN.findall(text))
            if not runs:
                continue
            if defaults(lang).spaced:
                in_latin |= runs
            elif is_han(text):
                in_han |= runs
    out: list[str] = []
    for surface in sorted(in_han & in_latin):
        letters = sum(ch.isalpha() for ch in surface)
        if name_kind(surface) != "acronym" or letters < KEPT_MIN_LETTERS:
            continue
        if surface in term_acronyms() or surface.lower() in abbreviations():
            continue
        out.append(surface)
    return out


def _languages_disagree(name: _Name) -> bool:
    """Whether a word's label disagreement is one language's tagger against another's (tagged in
    two languages or more, one label in each), not one tagger reading it two ways (``Nielsen``)."""
    return len(name.tags) >= 2 and all(len(labels) == 1 for labels in name.lang_labels.values())


def _top(labels: Counter[str]) -> str:
    return sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    name: _Name
    label: str


_RUN = re.compile(rf"[{_LATIN_ALNUM}]+")
_LATIN_CHAR = re.compile(rf"[{_LATIN_ALNUM}]")


def _glued(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is glued to a Latin word by a hyphen, an apostrophe or a dot
    before it (``C-SPAN``, ``O'Neil``) or by a hyphen or a dot after it (``CBS-owned``,
    ``CBS.com``): then it is part of a longer word."""
    if start >= 2 and text[start - 1] in "-'’." and _LATIN_CHAR.match(text[start - 2]):
        return True
    return end + 1 < len(text) and text[end] in "-." and bool(_LATIN_CHAR.match(text[end + 1]))


class _Matcher:
    """Finds the names' exact occurrences: at the start of each run of Latin letters and digits,
    the names whose first run it is are tried, longest first (whitespace runs as any whitespace;
    no Latin letter or digit may follow)."""

    def __init__(self, names: dict[str, tuple[_Name, str]]) -> None:
        by_first: dict[str, list[str]] = defaultdict(list)
        for surface in names:
            first = _RUN.match(surface)
            if first is not None:
                by_first[first.group()].append(surface)
        self.names = names
        self.by_first = {
            run: [(s.split(" "), s) for s in sorted(surfaces, key=lambda s: (-len(s), s))]
            for run, surfaces in by_first.items()
        }

    def hits(self, text: str) -> list[_Hit]:
        out: list[_Hit] = []
        for run in _RUN.finditer(text):
            for words, surface in self.by_first.get(run.group(), ()):
                end = _match_words(text, run.start(), words)
                if end is not None:
                    name, label = self.names[surface]
                    out.append(_Hit(run.start(), end, name, label))
                    break
        return out


def _match_words(text: str, start: int, words: list[str]) -> int | None:
    """Where ``words`` end when they occur at ``start`` separated by whitespace runs, and no Latin
    letter or digit follows; else ``None``."""
    at = start
    for n, word in enumerate(words):
        if n:
            gap = at
            while at < len(text) and text[at].isspace():
                at += 1
            if at == gap:
                return None
        if not text.startswith(word, at):
            return None
        at += len(word)
    return None if _LATIN_CHAR.match(text, at) else at


def _lemma_keys(names: dict[str, tuple[_Name, str]], lang: str) -> dict[NameKey, tuple[_Name, str]]:
    """Names keyed by the lemmas of their words in inflected ``lang`` (words of one surface that
    the word pattern covers whole; names of different labels under one key are dropped)."""
    usable = [s for s in sorted(names) if " ".join(m.group() for m in NAME_WORD.finditer(s)) == s]
    if not usable:
        return {}
    keyed: dict[NameKey, list[str]] = defaultdict(list)
    for surface, words in zip(usable, name_words(usable, lang), strict=True):
        key = tuple(w.key for w in words)
        if all(w.capitalized for w in words) and (len(key) > 1 or len(key[0]) >= MIN_LETTERS):
            keyed[key].append(surface)
    out: dict[NameKey, tuple[_Name, str]] = {}
    for key, surfaces in keyed.items():
        labels = {names[s][1] for s in surfaces}
        if len(labels) != 1:
            continue
        merged = _Name(surfaces[0], names[surfaces[0]][0].kind)
        for s in surfaces:
            merged.labels.update(names[s][0].labels)
            merged.docs |= names[s][0].docs
            merged.tags.update(names[s][0].tags)
            merged.parts.append(names[s][0])
        out[key] = (merged, labels.pop())
    return out


def _part_of_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalized word (not a function word, nor the first word of the sentence, whose
    capital says nothing) joins ``text[start:end]`` with only spaces between (``Dundee`` in
    ``Dundee Stars``, ``Microsoft`` in ``Microsoft Research``)."""
    before = re.search(r"([^\W_][\w.&'’-]*)[ \u00a0]+$", text[:start])
    if before and _capitalized(before.group(1)) and not _sentence_initial(text, before.start(1)):
        if before.group(1).lower() not in function_words():
            return True
    after = re.match(r"[ \u00a0]+([^\W_][\w&+'’-]*)", text[end:])
    if after and _capitalized(after.group(1)) and after.group(1).lower() not in function_words():
        return True
    return False


def _sentence_initial(text: str, start: int) -> bool:
    """Whether nothing but punctuation and spaces precedes ``start`` in the sentence ``text``."""
    return not any(ch.isalnum() for ch in text[:start])


def _eligible(text: str, hit: _Hit, spaced: bool) -> bool:
    """Whether an occurrence in a sentence ``text`` passes the guards: not glued to a longer word,
    not part of a longer name, and (one ordinary word, spaced language) not sentence-initial."""
    if _glued(text, hit.start, hit.end) or _part_of_longer_name(text, hit.start, hit.end):
        return False
    return not (spaced and hit.name.kind == "word" and _sentence_initial(text, hit.start))


def analysis_sentences(doc: AnalyzedDocument) -> Iterator[tuple[int, str, str, int]]:
    """(index, language, analysis text, offset) of the lv/en/zh sentences of ``doc``."""
    analysis = doc.analysis_view
    for index, sentence in enumerate(doc.sentences):
        if sentence.lang in SUPPORTED:
            yield index, sentence.lang, analysis[sentence.start : sentence.end], sentence.start


class _Spans:
    """Fixed character spans, asked whether any overlaps ``[start, end)`` in logarithmic time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []  # the largest end among the spans up to each index
        for _, b in ordered:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, end)  # spans that start before ``end``
        return before > 0 and self.reach[before - 1] > start


READ_SHARE = 1 / 4
"""Share of a name's readings (its mentions plus its untagged occurrences that recall would tag)
that the taggers must have tagged: in all languages together, and in the language of an
occurrence if its tagger ever tagged the name. A name found once in one of three translations
(1/3) is recalled; ``June`` tagged once among the dates of a corpus, a file format tagged in a
fifth of its occurrences, or a word one tagger tagged once among nine readings, is not."""


def recall_names(docs: list[AnalyzedDocument]) -> dict[str, list[Mention]]:
    """Document id → the mentions corpus recall adds to it (sorted by offset; documents that
    get none are left out). ``docs`` in any order: the result does not depend on it."""
    names = found_names(docs)
    if not names:
        return {}
    matcher = _Matcher(names)
    keyed: dict[str, dict[NameKey, tuple[_Name, str]]] = {}
    # Every occurrence recall could tag, and how often each name went untagged per language.
    candidates: list[list[tuple[int, str, int, list[_Hit]]]] = []
    untagged: Counter[tuple[int, str]] = Counter()  # (id of the name, language)
    untagged_all: Counter[int] = Counter()
    for doc in docs:
        own = _Spans((m.start, m.end) for m in doc.mentions)
        sentences = []
        for index, lang, text, offset in analysis_sentences(doc):
            found = matcher.hits(text)
            if defaults(lang).inflected:
                if lang not in keyed:
                    keyed[lang] = _lemma_keys(names, lang)
                found += _lemma_hits(text, lang, keyed[lang])
            found = [
                hit
                for hit in found
                if not own.overlaps(offset + hit.start, offset + hit.end)
                and _eligible(text, hit, defaults(lang).spaced)
            ]
            for hit in found:
                untagged[(id(hit.name), lang)] += 1
                untagged_all[id(hit.name)] += 1
            sentences.append((index, lang, offset, found))
        candidates.append(sentences)

    def read_as_name(name: _Name, lang: str) -> bool:
        """Whether the taggers tagged :data:`READ_SHARE` of the name's readings, all together
        (for a name keyed by lemmas: each of its surfaces) and in ``lang`` if its tagger ever
        tagged it (a language whose tagger never did takes the others' word)."""
        if name.kept:
            return True
        tagged = name.tags[lang]
        if tagged and tagged / (tagged + untagged[(id(name), lang)]) < READ_SHARE:
            return False
        for part in name.parts or [name]:
            tags = sum(part.tags.values())
            if tags / (tags + untagged_all[id(part)]) < READ_SHARE:
                return False
        return True

    added: dict[str, list[Mention]] = {}
    for d, (doc, sentences) in enumerate(zip(docs, candidates, strict=True)):
        taken = [(m.start, m.end) for m in doc.mentions]
        hits: list[tuple[int, int, int, str, str]] = []  # (start, end, sentence, label, lang)
        for index, lang, offset, found in sentences:
            for hit in sorted(found, key=lambda h: (h.start - h.end, h.start)):
                a, b = offset + hit.start, offset + hit.end
                if d in hit.name.docs or any(a < y and x < b for x, y in taken):
                    continue
                if not read_as_name(hit.name, lang):
                    continue
                taken.append((a, b))
                hits.append((a, b, index, hit.label, lang))
        if hits:
            added[doc.doc_id] = mentions_at(doc, sorted(hits))
    return added


def _lemma_hits(text: str, lang: str, names: dict[NameKey, tuple[_Name, str]]) -> list[_Hit]:
    """Occurrences of ``names`` (keyed by word lemmas) in one sentence of inflected ``lang``."""
    if not names:
        return []
    (words,) = name_words([text], lang)
    longest = max(len(k) for k in names)
    wanted = {k: label for k, (_, label) in names.items()}
    out: list[_Hit] = []
    i = 0
    while i < len(words):
        match = longest_name(words, i, wanted, longest)
        if match is None:
            i += 1
            continue
        size, key = match
        name, label = names[key]
        out.append(_Hit(words[i].start, words[i + size - 1].end, name, label))
        i += size
    return out


def mentions_at(
    doc: AnalyzedDocument, hits: list[tuple[int, int, int, str, str]], source: str = SOURCE
) -> list[Mention]:
    """New mentions (``source``, default ``corpus``) of ``doc`` at (start, end, sentence, label,
    language); Latvian ones lemmatized."""
    mentions = [
        Mention(a, b, doc.text[a:b], label, lang, sentence, source=source)
        for a, b, sentence, label, lang in hits
    ]
    inflected = [m for m in mentions if defaults(m.lang).inflected]
    if inflected:
        from pipeline.ner.lemmatize import lemmatize_mentions

        lemmas = lemmatize_mentions([(m.text, m.label) for m in inflected])
        for m, lemma in zip(inflected, lemmas, strict=True):
            m.lemma = lemma
    return mentions


def with_mentions(
    docs: list[AnalyzedDocument], added: dict[str, list[Mention]]
) -> list[AnalyzedDocument]:
    """Shallow copies of ``docs`` whose mentions are their own followed by ``added`` (the
    documents themselves, which may come from the cache, are not changed)."""
    return [
        replace(doc, mentions=doc.mentions + added[doc.doc_id]) if doc.doc_id in added else doc
        for doc in docs
    ]


def take_entity_labels(
    docs: list[AnalyzedDocument],
    added: dict[str, list[Mention]],
    mention_entity: dict[tuple[str, int], str],
    entity_labels: dict[str, str],
) -> None:
    """Give each recalled mention the label of the entity it was linked to (every language's
    taggers voted for it), re-lemmatizing the Latvian ones whose label changed."""
    changed: list[Mention] = []
    for doc in docs:
        for k, m in enumerate(added.get(doc.doc_id, [])):
            label = entity_labels[mention_entity[(doc.doc_id, len(doc.mentions) + k)]]
            if label != m.label:
                m.label = label
                changed.append(m)
    inflected = [m for m in changed if defaults(m.lang).inflected]
    if inflected:
        from pipeline.ner.lemmatize import lemmatize_mentions

        lemmas = lemmatize_mentions([(m.text, m.label) for m in inflected])
        for m, lemma in zip(inflected, lemmas, strict=True):
            m.lemma = lemma
