"""Translated name recall (``pipeline/align/translated_recall.py``): a name found in a Latvian
or English document is tagged where a Chinese document of the corpus writes its translation."""

from __future__ import annotations

import pytest

from pipeline.align.translated_recall import translated_names
from pipeline.records import AnalyzedDocument

from ..helpers.documents import make_doc


def _added(docs: list[AnalyzedDocument]) -> list[tuple[str, str]]:
    """(text, label) of each mention translated recall adds, in document order."""
    added = translated_names(docs)
    return [(m.text, m.label) for d in docs for m in added.get(d.doc_id, [])]


@pytest.mark.parametrize(
    ("found", "zh_sentence", "expected"),
    [
        # a name of several words, translated whole by CC-CEDICT (Traditional text)
        ({"Human Rights Watch": "ORG"}, "人權觀察的結論是，戰爭罪成立。", [("人權觀察", "ORG")]),
        ({"Black Sea": "LOC"}, "舰队驶入黑海。", [("黑海", "LOC")]),
        # a one-word name is spread only through an identifier (a CLDR territory) ...
        ({"Azerbaijan": "LOC"}, "他去了阿塞拜疆。", [("阿塞拜疆", "LOC")]),
        # ... not through a word key a dictionary also lists as a given name
        ({"Peter": "PER"}, "彼得来了。", []),
        # a derived word names a people, not the place
        ({"Azerbaijan": "LOC"}, "阿塞拜疆人来了。", []),
        # part of a longer title in book-title marks
        ({"Black Sea": "LOC"}, "据《黑海时报》报道。", []),
        # touching another listed name: one compound name (the British company)
        ({"Black Sea": "LOC"}, "英国黑海公司成立。", []),
    ],
)
def test_a_translation_of_a_name_found_elsewhere_is_tagged(found, zh_sentence, expected):
    en = make_doc("en.txt", "en", [" and ".join(found) + " were in the news."], found)
    zh = make_doc("zh.txt", "zh", [zh_sentence], {})
    assert _added([en, zh]) == expected


def test_only_names_the_tagger_found_are_spread_and_tagged_occurrences_are_left():
    en = make_doc("en.txt", "en", ["Human Rights Watch reported."], {"Human Rights Watch": "ORG"})
    for m in en.mentions:
        m.source = "corpus"  # added by recall elsewhere: no evidence of its own
    zh = make_doc("zh.txt", "zh", ["人权观察报告了。"], {})
    assert _added([en, zh]) == []
    en.mentions[0].source = "model"
    tagged = make_doc("zh.txt", "zh", ["人权观察报告了。"], {"人权观察": "ORG"})
    assert _added([en, tagged]) == []
