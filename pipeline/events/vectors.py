"""Sentence embeddings of event mentions, computed by the events stage and cached with the
document, so that cross-lingual event alignment only compares them."""

from __future__ import annotations

import numpy as np

from pipeline.encoders import embed
from pipeline.records import EventMention


def event_text(event: EventMention) -> str:
    """The text of an event mention as its sentence embedding reads it."""
    return " ".join(event.text.split())[:300]


def event_vectors(events: list[EventMention]) -> None:
    """Fill each event mention's ``vector`` (multilingual-e5 passage embedding, float16)."""
    if not events:
        return
    texts = sorted({event_text(e) for e in events})
    vectors = dict(zip(texts, embed.embed_together(texts), strict=True))
    for event in events:
        v = vectors[event_text(event)]
        event.vector = v.astype(np.float16).tobytes()
