"""Traditional → Simplified conversion keeps offsets."""

from __future__ import annotations

import pytest

from pipeline.ner.chinese import to_simplified
from tests.conftest import SEED_FILES


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("納戈爾諾-卡拉巴赫戰爭", "纳戈尔诺-卡拉巴赫战争"),
        ("亞美尼亞與亞塞拜然", "亚美尼亚与亚塞拜然"),
        ("Mixed 文字 and 數字 1994", "Mixed 文字 and 数字 1994"),
    ],
)
def test_conversion(traditional, simplified):
    assert to_simplified(traditional) == simplified


def test_length_preserved_on_every_seed_line():
    for path in SEED_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert len(to_simplified(line)) == len(line)
