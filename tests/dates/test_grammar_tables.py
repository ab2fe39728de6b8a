"""Integrity of the date grammar data files: every table, macro, rule and key compiles and is
consistent (all twelve months, four seasons, known modifier/unit/relative keys)."""

from __future__ import annotations

import re

import pytest
import yaml

from pipeline.dates.calendar import MODIFIERS, SEASON_CODES
from pipeline.dates.grammar import KINDS, available_languages, grammar_path, load_grammar

LANGS = ["en", "lv", "zh"]


def test_every_language_has_a_grammar():
    assert set(LANGS) <= set(available_languages())


@pytest.mark.parametrize("lang", LANGS)
def test_grammar_data_is_consistent(lang):
    data = yaml.safe_load(grammar_path(lang).read_text(encoding="utf-8"))
    assert data["language"] == lang
    lexicon = data["lexicon"]
    if "months" in lexicon:
        assert sorted(int(k) for k in lexicon["months"]) == list(range(1, 13))
    assert sorted(lexicon["seasons"]) == sorted(SEASON_CODES)
    assert set(lexicon["modifiers"]) <= set(MODIFIERS) | {"approx"}
    assert set(lexicon["units"]) <= {"Y", "M", "W", "D", "DE", "CE", "H", "MIN", "S"}
    for key in lexicon.get("relative", {}):
        assert re.fullmatch(r"[+-]?\d", str(key))
    for key in lexicon.get("deictic", {}):
        assert re.fullmatch(r"[DWMY][+-]\d|(PRESENT|PAST|FUTURE)_REF", key)
    for key in lexicon.get("season_adverbs", {}):
        assert key in SEASON_CODES
    names = [r["name"] for r in data["rules"]]
    assert len(names) == len(set(names)), "rule names must be unique"
    for rule in data["rules"]:
        assert rule["kind"] in KINDS
    # every word of a lexicon table is a string (YAML reads an unquoted on, no, yes as a boolean)
    for table in lexicon.values():
        lists = table.values() if isinstance(table, dict) else [table]
        for words in lists:
            if isinstance(words, list):
                assert all(isinstance(w, str) for w in words), words


@pytest.mark.parametrize("lang", LANGS)
def test_grammar_compiles_and_range_rules_name_their_connective(lang):
    g = load_grammar(lang)
    assert g is not None and g.rules
    for rule in g.rules:
        if rule.kind == "range":
            assert "sep" in rule.regex.groupindex, rule.name
        if rule.kind == "duration":
            assert g.part_regex is not None


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_month_forms_map_back_to_their_month(lang):
    data = yaml.safe_load(grammar_path(lang).read_text(encoding="utf-8"))
    g = load_grammar(lang)
    for month, forms in data["lexicon"]["months"].items():
        for form in forms:
            assert g.lookup("months", form) == str(month), form


@pytest.mark.parametrize("lang", LANGS)
def test_boilerplate_rules_parse_and_compile(lang):
    from pipeline.dates.boilerplate import BOILERPLATE_FILE, parse_rules

    path = grammar_path(lang).parent / BOILERPLATE_FILE
    rules = parse_rules(path.read_text(encoding="utf-8"), str(path))
    assert rules
    for _scope, regex in rules:
        re.compile(regex, re.IGNORECASE)


def test_boilerplate_rule_files_reject_bad_lines():
    from pipeline.dates.boilerplate import parse_rules

    assert parse_rules("# comment\n\nline\t^©\ntail\t©\n") == [("line", "^©"), ("tail", "©")]
    with pytest.raises(ValueError):
        parse_rules("block\t©\n")
