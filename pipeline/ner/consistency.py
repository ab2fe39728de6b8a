"""Document-level name recall: a name the model found once is tagged wherever it recurs.

A sentence-level model sees each sentence alone, so a name found in one sentence can be missed in
the next (``Rute … Rutei … Rutes``). Within a document a name rarely changes what it refers to
(the "one sense per discourse" observation behind the label-consistency features of Krishnan &
Manning 2006). :func:`tag_recurring_names`, for the sentences of one document in one language:

1. collects the names the model (and gazetteer) found, keyed by :data:`NameKey` — the sequence of
   the name's words, Latvian words reduced to their lemma by the project's word lemmatizer
   (``pipeline.ner.lemmatize.WINNER``, the name suffix rules) so that inflected forms share one
   key — with the labels they were given (a name in quote marks, ``“Rangers”``, by its words:
   Latvian writes the names of organizations, teams and brands in quotes, and FullStack's spans
   take the quotes in), and the last and first words of every person's name of two words or
   more as person's names of their own (a news text names ``Mike Pompeo`` once and ``Pompeo``
   after; a sports text ``Eilīda Doila`` once and ``Eilīdai`` after) — not a function word
   (``The`` of a span ``Nagorno Karabakh War The`` typed PER), not a word the document writes in
   lower case at least as often as capitalized inside a sentence (``Conflict`` of ``Ethnic
   Conflict``; ``May`` of ``Theresa May`` stays), and such a part is not recalled where it
   continues a capitalized word other than a title (``War`` of ``First Karabakh War``);
2. tags, in every sentence, the capitalized word sequences carrying the key of a found name where no
   span lies yet (a name of several words also with its words after the first in lower case:
   ``Elites līga`` beside ``Elites Līgā``), with the label most of that name's spans carry (when one label has a clear
   majority, :data:`MAJORITY`), with the quote marks around the words where the text has them;
   these spans have ``source="document"``. A one-word name is not recalled at all when the
   document writes its word in lower case at least as often as capitalized inside a sentence
   (``Conflict`` on a page that writes ``conflict`` throughout), nor where it
   opens a sentence, whose capital says nothing, when the document writes the word in lower case
   elsewhere (web and mail addresses aside).

Before that, :func:`drop_headline_guesses` drops what the tagger read as names in a headline
written in title case (``Indonesia Tsunami Toll Soars Above 800``): spans holding a capitalized
word the body writes in lower case that the body does not name; step 2 then tags the body's
names inside them again. In a language that capitalizes only proper names inside a sentence,
:func:`drop_sentence_start_guesses` drops a one-word span that only a sentence start
capitalizes, where the document writes the word in lower case elsewhere and tags it nowhere
else (``Komisija pieņēma…`` beside ``komisija``). :func:`retype_person_surnames` types a
one-word span that is the surname of a person the document names in full a person (``Palin``
tagged LOC beside ``Sarah Palin``).

After it, :func:`join_names_an_acronym_spells` joins an organization, a qualifier preposition
and the place after it into one name where the document writes the acronym of the whole
(``National Trust`` + ``for`` + ``Scotland`` beside ``NTS``).

Which languages get it is a measured choice (``DOCUMENT_RECALL_LANGS`` in
:mod:`pipeline.ner.stage`; ``python -m benchmarks.ner_eval --split dev``, *NER dev F1* in
docs/benchmarks.md): on FullStack dev it raised Latvian F1 by recall at equal precision. The
CoNLL copy here has no document boundaries, so English is measured by entity linking on NTREX dev
(``benchmarks.entity_link_eval``), where the recalled surnames raise pair recall. A recalled span
on a time expression is dropped by the stage (``in May`` beside ``Theresa May``).
Re-typing every span of a name to its majority label changed nothing on FullStack dev (a scratch
check, not a benchmarks command), so it is not done. Chinese has no spaces to anchor a word match
on and is refused here; its recall is below.

In Chinese the model's typical slip is the other one: a name cut short at one occurrence
(``伊尔弗勒`` of ``伊尔弗勒科姆``, ``利文斯`` of ``利文斯顿队``, ``裴琳`` of ``雀克‧裴琳``) that it reads
whole elsewhere in the document. :func:`complete_cut_names` extends such a span to the longer
name where the text there reads it, with that name's label; the surname of a person's name
written with an interpunct counts as a person's name of its own (``英`` → ``英格力`` beside
``強尼·英格力``). :func:`tag_recurring_han_names` tags a name of three characters or more where
it recurs whole and untagged (``雀克‧裴琳``, missed once beside four tagged), matched on the
characters and kept apart from longer words by jieba's segmentation, since there are no spaces
to anchor on. :func:`tag_name_parts` then tags the parts of such a name where they recur
untagged (``沃顿`` after ``卢克·沃顿``), unless one of jieba's words holds them and more.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.lang.defaults import LanguageDefaults, defaults
from pipeline.ner.base import Span, is_stem_form, join_neighbours
from pipeline.ner.gazetteer import gazetteer, merge
from pipeline.ner.peoples import people_plurals
from pipeline.text.quotes import (
    CLOSING_QUOTES,
    CLOSING_SINGLE_QUOTES,
    OPENING_QUOTES,
    OPENING_SINGLE_QUOTES,
)

MAJORITY = 2 / 3
"""Share of a name's spans one label needs before the other spans of the name take it."""
MIN_LETTERS = 3
"""Single-word names shorter than this are not propagated (initials, ``AS``, ``ES``)."""

NAME_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
"""A word of a name (hyphenated and apostrophe parts kept whole)."""

NameKey = tuple[str, ...]
"""A name as the sequence of its words' keys (lemmas for Latvian, the words themselves else)."""


@dataclass(frozen=True)
class _Word:
    """One word of a sentence."""

    start: int
    """Offset of its first character in the sentence."""
    end: int
    """Offset one past its last character."""
    key: str
    """What it is matched by: its lemma (Latvian) or itself."""
    capitalized: bool
    """Whether it starts with an upper-case letter."""


def _word_normalizer(lang: str) -> Callable[[list[str]], list[str]]:
    if defaults(lang).inflected:  # the project's word lemmatizer (Latvian rules)
        from pipeline.ner.lemmatize import WINNER, word_lemmatizer

        return word_lemmatizer(WINNER).lemmatize
    return lambda words: words


def name_words(texts: list[str], lang: str) -> list[list[_Word]]:
    """The words of each text with their keys (lemmas where names inflect) and capitalization."""
    matches = [list(NAME_WORD.finditer(text)) for text in texts]
    flat = [m.group() for sentence in matches for m in sentence]
    keys = iter(_word_normalizer(lang)(flat))
    return [
        [_Word(m.start(), m.end(), next(keys), m.group()[:1].isupper()) for m in sentence]
        for sentence in matches
    ]


NAME_OPENING_QUOTES = OPENING_QUOTES + OPENING_SINGLE_QUOTES
NAME_CLOSING_QUOTES = CLOSING_QUOTES + CLOSING_SINGLE_QUOTES
"""Quote marks a name may stand in (``“Rangers”``: Latvian writes the names of organizations,
teams and brands in quotes, and FullStack's spans include them)."""


def _span_key(span: Span, words: list[_Word], text: str) -> NameKey | None:
    """The key of a span whose edges fall on word edges, or on the quote marks around its words;
    None for a span cutting a word."""
    inside = [w for w in words if span.start <= w.start and w.end <= span.end]
    if not inside:
        return None
    lead, trail = text[span.start : inside[0].start], text[inside[-1].end : span.end]
    quoted = (
        len(lead) == 1 == len(trail)
        and lead in NAME_OPENING_QUOTES
        and trail in NAME_CLOSING_QUOTES
    )
    if (lead or trail) and not quoted:
        return None
    return tuple(w.key for w in inside)


def _quoted(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``–``end`` with the quote marks right around it, where both are there."""
    if (
        start > 0
        and end < len(text)
        and text[start - 1] in NAME_OPENING_QUOTES
        and text[end] in NAME_CLOSING_QUOTES
    ):
        return start - 1, end + 1
    return start, end


def _majority(votes: Counter[str]) -> str | None:
    label, count = votes.most_common(1)[0]
    return label if count / sum(votes.values()) >= MAJORITY else None


def _inside_capitalized_run(text: str, words: list[_Word], i: int, titles: set[str]) -> bool:
    """Whether word ``i`` continues a capitalized word right before it (a space or hyphen
    between) that neither opens the sentence nor is a person's title: the word is then part of
    a longer name."""
    if i <= 1:
        return False
    before = words[i - 1]
    return (
        before.capitalized
        and text[before.end : words[i].start] in (" ", "-")
        and text[before.start : before.end] not in titles
    )


def _common_words(texts: list[str], words: list[list[_Word]]) -> set[str]:
    """Keys (lower-cased) of the words the document writes in lower case at least as often as
    capitalized inside a sentence: ``war`` in a text that tags ``Nagorno-Karabakh War`` as a
    person is no surname to recall, while ``May`` of ``Theresa May`` is written capitalized more
    often than the modal ``may``. Web and mail addresses do not count."""
    lower: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for text, sentence_words in zip(texts, words, strict=True):
        for n, w in enumerate(sentence_words):
            if not w.capitalized:
                if not _in_address(text, w.start, w.end):
                    lower[w.key.lower()] += 1
            elif n > 0:
                inside[w.key.lower()] += 1
    return {key for key, n in lower.items() if n >= inside[key]}


def _function(key: NameKey, function: set[str]) -> bool:
    """Whether a one-word key is a function word of the language (``The`` of a span
    ``Nagorno Karabakh War The`` typed PER is nobody's surname)."""
    return len(key) == 1 and key[0].lower() in function


def tag_recurring_names(
    texts: list[str],
    spans: list[list[Span]],
    lang: str,
    words: list[list[_Word]] | None = None,
) -> list[list[Span]]:
    """``spans`` (one list per sentence of ONE document, offsets into ``texts``) plus the found
    names' other occurrences in the document. ``words``: the document's :func:`name_words`,
    where the caller has them."""
    if not defaults(lang).spaced:
        raise ValueError(f"document recall matches whole words; {lang} text has no word boundaries")
    words = name_words(texts, lang) if words is None else words
    function = {w.lower() for w in defaults(lang).function_words}
    peoples = people_plurals(lang)
    votes: dict[NameKey, Counter[str]] = defaultdict(Counter)
    parts: Counter[NameKey] = Counter()  # surnames and given names of the persons found
    for text, sentence_spans, sentence_words in zip(texts, spans, words, strict=True):
        for span in sentence_spans:
            key = _span_key(span, sentence_words, text)
            if (
                key is None
                or len(key) == 1
                and (len(key[0]) < MIN_LETTERS or _function(key, function))
            ):
                continue
            votes[key][span.label] += 1
            if span.label == "PER" and len(key) > 1:
                for part in (key[-1], key[0]):  # surname, given name; no people's name
                    if (  # (``Armenians`` of a span ``Miatsum Armenians`` typed PER)
                        len(part) >= MIN_LETTERS
                        and not _function((part,), function)
                        and part not in peoples
                    ):
                        parts[(part,)] += 1
    common = _common_words(texts, words)
    parts_only = {key for key in parts if key not in votes}
    for key, n in parts.items():
        if key[0].lower() not in common:
            votes[key]["PER"] += n  # ``Pompeo`` (or ``Mike``) alone, after ``Mike Pompeo``
    names = {
        key: label
        for key, counts in votes.items()
        if (label := _majority(counts)) and (len(key) > 1 or key[0].lower() not in common)
    }
    if not names:
        return spans
    longest = max(len(key) for key in names)
    folded = {tuple(k.lower() for k in key): key for key in names if len(key) > 1}
    lower = _lower_elsewhere(texts, words)
    titles = {t.split()[-1] for t in defaults(lang).titles_before}
    out: list[list[Span]] = []
    for text, sentence_spans, sentence_words in zip(texts, spans, words, strict=True):
        found = list(sentence_spans)
        i = 0
        while i < len(sentence_words):
            match = longest_name(sentence_words, i, names, longest, folded)
            first = sentence_words[i]
            if match is None or (
                i == 0 and match[0] == 1 and text[first.start : first.end].lower() in lower
            ):  # one capitalized word opening a sentence, written in lower case elsewhere
                i += 1
                continue
            if match[1] in parts_only and _inside_capitalized_run(text, sentence_words, i, titles):
                i += 1  # ``War`` of ``First Nagorno-Karabakh War`` (after ``Nagorno-Karabakh War``
                continue  # typed PER) is no surname; ``President Trump``'s is
            size, key = match
            start, end = _quoted(text, sentence_words[i].start, sentence_words[i + size - 1].end)
            recalled = Span(start, end, names[key], source="document")
            if not any(recalled.overlaps(s) for s in found):
                found.append(recalled)
            i += size
        out.append(sorted(found, key=lambda s: (s.start, s.end)))
    return out


def retype_person_surnames(
    texts: list[str],
    spans: list[list[Span]],
    lang: str,
    words: list[list[_Word]] | None = None,
) -> list[list[Span]]:
    """``spans`` (one list per sentence of ONE document) with every one-word span that is the
    surname of a person the document names in full typed as a person: ``Palin`` tagged LOC four
    times in a text about ``Sarah Palin``, ``Todd Palin`` and their son (``Palin, 29, of
    Wasilla``: the tagger reads the place the sentence goes on to). A text that names a person
    in full and then by the surname means the person by it; the sentence-level tagger sees one
    sentence only. The full names (capitalized after their first word: not ``On Ruins of
    Empire``) must be at least as many as the word's spans of other types (one ``Mountainous
    Karabakh`` typed PER does not make the place a surname), and the word no place the
    language's gazetteer lists (``Yerevan``), no word the document writes in lower case and none
    it writes after an article (``the Empire`` beside a ``Byzantine Empire`` typed PER)."""
    if not defaults(lang).spaced:
        raise ValueError(f"document recall matches whole words; {lang} text has no word boundaries")
    words = name_words(texts, lang) if words is None else words
    keys = [
        [_span_key(span, sentence_words, text) for span in sentence_spans]
        for text, sentence_spans, sentence_words in zip(texts, spans, words, strict=True)
    ]
    lower = _lower_elsewhere(texts, words)
    listed = gazetteer(lang)
    articles = frozenset(defaults(lang).articles)
    full: Counter[str] = Counter()  # surname → the person's names in full that end in it
    alone: Counter[str] = Counter()  # word → its one-word spans typed otherwise
    common: set[str] = set()  # ... that the document writes in lower case or lists as a place
    for text, sentence_spans, sentence_keys in zip(texts, spans, keys, strict=True):
        for span, key in zip(sentence_spans, sentence_keys, strict=True):
            if key is None:
                continue
            name = text[span.start : span.end]
            if span.label == "PER" and len(key) > 1 and len(key[-1]) >= MIN_LETTERS:
                if all(word[:1].isupper() for word in name.split()[1:]):
                    full[key[-1]] += 1  # (not ``On Ruins of Empire``)
            elif span.label != "PER" and len(key) == 1:
                alone[key[0]] += 1
                before = text[: span.start].split()[-1:]
                if (
                    name.lower() in lower
                    or listed.nominative(name) is not None
                    or (before and before[0].lower() in articles)
                ):
                    common.add(key[0])
    surnames = {name for name, n in full.items() if n >= alone[name] and name not in common}
    if not surnames:
        return spans
    return [
        [
            Span(span.start, span.end, "PER", span.score, span.source)
            if span.label != "PER" and key is not None and len(key) == 1 and key[0] in surnames
            else span
            for span, key in zip(sentence_spans, sentence_keys, strict=True)
        ]
        for sentence_spans, sentence_keys in zip(spans, keys, strict=True)
    ]


def drop_sentence_start_guesses(
    texts: list[str],
    spans: list[list[Span]],
    lang: str,
    words: list[list[_Word]] | None = None,
) -> list[list[Span]]:
    """``spans`` (one list per sentence of ONE document) without the one-word spans at the start
    of a sentence that the document writes in lower case elsewhere (the same word, or a form of
    it: ``Eglītes`` beside ``eglīti``) and tags nowhere else, in a language that capitalizes only
    proper names inside a sentence (``proper_capitals``): there the capital says nothing, and the
    document's own writing says it is a common word (``Komisija pieņēma lēmumu``, ``Krastmalā
    pāris minūšu…``)."""
    if not defaults(lang).proper_capitals:
        return spans
    words = name_words(texts, lang) if words is None else words
    lower_keys = {w.key.lower() for sentence in words for w in sentence if not w.capitalized}
    tagged: Counter[str] = Counter()
    for text, sentence_spans, sentence_words in zip(texts, spans, words, strict=True):
        for span in sentence_spans:
            key = _span_key(span, sentence_words, text)
            if key is not None and len(key) == 1:
                tagged[key[0].lower()] += 1
    out: list[list[Span]] = []
    for text, sentence_spans, sentence_words in zip(texts, spans, words, strict=True):
        first = sentence_words[0].start if sentence_words else -1
        kept = []
        for span in sentence_spans:
            key = _span_key(span, sentence_words, text)
            if (
                span.start == first
                and key is not None
                and len(key) == 1
                and key[0].lower() in lower_keys
                and tagged[key[0].lower()] == 1
                and not text[span.start : span.end].isupper()
            ):
                continue
            kept.append(span)
        out.append(kept)
    return out


MIN_HEADLINE_EVIDENCE = 1
"""Capitalized words (not the first) that the rest of the document writes in lower case, which
make a sentence a headline written in title case (``Indonesia Tsunami Toll Soars Above 800``) ...
"""
MIN_HEADLINE_CAPITALS = 0.8
"""... when this share of its words (function words aside) is capitalized."""


def _lower_elsewhere(texts: list[str], words: list[list[_Word]]) -> dict[str, set[int]]:
    """Word → the sentences of the document that write it in lower case, outside web and mail
    addresses (``www.pillar.lv`` writes no word ``pillar``)."""
    out: dict[str, set[int]] = defaultdict(set)
    for n, (text, sentence_words) in enumerate(zip(texts, words, strict=True)):
        for w in sentence_words:
            if not w.capitalized and not _in_address(text, w.start, w.end):
                out[text[w.start : w.end]].add(n)
    return out


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start``–``end`` is part of a web or mail address: a ``.``, ``@``
    or ``/`` joins it to a letter on either side."""
    before, after = text[max(0, start - 2) : start], text[end : end + 2]
    return (len(before) == 2 and before[1] in "./@" and before[0].isalnum()) or (
        len(after) == 2 and after[0] in "./@" and after[1].isalnum()
    )


def _common_capitals(text: str, words: list[_Word], n: int, lower: dict[str, set[int]]) -> int:
    """Capitalized ``words`` of sentence ``n`` that another sentence writes in lower case."""
    return sum(
        1 for w in words if w.capitalized and lower.get(text[w.start : w.end].lower(), set()) - {n}
    )


def headline_sentences(
    texts: list[str],
    words: list[list[_Word]],
    lang: str,
    lower: dict[str, set[int]] | None = None,
) -> set[int]:
    """The sentences of one document written in title case: :data:`MIN_HEADLINE_CAPITALS` of
    their words other than function words are capitalized, and :data:`MIN_HEADLINE_EVIDENCE` of
    them after the first are words that other sentences of the document write in lower case
    (``Tsunami``, ``Toll`` beside ``the tsunami's toll``). A sentence of names (``Rīga, Jelgava
    un Liepāja``) has no such words; a sentence of prose has few capitals. ``lower``: the
    document's :func:`_lower_elsewhere`, where the caller has it."""
    function_words = defaults(lang).function_words
    lower = _lower_elsewhere(texts, words) if lower is None else lower
    out = set()
    for n, (text, sentence_words) in enumerate(zip(texts, words, strict=True)):
        content = [w for w in sentence_words if text[w.start : w.end].lower() not in function_words]
        capitals = sum(w.capitalized for w in content)
        if not content or capitals < MIN_HEADLINE_CAPITALS * len(content):
            continue
        if _common_capitals(text, sentence_words[1:], n, lower) >= MIN_HEADLINE_EVIDENCE:
            out.add(n)
    return out


def drop_headline_guesses(
    texts: list[str],
    spans: list[list[Span]],
    lang: str,
    listed: Callable[[str], list[Span]] | None = None,
    words: list[list[_Word]] | None = None,
) -> list[list[Span]]:
    """``spans`` (one list per sentence of ONE document) without the spans of its title-case
    sentences (:func:`headline_sentences`) that hold a word the rest of the document writes in
    lower case and are no name the rest of the document names: capitals say nothing in a
    headline, and the tagger reads runs of them as names (``Indonesia Tsunami Toll Soars
    Above``, ``Trump Will``, ``El Salvador Over Support``). The names inside that the body does
    name are tagged again by :func:`tag_recurring_names` (``Indonesia``, ``Trump``), and so are
    the names inside that ``listed`` (the gazetteer's finder) finds in the sentence; a name the
    headline alone holds (``China``, ``U.S.``) stays. ``words``: the document's
    :func:`name_words`, where the caller has them (the other rules here take them too)."""
    words = name_words(texts, lang) if words is None else words
    lower = _lower_elsewhere(texts, words)
    headlines = headline_sentences(texts, words, lang, lower)
    if not headlines:
        return spans
    known: set[NameKey] = set()
    for n, (text, sentence_spans, sentence_words) in enumerate(
        zip(texts, spans, words, strict=True)
    ):
        if n in headlines:
            continue
        for span in sentence_spans:
            key = _span_key(span, sentence_words, text)
            if key is not None:
                known.add(key)

    def guess(n: int, span: Span) -> bool:
        text, sentence_words = texts[n], words[n]
        key = _span_key(span, sentence_words, text)
        inside = [w for w in sentence_words if span.start <= w.start and w.end <= span.end]
        return key is not None and key not in known and _common_capitals(text, inside, n, lower) > 0

    out = []
    for n, sentence_spans in enumerate(spans):
        kept = [s for s in sentence_spans if n not in headlines or not guess(n, s)]
        if len(kept) < len(sentence_spans) and listed is not None:
            kept = merge(kept, listed(texts[n]))
        out.append(kept)
    return out


_ACRONYM_WORD = re.compile(r"(?<![\w.])[A-Z]{2,6}(?![\w.])")


def _initials(name: str, function_words: frozenset[str]) -> str:
    return "".join(
        w[0] for w in name.split() if w.lower() not in function_words and w[:1].isupper()
    )


def join_names_an_acronym_spells(
    texts: list[str], spans: list[list[Span]], lang: str
) -> list[list[Span]]:
    """``spans`` (one list per sentence of ONE document) with an organization's span, one of the
    language's qualifier prepositions and the span after it (a place or organization) joined
    into one organization where the document writes the acronym of the whole (``National Trust``
    + ``for`` + ``Scotland`` beside ``NTS``): the acronym says the place belongs to the name.
    Without one, :func:`pipeline.ner.stage.join_qualified_organizations` keeps a place after the
    preposition apart (``Security Council on North Korea``)."""
    language = defaults(lang)
    qualifiers = language.qualifier_prepositions
    if not qualifiers:
        return spans
    acronyms = {m.group() for text in texts for m in _ACRONYM_WORD.finditer(text)}
    if not acronyms:
        return spans

    def joins(text: str) -> Callable[[Span, Span], bool]:
        def spelled(last: Span, span: Span) -> bool:
            between = text[last.end : span.start]
            return (
                last.label == "ORG"
                and span.label in ("ORG", "LOC")
                and between == f" {between.strip()} "
                and between.strip() in qualifiers
                and _initials(text[last.start : span.end], language.function_words) in acronyms
            )

        return spelled

    return [
        join_neighbours(sentence_spans, joins(text))
        for text, sentence_spans in zip(texts, spans, strict=True)
    ]


def longest_name(
    words: list[_Word],
    i: int,
    names: dict[NameKey, str],
    longest: int,
    folded: dict[NameKey, NameKey] | None = None,
) -> tuple[int, NameKey] | None:
    """(number of words, key) of the longest capitalized found name starting at word ``i``;
    with ``folded`` (lower-cased keys of names of two words or more → their keys), also a
    longer one whose words after the capitalized first are written in lower case (``Elites
    līga`` beside ``Elites Līgā``: Latvian capitalizes a name's first word only)."""
    run = 0  # the capitalized words from ``i`` on: a name is no longer than they are
    while run < longest and i + run < len(words) and words[i + run].capitalized:
        run += 1
    if folded and run:
        for size in range(min(longest, len(words) - i), max(run, 1), -1):
            key = folded.get(tuple(w.key.lower() for w in words[i : i + size]))
            if key is not None:
                return size, key
    for size in range(run, 0, -1):
        key = tuple(w.key for w in words[i : i + size])
        if key in names:
            return size, key
    return None


NAME_DOTS = "·‧・"
"""The dots between the words of a transcribed name in Chinese text."""


def _script(ch: str) -> str:
    """``han``, ``latin`` (letters and digits of other scripts included) or ``other``."""
    if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch in NAME_DOTS:
        return "han"
    return "latin" if ch.isalnum() else "other"


def _completes(added: str, edge: str) -> bool:
    """Whether ``added``, written next to a span character ``edge``, continues the same name:
    Han characters (and interpuncts) beside Han, Latin words (and the spaces between them)
    beside Latin; no other mark (``Gary Holt 的球队`` is a possessive, not a longer name)."""
    want = _script(edge)
    if want == "other" or not added:
        return not added
    if want == "latin":
        return all(_script(c) == "latin" or c == " " for c in added)
    return all(_script(c) == "han" for c in added)


MIN_LATIN_SURNAME = 3
"""Letters the last word of a person's name in Latin letters needs to be recalled alone."""
MIN_NAME_PART = 2
"""Characters a part of such a name needs to count as a name of its own."""


def _unspaced_name_votes(
    texts: list[str], spans: list[list[Span]], lang: str, keep: Callable[[str], bool]
) -> dict[str, Counter[str]]:
    """Name (the span's text) → its labels, over the spans of one document in an unspaced
    language whose text ``keep`` accepts."""
    if defaults(lang).spaced:
        raise ValueError(f"{lang} names end at word boundaries: use tag_recurring_names")
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for text, sentence_spans in zip(texts, spans, strict=True):
        for span in sentence_spans:
            name = text[span.start : span.end]
            if keep(name):
                votes[name][span.label] += 1
    return votes


def complete_cut_names(texts: list[str], spans: list[list[Span]], lang: str) -> list[list[Span]]:
    """``spans`` (one list per sentence of ONE document in an unspaced language) with every span
    that the text continues into a longer name found elsewhere in the document extended to that
    name, with the label most of its spans carry; not where the longer name would overlap
    another span, or where what it adds is of another script or holds a mark."""
    votes = _unspaced_name_votes(texts, spans, lang, lambda name: True)
    for text, sentence_spans in zip(texts, spans, strict=True):
        for span in sentence_spans:
            if span.label == "PER":  # ``英格力`` of ``強尼·英格力``: the surname, written alone
                name = text[span.start : span.end]
                for part in re.split(f"[{NAME_DOTS}]", name)[1:]:
                    if len(part) >= MIN_NAME_PART:
                        votes[part]["PER"] += 1
    names = sorted(votes, key=len, reverse=True)
    out: list[list[Span]] = []
    for text, sentence_spans in zip(texts, spans, strict=True):
        found = list(sentence_spans)
        for k, span in enumerate(found):
            inside = text[span.start : span.end]
            for name in names:
                if len(name) <= len(inside):
                    break
                at = name.find(inside)
                start = span.start - at
                if at < 0 or start < 0 or text[start : start + len(name)] != name:
                    continue
                end = start + len(name)
                before, after = text[start : span.start], text[span.end : end]
                if not (_completes(before, inside[0]) and _completes(after, inside[-1])):
                    continue
                longer = Span(start, end, votes[name].most_common(1)[0][0], source=span.source)
                if any(longer.overlaps(o) for j, o in enumerate(found) if j != k):
                    continue
                found[k] = longer
                break
        out.append(sorted(found, key=lambda s: (s.start, s.end)))
    return out


MIN_RECALLED_HAN = 3
"""Characters a Chinese name needs to be recalled where it recurs (:func:`tag_recurring_han_names`)."""


def tag_recurring_han_names(
    texts: list[str], spans: list[list[Span]], lang: str
) -> list[list[Span]]:
    """``spans`` (one list per sentence of ONE document in an unspaced language) plus the
    untagged occurrences of a name the document tags elsewhere, written in Han characters (and
    interpuncts) whole (``雀克‧裴琳`` in ``…的長子雀克‧裴琳 (Track Palin)`` beside four tagged
    ``雀克‧裴琳``), with the label most of its spans carry (:data:`MAJORITY`; none where the
    labels split). An occurrence is skipped where a span overlaps it, an interpunct is next to it
    (a part of a longer transcribed name) or one of jieba's words holds it and more (``美国`` of
    ``美国人``). Longer names go first, so a full name is placed before its parts. A name needs
    :data:`MIN_RECALLED_HAN` characters: a two-character span the tagger got wrong is often a
    common word (``西南``, "southwest"; ``余威``, "remnant force"), which recall would copy."""
    from pipeline.ner.chinese import within_word

    votes = _unspaced_name_votes(
        texts,
        spans,
        lang,
        lambda name: len(name) >= MIN_RECALLED_HAN and all(_script(ch) == "han" for ch in name),
    )
    labels = {
        name: label
        for name, counts in votes.items()
        if (label := _majority(counts)) is not None and name[0] not in NAME_DOTS
    }
    if not labels:
        return spans
    out: list[list[Span]] = []
    for text, sentence_spans in zip(texts, spans, strict=True):
        found = list(sentence_spans)
        for name in sorted(labels, key=lambda n: (-len(n), n)):
            for m in re.finditer(re.escape(name), text):
                start, end = m.start(), m.end()
                beside = (text[start - 1 : start], text[end : end + 1])
                if any(ch and ch in NAME_DOTS for ch in beside):
                    continue
                recalled = Span(start, end, labels[name], source="document")
                if not any(recalled.overlaps(s) for s in found) and not within_word(
                    text, start, end
                ):
                    found.append(recalled)
        out.append(sorted(found, key=lambda s: (s.start, s.end)))
    return out


def tag_name_parts(texts: list[str], spans: list[list[Span]], lang: str) -> list[list[Span]]:
    """``spans`` (one list per sentence of ONE document in an unspaced language) plus the
    untagged occurrences of a part of a person's name written with an interpunct elsewhere in the
    document (``沃顿`` after ``卢克·沃顿``, ``里赫`` after ``格兰特·里赫``: Chinese news names a
    foreign person by the surname once it has given the whole name), and of the last word of a
    person's name the text keeps in Latin letters (``Zárate`` after ``Paz Zárate``), tagged PER
    unless one of jieba's words holds it and more (``沃顿`` of ``沃顿商学院``), an interpunct or
    a Latin letter is next to it or a span overlaps it. A part needs :data:`MIN_NAME_PART`
    characters (:data:`MIN_LATIN_SURNAME` letters in Latin script)."""
    from pipeline.ner.chinese import within_word

    if defaults(lang).spaced:
        raise ValueError(f"{lang} names end at word boundaries: use tag_recurring_names")
    parts: set[str] = set()
    for text, sentence_spans in zip(texts, spans, strict=True):
        for span in sentence_spans:
            name = text[span.start : span.end]
            if span.label != "PER":
                continue
            if any(dot in name for dot in NAME_DOTS):
                parts.update(p for p in re.split(f"[{NAME_DOTS}]", name) if len(p) >= MIN_NAME_PART)
            elif _script(name[0]) == "latin" and 2 <= len(words := name.split()) <= 4:
                if len(words[-1]) >= MIN_LATIN_SURNAME and words[-1][0].isupper():
                    parts.add(words[-1])  # ``Zárate`` of ``Paz Zárate``, kept in Latin letters
    if not parts:
        return spans
    out: list[list[Span]] = []
    for text, sentence_spans in zip(texts, spans, strict=True):
        found = list(sentence_spans)
        for part in sorted(parts, key=len, reverse=True):
            for m in re.finditer(re.escape(part), text):
                start, end = m.start(), m.end()
                beside = [ch for ch in (text[start - 1 : start], text[end : end + 1]) if ch]
                if any(ch in NAME_DOTS for ch in beside):
                    continue
                if _script(part[0]) == "latin" and any(_script(ch) == "latin" for ch in beside):
                    continue  # inside a longer Latin word
                recalled = Span(start, end, "PER", source="document")
                if not any(recalled.overlaps(s) for s in found) and not within_word(
                    text, start, end
                ):
                    found.append(recalled)
        out.append(sorted(found, key=lambda s: (s.start, s.end)))
    return out


def _administration_word(name: str, language: LanguageDefaults) -> str | None:
    """The word of ``administration_words`` that ends ``name``, as written there: in a spaced
    language its last word when that is a stem of the list and a case ending (``Džerarda
    komandas``), else the listed word it ends with (``川普政府``)."""
    if language.spaced:
        last = name.split()[-1] if " " in name else ""
        return last if is_stem_form(last, language.administration_words) else None
    return next((w for w in language.administration_words if name.endswith(w)), None)


def persons_before_administrations(
    texts: list[str], spans: list[list[Span]], lang: str
) -> list[list[Span]]:
    """``spans`` (one list per sentence of ONE document) where an organization span is a name the
    document tags as a person elsewhere (mostly) followed by one of the language's
    ``administration_words`` (``川普政府``, the Trump administration, beside ``川普`` alone): that
    span becomes the person alone. A government of a place (``西班牙政府``) keeps its span."""
    language = defaults(lang)
    if not language.administration_words:
        return spans
    view = language.to_model_script
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for text, found in zip(texts, spans, strict=True):
        for s in found:
            labels[view(text[s.start : s.end])][s.label] += 1
    # names the document tags as a person more often than as anything else
    persons = {name for name, votes in labels.items() if _majority(votes) == "PER"}
    out: list[list[Span]] = []
    for text, found in zip(texts, spans, strict=True):
        kept: list[Span] = []
        for span in found:
            name = view(text[span.start : span.end])
            word = _administration_word(name, language)
            if span.label == "ORG" and word and name[: -len(word)].rstrip() in persons:
                end = span.end - len(word)
                while end > span.start and text[end - 1].isspace():
                    end -= 1
                span = Span(span.start, end, "PER", span.score, span.source)
            kept.append(span)
        out.append(kept)
    return out
