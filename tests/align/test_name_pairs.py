"""Name pairs mined from parallel news for the name scorer (``training/name_pairs.py``, NTREX
source), with the real NER stage on a small three-language document."""

from pathlib import Path

from training.name_pairs import ntrex_groups

LINES = {
    "en": [
        "Interior Secretary Ryan Zinke spoke in Washington on Monday.",
        "The storm hit Houston last week.",
    ],
    "lv": [
        "Iekšlietu ministrs Raiens Zinke (Ryan Zinke) pirmdien runāja Vašingtonā.",
        "Vētra pagājušajā nedēļā skāra Hjūstonu.",
    ],
    "zh": ["内政部长赖恩·辛克 (Ryan Zinke) 周一在华盛顿发表讲话。", "上周风暴袭击了休斯敦。"],
}


def _corpus(root: Path, names: list[str]) -> Path:
    for name in names:
        (root / name).mkdir(parents=True)
        for lang, lines in LINES.items():
            (root / name / f"{name}.{lang}.txt").write_text("\n".join(lines) + "\n", "utf-8")
    return root


def test_glosses_and_the_one_name_of_a_line_pair_up(tmp_path):
    groups = list(ntrex_groups(_corpus(tmp_path, ["doc1"]), gold=()))
    # the translators' glosses in parentheses, the Latvian as its lemma
    assert ({"en": ["Ryan Zinke"], "lv": ["Raiens Zinke"]}, "ntrex") in groups
    assert ({"en": ["Ryan Zinke"], "zh": ["赖恩·辛克"]}, "ntrex") in groups
    # the one place of a line in English and in Chinese; the inflected Latvian form apart
    assert ({"en": ["Washington"], "zh": ["华盛顿"]}, "ntrex") in groups
    assert ({"en": ["Washington"], "lv": ["Vašingtona"]}, "ntrex") in groups
    assert ({"en": ["Washington"], "lv": ["Vašingtonā"]}, "ntrex-form") in groups
    # the line with two persons in Latvian (the name and its gloss) pairs no person by position
    assert all(g["en"] != ["Ryan Zinke"] or s == "ntrex" for g, s in groups)


def test_the_gold_documents_are_skipped(tmp_path):
    """The documents that hold linking and event gold (slices of the sorted names): nothing is
    mined there."""
    root = _corpus(tmp_path / "four", ["a_gold", "b_gold", "c_free", "d_gold"])
    one = _corpus(tmp_path / "one", ["c_free"])
    every_other = (slice(0, 1), slice(1, None, 2))
    assert list(ntrex_groups(root, gold=(slice(0, 4),))) == []
    assert list(ntrex_groups(root, gold=every_other)) == list(ntrex_groups(one, gold=())) != []


def test_no_corpus_gives_no_pairs(tmp_path):
    assert list(ntrex_groups(tmp_path / "missing")) == []
