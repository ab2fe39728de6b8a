"""The ``events`` document stage."""

from __future__ import annotations

import hashlib

from pipeline.encoders import embed
from pipeline.events.extract import extract_events
from pipeline.events.vectors import event_vectors
from pipeline.lang import LANG_DIR
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
    version = "4"  # 4: deictic/duration/decade dating rules, reporting verbs, names of bodies
    provides = ("events",)
    requires = ("mentions", "times")

    def cache_token(self) -> str:
        # The event vectors depend on the sentence encoder, which lives outside this package.
        return f"{_lexicon_digest()}|{embed.encoder_digest()}"

    def process(self, doc: AnalyzedDocument) -> None:
        doc.events = extract_events(doc)
        event_vectors(doc.events)  # cached with the document; alignment only compares them
