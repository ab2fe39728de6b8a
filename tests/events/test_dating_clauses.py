"""Event dates (own clause date, paragraph narrative date, undated), boilerplate lines, several
happenings in one sentence, and within-document coreference."""

from pipeline.align.events import align_events, numbers
from pipeline.events.extract import extract_events
from pipeline.records import TimeExpression

from ..helpers.documents import make_doc


def unplaced(doc, surface: str, value: str) -> None:
    """Add an unplaced time expression (a weekday or a date without a year)."""
    at = doc.text.index(surface)
    sentence = max(i for i, s in enumerate(doc.sentences) if s.start <= at)
    doc.times.append(
        TimeExpression(
            at, at + len(surface), surface, value, None, "day", False, doc.lang, sentence
        )
    )
    doc.times.sort(key=lambda t: t.start)


def test_unplaced_own_date_gives_null_not_the_previous_interval():
    doc = make_doc(
        "unplaced_en.txt",
        "en",
        [
            "Russian forces captured Gori on 13 August 2008.",
            "Protesters held a rally in Tbilisi on 23 February.",
        ],
        {"Gori": "LOC", "Tbilisi": "LOC"},
        {"13 August 2008": ("2008-08-13", "2008-08-13", "day")},
    )
    unplaced(doc, "23 February", "XXXX-02-23")
    rally = [e for e in extract_events(doc) if e.kind == "protest_movement"][0]
    assert rally.interval is None and rally.interval_inherited is False


def test_narrative_date_only_from_the_same_paragraph_and_nearby():
    doc = make_doc(
        "paragraphs_en.txt",
        "en",
        [
            "The war began in 1992.",
            "Serbian forces captured Vukovar.",
            "Much later, volunteers protested in Zagreb.",
        ],
        {"Vukovar": "LOC", "Zagreb": "LOC"},
        {"1992": ("1992-01-01", "1992-12-31", "year")},
    )
    doc.sentences[2].paragraph = 1  # a new paragraph
    events = {e.kind: e for e in extract_events(doc)}
    assert events["capture"].interval.start == "1992-01-01"
    assert events["capture"].interval_inherited is True
    assert events["protest_movement"].interval is None  # other paragraph: undated beats wrong


def test_narrative_date_not_inherited_from_far_away():
    sentences = ["In 1867 the society was founded in Riga."]
    sentences += [f"The society had {n} members." for n in range(10, 15)]
    sentences += ["Volunteers protested in Riga."]
    doc = make_doc(
        "far_en.txt", "en", sentences, {"Riga": "LOC"},
        {"1867": ("1867-01-01", "1867-12-31", "year")},
    )  # fmt: skip
    protest = [e for e in extract_events(doc) if e.kind == "protest_movement"][0]
    assert protest.interval is None


def test_a_happening_told_in_a_quotation_takes_no_date_from_the_words_around_it():
    doc = make_doc(
        "quoted_en.txt",
        "en",
        [
            "Fighting resumed in Tskhinvali in 2008.",
            '"We captured the bridge at Gori," said Giorgi Lomidze in 2014 in Tbilisi.',
            '"In 2008 we captured Gori," said Giorgi Lomidze in 2014.',
        ],
        {"Tskhinvali": "LOC", "Gori": "LOC", "Tbilisi": "LOC", "Giorgi Lomidze": "PER"},
        {
            "2008": ("2008-01-01", "2008-12-31", "year"),
            "2014": ("2014-01-01", "2014-12-31", "year"),
        },
    )
    captures = [e for e in extract_events(doc) if e.kind == "capture"]
    # the speaker's year is not the capture's, nor is the year before
    assert captures[0].interval is None and captures[0].interval_inherited is False
    # a date inside the quotation is the happening's own
    assert captures[1].interval.start == "2008-01-01"


def test_a_sentence_that_quotes_a_speaker_reports_the_narrators_happening():
    doc = make_doc(
        "quoted_win_en.txt",
        "en",
        [
            '"We won at Brookline," said Bjorn after watching Europe win in 2018 at Le Golf National.'
        ],
        {"Brookline": "LOC", "Bjorn": "PER", "Europe": "LOC", "Le Golf National": "LOC"},
        {"2018": ("2018-01-01", "2018-12-31", "year")},
    )
    (event,) = extract_events(doc)
    # the win the narrator tells, dated by its own year; not the quoted one, undated
    assert event.trigger == "win"
    assert event.interval is not None and event.interval.start == "2018-01-01"


def test_boilerplate_lines_hold_no_events():
    doc = make_doc(
        "boiler_en.txt",
        "en",
        [
            "Soldiers attacked the village of Khojaly on 26 February 1992.",
            "Copyright 1998-2025 Example News, all rights reserved, founded in 1998 in London.",
        ],
        {"Khojaly": "LOC", "London": "LOC", "Example News": "ORG"},
        {"26 February 1992": ("1992-02-26", "1992-02-26", "day")},
    )
    events = extract_events(doc)
    assert [e.kind for e in events] == ["armed_clash"]


def test_two_happenings_in_one_sentence_are_two_mentions():
    doc = make_doc(
        "accession_en.txt",
        "en",
        ["Latvia joined NATO on 29 March 2004 and the EU on 1 May 2004."],
        {"Latvia": "LOC", "NATO": "ORG", "EU": "ORG"},
        {
            "29 March 2004": ("2004-03-29", "2004-03-29", "day"),
            "1 May 2004": ("2004-05-01", "2004-05-01", "day"),
        },
    )
    events = extract_events(doc)
    assert [e.kind for e in events] == ["recognition_membership"] * 2
    assert [e.interval.start for e in events] == ["2004-03-29", "2004-05-01"]
    assert "NATO" in events[0].text and "EU" not in events[0].text
    assert events[1].text.endswith("1 May 2004.") or events[1].text.endswith("1 May 2004")
    for e in events:
        assert doc.text[e.start : e.end] == e.text


def test_a_clause_that_says_the_happening_took_place_is_no_second_mention():
    """``notika`` / ``took place`` after another trigger of the sentence dates that happening;
    alone in a sentence it reports one."""
    doc = make_doc(
        "took_place_lv.txt",
        "lv",
        [
            "Forda apsūdzēja Kaveno ceturtdien par uzbrukumu, kas, kā viņa apgalvo, notika"
            " 1982. gadā.",
            "Ceremonija notika Rīgā 2018. gadā.",
        ],
        {"Forda": "PER", "Kaveno": "PER", "Rīgā": "LOC"},
        {
            "1982. gadā": ("1982-01-01", "1982-12-31", "year"),
            "2018. gadā": ("2018-01-01", "2018-12-31", "year"),
        },
    )
    unplaced(doc, "ceturtdien", "XXXX-WXX-4")
    events = extract_events(doc)
    assert [e.sentence for e in events] == [0, 1]
    assert events[0].text.endswith("1982. gadā.") and events[0].trigger != "notika"
    assert events[1].trigger == "notika"
    assert events[1].interval is not None and events[1].interval.start == "2018-01-01"


def test_two_kinds_in_one_sentence_are_two_mentions():
    doc = make_doc(
        "attack_capture_en.txt",
        "en",
        ["Georgian troops attacked Tskhinvali on 7 August 2008; Russian forces captured Gori."],
        {"Tskhinvali": "LOC", "Gori": "LOC"},
        {"7 August 2008": ("2008-08-07", "2008-08-07", "day")},
    )
    events = extract_events(doc)
    assert [e.kind for e in events] == ["armed_clash", "capture"]
    # the second clause has no date of its own: the sentence's earlier date is its narrative one
    assert events[1].interval.start == "2008-08-07" and events[1].interval_inherited


def test_numbers_are_normalized():
    assert numbers("14,000 people and 14 000 more, 2.5%") == {"14000", "2.5"}


def test_a_repeated_page_is_one_record_per_event():
    lines = [
        "Air Niugini flight crashed into a lagoon near Chuuk airport, and 47 passengers survived.",
        "US Navy sailors rescued the passengers and crew.",
    ]
    doc = make_doc(
        "repeat_en.txt",
        "en",
        lines + ["Home | News | Sport"] + lines,
        {"Air Niugini": "ORG", "Chuuk": "LOC", "US Navy": "ORG"},
    )
    doc.events = extract_events(doc)
    assert len(doc.events) == 4
    records = align_events([doc], {})
    assert len(records) == 2
    for r in records:
        assert len(r["mentions"]) == 2
        assert r["evidence"][0]["rule"] == "within_document"


def test_a_happening_told_after_until_borrows_no_earlier_date():
    """``until`` (``līdz``, ``直到``) begins what ended a state told before it: a later
    happening, which the date of the clause before does not date."""
    cases = [
        (
            "en",
            "Trump met Varela in Panama in June 2017 and had a hotel there until partners "
            "evicted his team.",
            "June 2017",
            ("2017-06-01", "2017-06-30", "month"),
            "evicted",
        ),
        (
            "lv",
            "Tramps 2017. gada jūnijā tikās ar Varelu Panamā, līdz partneri izlika aiz durvīm "
            "viņa komandu.",
            "2017. gada jūnijā",
            ("2017-06-01", "2017-06-30", "month"),
            "izlika aiz durvīm",
        ),
        (
            "zh",
            "2017年6月，特朗普在巴拿马与瓦雷拉会晤，直到伙伴驱逐了他的团队。",
            "2017年6月",
            ("2017-06-01", "2017-06-30", "month"),
            "驱逐",
        ),
    ]
    for lang, sentence, when, interval, trigger in cases:
        doc = make_doc(f"until_{lang}.txt", lang, [sentence], {}, {when: interval})
        events = {e.trigger: e for e in extract_events(doc)}
        assert events[trigger].interval is None, (lang, events)
        dated = [e for t, e in events.items() if t != trigger]
        assert dated and all(e.interval is not None for e in dated), (lang, events)


def test_a_time_after_before_bounds_the_happening_and_does_not_date_it():
    """``before the 2016 election`` (``pirms … vēlēšanām``, ``大选前``): the happening came before
    2016; that time dates the election the phrase names, not the capture."""
    cases = [
        ("en", "The rebels captured the town before the 2016 election.", "2016"),
        ("lv", "Nemiernieki ieņēma pilsētu pirms 2016. gada vēlēšanām.", "2016. gada"),
        ("zh", "叛军在2016年大选前占领了该镇。", "2016年"),
    ]
    year = ("2016-01-01", "2016-12-31", "year")
    for lang, sentence, when in cases:
        doc = make_doc(f"bound_{lang}.txt", lang, [sentence], {}, {when: year})
        events = {e.kind: e for e in extract_events(doc)}
        assert events["capture"].interval is None, (lang, events)
        assert events["capture"].interval_inherited is False
        if "declaration_vote" in events:  # the election itself
            assert events["declaration_vote"].interval is not None
    doc = make_doc(
        "bound_none.txt", "en", ["The rebels captured the town in 2016."], {}, {"2016": year}
    )
    assert extract_events(doc)[0].interval is not None
