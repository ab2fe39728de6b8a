"""Chinese sentence segmentation at 。！？；and their full-width/ASCII forms."""

from __future__ import annotations

import pytest

from pipeline.text.segment import sentences


def split(text: str) -> list[str]:
    return [text[a:b] for a, b, _ in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("戰爭於1988年爆發。1994年5月停火。", ["戰爭於1988年爆發。", "1994年5月停火。"]),
        ("誰贏了？沒有人！", ["誰贏了？", "沒有人！"]),
        ("亞美尼亞支持一方；亞塞拜然反對。", ["亞美尼亞支持一方；", "亞塞拜然反對。"]),
        ("他說：「戰爭結束了。」大家都不信。", ["他說：「戰爭結束了。」", "大家都不信。"]),
        ("标题\n正文第一句。", ["标题", "正文第一句。"]),
        ("战争爆发了!然后停火了?", ["战争爆发了!", "然后停火了?"]),
        ("人口约1.5万人。城市很小。", ["人口约1.5万人。", "城市很小。"]),
    ],
)
def test_chinese_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected
