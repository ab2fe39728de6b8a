"""Latvian language identification: sentences, short phrases, names in context."""

from __future__ import annotations

import pytest

from pipeline.langid import detect_language


@pytest.mark.parametrize(
    "text",
    [
        "Kalnu Karabahas konflikts ir teritoriāls un etnisks konflikts starp Armēniju un Azerbaidžānu.",
        "1994. gadā parakstītais uguns pārtraukums deva divus gadu desmitus relatīvas stabilitātes.",
        "Rīga ir Latvijas galvaspilsēta.",
        "vadīšanas katedras",
        "Sarkanā armija ieņēma pilsētu",
        "Miera sarunas nenesa augļus",
    ],
)
def test_latvian(text: str) -> None:
    guess = detect_language(text)
    assert (guess.lang, guess.script) == ("lv", "Latn")
