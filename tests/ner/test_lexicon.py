"""The word lexicon read from a language's lemmatizer model (pipeline/ner/lexicon.py)."""

import pytest

from pipeline.ner.lexicon import is_common_word
from pipeline.ner.word_forms import word_lemmas


@pytest.mark.parametrize(
    ("word", "sentence_start", "common"),
    [
        ("Plānots", True, True),  # plānot: a verb's participle
        ("Mirklis", True, True),
        ("Dārgi", True, True),
        ("Rīga", True, False),  # a name: its lemma is capitalized
        ("Latvija", False, False),
        ("Plānots", False, False),  # inside a sentence only the form itself is looked up
        ("Zzzyxx", True, False),  # unknown
        # a form the lexicon lacks, by its lemma from the suffix rules
        ("Eglīti", True, True),  # eglīte, a fir tree
        ("Krastmalā", True, True),
        ("Bērziņam", True, False),  # a surname: its lemma is capitalized there
        ("Eglīti", False, False),
    ],
)
def test_latvian_common_words(word, sentence_start, common):
    assert is_common_word(word, "lv", sentence_start) is common


def test_the_latvian_lexicon_is_the_lemmatizers_dictionary():
    lemmas = word_lemmas("lv")
    assert len(lemmas) > 30_000
    assert lemmas["Latvijā"] == "Latvija"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_language_without_a_lexicon_has_no_common_words(lang):
    assert word_lemmas(lang) == {}
    assert not is_common_word("The", lang, sentence_start=True)
