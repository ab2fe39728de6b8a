"""A deictic time expression swallowed by a name is cut out of it (real dates stage), and the NER
stage runs after the dates stage that gives it the times."""

from __future__ import annotations

import pytest

from pipeline.dates import extract_times
from pipeline.ner.stage import cut_deictic_times
from pipeline.records import AnalyzedDocument, Mention, Segment
from pipeline.settings import Settings
from pipeline.stages import document_stages


def _cut(sentence: str, lang: str, surface: str) -> list[str]:
    doc = AnalyzedDocument("d", "d.txt", "0", "utf-8", sentence, sentence, lang=lang)
    doc.sentences = [Segment(0, len(sentence), lang)]
    start = sentence.index(surface)
    mention = Mention(start, start + len(surface), surface, "PER", lang, 0)
    kept = cut_deictic_times(sentence, [mention], extract_times(doc))
    assert all(m.text == sentence[m.start : m.end] for m in kept)
    return [m.text for m in kept]


@pytest.mark.parametrize(
    ("sentence", "lang", "surface", "expected"),
    [
        ("周日勒布朗在圣地亚哥首次亮相。", "zh", "周日勒布朗", ["勒布朗"]),
        ("Rangers 星期四以一比零获胜。", "zh", "Rangers 星期四以", ["Rangers"]),
        ("On Sunday Ayr beat Hawick.", "en", "Sunday Ayr", ["Ayr"]),
        ("Vakar Rīga svinēja.", "lv", "Vakar Rīga", ["Rīga"]),
        ("Gājiens notika 11. novembra krastmalā.", "lv", "11. novembra krastmalā", ["11. novembra krastmalā"]),
        ("1990年勒布朗出生。", "zh", "勒布朗", ["勒布朗"]),  # untouched: no overlap
        ("他们周日见面。", "zh", "周日", []),  # all time: dropped
    ],
)  # fmt: skip
def test_deictic_times_are_cut_out_of_names(sentence, lang, surface, expected):
    assert _cut(sentence, lang, surface) == expected


def test_ner_runs_after_the_dates_stage_it_uses():
    names = [s.name for s in document_stages(Settings())]
    assert names.index("dates") < names.index("ner")


def test_a_stage_runs_after_the_enabled_providers_of_what_it_uses():
    from pipeline.stages.base import DocumentStage
    from pipeline.stages.registry import BASE_FIELDS, _order

    class Reader(DocumentStage):
        name = "a_reader"  # first by name: only `uses` can put it after the writer
        version = "1"
        uses = ("extra",)

    class Writer(DocumentStage):
        name = "z_writer"
        version = "1"
        provides = ("extra",)

    stages = {"a_reader": Reader, "z_writer": Writer}
    assert _order(stages, None, set(BASE_FIELDS)) == [Writer, Reader]
    assert _order(stages, ("a_reader",), set(BASE_FIELDS)) == [Reader]
