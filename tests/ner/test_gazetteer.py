"""The data-file gazetteer: Latvian inflection, Chinese longest match, merge policy."""

from __future__ import annotations

import pytest

from pipeline.ner.base import Span
from pipeline.ner.gazetteer import Gazetteer, gazetteer, load_entries, merge


def found(lang: str, text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in gazetteer(lang).find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Viņš dzīvoja Armēnijā.", [("Armēnijā", "LOC")]),
        ("Ceļš no Armēnijas uz Gruziju.", [("Armēnijas", "LOC"), ("Gruziju", "LOC")]),
        ("Lēmumu pieņēma Eiropas Savienībā.", [("Eiropas Savienībā", "ORG")]),
        ("armēnija ar mazo burtu nav nosaukums", []),
        ("Delegācija no Atēnām ieradās Tallinā.", [("Atēnām", "LOC"), ("Tallinā", "LOC")]),
        ("Minskas grupa tikās Parīzē.", [("Minskas grupa", "ORG"), ("Parīzē", "LOC")]),
    ],
)
def test_latvian_matches_inflected_last_word(text, expected):
    assert found("lv", text) == expected


def test_english_matches_whole_words_only():
    assert found("en", "Talks in Baku and Yerevan.") == [("Baku", "LOC"), ("Yerevan", "LOC")]
    assert found("en", "Bakuvian Yerevanis") == []


def test_chinese_longest_match_and_taiwan_transliteration():
    text = "亚塞拜然与纳戈尔诺-卡拉巴赫的冲突,联合国安理会通过决议。"
    assert found("zh", text) == [
        ("亚塞拜然", "LOC"),
        ("纳戈尔诺-卡拉巴赫", "LOC"),
        ("联合国安理会", "ORG"),
    ]


def test_entries_come_from_data_files():
    entries = load_entries("zh")
    assert entries["斯捷潘纳克特"] == "LOC"
    assert set(entries.values()) <= {"PER", "LOC", "ORG"}
    assert len(load_entries("lv")) > 200 and len(load_entries("en")) > 500


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        # cut short inside the listed name: the name wins, with its type
        ([(0, 5, "PER")], [(0, 6, "LOC", "gazetteer")]),
        ([(0, 2, "PER"), (3, 5, "LOC")], [(0, 6, "LOC", "gazetteer")]),
        # contains the listed name, or crosses its edge: the model's span stays
        ([(0, 8, "ORG")], [(0, 8, "ORG", "model")]),
        ([(4, 8, "PER")], [(4, 8, "PER", "model")]),
        # exactly the listed name: the listed type
        ([(0, 6, "PER")], [(0, 6, "LOC", "gazetteer")]),
    ],
)
def test_merge_of_a_listed_name_and_overlapping_model_spans(model, expected):
    text = "斯捷潘纳克特市政府"
    extra = Gazetteer("zh", {"斯捷潘纳克特": "LOC"}).find(text)
    merged = merge([Span(a, b, label) for a, b, label in model], extra)
    assert [(s.start, s.end, s.label, s.source) for s in merged] == expected


def test_merge_keeps_model_boundaries_and_takes_the_listed_type_on_an_exact_match():
    ruler = Gazetteer("en", {"Red Cross": "ORG", "Geneva": "LOC", "Lake Geneva": "LOC"})
    text = "The Red Cross office in Geneva near Lake Geneva shores"
    extra = ruler.find(text)
    # model: "Red Cross" with the wrong type (exact span), "Lake Geneva shores" (overlapping,
    # longer), "The" (no entry)
    model = [Span(4, 13, "PER", 0.9), Span(36, 54, "LOC"), Span(0, 3, "ORG")]
    merged = merge(model, extra)
    assert [(text[s.start : s.end], s.label, s.source, s.score) for s in merged] == [
        ("The", "ORG", "model", None),
        ("Red Cross", "ORG", "gazetteer", 0.9),
        ("Geneva", "LOC", "gazetteer", None),
        ("Lake Geneva shores", "LOC", "model", None),
    ]
    # an exact match that agrees keeps the model's span untouched
    same = [Span(24, 30, "LOC", 0.8)]
    assert merge(same, extra)[1] == Span(24, 30, "LOC", 0.8)


@pytest.mark.parametrize(
    ("model_label", "expected"),
    [
        ("PER", "LOC"),  # a listed place the model took for a person: the list is right
        ("ORG", "ORG"),  # the club named after its city: context decides
    ],
)
def test_a_listed_type_replaces_a_person_but_not_an_organization(model_label, expected):
    text = "Milan beat Roma 2-0 on Sunday"
    extra = Gazetteer("en", {"Milan": "LOC", "Roma": "LOC"}).find(text)
    merged = merge([Span(0, 5, model_label), Span(11, 15, "ORG")], extra)
    assert [(text[s.start : s.end], s.label) for s in merged] == [
        ("Milan", expected),
        ("Roma", "ORG"),
    ]
