"""Chinese defaults at work: numerals, script conversion of names and model input, no spaces."""

from __future__ import annotations

import pytest

from pipeline.align.normalize import name_key, to_simplified
from pipeline.dates.numbers import zh_to_int
from pipeline.ner.chinese import to_simplified as model_input
from pipeline.ner.gazetteer import Gazetteer
from pipeline.text.noise import noise_spans


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一九九四", 1994),
        ("二〇二〇", 2020),
        ("二十三", 23),
        ("兩千", 2000),
        ("十", 10),
        ("貳拾", 20),
    ],
)
def test_numerals(text, value):
    assert zh_to_int(text) == value


def test_names_compare_in_simplified_mainland_vocabulary():
    assert to_simplified("亞塞拜然") == "阿塞拜疆"
    assert name_key("亞美尼亞", "zh") == name_key("亚美尼亚", "zh")
    assert to_simplified("米哈伊爾・薩卡什維利") == "米哈伊尔·萨卡什维利"


def test_model_input_keeps_offsets():
    text = "亞塞拜然總統訪問臺灣"
    assert len(model_input(text)) == len(text)
    assert model_input(text).startswith("亚塞拜然")  # characters only, no vocabulary change


def test_gazetteer_matches_inside_words():
    ruler = Gazetteer("zh", {"亚美尼亚": "LOC"})
    assert [(s.start, s.end) for s in ruler.find("在亚美尼亚首都")] == [(1, 5)]


@pytest.mark.parametrize("mark", ["[注 3]", "[來源請求]", "［需要来源］"])
def test_citation_marks_are_noise(mark):
    text = f"巴库{mark}是城市。"
    assert noise_spans(text) == [(2, 2 + len(mark))]
