"""Translated documents: align their sentences, then join the names the aligned sentences share.

A corpus often holds one text in several languages (a news agency's translations, a site's
language versions). Such a pair is a strong witness that the names of a sentence and of its
translation are the same things, whatever the names look like (``White House`` / ``Baltais nams``
/ ``白宫``). :func:`translated_sentence_pairs` finds them from what the corpus step already has
(sentence embeddings only settle the pairs with few anchors):

1. **Candidate document pairs**: two documents of different languages with a similar number of
   sentences (the shorter has at least :data:`MIN_SENTENCE_RATIO` of the longer's, both at least
   :data:`MIN_SENTENCES`) that share an anchor: an entity already linked across languages, or
   a number (a short report whose small places no knowledge links shares only its numbers).
2. **Sentence alignment**: a monotonic dynamic programme over the two sentence lists (Gale &
   Church 1993's moves 1-1, 1-0, 0-1, 2-1, 1-2), scored by the anchors two sentences share
   (entities linked so far, numbers written with digits) and by how alike their shares of their
   document's length are.
3. **Acceptance**: at least :data:`MIN_ALIGNED_SHARE` of the shorter document's sentences must
   be aligned at all (not skipped), and the alignment must honour :data:`MIN_HONOURED` of the
   rare anchors (two articles on one topic share names, but not sentence after sentence in the
   same order). A 2-1 bead counts like a 1-1 pair here: one language's segmenter may cut in two
   what the other's keeps whole. The anchors alone accept the pair when at least
   :data:`MIN_ANCHORED_SHARE` of the shorter document's sentences (and at least
   :data:`STRONG_ANCHORED` sentences) are aligned with a sentence sharing one of their rare
   anchors. With fewer (a text with few names; two short match reports sharing their teams),
   at least :data:`MIN_WEAK_ANCHORED` are needed, and the sentences must say the same thing:
   at least :data:`MIN_MUTUAL_SHARE` of the shorter document's sentences must be, in the
   alignment, each other's most similar sentence by multilingual sentence embeddings
   (multilingual-e5, :mod:`pipeline.encoders.embed`; computed only for such pairs).

:func:`names_by_elimination` then proposes, per 1-1 sentence pair of an accepted document pair
and per entity type, the one name of each side that the other side does not already account for;
per 2-1 bead (one language cut a sentence in two), only the names left that translate each other.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from pipeline.records import AnalyzedDocument

MIN_SENTENCES = 3
"""Documents with fewer sentences are not aligned (too little structure to trust)."""
MIN_SENTENCE_RATIO = 0.6
"""The shorter document needs this share of the longer one's sentences."""
MIN_ANCHORED_SHARE = 0.3
"""Share of the shorter document's sentences aligned with a sentence sharing a rare anchor at
which the anchors alone accept a pair ..."""
STRONG_ANCHORED = 5
"""... when they are at least this many sentences."""
MIN_WEAK_ANCHORED = 2
"""Fewer such sentences never make a pair."""
MIN_MUTUAL_SHARE = 0.5
"""Share of the shorter document's sentences that a pair with weaker anchors needs aligned 1-1
with their mutually most similar sentence (multilingual-e5 cosine). Translations score 0.5–1
on NTREX; different articles on one topic 0–0.2."""
MIN_ALIGNED_SHARE = 0.7
"""Share of the shorter document's sentences aligned (1-1, 2-1 or 1-2 beads), not skipped."""
SKIP = -1.0
"""Score of leaving a sentence unaligned."""
LENGTH_WEIGHT = 1.5
"""Weight of the log ratio of two sentences' shares of their documents."""
ANCHOR_WEIGHT = 2.0
"""Score of one shared anchor."""
BAND = 0.05
"""A sentence is aligned only within this share of the documents' length of the diagonal (and
within :data:`MIN_BAND` sentences of it, whichever is wider)."""
MIN_BAND = 2
RARE_ANCHOR = 3
MIN_HONOURED = 0.75
"""Share of the sentences with a rare anchor that the alignment must pair with a sentence
holding it (a translation keeps its names in place; a rearranged article does not)."""
"""An anchor in more sentences than this of a document does not count in the quick test."""

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class SentencePair:
    """Two sentences that translate each other: (document index, sentence index) each; or, for
    a 2-1 bead, the first sentence of each side and the side's ``more`` sentences."""

    a: tuple[int, int]
    b: tuple[int, int]
    anchored: bool
    more_a: tuple[int, ...] = ()
    """Further sentences of the first document in this bead (a 2-1 bead)."""
    more_b: tuple[int, ...] = ()

    def sentences_a(self) -> tuple[tuple[int, int], ...]:
        return (self.a, *((self.a[0], s) for s in self.more_a))

    def sentences_b(self) -> tuple[tuple[int, int], ...]:
        return (self.b, *((self.b[0], s) for s in self.more_b))


def _numbers(text: str) -> set[str]:
    return {re.sub(r"[.,]", "", n) for n in _NUMBER.findall(text) if len(n) >= 2}


def _sentence_anchors(
    doc: AnalyzedDocument, d: int, root_of: Callable[[int, int], int | None]
) -> list[set[str]]:
    anchors: list[set[str]] = [set() for _ in doc.sentences]
    for i, m in enumerate(doc.mentions):
        root = root_of(d, i)
        if root is not None and 0 <= m.sentence < len(anchors):
            anchors[m.sentence].add(f"e{root}")
    for s, seg in enumerate(doc.sentences):
        anchors[s] |= {f"n{n}" for n in _numbers(doc.text[seg.start : seg.end])}
    return anchors


def _shares(doc: AnalyzedDocument) -> list[float]:
    lengths = [max(1, seg.end - seg.start) for seg in doc.sentences]
    total = sum(lengths)
    return [n / total for n in lengths]


Bead = tuple[range, range]
"""Sentences of one document aligned with sentences of the other: 1-1, 2-1 or 1-2."""


def _band(n: int, m: int) -> int:
    """How far from the diagonal (in sentences of the second document) the alignment may go."""
    return max(MIN_BAND, int(BAND * max(n, m)))


def _align(
    anchors_a: list[set[str]], anchors_b: list[set[str]], share_a: list[float], share_b: list[float]
) -> list[Bead]:
    """The best monotonic path; returns its beads (skipped sentences are in none)."""
    n, m = len(anchors_a), len(anchors_b)

    def match(ia: list[int], jb: list[int]) -> float:
        sa = sum(share_a[i] for i in ia)
        sb = sum(share_b[j] for j in jb)
        xa = set().union(*(anchors_a[i] for i in ia))
        xb = set().union(*(anchors_b[j] for j in jb))
        extra = 0.5 * (len(ia) + len(jb) - 2)  # a 2-1 bead must earn its place
        return ANCHOR_WEIGHT * len(xa & xb) - LENGTH_WEIGHT * abs(math.log(sa / sb)) - extra

    best = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    moves = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
    band = _band(n, m)
    for i in range(n + 1):
        diagonal = i * m // max(n, 1)
        for j in range(max(0, diagonal - band), min(m, diagonal + band) + 1):
            if i == 0 and j == 0:
                continue
            for di, dj in moves:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or best[pi][pj] == -math.inf:
                    continue
                if di and dj:
                    step = match(list(range(pi, i)), list(range(pj, j)))
                else:
                    step = SKIP
                if best[pi][pj] + step > best[i][j]:
                    best[i][j], back[i][j] = best[pi][pj] + step, (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        if di and dj:
            beads.append((range(i - di, i), range(j - dj, j)))
        i, j = i - di, j - dj
    return beads[::-1]


def _sentence_vectors(doc: AnalyzedDocument) -> np.ndarray:
    from pipeline.encoders import embed

    return embed.embed([doc.sentence_text(i).strip() for i in range(len(doc.sentences))])


def mutual_share(doc_a: AnalyzedDocument, doc_b: AnalyzedDocument, path: list[Bead]) -> float:
    """Share of the shorter document's sentences that ``path`` pairs 1-1 with the sentence each
    is most similar to, and that sentence is most similar to it in return (multilingual-e5
    cosine; the embedding cache keeps each sentence's vector for the process)."""
    similar = _sentence_vectors(doc_a) @ _sentence_vectors(doc_b).T
    row_best, column_best = similar.argmax(axis=1), similar.argmax(axis=0)
    mutual = sum(
        1
        for x, y in path
        if len(x) == len(y) == 1 and row_best[x[0]] == y[0] and column_best[y[0]] == x[0]
    )
    return mutual / min(len(doc_a.sentences), len(doc_b.sentences))


def _rare_partners(anchors_a: list[set[str]], anchors_b: list[set[str]]) -> list[set[int]]:
    """Per sentence of the first document, the sentences of the second that share a rare anchor
    with it (one in at most :data:`RARE_ANCHOR` sentences of each document). An anchor found in
    more sentences of the first document than of the second (a name the title and a body
    sentence repeat, whose translation the second document's tagger found once) partners only
    as many sentences of the first as it has in the second, those nearest the diagonal: no
    alignment could honour the others."""
    n, m = len(anchors_a), len(anchors_b)
    where: dict[str, list[int]] = defaultdict(list)
    for j, found in enumerate(anchors_b):
        for x in found:
            where[x].append(j)
    holders: dict[str, list[int]] = defaultdict(list)
    for i, found in enumerate(anchors_a):
        for x in found:
            holders[x].append(i)
    partners: list[set[int]] = [set() for _ in anchors_a]
    for x, sentences in holders.items():
        js = where.get(x, [])
        if not js or len(sentences) > RARE_ANCHOR or len(js) > RARE_ANCHOR:
            continue
        if len(sentences) > len(js):
            sentences = sorted(
                sentences, key=lambda i: (min(_off_diagonal(i, j, n, m) for j in js), i)
            )[: len(js)]
        for i in sentences:
            partners[i].update(js)
    return partners


def _diagonal_offsets(partners: list[set[int]], n: int, m: int) -> list[int | None]:
    """Per sentence of the first document, how far from the diagonal (in sentences of the second)
    its nearest rare-anchor partner lies; ``None`` without one. Counting those within the
    alignment's band is a cheap test run before the alignment: two articles on one topic share
    their frequent names everywhere, a translation its rare ones sentence by sentence."""
    return [
        min((_off_diagonal(i, j, n, m) for j in js), default=None) for i, js in enumerate(partners)
    ]


def _off_diagonal(i: int, j: int, n: int, m: int) -> int:
    """How many sentences sentence ``j`` of an ``m``-sentence document lies from where the
    diagonal puts sentence ``i`` of an ``n``-sentence one."""
    return abs(j - i * m // max(n, 1))


def translated_sentence_pairs(
    docs: list[AnalyzedDocument],
    root_of: Callable[[int, int], int | None],
    beads: bool = False,
) -> list[SentencePair]:
    """1-1 sentence pairs of the document pairs that translate each other (with ``beads``, their
    2-1 and 1-2 beads too). ``root_of(doc index, mention index)`` is the entity (cluster) a
    mention belongs to so far, or ``None``."""
    anchors = [_sentence_anchors(doc, d, root_of) for d, doc in enumerate(docs)]
    # Entities already linked across languages, or numbers: a translation shares some.
    shared = [{a for s in doc_anchors for a in s} for doc_anchors in anchors]
    out: list[SentencePair] = []
    for a, doc_a in enumerate(docs):
        for b in range(a + 1, len(docs)):
            doc_b = docs[b]
            n, m = len(doc_a.sentences), len(doc_b.sentences)
            if doc_a.lang == doc_b.lang or min(n, m) < MIN_SENTENCES:
                continue
            if min(n, m) < MIN_SENTENCE_RATIO * max(n, m) or not (shared[a] & shared[b]):
                continue
            partners = _rare_partners(anchors[a], anchors[b])
            offsets = [o for o in _diagonal_offsets(partners, n, m) if o is not None]
            band = _band(n, m)
            near = sum(1 for o in offsets if o <= band)
            # The alignment stays in the band, and a bead's sentences within 2 of its corner:
            # an upper bound of the anchors it can honour.
            reachable = sum(1 for o in offsets if o <= band + 2)
            if near < MIN_WEAK_ANCHORED or reachable < MIN_HONOURED * len(offsets):
                continue
            path = _align(anchors[a], anchors[b], _shares(doc_a), _shares(doc_b))
            covered = min(sum(len(x) for x, _ in path), sum(len(y) for _, y in path))
            if covered < MIN_ALIGNED_SHARE * min(n, m):
                continue
            aligned_to = {i: set(y) for x, y in path for i in x}
            honoured = sum(1 for i, js in enumerate(partners) if aligned_to.get(i, set()) & js)
            if honoured < MIN_WEAK_ANCHORED or honoured < MIN_HONOURED * len(offsets):
                continue
            strong = min(near, honoured) >= max(STRONG_ANCHORED, MIN_ANCHORED_SHARE * min(n, m))
            if not strong and mutual_share(doc_a, doc_b, path) < MIN_MUTUAL_SHARE:
                continue
            out.extend(
                SentencePair(
                    (a, x[0]),
                    (b, y[0]),
                    bool(anchors[a][x[0]] & anchors[b][y[0]]),
                    tuple(x[1:]),
                    tuple(y[1:]),
                )
                for x, y in path
                if beads or len(x) == len(y) == 1
            )
    return out


def entity_roots(
    docs: list[AnalyzedDocument], mention_entity: dict[tuple[str, int], str]
) -> Callable[[int, int], int | None]:
    """``root_of`` for :func:`translated_sentence_pairs` from final entity records: (document
    index, mention index) → a number per entity id, ``None`` for a mention of no entity."""
    numbers: dict[str, int] = {}

    def root_of(d: int, i: int) -> int | None:
        entity = mention_entity.get((docs[d].doc_id, i))
        return None if entity is None else numbers.setdefault(entity, len(numbers))

    return root_of


MAX_UNACCOUNTED = 3
"""Entities of one type a sentence may leave unaccounted for and still be paired by translation
(:func:`names_by_elimination`'s ``translates``)."""


def entities_by_sentence(
    docs: list[AnalyzedDocument], root_of: Callable[[int, int], int | None]
) -> dict[tuple[int, int], set[int]]:
    """(document index, sentence index) → the entities (roots) its mentions name."""
    out: dict[tuple[int, int], set[int]] = defaultdict(set)
    for d, doc in enumerate(docs):
        for i, m in enumerate(doc.mentions):
            root = root_of(d, i)
            if root is not None:
                out[(d, m.sentence)].add(root)
    return out


def names_by_elimination(
    docs: list[AnalyzedDocument],
    pairs: list[SentencePair],
    root_of: Callable[[int, int], int | None],
    label_of: Callable[[int], str],
    translates: Callable[[int, int], bool] | None = None,
    nearest: Callable[[list[int], list[int]], list[tuple[int, int]]] | None = None,
) -> dict[tuple[int, int], int]:
    """(root, root) candidate pairs → how many aligned sentence pairs propose them: the single
    entity of one sentence that is not named in the other and the single such entity of the other
    (whatever types the two taggers gave them: ``Sandjego`` PER / ``San Diego`` LOC); else, for
    each type, the single such entity of each side. Where either side leaves several (up to
    :data:`MAX_UNACCOUNTED`), the pairs that ``translates`` accepts are proposed when they pair
    those entities one to one. A 2-1 bead's sentences count as one; its names pair only by
    ``translates`` (without it, beads propose nothing). ``nearest`` adds, for the entities left
    of one type on each side, the pairs it finds closest to each other (which it must keep one
    to one)."""
    mentions_in = entities_by_sentence(docs, root_of)
    votes: dict[tuple[int, int], int] = defaultdict(int)
    for p in pairs:
        # a 2-1 bead: one language cut in two what the other keeps as one sentence
        left = set().union(*(mentions_in.get(s, set()) for s in p.sentences_a()))
        right = set().union(*(mentions_in.get(s, set()) for s in p.sentences_b()))
        only_left, only_right = left - right, right - left
        by_label: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for r in only_left:
            by_label[label_of(r)][0].append(r)
        for r in only_right:
            by_label[label_of(r)][1].append(r)
        # A bead's sentences are paired less surely than a 1-1 pair's: its names pair only
        # where they translate each other.
        bead = bool(p.more_a or p.more_b)
        if bead and translates is None:
            continue
        if not bead and len(only_left) == 1 and len(only_right) == 1:
            # One name left on each side: a pair whatever types the two taggers gave.
            x, y = min(only_left), min(only_right)
            votes[(min(x, y), max(x, y))] += 1
            continue
        for xs, ys in by_label.values():
            if not bead and len(xs) == 1 and len(ys) == 1:
                x, y = xs[0], ys[0]
                votes[(min(x, y), max(x, y))] += 1
            elif translates is not None and 0 < min(len(xs), len(ys)):
                if max(len(xs), len(ys)) > MAX_UNACCOUNTED:
                    continue
                found = [(x, y) for x in sorted(xs) for y in sorted(ys) if translates(x, y)]
                if nearest is not None:
                    found += [p for p in nearest(sorted(xs), sorted(ys)) if p not in found]
                for x, y in found:
                    if sum(1 for a, b in found if a == x or b == y) == 1:  # one to one
                        votes[(min(x, y), max(x, y))] += 1
    return dict(votes)
