"""Year anchoring from the document's own narrative (issue 16): a date without a year takes it
from the nearest preceding explicit date of the text, never from the clock, never across an
expression that leaves the year open (a span of several years, a decade, a century), and never
from page boilerplate (copyright lines, photo captions and credits, page chrome). With nothing
to anchor to the expression stays unplaced (``XXXX-…`` value, ``interval: null``)."""

from __future__ import annotations

import pytest

from pipeline.dates import extract_times, find_times
from pipeline.dates.boilerplate import boilerplate_spans
from pipeline.records import AnalyzedDocument, Segment


def _values(text: str, lang: str) -> list[tuple[str, str]]:
    return [(f.text, f.resolved.value) for f in find_times(text, lang)]


def _value_of(text: str, lang: str, expression: str) -> str | None:
    found = [v for t, v in _values(text, lang) if t == expression]
    return found[-1] if found else None


@pytest.mark.parametrize(
    ("text", "lang", "expression", "value"),
    [
        # a span of several years leaves the year of what follows open
        (
            "1992年1月6日,該地區宣布獨立。衝突各方在1993-1994年度擁有兵員。從2月23日起進行炮擊。",
            "zh",
            "2月23日",
            "XXXX-02-23",
        ),
        (
            "The war began in 1991. Zinevich stayed five years (1992-1997). On 23 February the "
            "town was shelled.",
            "en",
            "23 February",
            "XXXX-02-23",
        ),
        (
            "Karš sākās 1991. gadā. Viņš dzīvoja 1867.–1932. gadā. 23. jūlijā krita Agdama.",
            "lv",
            "23. jūlijā",
            "XXXX-07-23",
        ),
        # a new explicit year after the span anchors again
        (
            "衝突各方在1993-1994年度擁有兵員。1992年戰爭升級。2月23日起進行炮擊。",
            "zh",
            "2月23日",
            "1992-02-23",
        ),
        # the nearest explicit year wins over an older one
        (
            "1992. gada pavasarī armēņi uzbruka. 1993. gadā armija atkāpās. 23. jūlijā krita "
            "Agdama.",
            "lv",
            "23. jūlijā",
            "1993-07-23",
        ),
        # nothing before it: unplaced, whatever comes later in the text
        ("2月23日起進行炮擊。1992年戰爭升級。", "zh", "2月23日", "XXXX-02-23"),
        ("23. jūlijā krita Agdama. 1993. gadā armija atkāpās.", "lv", "23. jūlijā", "XXXX-07-23"),
    ],
)
def test_year_comes_from_the_nearest_preceding_explicit_date(text, lang, expression, value):
    assert _value_of(text, lang, expression) == value


@pytest.mark.parametrize(
    ("text", "lang", "expression", "value"),
    [
        # copyright lines
        (
            "Copyright 1998-2025 Example News Ltd.\nOn 23 February the town fell.",
            "en",
            "23 February",
            "XXXX-02-23",
        ),
        ("© 2024 Example News\nOn 23 February the town fell.", "en", "23 February", "XXXX-02-23"),
        (
            "(c) 2024 Example News. All rights reserved.\nOn 23 February the town fell.",
            "en",
            "23 February",
            "XXXX-02-23",
        ),
        (
            "The war began in 1992.\n© 2024 Example News\nOn 23 February the town fell.",
            "en",
            "23 February",
            "1992-02-23",
        ),
        (
            "© 2024 LETA. Visas tiesības aizsargātas.\n23. jūlijā krita Agdama.",
            "lv",
            "23. jūlijā",
            "XXXX-07-23",
        ),
        ("版权所有 © 2024 新华网\n2月23日起進行炮擊。", "zh", "2月23日", "XXXX-02-23"),
        # photo captions and credits
        ("Photo: AFP, 2019\nOn 23 February the town fell.", "en", "23 February", "XXXX-02-23"),
        (
            "AFP PHOTO / SERGEI SUPINSKY 2011\nOn 23 February the town fell.",
            "en",
            "23 February",
            "XXXX-02-23",
        ),
        (
            "Karš sākās 1992. gadā.\nFoto: LETA, 2020. gada marts\n23. jūlijā krita Agdama.",
            "lv",
            "23. jūlijā",
            "1992-07-23",
        ),
        (
            "1992年戰爭升級。\n图片：2019年新华社记者摄\n2月23日起進行炮擊。",
            "zh",
            "2月23日",
            "1992-02-23",
        ),
        ("1992年戰爭升級。\n（攝影：2019年）\n2月23日起進行炮擊。", "zh", "2月23日", "1992-02-23"),
        # page chrome
        (
            "Last updated: 5 March 2025\nOn 23 February the town fell.",
            "en",
            "23 February",
            "XXXX-02-23",
        ),
        ("更新时间：2025年3月5日\n2月23日起進行炮擊。", "zh", "2月23日", "XXXX-02-23"),
    ],
)
def test_boilerplate_never_anchors(text, lang, expression, value):
    assert _value_of(text, lang, expression) == value


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Copyright 1998-2025 Example News Ltd.", "en"),
        ("© 2024 Example News", "en"),
        ("Foto: LETA, 2020. gada marts", "lv"),
        ("版权所有 © 2024 新华网", "zh"),
    ],
)
def test_boilerplate_expressions_are_not_emitted(text, lang):
    assert find_times(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the words only count where they mark a line as boilerplate
        ("The copyright law of 1998 was passed.", "en", ["1998"]),
        ("The photo was taken in May 1994.", "en", ["May 1994"]),
        ("Foto izstāde notika 1994. gada maijā.", "lv", ["1994. gada maijā"]),
        ("2004年5月1日，图片展开幕。", "zh", ["2004年5月1日"]),
        # a dateline is the document's own date and anchors what follows
        (
            "BRUSSELS, 1 May 2004 — Ten states joined. On 3 May the summit ended.",
            "en",
            ["1 May 2004", "3 May"],
        ),
    ],
)
def test_content_lines_are_kept(text, lang, expected):
    assert [f.text for f in find_times(text, lang)] == expected


def test_dateline_anchors_the_body():
    text = "BRUSSELS, 1 May 2004 — Ten states joined. On 3 May the summit ended."
    assert _value_of(text, "en", "3 May") == "2004-05-03"


def test_boilerplate_in_a_document_with_sentences():
    text = "The war began in 1992.\nCopyright 2025 Example\nOn 23 February the town fell."
    parts = [
        ("The war began in 1992.", "en"),
        ("Copyright 2025 Example", "en"),
        ("On 23 February the town fell.", "en"),
    ]
    sentences, pos = [], 0
    for sentence, lang in parts:
        start = text.index(sentence, pos)
        sentences.append(Segment(start, start + len(sentence), lang))
        pos = start + len(sentence)
    doc = AnalyzedDocument("d", "d.txt", "0", "utf-8", text, text, sentences=sentences)
    times = extract_times(doc)
    assert [(t.text, t.value, t.anchored) for t in times] == [
        ("1992", "1992", False),
        ("23 February", "1992-02-23", True),
    ]


def test_boilerplate_spans_are_lines_or_sentences():
    text = "Ten states joined.\nPhoto: AFP\nThe summit ended. © 2024 Example News"
    spans = boilerplate_spans(text, [Segment(0, len(text), "en")])
    assert [text[a:b] for a, b in spans] == ["Photo: AFP", "© 2024 Example News"]
