"""Person spans freed of what is not the person's name: titles (``Sen. Jeff Flake`` → ``Jeff
Flake``) and, in Latvian, a place in the locative run into the name (``Burnastonā Mārvins Kuks``
→ ``Burnastonā`` LOC + ``Mārvins Kuks`` PER).

Taggers trained on one genre often take a title into a person's span (``Rep. Geoff Diehl``, even
typed ORG), or run a place into it through the title (``Arizona Sen. Jeff Flake``), and Latvian
and Chinese write titles after the name (``Mejas kundze``, ``特朗普总统``). Such a span no longer
matches the same person named without the title, in its own document or another language. The
titles are language data (``pipeline/lang/<code>/person_titles.tsv``, place ``before`` or
``after``).

:func:`cut_titles` applies to person spans, and to a span of any type that holds a title ending in
a period (an abbreviation such as ``Sen.`` is a person's title; what follows it is that person).
The name left must still look like one: a capitalized word in a spaced language, two characters
in Chinese. Text before a title is kept as a span only when the gazetteer lists it, with the
gazetteer's type (``Arizona``: LOC); otherwise it is dropped.

:func:`split_locative_place` uses case agreement: every word of a person's name is in one case, so
in a language with :attr:`~pipeline.lang.defaults.LanguageDefaults.locative_endings`, a person span
whose first word ends in a locative ending and whose last word does not is a place (LOC) followed
by the name.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.lang.defaults import defaults
from pipeline.ner.base import Span, join_neighbours
from pipeline.ner.gazetteer import gazetteer

PERSON = "PER"
MIN_HAN_NAME = 2
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _looks_like_name(text: str, spaced: bool) -> bool:
    text = text.strip()
    if not spaced:
        return len(text) >= MIN_HAN_NAME
    return len(text) >= 2 and text[0].isupper() and any(c.isalpha() for c in text[1:])


def _title_before(text: str, span: Span, lang: str) -> tuple[int, int, str] | None:
    """The last title written before a name inside ``span``: (start, end, title)."""
    d = defaults(lang)
    inside = text[span.start : span.end]
    best: tuple[int, int, str] | None = None
    for title in d.titles_before:
        if span.label != PERSON and not title.endswith("."):
            continue
        at = inside.find(title)
        while at >= 0:
            end = at + len(title)
            boundary = not d.spaced or (
                (at == 0 or inside[at - 1].isspace()) and end < len(inside) and inside[end] == " "
            )
            if boundary and _looks_like_name(inside[end:], d.spaced):
                if best is None or at > best[0]:
                    best = (at, end, title)
            at = inside.find(title, at + 1)
    return best


def _title_after(text: str, span: Span, lang: str) -> int | None:
    """Where a title written after the name of a person span begins (offset in ``text``)."""
    d = defaults(lang)
    if span.label != PERSON:
        return None
    inside = text[span.start : span.end]
    for title in d.titles_after:
        if not inside.endswith(title):
            continue
        cut = len(inside) - len(title)
        if d.spaced and (cut == 0 or not inside[cut - 1].isspace()):
            continue
        if _looks_like_name(inside[:cut], d.spaced):
            return span.start + cut
    return None


def cut_titles(text: str, span: Span, lang: str) -> list[Span]:
    """``span`` (offsets into ``text``, one sentence in the models' script) without the person
    titles it holds: the name as a person span, and the text before a title as a span of the
    gazetteer's type when the gazetteer lists it."""
    out: list[Span] = []
    found = _title_before(text, span, lang)
    if found is not None:
        at, end, _ = found
        prefix = text[span.start : span.start + at].strip()
        if prefix:
            label = gazetteer(lang).entries.get(prefix)
            if label is not None:
                start = span.start + text[span.start : span.start + at].index(prefix)
                out.append(Span(start, start + len(prefix), label, span.score, span.source))
        start = span.start + end
        while start < span.end and text[start].isspace():
            start += 1
        span = Span(start, span.end, PERSON, span.score, span.source)
    cut = _title_after(text, span, lang)
    if cut is not None:
        end = cut
        while end > span.start and text[end - 1].isspace():
            end -= 1
        span = Span(span.start, end, span.label, span.score, span.source)
    out.append(span)
    return out


def split_locative_place(text: str, span: Span, lang: str) -> list[Span]:
    """A span that starts with a word in the locative before a name in another case, as a place
    span and a person span (``Latvijā Sandra Kalniete`` tagged ORG: the ambassador in Latvia;
    a span not typed PER splits only where every word after the place is capitalized and none is
    in the locative); a person span of one or two words that ends in the locative,
    as a place span (``Flagstāfā``: no person's name is in the locative, a tagger's confusion of
    the two on FullStack dev); otherwise ``[span]``."""
    endings = defaults(lang).locative_endings
    if not endings:
        return [span]
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, span.start, span.end)]
    if (
        span.label == PERSON
        and 1 <= len(words) <= 2
        and text[words[-1][0] : words[-1][1]].endswith(endings)
    ):
        return [Span(span.start, span.end, "LOC", span.score, span.source)]
    if len(words) < 3:
        return [span]
    first, last = text[words[0][0] : words[0][1]], text[words[-1][0] : words[-1][1]]
    if not first.endswith(endings) or last.endswith(endings) or not first[:1].isupper():
        return [span]
    if span.label != PERSON and not all(
        text[a:b][:1].isupper() and not text[a:b].endswith(endings) for a, b in words[1:]
    ):
        return [span]  # ``Nacionālā Būvkompāniju apvienība``: an organization's name
    return [
        Span(span.start, words[0][1], "LOC", span.score, span.source),
        Span(words[1][0], span.end, PERSON, span.score, span.source),
    ]


_NEXT_WORD = re.compile(r" ([A-Z][a-z]+)\b")
_DATE_AFTER = re.compile(r"\s*(?:\d|,\s*\d{4}\b)")
"""A day or a year after a month: a date (``May 5``, ``May, 2018``; not an age, ``May, 61,``)."""


def join_month_surnames(text: str, spans: list[Span], lang: str) -> list[Span]:
    """Person spans of one sentence, each followed by a capitalized month name that ends the
    person's name taken into it (``Theresa May``, ``Brian May``): a tagger that learned months
    as dates cuts such a surname off. Not where a date follows (``Smith May 5``) or another
    span takes the word; spaced languages with a date grammar only (the months are its
    ``full_months``)."""
    from pipeline.dates.grammar import load_grammar

    grammar = load_grammar(lang)
    if grammar is None or not defaults(lang).spaced:
        return spans
    out = []
    for span in spans:
        after = _NEXT_WORD.match(text, span.end)
        if (
            span.label == PERSON
            and after is not None
            and grammar.lookup("full_months", after.group(1)) is not None
            and not _DATE_AFTER.match(text, after.end())
            and not any(o.start < after.end() and after.start() < o.end for o in spans)
        ):
            span = Span(span.start, after.end(), span.label, span.score, span.source)
        out.append(span)
    return out


_CAPITALIZED_RUN = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?")
"""One or two capitalized words (``May``, ``Van Dyke``)."""


def courtesy_persons(text: str, spans: list[Span], lang: str) -> list[Span]:
    """``spans`` with the name after each courtesy title of ``lang``
    (:attr:`~pipeline.lang.defaults.LanguageDefaults.courtesy_titles`: ``Mrs``, ``Mr.``) a person:
    a capitalized word or two that no span covers becomes a person span (``Mrs May``, read as
    the month or a modal; source ``title``), and a span that is exactly that name takes the
    person type (``Ms. Ford`` tagged ORG). Other spans are kept as they are."""
    titles = defaults(lang).courtesy_titles
    if not titles:
        return spans
    out = list(spans)
    for title in titles:
        at = text.find(title)
        while at >= 0:
            end = at + len(title)
            starts_word = at == 0 or not text[at - 1].isalnum()
            name = _CAPITALIZED_RUN.match(text, end + 1) if text[end : end + 1] == " " else None
            if starts_word and name is not None:
                a, b = name.start(), name.end()
                inside = [i for i, s in enumerate(out) if s.start < b and a < s.end]
                if not inside:
                    out.append(Span(a, b, PERSON, None, "title"))
                elif len(inside) == 1 and (out[inside[0]].start, out[inside[0]].end) == (a, b):
                    found = out[inside[0]]
                    out[inside[0]] = Span(a, b, PERSON, found.score, found.source)
            at = text.find(title, at + 1)
    return sorted(out, key=lambda s: (s.start, s.end))


def clean_person_spans(text: str, span: Span, lang: str) -> list[Span]:
    """:func:`cut_titles`, then :func:`split_locative_place` on what is left (any type)."""
    out: list[Span] = []
    for piece in cut_titles(text, span, lang):
        out += split_locative_place(text, piece, lang)
    return out


JOINED_PERSON_WORDS = 3
"""The most words a person's name joined from two spans may have (given, middle, family)."""


def join_adjacent_persons(text: str, spans: list[Span], lang: str) -> list[Span]:
    """Person spans of one sentence that only a space separates joined into one when they make
    a name of at most :data:`JOINED_PERSON_WORDS` words (``Džona Hovarda`` + ``Džonsona``,
    ``Dionisio`` + ``A. Lind``): a tagger that reads a middle name or an initial as a name
    boundary cuts one person in two. Two people side by side without a comma or a conjunction
    happen in headlines (``Treka Peilina PTSS Donalda Trampa mītiņā``), and there each name has
    two words at least. Spaced languages only."""
    if not defaults(lang).spaced or len(spans) < 2:
        return spans

    def joins(last: Span, span: Span) -> bool:
        return (
            last.label == span.label == PERSON
            and last.end < span.start
            and text[last.end : span.start] == " "
            and len(text[last.start : span.end].split()) <= JOINED_PERSON_WORDS
        )

    return join_neighbours(spans, joins)


_WORD_BEFORE = re.compile(r"(?<![\w'’-])([^\W\d_][^\W\d_'’-]*) $")
"""A word and the one space between it and what follows."""
_SENTENCE_GOES_ON = re.compile(r"[\w,]\s*$")
"""What stands before a word inside a sentence, not at its start or after a quote mark."""
_GLOSS_AFTER = re.compile(r" ?\(([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)+)\)")
"""A name of capitalized words in parentheses right after a span (``Vatsons (Bubba Watson)``)."""


@cache
def _lower_case_titles(lang: str) -> frozenset[str]:
    return frozenset(t.lower() for t in defaults(lang).titles_before)


def _longer_gloss_after(text: str, span: Span) -> bool:
    """Whether the name glossed in parentheses right after ``span`` has more words than it."""
    gloss = _GLOSS_AFTER.match(text, span.end)
    return gloss is not None and len(gloss.group(1).split()) > len(
        text[span.start : span.end].split()
    )


def take_in_given_names(text: str, spans: list[Span], lang: str) -> list[Span]:
    """Person spans of one sentence, each taking in the capitalized word right before it, in a
    language that capitalizes only proper names inside a sentence
    (:attr:`~pipeline.lang.defaults.LanguageDefaults.proper_capitals`): ``tēvam Todam
    Peilinam`` tagged ``Peilinam`` → ``Todam Peilinam``. Not a word at the start of the sentence
    or after a quote mark (unless the original name glossed in parentheses right after the span
    has more words than it: ``Babba Vatsons (Bubba Watson)`` at a sentence start), in capitals
    (``ASV``), a title, a word in the locative (a place: ``Burnastonā``), one another span
    holds, nor where the name would pass :data:`JOINED_PERSON_WORDS` words."""
    language = defaults(lang)
    if not language.proper_capitals or not language.spaced:
        return spans
    titles = _lower_case_titles(lang)
    out = []
    for span in spans:
        word = _WORD_BEFORE.search(text, 0, span.start) if span.label == PERSON else None
        if word is not None:
            w = word.group(1)
            taken = any(o.start < word.end(1) and word.start(1) < o.end for o in spans)
            if (
                w[:1].isupper()
                and not w.isupper()
                and len(w) >= 2
                and (
                    _SENTENCE_GOES_ON.search(text, 0, word.start(1))
                    or _longer_gloss_after(text, span)
                )
                and w.lower() not in titles
                and w.lower() not in language.function_words
                and not w.endswith(language.locative_endings)
                and not taken
                and len(text[word.start(1) : span.end].split()) <= JOINED_PERSON_WORDS
            ):
                span = Span(word.start(1), span.end, span.label, span.score, span.source)
        out.append(span)
    return out
