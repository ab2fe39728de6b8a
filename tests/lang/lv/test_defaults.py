"""Latvian defaults at work: case endings (stems, gazetteer forms), capitals, ordinals."""

from __future__ import annotations

import pytest

from pipeline.align.normalize import name_key, stem
from pipeline.dates.numbers import to_int
from pipeline.lang.defaults import defaults
from pipeline.ner.gazetteer import Gazetteer
from pipeline.text.segment import sentences


@pytest.mark.parametrize(
    ("forms", "stem_of_all"),
    [
        (["Armēnija", "Armēnijas", "Armēnijai", "Armēniju", "Armēnijā"], "armēnij"),
        (
            ["Alijevs", "Alijeva", "Alijevam", "Alijevu", "Alijevā", "Alijevi", "Alijeviem"],
            "alijev",
        ),
        (["Jānis", "Jāņa", "Jānim", "Jāni"], None),  # consonant change: only -is/-im/-i share one
        (["pils", "pilis", "pilīm"], "pil"),
        (["Ventspils", "Ventspilī"], "ventspil"),
        # definite adjectives, as in names (Baltais nams, the White House)
        (["Baltais", "Baltā", "Baltajam", "Balto", "Baltajā", "Baltie", "Baltajiem"], "balt"),
        (["Jaunais", "Jaunajai", "Jaunās", "Jaunajām", "Jaunajās"], "jaun"),
    ],
)
def test_case_forms_share_a_stem(forms, stem_of_all):
    stems = {stem(f, "lv") for f in forms}
    if stem_of_all is None:
        assert stem("Jānis", "lv") == stem("Jānim", "lv") == stem("Jāni", "lv") == "jān"
    else:
        assert stems == {stem_of_all}


def test_a_stem_keeps_three_letters():
    assert stem("Rīga", "lv") == "rīg"
    assert stem("Ogre", "lv") == "ogr"
    assert stem("Cēsis", "lv") == "cēs"


def test_names_key_by_stem_of_every_word():
    assert name_key("Heidars Alijevs", "lv") == name_key("Heidaram Alijevam", "lv")
    assert name_key("Baltais nams", "lv") == name_key("Baltā nama", "lv")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Viņš devās uz Armēniju.", "Armēniju"),
        ("Jānim Bērziņam patīk Eiropas Savienība.", "Eiropas Savienība"),
        ("Sveiciens Eiropas Savienībai!", "Eiropas Savienībai"),
        ("Armēnijiem nav.", "Armēnijiem"),
        ("Armēnijx nav.", None),  # not a case ending
    ],
)
def test_gazetteer_last_word_takes_any_case_ending(text, found):
    ruler = Gazetteer("lv", {"Armēnija": "LOC", "Eiropas Savienība": "ORG", "Ventspils": "LOC"})
    spans = [text[s.start : s.end] for s in ruler.find(text)]
    assert spans == ([found] if found else [])


def test_gazetteer_nominative_of_a_dative_in_im():
    # -im (dative of -is nouns) is a case ending: one list serves alignment and the gazetteer
    ruler = Gazetteer("lv", {"Daugavpils": "LOC", "Kārlis": "PER"})
    assert ruler.nominative("Kārlim") == "Kārlis"


def test_a_sentence_may_start_with_a_latvian_capital():
    text = "Tas notika vakar. Ābele zied."
    assert len(sentences(text, [(0, len(text))])) == 2


@pytest.mark.parametrize(("text", "value"), [("12.", 12), ("1ais", 1), ("1-ais", 1), ("3-ajā", 3)])
def test_ordinal_suffixes(text, value):
    assert to_int(text) == value


def test_latvian_defaults():
    d = defaults("lv")
    assert d.inflected and d.spaced and d.glides == "j"
    assert "un" in d.function_words
