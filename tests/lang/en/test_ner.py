"""English NER (the shipped CoNLL-trained spaCy model, ``models/ner-en-spacy``, fast profile)."""

from __future__ import annotations

import pytest

from pipeline.ner.stage import recognize_sentences
from pipeline.settings import Settings


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Barack Obama visited the United Nations in New York.", {("Barack Obama", "PER")}),
        ("Microsoft opened an office in Dublin.", {("Microsoft", "ORG"), ("Dublin", "LOC")}),
        ("No names here at all.", set()),
    ],
)
def test_english_entities(text, expected):
    spans = recognize_sentences([text], "en", Settings())[0]
    got = {(text[s.start : s.end], s.label) for s in spans}
    assert expected <= got
    if not expected:
        assert got == set()
