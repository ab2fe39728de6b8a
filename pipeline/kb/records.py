"""Turn analyzed documents and corpus results into KB record dicts, in a deterministic order."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from typing import Any

from pipeline.kb.ids import entity_id, mention_id, time_id
from pipeline.records import AnalyzedDocument, Mention
from pipeline.stages.base import CorpusResult

SCHEMA_VERSION = "1.0"
"""Version of the record format (see shared kb-contract); the major number changes on breaking edits."""


def _base(kind: str, rid: str) -> dict[str, Any]:
    return {"type": kind, "id": rid, "schema_version": SCHEMA_VERSION}


def document_record(doc: AnalyzedDocument) -> dict[str, Any]:
    return {
        **_base("document", doc.doc_id),
        "path": doc.path,
        "sha256": doc.sha256,
        "lang": doc.lang,
        "chars": len(doc.text),
        "encoding": doc.encoding,
        "script": doc.script,
        "stages": dict(sorted(doc.stages.items())),
        "segments": [
            {
                "start": s.start,
                "end": s.end,
                "lang": s.lang,
                "script": s.script,
                "paragraph": s.paragraph,
            }
            for s in doc.sentences
        ],
    }


def mention_key(doc: AnalyzedDocument, m: Mention) -> str:
    """The mention's record id."""
    return mention_id(doc.doc_id, m.start, m.end, m.label)


def _surface_key(m: Mention) -> str:
    name = unicodedata.normalize("NFKC", m.lemma or m.text).casefold()
    return " ".join(name.split())


def exact_name_entities(docs: list[AnalyzedDocument]) -> CorpusResult:
    """Entities when no alignment stage ran: one per (label, language, normalized name).

    Mentions with the same label and the same case-folded name (Latvian lemma where available)
    in the same language are one entity; nothing is merged across languages.
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
        result.entities.append(
            {
                **_base("entity", eid),
                "label": label,
                "name": canonical.lemma or canonical.text,
                "names": {lang: names},
                "langs": [lang],
                "mentions": len(members),
                "evidence": [{"signal": "exact_name", "score": 1.0}],
                "confidence": 1.0,
            }
        )
        for doc, i in members:
            result.mention_entity[(doc.doc_id, i)] = eid
    return result


def build_records(
    docs: list[AnalyzedDocument], corpus: CorpusResult | None
) -> list[dict[str, Any]]:
    """All KB records: documents (by path), mentions, times, entities, events (by id)."""
    docs = sorted(docs, key=lambda d: d.path)
    if corpus is None or (not corpus.mention_entity and any(d.mentions for d in docs)):
        fallback = exact_name_entities(docs)
        corpus = CorpusResult(
            entities=fallback.entities,
            events=corpus.events if corpus else [],
            mention_entity=fallback.mention_entity,
        )
    out: list[dict[str, Any]] = [document_record(d) for d in docs]
    for doc in docs:
        for index, m in enumerate(doc.mentions):
            record = {
                **_base("mention", mention_key(doc, m)),
                "doc": doc.doc_id,
                "lang": m.lang,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "label": m.label,
                "entity": corpus.mention_entity[(doc.doc_id, index)],
                "lemma": m.lemma,
                "source": m.source,
            }
            if m.score is not None:
                record["score"] = round(m.score, 4)
            out.append(record)
    for doc in docs:
        for t in doc.times:
            out.append(
                {
                    **_base("time", time_id(doc.doc_id, t.start, t.end)),
                    "doc": doc.doc_id,
                    "lang": t.lang,
                    "start": t.start,
                    "end": t.end,
                    "text": t.text,
                    "value": t.value,
                    "interval": t.interval.as_json() if t.interval else None,
                    "granularity": t.granularity,
                    "fuzzy": t.fuzzy,
                    "anchored": t.anchored,
                }
            )
    out.extend(sorted(corpus.entities, key=lambda r: r["id"]))
    out.extend(sorted(corpus.events, key=lambda r: r["id"]))
    return out
