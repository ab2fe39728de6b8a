"""Real taggers are noisy: wrong types, acronyms, initials, language names. Cases found when
clustering spaCy's English mentions against lv/zh names (benchmarks/align_eval --mentions mixed)."""

import pytest

from pipeline.align.cluster import entity_records

from ..helpers.documents import make_doc

YEAR = {"1992": ("1992-01-01", "1992-12-31", "year")}


def same_entity(docs, a: tuple[str, str], b: tuple[str, str]) -> bool:
    _, mention_entity = entity_records(docs)
    found = {}
    for doc in docs:
        for i, m in enumerate(doc.mentions):
            found.setdefault((m.lang, m.text), mention_entity[(doc.doc_id, i)])
    return found[a] == found[b]


def test_a_tagger_calling_a_city_a_person_does_not_split_it():
    en = make_doc(
        "en.txt",
        "en",
        [
            "In 1992 Stepanakert was shelled from Shusha.",
            "Stepanakert had no water in 1992.",
            "The siege of Stepanakert lasted through 1992.",
        ],
        {"Stepanakert": "PER", "Shusha": "LOC"},
        YEAR,
    )
    lv = make_doc(
        "lv.txt", "lv", ["1992. gadā Stepanakertu apšaudīja no Šušas."],
        {"Stepanakertu": "LOC", "Šušas": "LOC"}, {"1992. gadā": YEAR["1992"]},
    )  # fmt: skip
    assert same_entity([en, lv], ("en", "Stepanakert"), ("lv", "Stepanakertu"))


@pytest.mark.parametrize(
    "a,b",
    [
        (("en", "George W. Bush"), ("en", "George H. W. Bush")),
        (("en", "Azerbaijani"), ("lv", "Azerbaidžānas")),
        (("en", "LCCN"), ("lv", "Lačinas")),
        (("en", "Ingushetia"), ("zh", "南奧塞梯")),
    ],
)
def test_look_alikes_stay_apart(a, b):
    en = make_doc(
        "en.txt",
        "en",
        [
            "In 1992 George W. Bush and George H. W. Bush spoke about the Azerbaijani army.",
            "Ingushetia and the LCCN catalogue were mentioned in 1992.",
        ],
        {"George W. Bush": "PER", "George H. W. Bush": "PER", "Azerbaijani": "LOC",
         "Ingushetia": "LOC", "LCCN": "ORG"},
        YEAR,
    )  # fmt: skip
    lv = make_doc(
        "lv.txt", "lv", ["1992. gadā Azerbaidžānas armija ieņēma Lačinas rajonu."],
        {"Azerbaidžānas": "LOC", "Lačinas": "LOC"}, {"1992. gadā": YEAR["1992"]},
    )  # fmt: skip
    zh = make_doc(
        "zh.txt", "zh", ["1992年，南奧塞梯爆發戰爭。"], {"南奧塞梯": "LOC"},
        {"1992年": YEAR["1992"]},
    )  # fmt: skip
    assert not same_entity([en, lv, zh], a, b)
