"""Event mentions from hand-made documents, then their alignment across languages."""

import pytest

from pipeline.align.cluster import entity_records
from pipeline.align.events import align_events
from pipeline.events.extract import extract_events
from pipeline.events.kinds import KINDS

from ..helpers.documents import make_doc


def corpus():
    en = make_doc(
        "gori_en.txt",
        "en",
        [
            "On 8 August 2008 Russian troops attacked Georgian positions in South Ossetia.",
            "Russian forces captured Gori on 13 August 2008.",
            "The town was then looted by irregular forces.",
            "Saakashvili signed the ceasefire agreement in Tbilisi.",
        ],
        {"South Ossetia": "LOC", "Gori": "LOC", "Saakashvili": "PER", "Tbilisi": "LOC"},
        {
            "8 August 2008": ("2008-08-08", "2008-08-08", "day"),
            "13 August 2008": ("2008-08-13", "2008-08-13", "day"),
        },
    )
    lv = make_doc(
        "gori_lv.txt",
        "lv",
        ["Krievijas spēki 2008. gada 13. augustā ieņēma Gori un virzījās uz rietumiem."],
        {"Krievijas": "LOC", "Gori": "LOC"},
        {"2008. gada 13. augustā": ("2008-08-13", "2008-08-13", "day")},
    )
    zh = make_doc(
        "gori_zh.txt",
        "zh",
        [
            "2008年8月13日，俄羅斯軍隊攻佔哥里。",
            "2008年8月15日，薩卡什維利在第比利斯簽署停火協議。",
        ],
        {"俄羅斯": "LOC", "哥里": "LOC", "薩卡什維利": "PER", "第比利斯": "LOC"},
        {
            "2008年8月13日": ("2008-08-13", "2008-08-13", "day"),
            "2008年8月15日": ("2008-08-15", "2008-08-15", "day"),
        },
    )
    for doc in (en, lv, zh):
        doc.events = extract_events(doc)
    return [en, lv, zh]


def test_event_mentions_have_kind_interval_and_entities():
    en = corpus()[0]
    kinds = [e.kind for e in en.events]
    assert kinds == ["armed_clash", "capture", "ceasefire_agreement"]
    assert all(e.kind in KINDS for e in en.events)
    capture = en.events[1]
    assert (capture.interval.start, capture.interval_inherited) == ("2008-08-13", False)
    assert [en.mentions[i].text for i in capture.mentions] == ["Gori"]
    assert capture.text == en.text[capture.start : capture.end]


def test_sentence_without_date_inherits_the_narrative_date():
    ceasefire = corpus()[0].events[2]
    assert ceasefire.interval.start == "2008-08-13"
    assert ceasefire.interval_inherited is True


def test_sentence_without_trigger_is_no_event():
    en = corpus()[0]
    assert not any("looted" in e.text for e in en.events)


def test_a_short_chinese_sentence_reports_its_happening():
    """Chinese packs a word into one or two characters: a nine-character sentence is a whole
    report (``1995年，总统辞职。``), though an English one that short would be a fragment."""
    year = ("1995-01-01", "1995-12-31", "year")
    june = ("1995-06-01", "1995-06-30", "month")
    # The second "sentence" (four characters) is a fragment: too short even for Chinese.
    zh = make_doc(
        "short_zh.txt", "zh", ["1995年，总统辞职。", "6月辞职"], {}, {"1995年": year, "6月": june}
    )
    assert [e.text for e in extract_events(zh)] == ["1995年，总统辞职。"]


@pytest.fixture(scope="module")
def aligned():
    docs = corpus()
    entities, mention_entity = entity_records(docs)
    labels = {e["id"]: e["label"] for e in entities}
    ids = {e["id"]: e["ids"] for e in entities}
    return docs, align_events(docs, mention_entity, labels, ids)


def test_capture_of_gori_is_one_event_in_three_languages(aligned):
    _, records = aligned
    capture = [r for r in records if r["kind"] == "capture"]
    assert len(capture) == 1
    event = capture[0]
    assert event["langs"] == ["en", "lv", "zh"]
    assert event["interval"] == {"start": "2008-08-13", "end": "2008-08-13"}
    assert event["place"] is not None and event["evidence"]
    assert {m["lang"] for m in event["mentions"]} == {"en", "lv", "zh"}


def test_differently_dated_events_are_not_merged(aligned):
    _, records = aligned
    ceasefires = [r for r in records if r["kind"] == "ceasefire_agreement"]
    # en inherits 13 August, zh says 15 August: the intervals do not overlap.
    assert len(ceasefires) == 2


def test_event_records_follow_the_contract(aligned):
    docs, records = aligned
    texts = {d.doc_id: d.text for d in docs}
    for r in records:
        assert r["id"].startswith("evt_") and r["type"] == "event"
        assert r["kind"] in KINDS
        assert r["langs"] == sorted({m["lang"] for m in r["mentions"]})
        for m in r["mentions"]:
            assert texts[m["doc"]][m["start"] : m["end"]] == m["text"]
