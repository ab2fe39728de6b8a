"""Latvian NER (shipped spaCy model) and name normalization (shipped Stanza lemmatizer)."""

from __future__ import annotations

import pytest

from pipeline.ner.base import get_backend, resolve
from pipeline.ner.lemmatize import SuffixRules, lemmatize_mentions, word_lemmatizer
from pipeline.ner.stage import recognize_sentences
from pipeline.settings import Settings


def entities(text: str) -> set[tuple[str, str]]:
    spans = recognize_sentences([text], "lv", Settings())[0]
    return {(text[s.start : s.end], s.label) for s in spans}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Valsts prezidents Egils Levits šodien apmeklēja Liepāju.", {("Egils Levits", "PER")}),
        ("Konference notika Tallinā, Igaunijā.", {("Tallinā", "LOC"), ("Igaunijā", "LOC")}),
        ("Pēc tam Jānis Bērziņš pārcēlās uz Parīzi.", {("Jānis Bērziņš", "PER")}),
    ],
)
def test_spacy_lv_model_finds_entities(text, expected):
    assert expected <= entities(text)


@pytest.mark.model
def test_spacy_backend_offsets_index_each_sentence():
    name, model = resolve("lv", Settings())
    sentences = ["Sveiki!", "Rīgā dzīvo Anna Kalniņa."]
    out = get_backend(name, model).recognize(sentences, "lv")
    assert out[0] == []
    assert ("Anna Kalniņa", "PER") in {(sentences[1][s.start : s.end], s.label) for s in out[1]}


@pytest.mark.model
@pytest.mark.parametrize(
    ("mention", "label", "lemma"),
    [
        ("Stepanakertā", "LOC", "Stepanakerta"),  # a gazetteer nominative
        ("Baku", "LOC", "Baku"),  # indeclinable, kept through the gazetteer
        ("Armēniju", "LOC", "Armēnija"),
        ("Eiropas Savienībā", "ORG", "Eiropas Savienība"),  # genitive modifier kept, capital kept
        ("Kalnu Karabahā", "LOC", "Kalnu Karabaha"),
        ("Ilhamam Alijevam", "PER", "Ilhams Alijevs"),
        ("Egilu Levitu", "PER", "Egils Levits"),
        ("Rīgā", "LOC", "Rīga"),
        ("Liepājas universitāte", "ORG", "Liepājas universitāte"),
    ],
)
def test_mention_lemmas(mention, label, lemma):
    assert lemmatize_mentions([(mention, label)], kind="stanza") == [lemma]


@pytest.mark.model
def test_stanza_lemmatizer_keeps_nominatives():
    words = ["Latvija", "Armēnija", "Igaunija"]
    assert word_lemmatizer("stanza").lemmatize(words) == words


def test_suffix_rules_from_data_file():
    rules = SuffixRules()
    assert rules.lemmatize(["Armēnijā", "Latvijas"]) == ["Armēnija", "Latvija"]


@pytest.mark.parametrize(
    ("mention", "label", "lemma"),
    [
        ("Stepanakertā", "LOC", "Stepanakerta"),
        ("Armēniju", "LOC", "Armēnija"),
        ("Eiropas Savienībā", "ORG", "Eiropas Savienība"),
        ("Ilhamam Alijevam", "PER", "Ilhams Alijevs"),
        ("Latvijas", "LOC", "Latvija"),
        # a foreign name in its original spelling is not inflected in Latvian text
        ("Theresa May", "PER", "Theresa May"),
        ("Chris Coons", "PER", "Chris Coons"),
        ("Krisu Kūnsu", "PER", "Kriss Kūnss"),
        ("New York", "LOC", "New York"),
        ("Ņujorkā", "LOC", "Ņujorka"),
        # a definite adjective before the head agrees with it; a genitive noun does not inflect
        ("Apvienotajā Karalistē", "LOC", "Apvienotā Karaliste"),
        ("Apvienotās Karalistes", "LOC", "Apvienotā Karaliste"),
        ("Augstākajā tiesā", "ORG", "Augstākā tiesa"),
        ("Sarkanajā laukumā", "LOC", "Sarkanais laukums"),
        ("Apvienoto Nāciju Organizācijā", "ORG", "Apvienoto Nāciju Organizācija"),
        ("Jaunajai Zēlandei", "LOC", "Jaunā Zēlande"),
        # a common noun's form heading a name takes the lexicon's lemma (not a genitive's)
        ("Amerikas komanda", "ORG", "Amerikas komanda"),
        ("Klusajā okeānā", "LOC", "Klusais okeāns"),
        # a title the span keeps (the FullStack annotation) is no part of the name's lemma
        ("Mejas kundze", "PER", "Meja"),
        ("Bērziņa kungam", "PER", "Bērziņš"),
    ],
)
def test_default_lemmatizer_gives_the_nominative(mention, label, lemma):
    assert lemmatize_mentions([(mention, label)]) == [lemma]
