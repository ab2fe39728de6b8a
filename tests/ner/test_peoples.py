"""A people named in the plural (``Armenians``) is no person, place or organization: the
sentence rule drops such spans, and document recall does not spread one as a surname."""

from __future__ import annotations

import pytest

from pipeline.ner.base import Span
from pipeline.ner.consistency import tag_recurring_names
from pipeline.ner.peoples import drop_peoples, people_plurals


def test_english_peoples_come_from_cldr_language_names():
    peoples = people_plurals("en")
    assert {"Armenians", "Azerbaijanis", "Georgians", "Russians"} <= peoples
    assert "English" not in peoples and "Armenian" not in peoples  # the singular is kept


@pytest.mark.parametrize("lang", ["lv", "zh"])
def test_languages_writing_peoples_otherwise_have_none(lang):
    assert people_plurals(lang) == frozenset()


@pytest.mark.parametrize(
    ("text", "tagged", "kept"),
    [
        ("Armenians and Azerbaijanis fled.", [("Armenians", "PER"), ("Azerbaijanis", "LOC")], []),
        ("Johnny English returns.", [("English", "PER")], [("English", "PER")]),
        (
            "The Armenian Church spoke.",
            [("Armenian Church", "ORG")],
            [("Armenian Church", "ORG")],
        ),
        (
            "Miatsum Armenians marched.",
            [("Miatsum Armenians", "PER")],
            [("Miatsum Armenians", "PER")],
        ),
    ],
)
def test_a_people_alone_is_dropped(text, tagged, kept):
    spans = [Span(text.index(t), text.index(t) + len(t), label) for t, label in tagged]
    out = drop_peoples(text, spans, "en")
    assert [(text[s.start : s.end], s.label) for s in out] == kept


def test_document_recall_spreads_no_people_as_a_surname():
    texts = [
        "Miatsum Armenians marched in Stepanakert.",
        "Later the Armenians left, and Smith stayed.",
        "John Smith said so.",
    ]
    spans = [
        [Span(0, len("Miatsum Armenians"), "PER")],
        [],
        [Span(0, len("John Smith"), "PER")],
    ]
    out = tag_recurring_names(texts, spans, "en")
    recalled = [texts[1][s.start : s.end] for s in out[1] if s.source == "document"]
    assert recalled == ["Smith"]
