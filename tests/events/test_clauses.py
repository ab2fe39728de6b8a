"""Clause pieces per language: the boundaries come from each language's ``language.yaml``
(``clause_conjunctions``, ``complement_conjunctions``) and its spacing."""

import pytest

from pipeline.events.clauses import pieces


def texts(sentence: str, lang: str) -> list[str]:
    return [sentence[a:b] for a, b in pieces(sentence, lang)]


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("Troops crossed the river and shelled the town", "en", ["Troops crossed the river", "shelled the town"]),
        ("“We will stay,” said Novak", "en", ["“We will stay", "said Novak"]),
        ("'We will stay,’ he said; nobody left", "en", ["'We will stay", "he said", "nobody left"]),
        ("Valdība paziņoja, ka vēlēšanas notiks maijā", "lv", ["Valdība paziņoja, ka vēlēšanas notiks maijā"]),
        ("Karaspēks šķērsoja upi, bet pilsētu neieņēma", "lv", ["Karaspēks šķērsoja upi", "bet pilsētu neieņēma"]),
        ("Sarunas sākās pirmdien, pēc tam tās pārtrauca", "lv", ["Sarunas sākās pirmdien", "pēc tam tās pārtrauca"]),
        ("军队渡过了河，随后炮击了城镇", "zh", ["军队渡过了河", "炮击了城镇"]),
        ("会谈开始；并且持续了三天", "zh", ["会谈开始", "持续了三天"]),
        ("Hello there; friend", "und", ["Hello there", "friend"]),
    ],
)  # fmt: skip
def test_clause_pieces(sentence, lang, expected):
    assert texts(sentence, lang) == expected
