"""English defaults at work: articles and possessives of names, ordinals, citation marks."""

from __future__ import annotations

import pytest

from pipeline.align.normalize import base_form, name_key
from pipeline.dates.numbers import to_int
from pipeline.text.noise import noise_spans


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Hague", "Hague"),
        ("Azerbaijan's", "Azerbaijan"),
        ("the United Nations", "United Nations"),
    ],
)
def test_article_and_possessive_do_not_change_the_key(a, b):
    assert name_key(a, "en") == name_key(b, "en")


def test_base_form_drops_the_article():
    assert base_form("The Hague", "en") == "Hague"
    assert base_form("The Hague", "lv") == "The Hague"  # Latvian has no articles


@pytest.mark.parametrize(("text", "value"), [("1st", 1), ("22nd", 22), ("3rd", 3), ("12th", 12)])
def test_ordinal_suffixes(text, value):
    assert to_int(text) == value


def test_hyphen_is_not_an_english_ordinal_mark():
    assert to_int("12-th") is None


@pytest.mark.parametrize("mark", ["[note 3]", "[citation needed]", "[dubious – discuss]", "[who?]"])
def test_citation_marks_are_noise(mark):
    text = f"Baku{mark} is a city."
    assert noise_spans(text) == [(4, 4 + len(mark))]
