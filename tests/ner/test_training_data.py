"""Tag-scheme decoding and the fixed, stratified FullStack split (no data files needed)."""

from __future__ import annotations

import pytest

from training.ner_data import fullstack_split, tags_to_spans


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["I-ORG", "I-ORG", "B-ORG", "O"], [(0, 2, "ORG"), (2, 3, "ORG")]),  # IOB1
        (["B-NAME", "M-NAME", "E-NAME", "S-ORG"], [(0, 3, "NAME"), (3, 4, "ORG")]),  # BMES
        (["B-PER.NAM", "I-LOC.NAM"], [(0, 1, "PER.NAM"), (1, 2, "LOC.NAM")]),
        (["O", ""], []),
    ],
)
def test_tags_to_spans(tags, spans):
    assert tags_to_spans(tags) == spans


def test_split_is_fixed_and_stratified_by_prefix():
    names = [f"{p}{i}-p{j}.conll2003" for p in "cdnpsz" for i in range(5) for j in range(8)]
    split = fullstack_split(names)
    assert split == fullstack_split(list(reversed(names)))
    for prefix in "cdnpsz":
        parts = [split[n] for n in names if n.startswith(prefix)]
        # 5 documents of 8 paragraphs each: one whole document to test, one to dev
        assert parts.count("test") == 8 and parts.count("dev") == 8
    for i in range(5):
        assert len({split[n] for n in names if n.startswith(f"p{i}-")}) == 1


def test_conll_sentence_keeps_misc_only_when_asked(tmp_path):
    from training.ner_data import _conll_en

    path = tmp_path / "mini.txt"
    path.write_text(
        "-DOCSTART- O 0\n\nAzerbaijani B-MISC 0\nforces O 0\nentered O 0\nShusha B-LOC 0\n. O 0\n",
        encoding="utf-8",
    )
    plain, kept = _conll_en(path, "mini")[0], _conll_en(path, "mini", frozenset({"MISC"}))[0]
    assert plain.text == "Azerbaijani forces entered Shusha ."
    assert plain.spans == [(27, 33, "LOC")]
    assert kept.spans == [(0, 11, "MISC"), (27, 33, "LOC")]


def test_fullstack_sentence_keeps_other_types_only_when_asked(tmp_path):
    from training.ner_data import FULLSTACK_OTHER_TYPES, fullstack_sentences

    rows = [
        ("Saeima", "B-organization"),
        ("apsprieda", "O"),
        ("Eirovīziju", "B-event"),
        ("Rīgā", "B-GPE"),
    ]
    lines = ["# file = x1-p1.conll2003", "# text = Saeima apsprieda Eirovīziju Rīgā"]
    lines += [f"{i}\t{w}\t{w}\tX\tx\t_\t{tag}\tO\t_\t_" for i, (w, tag) in enumerate(rows, 1)]
    path = tmp_path / "mini.conll"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (plain,) = fullstack_sentences(path)
    (kept,) = fullstack_sentences(path, keep=FULLSTACK_OTHER_TYPES)
    assert plain.spans == [(0, 6, "ORG"), (28, 32, "LOC")]
    assert kept.spans == [(0, 6, "ORG"), (17, 27, "event"), (28, 32, "LOC")]
