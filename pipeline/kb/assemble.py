"""Assemble the KB records from analyzed documents and corpus results, in a deterministic order.

Documents, mentions and times are built here from the analyzed documents; entities and events
come from the corpus stages (:mod:`pipeline.align`), or, when no alignment stage ran, from
:func:`exact_name_entities`. Every record is a :mod:`pipeline.kb.model` class turned into JSON.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from typing import Any

from pipeline.kb.ids import entity_id, mention_id, time_id
from pipeline.kb.model import (
    SCHEMA_VERSION,
    DocumentRecord,
    EntityRecord,
    MentionRecord,
    Segment,
    TimeRecord,
)
from pipeline.records import AnalyzedDocument, Mention, TimeExpression
from pipeline.stages.base import CorpusResult

__all__ = ["SCHEMA_VERSION", "build_records", "exact_name_entities", "mention_key"]


def document_record(doc: AnalyzedDocument) -> DocumentRecord:
    return DocumentRecord(
        id=doc.doc_id,
        path=doc.path,
        sha256=doc.sha256,
        lang=doc.lang,
        chars=len(doc.text),
        encoding=doc.encoding,
        script=doc.script,
        stages=dict(sorted(doc.stages.items())),
        segments=[
            Segment(start=s.start, end=s.end, lang=s.lang, script=s.script, paragraph=s.paragraph)
            for s in doc.sentences
        ],
    )


def mention_record(doc: AnalyzedDocument, m: Mention, entity: str) -> MentionRecord:
    return MentionRecord(
        id=mention_key(doc, m),
        doc=doc.doc_id,
        lang=m.lang,
        start=m.start,
        end=m.end,
        text=m.text,
        label=m.label,
        entity=entity,
        lemma=m.lemma,
        source=m.source,  # type: ignore[arg-type]
        score=round(m.score, 4) if m.score is not None else None,
    )


def time_record(doc: AnalyzedDocument, t: TimeExpression) -> TimeRecord:
    return TimeRecord(
        id=time_id(doc.doc_id, t.start, t.end),
        doc=doc.doc_id,
        lang=t.lang,
        start=t.start,
        end=t.end,
        text=t.text,
        value=t.value,
        interval=t.interval,
        granularity=t.granularity,
        fuzzy=t.fuzzy,
        anchored=t.anchored,
    )


def mention_key(doc: AnalyzedDocument, m: Mention) -> str:
    """The mention's record id."""
    return mention_id(doc.doc_id, m.start, m.end, m.label)


def _surface_key(m: Mention) -> str:
    name = unicodedata.normalize("NFKC", m.lemma or m.text).casefold()
    return " ".join(name.split())


def exact_name_entities(docs: list[AnalyzedDocument]) -> CorpusResult:
    """Entities when no alignment stage ran: one per (label, language, normalized name).

    Mentions with the same label and the same case-folded name (Latvian lemma where available)
    in the same language are one entity; nothing is merged across languages. The records have
    the aligned entities' shape: no knowledge ``ids`` and no merges, so no ``evidence``.
    """
    groups: dict[tuple[str, str, str], list[tuple[AnalyzedDocument, int]]] = defaultdict(list)
    for doc in docs:
        for index, m in enumerate(doc.mentions):
            groups[(m.label, m.lang, _surface_key(m))].append((doc, index))
    result = CorpusResult()
    for (label, lang, _), members in groups.items():
        first_doc, first_index = members[0]
        eid = entity_id(mention_key(first_doc, first_doc.mentions[first_index]))
        names = sorted({doc.mentions[i].text for doc, i in members})
        canonical = first_doc.mentions[first_index]
        record = EntityRecord(
            id=eid,
            label=label,
            name=canonical.lemma or canonical.text,
            names={lang: names},
            langs=[lang],
            mention_count=len(members),
            ids=[],
            evidence=[],
            confidence=1.0,
        )
        result.entities.append(record.to_json())
        for doc, i in members:
            result.mention_entity[(doc.doc_id, i)] = eid
    return result


def build_records(
    docs: list[AnalyzedDocument], corpus: CorpusResult | None
) -> list[dict[str, Any]]:
    """All KB records: documents (by path), mentions (per document, by offset; a document's own
    and those in ``corpus.added_mentions``), times, entities, events (by id)."""
    docs = sorted(docs, key=lambda d: d.path)
    if corpus is None or (not corpus.mention_entity and any(d.mentions for d in docs)):
        fallback = exact_name_entities(docs)
        corpus = CorpusResult(
            entities=fallback.entities,
            events=corpus.events if corpus else [],
            mention_entity=fallback.mention_entity,
        )
    out: list[dict[str, Any]] = [document_record(d).to_json() for d in docs]
    for doc in docs:
        # the document's own mentions, then those a corpus stage added (corpus name recall), in
        # text order; the index of each in that concatenation is its mention_entity key
        mentions = doc.mentions + corpus.added_mentions.get(doc.doc_id, [])
        order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
        for index in order:
            entity = corpus.mention_entity[(doc.doc_id, index)]
            out.append(mention_record(doc, mentions[index], entity).to_json())
    for doc in docs:
        out.extend(time_record(doc, t).to_json() for t in doc.times)
    out.extend(sorted(corpus.entities, key=lambda r: r["id"]))
    out.extend(sorted(corpus.events, key=lambda r: r["id"]))
    return out
