"""The ``ner`` document stage: named-entity mentions for lv, en and zh sentences."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from pipeline.dates import is_deictic
from pipeline.lang.defaults import LanguageDefaults, defaults
from pipeline.ner.base import (
    MAX_HEAD_ENDING,
    SUPPORTED_LANGS,
    Span,
    backend_options,
    get_backend,
    is_stem_form,
    join_neighbours,
    resolve,
    resolve_boundary_model,
)
from pipeline.ner.boundaries import extend_cut_names
from pipeline.ner.chinese import NAME_WORD_TAGS, has_clause_word, tagged_words
from pipeline.ner.consistency import (
    complete_cut_names,
    drop_headline_guesses,
    drop_sentence_start_guesses,
    join_names_an_acronym_spells,
    name_words,
    persons_before_administrations,
    retype_person_surnames,
    tag_name_parts,
    tag_recurring_han_names,
    tag_recurring_names,
)
from pipeline.ner.gazetteer import gazetteer, merge
from pipeline.ner.latin_names import add_latin_names, latin_view
from pipeline.ner.peoples import drop_peoples
from pipeline.ner.person_spans import (
    clean_person_spans,
    courtesy_persons,
    join_adjacent_persons,
    join_month_surnames,
    take_in_given_names,
)
from pipeline.ner.place_spans import split_address
from pipeline.records import AnalyzedDocument, Mention, TimeExpression
from pipeline.settings import Settings
from pipeline.stages import DocumentStage, register_document_stage

PROFILE_GAZETTEER_LANGS: dict[str, frozenset[str]] = {
    "fast": frozenset({"lv", "en", "zh"}),
    "accurate": frozenset({"lv"}),
}
"""Per NER profile, the languages whose gazetteer is merged into the model output by default,
chosen on the development sets (the gazetteer rows of ``benchmarks.ner_eval --split dev`` in
docs/benchmarks.md, and ``benchmarks.entity_link_eval`` on the seeds): the fast Latvian and
English models gain from it (FullStack dev, CoNLL valid); the accurate model already knows the
listed names and the gazetteer adds mostly names that the corpora leave untagged (a country as
a modifier, ``中国国籍``, ``Hong Kong-based``): on CoNLL valid, Resume and CLUENER's dev part it
lowers F1. The fast Chinese model keeps it although it costs F1 on Resume and CLUENER's dev
part for the same reason: the knowledge base needs the names it adds (Traditional-script places
the Simplified model misses; without it the seeds' pair recall falls from 0.987 to 0.969 and
four entities fewer are joined across their languages, the NTREX dev sets unchanged). Latvian
keeps it in both profiles (the accurate model trained on FullStack dev, so there is no Latvian
development set to decide otherwise)."""


def gazetteer_langs(settings: Settings) -> frozenset[str]:
    """The languages whose gazetteer the ``ner`` stage merges in under ``settings``' profile."""
    return PROFILE_GAZETTEER_LANGS.get(settings.ner_profile, frozenset())


LATIN_NAME_LANGS: frozenset[str] = frozenset({"zh"})
"""Languages whose sentences' Latin-script names the English model tags
(:mod:`pipeline.ner.latin_names`)."""
DOCUMENT_RECALL_LANGS: frozenset[str] = frozenset({"lv", "en"})
"""Languages whose found names (and the surnames and given names of the persons found) are also
tagged where they recur in the document (:mod:`pipeline.ner.consistency`): measured on FullStack
dev for Latvian; no English NER set here has document boundaries, so English is measured by
entity linking on NTREX dev (``benchmarks.entity_link_eval``), where the recalled surnames
(``Pompeo`` after ``Mike Pompeo``) raise pair recall."""
DOCUMENT_COMPLETION_LANGS: frozenset[str] = frozenset({"zh"})
"""Unspaced languages whose spans cut short are extended to the longer name the document tags
elsewhere where the text reads it (:func:`pipeline.ner.consistency.complete_cut_names`), whose
names recur tagged where the document writes them whole again
(:func:`pipeline.ner.consistency.tag_recurring_han_names`) and whose persons' name parts are
recalled (:func:`pipeline.ner.consistency.tag_name_parts`). The Chinese NER sets here hold no
document boundaries, so this is measured by entity linking on NTREX dev
(``benchmarks.entity_link_eval``)."""


_OPENING_MARKS = frozenset("“„‟«‹「『‘‚")
_CLOSING_MARKS = frozenset("”»›」』’")
_CLOSERS = _CLOSING_MARKS | {'"'}
"""What may close an opening mark (``„Latvijas Banka"``)."""
_OPENERS = _OPENING_MARKS | {'"'}


def trim_span(text: str, span: Span) -> Span | None:
    """Drop leading/trailing whitespace (masked page noise) and a quotation mark left unpaired at
    an edge (``Apvienotā Karaliste “``, ``“Savienotās Valstis`` where the quotation opens before
    the name and closes after it) from a span; None if nothing is left. Paired marks stay:
    Latvian corpora (FullStack) annotate a quoted organization name with its marks
    (``“Rangers”``); alignment compares names without them. A span inside an e-mail address is
    dropped too."""
    start, end = span.start, span.end
    while start < end:
        ch = text[start]
        if (
            ch.isspace()
            or ch in _CLOSING_MARKS
            or (ch == '"' and _unpaired(text, start, end))
            or (ch in _OPENING_MARKS and not _CLOSERS.intersection(text[start + 1 : end]))
        ):
            start += 1
        else:
            break
    while end > start:
        ch = text[end - 1]
        if (
            ch.isspace()
            or ch in _OPENING_MARKS
            or (ch == '"' and _unpaired(text, start, end))
            or (ch in _CLOSING_MARKS and not _OPENERS.intersection(text[start : end - 1]))
        ):
            end -= 1
        else:
            break
    if start >= end or not any(ch.isalnum() for ch in text[start:end]):
        return None
    if in_email_address(text, start, end):
        return None  # ``Aleksis.Jarockis@fm.gov.lv``: an address, not the person
    if (start, end) == (span.start, span.end):
        return span
    return Span(start, end, span.label, span.score, span.source)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
"""An e-mail address: a span inside one names no entity (the corpora leave it untagged)."""


def in_email_address(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` overlaps an e-mail address."""
    return any(m.start() < end and start < m.end() for m in _EMAIL.finditer(text))


def take_in_legal_form(text: str, span: Span, lang: str) -> Span:
    """An organization's span right after one of the language's abbreviated legal forms
    (``legal_forms``: Latvian ``SIA``, ``AS``) and a space takes it in (``AS “Grindeks”``), as the
    language's corpora annotate it (FullStack's train split: 40 of 42 quoted companies after
    ``SIA``, ``AS`` or ``VAS``); alignment compares names without it
    (:func:`pipeline.align.normalize.base_form`)."""
    forms = defaults(lang).legal_forms
    if span.label != "ORG" or not forms or span.start < 2 or text[span.start - 1] != " ":
        return span
    before = text[: span.start - 1]
    form = next((f for f in forms if before.endswith(f)), None)
    if form is None:
        return span
    start = len(before) - len(form)
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-"):
        return span  # the end of a longer word
    return Span(start, span.end, span.label, span.score, span.source)


_WORD_REST = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_HYPHENS = "-‐‑"


def take_in_quote_marks(text: str, span: Span, lang: str) -> Span:
    """An organization's span right inside a pair of quote marks takes them in where the
    language's corpora annotate them so (``quoted_names_in_span``: Latvian ``“Grindeks”``,
    ``"LMT"``); alignment compares names without them."""
    if span.label != "ORG" or not defaults(lang).quoted_names_in_span:
        return span
    if span.start == 0 or span.end >= len(text):
        return span
    if text[span.start - 1] in _OPENERS and text[span.end] in _CLOSERS:
        return Span(span.start - 1, span.end + 1, span.label, span.score, span.source)
    return span


_WORD_BEFORE_HYPHEN = re.compile(r"(?<![\w'’])([^\W\d_][\w'’]*)$")
"""The word that ends a text (before a hyphen)."""


def complete_hyphenated_name(text: str, span: Span) -> Span:
    """A span that ends in a hyphen the next word's letters follow takes that word in: a
    tokenizer that splits ``Jae-in`` at its hyphen leaves the tagger ``Moon Jae-``; and a span
    that a hyphen and a capitalized word continue takes them in (``Rhein-Neckar`` of
    ``Rhein-Neckar-Arena``), on either side (``Hiks`` of ``Pols Mills-Hiks``): a hyphenated
    compound of capitalized words is one name."""
    start = span.start
    while start >= 2 and text[start - 1] in _HYPHENS and text[start].isupper():
        before = _WORD_BEFORE_HYPHEN.search(text, 0, start - 1)
        if before is None or not before.group(1)[:1].isupper():
            break
        start = before.start(1)
    if start != span.start:
        span = Span(start, span.end, span.label, span.score, span.source)
    end = span.end
    if end >= 2 and text[end - 1] in _HYPHENS and text[end - 2].isalnum():
        rest = _WORD_REST.match(text, end)
        if rest is not None:
            end = rest.end()
    while (
        end + 1 < len(text)
        and text[end] in _HYPHENS
        and text[end - 1].isalpha()
        and text[end + 1].isupper()
        and (rest := _WORD_REST.match(text, end + 1)) is not None
    ):
        end = rest.end()
    if end == span.end:
        return span
    return Span(span.start, end, span.label, span.score, span.source)


_PARENTHESIZED = re.compile(r"\(([^()]{1,80})\)")
MAX_GLOSS_WORDS = 4
_GLOSS_WORD_REST = re.compile(r"[^\W\d_]*(?:[-'’][^\W\d_]+)*\.?")


def whole_parenthesized_name(text: str, span: Span) -> Span:
    """A span inside parentheses that hold nothing but two to :data:`MAX_GLOSS_WORDS`
    capitalized words (letters, hyphens and apostrophes inside, an initial's period) covers them
    all: ``(Boris Johnson)`` tagged ``Johnson`` → ``Boris Johnson``. A text glosses a name with
    its original spelling in parentheses, one name whole; a tagger trained on running text cuts
    it where a given name looks unlike its own language's."""
    for m in _PARENTHESIZED.finditer(text, max(0, span.start - 80), min(len(text), span.end + 80)):
        if not (m.start(1) <= span.start and span.end <= m.end(1)):
            continue
        words = m.group(1).split(" ")
        whole = (m.start(1), m.end(1)) == (span.start, span.end)
        if whole or not 2 <= len(words) <= MAX_GLOSS_WORDS:
            return span
        if not all(w[:1].isupper() and _GLOSS_WORD_REST.fullmatch(w[1:]) for w in words):
            return span
        return Span(m.start(1), m.end(1), span.label, span.score, span.source)
    return span


_LIST_COMMA = re.compile(r",\s+(?=[A-Z\u00c0-\u00de])")
_QUOTED_JOINT = re.compile(r"(?<=[^\s\"“„‘«])[”\"’»]((?:\s*,)?\s*[^\W\d_]*\s*)(?=[“\"‘«„])")


def _between_quoted_names(text: str, span: Span, lang: str) -> list[tuple[int, int]]:
    """(start, end) of what joins two quoted names inside ``span``: a closing mark, a comma or
    one of the language's function words (``un``, ``and``), and an opening mark."""
    words = defaults(lang).function_words
    out = []
    for m in _QUOTED_JOINT.finditer(text, span.start, span.end):
        joint = m.group(1).strip(" ,")
        if not joint or joint in words:
            out.append((m.start() + 1, m.end()))
    return out


def split_listed_names(text: str, span: Span, lang: str) -> list[Span]:
    """A span of a spaced language cut between two names of a list: where a quoted name closes
    and the next opens (``“Roche-Posay” un “Vichy”``), and, in a person or organization span,
    at a comma that a capitalized word follows (``Boots, Superdrug and Debenhams`` tagged
    ``Boots, Superdrug``). Places keep their commas (``Holyoke, Massachusetts``, ``Washington,
    D.C.``), and so does a short suffix (``Smith, Jr.``, ``Acme, Inc.``)."""
    if not defaults(lang).spaced:
        return [span]
    cuts = _between_quoted_names(text, span, lang)
    if span.label in ("PER", "ORG"):
        commas = [(m.start(), m.end()) for m in _LIST_COMMA.finditer(text, span.start, span.end)]
        # a suffix after the comma is no second name (``Smith, Jr.``, ``Acme, Inc.``)
        cuts += [(a, b) for a, b in commas if len(text[b : span.end].split(",")[0].strip(" .")) > 4]
    cuts = sorted(c for c in cuts if span.start < c[0] and c[1] < span.end)
    if not cuts:
        return [span]
    starts = [span.start] + [b for _, b in cuts]
    ends = [a for a, _ in cuts] + [span.end]
    return [
        Span(a, b, span.label, span.score, span.source) for a, b in zip(starts, ends, strict=True)
    ]


_LAST_WORD = re.compile(r"[\s,;:]+([^\W\d_]+)[.,;:]?$")
_SUSPENDED_PART = re.compile(r"\s+[^\W\d_A-ZĀČĒĢĪĶĻŅŠŪŽ][^\W\d_]*-$")
"""A lower-case first part of a compound whose head the next word shares (``kodol-`` of
``kodol- un ballistisko ieroču``, "nuclear and ballistic weapons")."""


def cut_trailing_words(text: str, span: Span, lang: str) -> Span:
    """A span of a spaced language loses lower-case words at its end that no name ends with:
    the language's function words, its month and weekday words and its words for a part of a
    place (``place_parts.txt``: ``Mogollon Rim of`` → ``Mogollon Rim``, ``Phenjanas jūlijā``
    "Pyongyang in July" → ``Phenjanas``, ``Nevadas dienvidu un austrumu`` → ``Nevadas``). A
    tagger runs on into the next word of a phrase; a capitalized word (``Theresa May``) stays.
    A place's or a person's span also loses a lower-case last word that names of its type do
    not end with (``name_tails.tsv``: ``Olimpa valdnieces``, "the ruler of Olympus" →
    ``Olimpa``; ``Kadagas ciema satiksmes drošības`` → ``Kadagas ciema``).
    A lower-case part of a compound suspended with a hyphen goes too (``Phenjanas kodol-``).
    A span of an unspaced language ends before a word for a part of a place that starts inside
    it (``加州东`` of ``加州东部`` → ``加州``, ``Sonora 西北部地区`` → ``Sonora``)."""
    from pipeline.dates.grammar import load_grammar

    language = defaults(lang)
    if not language.spaced:
        return _cut_place_part(text, span, language.place_parts)
    grammar = load_grammar(lang)
    end = span.end
    suspended = _SUSPENDED_PART.search(text, span.start, end)
    if suspended is not None and suspended.start() > span.start:
        end = suspended.start()  # ``Phenjanas kodol-`` (… un ballistisko ieroču): no name's end
    while True:
        last = _LAST_WORD.search(text, span.start, end)
        if last is None or not last.group(1)[0].islower():
            break
        word = last.group(1)
        if not (
            word in language.function_words
            or word in language.place_parts
            or (
                grammar is not None
                and any(grammar.lookup(t, word) for t in ("months", "full_months", "weekdays"))
            )
            or _no_name_tail(word, span, language, last.start() > span.start)
        ):
            break
        end = last.start()
    if end == span.end:
        return span
    return Span(span.start, end, span.label, span.score, span.source)


def _no_name_tail(word: str, span: Span, language: LanguageDefaults, inside: bool) -> bool:
    """Whether the lower-case ``word`` at the end of ``span`` (``inside``: not its first word)
    is no word a name of the span's type ends with (``name_tails.tsv``, and for a place the
    ``place_heads.txt``: a stem and at most :data:`MAX_HEAD_ENDING` letters of an ending)."""
    stems = language.name_tails.get(span.label)
    if not stems or not inside:
        return False
    if span.label == "LOC":
        stems = stems + language.place_heads
    lower = word.lower()
    heads = [lower[: len(lower) - cut] for cut in range(MAX_HEAD_ENDING + 1)]
    return not any(
        head == stem or (head.endswith(stem) and len(stem) >= MIN_COMPOUND_HEAD)
        for stem in stems
        for head in heads
    )


MIN_COMPOUND_HEAD = 4
"""Letters a stem of ``name_tails.tsv`` needs to end a compound word (``pamatskolas``,
``vidusskolas`` end in ``skol``); a shorter one must start the word (``up``, not ``grupa``)."""


_NEXT_WORD = re.compile(r" (\w+)")


def extend_to_organization_head(text: str, span: Span, lang: str) -> Span:
    """A name directly followed by a word (or words) of the language's ``organization_heads.txt``
    takes it in as an organization (``text`` is the model's view): ``Skotijas`` + ``valdība`` →
    ``Skotijas valdība`` ORG (the Scottish Government, not Scotland), ``Trampa`` +
    ``organizācijas``, ``英国`` + ``政府``, ``華盛頓`` + ``郵報``; in Latvian also a place or
    organization, one or two lower-case genitive modifiers and a head of one word (``ANO`` +
    ``drošības padomei``, the UN Security Council); a person before one of the
    language's ``administration_words`` (a stem and a case ending) stays the person
    (``川普政府``, the Trump administration; ``Džerarda komanda``, Gerrard's team). The taggers
    stop where the place or person does, and the cross-lingual join then takes the government
    for the country. The
    annotated corpora mostly tag the place alone (People's Daily ``英国/政府``, FullStack), so
    the stage applies this for the knowledge base after recognition (not
    :func:`recognize_sentences`, which :mod:`benchmarks.ner_eval` scores)."""
    language = defaults(lang)
    heads = language.organization_heads
    if not heads:
        return span
    if language.spaced:
        end = next(
            (e for h in heads if (e := _head_words_end(text, span.end, h.split())) is not None),
            None,
        )
        if end is None and language.genitive_endings and span.label != "PER":
            end = _modified_head_end(text, span.end, heads, language)
        if end is None:
            return span
    else:
        head = next((h for h in heads if text.startswith(h, span.end)), None)
        if head is None:
            return span
        end = span.end + len(head)
    if span.label == "PER" and is_stem_form(
        text[span.end : end].strip(), language.administration_words
    ):
        return span  # ``川普`` + ``政府``, ``Džerarda komanda``: the person's administration, team
    return Span(span.start, end, "ORG", span.score, span.source)


def _head_words_end(text: str, at: int, stems: list[str]) -> int | None:
    """Where the words right after ``at`` end when they are ``stems`` one by one, each with a case
    ending of at most :data:`MAX_HEAD_ENDING` letters (``jūras flot`` + ``jūras flotes``)."""
    for stem in stems:
        word = _NEXT_WORD.match(text, at)
        if word is None:
            return None
        if not is_stem_form(word.group(1).lower(), (stem,)):
            return None
        at = word.end()
    return at


MAX_HEAD_MODIFIERS = 2
"""Lower-case words in the genitive (``genitive_endings``: the head's modifiers) that may stand
between a name and an organization head (``Vācijas`` + ``rūpniecības`` + ``federācija``); twice
as many where a word of ``modifier_conjunctions`` joins two of them (``Floridas`` + ``zivju un
savvaļas dzīvnieku`` + ``komitejas``, the Fish and Wildlife Commission)."""


def _modified_head_end(
    text: str, at: int, heads: tuple[str, ...], language: LanguageDefaults
) -> int | None:
    """Where a head of ``heads`` of one word ends after one or two lower-case genitive words
    right after ``at`` (``rūpniecības federācija``, the federation of industries), or after up to
    four joined by one conjunction (``zivju un savvaļas dzīvnieku komitejas``); else ``None``."""
    last = text[:at].rsplit(" ", 1)[-1]
    spanned = last[:1].islower() and last.endswith(language.genitive_endings)
    end, modifiers, joined = at, 0, False
    while modifiers + (spanned and joined) < MAX_HEAD_MODIFIERS * (2 if joined else 1):
        word = _NEXT_WORD.match(text, end)
        if word is None:
            return None
        if (
            (modifiers or spanned)
            and not joined
            and word.group(1) in language.modifier_conjunctions
        ):
            joined, end = True, word.end()
            continue
        if (
            not word.group(1)[:1].islower()
            or word.group(1) in language.function_words
            or not word.group(1).endswith(language.genitive_endings)
        ):
            return None
        end, modifiers = word.end(), modifiers + 1
        found = next(
            (
                e
                for h in heads
                if " " not in h and (e := _head_words_end(text, end, [h])) is not None
            ),
            None,
        )
        if found is not None:
            return found
    return None


def extend_to_organization_heads(text: str, spans: list[Span], lang: str) -> list[Span]:
    """:func:`extend_to_organization_head` over one sentence's spans; a span the extended one
    now covers (the tagger's ``Asamblejā`` after ``ANO``) is dropped, and a name is not extended
    into a span that goes on past the head word."""
    wider = [extend_to_organization_head(text, s, lang) for s in spans]
    wider = [
        s if any(o.start < w.end < o.end for o in spans) else w
        for w, s in zip(wider, spans, strict=True)
    ]
    return _widened(spans, wider)


def extend_to_place_heads(text: str, spans: list[Span], lang: str) -> list[Span]:
    """One sentence's spans, each name directly followed (one space) by a lower-case word of the
    language's ``place_heads.txt`` (a stem and a case ending of ``case_endings.txt``, or none)
    taking it in as a place: ``Rīgas`` + ``līcis`` → ``Rīgas līcis`` LOC (the Gulf of Riga, not
    Riga), ``Karostas kanāls``, ``Ruņas upes``; the language's corpora annotate the head inside
    the place's name (FullStack). After a person, a street word (``house_number_heads``) is a
    head too: a street named after someone (``K. Valdemāra ielu``, ``A. Čaka ielu``). Not where
    another span starts at the head word, nor with an ending of the plural only
    (``plural_endings``: ``Latvijas upēm``, "to Latvia's rivers")."""
    language = defaults(lang)
    if not language.place_heads or not spans:
        return spans
    endings = (frozenset(language.case_endings) - frozenset(language.plural_endings)) | {""}
    person_heads = tuple(language.place_heads) + tuple(language.house_number_heads)

    def place(span: Span, word: str) -> str | None:
        heads = person_heads if span.label == "PER" else language.place_heads
        return (
            "LOC" if any(word.startswith(h) and word[len(h) :] in endings for h in heads) else None
        )

    return _grown_over_next_word(text, spans, place)


def take_in_institution_heads(text: str, spans: list[Span], lang: str) -> list[Span]:
    """One sentence's spans, each place named in the genitive directly followed by a lower-case
    word of the language's ``institution_heads`` (a stem and a case ending of at most
    :data:`MAX_HEAD_ENDING` letters) taking it in as an organization: ``Cēsu`` + ``klīnikā`` →
    ``Cēsu klīnikā`` ORG, ``Latvijas bankas``, ``Apes vidusskolas``. These are the heads the
    language's corpora annotate inside the name of an institution called after its place (on
    FullStack train ``ministrija`` 41 of 41, ``pārvalde`` 10 of 10, ``vidusskola`` 9 of 9), unlike
    ``valdība`` or ``komanda`` (0 of 4, 1 of 7), which stay outside until
    :func:`extend_to_organization_head` prepares names for the knowledge base. Only after a place
    whose last word is capitalized (``Ādažu novada domes``: the corpora tag the district alone),
    not after a place in the locative (``locative_endings``: ``Latvijā domā``, "in Latvia they
    think"), not with a head in the plural (``plural_endings``: ``Sanktpēterburgas
    augstskolām``, one of the city's universities), nor where another span starts at the head."""
    language = defaults(lang)
    if not language.institution_heads or not spans:
        return spans
    plural, locative = tuple(language.plural_endings), tuple(language.locative_endings)

    def institution(span: Span, word: str) -> str | None:
        last = text[span.start : span.end].split()[-1]
        named = span.label == "LOC" and last[:1].isupper() and not last.endswith(locative)
        head = not word.endswith(plural) and is_stem_form(word, language.institution_heads)
        return "ORG" if named and head else None

    return _grown_over_next_word(text, spans, institution)


def _ends_with_word(word: str, suffixes: tuple[str, ...]) -> bool:
    """Whether a segmenter's word ends a name with one of ``suffixes`` (organization suffixes, a
    place's generic heads): it is one, or ends with one of two characters or more (``基金委员会``);
    a one-character suffix must be the whole word (``格局``, a pattern, and ``部署``, to deploy,
    end in no ``局`` or ``署``)."""
    return word in suffixes or any(len(x) >= 2 and word.endswith(x) for x in suffixes)


MAX_ORGANIZATION_RUN = 10
"""Characters of common nouns, ending in an organization suffix, that a name cut short may grow
over (``先进研究项目局``, 7)."""
MAX_ORGANIZATION_RUN_WORDS = 5
"""Words of such a run."""


def take_in_organization_words(text: str, spans: list[Span], lang: str) -> list[Span]:
    """One sentence's spans (``text``: the model's view), in an unspaced language with
    ``organization_suffixes``, each place or organization directly followed by a run of common
    nouns and adjectives (:data:`~pipeline.ner.chinese.NAME_WORD_TAGS`) whose last word is an
    organization suffix grown over the run as an organization (``美国国防部`` +
    ``先进研究项目局``; ``佛罗里达`` + ``鱼类和野生动物委员会`` stops at ``和``, a conjunction;
    ``格局``, a pattern, is no ``局``). A span the grown one covers is a piece of the same name and
    goes (``项目局``); one that reaches out of it keeps the name from growing. A place before a
    word the corpora keep apart (``中国政府``, the Chinese government: People's Daily tags
    ``中国``) is left alone: such words are no suffixes here (:func:`extend_to_organization_head`
    joins them for the knowledge base; grown over jieba's organization words, ``中国政府`` and
    the like, People's Daily dev lost 1.3 F1). With :func:`tag_quoted_han_names`, fast profile
    (``benchmarks.ner_eval --split dev``): Resume 82.5 → 83.1, CLUENER's dev part 61.8 → 61.9,
    Weibo dev unchanged, People's Daily dev (clean for the fast model) 88.8 → 88.7; NTREX dev
    joins 146 entities of 164 across their languages instead of 144, dev2 and dev3 unchanged
    (``benchmarks.entity_link_eval``)."""
    language = defaults(lang)
    suffixes = language.organization_suffixes
    if language.spaced or not suffixes or not spans:
        return spans

    def wanted(span: Span) -> bool:
        """Whether an organization suffix follows within reach (the tagger runs only where one
        may)."""
        after = text[span.end : span.end + MAX_ORGANIZATION_RUN]
        return span.label in ("ORG", "LOC") and any(x in after for x in suffixes)

    if not any(wanted(s) for s in spans):
        return spans
    words = tagged_words(text)

    def grown(span: Span) -> Span:
        if not wanted(span):
            return span
        end = None
        run = [w for w in words if w[0] >= span.end][:MAX_ORGANIZATION_RUN_WORDS]
        if run and run[0][0] == span.end:
            for _, b, tag, word in run:
                if not tag.startswith(NAME_WORD_TAGS) or b - span.end > MAX_ORGANIZATION_RUN:
                    break
                if _ends_with_word(word, suffixes):
                    end = b
        return span if end is None else Span(span.start, end, "ORG", span.score, span.source)

    wider = []
    for span in spans:
        w = grown(span)
        if any(o is not span and o.overlaps(w) and not o.strictly_inside(w) for o in spans):
            w = span
        wider.append(w)
    return _widened(spans, wider)


@cache
def _place_heads(lang: str) -> tuple[str, ...]:
    """The generic heads of places' names in ``lang`` (``name_heads.tsv`` rows typed LOC)."""
    return tuple(h for h, head in defaults(lang).name_heads.items() if head.label == "LOC")


_QUOTED_HAN = re.compile(r"[“「『]([\u4e00-\u9fff]{2,14})[”」』]")
"""A run of Han characters in quote marks (``“国家自然科学基金委员会”``)."""


def tag_quoted_han_names(text: str, spans: list[Span], lang: str) -> list[Span]:
    """One sentence's spans (``text``: the model's view, Simplified) plus each quoted run of Han
    characters that no span touches and that ends with an organization suffix
    (``organization_suffixes``: ``“人工智能特别委员会”`` ORG) or with the generic head of a place
    (``name_heads.tsv`` rows typed LOC: ``“落基山脉”``), tagged without its quote marks as the
    Chinese corpora annotate it. Translated news quotes the names it renders word for word,
    which the taggers, trained on names written plain, miss. Unspaced languages only. The NER
    dev sets hold few quoted names; the knowledge base gains (measured together with
    :func:`take_in_organization_words`, see there)."""
    language = defaults(lang)
    suffixes = language.organization_suffixes
    if language.spaced or not suffixes:
        return spans
    places = _place_heads(lang)
    out = list(spans)
    for m in _QUOTED_HAN.finditer(text):
        name = m.group(1)
        label = None
        if name.endswith(suffixes) and _ends_with_word(tagged_words(name)[-1][3], suffixes):
            label = "ORG"  # ``“新格局”``, a new pattern, is none
        elif name.endswith(places) and _ends_with_word(tagged_words(name)[-1][3], places):
            label = "LOC"  # ``“党员责任区”``, a party member's area, ends in no place's ``区``
        if label is None or len(name) <= 2:
            continue
        span = Span(m.start(1), m.end(1), label)
        if not any(span.overlaps(o) for o in out):
            out.append(span)
    return sorted(out, key=lambda s: (s.start, s.end))


def _grown_over_next_word(
    text: str, spans: list[Span], label_of: Callable[[Span, str], str | None]
) -> list[Span]:
    """One sentence's spans, each directly followed (one space) by a lower-case word that no
    other span touches and to which ``label_of(span, word)`` gives a label grown over that word
    with that label; the spans a grown one covers dropped (:func:`_widened`)."""
    wider = []
    for span in spans:
        word = _NEXT_WORD.match(text, span.end)
        label = None
        if (
            word is not None
            and word.group(1)[:1].islower()
            and not any(o.start < word.end() and word.start(1) < o.end for o in spans)
        ):
            label = label_of(span, word.group(1))
        grown = span
        if word is not None and label is not None:
            grown = Span(span.start, word.end(), label, span.score, span.source)
        wider.append(grown)
    return _widened(spans, wider)


def _widened(spans: list[Span], wider: list[Span]) -> list[Span]:
    """``wider`` (each span of ``spans`` or the span it grew into) without the spans a grown one
    now covers, each span once."""
    grown = [w for w, s in zip(wider, spans, strict=True) if w is not s]
    out: list[Span] = []
    for w in wider:
        inside = any(g is not w and g.start <= w.start and w.end <= g.end for g in grown)
        if not inside and all((o.start, o.end) != (w.start, w.end) for o in out):
            out.append(w)
    return out


def _cut_place_part(text: str, span: Span, parts: tuple[str, ...]) -> Span:
    """``span`` ending before the first word of ``parts`` that starts inside it, after its first
    character (a name may start with one: ``北部湾``), spaces before it dropped."""
    for i in range(span.start + 1, span.end):
        if any(text.startswith(part, i) for part in parts):
            end = i
            while end > span.start and text[end - 1].isspace():
                end -= 1
            return Span(span.start, end, span.label, span.score, span.source)
    return span


_LATIN = "A-Za-z0-9\u00c0-\u024f"
"""Latin letters (with the Latin-1 and Latin Extended-A/B accents) and digits."""
_HAN = "\u3400-\u9fff"
_LATIN_WORD = rf"[{_LATIN}][{_LATIN}.&'’-]*"
_LATIN_THEN_HAN = re.compile(rf"({_LATIN_WORD}(?: {_LATIN_WORD})*)\s+([{_HAN}]+)")


def cut_latin_name_tail(text: str, span: Span, lang: str) -> Span:
    """A span of an unspaced language that is a Latin-script name, a space and Han characters
    loses the Han part unless it ends in a generic head of the language's names
    (``pipeline/lang/<code>/name_heads.tsv``; ``text`` is the model's Simplified view):
    ``Sterling 才`` → ``Sterling``, ``CNN 電視直播`` → ``CNN``, but ``Ibrox 球场`` and
    ``Fox 財經頻道`` stay; a head after a possessive particle is another thing's
    (``Gary Holt 的球队`` → ``Gary Holt``), and so is one after words of a clause
    (``Will Wade 表示球队``, said the team: :func:`pipeline.ner.chinese.has_clause_word`). A
    Chinese sentence that keeps a foreign name in Latin script sets it apart with a space; the
    tagger runs on into the next words."""
    language = defaults(lang)
    if language.spaced:
        return span
    match = _LATIN_THEN_HAN.fullmatch(text, span.start, span.end)
    if match is None:
        return span
    possessed = match.group(2).startswith(language.possessive_particles)
    heads = [h for h in language.name_heads if match.group(2).endswith(h)]
    head = max(heads, key=len, default=None)
    if not possessed and head is not None:
        lead = match.group(2)[: -len(head)]
        if not (lead and has_clause_word(lead)):
            return span
    return Span(span.start, match.end(1), span.label, span.score, span.source)


_LATIN_NAME = re.compile(rf"{_LATIN_WORD}(?: {_LATIN_WORD})*")
_HAN_AFTER = re.compile(rf" ?([{_HAN}]{{1,8}})")
MAX_HEAD_LEAD = 3
"""Han characters a head of two or more may follow after a Latin name (``Fox 新聞頻道``)."""


def extend_latin_name_head(text: str, span: Span, lang: str) -> Span:
    """A Latin-script name of an unspaced language followed by Han words that end in a generic
    head of the language's names (``pipeline/lang/<code>/name_heads.tsv``; ``text`` is the
    model's Simplified view) takes them in, with the head's type: ``Fox`` + ``新聞頻道`` →
    ``Fox 新聞頻道`` ORG, ``Tony Macaroni`` + ``球场`` → LOC. A head of one character (``縣``)
    must follow the name directly; a longer one may come after up to :data:`MAX_HEAD_LEAD`
    characters, not after a possessive particle, words of a clause (``Peter Murchie 應該對球隊``,
    should ... the team: :func:`pipeline.ner.chinese.has_clause_word`) nor over a word for a part
    of a place (``place_parts.txt``). The tagger often stops where the Latin script does."""
    language = defaults(lang)
    if language.spaced or not _LATIN_NAME.fullmatch(text, span.start, span.end):
        return span
    after = _HAN_AFTER.match(text, span.end)
    if after is None or after.group(1).startswith(language.possessive_particles):
        return span  # ``Gary Holt 的球队``: the head is a possessed thing's, not the name's
    run = after.group(1)
    if run.startswith(language.place_parts):
        return span  # ``Sonora 西北部地区``: the region is a part of the place, not its name
    for end in range(1, len(run) + 1):
        for head, info in language.name_heads.items():
            if not run[:end].endswith(head):
                continue
            lead = end - len(head)
            if lead == 0 or (
                len(head) >= 2 and lead <= MAX_HEAD_LEAD and not has_clause_word(run[:lead])
            ):
                return Span(span.start, after.start(1) + end, info.label, span.score, span.source)
    return span


_LATIN_CHAR = re.compile(rf"[{_LATIN}]")
_LATIN_JOINERS = "-.&'’"


def whole_latin_words(text: str, span: Span) -> Span:
    """A span of an unspaced language that starts or ends inside a Latin-script word grows to
    the whole word (``SPAN`` of ``C-SPAN``): the tagger cuts Latin words at hyphens and dots."""

    def latin(i: int) -> bool:
        return 0 <= i < len(text) and _LATIN_CHAR.match(text[i]) is not None

    def joined(i: int) -> bool:  # text[i] a joiner between two Latin characters
        return latin(i - 1) and latin(i + 1) and text[i] in _LATIN_JOINERS

    start, end = span.start, span.end
    if not (latin(start) and latin(end - 1)):
        return span
    while latin(start - 1) or joined(start - 1):
        start -= 1
    while latin(end) or joined(end):
        end += 1
    if (start, end) == (span.start, span.end):
        return span
    return Span(start, end, span.label, span.score, span.source)


_HAN_NAME = re.compile(rf"[{_HAN}·・]+")


def extend_han_name_head(text: str, span: Span, lang: str) -> Span:
    """A name in Han characters directly followed by a generic head of an organization, of two
    characters or more (``pipeline/lang/<code>/name_heads.tsv``; ``text`` is the model's
    Simplified view), takes it in as an organization: ``卡内基梅隆`` + ``大学`` →
    ``卡内基梅隆大学`` ORG. A place's head after a name often only describes it (``坦帕灣地區``,
    "the Tampa Bay area"), and one-character heads (``海``, ``州``) are too often the first
    character of the next word."""
    language = defaults(lang)
    if language.spaced or not _HAN_NAME.fullmatch(text, span.start, span.end):
        return span
    heads = [
        h
        for h, info in language.name_heads.items()
        if len(h) >= 2 and info.label == "ORG" and text.startswith(h, span.end)
    ]
    if not heads:
        return span
    head = max(heads, key=len)
    return Span(span.start, span.end + len(head), "ORG", span.score, span.source)


def extend_to_heads(text: str, spans: list[Span], lang: str) -> list[Span]:
    """:func:`whole_latin_words`, :func:`extend_latin_name_head` and :func:`extend_han_name_head`
    over one sentence's spans; a span the extended one now covers (the tagger's ``頻道`` beside
    ``Fox``) is dropped."""
    if defaults(lang).spaced:
        return spans
    model_text = defaults(lang).to_model_script(text)
    wider = [
        extend_han_name_head(
            model_text,
            extend_latin_name_head(model_text, whole_latin_words(model_text, s), lang),
            lang,
        )
        for s in spans
    ]
    return _widened(spans, wider)


_CLAUSE_MARKS = frozenset("，。；：！？、（）【】()[]")
"""Chinese clause punctuation and brackets: no name runs across them (``菁英聯盟：Dundee Stars``,
``德比 (Derby``: a name glossed in brackets is two names), except a bracket pair closed inside a
name that goes on after it (:func:`_inner_brackets`)."""


_OPENING_BRACKETS = {"(": ")", "（": "）", "[": "]"}


def _inner_brackets(text: str, span: Span) -> set[int]:
    """Offsets of bracket pairs closed inside ``span`` with more of the name after them: an
    acronym inside a long name (``Pārtikas un veterinārā dienesta (PVD) Ziemeļkurzemes
    pārvaldes``), which the span keeps."""
    out: set[int] = set()
    for i in range(span.start, span.end):
        close = _OPENING_BRACKETS.get(text[i])
        if close is None:
            continue
        j = text.find(close, i + 1, span.end)
        if j != -1 and text[j + 1 : span.end].strip():
            out |= {i, j}
    return out


def split_at_clause_marks(text: str, span: Span) -> list[Span]:
    """``span`` cut at Chinese clause punctuation and brackets (:data:`_CLAUSE_MARKS`) and
    before an opening quotation mark written
    right after a character (``美国“国防部``: a quoted name begins there); each piece keeps the
    label; the marks themselves are left out. Pieces left with no letter or digit are dropped
    later by :func:`trim_span`."""
    cuts = [span.start]
    inner = _inner_brackets(text, span)
    for i in range(span.start, span.end):
        ch = text[i]
        if ch in _CLAUSE_MARKS and i not in inner:
            cuts += [i, i + 1]
        elif ch in _OPENING_MARKS and i > span.start and not text[i - 1].isspace():
            cuts += [i, i + 1]
    if len(cuts) == 1:
        return [span]
    cuts.append(span.end)
    return [
        Span(a, b, span.label, span.score, span.source)
        for a, b in zip(cuts, cuts[1:], strict=False)
        if b > a and not (b - a == 1 and (text[a] in _CLAUSE_MARKS or text[a] in _OPENING_MARKS))
    ]


def recognize_sentences(
    sentences: list[str],
    lang: str,
    settings: Settings,
    use_gazetteer: bool | None = None,
    use_boundary_model: bool = True,
) -> list[list[Span]]:
    """Entity spans of each sentence (offsets into that sentence) with the configured backend.

    Chinese input is converted to Simplified script first (same length, same offsets); spans are
    cut at Chinese clause punctuation and brackets (:func:`split_at_clause_marks`) and at list
    commas (:func:`split_listed_names`), completed
    past a hyphen (:func:`complete_hyphenated_name`), trimmed (:func:`trim_span`,
    :func:`cut_trailing_words`) and freed of
    person titles and run-in places (:mod:`pipeline.ner.person_spans`), a Chinese address is
    cut into its places (:mod:`pipeline.ner.place_spans`), a person's month surname is
    joined back (:func:`pipeline.ner.person_spans.join_month_surnames`) and the name after a
    courtesy title is a person (:func:`pipeline.ner.person_spans.courtesy_persons`), and two
    person spans only a space apart are one person (:func:`pipeline.ner.person_spans.
    join_adjacent_persons`: ``Dionisio`` + ``A. Lind``), and a street takes in its house number
    (:func:`take_in_house_numbers`); where the profile has a boundary model for ``lang`` (and
    ``use_boundary_model``), names it finds longer
    than the main model widen the main model's spans (:mod:`pipeline.ner.boundaries`); the
    gazetteer of ``lang`` is merged in when ``use_gazetteer`` (default: ``lang`` in the
    profile's :data:`PROFILE_GAZETTEER_LANGS`).
    """
    if not sentences:
        return []
    name, model = resolve(lang, settings)
    model_input = [defaults(lang).to_model_script(s) for s in sentences]
    found = get_backend(name, model, backend_options(name, settings)).recognize(model_input, lang)
    boundary = resolve_boundary_model(lang, settings) if use_boundary_model else None
    if boundary is not None:
        boundary_backend = get_backend(*boundary, backend_options(boundary[0], settings))
        wider = boundary_backend.recognize(model_input, lang)
        found = [extend_cut_names(spans, names) for spans, names in zip(found, wider, strict=True)]
    if use_gazetteer is None:
        use_gazetteer = lang in gazetteer_langs(settings)
    if use_gazetteer:
        ruler = gazetteer(lang)
        found = [
            merge(spans, ruler.find(text)) for spans, text in zip(found, model_input, strict=True)
        ]
    return [
        _cleaned_spans(spans, text, model_text, lang)
        for spans, text, model_text in zip(found, sentences, model_input, strict=True)
    ]


def _cleaned_spans(spans: list[Span], text: str, model_text: str, lang: str) -> list[Span]:
    """One sentence's model spans after the span rules of :func:`recognize_sentences` (``text``
    is the sentence, ``model_text`` the models' input: Chinese in Simplified script)."""
    pieces = [
        piece
        for t in (
            trim_span(
                text,
                take_in_legal_form(
                    text,
                    take_in_quote_marks(
                        text,
                        whole_parenthesized_name(text, complete_hyphenated_name(text, p)),
                        lang,
                    ),
                    lang,
                ),
            )
            for s in spans
            for c in split_at_clause_marks(text, s)
            for p in split_listed_names(text, c, lang)
        )
        if t is not None
        for named in clean_person_spans(
            model_text,
            cut_trailing_words(model_text, cut_latin_name_tail(model_text, t, lang), lang),
            lang,
        )
        for piece in split_address(model_text, named, lang)
    ]
    # one span each (two pieces of a gloss in parentheses both grow into the whole gloss)
    unique: dict[tuple[int, int], Span] = {}
    for piece in pieces:
        unique.setdefault((piece.start, piece.end), piece)
    pieces = list(unique.values())
    persons = join_adjacent_persons(
        model_text,
        courtesy_persons(model_text, join_month_surnames(model_text, pieces, lang), lang),
        lang,
    )
    spans = agree_coordinated_persons(model_text, persons, lang)
    spans = type_place_heads(model_text, spans, lang)
    spans = tag_quoted_organizations(model_text, spans, lang)
    spans = tag_capitalized_institutions(text, spans, lang)  # the lexicon knows the text's script
    spans = drop_common_first_words(text, spans, lang)  # the lexicon knows the text's script
    spans = drop_peoples(model_text, spans, lang)
    spans = take_in_given_names(model_text, spans, lang)
    spans = join_qualified_organizations(model_text, spans, lang)
    spans = extend_to_place_heads(model_text, spans, lang)
    spans = take_in_house_numbers(model_text, spans, lang)
    spans = take_in_institution_heads(model_text, spans, lang)
    spans = take_in_organization_words(model_text, spans, lang)
    spans = tag_quoted_han_names(model_text, spans, lang)
    spans = drop_uncapitalized_names(model_text, spans, lang)
    spans = agree_listed_types(model_text, spans, lang)
    return tag_parenthesized_acronyms(model_text, spans)


_QUOTED_NAME = re.compile(r"[\"“„«]([A-ZĀČĒĢĪĶĻŅŠŪŽ0-9][^\"“”„«».!?:;]{0,50}?)[\"”»]")
"""A capitalized phrase in quote marks, with no sentence punctuation inside (not a quotation)."""
MAX_QUOTED_WORDS = 5


def tag_quoted_organizations(text: str, spans: list[Span], lang: str) -> list[Span]:
    """One sentence's spans plus each quoted name of at most :data:`MAX_QUOTED_WORDS` words that
    no span touches and that follows a noun for a kind of organization (the language's
    ``organization_kinds``: ``firmas «Statter»``, ``salonu "Pie Bartiljona"``) as an
    organization, its quote marks in the span as the Latvian corpora annotate them (on the
    train splits of FullStack and LVTagger such a phrase is an organization 82 times of 88);
    likewise a quoted name right before a noun for what an organization has
    (``organization_parts``: ``«Apple» dibinātāja``, ``“Elpa” vadītājs``, ``"Smiltene"
    valdes``; on FullStack train 26 times of 28)."""
    language = defaults(lang)
    kinds, parts = language.organization_kinds, language.organization_parts
    if not kinds and not parts:
        return spans
    out = list(spans)
    for m in _QUOTED_NAME.finditer(text):
        if len(m.group(1).split()) > MAX_QUOTED_WORDS:
            continue
        before = text[: m.start()].split()[-1:]
        word = before[0].lower() if before else ""
        after = _NEXT_WORD.match(text, m.end())
        name = Span(m.start(), m.end(), "ORG", None, "model")
        if not (
            is_stem_form(word, kinds, MAX_HEAD_ENDING + 1)
            or (after is not None and is_stem_form(after.group(1), parts, MAX_HEAD_ENDING + 1))
        ) or any(name.overlaps(o) for o in out):
            continue
        out.append(name)
    return sorted(out, key=lambda s: (s.start, s.end))


def type_place_heads(text: str, spans: list[Span], lang: str) -> list[Span]:
    """One sentence's spans, an organization's span of two words or more whose last word is a
    lower-case word of the language's ``place_type_heads`` (a stem and an ending of at most
    :data:`MAX_HEAD_ENDING` letters) typed as a place: ``Priekules novada``, ``Dzelzceļa
    tilts`` (on the train splits of FullStack and LVTagger a gold span ending in ``novads`` is a
    place 43 times of 43, in ``tilts`` 5 of 6)."""
    heads = defaults(lang).place_type_heads
    if not heads:
        return spans
    out = []
    for span in spans:
        words = text[span.start : span.end].split()
        last = words[-1] if words else ""
        if (
            span.label == "ORG"
            and len(words) >= 2
            and last[:1].islower()
            and is_stem_form(last, heads)
        ):
            span = Span(span.start, span.end, "LOC", span.score, span.source)
        out.append(span)
    return out


def agree_coordinated_persons(text: str, spans: list[Span], lang: str) -> list[Span]:
    """One sentence's spans, a one-word place or organization that one of the language's
    ``name_conjunctions`` joins to a person (either side) typed as a person, unless the
    gazetteer lists the word as a place: names joined by "and" are of one kind (``Rute un
    Timotejs``, Rute tagged LOC; on the train splits of FullStack and LVTagger two names joined
    by ``un`` are two persons 117 times, a person and a non-person 8 times)."""
    conjunctions = defaults(lang).name_conjunctions
    if not conjunctions or len(spans) < 2:
        return spans
    listed = gazetteer(lang)
    out = list(spans)
    for i, (left, right) in enumerate(zip(spans, spans[1:], strict=False)):
        if text[left.end : right.start].strip() not in conjunctions:
            continue
        if text[left.end : right.start] != f" {text[left.end : right.start].strip()} ":
            continue
        for j, (span, other) in ((i, (left, right)), (i + 1, (right, left))):
            word = text[span.start : span.end]
            if (
                other.label == "PER"
                and span.label != "PER"
                and " " not in word
                and word.isalpha()
                and listed.nominative(word) is None
            ):
                out[j] = Span(span.start, span.end, "PER", span.score, span.source)
    return out


MIN_LISTED_NAMES = 3
"""Names an enumeration needs before its majority decides the odd one's type."""
_GLOSS = re.compile(r"^\s*[(（][^()（）]{1,40}[)）]")
"""A parenthesized gloss right after a name (``凯西 (Paul Casey)、``)."""


def _list_separator(between: str, lang: str) -> str | None:
    """What joins two names of an enumeration, or ``None``: a list mark or conjunction of
    ``lang`` (``and``, ``, and``, ``、``), after an optional parenthesized gloss. Returns
    ``"conjunction"`` when one of the language's ``list_conjunctions`` is among them, else
    ``"mark"``."""
    language = defaults(lang)
    rest = _GLOSS.sub("", between, count=1)
    if language.spaced:
        if rest[:1] not in (" ", ",") or rest[-1:] != " ":
            return None
        words = rest.replace(",", " , ").split()
    else:
        words = [rest.strip()]
    if not 1 <= len(words) <= 2 or not all(w in language.list_separators for w in words):
        return None
    return "conjunction" if any(w in language.list_conjunctions for w in words) else "mark"


def agree_listed_types(text: str, spans: list[Span], lang: str) -> list[Span]:
    """One sentence's spans, each name of an enumeration of at least :data:`MIN_LISTED_NAMES`
    names that is alone with its type while most of the others share one typed as theirs, unless
    the gazetteer lists it with its own type: the names a list joins are of one kind
    (``凯西 (Paul Casey)、罗斯、拉姆、弗利伍德和波特``, 弗利伍德 tagged ORG). An enumeration is a run
    of names each joined to the next by the language's ``list_separators``, one of them a
    ``list_conjunctions`` (a comma alone also stacks an address: ``Senlis, Oise, Picardie``).
    On the development sets of ``benchmarks.ner_eval`` it raises CLUENER dev and CoNLL valid
    and lowers none."""
    if len(spans) < MIN_LISTED_NAMES or not defaults(lang).list_separators:
        return spans
    ordered = sorted(range(len(spans)), key=lambda i: spans[i].start)
    # a name inside the gloss of the name before it is part of that gloss (拉姆 (Jon Rahm)、)
    ordered = [
        j
        for i, j in zip([None, *ordered], ordered, strict=False)
        if i is None
        or text[spans[i].end : spans[j].start].strip() not in ("(", "（")
        or text[spans[j].end :].lstrip()[:1] not in (")", "）")
    ]
    if len(ordered) < MIN_LISTED_NAMES:
        return spans
    runs: list[tuple[list[int], bool]] = []
    run, joined = [ordered[0]], False
    for i, j in zip(ordered, ordered[1:], strict=False):
        kind = _list_separator(text[spans[i].end : spans[j].start], lang)
        if kind is None:
            runs.append((run, joined))
            run, joined = [j], False
        else:
            run.append(j)
            joined = joined or kind == "conjunction"
    runs.append((run, joined))
    out = list(spans)
    listed = gazetteer(lang)
    for members, is_list in runs:
        if not is_list or len(members) < MIN_LISTED_NAMES:
            continue
        labels = Counter(spans[i].label for i in members)
        (majority, count), *others = labels.most_common()
        if not others or 2 * count <= len(members) or any(n > 1 for _, n in others):
            continue
        for odd in members:
            span = spans[odd]
            entry = listed.nominative(text[span.start : span.end])
            if span.label == majority or (
                entry is not None and listed.entries[entry] == span.label
            ):
                continue
            out[odd] = Span(span.start, span.end, majority, span.score, span.source)
    return out


_ACRONYM_AFTER = re.compile(r" ?\(([A-ZĀČĒĢĪĶĻŅŠŪŽ]{2,6})\)")
"""An acronym of capitals in parentheses right after a name (``Pasaules Ebreju kongresa (WJC)``)."""


def tag_parenthesized_acronyms(text: str, spans: list[Span]) -> list[Span]:
    """One sentence's spans plus the acronym in parentheses right after an organization or a
    place that no span covers, with that name's type (``(WJC)`` after the World Jewish Congress),
    and after a person as an organization (a politician's party: ``Bērziņš (ZZS)``), with the
    name's score and source; on the train and dev splits of FullStack the gold span of such an
    acronym has that type 48 times of 51."""
    out = list(spans)
    for span in spans:
        m = _ACRONYM_AFTER.match(text, span.end)
        if m is None:
            continue
        label = "ORG" if span.label == "PER" else span.label
        acronym = Span(m.start(1), m.end(1), label, span.score, span.source)
        if not any(acronym.overlaps(o) for o in out):
            out.append(acronym)
    return sorted(out, key=lambda s: (s.start, s.end))


_SENTENCE_OPENING_MARKS = " \t\n\"'“”„«»‘’([–—-"
"""Quote marks, brackets and dashes that may open a sentence before its first word."""


def drop_common_first_words(text: str, spans: list[Span], lang: str) -> list[Span]:
    """One sentence's spans without a one-word span at the sentence's start that the language's
    word lexicon knows as a common word (:func:`pipeline.ner.lexicon.is_common_word`: ``Plānots,
    ka …``, ``Mirklis no …``, ``Dārgi konjaki``): capitalized because it starts the sentence,
    not because it names something; a person's span there loses such a first word
    (``Amerikānis Daniels Kišs``, "the American Daniel Kiss"; ``Vēroju Keitu``, "I watched
    Keita"). A word of ``organization_heads.txt`` stays (``Komisija``, ``Padome``: a body named
    by its head)."""
    from pipeline.ner.lexicon import is_common_word

    language = defaults(lang)
    if not language.word_lexicon or not spans:
        return spans
    first = len(text) - len(text.lstrip(_SENTENCE_OPENING_MARKS))
    out = []
    for span in spans:
        word = text[span.start : span.end]
        if span.start != first:
            out.append(span)
            continue
        lead = word.split(" ", 1)[0]
        common = (
            lead.isalpha()
            and not any(lead.lower().startswith(h) for h in language.organization_heads)
            and is_common_word(lead, lang, sentence_start=True)
        )
        if common and lead == word:
            continue
        if common and span.label == "PER":  # ``Amerikānis Daniels Kišs``, ``Vēroju Keitu``
            span = Span(span.start + len(lead) + 1, span.end, span.label, span.score, span.source)
        out.append(span)
    return out


_CAPITALIZED_PHRASE = re.compile(
    r"(?<=[\w,] )([A-ZĀČĒĢĪĶĻŅŠŪŽ][a-zāčēģīķļņšūž]+)((?: [a-zāčēģīķļņšūž]+){1,3})"
)
"""A capitalized word inside a sentence and the lower-case words after it (up to three)."""
MAX_INSTITUTION_ENDING = 2
"""Letters of a case ending after an institution's head in :func:`tag_capitalized_institutions`
(``ministrij`` + ``as``; not ``līg`` + ``umu``, a treaty)."""


def tag_capitalized_institutions(text: str, spans: list[Span], lang: str) -> list[Span]:
    """One sentence's spans plus, where no span touches it, each phrase of a capitalized common
    word inside the sentence and up to three lower-case words, the last an organization's or
    institution's head (``organization_heads.txt``, ``institution_heads``; a stem and at most
    :data:`MAX_INSTITUTION_ENDING` letters), as an organization: ``Valsts kases`` (the State
    Treasury), ``Vienotā noregulējuma valde``, ``Dabas aizsardzības pārvaldi``; a span of the
    capitalized word alone gives way (``Lauku`` LOC of ``Lauku inženieru fakultātes``). An official
    body's name capitalizes its first word only; a word the lexicon knows as common
    (:func:`pipeline.ner.lexicon.is_common_word`, read as at a sentence's start: the form or its
    lower-case form) capitalized inside a sentence opens a name. On FullStack train such a
    phrase is an organization's exact span 112 times, another type's twice, and untagged 17
    times (several of them bodies the annotators missed: ``Finanšu ministrijas``)."""
    from pipeline.ner.lexicon import is_common_word

    language = defaults(lang)
    if not language.word_lexicon or not language.organization_heads:
        return spans
    heads = tuple(h for h in language.organization_heads if " " not in h)
    heads += language.institution_heads
    out = list(spans)
    for m in _CAPITALIZED_PHRASE.finditer(text):
        words = m.group(2).split()
        last = next(
            (i for i, w in enumerate(words) if is_stem_form(w, heads, MAX_INSTITUTION_ENDING)),
            None,
        )
        if last is None:
            continue
        end = m.start(2) + len(" " + " ".join(words[: last + 1]))
        name = Span(m.start(1), end, "ORG", None, "model")
        word = (m.start(1), m.end(1))
        touching = [o for o in out if name.overlaps(o)]
        if any((o.start, o.end) != word for o in touching) or not is_common_word(
            m.group(1), lang, True
        ):
            continue
        out = [o for o in out if o not in touching] + [name]  # ``Lauku`` LOC: a common word
    return sorted(out, key=lambda s: (s.start, s.end))


def drop_uncapitalized_names(text: str, spans: list[Span], lang: str) -> list[Span]:
    """One sentence's spans without those that hold no capital letter, no digit and no dot, in a
    language that capitalizes its proper names (``proper_capitals``): ``latviešu`` ("Latvian",
    an adjective) names nothing. On FullStack train 11 of 6,130 gold spans have no capital, and
    all but two of those hold a digit or a dot (``13.janvāra ielu``, ``www.latvija.lv``)."""
    if not defaults(lang).proper_capitals:
        return spans
    return [
        s
        for s in spans
        if any(ch.isupper() or ch.isdigit() or ch == "." for ch in text[s.start : s.end])
    ]


_HOUSE_NUMBER = re.compile(r" \d{1,4}(?!\d)[a-zA-Z]?(?:/\d{1,4}(?!\d)[a-zA-Z]?)?(?![\w./,-]\w)")
"""A house number after a street's name: ``1A``, ``21a``, ``13/15``; not a date or a decimal
(``2.``, ``1,5``) nor the start of a longer number or a range."""


def take_in_house_numbers(text: str, spans: list[Span], lang: str) -> list[Span]:
    """One sentence's spans, a place whose last word is a street (``house_number_heads`` in
    ``language.yaml``: ``ielā``, ``bulvāris``) taking in the house number right after it:
    ``Lašu ielā`` + ``1A`` → ``Lašu ielā 1A`` LOC, as the Latvian corpora annotate an address
    (on the train splits of FullStack and LVTagger a number after ``iela`` is inside the gold
    span 7 times of 8)."""
    heads = defaults(lang).house_number_heads
    if not heads:
        return spans
    out = []
    for span in spans:
        last = text[span.start : span.end].rsplit(" ", 1)[-1].lower()
        number = _HOUSE_NUMBER.match(text, span.end)
        if (
            span.label == "LOC"
            and number is not None
            and is_stem_form(last, heads)
            and not any(o.start < number.end() and number.start() < o.end for o in spans)
        ):
            span = Span(span.start, number.end(), span.label, span.score, span.source)
        out.append(span)
    return out


MIN_QUALIFIED_WORDS = 2
"""Words an organization's span needs before a qualifying phrase joins it (``Select
Committee``)."""


def join_qualified_organizations(text: str, spans: list[Span], lang: str) -> list[Span]:
    """Two organization spans of one sentence that one of the language's qualifier prepositions
    joins (``qualifier_prepositions`` in ``language.yaml``) are one name when every word of both
    is capitalized and the first has :data:`MIN_QUALIFIED_WORDS` words or more: ``Select
    Committee`` + ``on`` + ``Artificial Intelligence``, ``National Security Commission on
    Artificial Intelligence``. Taggers end a name at a lower-case word; a place or person after
    the preposition is the topic or the owner, not part of the name (``Security Council on North
    Korea``)."""
    qualifiers = defaults(lang).qualifier_prepositions
    if not qualifiers or len(spans) < 2:
        return spans

    def joins(last: Span, span: Span) -> bool:
        between = text[last.end : span.start]
        return (
            last.label == span.label == "ORG"
            and between.strip() in qualifiers
            and between == f" {between.strip()} "
            and len(text[last.start : last.end].split()) >= MIN_QUALIFIED_WORDS
            and all(
                w[:1].isupper() for w in text[last.start : span.end].split() if w not in qualifiers
            )
        )

    return join_neighbours(spans, joins)


def _unpaired(text: str, start: int, end: int) -> bool:
    return text[start:end].count('"') % 2 == 1


def recognize_documents(
    documents: list[list[str]],
    lang: str,
    settings: Settings,
    use_gazetteer: bool | None = None,
    document_recall: bool | None = None,
    use_boundary_model: bool = True,
    document_completion: bool | None = None,
) -> list[list[list[Span]]]:
    """:func:`recognize_sentences` over the sentences of several documents in one batch, then,
    per document, the names found tagged where they recur (``document_recall``, default: ``lang``
    in :data:`DOCUMENT_RECALL_LANGS`) and the names cut short completed
    (``document_completion``, default: ``lang`` in :data:`DOCUMENT_COMPLETION_LANGS`). Returns
    spans per sentence per document."""
    flat = recognize_sentences(
        [s for doc in documents for s in doc], lang, settings, use_gazetteer, use_boundary_model
    )
    if document_recall is None:
        document_recall = lang in DOCUMENT_RECALL_LANGS
    if document_completion is None:
        document_completion = lang in DOCUMENT_COMPLETION_LANGS
    if use_gazetteer is None:
        use_gazetteer = lang in gazetteer_langs(settings)
    listed = gazetteer(lang).find if use_gazetteer else None
    out: list[list[list[Span]]] = []
    position = 0
    for sentences in documents:
        spans = flat[position : position + len(sentences)]
        position += len(sentences)
        if document_recall:
            words = name_words(sentences, lang)  # lemmatized once for the rules below
            spans = drop_headline_guesses(sentences, spans, lang, listed, words)
            spans = drop_sentence_start_guesses(sentences, spans, lang, words)
            spans = retype_person_surnames(sentences, spans, lang, words)
            spans = tag_recurring_names(sentences, spans, lang, words)
            spans = join_names_an_acronym_spells(sentences, spans, lang)
        if document_completion:
            spans = complete_cut_names(sentences, spans, lang)
            spans = tag_name_parts(sentences, tag_recurring_han_names(sentences, spans, lang), lang)
        if document_recall or document_completion:  # a name recalled inside an address: out
            spans = [
                [x for x in sentence_spans if not in_email_address(text, x.start, x.end)]
                for text, sentence_spans in zip(sentences, spans, strict=True)
            ]
        out.append(spans)
    return out


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())


def drop_recalled_times(mentions: list[Mention], times: list[TimeExpression]) -> list[Mention]:
    """Mentions without those that document recall added on a time expression: a month is no
    person's surname recalled (``in May`` beside ``Theresa May``)."""
    return [
        m
        for m in mentions
        if m.source != "document" or not any(t.start < m.end and m.start < t.end for t in times)
    ]


def cut_deictic_times(
    text: str, mentions: list[Mention], times: list[TimeExpression]
) -> list[Mention]:
    """Mentions without the deictic time expressions they swallowed (``周日勒布朗`` → ``勒布朗``,
    ``Rangers 星期四以`` → ``Rangers``): a weekday or ``yesterday`` is never part of a name. Of a
    mention cut in two, the part with more letters stays; a mention that is all time is dropped.
    Dated expressions stay inside names (``11. novembra krastmala``)."""
    deictic = [t for t in times if is_deictic(t.text, t.lang)]
    if not deictic:
        return mentions
    out = []
    for m in mentions:
        start, end = m.start, m.end
        for t in deictic:
            if t.end <= start or end <= t.start:
                continue
            before, after = (start, max(start, t.start)), (min(end, t.end), end)
            start, end = max(
                (before, after), key=lambda p: (_letters(text[p[0] : p[1]]), p[0] == start)
            )
            while start < end and not text[start].isalnum():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
        if (start, end) == (m.start, m.end):
            out.append(m)
        elif _letters(text[start:end]) > 0:
            out.append(replace(m, start=start, end=end, text=text[start:end]))
    return out


@register_document_stage
class NerStage(DocumentStage):
    """Runs the NER backend of each sentence's language; fills ``doc.mentions``.

    Sentences whose language is not lv/en/zh are skipped. Offsets are into the document (the
    sentence offset plus the span offset); NER reads ``doc.analysis_text`` (page noise masked),
    whose offsets equal those of ``doc.text``. Latvian mentions get ``lemma`` (nominative form).
    """

    name = "ner"
    version = "5"  # 5: boundary model (accurate zh); 4: document recall of found names (lv);
    # 3: fast lv/zh models with lemma / lexicon features; 2: BIO Viterbi decoding, gazetteer type
    # wins on exact spans, int8 reduce-range
    provides = ("mentions",)
    uses = ("times",)  # a deictic time expression is cut out of a name (cut_deictic_times)
    requires = ("sentences",)

    def cache_token(self) -> str:
        choice = {
            lang: (resolve(lang, self.settings), resolve_boundary_model(lang, self.settings))
            for lang in SUPPORTED_LANGS
        }
        # the transformers backend's CPU runtime (onnx-int8 tags differ slightly from fp32)
        runtime = self.settings.ner_runtime
        return (
            f"{sorted(choice.items())}|gaz={sorted(gazetteer_langs(self.settings))}"
            f"|recall={sorted(DOCUMENT_RECALL_LANGS)}|completion={sorted(DOCUMENT_COMPLETION_LANGS)}"
            f"|latin={sorted(LATIN_NAME_LANGS)}"
            f"|runtime={runtime}"
        )

    def _with_latin_names(self, texts: list[str], found: list[list[Span]]) -> list[list[Span]]:
        """Add the English model's names in the Latin-script stretches of Han sentences."""
        views = [latin_view(t) for t in texts]
        wanted = [i for i, v in enumerate(views) if v is not None]
        latin = recognize_sentences([views[i] for i in wanted], "en", self.settings)  # type: ignore[misc]
        out = list(found)
        for i, spans in zip(wanted, latin, strict=True):
            out[i] = add_latin_names(found[i], spans)
        return out

    def process(self, doc: AnalyzedDocument) -> None:
        analysis = doc.analysis_text or doc.text
        by_lang: dict[str, list[int]] = defaultdict(list)
        for index, sentence in enumerate(doc.sentences):
            if sentence.lang in SUPPORTED_LANGS and analysis[sentence.start : sentence.end].strip():
                by_lang[sentence.lang].append(index)
        mentions: list[Mention] = []
        for lang, indexes in by_lang.items():
            texts = [analysis[doc.sentences[i].start : doc.sentences[i].end] for i in indexes]
            (spans_per_sentence,) = recognize_documents([texts], lang, self.settings)
            if lang in LATIN_NAME_LANGS:
                spans_per_sentence = self._with_latin_names(texts, spans_per_sentence)
            spans_per_sentence = [
                extend_to_organization_heads(
                    defaults(lang).to_model_script(text), extend_to_heads(text, spans, lang), lang
                )
                for text, spans in zip(texts, spans_per_sentence, strict=True)
            ]
            spans_per_sentence = persons_before_administrations(texts, spans_per_sentence, lang)
            for index, spans in zip(indexes, spans_per_sentence, strict=True):
                offset = doc.sentences[index].start
                for span in spans:
                    start, end = offset + span.start, offset + span.end
                    mentions.append(
                        Mention(
                            start=start,
                            end=end,
                            text=doc.text[start:end],
                            label=span.label,
                            lang=lang,
                            sentence=index,
                            lemma=None,
                            source=span.source,
                            score=span.score,
                        )
                    )
        mentions = cut_deictic_times(doc.text, mentions, doc.times)
        mentions = drop_recalled_times(mentions, doc.times)
        # The lemmatizer (pipeline.ner.lemmatize) is Latvian code with Latvian rules; the languages
        # whose names inflect are the ones it serves.
        inflected = [m for m in mentions if defaults(m.lang).inflected]
        if inflected:
            from pipeline.ner.lemmatize import lemmatize_mentions

            for mention, lemma in zip(
                inflected, lemmatize_mentions([(m.text, m.label) for m in inflected]), strict=True
            ):
                mention.lemma = lemma
        mentions.sort(key=lambda m: (m.start, m.end))
        doc.mentions = mentions
