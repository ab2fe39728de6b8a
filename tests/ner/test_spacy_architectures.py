"""The project's spaCy architectures: Chinese lexicon features and the embedding layer built on them."""

from __future__ import annotations

import numpy
import pytest
import spacy

from pipeline.ner.backends.spacy_architectures import (
    CHINESE_LEXICON_FEATURES,
    ChineseLexiconEmbed,
    chinese_lexicon_features,
    word_positions,
)


@pytest.fixture(scope="module")
def zh():
    return spacy.blank("zh")  # one token per character


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("北京", [("北京", "B"), ("北京", "E")]),
        ("在北京", [("在", "S"), ("北京", "B"), ("北京", "E")]),
        ("亚美尼亚", [("亚美尼亚", "B"), ("亚美尼亚", "M"), ("亚美尼亚", "M"), ("亚美尼亚", "E")]),
        ("了。", [("了", "S"), ("。", "S")]),
    ],
)
def test_word_positions(zh, text, expected):
    assert word_positions(zh(text)) == expected


def test_word_positions_follow_offsets_across_spaces_and_latin(zh):
    doc = zh("OSCE 明斯克小组")
    positions = word_positions(doc)
    assert len(positions) == len(doc)
    by_token = dict(zip([t.text for t in doc], positions, strict=True))
    assert by_token["O"] == ("OSCE", "B") and by_token["E"] == ("OSCE", "E")
    assert by_token["明"][1] == "B"


def test_features_are_contextual_and_deterministic(zh):
    first = chinese_lexicon_features(zh("在北京会见"))
    again = chinese_lexicon_features(zh("在北京会见"))
    other = chinese_lexicon_features(zh("到北方去"))
    assert first.shape == (5, len(CHINESE_LEXICON_FEATURES)) and first.dtype == numpy.uint64
    assert numpy.array_equal(first, again)
    north_beijing, north_north = first[1], other[1]  # 北 in 北京 vs in 北方
    norm, right_bigram, word = (
        CHINESE_LEXICON_FEATURES.index(n) for n in ("norm", "bigram_right", "word_position")
    )
    assert north_beijing[norm] == north_north[norm]
    assert north_beijing[right_bigram] != north_north[right_bigram]
    assert north_beijing[word] != north_north[word]


def test_embed_layer_outputs_one_vector_per_token(zh):
    model = ChineseLexiconEmbed(
        width=32,
        rows=[100, 10, 100, 100, 100, 10],
        widths=[16, 4, 8, 8, 8, 4],
        include_static_vectors=False,
    )
    docs = [zh("斯捷潘纳克特"), zh("在巴库")]
    model.initialize(X=docs)
    vectors = model.predict(docs)
    assert [v.shape for v in vectors] == [(6, 32), (3, 32)]


def test_embed_layer_names_a_mismatched_feature_list():
    with pytest.raises(ValueError, match="6 rows and widths"):
        ChineseLexiconEmbed(width=32, rows=[100, 10], widths=[16, 4], include_static_vectors=False)


def test_latvian_lemma_feature_joins_the_case_forms_of_a_name():
    from pipeline.ner.backends.spacy_architectures import (
        LATVIAN_LEMMA_FEATURES,
        latvian_lemma_features,
    )

    lv = spacy.blank("lv")
    features = latvian_lemma_features(lv("Rīgā Rīgas Rīga Jelgavā"))
    lemma, norm = LATVIAN_LEMMA_FEATURES.index("lemma"), LATVIAN_LEMMA_FEATURES.index("norm")
    assert features.shape == (4, len(LATVIAN_LEMMA_FEATURES))
    assert features[0, lemma] == features[1, lemma] == features[2, lemma] != features[3, lemma]
    assert len({features[i, norm] for i in range(3)}) == 3
