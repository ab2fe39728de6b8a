"""Chinese NER (shipped character-level spaCy model): Simplified and Traditional input."""

from __future__ import annotations

import pytest

from pipeline.ner.stage import recognize_sentences
from pipeline.settings import Settings


def entities(text: str, gazetteer: bool | None = None) -> set[tuple[str, str]]:
    spans = recognize_sentences([text], "zh", Settings(), use_gazetteer=gazetteer)[0]
    return {(text[s.start : s.end], s.label) for s in spans}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国务院总理李鹏在北京会见了日本客人。", {("李鹏", "PER"), ("北京", "LOC")}),
        ("國務院總理李鵬在北京會見了日本客人。", {("李鵬", "PER"), ("北京", "LOC")}),
        ("联合国秘书长访问了上海。", {("上海", "LOC")}),
    ],
)
def test_spacy_zh_model_finds_entities(text, expected):
    assert expected <= entities(text, gazetteer=False)


@pytest.mark.model
def test_traditional_and_simplified_give_the_same_spans():
    simplified = "俄罗斯总统普京和中国国家主席在莫斯科举行会谈。"
    traditional = "俄羅斯總統普京和中國國家主席在莫斯科舉行會談。"
    spans_s = recognize_sentences([simplified], "zh", Settings())[0]
    spans_t = recognize_sentences([traditional], "zh", Settings())[0]
    assert [(s.start, s.end, s.label) for s in spans_s] == [
        (s.start, s.end, s.label) for s in spans_t
    ]
    assert spans_s


@pytest.mark.model
def test_gazetteer_finds_transliterated_caucasus_names_and_the_stage_reports_them():
    from pipeline.ner.gazetteer import gazetteer

    simplified = "冲突发生在斯捷潘纳克特附近。"  # the stage converts to Simplified first
    found = gazetteer("zh").find(simplified)
    assert ("斯捷潘纳克特", "LOC") in {(simplified[s.start : s.end], s.label) for s in found}
    text = "衝突發生在斯捷潘納克特附近。"
    # the stage maps the span back to the Traditional text; a listed name keeps its listed type
    # even where the model found the same span with another type (merge)
    assert ("斯捷潘納克特", "LOC") in entities(text, gazetteer=True)


@pytest.mark.model
def test_a_name_the_model_cuts_short_is_completed_from_the_gazetteer():
    text = "斯捷潘纳克特是纳戈尔诺-卡拉巴赫的首府。"
    found = entities(text, gazetteer=True)
    assert {("斯捷潘纳克特", "LOC"), ("纳戈尔诺-卡拉巴赫", "LOC")} <= found
    assert not any(label == "PER" and "斯捷潘" in name for name, label in found)
