"""Which capitalized words are common words: a word lexicon from a language's lemmatizer model.

A tagger that reads capitals as names tags a sentence's first word when it is capitalized only
because it starts the sentence (Latvian ``Plānots, ka …``, "It is planned that …"; ``Mirklis no
…``, "A moment from …"). A lemmatizer's dictionary knows the word forms of its training text and
their lemmas: a form whose lemma is written in lower case is a common word there. The dictionary
is the language's ``word_lexicon`` (:mod:`pipeline.ner.word_forms`); a language without one has
no lexicon.
"""

from __future__ import annotations

from functools import cache

from pipeline.lang.defaults import defaults
from pipeline.ner.word_forms import word_lemmas


def is_common_word(word: str, lang: str, sentence_start: bool) -> bool:
    """Whether the capitalized ``word`` is a common word by ``lang``'s lexicon: the form itself has
    a lower-case lemma there, or, at a sentence's start where any word is capitalized, the form
    is unknown and its lower-case form has a lower-case lemma (``Plānots`` → ``plānot``), or
    neither form is known and its lemma by the language's suffix rules is a lemma the lexicon
    writes in lower case only (``Eglīti`` → ``eglīte``; not ``Bērziņam`` → ``Bērziņš``)."""
    lemmas = word_lemmas(lang)
    if not lemmas:
        return False
    lemma = lemmas.get(word)
    if lemma is None and sentence_start:
        lemma = lemmas.get(word.lower())
        if lemma is None:  # a form the text did not show: its lemma by the suffix rules
            guess = _rule_lemma(word, lang)
            kinds = lemma_kinds(lang)
            if guess.lower() in kinds["common"] and guess not in kinds["proper"]:
                return True
    return lemma is not None and lemma[:1].islower()


@cache
def lemma_kinds(lang: str) -> dict[str, frozenset[str]]:
    """The lexicon's lemmas written in lower case (``common``) and capitalized (``proper``)."""
    values = set(word_lemmas(lang).values())
    return {
        "common": frozenset(v for v in values if v[:1].islower()),
        "proper": frozenset(v for v in values if v[:1].isupper()),
    }


def _rule_lemma(word: str, lang: str) -> str:
    if not defaults(lang).inflected:
        return word
    from pipeline.ner.lemmatize import WINNER, word_lemmatizer

    return word_lemmatizer(WINNER).lemmatize([word])[0]
