"""English sentence segmentation: abbreviations, initials and quotes."""

from __future__ import annotations

import pytest

from pipeline.text.segment import MAX_SENTENCE_CHARS, sentences


def split(text: str) -> list[str]:
    return [text[a:b] for a, b, _ in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The war began in 1988. A ceasefire was signed in May 1994.",
            ["The war began in 1988.", "A ceasefire was signed in May 1994."],
        ),
        (
            "Mr. Ter-Petrosyan met Dr. Aliyev in the U.S. capital. Talks failed.",
            ["Mr. Ter-Petrosyan met Dr. Aliyev in the U.S. capital.", "Talks failed."],
        ),
        (
            'He said "it is over." Nobody believed him.',
            ['He said "it is over."', "Nobody believed him."],
        ),
        ("Who won? Nobody did!", ["Who won?", "Nobody did!"]),
        (
            "The OSCE Minsk Group, e.g. France, mediated. It failed.",
            ["The OSCE Minsk Group, e.g. France, mediated.", "It failed."],
        ),
        ("Heading\nThe first line of text.", ["Heading", "The first line of text."]),
        (
            "A hard-wrapped sentence that goes\non to the next line. Then another.",
            ["A hard-wrapped sentence that goes\non to the next line.", "Then another."],
        ),
    ],
)
def test_english_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_one_line_file_of_60000_characters_is_segmented() -> None:
    text = " ".join(["The front moved east in 1993 after heavy fighting near the town."] * 1000)
    assert len(text) > 60_000 and "\n" not in text
    spans = sentences(text)
    assert len(spans) == 1000
    assert all(b - a <= MAX_SENTENCE_CHARS for a, b, _ in spans)


def test_text_without_punctuation_is_cut_into_bounded_pieces() -> None:
    text = " ".join(["word"] * 5000)
    spans = sentences(text)
    assert all(b - a <= MAX_SENTENCE_CHARS for a, b, _ in spans)
    assert "".join(text[a:b] for a, b, _ in spans).replace(" ", "") == text.replace(" ", "")
