"""English language identification, and other Latin-script languages coming out as "other"."""

from __future__ import annotations

import pytest

from pipeline.langid import detect_language, detect_languages


@pytest.mark.parametrize(
    "text",
    [
        "The Nagorno-Karabakh conflict is an ethnic and territorial conflict between Armenia and Azerbaijan.",
        "A ceasefire was signed in May 1994.",
        "the following year",
        "heavy fighting",
        "Council on Foreign Relations",
    ],
)
def test_english(text: str) -> None:
    assert detect_language(text).lang == "en"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Der Bergkarabachkonflikt ist ein Konflikt zwischen Armenien und Aserbaidschan um die Region.",
            "de",
        ),
        (
            "Le conflit du Haut-Karabagh oppose l'Arménie et l'Azerbaïdjan depuis la fin des années 1980.",
            "fr",
        ),
        (
            "Dağlıq Qarabağ münaqişəsi Azərbaycan və Ermənistan arasında etnik və ərazi münaqişəsidir.",
            "az",
        ),
        ("Карабахский конфликт — этнополитический конфликт в Закавказье.", "ru"),
        ("Արցախյան ազատամարտ", "hy"),
        ("ყარაბაღის კონფლიქტი", "ka"),
    ],
)
def test_other_languages_keep_their_code(text: str, lang: str) -> None:
    assert detect_language(text).lang == lang


def test_mixed_document_keeps_per_segment_languages() -> None:
    texts = [
        "The war began in 1988 and ended with a ceasefire in May 1994.",
        "Karš sākās 1988. gadā un beidzās ar pamieru 1994. gada maijā.",
        "戰爭於1988年爆發，1994年5月停火。",
        "Der Krieg begann 1988 und endete im Mai 1994 mit einem Waffenstillstand in der Region.",
    ]
    assert [g.lang for g in detect_languages(texts)] == ["en", "lv", "zh", "de"]


def test_too_little_text_is_undetermined() -> None:
    assert detect_language("12, 13.").lang == "und"
    assert detect_language("").lang == "und"
