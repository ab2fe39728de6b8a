"""The ``events`` document stage."""

from __future__ import annotations

import hashlib

from pipeline.events.extract import extract_events
from pipeline.events.triggers import LANG_DIR
from pipeline.records import AnalyzedDocument
from pipeline.stages.base import DocumentStage
from pipeline.stages.registry import register_document_stage


def _lexicon_digest() -> str:
    h = hashlib.sha256()
    for path in sorted(LANG_DIR.glob("*/event_triggers.tsv")):
        h.update(path.parent.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


@register_document_stage
class EventStage(DocumentStage):
    """Sentence-level event mentions with kind, interval (own or inherited) and entities."""

    name = "events"
    version = "2"  # 2: events carry their sentence embedding
    provides = ("events",)
    requires = ("mentions", "times")

    def cache_token(self) -> str:
        return _lexicon_digest()

    def process(self, doc: AnalyzedDocument) -> None:
        from pipeline.align.events import event_vectors

        doc.events = extract_events(doc)
        event_vectors(doc.events)  # cached with the document; alignment only compares them
