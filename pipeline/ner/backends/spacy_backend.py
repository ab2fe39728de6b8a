"""spaCy NER backend: loads a pipeline by installed package name or by path."""

from __future__ import annotations

from typing import ClassVar

from pipeline.ner.base import Span
from pipeline.ner.labels import TAG_MAP

# Components a NER run never needs; excluded at load time for speed and memory.
_UNNEEDED = (
    "parser",
    "tagger",
    "morphologizer",
    "lemmatizer",
    "trainable_lemmatizer",
    "attribute_ruler",
    "senter",
    "textcat",
)


class SpacyBackend:
    """Runs ``nlp.pipe`` over the sentences and maps ``doc.ents`` to project labels."""

    name: ClassVar[str] = "spacy"

    def __init__(self, model: str, batch_size: int = 256) -> None:
        import spacy

        self.model = model
        self.nlp = spacy.load(model, exclude=list(_UNNEEDED))
        self.batch_size = batch_size

    def recognize(self, sentences: list[str], lang: str) -> list[list[Span]]:
        out: list[list[Span]] = []
        for doc in self.nlp.pipe(sentences, batch_size=self.batch_size):
            spans = []
            for ent in doc.ents:
                label = TAG_MAP.get(ent.label_, None)
                if label is not None:
                    spans.append(Span(ent.start_char, ent.end_char, label))
            out.append(spans)
        return out
