"""Align event mentions across documents and languages into event records.

Candidates are *blocked* on (kind, year): only mentions of one kind whose intervals share a year,
from different documents, are compared, never all pairs. A pair merges when the intervals
overlap, the two do not name different settlements, and

- both carry their own (not inherited) date, the same day: they name a common entity, or their
  sentences are similar (multilingual-e5 cosine ≥ 0.80);
- both are dated to a month or finer: they share an entity that is not ubiquitous *and* their
  sentences are similar (≥ 0.83);
- coarser dates: two shared entities and very similar sentences (≥ 0.88).

A cluster keeps the intersection of its members' own intervals and never takes in a mention
whose interval falls outside it, so chains cannot drift in time. Every merge is evidence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from pipeline.encoders import embed
from pipeline.events.vectors import event_text
from pipeline.kb.ids import event_id
from pipeline.kb.records import SCHEMA_VERSION
from pipeline.records import AnalyzedDocument, EventMention, Interval


@dataclass(frozen=True)
class EventAlignConfig:
    same_day_similar: float = 0.8
    """Sentence cosine that joins two same-kind mentions of the same day naming no common entity."""
    similar: float = 0.83
    """Sentence cosine needed with month-precise dates and a shared (not ubiquitous) entity."""
    very_similar: float = 0.88
    """Sentence cosine needed with coarse dates and two shared entities."""
    max_block_years: int = 3
    """Intervals spanning more years than this are not blocked (too vague to align)."""


@dataclass
class _Item:
    doc: int
    index: int
    event: EventMention
    entities: set[str] = field(default_factory=set)
    days: tuple[int, int] | None = None


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


def _items(docs: list[AnalyzedDocument], mention_entity: dict[tuple[str, int], str]) -> list[_Item]:
    items = []
    for d, doc in enumerate(docs):
        for k, ev in enumerate(doc.events):
            ents = {
                mention_entity[(doc.doc_id, i)]
                for i in ev.mentions
                if (doc.doc_id, i) in mention_entity
            }
            items.append(_Item(d, k, ev, ents, _days(ev.interval)))
    return items


def _blocks(items: list[_Item], config: EventAlignConfig) -> set[tuple[int, int]]:
    by_key: dict[tuple[str, int], list[int]] = defaultdict(list)
    for n, it in enumerate(items):
        if it.days is None or it.event.interval is None:
            continue
        y0 = int(it.event.interval.start.lstrip("-")[:4])
        y1 = int(it.event.interval.end.lstrip("-")[:4])
        if y1 - y0 > config.max_block_years:
            continue
        for y in range(y0, y1 + 1):
            by_key[(it.event.kind, y)].append(n)
    pairs: set[tuple[int, int]] = set()
    for members in by_key.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                if items[a].doc != items[b].doc:
                    pairs.add((a, b))
    return pairs


def align_events(
    docs: list[AnalyzedDocument],
    mention_entity: dict[tuple[str, int], str],
    entity_labels: dict[str, str] | None = None,
    entity_ids: dict[str, list[str]] | None = None,
    config: EventAlignConfig | None = None,
) -> list[dict[str, Any]]:
    """Event records (contract fields plus ``evidence``, ``confidence``, ``kind_triggers``)."""
    config = config or EventAlignConfig()
    entity_labels = entity_labels or {}
    entity_ids = entity_ids or {}
    items = _items(docs, mention_entity)
    pairs = _blocks(items, config)
    # Entities named in many event sentences (the conflict's two countries) say little.
    df = Counter(e for it in items for e in it.entities)
    common = {e for e, n in df.items() if n > max(10, len(items) // 20)}
    candidates = []
    for a, b in sorted(pairs):
        ia, ib = items[a], items[b]
        if ia.days is None or ib.days is None or _overlap(ia.days, ib.days) is None:
            continue
        shared = (ia.entities & ib.entities) - common
        precise = max(_span(ia.days), _span(ib.days))
        same_day = (
            precise == 1
            and ia.days == ib.days
            and not ia.event.interval_inherited
            and not ib.event.interval_inherited
        )
        if _place_conflict(ia, ib, entity_labels, entity_ids):
            continue
        if same_day:
            need = 0.0 if ia.entities & ib.entities else config.same_day_similar
        elif precise <= 31 and shared:
            need = config.similar
        elif len(shared) >= 2:
            need = config.very_similar
        else:
            continue
        candidates.append((a, b, sorted(shared), same_day, need))
    wanted = sorted({n for c in candidates if c[4] > 0 for n in c[:2]})
    vectors: dict[int, np.ndarray] = {
        n: np.frombuffer(items[n].event.vector, dtype=np.float16).astype(np.float32)
        for n in wanted
        if items[n].event.vector
    }
    missing = [n for n in wanted if n not in vectors]
    if missing:  # documents analyzed without the events stage's vectors
        texts = [event_text(items[n].event) for n in missing]
        vectors.update(zip(missing, embed.embed(texts), strict=True))
    parent = list(range(len(items)))
    own: list[tuple[int, int] | None] = [
        None if it.event.interval_inherited else it.days for it in items
    ]
    window: list[tuple[int, int] | None] = list(own)
    evidence: dict[int, list[dict[str, Any]]] = defaultdict(list)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    scored = []
    for a, b, shared, same_day, need in candidates:
        sim = float(vectors[a] @ vectors[b]) if a in vectors and b in vectors else 0.0
        if sim < need:
            continue
        score = round(
            min(0.97, 0.4 * max(sim, 0.8) + 0.3 * min(1.0, len(shared) / 2) + 0.3 * same_day), 3
        )
        scored.append((-score, a, b, sim, shared, same_day))
    for neg, a, b, sim, shared, same_day in sorted(scored):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        wa, wb = window[ra], window[rb]
        if wa is not None and wb is not None:
            joint = _overlap(wa, wb)
            if joint is None:
                continue
        else:
            joint = wa or wb
        parent[rb] = ra
        window[ra] = joint
        evidence[ra] += evidence.pop(rb, []) + [
            {
                "mentions": [_ref(docs, items[a]), _ref(docs, items[b])],
                "signals": {
                    "kind": 1.0,
                    "interval_overlap": 1.0,
                    "same_day": float(same_day),
                    "shared_entities": float(len(shared)),
                    "sentence_similarity": round(sim, 3) if sim else None,
                },
                "score": -neg,
            }
        ]
    clusters: dict[int, list[int]] = defaultdict(list)
    for n in range(len(items)):
        clusters[find(n)].append(n)
    records = []
    for root, members in clusters.items():
        records.append(
            _record(
                docs, [items[n] for n in members], evidence.get(root, []), entity_labels, entity_ids
            )
        )
    records.sort(key=lambda r: r["id"])
    return records


def _place_conflict(a: _Item, b: _Item, labels: dict[str, str], ids: dict[str, list[str]]) -> bool:
    """Both name settlements (GeoNames ids) and none in common: different places."""

    def settlements(it: _Item) -> set[str]:
        return {
            e
            for e in it.entities
            if labels.get(e) == "LOC" and any(i.startswith("geo:") for i in ids.get(e, []))
        }

    sa, sb = settlements(a), settlements(b)
    return bool(sa and sb and not (sa & sb))


def _ref(docs: list[AnalyzedDocument], it: _Item) -> str:
    return f"{docs[it.doc].doc_id}:{it.event.start}"


def _record(
    docs: list[AnalyzedDocument],
    members: list[_Item],
    evidence: list[dict[str, Any]],
    entity_labels: dict[str, str],
    entity_ids: dict[str, list[str]],
) -> dict[str, Any]:
    members.sort(key=lambda it: (docs[it.doc].doc_id, it.event.start))
    first = members[0]
    ident = event_id(f"{docs[first.doc].doc_id}:{first.event.start}:{first.event.end}")
    dated = [it for it in members if it.event.interval is not None]
    own = [it for it in dated if not it.event.interval_inherited]
    pick = min(own or dated, key=lambda it: _span(it.days) if it.days else 10**9, default=None)
    interval = pick.event.interval.as_json() if pick and pick.event.interval else None
    counts: Counter = Counter(e for it in members for e in it.entities)
    places = [e for e in counts if entity_labels.get(e) == "LOC"]
    # A place is preferably a settlement (GeoNames id) rather than a country.
    places.sort(
        key=lambda e: (not any(i.startswith("geo:") for i in entity_ids.get(e, [])), -counts[e], e)
    )
    place = places[0] if places else None
    participants = sorted(e for e in counts if e != place)
    return {
        "type": "event",
        "id": ident,
        "schema_version": SCHEMA_VERSION,
        "kind": Counter(it.event.kind for it in members).most_common(1)[0][0],
        "interval": interval,
        "interval_inherited": bool(pick and pick.event.interval_inherited),
        "participants": participants,
        "place": place,
        "mentions": [
            {
                "doc": docs[it.doc].doc_id,
                "lang": it.event.lang,
                "start": it.event.start,
                "end": it.event.end,
                "text": it.event.text,
            }
            for it in members
        ],
        "langs": sorted({it.event.lang for it in members}),
        "triggers": sorted({it.event.trigger for it in members}),
        "evidence": evidence,
        "confidence": round(min([e["score"] for e in evidence], default=1.0), 3),
    }
