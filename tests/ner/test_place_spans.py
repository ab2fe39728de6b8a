"""Chinese addresses written large to small, cut into their places (case table)."""

import pytest

from pipeline.ner.base import Span
from pipeline.ner.place_spans import split_address


def split(text: str, label: str = "LOC", lang: str = "zh") -> list[tuple[str, str]]:
    return [
        (text[s.start : s.end], s.label)
        for s in split_address(text, Span(0, len(text), label), lang)
    ]


@pytest.mark.parametrize(
    ("text", "label", "parts"),
    [
        ("阿拉斯加州瓦西拉", "LOC", [("阿拉斯加州", "LOC"), ("瓦西拉", "LOC")]),
        ("马里兰州贝塞斯达", "LOC", [("马里兰州", "LOC"), ("贝塞斯达", "LOC")]),
        ("北京市海淀区", "LOC", [("北京市", "LOC"), ("海淀区", "LOC")]),
        # a tagger that typed the whole address PER: what follows the county is its town
        ("德文郡伊尔弗勒科姆", "PER", [("德文郡", "LOC"), ("伊尔弗勒科姆", "LOC")]),
    ],
)
def test_an_area_and_its_place_are_two_spans(text, label, parts):
    assert split(text, label) == parts


@pytest.mark.parametrize(
    "text",
    [
        "马里兰州",  # the area alone
        "伦敦市中心",  # a common noun after the area
        "朝鲜半岛",  # a generic head after a name
        "加州洛杉矶",  # an area whose name is one character before its head
        "乌兹别克斯坦",  # no area head inside
        "萨尔瓦多共和国",
    ],
)
def test_other_spans_stay_whole(text):
    assert split(text) == [(text, "LOC")]


def test_organizations_and_spaced_languages_are_left_alone():
    assert split("北京市海淀区", "ORG") == [("北京市海淀区", "ORG")]
    assert split("Washington State Seattle", "LOC", "en") == [("Washington State Seattle", "LOC")]
