"""Numbers that count things are no years; a decade written with a space (``1980 年代``) is a
decade; Latvian "pagājušajā gadā" counts from the moment of writing like "last year" (issue
16)."""

from __future__ import annotations

import pytest

from pipeline.dates import find_times


def _values(text: str, lang: str, reference: str | None = None) -> list[tuple[str, str]]:
    return [(f.text, f.resolved.value) for f in find_times(text, lang, reference)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a number after a verb of counting, or before a counted noun, is a quantity
        ("Police arrested 1500 protesters in the capital.", "en", []),
        ("The earthquake killed more than 2000 in the region.", "en", []),
        ("The flight carried 1200 passengers.", "en", []),
        ("Rebels killed 1000 in 1992.", "en", [("1992", "1992")]),
        ("He was arrested in 1995.", "en", [("1995", "1995")]),
        ("In 1500 the town was founded.", "en", [("1500", "1500")]),
        ("He played 1996 games in his career.", "en", []),
        ("He won gold at the 1996 Games in Atlanta.", "en", [("1996", "1996")]),
        ("Policija aizturēja 1500 protestētāju.", "lv", []),
        ("Zemestrīcē gāja bojā 1000 cilvēku.", "lv", []),
        ("警方逮捕了1500名抗议者。", "zh", []),
        ("地震造成1000人死亡。", "zh", []),
        # a decade with a space before 年代
        ("她指控他在 1980 年代实施性侵。", "zh", [("1980 年代", "198")]),
        ("她指控他在1980年代实施性侵。", "zh", [("1980年代", "198")]),
        ("在 1980 年对", "zh", [("1980 年", "1980")]),
    ],
)
def test_quantities_are_no_years(text, lang, expected):
    assert _values(text, lang) == expected


def test_latvian_last_year_is_deictic_the_previous_year_anaphoric():
    text = "1998. gadā sākās karš. Pagājušajā gadā atjaunoja muzeju. Iepriekšējā gadā to slēdza."
    # without a dateline both follow the narrative year
    assert _values(text, "lv")[1:] == [("Pagājušajā gadā", "1997"), ("Iepriekšējā gadā", "1996")]
    # with a dateline "pagājušajā gadā" counts from it, "iepriekšējā gadā" from the narrative
    got = dict(_values(text, "lv", reference="2018-10-01"))
    assert got["Pagājušajā gadā"] == "2017"
    assert got["Iepriekšējā gadā"] == "2016"


def _document_values(sentences: list[str], lang: str) -> list[tuple[str, str]]:
    from pipeline.dates import find_in_document
    from pipeline.records import Segment

    text = " ".join(sentences)
    segments, pos = [], 0
    for s in sentences:
        segments.append(Segment(pos, pos + len(s), lang, None, 0))
        pos += len(s) + 1
    return [(f.text, f.resolved.value) for f in find_in_document(text, segments)]


def test_a_deictic_guess_anchors_its_own_sentence_only():
    # Without a dateline "last year" is resolved against the narrative (a guess); the next
    # sentences do not count from it, until a date of their own.
    got = _document_values(
        [
            "He won in 2013.",
            "Last year he lost.",
            "Three years later he retired.",
            "In June he married.",
            "In 2016 he moved to Leeds.",
            "In June he sold his house.",
        ],
        "en",
    )
    assert got == [
        ("2013", "2013"),
        ("Last year", "2012"),
        ("Three years later", "XXXX"),
        ("June", "XXXX-06"),
        ("2016", "2016"),
        ("June", "2016-06"),
    ]
    # in its own sentence the guess still places what follows it
    assert _document_values(["会议于2019年召开。", "下一次会议将于明年3月举行。"], "zh") == [
        ("2019年", "2019"),
        ("明年", "2020"),
        ("3月", "2020-03"),
    ]


@pytest.mark.parametrize(
    "text", ["他在 18 年前搬到了河滨教堂。", "他在18年前搬到了河滨教堂。", "他 3 个月前辞职了。"]
)
def test_chinese_years_ago_with_or_without_a_space_counts_from_the_moment_of_writing(text):
    """``18 年前`` ("18 years ago") is a deictic offset, spaced or not: it is found, and it is
    no date a later event could borrow."""
    from pipeline.dates import is_deictic

    found = find_times(text, "zh")
    assert len(found) == 1 and "前" in found[0].text
    assert is_deictic(found[0].text, "zh")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "This afternoon friends arrived where she was found this morning.",
            "en",
            ["This afternoon", "this morning"],
        ),
        ("He spoke last night.", "en", ["last night"]),
        (
            "Šajā pēcpusdienā draugi ieradās vietā, kur viņa šorīt tika atrasta.",
            "lv",
            ["Šajā pēcpusdienā", "šorīt"],
        ),
        ("Vakar vakarā lija.", "lv", ["Vakar vakarā"]),
        ("朋友今天下午抵达现场，她今晨被发现。昨晚下雨。", "zh", ["今天", "今晨", "昨晚"]),
    ],
)
def test_parts_of_today_and_last_night_are_deictic_days(text, lang, expected):
    """A part of the day of writing dates a sentence (so a happening in it is found) but, with
    no dateline, gives no interval an event could carry."""
    from pipeline.dates import is_deictic

    found = find_times(text, lang)
    assert [f.text for f in found] == expected
    assert all(is_deictic(f.text, lang) and f.resolved.value == "XXXX-XX-XX" for f in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018年前三季度增长了 5%。", [("2018年", "2018")]),
        ("在 2016 年前往北京。", [("2016 年", "2016")]),
        ("100 年前这里是一片森林。", [("100 年前", "XXXX")]),
    ],
)
def test_a_chinese_year_before_qian_is_a_year_not_years_ago(text, expected):
    """``2018年前三季度`` is "the first three quarters of 2018" and ``2016 年前往`` "in 2016 went
    to": a four-digit number before ``年前`` is a year; up to three digits count years back."""
    assert _values(text, "zh") == expected
