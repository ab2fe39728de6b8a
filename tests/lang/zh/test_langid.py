"""Chinese identification by script, with Traditional vs Simplified recorded (langdetect's Korean trap)."""

from __future__ import annotations

import pytest

from pipeline.langid import detect_language


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("第一次納戈爾諾-卡拉巴赫戰爭是一場於1988年2月至1994年5月之間發生的戰爭。", "Hant"),
        ("第一次纳戈尔诺-卡拉巴赫战争是一场于1988年2月至1994年5月之间发生的战争。", "Hans"),
        ("亞塞拜然語Birinci Qarabağ müharibəsi亞美尼亞語", "Hant"),
        ("維爾紐斯", "Hant"),
        ("阿塞拜疆", "Hans"),
        ("同年9月", "Hans"),
    ],
)
def test_chinese_scripts(text: str, script: str) -> None:
    guess = detect_language(text)
    assert (guess.lang, guess.script) == ("zh", script)


def test_japanese_with_kana_is_not_chinese() -> None:
    assert detect_language("ナゴルノ・カラバフ戦争は1988年に始まった。").lang == "ja"


def test_chinese_seed_is_chinese_not_korean(seed_files) -> None:
    text = seed_files[3].read_text(encoding="utf-8")[:2000]
    guess = detect_language(text)
    assert guess.lang == "zh" and guess.script == "Hant"
