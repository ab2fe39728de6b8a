"""The ``ner`` stage on hand-built documents with the real shipped fast-profile models."""

from __future__ import annotations

import pytest

from pipeline.ner.stage import NerStage
from pipeline.records import AnalyzedDocument, Segment
from pipeline.settings import Settings
from pipeline.stages import document_stages

SENTENCES = [
    ("Heidars Alijevs ieradās Maskavā.", "lv"),
    ("Barack Obama met Angela Merkel in Berlin.", "en"),
    ("Die Delegation reiste nach Berlin.", "de"),
    ("普京在莫斯科會見了習近平。", "zh"),
]


def make_doc() -> AnalyzedDocument:
    text, sentences, pos = "", [], 0
    for sentence, lang in SENTENCES:
        sentences.append(Segment(pos, pos + len(sentence), lang))
        text += sentence + "\n"
        pos = len(text)
    analysis = text
    return AnalyzedDocument("d1", "x.txt", "0" * 64, "utf-8", text, analysis, sentences=sentences)


@pytest.fixture(scope="module")
def processed() -> AnalyzedDocument:
    doc = make_doc()
    NerStage(Settings()).process(doc)
    return doc


def test_stage_is_registered():
    names = [s.name for s in document_stages(Settings())]
    assert "ner" in names


@pytest.mark.model
def test_offsets_round_trip_and_sentence_index(processed):
    assert processed.mentions
    for m in processed.mentions:
        assert processed.text[m.start : m.end] == m.text
        s = processed.sentences[m.sentence]
        assert s.start <= m.start < m.end <= s.end
        assert m.lang == s.lang
        assert m.label in {"PER", "LOC", "ORG"}
    assert [m.start for m in processed.mentions] == sorted(m.start for m in processed.mentions)


@pytest.mark.model
def test_languages_without_a_model_are_skipped(processed):
    assert {m.lang for m in processed.mentions} == {"lv", "en", "zh"}
    assert not [m for m in processed.mentions if m.sentence == 2]


@pytest.mark.model
def test_expected_mentions_in_each_language(processed):
    got = {(m.text, m.label) for m in processed.mentions}
    for expected in [
        ("Heidars Alijevs", "PER"),
        ("Barack Obama", "PER"),
        ("Angela Merkel", "PER"),
        ("Berlin", "LOC"),
        ("莫斯科", "LOC"),
    ]:
        assert expected in got


@pytest.mark.model
def test_latvian_mentions_have_lemmas_others_do_not(processed):
    for m in processed.mentions:
        if m.lang == "lv":
            assert m.lemma
        else:
            assert m.lemma is None
    lemmas = {m.text: m.lemma for m in processed.mentions if m.lang == "lv"}
    assert lemmas.get("Maskavā") == "Maskava"


@pytest.mark.model
def test_masked_noise_is_not_part_of_a_mention():
    text = "Barack Obama [12] visited Paris."
    analysis = "Barack Obama      visited Paris."
    doc = AnalyzedDocument(
        "d2", "y.txt", "0" * 64, "utf-8", text, analysis, sentences=[Segment(0, len(text), "en")]
    )
    NerStage(Settings()).process(doc)
    assert all("[" not in m.text and m.text == m.text.strip() for m in doc.mentions)
    assert ("Paris", "LOC") in {(m.text, m.label) for m in doc.mentions}
