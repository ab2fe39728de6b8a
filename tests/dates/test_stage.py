"""The dates stage on real documents: records are consistent with the text, intervals are valid
calendar intervals, relatives anchor in text order, and nothing depends on the clock."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from dataclasses import asdict

import pytest

from pipeline.analyze import corpus_file, prepare_document
from pipeline.dates import extract_times
from pipeline.dates.stage import DatesStage
from pipeline.records import AnalyzedDocument, Segment

ISO = r"^-?\d{4}-\d{2}-\d{2}$"


def _doc(text: str, langs: list[tuple[str, str]]) -> AnalyzedDocument:
    """A document whose sentences are the given (sentence, lang) pairs joined by spaces."""
    sentences, pos = [], 0
    for sentence, lang in langs:
        start = text.index(sentence, pos)
        sentences.append(Segment(start, start + len(sentence), lang))
        pos = start + len(sentence)
    return AnalyzedDocument("d", "d.txt", "0", "utf-8", text, text, sentences=sentences)


def test_anchoring_follows_text_order_across_sentences_and_languages():
    parts = [
        ("The war began in 1991.", "en"),
        ("Nākamajā gadā notika kaujas.", "lv"),
        ("同年9月雙方停火。", "zh"),
        ("Ceci est une phrase de 1850.", "fr"),
    ]
    text = " ".join(p for p, _ in parts)
    times = extract_times(_doc(text, parts))
    assert [(t.text, t.value, t.anchored, t.sentence) for t in times] == [
        ("1991", "1991", False, 0),
        ("Nākamajā gadā", "1992", True, 1),
        ("同年9月", "1992-09", True, 2),
    ]
    assert all(text[t.start : t.end] == t.text for t in times)


def test_noise_blanked_in_the_analysis_view_is_not_read():
    text = "In 1994 [12] it ended."
    doc = _doc(text, [(text, "en")])
    doc.analysis_text = text.replace("[12]", "    ")
    assert [t.text for t in extract_times(doc)] == ["1994"]


@pytest.fixture(scope="module")
def seed_docs():
    from pipeline.settings import PROJECT_ROOT, load_settings

    settings = load_settings()
    corpora = PROJECT_ROOT / "corpora"
    return [
        prepare_document(corpus_file(p, corpora), settings) for p in sorted(corpora.glob("*.txt"))
    ]


def _run_stage(docs) -> str:
    stage = DatesStage.__new__(DatesStage)
    out = []
    for doc in docs:
        stage.process(doc)
        out.append([asdict(t) for t in doc.times])
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


class _FrozenClock:
    """Moves every clock the standard library offers to ``day`` (``date.today``, ``datetime.now``,
    ``time.time``), in the ``datetime`` module and in every loaded ``pipeline`` module."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
        stamp = dt.datetime(day.year, day.month, day.day, 12, 0, 0).timestamp()

        class FakeDate(dt.date):
            @classmethod
            def today(cls):
                return cls(day.year, day.month, day.day)

        class FakeDateTime(dt.datetime):
            @classmethod
            def now(cls, tz=None):
                return cls(day.year, day.month, day.day, 12, 0, 0, tzinfo=tz)

            @classmethod
            def today(cls):
                return cls(day.year, day.month, day.day, 12, 0, 0)

            @classmethod
            def utcnow(cls):
                return cls(day.year, day.month, day.day, 12, 0, 0)

        monkeypatch.setattr(dt, "date", FakeDate)
        monkeypatch.setattr(dt, "datetime", FakeDateTime)
        monkeypatch.setattr(time, "time", lambda: stamp)
        monkeypatch.setattr(time, "time_ns", lambda: int(stamp * 1e9))
        for name, module in list(sys.modules.items()):
            if not name.startswith("pipeline") or module is None:
                continue
            for attr, value in list(vars(module).items()):
                if value is dt.date.__mro__[1]:
                    monkeypatch.setattr(module, attr, FakeDate)
                elif value is dt.datetime.__mro__[1]:
                    monkeypatch.setattr(module, attr, FakeDateTime)


def test_output_is_identical_on_two_different_days(seed_docs, monkeypatch):
    with monkeypatch.context() as m:
        _FrozenClock(m, dt.date(2001, 1, 1))
        assert dt.date.today() == dt.date(2001, 1, 1)
        first = _run_stage(seed_docs)
    with monkeypatch.context() as m:
        _FrozenClock(m, dt.date(2039, 7, 15))
        assert dt.date.today() == dt.date(2039, 7, 15)
        second = _run_stage(seed_docs)
    assert first == second
    assert len(json.loads(first)[0]) > 50


def test_seed_records_are_consistent(seed_docs):
    import re

    _run_stage(seed_docs)
    langs = set()
    for doc in seed_docs:
        assert doc.times, doc.path
        previous = -1
        for t in doc.times:
            assert doc.text[t.start : t.end] == t.text
            assert t.start >= previous
            previous = t.start
            assert doc.sentences[t.sentence].start <= t.start
            langs.add(t.lang)
            if t.interval is not None:
                assert re.match(ISO, t.interval.start) and re.match(ISO, t.interval.end)
                assert _key(t.interval.start) <= _key(t.interval.end)
                for value in (t.interval.start, t.interval.end):
                    y, m, d = _parts(value)
                    dt.date(2000 if y <= 0 else y, m, d)  # a real calendar day
            if t.granularity == "duration":
                assert t.interval is None and t.value.startswith("P")
    assert {"lv", "en", "zh"} <= langs


def _parts(value: str) -> tuple[int, int, int]:
    sign = -1 if value.startswith("-") else 1
    y, m, d = value.lstrip("-").split("-")
    return sign * int(y), int(m), int(d)


def _key(value: str) -> tuple[int, int, int]:
    return _parts(value)


def test_stage_is_registered_with_its_contract():
    from pipeline.settings import load_settings
    from pipeline.stages import document_stages

    stages = {s.name: s for s in document_stages(load_settings())}
    stage = stages["dates"]
    assert stage.provides == ("times",) and stage.requires == ("sentences",)
    assert stage.version and stage.cache_token()


def test_sentences_in_languages_without_a_grammar_are_skipped():
    text = "Das geschah am 12. Mai 1994. It ended in 1994."
    parts = [("Das geschah am 12. Mai 1994.", "de"), ("It ended in 1994.", "en")]
    times = extract_times(_doc(text, parts))
    assert [(t.text, t.sentence) for t in times] == [("1994", 1)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("2019. gada 31. februārī", "lv", [("2019. gada", "2019"), ("februārī", "2019-02")]),
        ("2020年2月30日", "zh", [("2020年", "2020"), ("2月", "2020-02")]),
        (
            "In 1991. On 29 February the city fell.",
            "en",
            [("1991", "1991"), ("29 February", "XXXX-02-29")],
        ),
        ("from 2010 to 2005", "en", [("2010", "2010"), ("2005", "2005")]),
        ("0年", "zh", []),
    ],
)
def test_impossible_dates_are_never_emitted(text, lang, expected):
    from pipeline.dates import find_times

    found = find_times(text, lang)
    assert [(f.text, f.resolved.value) for f in found] == expected
