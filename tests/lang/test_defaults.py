"""Integrity of the per-language defaults (``pipeline/lang/<code>/``; like dateparser's data
integrity tests): every language folder has every file the loader reads, they parse, hold no
duplicate entries, and the values are usable by the code that reads them."""

from __future__ import annotations

import re

import pytest
import yaml

from pipeline.lang import LANG_DIR, SUPPORTED, read_lines
from pipeline.lang.defaults import (
    FILES,
    NEUTRAL,
    LanguageDefaults,
    _UniqueKeyLoader,
    all_capitals,
    defaults,
    languages_written_in,
)


def test_the_supported_languages_are_the_language_folders():
    folders = {p.name for p in LANG_DIR.iterdir() if p.is_dir() and not p.name.startswith("_")}
    assert folders == set(SUPPORTED)


@pytest.mark.parametrize("lang", SUPPORTED)
@pytest.mark.parametrize("name", FILES)
def test_every_language_folder_has_every_defaults_file(lang, name):
    path = LANG_DIR / lang / name
    assert path.is_file(), f"{path} is missing (a file with only comments means none)"
    assert path.read_text(encoding="utf-8").startswith("#"), f"{path} starts without a comment"


@pytest.mark.parametrize("lang", SUPPORTED)
def test_defaults_load(lang):
    loaded = defaults(lang)
    assert isinstance(loaded, LanguageDefaults)
    assert loaded.code == lang and loaded.name and loaded.script


@pytest.mark.parametrize("lang", SUPPORTED)
@pytest.mark.parametrize(
    "name", [n for n in FILES if n.endswith(".txt")] + ["numerals.tsv", "citation_marks.tsv"]
)
def test_no_duplicate_entries(lang, name):
    lines = read_lines(lang, name)
    keys = [line.split("\t")[0] if name == "numerals.tsv" else line for line in lines]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


@pytest.mark.parametrize("lang", SUPPORTED)
def test_language_yaml_has_no_duplicate_keys(lang):
    yaml.load((LANG_DIR / lang / "language.yaml").read_text(encoding="utf-8"), _UniqueKeyLoader)  # noqa: S506


def test_a_duplicate_yaml_key_is_refused():
    with pytest.raises(ValueError, match="duplicate key 'spaced'"):
        yaml.load("spaced: true\nspaced: false\n", _UniqueKeyLoader)  # noqa: S506


@pytest.mark.parametrize("lang", SUPPORTED)
def test_citation_marks_are_regular_expressions_without_groups(lang):
    for pattern in defaults(lang).citation_notes + defaults(lang).citation_tags:
        assert re.compile(pattern).groups == 0, pattern


@pytest.mark.parametrize("lang", SUPPORTED)
def test_endings_and_suffixes_are_lowercase_letters(lang):
    d = defaults(lang)
    for ending in d.case_endings + d.nominative_endings + d.ordinal_suffixes:
        assert ending.isalpha() and ending == ending.lower(), ending
    assert list(d.case_endings) == sorted(d.case_endings, key=len, reverse=True)


@pytest.mark.parametrize("lang", SUPPORTED)
def test_nominative_endings_are_case_endings(lang):
    d = defaults(lang)
    assert set(d.nominative_endings) <= set(d.case_endings)


@pytest.mark.parametrize("lang", SUPPORTED)
def test_capitals_are_upper_case_letters_beyond_latin_1(lang):
    for ch in defaults(lang).capitals:
        assert ch.isupper() and ch.lower() != ch and ord(ch) > 0xFF, ch


@pytest.mark.parametrize("lang", SUPPORTED)
def test_script_conversions_are_opencc_configurations(lang):
    from pipeline.lang.script import converter

    d = defaults(lang)
    for config in (*d.name_script, *([d.model_script] if d.model_script else [])):
        assert converter(config).convert("測試") in {"测试", "測試"}


@pytest.mark.parametrize("lang", SUPPORTED)
def test_cldr_locales_exist(lang):
    from babel import Locale

    for locale in defaults(lang).cldr_locales:
        assert Locale.parse(locale).territories


@pytest.mark.parametrize("lang", SUPPORTED)
def test_numerals_are_digits_or_units(lang):
    for char, value in defaults(lang).numerals.items():
        assert len(char) == 1
        assert 0 <= value <= 9 or value in {10, 100, 1000, 10000}, (char, value)


def test_a_code_without_a_folder_gets_neutral_defaults():
    assert defaults("de") == LanguageDefaults(code="de")
    assert NEUTRAL.spaced and not NEUTRAL.inflected and not NEUTRAL.case_endings


def test_capitals_and_scripts_across_languages():
    assert "Ā" in all_capitals() and len(set(all_capitals())) == len(all_capitals())
    assert set(languages_written_in("Latn")) == {"lv", "en"}
    assert languages_written_in("Hani") == ("zh",)


def test_one_converter_per_configuration():
    from pipeline.lang.script import converter

    assert converter("t2s") is converter("t2s")


def test_same_length_conversion_keeps_offsets():
    from pipeline.lang.script import same_length

    text = "亞美尼亞與亞塞拜然"
    assert len(same_length(text, "t2s")) == len(text)
    assert same_length(text, None) == text


def test_name_head_concepts_have_one_type_in_every_language():
    types: dict[str, set[str]] = {}
    for lang in SUPPORTED:
        for head, meaning in defaults(lang).name_heads.items():
            assert head == head.strip() and head, (lang, head)
            assert meaning.label in {"LOC", "ORG", "PER"}, (lang, head, meaning.label)
            types.setdefault(meaning.concept, set()).add(meaning.label)
    assert {c: t for c, t in types.items() if len(t) > 1} == {}


def test_every_name_head_concept_is_named_in_english():
    english = {m.concept for m in defaults("en").name_heads.values()}
    for lang in SUPPORTED:
        missing = {m.concept for m in defaults(lang).name_heads.values()} - english
        assert not missing, (lang, sorted(missing))


def test_person_titles_are_words_with_a_place():
    for lang in SUPPORTED:
        d = defaults(lang)
        for title in (*d.titles_before, *d.titles_after):
            assert title == title.strip() and title, (lang, title)
        if lang == "zh":  # matched against the models' Simplified input
            for title in (*d.titles_before, *d.titles_after):
                assert d.to_model_script(title) == title, title
