"""Names projected across translated sentences: where a sentence names an entity and its
translation does not, the translation's untagged name that the learned scorer matches is tagged.

Every language's tagger misses names that the others find (``Skota Pitmana`` beside ``Scott
Pittman``, ``FIB`` beside ``FBI``, ``Vašingtonā`` beside ``Washington``). In documents that
translate each other (:mod:`pipeline.align.parallel`), the sentence alignment says where to look:

1. **Where.** The corpus's mentions are clustered once, the translated documents' sentences
   aligned, and for every bead (a 1-1 sentence pair, or a 2-1 bead: one segmenter cut in two
   what the other kept whole) and every entity named on one side only, the other side is
   searched.
2. **Candidates.** Runs of one to four untagged capitalized words of the other sentence (a
   possessive ``'s`` and trailing punctuation dropped; before a tagged person also the run's
   prefixes, which drop the person's title: ``Arizona`` of ``Arizona Sen. Jeff Flake``), except
   a lone word at the start of the sentence, whose capital says nothing (unless all its letters
   are capitals; with the lower-case words after it, it is still a candidate for a translation:
   ``Baltā nama pārstāvis …``), a demonym (``Chinese``, ``British``: an adjective, not the country), a term's
   acronym (``AIDS``: :func:`recall.term_acronyms`) and a run glued to another tagged name (a
   part of a name the tagger cut: ``Toyota`` of ``Toyota UK``). In a headline written in title
   case (:func:`pipeline.ner.consistency.headline_sentences`) every shorter run inside a run is a
   candidate too, unless it starts or ends with a function word: capitals say nothing there
   (``Texas`` of ``… Tent Camp on the Texas Border``).
3. **Choice.** Each candidate is scored against every name of the entity by the learned name
   scorer (:mod:`pipeline.align.name_scorer`; in Latvian the better of its surface form and its
   lemma: ``Jeila`` for ``Jeilā``); the best candidate is tagged when it scores at least
   :data:`MIN_SCORE` (above the scorer's level for a merge on its own, ``AlignConfig.scorer_alone``:
   a projection adds a mention, then a merge; :data:`ACRONYM_MIN_SCORE` between two acronyms;
   :data:`SOLE_MIN_SCORE` for the only candidate of a sentence that lacks one entity only),
   is the only candidate that close to the best (within :data:`MARGIN`), and is not a shorter form
   of a longer name (``Toyota`` for ``Toyota UK``). Where the scorer finds none, a candidate that
   translates one of the entity's names is taken (:func:`_translated_among`: ``Baltais nams`` /
   ``White House``), else one that means one of them to the multilingual encoder
   (:func:`_meant_among`: ``Scottish Government`` / ``Skotijas valdība``). The new mention takes
   the entity's type.

A Chinese sentence writes names without capitals or spaces: every untagged run of 2 to
:data:`MAX_HAN_CHARS` Han characters is a candidate, and only a translation of the entity's
name is tagged, never a transcription, which the scorer would find everywhere. A foreign name
that the Chinese text keeps in Latin letters is tagged where the sentence holds one of the
entity's Latin-script names verbatim (case aside, whole words, at one place:
:func:`_spelled_in`: ``Warriors``, ``La Roche-Posay``).

Within one document, a name glossed in parentheses is tagged where the tagger found only the
gloss, or only the name (:func:`glossed_names`: ``Serhio Garsija (Sergio Garcia)``).

The projected mentions (``source="projection"``) join the corpus's mentions, and
the whole corpus is clustered again: they join their entity through the ordinary merge rules
(the scorer, the translated-sentence elimination), each with its evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import numpy as np

from pipeline.align import parallel, recall
from pipeline.align.cluster import (
    Clustering,
    NameGroup,
    cluster_mentions,
    glosses_original,
    root_lookup,
)
from pipeline.align.config import AlignConfig
from pipeline.align.names import encode_names
from pipeline.align.normalize import is_han, latin_word_set, several_parts
from pipeline.align.translated_recall import translated_names
from pipeline.encoders import embed
from pipeline.lang.defaults import defaults
from pipeline.ner.consistency import NAME_DOTS, headline_sentences, name_words
from pipeline.ops.progress import ProgressHook, ignore
from pipeline.records import AnalyzedDocument, Mention, Segment

SOURCE = recall.PROJECTED
"""The :attr:`pipeline.records.Mention.source` of a projected mention."""
MIN_SCORE = 0.8
"""Name-scorer cosine a candidate needs with one of the entity's names."""
ACRONYM_MIN_SCORE = 0.7
"""... when the candidate and that name are both acronyms (``FIB`` / ``FBI``: an untagged word in
capitals is a name; which name, the scorer and the margin say)."""
SOLE_MIN_SCORE = 0.6
"""... when the candidate is the only one of its sentence and the entity the only one missing
there (``Velsā`` / ``Wales``, ``Vaitholu`` / ``Whitehall``: a transcription in a case form the
scorer reads less surely than the name itself)."""
MARGIN = 0.05
"""A second candidate this close to the best makes the choice ambiguous: nothing is tagged."""
MAX_WORDS = 4
"""Longest candidate, in words."""

_CAPITALIZED = re.compile(r"[^\W\d_][\w’'.&+-]*", re.UNICODE)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_LOWER_COMPOUND = re.compile(r"(?<=[^\W\d_])-[^\W\d_A-Z]\w*$")
"""A lower-case tail compounded to a name (``-registered`` of ``PNG-registered``, ``-based``)."""


@dataclass(frozen=True)
class _Candidate:
    start: int
    """Offsets into the document."""
    end: int
    text: str
    sentence: int
    lower_tail: bool = False
    """The run goes on into lower-case words (``Baltā nama``): a translation may match it, a
    transcription does not."""


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _CAPITALIZED.finditer(text)]


@cache
def _demonyms() -> frozenset[str]:
    from pipeline.align.lexicon import load_index

    return frozenset(load_index().demonyms)


def _sentence_view(
    doc: AnalyzedDocument, sentence: int
) -> tuple[Segment, str, list[tuple[int, int]]]:
    """A sentence's segment, its text (the analysis view, page noise masked) and the spans of its
    mentions, relative to the sentence."""
    seg = doc.sentences[sentence]
    text = doc.sentence_text(sentence)
    taken = [
        (m.start - seg.start, m.end - seg.start) for m in doc.mentions if m.sentence == sentence
    ]
    return seg, text, taken


def candidates(doc: AnalyzedDocument, sentence: int, headline: bool = False) -> list[_Candidate]:
    """Untagged runs of capitalized words in one sentence of ``doc`` (see the module doc); in a
    ``headline`` written in title case, whose capitals say nothing, also every shorter run inside
    them that neither starts nor ends with a function word (``Texas`` of ``… on the Texas
    Border``)."""
    seg, text, taken = _sentence_view(doc, sentence)
    persons = [
        m.start - seg.start for m in doc.mentions if m.sentence == sentence and m.label == "PER"
    ]
    words = _words(text)
    first = words[0][0] if words else 0
    demonyms = _demonyms()
    free = [not any(a < y and x < b for x, y in taken) for a, b in words]
    out: list[_Candidate] = []
    i = 0
    while i < len(words):
        if not (free[i] and text[words[i][0]].isupper()):
            i += 1
            continue
        run = [words[i]]  # capitalized words separated by single spaces, none tagged
        j = i + 1
        while j < len(words) and free[j] and text[words[j][0]].isupper():
            if text[run[-1][1] : words[j][0]] != " ":
                break
            run.append(words[j])
            j += 1
        # A run that stops at a tagged person may end in the person's title (``Arizona Sen.``
        # before ``Jeff Flake``): its shorter prefixes are candidates too.
        glued_after = j < len(words) and not free[j] and text[run[-1][1] : words[j][0]] == " "
        before_person = glued_after and words[j][0] in persons
        glued_before = i > 0 and not free[i - 1] and text[words[i - 1][1] : words[i][0]] == " "
        if glued_before or (glued_after and not before_person):
            i = j  # a part of a name the tagger cut (``Toyota`` of ``Toyota UK``)
            continue
        ends = (
            range(1, len(run) + 1) if before_person or headline else range(len(run), len(run) + 1)
        )
        # The whole run, or the run less a first word that only the sentence start capitalizes.
        starts = [0, 1] if run[0][0] == first and len(run) > 1 else [0]
        if headline:
            function_words = defaults(doc.lang).function_words
            starts = [
                a
                for a in range(len(run))
                if text[run[a][0] : run[a][1]].lower() not in function_words
            ]
        for a, k in ((a, k) for a in starts for k in ends if k > a):
            if k - a > MAX_WORDS:
                continue
            if (
                headline
                and text[run[k - 1][0] : run[k - 1][1]].lower() in defaults(doc.lang).function_words
            ):
                continue
            start = run[a][0]
            surface = _POSSESSIVE.sub("", text[start : run[k - 1][1]].rstrip(".,-"))
            surface = _LOWER_COMPOUND.sub("", surface)  # PNG-registered → PNG
            end = start + len(surface)
            if sum(c.isalpha() for c in surface) < 2:
                continue
            if a == k - 1 and surface.lower() in demonyms:
                continue  # one word, an adjective
            if a == k - 1 and start == first and recall.name_kind(surface) != "acronym":
                # one word the sentence start may have capitalized; with the lower-case words
                # after it, a translation may still match it (``Baltā nama pārstāvis …``)
                if k == len(run):
                    out += _lower_tails(doc, seg, text, start, run[-1][1], j, words, free, sentence)
                continue
            if surface in recall.term_acronyms():
                continue  # the acronym of a term (``AIDS``), no name
            if any(start < y and x < end for x, y in taken):
                continue
            out.append(_Candidate(seg.start + start, seg.start + end, surface, sentence))
            if k == len(run):
                out += _lower_tails(doc, seg, text, start, run[-1][1], j, words, free, sentence)
        i = j
    return out


MAX_LOWER_TAIL = 2
"""Lower-case words after a capitalized run that a candidate may take in, in a language that
capitalizes only the first word of a multi-word name (``Baltā nama``, the White House)."""
MIN_TAIL_LETTERS = 3
"""Letters a lower-case word of such a tail needs (not ``a`` of an English title kept in a
Latvian text: ``And a Few Hard Truths``)."""
_LOWER_WORD = re.compile(r"[^\W\d_A-Z][^\W\d_]*")


def _lower_tails(
    doc: AnalyzedDocument,
    seg: Segment,
    text: str,
    start: int,
    end: int,
    j: int,
    words: list[tuple[int, int]],
    free: list[bool],
    sentence: int,
) -> list[_Candidate]:
    """Candidates that extend the run ``text[start:end]`` (its next word is ``words[j]``; not a
    function word of any language) by one to :data:`MAX_LOWER_TAIL` untagged lower-case words of
    :data:`MIN_TAIL_LETTERS` or more, single-spaced, no function words, in a language whose
    names inflect (Latvian capitalizes a name's first word only)."""
    language = defaults(doc.lang)
    if not language.inflected or text[start:end].lower() in recall.function_words():
        return []
    out = []
    for k in range(j, min(j + MAX_LOWER_TAIL, len(words))):
        word = text[words[k][0] : words[k][1]]
        if not free[k] or text[words[k - 1][1] if k > j else end : words[k][0]] != " ":
            break
        if len(word) < MIN_TAIL_LETTERS or not _LOWER_WORD.fullmatch(word):
            break
        if word in language.function_words:
            break
        out.append(
            _Candidate(
                seg.start + start,
                seg.start + words[k][1],
                text[start : words[k][1]],
                sentence,
                lower_tail=True,
            )
        )
    return out


_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff·・]+")
MAX_HAN_CHARS = 10
"""Longest Chinese candidate, in characters."""


def han_candidates(doc: AnalyzedDocument, sentence: int) -> list[_Candidate]:
    """Untagged runs of two to :data:`MAX_HAN_CHARS` Chinese characters inside the Han runs of
    one sentence of ``doc``, not starting or ending with an interpunct. Every character boundary
    counts: a word cutter's dictionary splits names it does not hold (``脸`` ``书上``)."""
    seg, text, taken = _sentence_view(doc, sentence)
    out: list[_Candidate] = []
    for run in _HAN_RUN.finditer(text):
        for a in range(run.start(), run.end()):
            for b in range(a + 2, min(run.end(), a + MAX_HAN_CHARS) + 1):
                if text[a] in "·・" or text[b - 1] in "·・":
                    continue
                if any(a < y and x < b for x, y in taken):
                    break  # longer ones overlap it too
                out.append(_Candidate(seg.start + a, seg.start + b, text[a:b], sentence))
    return out


def _sounded_in(
    cands: list[_Candidate],
    vectors: np.ndarray,
    names: list[NameGroup],
    used: set[int],
    sole: bool = False,
) -> int | None:
    """The candidate the learned scorer matches with one of an entity's ``names`` (see the
    module doc, *Choice*), or ``None``. ``vectors``: one row per candidate, or a stack of such
    matrices (the candidates' surface forms and their lemmas), whose best cosine counts.
    ``sole``: the candidate is the only one of its sentence and the entity the only one its
    translation names that it lacks: :data:`SOLE_MIN_SCORE` will do."""
    sims = vectors @ np.stack([g.vector for g in names]).T  # type: ignore[misc]
    if sims.ndim == 3:
        sims = sims.max(axis=0)
    best = np.where([c.lower_tail for c in cands], -1.0, sims.max(axis=1))
    order = np.argsort(-best, kind="stable")
    top = int(order[0])
    name = names[int(sims[top].argmax())].display
    alone = sum(not c.lower_tail for c in cands) == 1
    needed = SOLE_MIN_SCORE if sole and alone else _min_score(cands[top].text, name)
    if best[top] < needed or top in used:
        return None
    rivals = [  # other candidates as close, not a part or extension of the best one
        k
        for k in order[1:]
        if best[k] >= best[top] - MARGIN
        and not (cands[k].start < cands[top].end and cands[top].start < cands[k].end)
        and cands[k].text != cands[top].text  # the name written twice (a 2-1 bead)
    ]
    if rivals or _shorter_form(cands[top].text, name):
        return None
    return top


def _candidate_vectors(cands: list[_Candidate], lang: str) -> np.ndarray:
    """Name-scorer vectors of the candidates' surface forms; in a language whose names inflect,
    stacked with those of their lemmas (the project's word lemmatizer, word by word), which the
    scorer may read closer to a name's other spellings (``Jeila`` / ``Yale`` beside the locative
    ``Jeilā``)."""
    surfaces = [c.text for c in cands]
    vectors = encode_names(surfaces, [lang] * len(cands))
    if not defaults(lang).inflected:
        return vectors
    from pipeline.ner.lemmatize import WINNER, word_lemmatizer

    lemmatize = word_lemmatizer(WINNER).lemmatize
    lemmas = [" ".join(lemmatize(text.split())) for text in surfaces]
    return np.stack([vectors, encode_names(lemmas, [lang] * len(cands))])


def _written_again(hit: _Candidate, cands: list[_Candidate]) -> list[_Candidate]:
    """``hit`` and the candidates elsewhere in its sentences that are the same string: the two
    sentences of a 2-1 bead may both name what their translation names once."""
    same = [
        c for c in cands if c.text == hit.text and not (c.start < hit.end and hit.start < c.end)
    ]
    return [hit, *{(c.start, c.end): c for c in same}.values()]


def _translated_among(
    cands: list[_Candidate], lang: str, names: list[NameGroup], label: str
) -> _Candidate | None:
    """The candidate that translates one of an entity's ``names``: its pivot keys (a whole-name
    gloss of CC-CEDICT, CLDR, GeoNames or the wiki links, a composition of dictionary words) meet
    the entity's (``脸书`` / ``Facebook``), else it translates a name of two parts or more part
    by part (``最高法院`` / ``Supreme Court``); a whole-name gloss outranks the part-by-part
    ones (``最高法院``, not ``大法官``, "justice", beside it, which a dictionary glosses "supreme
    court justice"). The shortest such candidate is chosen (``European Union``, not ``The
    European Union``; ``最高法院``, not ``最高法院大法官``); two that do not overlap (two places
    of the sentence) are ambiguous: ``None``, unless they are one string (a name the two
    sentences of a 2-1 bead both write)."""
    from pipeline.align.lexicon import loose_translation
    from pipeline.align.names import pivot_keys

    keys = {k for g in names if g.lang != lang for k in g.pivots}
    matches = [c for c in cands if keys & set(pivot_keys(c.text, c.text, lang, label))]
    if not matches:
        matches = [
            c
            for c in cands
            if any(
                g.lang != lang and loose_translation(c.text, lang, g.display, g.lang) for g in names
            )
        ]
    if not matches:
        return None
    best = min(matches, key=lambda c: (c.end - c.start, c.start))
    if any(
        not (c.start < best.end and best.start < c.end) and c.text != best.text for c in matches
    ):
        return None
    return best


MEANING_MIN = 0.88
"""Multilingual e5 cosine of a candidate's and a name's vectors at which the candidate means the
name (:func:`_meant_among`) ..."""
MEANING_MARGIN = 0.03
"""... by this much over any candidate elsewhere in the sentence."""


def _meant_among(cands: list[_Candidate], lang: str, names: list[NameGroup]) -> _Candidate | None:
    """The candidate that means what one of an entity's names of another language means, to the
    multilingual e5 encoder (:data:`MEANING_MIN`, by :data:`MEANING_MARGIN` over candidates
    elsewhere: ``Elite League`` / ``Elites Līga``), for names no dictionary here
    translates; names sharing a Latin word with it are the scorer's business."""
    others = [g.display for g in names if g.lang != lang and several_parts(g.display)]
    cands = [c for c in cands if several_parts(c.text)]
    if not others or not cands:
        return None
    texts = [c.text for c in cands]
    vectors = embed.embed(texts + others, query=True)
    sims = (vectors[: len(texts)] @ vectors[len(texts) :].T).max(axis=1)
    top = int(np.argmax(sims))
    if sims[top] < MEANING_MIN:
        return None
    best = cands[top]
    if any(
        sims[k] >= sims[top] - MEANING_MARGIN and not (c.start < best.end and best.start < c.end)
        for k, c in enumerate(cands)
        if k != top
    ):
        return None
    if any(latin_word_set(best.text) & latin_word_set(name) for name in others):
        return None
    return best


_LATIN_SPELLING = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .&'’-]*[A-Za-z0-9.]")


def _spelled_in(
    doc: AnalyzedDocument, targets: tuple[tuple[int, int], ...], names: list[NameGroup]
) -> _Candidate | None:
    """The place where a sentence of an unspaced language (``targets``: one, or the two of a 2-1
    bead) holds one of the entity's names written in Latin letters verbatim (two letters or
    more, case aside, not inside a longer Latin word), untagged; the longest name where they
    overlap, ``None`` where they stand at two places (ambiguous)."""
    spellings = {
        g.display
        for g in names
        if g.lang != doc.lang
        and _LATIN_SPELLING.fullmatch(g.display)
        and sum(ch.isalpha() for ch in g.display) >= 2
    }
    if not spellings:
        return None
    hits: list[_Candidate] = []
    for _, sentence in targets:
        seg, text, taken = _sentence_view(doc, sentence)
        for name in spellings:
            rx = rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])"
            for m in re.finditer(rx, text, re.IGNORECASE):
                if not any(m.start() < y and x < m.end() for x, y in taken):
                    hits.append(
                        _Candidate(seg.start + m.start(), seg.start + m.end(), m.group(), sentence)
                    )
    if not hits:
        return None
    best = max(hits, key=lambda c: (c.end - c.start, -c.start))
    if any(not (c.start < best.end and best.start < c.end) for c in hits):
        return None
    return best


def _shorter_form(candidate: str, name: str) -> bool:
    """``candidate`` is ``name`` less some of its words (``Toyota`` / ``Toyota UK``)."""
    words, name_words = candidate.lower().split(), name.lower().split()
    return len(words) < len(name_words) and all(w in name_words for w in words)


def project_names(
    docs: list[AnalyzedDocument], config: AlignConfig | None = None
) -> dict[str, list[Mention]]:
    """Document id → the mentions projection adds to it (sorted by offset; documents that get
    none are left out)."""
    return project_and_cluster(docs, config)[0]


def _min_score(candidate: str, name: str) -> float:
    """The scorer cosine a candidate needs with the entity's name it matches best."""
    both_acronyms = recall.name_kind(candidate) == recall.name_kind(name) == "acronym"
    return ACRONYM_MIN_SCORE if both_acronyms else MIN_SCORE


def project_and_cluster(
    docs: list[AnalyzedDocument],
    config: AlignConfig | None = None,
    progress: ProgressHook = ignore,
) -> tuple[dict[str, list[Mention]], Clustering | None]:
    """:func:`project_names`, and the clustering of ``docs`` it computed (``None`` when it did
    not need one): when nothing is projected, that is the clustering of the corpus as it stays.
    ``progress`` hears the clustering's steps."""
    config = config or AlignConfig()
    if not any(defaults(d.lang).spaced for d in docs) or len({d.lang for d in docs}) < 2:
        return {}, None
    clustered = cluster_mentions(docs, config, progress=progress)
    groups, clusters = clustered
    root_of = root_lookup(groups, clusters)
    pairs = parallel.translated_sentence_pairs(docs, root_of, beads=True)
    if not pairs:
        return {}, clustered
    named = parallel.entities_by_sentence(docs, root_of)
    members: dict[int, list[NameGroup]] = defaultdict(list)
    for g in groups:
        if g.vector is not None:
            members[clusters.find(g.gid)].append(g)
    # target sentences (one, or the two of a 2-1 bead) → entities the other side names
    wanted: dict[tuple[tuple[int, int], ...], set[int]] = defaultdict(set)
    for p in pairs:
        for source, target in (
            (p.sentences_a(), p.sentences_b()),
            (p.sentences_b(), p.sentences_a()),
        ):
            missing = set().union(*(named.get(x, set()) for x in source))
            missing -= set().union(*(named.get(x, set()) for x in target))
            wanted[target].update(r for r in missing if members.get(r))
    found: dict[int, list[tuple[int, int, int, str, str]]] = defaultdict(list)

    @cache
    def headlines(d: int) -> set[int]:
        """The sentences of document ``d`` written in title case."""
        texts = [docs[d].sentence_text(i) for i in range(len(docs[d].sentences))]
        return headline_sentences(texts, name_words(texts, docs[d].lang), docs[d].lang)

    for targets, roots in sorted(wanted.items()):
        d = targets[0][0]
        doc = docs[d]
        spaced = defaults(doc.lang).spaced
        cands = [
            c
            for _, s in targets
            for c in (candidates(doc, s, s in headlines(d)) if spaced else han_candidates(doc, s))
        ]
        if not cands:
            continue
        vectors = _candidate_vectors(cands, doc.lang) if spaced else None
        used: set[int] = set()
        for root in sorted(roots):
            label = clusters.label(root)
            k = (
                _sounded_in(cands, vectors, members[root], used, sole=len(roots) == 1)
                if vectors is not None
                else None
            )
            hit = cands[k] if k is not None else None
            if hit is None and not spaced:  # a foreign name kept in Latin letters
                hit = _spelled_in(doc, targets, members[root])
            if hit is None:  # no sound match (Chinese: never tried), a translation then
                hit = _translated_among(cands, doc.lang, members[root], label)
            if hit is None and spaced and label != "PER" and not clusters.ids[root]:
                hit = _meant_among(cands, doc.lang, members[root])
            if hit is None or any(hit.start < y and x < hit.end for x, y, *_ in found[d]):
                continue
            if k is not None:
                used.add(k)
            for copy in _written_again(hit, cands):
                if not any(copy.start < y and x < copy.end for x, y, *_ in found[d]):
                    found[d].append((copy.start, copy.end, copy.sentence, label, doc.lang))
    added = {
        docs[d].doc_id: recall.mentions_at(docs[d], sorted(hits), SOURCE)
        for d, hits in sorted(found.items())
        if hits
    }
    return added, (None if added else clustered)


MAX_GLOSSED_HAN = 8
"""Longest Chinese candidate before a gloss in parentheses, in characters."""
HAN_GLOSS_MIN_SCORE = 0.7
"""Name-scorer cosine the best Chinese candidate needs with its gloss (several endings of one run
compete, so more than :data:`GLOSS_MIN_SCORE`)."""
GLOSS_MIN_SCORE = 0.5
"""Name-scorer cosine of a name and its gloss in parentheses (``AlignConfig.parenthesis_min``)
for the untagged one to be tagged."""
_OPENING = re.compile(r"\s*[(（]\s*$")
_CLOSING = re.compile(r"^\s*[)）]")


def glossed_names(docs: list[AnalyzedDocument]) -> dict[str, list[Mention]]:
    """Document id → the names tagged because a tagged name glosses them in parentheses, or they
    it: an untagged run of capitalized words (:func:`candidates`) right before a tagged name in
    parentheses, or alone in the parentheses right after one, that the learned scorer reads as
    that name (cosine ≥ :data:`GLOSS_MIN_SCORE`), takes its type: ``Serhio Garsija (Sergio
    Garcia)``, ``Siņinā (Xining)``, ``Kristīnes Bleisijas Fordas (Christine Blasey Ford)``. A
    Latvian or Chinese text glosses a foreign name with its original spelling; the tagger finds
    one of the two. In Chinese, whose runs have no capitals to end them, the candidates are the
    last 2 to :data:`MAX_GLOSSED_HAN` Han characters before the parenthesis, compared with the
    gloss and, for a person, its last word (``強生 (Boris Johnson)``: the surname), the best one
    taken at :data:`HAN_GLOSS_MIN_SCORE`."""
    sites: list[tuple[int, _Candidate, Mention, str]] = []
    for d, doc in enumerate(docs):
        if "(" not in doc.text and "（" not in doc.text:
            continue
        by_sentence: dict[int, list[Mention]] = defaultdict(list)
        for m in doc.mentions:
            by_sentence[m.sentence].append(m)
        spaced = defaults(doc.lang).spaced
        for sentence, mentions in sorted(by_sentence.items()):
            if spaced:
                sites += [
                    (d, c, m, m.text) for c, m in _spaced_gloss_sites(doc, sentence, mentions)
                ]
            else:
                sites += [
                    (d, c, m, gloss)
                    for c, m in _han_gloss_sites(doc, sentence, mentions)
                    for gloss in _gloss_forms(m)
                ]
    if not sites:
        return {}
    vectors = encode_names(
        [c.text for _, c, _, _ in sites] + [gloss for *_, gloss in sites],
        [docs[d].lang for d, *_ in sites] * 2,
    )
    best: dict[tuple[int, int], tuple[float, _Candidate, Mention]] = {}
    for k, (d, c, m, _) in enumerate(sites):
        sim = float(vectors[k] @ vectors[len(sites) + k])
        least = GLOSS_MIN_SCORE if defaults(docs[d].lang).spaced else HAN_GLOSS_MIN_SCORE
        if sim < least and _translation_glossed(c, m, docs[d].lang):
            # ranked below any sound match, the closest in words first
            sim = -abs(len(c.text.split()) - len(m.text.split())) - 1 / len(c.text)
        elif sim < least:
            continue
        key = (d, m.start)
        if key not in best or sim > best[key][0]:
            best[key] = (sim, c, m)
    found: dict[int, list[tuple[int, int, int, str, str]]] = defaultdict(list)
    for (d, _), (_, c, m) in sorted(best.items()):
        if not any(c.start < y and x < c.end for x, y, *_ in found[d]):
            found[d].append((c.start, c.end, c.sentence, m.label, docs[d].lang))
    return {
        docs[d].doc_id: recall.mentions_at(docs[d], sorted(hits), SOURCE)
        for d, hits in sorted(found.items())
    }


def _translation_glossed(c: _Candidate, m: Mention, lang: str) -> bool:
    """A run right before an organization's or place's original name in parentheses, in a text
    written with spaces: the name translated (``Nacionālais Meteoroloģiskais dienests
    (National Weather Service)``), as the parenthesis step reads it."""
    if not defaults(lang).spaced or m.label == "PER" or c.end > m.start:
        return False
    return glosses_original(c.text, lang, m.text)


def _spaced_gloss_sites(
    doc: AnalyzedDocument, sentence: int, mentions: list[Mention]
) -> list[tuple[_Candidate, Mention]]:
    """(candidate, tagged name) pairs of a sentence where one glosses the other in parentheses."""
    if "(" not in doc.sentence_text(sentence):
        return []
    out = []
    for c in candidates(doc, sentence):
        for m in mentions:
            before = _OPENING.fullmatch(doc.text, c.end, m.start) and _CLOSING.match(
                doc.text[m.end : m.end + 3]
            )
            after = _OPENING.fullmatch(doc.text, m.end, c.start) and _CLOSING.match(
                doc.text[c.end : c.end + 3]
            )
            if before or after:
                out.append((c, m))
    return out


_HAN_BEFORE_GLOSS = re.compile(r"([\u3400-\u9fff·‧・]+)\s*[(（]\s*$")


def _han_gloss_sites(
    doc: AnalyzedDocument, sentence: int, mentions: list[Mention]
) -> list[tuple[_Candidate, Mention]]:
    """(candidate, tagged Latin-script name in parentheses) pairs of a Chinese sentence: the
    untagged endings of the Han run right before the parenthesis."""
    out = []
    taken = [(m.start, m.end) for m in mentions]
    for m in mentions:
        if is_han(m.text) or not _CLOSING.match(doc.text[m.end : m.end + 3]):
            continue
        seg = doc.sentences[sentence]
        run = _HAN_BEFORE_GLOSS.search(doc.text, seg.start, m.start)
        if run is None or run.end() != m.start:
            continue
        for size in range(2, min(MAX_GLOSSED_HAN, len(run.group(1))) + 1):
            start, end = run.end(1) - size, run.end(1)
            if any(start < y and x < end for x, y in taken):
                break
            if doc.text[start] in NAME_DOTS:
                continue  # a name starts after its dot, not at it
            out.append((_Candidate(start, end, doc.text[start:end], sentence), m))
    return out


def _gloss_forms(m: Mention) -> list[str]:
    """A gloss as compared with a Chinese candidate: the whole name, and for a person's name of
    two to four words also its last word (Chinese news writes the surname alone)."""
    words = m.text.split()
    if m.label == "PER" and 2 <= len(words) <= 4:
        return [m.text, words[-1]]
    return [m.text]


def corpus_mentions(
    docs: list[AnalyzedDocument],
    config: AlignConfig | None = None,
    progress: ProgressHook = ignore,
) -> tuple[dict[str, list[Mention]], Clustering | None]:
    """Document id → every mention the align stage adds to it: corpus recall's
    (:func:`pipeline.align.recall.recall_names`), translated recall's
    (:func:`pipeline.align.translated_recall.translated_names`), then the names projected across translated
    sentences of the documents with those (:func:`project_names`); sorted by offset. Also the
    clustering of the documents with those mentions, when projection computed it (so the stage
    need not cluster twice), else ``None``."""
    added = recall.recall_names(docs)
    added = _joined(added, translated_names(recall.with_mentions(docs, added)))
    glossed = glossed_names(recall.with_mentions(docs, added))
    added = _joined(added, glossed)
    projected, clustered = project_and_cluster(recall.with_mentions(docs, added), config, progress)
    return _joined(added, projected), clustered


def _joined(
    added: dict[str, list[Mention]], more: dict[str, list[Mention]]
) -> dict[str, list[Mention]]:
    """Per document, the mentions of both, sorted by offset."""
    out = {k: list(v) for k, v in added.items()}
    for doc_id, mentions in more.items():
        out[doc_id] = sorted(out.get(doc_id, []) + mentions, key=lambda m: (m.start, m.end))
    return out
