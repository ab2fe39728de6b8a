"""Event dates from the real date stage, per language (issue 16): an explicit year beats an
anchored "the following year" in the same clause; deictic expressions ("yesterday", "last year",
a weekday) date nothing without a dateline; a number of people is no year; a duration is looked
through; a decade is no narrative date of a later sentence; a sentence's own earlier date, placed
or not, comes before the paragraph's."""

from __future__ import annotations

import pytest

from pipeline.dates import extract_times, is_deictic
from pipeline.events.extract import extract_events

from ..helpers.documents import make_doc

# (lang, sentences, names, kind (None: any), expected interval start or None, inherited)
CASES = [
    # an explicit year beats "the following year" in the same clause
    ("en", ["The war began in 1991.", "The following year, in 1993, the army captured Agdam."],
     {"Agdam": "LOC"}, "capture", "1993-01-01", False),
    ("lv", ["Karš sākās 1991. gadā.", "Nākamajā gadā, 1993. gadā, armija ieņēma Agdamu."],
     {"Agdamu": "LOC"}, "capture", "1993-01-01", False),
    ("zh", ["战争于1991年爆发。", "次年，即1993年，军队占领了阿格达姆。"],
     {"阿格达姆": "LOC"}, "capture", "1993-01-01", False),
    # deictic expressions without a dateline: undated, not the narrative year
    ("en", ["The war began in 1991.", "Yesterday rebels attacked the village of Khojaly."],
     {"Khojaly": "LOC"}, "armed_clash", None, False),
    ("en", ["Daley met Black in 2013.", "Last year Daley married Black in Devon."],
     {"Daley": "PER", "Black": "PER", "Devon": "LOC"}, "other", None, False),
    ("lv", ["Karš sākās 1991. gadā.", "Vakar nemiernieki uzbruka Hodžali ciemam."],
     {"Hodžali": "LOC"}, "armed_clash", None, False),
    ("lv", ["Karš sākās 1991. gadā.", "Pagājušajā gadā policija arestēja Agdamas mēru."],
     {"Agdamas": "LOC"}, "other", None, False),
    ("zh", ["战争于1991年爆发。", "昨天叛军袭击了霍贾利村。"],
     {"霍贾利": "LOC"}, "armed_clash", None, False),
    ("zh", ["战争于1991年爆发。", "去年警方在巴库逮捕了市长。"],
     {"巴库": "LOC"}, "other", None, False),
    # a count of people is no year: the sentence inherits the narrative date
    ("en", ["The war began in 1991.", "Police in Baku arrested 1500 protesters."],
     {"Baku": "LOC"}, None, "1991-01-01", True),
    ("lv", ["Karš sākās 1991. gadā.", "Policija Baku arestēja 1500 protestētāju."],
     {"Baku": "LOC"}, None, "1991-01-01", True),
    ("zh", ["战争于1991年爆发。", "警方在巴库逮捕了1500名抗议者。"],
     {"巴库": "LOC"}, None, "1991-01-01", True),
    # a duration is no date of the happening: looked through
    ("en", ["The war began in 1991.", "The siege of Stepanakert lasted for three years."],
     {"Stepanakert": "LOC"}, "armed_clash", "1991-01-01", True),
    ("lv", ["Karš sākās 1991. gadā.", "Stepanakertas aplenkums ilga trīs gadus."],
     {"Stepanakertas": "LOC"}, "armed_clash", "1991-01-01", True),
    ("zh", ["战争于1991年爆发。", "三年来，叛军一直袭击斯捷潘纳克特。"],
     {"斯捷潘纳克特": "LOC"}, "armed_clash", "1991-01-01", True),
    # a decade dates its own clause only
    ("en", ["She says Smith assaulted her in the 1980s.", "The FBI opened an investigation in Ohio."],
     {"Smith": "PER", "FBI": "ORG", "Ohio": "LOC"}, "other", None, False),
    ("zh", ["她指控史密斯在 1980 年代实施袭击。", "联邦调查局在俄亥俄展开调查。"],
     {"史密斯": "PER", "俄亥俄": "LOC"}, "other", None, False),
    # the sentence's own earlier date (here unplaced) comes before the paragraph's
    ("en", ["The war began in 1991.",
            "On Friday senators met in Washington, and the FBI opened an investigation."],
     {"Washington": "LOC", "FBI": "ORG"}, "other", None, False),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "sentences", "names", "kind", "start", "inherited"), CASES)
def test_event_date_cases(lang, sentences, names, kind, start, inherited):
    doc = make_doc(f"dating_{lang}.txt", lang, sentences, names)
    doc.times = extract_times(doc)
    last = len(sentences) - 1
    events = [e for e in extract_events(doc) if e.sentence == last and kind in (None, e.kind)]
    assert events, [(e.kind, e.trigger, e.sentence) for e in extract_events(doc)]
    event = events[-1]
    if start is None:
        assert event.interval is None
    else:
        assert event.interval is not None and event.interval.start == start
    assert event.interval_inherited is inherited


@pytest.mark.parametrize(
    ("text", "lang", "deictic"),
    [
        ("yesterday", "en", True),
        ("last week", "en", True),
        ("two years ago", "en", True),
        ("Friday", "en", True),
        ("the following year", "en", False),
        ("vakar", "lv", True),
        ("pagājušajā gadā", "lv", True),
        ("aizvadītajā nedēļā", "lv", True),
        ("iepriekšējā gadā", "lv", False),
        ("šajā mēnesī", "lv", True),
        ("šī gada", "lv", True),
        ("šonedēļ", "lv", True),
        ("tajā gadā", "lv", False),
        ("šajā pašā gadā", "lv", False),
        ("nākamajā gadā", "lv", False),
        ("去年", "zh", True),
        ("上个月", "zh", True),
        ("次年", "zh", False),
    ],
)
def test_deictic_expressions(text, lang, deictic):
    assert is_deictic(text, lang) is deictic
