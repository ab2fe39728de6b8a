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


def test_a_chinese_sentence_that_keeps_latin_names_is_chinese() -> None:
    from pipeline.analyze import identify_languages
    from pipeline.records import AnalyzedDocument, Segment

    sentences = [
        "利文斯顿队在主场以一比零击败了流浪者队。",
        "这是利文斯顿队本赛季在联赛中的第三场胜利，球队在积分榜上升至第三位。",
        "上半场双方都没有进球，下半场开始后不久，主队利用一次反击打破了僵局。",
        "客队此后多次围攻对方球门，但始终未能扳平比分，最终一比零告负。",
        "BBC Scotland 的 Alasdair Lamont 在 Tony Macaroni 球场",  # more Latin than Han
        "Rangers manager Steven Gerrard was not happy.",  # an English sentence quoted whole
    ]
    text = "\n".join(sentences)
    segments, pos = [], 0
    for i, s in enumerate(sentences):
        segments.append(Segment(pos, pos + len(s), "und", None, i))
        pos += len(s) + 1
    doc = AnalyzedDocument(
        doc_id="doc_test", path="zh.txt", sha256="0", encoding="utf-8", text=text,
        analysis_text=text, sentences=segments,
    )  # fmt: skip
    identify_languages(doc)
    assert doc.lang == "zh"
    assert [s.lang for s in doc.sentences] == ["zh"] * 5 + ["en"]
