"""training/transformer_ner.py: piece labels aligned to gold spans, windows, Han characters."""

from __future__ import annotations

import pytest

from pipeline.ner.backends.transformers_backend import PieceTokenizer
from training.ner_data import LabeledSentence
from training.transformer_ner import LABELS, encode


@pytest.fixture(scope="module")
def tokenizer():
    from pipeline.encoders import e5

    return e5.load_tokenizer()


def _sentence(text: str, *names: tuple[str, str]) -> LabeledSentence:
    spans = [(text.index(name), text.index(name) + len(name), label) for name, label in names]
    return LabeledSentence(text=text, tokens=[], spans=spans)


def _labelled(part: dict, text: str, window: int = 0) -> list[tuple[str, str]]:
    return [
        (text[s:e], LABELS[label])
        for (s, e), label in zip(part["offsets"][window], part["labels"][window], strict=True)
        if label >= 0
    ]


@pytest.mark.model
def test_labels_follow_the_gold_spans(tokenizer) -> None:
    text = "Kārlis Ulmanis dzimis Bērzes pagastā."
    part = encode([_sentence(text, ("Kārlis Ulmanis", "PER"))], PieceTokenizer(tokenizer), 64)
    tags = _labelled(part, text)
    assert tags[0][1] == "B-PER" and tags[0][0].strip() in "Kārlis"
    named = [t for t, label in tags if label != "O"]
    assert "".join(named).replace(" ", "") == "KārlisUlmanis"
    assert all(label == "O" for t, label in tags if "dzim" in t or "pagast" in t)
    assert part["labels"][0][0] == -100 and part["labels"][0][-1] == -100  # <s>, </s>


@pytest.mark.model
def test_han_chars_label_every_character(tokenizer) -> None:
    text = "他在北京工作。"
    sentence = _sentence(text, ("北京", "LOC"))
    whole = _labelled(encode([sentence], PieceTokenizer(tokenizer), 64), text)
    split = _labelled(encode([sentence], PieceTokenizer(tokenizer, han_chars=True), 64), text)
    # SentencePiece glues 在 to the name: whole pieces cannot carry its boundary
    assert ("在北京", "B-LOC") in whole
    assert ("北", "B-LOC") in split and ("京", "I-LOC") in split and ("在", "O") in split


@pytest.mark.model
def test_long_sentences_give_windows_or_are_truncated(tokenizer) -> None:
    text = " ".join(["Rīga ir Latvijas galvaspilsēta."] * 30)
    sentences = [_sentence(text, ("Rīga", "LOC")), _sentence("Tallina.", ("Tallina", "LOC"))]
    pieces = PieceTokenizer(tokenizer)
    windows = encode(sentences, pieces, 32)
    first_only = encode(sentences, pieces, 32, all_windows=False)
    assert first_only["sentence"] == [0, 1]
    assert len(windows["sentence"]) > 3 and windows["sentence"][-1] == 1
    assert all(len(ids) <= 32 for ids in windows["ids"])
    assert first_only["ids"][0] == windows["ids"][0]
