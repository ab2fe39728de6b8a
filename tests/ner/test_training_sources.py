"""Readers of the issue-15 training sources (CLUENER, MSRA train, PD-1998 fragments, LVTagger)
and the overlap check, on small excerpts of the real files (no shared data needed)."""

from __future__ import annotations

import pytest

from training import ner_data
from training.ner_data import LabeledSentence

# The first two records of CLUENER2020 train.json, as pretty-printed there.
CLUENER_EXCERPT = """{
  "text": "浙商银行企业信贷部叶老桂博士则从另一个角度对五道门槛进行了解读。叶老桂认为，对目前国内商业银行而言，",
  "label": {
    "name": {
      "叶老桂": [
        [
          9,
          11
        ],
        [
          32,
          34
        ]
      ]
    },
    "company": {
      "浙商银行": [
        [
          0,
          3
        ]
      ]
    }
  }
}
{
  "text": "生生不息CSOL生化狂潮让你填弹狂扫",
  "label": {
    "game": {
      "CSOL": [
        [
          4,
          7
        ]
      ]
    }
  }
}
"""


def _spans(sentence: LabeledSentence) -> list[tuple[str, str]]:
    return [(sentence.text[a:b], label) for a, b, label in sentence.spans]


def test_cluener_records_and_type_mapping(tmp_path):
    path = tmp_path / "train.json"
    path.write_text(CLUENER_EXCERPT, encoding="utf-8")
    records = list(ner_data.cluener_records(path))
    assert len(records) == 2
    first, second = (ner_data.cluener_sentence(r) for r in records)
    # name → PER, company → ORG; the end offsets in the file are inclusive
    assert _spans(first) == [("浙商银行", "ORG"), ("叶老桂", "PER"), ("叶老桂", "PER")]
    assert len(first.tokens) == len(first.text)  # one token per character
    assert second.spans == []  # game is dropped


def test_cluener_mapping_covers_every_type():
    assert set(ner_data.CLUENER_TYPES) == {
        "name",
        "organization",
        "company",
        "government",
        "address",
        "scene",
        "position",
        "book",
        "movie",
        "game",
    }
    assert ner_data.CLUENER_TYPES["government"] == "ORG"
    assert ner_data.CLUENER_TYPES["scene"] == "LOC"
    assert ner_data.CLUENER_TYPES["position"] is None


def test_cluener_overlapping_spans_keep_the_longer():
    record = {
        "text": "北京市海淀区人民法院",
        "label": {
            "address": {"北京市海淀区": [[0, 5]]},
            "government": {"北京市海淀区人民法院": [[0, 9]]},
        },
    }
    assert _spans(ner_data.cluener_sentence(record)) == [("北京市海淀区人民法院", "ORG")]


def test_cluener_held_out_split_is_fixed_by_text_hash():
    texts = [f"第{i}条新闻：某公司发布公告" for i in range(4000)]
    parts = [ner_data.cluener_part(t) for t in texts]
    assert parts == [ner_data.cluener_part(t) for t in texts]  # pure function of the text
    assert 0.08 < parts.count("heldout") / len(texts) < 0.12
    assert 0.03 < parts.count("dev") / len(texts) < 0.07


def test_pd1998_fragments_reader(tmp_path, monkeypatch):
    # the first fragments of pd1998-fragments/train.txt
    text = "国 B_nt\n务 M_nt\n院 E_nt\n\n南 B_nt\n方 M_nt\n贝 M_nt\n尔 E_nt\n等 O\n只 O\n\n"
    text += "和 B_nr\n毅 M_nr\n繁 E_nr\n（ O\n普 O\n米 O\n族 O\n） O\n"
    (tmp_path / "zh" / "pd1998-fragments").mkdir(parents=True)
    (tmp_path / "zh" / "pd1998-fragments" / "train.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(ner_data, "DATA_DIR", tmp_path)
    sentences = ner_data.pd1998_fragments("train")
    assert [s.text for s in sentences] == ["国务院", "南方贝尔等只", "和毅繁（普米族）"]
    assert [_spans(s) for s in sentences] == [
        [("国务院", "ORG")],
        [("南方贝尔", "ORG")],
        [("和毅繁", "PER")],
    ]


def test_msra_train_reader_is_tab_separated(tmp_path, monkeypatch):
    lines = ["中\tB-ORG", "共\tI-ORG", "中\tI-ORG", "央\tI-ORG", "\u3000\tO", "致\tO", "电\tO", ""]
    lines += ["在\tO", "北\tB-LOC", "京\tI-LOC"]
    (tmp_path / "zh" / "msra").mkdir(parents=True)
    path = tmp_path / "zh" / "msra" / "msra_train_minus_pd_bio.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(ner_data, "DATA_DIR", tmp_path)
    first, second = ner_data.msra_train()
    assert first.text == "中共中央致电"  # the ideographic space is dropped, not a sentence break
    assert _spans(first) == [("中共中央", "ORG")]
    assert _spans(second) == [("北京", "LOC")]


# Two sentences of lvtagger/pr_rel_40_ner.conll (columns 1, 2, 8, 9, 10 as in the file; the
# lemma, tags and features columns shortened).
LVTAGGER_ROWS = [
    [
        ("Erki", "person", "START", "_"),
        ("Tuomioja", "person", "_", "END"),
        ("vizītes", "O", "_", "_"),
        ("ietvaros", "O", "_", "_"),
        ("nolasīja", "O", "_", "_"),
        ("lekciju", "O", "_", "_"),
        ("Stradiņa", "organization", "START", "_"),
        ("universitātē", "organization", "_", "END"),
        (",", "O", "_", "_"),
        ("kā_arī", "O", "_", "_"),
        ("atbildēja", "O", "_", "_"),
        ("par", "O", "_", "_"),
        ("Latvijas", "location", "START", "END"),
        ("un", "O", "_", "_"),
        ("Somijas", "location", "START", "END"),
        ("sadarbību", "O", "_", "_"),
        (".", "O", "_", "_"),
    ],
    [
        ("Krievijā", "location", "START", "END"),
        ("apsprieda", "O", "_", "_"),
        ("Rail", "product", "START", "_"),
        ("Baltica", "product", "_", "END"),
        (".", "O", "_", "_"),
    ],
]


def _lvtagger_file(path):
    lines = []
    for sentence in LVTAGGER_ROWS:
        for i, (form, category, start, end) in enumerate(sentence, 1):
            lines.append(
                f"{i}\t{form}\t{form}\tx\tx\tVārds={form}\t_\t{category}\t{start}\t{end}\tx\t"
            )
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_lvtagger_reader(tmp_path):
    path = tmp_path / "pr_rel_40_ner.conll"
    _lvtagger_file(path)
    first, second = ner_data.lvtagger_file(path)
    assert _spans(first) == [
        ("Erki Tuomioja", "PER"),
        ("Stradiņa universitātē", "ORG"),
        ("Latvijas", "LOC"),  # adjacent START…END spans of one type stay apart
        ("Somijas", "LOC"),
    ]
    assert "kā arī" in first.text  # multi-word token split into its words
    assert _spans(second) == [("Krievijā", "LOC")]  # product dropped
    assert first.doc == "pr_rel_40_ner.conll"


def test_lvtagger_split_holds_out_whole_files_per_genre():
    names = [f"cliping_{i}_ner.conll" for i in range(40, 55)]
    names += [f"interview_{i}_ner.conll" for i in range(10)]
    names += ["1942_Austrumu_apgabala_raiditaju_grupa_ner.conll", "G_1934_Madona_ner.conll"]
    split = ner_data.lvtagger_split(names)
    assert split == ner_data.lvtagger_split(list(reversed(names)))
    assert ner_data.lvtagger_genre("G_1934_Madona_ner.conll") == "history"
    assert ner_data.lvtagger_genre("pr_rel_41_ner.conll") == "pr_rel"
    for genre in ("cliping", "interview", "history"):
        parts = [split[n] for n in names if ner_data.lvtagger_genre(n) == genre]
        assert "test" in parts and "train" in parts
    assert sum(v == "test" for v in split.values()) == 2 + 2 + 1  # 15 %, at least one


def _sentence(text: str) -> LabeledSentence:
    return LabeledSentence(text, [(i, i + 1) for i in range(len(text))], [])


def test_overlap_check_removes_and_fails_loudly():
    test = [_sentence("國務院總理李鵬今天在人民大會堂會見了日本客人並舉行了會談")]  # Traditional
    train = [
        _sentence("国务院总理李鹏今天在人民大会堂会见了日本客人并举行了会谈"),  # same, Simplified
        _sentence("新华社消息，总理李鹏今天在人民大会堂会见了日本客人并交谈"),  # 20-char run
        _sentence("国务院总理李鹏"),  # a punctuation-free piece: kept without `fragments`
        _sentence("上海浦东开发"),
    ]
    with pytest.raises(ner_data.ContaminationError):
        ner_data.assert_clean(train, {"test": test})
    kept, removed = ner_data.decontaminate(train, {"test": test})
    assert [s.text for s in kept][-2:] == ["国务院总理李鹏", "上海浦东开发"] and removed == {
        "test": 1
    }
    kept, removed = ner_data.decontaminate(train, {"test": test}, run=20)
    assert removed == {"test": 2}
    ner_data.assert_clean(kept, {"test": test})


def test_fragment_check_catches_a_piece_of_a_test_sentence():
    test = [_sentence("据新华社报道，国务院总理李鹏今天会见了日本客人。")]
    train = [_sentence("国务院总理李鹏今天会见了日本客人"), _sentence("国务院总理")]
    kept, removed = ner_data.decontaminate(train, {"test": test}, fragments=6)
    assert [s.text for s in kept] == ["国务院总理"] and removed == {"test": 1}
