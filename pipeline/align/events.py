"""Align event mentions into event records: within a document (coreference), then across
documents and languages.

1. **Within-document coreference.** Two mentions of one document are one happening when their
   dates agree (see *blocking*), their kinds are the same, no number disagrees, and their
   sentences are near-identical (a repeated page: cosine ≥ ``repeat``) or very similar
   (≥ ``coref``) with a shared entity or number (a lead and its body). The groups formed are the
   units of step 2.
2. **Blocking.** Two groups of different documents are compared only when their intervals
   overlap, or both are undated (no own date and no inherited one), or one has no date at all
   and the other only an inherited one (an inherited date is a guess); an own-dated mention and
   an undated one only at ``undated_strong`` (the record takes the dated one's interval). Inside a block the
   comparison is a matrix product of the cached sentence vectors (multilingual-e5, computed by
   the events stage), by chunks.
3. **Scoring.** ``score = cosine + kind + entities + numbers + dates``: same kind ``+kind_same``,
   one of them ``other`` or a related kind ``0``, unrelated kinds ``kind_clash``; shared aligned
   entities (participants and places from the entity stage, ubiquitous ones excepted)
   ``+entity`` each (two at most); numbers in both sentences: one in common ``+numbers``, none in
   common ``numbers_clash``; the same own day ``+same_day``; documents naming no entity in
   common ``other_story`` (and such a pair needs ``other_story_strong``); one language ``same_lang`` (and ``same_lang_unshared`` without a
   shared entity). Two different settlements (GeoNames places) veto the pair. A pair is a
   candidate at ``score ≥ accept``. Between two parallel documents (translations: most mutual
   best pairs at one relative position) a pair far from its position is dropped. Where the
   sentence alignment pairs two documents, a pair it contradicts (another sentence of the
   translation, or a third article in a language the document has a translation in) needs
   ``untranslated_strong``.
4. **Translated sentences.** Before the scored candidates, the mentions of a sentence and of
   its translation (the beads of documents that translate each other: 1-1, or a sentence and
   the two its translation's segmenter cut it into;
   :func:`pipeline.align.parallel.translated_sentence_pairs`) join whatever their score and
   whatever settlements linking gave their place names: as many mentions on each side pair in
   text order, else one mention of a kind on each side.
5. **One mention per document pair.** Candidates are taken best first; a group is joined to at
   most one group of each other document (the text repeating itself is step 1), a record never
   holds two groups of one document, and the members' own intervals must keep a common part, so
   chains cannot drift in time.
6. **Projection.** A record told in at least ``project_min_langs`` languages gets a mention on
   the translation of each of its sentences that holds no mention yet (in a translated document
   not in the record): that language's triggers missed the happening its translation reports.
   Two languages are needed because one detector alone is often wrong (a goal described as a
   clash); two that agree are a witness for the third. The projected span is the sentence, with
   the source's kind, no date of its own, and ``projected`` set in the KB.

Every merge is evidence (its rule, the two mentions, the signals and the score); a record's
``confidence`` is its weakest merge's.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from pipeline.align.parallel import SentencePair
from pipeline.align.unionfind import UnionFind
from pipeline.encoders import embed
from pipeline.events.extract import UNPLACED
from pipeline.events.kinds import PRIORITY
from pipeline.events.vectors import event_text
from pipeline.kb.ids import event_id
from pipeline.kb.model import EventEvidence, EventRecord, EventSpan, confidence
from pipeline.records import AnalyzedDocument, EventMention, Interval

SCORE_DECIMALS = 9
"""Decimals of a candidate pair's score that order the cross-document merges: equal scores
(a sentence told twice, matched with a third) tie exactly, and the first mention wins."""

RELATED_KINDS = {
    frozenset(p)
    for p in (
        ("capture", "armed_clash"),
        ("massacre", "armed_clash"),
        ("ceasefire_agreement", "negotiation_summit"),
        ("declaration_vote", "recognition_membership"),
        ("declaration_vote", "resolution_ruling"),
        ("recognition_membership", "founding_abolition"),
        ("displacement", "massacre"),
        ("displacement", "armed_clash"),
        ("protest_movement", "armed_clash"),
    )
}
"""Kinds that one happening gets from different trigger words (an attack that captured a town)."""


@dataclass(frozen=True)
class EventAlignConfig:
    accept: float = 0.86
    """Score a cross-document pair needs."""
    repeat: float = 0.97
    """Sentence cosine of a repeated sentence inside one document."""
    coref: float = 0.94
    """Sentence cosine of a retelling inside one document (with a shared entity or number)."""
    kind_same: float = 0.03
    kind_clash: float = -0.06
    entity: float = 0.015
    numbers: float = 0.03
    numbers_clash: float = -0.04
    same_day: float = 0.03
    same_lang: float = -0.05
    """Two sentences of one language resemble each other more than translations do (e5): a
    same-language pair of different documents needs this much more."""
    same_lang_unshared: float = -0.03
    """A same-language pair of different documents that shares no entity (two stories told
    alike) needs this much more again."""
    other_story: float = -0.04
    """Two documents that name no entity in common (outside the ubiquitous ones) tell different
    stories: a pair across them needs this much more..."""
    other_story_strong: float = 0.93
    """...and, penalty included, at least this score: a happening told in two documents has
    participants or a place that both name, so alike sentences of two unrelated stories (two
    matches, two arrests) stay apart unless everything else agrees strongly."""
    undated_strong: float = 0.93
    """Score an own-dated mention needs to join an undated one (everything else agrees
    strongly; the record then takes the dated member's interval)."""
    untranslated_strong: float = 0.93
    """Score a pair needs when the sentence alignment of translated documents speaks against
    it: a mention of a sentence whose translation in the other document is another sentence,
    or a mention of a document whose translation into the other mention's language is another
    document (the happening's mention in that language is in the translation; a mention of a
    third article is another story's, two matches with one club)."""
    parallel_anchors: int = 3
    """Candidate pairs at the same relative position two documents need to count as
    translations of each other (a parallel pair)."""
    parallel_share: float = 0.6
    """...and at least this share of their mutual best candidate pairs (long documents on one topic
    have a few pairs at the same position by chance)."""
    parallel_near: float = 0.05
    """Relative position difference (sentence index / sentences) of an anchor pair."""
    parallel_far: float = 0.12
    """In a parallel pair, a candidate whose relative positions differ more than this pairs
    different sentences (a cross-line mix) and is dropped."""
    link: float = 0.87
    """Mean pair score between the members of two records that join (no chains)."""
    link_min: float = 0.8
    """Least pair score between any two members of two records that join."""
    project_min_langs: int = 2
    """Languages a record needs before its mentions are projected onto the translations of
    their sentences (step 6)."""
    projection_confidence: float = 0.8
    """Confidence of a mention projected onto a translated sentence: the sentence alignment is a
    strong witness, but no trigger of the sentence's own language found the happening."""
    chunk: int = 512
    """Rows of the similarity matrix computed at once."""


@dataclass
class _Item:
    doc: int
    index: int
    event: EventMention
    entities: set[str] = field(default_factory=set)
    own: tuple[int, int] | None = None
    inherited: tuple[int, int] | None = None
    numbers: frozenset[str] = frozenset()
    projected: bool = False
    """Projected onto a translated sentence (step 6): no trigger of its language found it."""
    time_words: bool = False
    """Its span holds a time expression that can date a happening (placed or not)."""


def _ordinal(iso: str) -> int | None:
    """Day number of an ISO date (astronomical years before 1 CE approximated)."""
    try:
        negative = iso.startswith("-")
        y, m, d = (int(x) for x in iso.lstrip("-").split("-"))
        if negative or y == 0:
            return -(y * 366 - m * 31 - d)
        return date(y, m, d).toordinal()
    except ValueError:
        return None


def _days(interval: Interval | None) -> tuple[int, int] | None:
    if interval is None:
        return None
    a, b = _ordinal(interval.start), _ordinal(interval.end)
    return (a, b) if a is not None and b is not None else None


def _span(d: tuple[int, int]) -> int:
    return d[1] - d[0] + 1


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int] | None:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else None


_NUMBER = re.compile(r"\d+(?:[,.\u00a0 ]\d{3})*(?:[.,]\d+)?")


def numbers(text: str) -> frozenset[str]:
    """The numbers written with digits in a text, normalized (``14,000`` = ``14 000`` = ``14000``;
    ``2.5`` = ``2,5``)."""
    out = set()
    for m in _NUMBER.finditer(text):
        s = re.sub(r"[,.\u00a0 ](?=\d{3}(?!\d))", "", m.group())
        out.add(s.replace(",", "."))
    return frozenset(out)


def _items(docs: list[AnalyzedDocument], mention_entity: dict[tuple[str, int], str]) -> list[_Item]:
    items = []
    for d, doc in enumerate(docs):
        times = sorted(doc.times, key=lambda t: t.start)
        starts = [t.start for t in times]
        for k, ev in enumerate(doc.events):
            ents = {
                mention_entity[(doc.doc_id, i)]
                for i in ev.mentions
                if (doc.doc_id, i) in mention_entity
            }
            days = _days(ev.interval)
            own, inherited = (None, days) if ev.interval_inherited else (days, None)
            inside = times[
                bisect.bisect_left(starts, ev.start) : bisect.bisect_left(starts, ev.end)
            ]
            timed = any(t.granularity not in UNPLACED for t in inside)
            items.append(_Item(d, k, ev, ents, own, inherited, numbers(ev.text), time_words=timed))
    return items


def _vectors(items: list[_Item]) -> np.ndarray:
    """Unit sentence vectors of all items (cached ones from the events stage), in float64;
    items of one text share the first one's vector. A sentence told twice then ties exactly with
    a third: the encoder's batched arithmetic may give the two copies vectors a few bits apart,
    and a matrix product two equal columns values a few bits apart, both below the decimals that
    order the merges (:data:`SCORE_DECIMALS`) in float64."""
    out = np.zeros((len(items), 0), dtype=np.float64)
    rows: dict[int, np.ndarray] = {}
    for n, it in enumerate(items):
        if it.event.vector:
            rows[n] = np.frombuffer(it.event.vector, dtype=np.float16).astype(np.float32)
    missing = [n for n in range(len(items)) if n not in rows]
    if missing:  # documents analyzed without the events stage's vectors
        texts = [event_text(items[n].event) for n in missing]
        rows.update(
            zip(missing, (np.asarray(v, np.float32) for v in embed.embed(texts)), strict=True)
        )
    if rows:
        dim = len(next(iter(rows.values())))
        out = np.zeros((len(items), dim), dtype=np.float64)
        first: dict[str, int] = {}  # one vector per text: a repeated sentence ties exactly
        for n in sorted(rows):
            out[n] = rows[first.setdefault(event_text(items[n].event), n)]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out /= np.where(norms > 0, norms, 1.0)
    return out


def _kind_bonus(kind: float, config: EventAlignConfig) -> float:
    """What the kind signal (:func:`kind_signal`) adds to a pair's score."""
    return config.kind_same if kind == 1.0 else (config.kind_clash if kind == 0.0 else 0.0)


def kind_signal(a: str, b: str) -> float:
    """1 same kind, 0.5 related or one of them ``other``, 0 unrelated."""
    if a == b:
        return 1.0
    if "other" in (a, b) or frozenset((a, b)) in RELATED_KINDS:
        return 0.5
    return 0.0


class _Groups(UnionFind):
    """Union-find over items with the constraints of a record: one group per document at most
    (after coreference), and a common part of the members' own intervals."""

    def __init__(self, items: list[_Item], pair_scores: Any, config: EventAlignConfig):
        self.pair_scores = pair_scores
        self.config = config
        super().__init__(len(items))
        self.members: dict[int, list[int]] = {n: [n] for n in range(len(items))}
        self.window: list[tuple[int, int] | None] = [it.own for it in items]
        self.docs: list[set[int]] = [{it.doc} for it in items]
        self.evidence: dict[int, list[dict[str, Any]]] = defaultdict(list)

    def union(
        self,
        a: int,
        b: int,
        same_doc_ok: bool,
        evidence: dict[str, Any],
        linkage: bool = True,
    ) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if not same_doc_ok:
            if self.docs[ra] & self.docs[rb]:
                return False
            ma, mb = self.members[ra], self.members[rb]
            if linkage and (len(ma) > 1 or len(mb) > 1):
                # Average and least linkage between the two records, so that no chain of good
                # pairs joins mentions that are not alike.
                scores = np.concatenate([self.pair_scores(x, mb) for x in ma])
                if np.mean(scores) < self.config.link or scores.min() < self.config.link_min:
                    return False
        wa, wb = self.window[ra], self.window[rb]
        if wa is not None and wb is not None:
            joint = _overlap(wa, wb)
            if joint is None:
                return False
        else:
            joint = wa or wb
        self.attach(rb, ra)
        self.window[ra] = joint
        self.docs[ra] |= self.docs[rb]
        self.members[ra] += self.members.pop(rb)
        self.evidence[ra] += self.evidence.pop(rb, []) + [evidence]
        return True


def _dates_compatible(a: _Item, b: _Item) -> bool:
    """Blocking: overlapping intervals, both undated, or undated against an inherited date."""
    da, db = a.own or a.inherited, b.own or b.inherited
    if da is None and db is None:
        return True
    if da is not None and db is not None:
        return _overlap(da, db) is not None
    dated = a if da is not None else b
    return dated.own is None


def _dated_undated(a: _Item, b: _Item) -> bool:
    """One has an own date, the other no date at all: compared only when all else agrees
    strongly (``undated_strong``)."""
    da, db = a.own or a.inherited, b.own or b.inherited
    return (da is None) != (db is None) and (a.own is not None or b.own is not None)


def _position(doc: AnalyzedDocument, ev: EventMention) -> float:
    """Relative position of a mention in its document (sentence index / sentences)."""
    return ev.sentence / max(1, len(doc.sentences))


class _PairScorer:
    """Scores a pair of event mentions: sentence similarity plus kind, shared entities, numbers,
    day, story and language signals (``None`` when their places conflict)."""

    def __init__(
        self,
        docs: list[AnalyzedDocument],
        items: list[_Item],
        vectors: np.ndarray,
        mention_entity: dict[tuple[str, int], str],
        entity_labels: dict[str, str],
        entity_ids: dict[str, list[str]],
        config: EventAlignConfig,
    ) -> None:
        self.items, self.vectors, self.config = items, vectors, config
        self.entity_labels, self.entity_ids = entity_labels, entity_ids
        # Entities named in many event sentences (the conflict's two countries) say little.
        df = Counter(e for it in items for e in it.entities)
        self.common = {e for e, n in df.items() if n > max(10, len(items) // 20)}
        self.settlements = [_settlements(it, entity_labels, entity_ids) for it in items]
        self.doc_entities: dict[int, set[str]] = defaultdict(set)
        for d, doc in enumerate(docs):
            for i in range(len(doc.mentions)):
                e = mention_entity.get((doc.doc_id, i))
                if e is not None and e not in self.common:
                    self.doc_entities[d].add(e)
        self._prepare_arrays()

    def _prepare_arrays(self) -> None:
        """Per-item arrays and per-kind / per-document tables that :meth:`_row` reads."""
        items = self.items
        self._holders: dict[str, dict[str, list[int]]] = {
            "entities": defaultdict(list),
            "numbers": defaultdict(list),
            "settlements": defaultdict(list),
        }
        for n, it in enumerate(items):
            for e in it.entities:
                self._holders["entities"][e].append(n)
            for x in it.numbers:
                self._holders["numbers"][x].append(n)
            for e in self.settlements[n]:
                self._holders["settlements"][e].append(n)
        self._member_arrays: dict[tuple[str, str], np.ndarray] = {}
        self.has_numbers = np.array([bool(it.numbers) for it in items], dtype=bool)
        self.has_settlement = np.array([bool(x) for x in self.settlements], dtype=bool)
        self.has_own = np.array([it.own is not None for it in items], dtype=bool)
        self.own_lo = np.array([it.own[0] if it.own else -(2**62) for it in items], dtype=np.int64)
        self.own_hi = np.array([it.own[1] if it.own else -(2**62) for it in items], dtype=np.int64)
        dates = [it.own or it.inherited for it in items]
        self.dated = np.array([d is not None for d in dates], dtype=bool)
        self.date_lo = np.array([d[0] if d else 0 for d in dates], dtype=np.int64)
        self.date_hi = np.array([d[1] if d else 0 for d in dates], dtype=np.int64)
        kinds = sorted({it.event.kind for it in items})
        langs = sorted({it.event.lang for it in items})
        self.kind_of = np.array([kinds.index(it.event.kind) for it in items], dtype=np.int64)
        self.lang_of = np.array([langs.index(it.event.lang) for it in items], dtype=np.int64)
        self.doc_of = np.array([it.doc for it in items], dtype=np.int64)
        self.kind_bonus = np.array(
            [[_kind_bonus(kind_signal(x, y), self.config) for y in kinds] for x in kinds],
            dtype=np.float64,
        )
        docs = int(self.doc_of.max()) + 1 if items else 0
        self.same_story = np.array(
            [
                [bool(self.doc_entities[x] & self.doc_entities[y]) for y in range(docs)]
                for x in range(docs)
            ],
            dtype=bool,
        ).reshape(docs, docs)

    def _members(self, table: str, key: str) -> np.ndarray:
        """Which items hold ``key`` among their ``table`` (``entities``, ``numbers`` or
        ``settlements``), as a boolean array (built on first use)."""
        found = self._member_arrays.get((table, key))
        if found is None:
            found = np.zeros(len(self.items), dtype=bool)
            found[self._holders[table][key]] = True
            self._member_arrays[(table, key)] = found
        return found

    def _count_shared(self, table: str, keys: Iterable[str], others: np.ndarray) -> np.ndarray:
        counts = np.zeros(len(others), dtype=np.int64)
        for key in keys:
            counts += self._members(table, key)[others]
        return counts

    def row_scores(
        self, a: int, others: np.ndarray, sims: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`quick` of the pairs ``(a, others[k])`` of sentence similarity ``sims[k]`` at
        once, with the bar each must reach (:func:`_cross_document_candidates`): ``(score,
        need)``, ``need`` NaN where the pair is not compared at all (intervals apart, places in
        conflict). The same arithmetic in the same order as :meth:`quick`, so the same
        floating-point values."""
        score, conflict, story = self._row(a, others, sims)
        need = self._date_bar(a, others)
        need = np.where(story, need, np.maximum(need, self.config.other_story_strong))
        return score, np.where(conflict, np.nan, need)

    def scores_between(self, a: int, others: list[int]) -> np.ndarray:
        """:meth:`quick`'s score of ``a`` with each of ``others`` (-1 where their places
        conflict), each pair's sentence similarity computed on its own as :meth:`quick` is given
        it elsewhere."""
        cols = np.array(others, dtype=np.int64)
        sims = np.array([self.vectors[a] @ self.vectors[b] for b in others], dtype=np.float64)
        score, conflict, _ = self._row(a, cols, sims)
        result: np.ndarray = np.where(conflict, -1.0, score)
        return result

    def _row(
        self, a: int, others: np.ndarray, sims: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(score, places in conflict, same story) of the pairs ``(a, others[k])``."""
        config = self.config
        it = self.items[a]
        if self.settlements[a]:
            elsewhere = self.has_settlement[others]
            common = self._count_shared("settlements", self.settlements[a], others)
            conflict = elsewhere & (common == 0)
        else:
            conflict = np.zeros(len(others), dtype=bool)
        shared = self._count_shared("entities", it.entities - self.common, others)
        score = sims.astype(np.float64)
        score = score + self.kind_bonus[self.kind_of[a], self.kind_of[others]]
        score = score + config.entity * np.minimum(2, shared)
        if it.numbers:
            both = self.has_numbers[others]
            agree = self._count_shared("numbers", it.numbers, others) > 0
            terms = np.where(agree, config.numbers, config.numbers_clash)
            score = score + np.where(both, terms, 0.0)
        if it.own is not None and it.own[0] == it.own[1]:
            day = (self.own_lo[others] == it.own[0]) & (self.own_hi[others] == it.own[1])
            score = score + config.same_day * day
        story = self.same_story[self.doc_of[a], self.doc_of[others]]
        score = score + np.where(story, 0.0, config.other_story)
        same_lang = self.lang_of[others] == self.lang_of[a]
        score = score + np.where(same_lang, config.same_lang, 0.0)
        score = score + np.where(same_lang & (shared == 0), config.same_lang_unshared, 0.0)
        return score, conflict, story

    def _date_bar(self, a: int, others: np.ndarray) -> np.ndarray:
        """``accept`` where the intervals are compatible (:func:`_dates_compatible`),
        ``undated_strong`` for an own-dated mention beside an undated one
        (:func:`_dated_undated`), NaN otherwise."""
        config = self.config
        it = self.items[a]
        mine = it.own or it.inherited
        dated = self.dated[others]
        if mine is None:
            # undated: compatible with the undated and with dates only inherited
            compatible = ~dated | ~self.has_own[others]
            strong = dated & self.has_own[others]
        else:
            overlap = dated & (
                np.maximum(self.date_lo[others], mine[0])
                <= np.minimum(self.date_hi[others], mine[1])
            )
            compatible = overlap | (~dated & (it.own is None))
            strong = ~dated & (it.own is not None)
        return np.where(compatible, config.accept, np.where(strong, config.undated_strong, np.nan))

    def quick(self, a: int, b: int, sim: float, places: bool = True) -> tuple[float, bool] | None:
        """The pair's score and whether the two documents share an entity (the same story), or
        ``None`` when their places conflict (unless ``places`` is off): :meth:`signals` without
        its evidence."""
        config = self.config
        ia, ib = self.items[a], self.items[b]
        sa, sb = self.settlements[a], self.settlements[b]
        if places and sa and sb and not (sa & sb):
            return None  # both name settlements (GeoNames ids) and none in common
        kind = kind_signal(ia.event.kind, ib.event.kind)
        shared = len((ia.entities & ib.entities) - self.common)
        both_numbers = bool(ia.numbers and ib.numbers)
        same_day = bool(ia.own and ib.own and _span(ia.own) == 1 and ia.own == ib.own)
        score = sim
        score += _kind_bonus(kind, config)
        score += config.entity * min(2, shared)
        if both_numbers:
            score += config.numbers if ia.numbers & ib.numbers else config.numbers_clash
        score += config.same_day * same_day
        same_story = bool(self.doc_entities[ia.doc] & self.doc_entities[ib.doc])
        if not same_story:
            score += config.other_story
        if ia.event.lang == ib.event.lang:
            score += config.same_lang
            if not shared:
                score += config.same_lang_unshared
        return score, same_story

    def signals(
        self, a: int, b: int, sim: float, places: bool = True
    ) -> tuple[float, dict[str, Any]] | None:
        """:meth:`quick` with the evidence signals of the pair."""
        got = self.quick(a, b, sim, places)
        if got is None:
            return None
        score, same_story = got
        ia, ib = self.items[a], self.items[b]
        kind = kind_signal(ia.event.kind, ib.event.kind)
        shared = (ia.entities & ib.entities) - self.common
        num_shared = ia.numbers & ib.numbers
        both_numbers = bool(ia.numbers and ib.numbers)
        same_day = bool(ia.own and ib.own and _span(ia.own) == 1 and ia.own == ib.own)
        return score, {
            "kind": kind,
            "interval_overlap": 1.0 if (ia.own or ia.inherited) else 0.0,
            "same_day": float(same_day),
            "shared_entities": float(len(shared)),
            "numbers": (1.0 if num_shared else 0.0) if both_numbers else None,
            "sentence_similarity": round(sim, 3),
            "same_story": float(same_story),
        }


def align_events(
    docs: list[AnalyzedDocument],
    mention_entity: dict[tuple[str, int], str],
    entity_labels: dict[str, str] | None = None,
    entity_ids: dict[str, list[str]] | None = None,
    config: EventAlignConfig | None = None,
    sentence_pairs: Sequence[SentencePair] = (),
) -> list[dict[str, Any]]:
    """Event records (contract fields plus ``evidence``, ``confidence``, ``triggers``):
    within-document coreference, then the mentions of translated sentences (``sentence_pairs``,
    :func:`pipeline.align.parallel.translated_sentence_pairs`), then blocked and scored
    cross-document candidates merged best first; last, mentions projected onto the translations
    of their sentences."""
    config = config or EventAlignConfig()
    entity_labels = entity_labels or {}
    entity_ids = entity_ids or {}
    items = _items(docs, mention_entity)
    if not items:
        return []
    vectors = _vectors(items)
    scorer = _PairScorer(docs, items, vectors, mention_entity, entity_labels, entity_ids, config)
    groups = _Groups(items, scorer.scores_between, config)
    _coreference(docs, items, vectors, scorer, groups, config)
    _translated_sentences(docs, items, vectors, scorer, groups, sentence_pairs)
    candidates = _cross_document_candidates(items, vectors, scorer, config)
    candidates = _parallel_filter(docs, items, candidates, config)
    translations = _translations(sentence_pairs)
    candidates = _translation_filter(docs, items, candidates, translations, config)
    # Best first, one group per document pair (a sentence told twice ties: the first mention).
    candidates.sort(key=lambda c: (-round(c[0], SCORE_DECIMALS), c[1], c[2]))
    for score, a, b, sig in candidates:
        groups.union(
            a,
            b,
            False,
            {
                "rule": "cross_document",
                "mentions": [_ref(docs, items[a]), _ref(docs, items[b])],
                "signals": sig,
                "score": _confidence(score, config),
            },
        )
    clusters: dict[int, list[int]] = defaultdict(list)
    for n in range(len(items)):
        clusters[groups.find(n)].append(n)
    _project(docs, items, clusters, groups.evidence, translations, mention_entity, config)
    records = [
        _record(
            docs,
            [items[n] for n in members],
            groups.evidence.get(root, []),
            entity_labels,
            entity_ids,
            translations,
        )
        for root, members in clusters.items()
    ]
    records.sort(key=lambda r: r["id"])
    return records


def _coreference(
    docs: list[AnalyzedDocument],
    items: list[_Item],
    vectors: np.ndarray,
    scorer: _PairScorer,
    groups: _Groups,
    config: EventAlignConfig,
) -> None:
    """Step 1: the same event told twice in one document (a repeated page, a lead and its
    body) becomes one group."""
    by_doc: dict[int, list[int]] = defaultdict(list)
    for n, it in enumerate(items):
        by_doc[it.doc].append(n)
    for members in by_doc.values():
        if len(members) < 2:
            continue
        sims = vectors[members] @ vectors[members].T
        pairs = []
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                ia, ib = items[a], items[b]
                sim = float(sims[x, y])
                if sim < config.coref or ia.event.kind != ib.event.kind:
                    continue
                if ia.event.sentence == ib.event.sentence:
                    continue  # clauses of one sentence are different happenings
                if not _dates_compatible(ia, ib) or (ia.own is None) != (ib.own is None):
                    continue
                if ia.numbers and ib.numbers and not ia.numbers & ib.numbers:
                    continue
                if sim < config.repeat and not (
                    (ia.entities & ib.entities) or (ia.numbers & ib.numbers)
                ):
                    continue
                pairs.append((sim, a, b))
        for sim, a, b in sorted(pairs, reverse=True):
            got = scorer.signals(a, b, sim)
            if got is None:
                continue
            _, sig = got
            groups.union(
                a,
                b,
                True,
                {
                    "rule": "within_document",
                    "mentions": [_ref(docs, items[a]), _ref(docs, items[b])],
                    "signals": sig,
                    "score": round(min(0.99, sim), 3),
                },
            )


def _cross_document_candidates(
    items: list[_Item], vectors: np.ndarray, scorer: _PairScorer, config: EventAlignConfig
) -> list[tuple[float, int, int, dict[str, Any]]]:
    """Steps 2-3: pairs from different documents whose intervals overlap (or an own-dated
    mention beside an undated one, at a higher bar), scored a row at a time
    (:meth:`_PairScorer.row_scores`); only pairs above the bar."""
    doc_of = np.array([it.doc for it in items])
    candidates = []
    for lo in range(0, len(items), config.chunk):
        hi = min(len(items), lo + config.chunk)
        sims = vectors[lo:hi] @ vectors.T
        for r in range(hi - lo):
            a = lo + r
            row = sims[r]
            cols = a + 1 + np.nonzero(doc_of[a + 1 :] != items[a].doc)[0]
            score, need = scorer.row_scores(a, cols, row[cols])
            for k in np.nonzero(score >= need)[0]:  # NaN: not compared
                b = int(cols[k])
                got = scorer.signals(a, b, float(row[b]))
                assert got is not None
                if need[k] > config.accept:
                    got[1]["undated_member"] = 1.0
                candidates.append((got[0], a, b, got[1]))
    return candidates


def _parallel_filter(
    docs: list[AnalyzedDocument],
    items: list[_Item],
    candidates: list[tuple[float, int, int, dict[str, Any]]],
    config: EventAlignConfig,
) -> list[tuple[float, int, int, dict[str, Any]]]:
    """Two documents that are translations of each other (at least ``parallel_anchors``
    mutual best candidate pairs at the same relative position, and most of them) tell their happenings in the same order: a
    candidate between them whose positions differ by more than ``parallel_far`` pairs two
    different sentences and is dropped."""
    gaps = []
    best: dict[tuple[int, int], tuple[float, int]] = {}  # (item, other doc) → best (score, item)
    for score, a, b, _ in candidates:
        ia, ib = items[a], items[b]
        gap = abs(_position(docs[ia.doc], ia.event) - _position(docs[ib.doc], ib.event))
        gaps.append(((min(ia.doc, ib.doc), max(ia.doc, ib.doc)), gap))
        for x, y, doc in ((a, b, ib.doc), (b, a, ia.doc)):
            if (x, doc) not in best or best[(x, doc)][0] < score:
                best[(x, doc)] = (score, y)
    # Mutual best pairs of two documents; they are mostly at one position in translations.
    mutual: dict[tuple[int, int], list[float]] = defaultdict(list)
    for (_score, a, b, _), (key, gap) in zip(candidates, gaps, strict=True):
        if best[(a, items[b].doc)][1] == b and best[(b, items[a].doc)][1] == a:
            mutual[key].append(gap)
    parallel = {
        k
        for k, gs in mutual.items()
        if sum(g <= config.parallel_near for g in gs)
        >= max(config.parallel_anchors, config.parallel_share * len(gs))
    }
    out = []
    for cand, (key, gap) in zip(candidates, gaps, strict=True):
        if key in parallel:
            if gap > config.parallel_far:
                continue
            cand[3]["parallel_position_gap"] = round(gap, 3)
        out.append(cand)
    return out


def _translation_filter(
    docs: list[AnalyzedDocument],
    items: list[_Item],
    candidates: list[tuple[float, int, int, dict[str, Any]]],
    translations: dict[Sentence, list[tuple[Sentence, ...]]],
    config: EventAlignConfig,
) -> list[tuple[float, int, int, dict[str, Any]]]:
    """Candidates the sentence alignment of translated documents (``translations``,
    :func:`_translations`) does not contradict, and those it does at ``untranslated_strong``. It
    contradicts a pair (a, b) when a's sentence has a translation in b's document and b's
    sentence is not part of it, or when a's document has a translation in b's language and b's
    document is not that translation (either way round)."""
    if not translations:
        return candidates
    partner_docs: dict[int, set[int]] = defaultdict(set)
    for (doc, _), beads in translations.items():
        partner_docs[doc].update(bead[0][0] for bead in beads)

    def contradicted(a: _Item, b: _Item) -> bool:
        sentence = (a.doc, a.event.sentence)
        in_b = {s for bead in translations.get(sentence, ()) for s in bead if s[0] == b.doc}
        if in_b and (b.doc, b.event.sentence) not in in_b:
            return True
        lang_b = docs[b.doc].lang
        partners = {d for d in partner_docs.get(a.doc, ()) if docs[d].lang == lang_b}
        return bool(partners) and b.doc not in partners

    out = []
    for cand in candidates:
        score, a, b, sig = cand
        ia, ib = items[a], items[b]
        if contradicted(ia, ib) or contradicted(ib, ia):
            if score < config.untranslated_strong:
                continue
            sig["untranslated"] = 1.0
        out.append(cand)
    return out


def _confidence(score: float, config: EventAlignConfig) -> float:
    """A pair's score mapped to [0.5, 0.99]: 0.5 at the acceptance threshold."""
    return round(min(0.99, max(0.5, 0.5 + (score - config.accept) * 5)), 3)


def _settlements(it: _Item, labels: dict[str, str], ids: dict[str, list[str]]) -> frozenset[str]:
    """The settlements (places with GeoNames ids) a mention names: two mentions that both name
    some and none in common happen in different places."""
    return frozenset(
        e
        for e in it.entities
        if labels.get(e) == "LOC" and any(i.startswith("geo:") for i in ids.get(e, []))
    )


def _ref(docs: list[AnalyzedDocument], it: _Item) -> str:
    return f"{docs[it.doc].doc_id}:{it.event.start}"


def _date_upheld(
    item: _Item,
    members: list[_Item],
    translations: dict[Sentence, list[tuple[Sentence, ...]]],
) -> bool:
    """Whether the translations of a dated member's sentence do not outvote its date.

    Translations of one sentence tell the same happening with the same time words, so a date
    that the other languages' mentions on those translations do not give is an artefact of one
    language (a clause cut elsewhere, a relative clause's year borrowed, a time word of another
    clause taken): the members on the translations that are undated (own and inherited; projected
    ones do not count) vote against it, those with an overlapping date for it, and the member
    itself for it; an undated member whose span holds time words that place nothing (``on
    Thursday``, ``in November``) abstains: its clause is dated, only not placeably. An own date
    stands on a tie, an inherited one needs more for than against (undated beats wrong). Members
    on sentences without translations are not voted on."""
    days = item.own or item.inherited
    if days is None:
        return True
    mine = {x for t in translations.get((item.doc, item.event.sentence), []) for x in t}
    if not mine:
        return True
    votes_for, against = 1, 0
    for other in members:
        if other is item or other.projected or (other.doc, other.event.sentence) not in mine:
            continue
        theirs = other.own or other.inherited
        if theirs is None:
            against += 0 if other.time_words else 1
        elif theirs[0] <= days[1] and days[0] <= theirs[1]:
            votes_for += 1
    return votes_for >= against if item.own is not None else votes_for > against


def _record(
    docs: list[AnalyzedDocument],
    members: list[_Item],
    evidence: list[dict[str, Any]],
    entity_labels: dict[str, str],
    entity_ids: dict[str, list[str]],
    translations: dict[Sentence, list[tuple[Sentence, ...]]],
) -> dict[str, Any]:
    members.sort(key=lambda it: (docs[it.doc].doc_id, it.event.start))
    first = members[0]
    ident = event_id(f"{docs[first.doc].doc_id}:{first.event.start}:{first.event.end}")
    trusted = [it for it in members if _date_upheld(it, members, translations)]
    own = [it for it in trusted if it.own is not None]
    dated = own or [it for it in trusted if it.inherited is not None]
    pick = min(dated, key=lambda it: _span(it.own or it.inherited), default=None)  # type: ignore[arg-type]
    counts: Counter[str] = Counter(e for it in members for e in it.entities)
    places = [e for e in counts if entity_labels.get(e) == "LOC"]
    # A place is preferably a settlement (GeoNames id) rather than a country.
    places.sort(
        key=lambda e: (not any(i.startswith("geo:") for i in entity_ids.get(e, [])), -counts[e], e)
    )
    place = places[0] if places else None
    participants = sorted(e for e in counts if e != place)
    kinds = Counter(it.event.kind for it in members)
    kind = min(kinds, key=lambda k: (-kinds[k], k == "other", PRIORITY[k]))
    merges = [EventEvidence(**e) for e in evidence]
    return EventRecord(
        id=ident,
        kind=kind,
        interval=pick.event.interval if pick else None,
        interval_inherited=bool(pick and pick.own is None),
        participants=participants,
        place=place,
        mentions=[
            EventSpan(
                doc=docs[it.doc].doc_id,
                lang=it.event.lang,
                start=it.event.start,
                end=it.event.end,
                text=it.event.text,
                projected=it.projected,
            )
            for it in members
        ],
        langs=sorted({it.event.lang for it in members}),
        triggers=sorted({it.event.trigger for it in members if not it.projected}),
        evidence=merges,
        confidence=confidence(merges),
    ).to_json()


def _sentence_items(items: list[_Item]) -> dict[tuple[int, int], list[int]]:
    """(document index, sentence index) → its items, in text order."""
    at: dict[tuple[int, int], list[int]] = defaultdict(list)
    for n, it in enumerate(items):
        at[(it.doc, it.event.sentence)].append(n)
    return at


def _translated_sentences(
    docs: list[AnalyzedDocument],
    items: list[_Item],
    vectors: np.ndarray,
    scorer: _PairScorer,
    groups: _Groups,
    sentence_pairs: Sequence[SentencePair],
) -> None:
    """Step 4: a sentence and its translation (a bead of aligned translated documents: 1-1, or a
    sentence and the two its translation's segmenter cut it into) tell the same happenings.
    Their mentions join, whatever the score says (two triggers may give a translated happening
    two kinds), when each side has as many mentions as the other (paired in text order) or,
    else, one mention of a kind on each side. The record constraints hold (one group per
    document, a common part of the own dates), not the linkage bar."""
    at = _sentence_items(items)
    pairs: list[tuple[float, int, int]] = []
    for p in sentence_pairs:
        xa = [n for x in p.sentences_a() for n in at.get(x, [])]
        xb = [n for x in p.sentences_b() for n in at.get(x, [])]
        if not xa or not xb:
            continue
        if len(xa) == len(xb):
            matched = list(zip(xa, xb, strict=True))
        else:
            kinds_a = Counter(items[x].event.kind for x in xa)
            kinds_b = Counter(items[y].event.kind for y in xb)
            matched = [
                (x, y)
                for x in xa
                for y in xb
                if items[x].event.kind == items[y].event.kind
                and kinds_a[items[x].event.kind] == 1
                and kinds_b[items[y].event.kind] == 1
            ]
        pairs.extend((float(vectors[a] @ vectors[b]), a, b) for a, b in matched)
    for sim, a, b in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        # a sentence and its translation name one place, whatever linking made of its names
        # (圣地亚哥 is San Diego here, Santiago elsewhere)
        got = scorer.signals(a, b, sim, places=False)
        assert got is not None
        score, sig = got
        sig["translated_sentence"] = 1.0
        groups.union(
            a,
            b,
            False,
            {
                "rule": "cross_document",
                "mentions": [_ref(docs, items[a]), _ref(docs, items[b])],
                "signals": sig,
                "score": round(min(0.99, max(0.5, sim)), 3),
            },
            linkage=False,
        )


Sentence = tuple[int, int]
"""(document index, sentence index)."""


def _translations(
    sentence_pairs: Sequence[SentencePair],
) -> dict[Sentence, list[tuple[Sentence, ...]]]:
    """A sentence → the sentences (one, or two of a 2-1 bead) that translate it."""
    partners: dict[Sentence, list[tuple[Sentence, ...]]] = defaultdict(list)
    for p in sentence_pairs:
        for x in p.sentences_a():
            partners[x].append(p.sentences_b())
        for x in p.sentences_b():
            partners[x].append(p.sentences_a())
    return partners


def _project(
    docs: list[AnalyzedDocument],
    items: list[_Item],
    clusters: dict[int, list[int]],
    evidence: dict[int, list[dict[str, Any]]],
    partners: dict[Sentence, list[tuple[Sentence, ...]]],
    mention_entity: dict[tuple[str, int], str],
    config: EventAlignConfig,
) -> None:
    """Step 6: a record's mention is projected onto the translation of its sentence (a bead of
    aligned translated documents: one sentence, or the two a segmenter cut it into) when that
    document is not in the record yet and no mention of it sits there: the translation tells
    the same happening even where its language's triggers missed it (unless two members whose
    sentences translate each other have disjoint translations there). The projected mention spans
    the translated sentence(s), has the source's kind and no date of its own; ``projected``
    marks it in the KB."""
    if not partners:
        return
    taken = set(_sentence_items(items))
    order = sorted(
        clusters,
        key=lambda r: (-len({items[n].event.lang for n in clusters[r]}), min(clusters[r])),
    )
    for root in order:
        members = clusters[root]
        if len({items[n].event.lang for n in members}) < config.project_min_langs:
            continue
        in_record = {items[n].doc for n in members}
        for n in list(members):
            source = items[n]
            for target in sorted(partners.get((source.doc, source.event.sentence), [])):
                d = target[0][0]
                if d in in_record or any(x in taken for x in target):
                    continue
                if _translations_disagree(items, members, source, target, partners):
                    continue
                event = _projected_event(docs[d], [s for _, s in target], source.event)
                if event is None:
                    continue
                doc = docs[d]
                items.append(
                    _Item(
                        d,
                        -1,  # in no document's list of events
                        event,
                        {
                            mention_entity[(doc.doc_id, i)]
                            for i in event.mentions
                            if (doc.doc_id, i) in mention_entity
                        },
                        numbers=numbers(event.text),
                        projected=True,
                    )
                )
                members.append(len(items) - 1)
                in_record.add(d)
                taken.update(target)
                evidence[root].append(
                    {
                        "rule": "cross_document",
                        "mentions": [_ref(docs, source), _ref(docs, items[-1])],
                        "signals": {"translated_sentence": 1.0, "projected": 1.0},
                        "score": config.projection_confidence,
                    }
                )


def _translations_disagree(
    items: list[_Item],
    members: list[int],
    source: _Item,
    target: tuple[Sentence, ...],
    partners: dict[Sentence, list[tuple[Sentence, ...]]],
) -> bool:
    """Whether a member whose sentence translates ``source``'s sentence translates into other
    sentences of ``target``'s document than ``target``: two translations of one sentence have
    one translation there, so one of the sentence alignments is wrong (a line the segmenter cut
    in two, paired off by one)."""
    here = (source.doc, source.event.sentence)
    translating = {x for bead in partners.get(here, []) for x in bead}
    doc = target[0][0]
    for n in members:
        other = (items[n].doc, items[n].event.sentence)
        if other == here or other not in translating:
            continue
        theirs = [t for t in partners.get(other, []) if t[0][0] == doc]
        if theirs and not any(set(t) & set(target) for t in theirs):
            return True
    return False


def _projected_event(
    doc: AnalyzedDocument, sentences: list[int], source: EventMention
) -> EventMention | None:
    """The mention of ``source``'s happening on the consecutive ``sentences`` of ``doc`` (one, or
    two of a 2-1 bead), spanning them (without surrounding space)."""
    seg = doc.sentences[sentences[0]]
    a, b = seg.start, doc.sentences[sentences[-1]].end
    while a < b and doc.text[a].isspace():
        a += 1
    while b > a and doc.text[b - 1].isspace():
        b -= 1
    if a == b:
        return None
    return EventMention(
        start=a,
        end=b,
        text=doc.text[a:b],
        kind=source.kind,
        lang=seg.lang or doc.lang,
        sentence=sentences[0],
        trigger=source.trigger,
        interval=None,
        mentions=[i for i, m in enumerate(doc.mentions) if m.sentence in sentences],
    )
