"""Name keys: Latvian case forms, Traditional/Taiwan vs Simplified Chinese, English articles."""

import pytest

from pipeline.align.normalize import latvian_stem, name_key, stem, to_simplified


@pytest.mark.parametrize(
    "forms",
    [
        ["Armēnija", "Armēniju", "Armēnijas", "Armēnijā", "Armēnijai"],
        ["Azerbaidžāna", "Azerbaidžānas", "Azerbaidžānu", "Azerbaidžānā"],
        ["Stepanakerta", "Stepanakertā", "Stepanakertas", "Stepanakertu"],
        ["Alijevs", "Alijeva", "Alijevu", "Alijevam"],
        ["Rīga", "Rīgu", "Rīgā", "Rīgas"],
    ],
)
def test_latvian_case_forms_share_a_stem(forms):
    assert len({latvian_stem(f) for f in forms}) == 1


@pytest.mark.parametrize(
    "a,b",
    [
        ("Heidars Alijevs", "Heidara Alijeva"),
        ("Kalnu Karabaha", "Kalnu Karabahas"),
        ("Padomju Savienība", "Padomju Savienības"),
    ],
)
def test_latvian_multiword_names(a, b):
    assert name_key(a, "lv") == name_key(b, "lv")


def test_latvian_lemma_and_surface_give_one_key():
    assert name_key("Armēniju", "lv") == name_key("Armēniju", "lv", lemma="Armēnija")


@pytest.mark.parametrize(
    "traditional,simplified",
    [
        ("亞塞拜然", "阿塞拜疆"),  # Taiwan vocabulary → mainland
        ("亞美尼亞", "亚美尼亚"),
        ("斯捷潘納克特", "斯捷潘纳克特"),
        ("蓋達爾·阿利耶夫", "盖达尔·阿利耶夫"),
        ("義大利", "意大利"),
    ],
)
def test_chinese_regional_variants(traditional, simplified):
    assert to_simplified(traditional) == simplified
    assert name_key(traditional, "zh") == name_key(simplified, "zh")


@pytest.mark.parametrize("surface", ["the Soviet Union", "Soviet Union's", "Soviet Union"])
def test_english_articles_and_possessives(surface):
    assert name_key(surface, "en") == "soviet union"


def test_languages_without_case_endings_keep_the_word():
    assert stem("Armēniju", "en") == "armēniju"
    assert stem("Armēniju", "lv") == latvian_stem("Armēniju") == "armēnij"


def test_han_text_is_keyed_as_chinese_whatever_its_label():
    assert name_key("亞美尼亞", "en") == name_key("亚美尼亚", "zh")


def test_keys_of_a_language_without_a_folder_are_lower_case_words():
    assert name_key("The Hague", "de") == "the hague"


def test_a_latvian_company_is_compared_without_its_abbreviated_legal_form():
    from pipeline.align.normalize import base_form

    assert name_key("AS “Grindeks”", "lv") == name_key("“Grindeks”", "lv")
    assert name_key("SIA Pillar", "lv", lemma="SIA Pillar") == name_key("Pillar", "lv")
    assert base_form("AS “Grindeks”", "lv", lemma="AS “Grindeks”") == "Grindeks"
    assert base_form("AS “Grindeks”", "lv") == "Grindeks"
    assert name_key("ASV", "lv") != name_key("V", "lv")  # a word that begins with a form
    assert name_key("AS", "lv") == "as"  # the form alone stays a name
    assert name_key("AS Grindeks", "en") == "as grindeks"  # English has no such forms
