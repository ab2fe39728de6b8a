"""Boundary model: a character-level model's names lengthen the main model's names cut short."""

from __future__ import annotations

import pytest

from pipeline.ner.base import Span, resolve_boundary_model
from pipeline.ner.boundaries import extend_cut_names
from pipeline.settings import Settings


def _spans(*items: tuple[int, int, str]) -> list[Span]:
    return [Span(a, b, label) for a, b, label in items]


@pytest.mark.parametrize(
    ("main", "boundary", "expected"),
    [
        # cut short at the end (piece 特在 glued the last character to the next word)
        ([(0, 5, "LOC")], [(0, 6, "LOC")], [(0, 6, "LOC")]),
        # cut short at the start
        ([(2, 5, "PER")], [(1, 5, "PER")], [(1, 5, "PER")]),
        # the boundary model disagrees on the type: the main span stays
        ([(0, 5, "LOC")], [(0, 6, "ORG")], [(0, 5, "LOC")]),
        # the boundary model's span is shorter or shifted: the main span stays
        ([(0, 6, "LOC")], [(0, 5, "LOC")], [(0, 6, "LOC")]),
        ([(0, 5, "LOC")], [(1, 6, "LOC")], [(0, 5, "LOC")]),
        # equal spans: nothing to do
        ([(0, 5, "LOC")], [(0, 5, "LOC")], [(0, 5, "LOC")]),
        # two boundary spans over one main span: ambiguous, the main span stays
        ([(0, 6, "ORG")], [(0, 3, "ORG"), (3, 8, "ORG")], [(0, 6, "ORG")]),
        # one boundary span over two main spans: widening would make them overlap
        ([(0, 2, "LOC"), (3, 5, "LOC")], [(0, 6, "LOC")], [(0, 2, "LOC"), (3, 5, "LOC")]),
        # the boundary model's other names are not added
        ([(0, 2, "PER")], [(0, 3, "PER"), (5, 8, "LOC")], [(0, 3, "PER")]),
        ([], [(5, 8, "LOC")], []),
    ],
)
def test_extend_cut_names_case_table(main, boundary, expected):
    got = extend_cut_names(_spans(*main), _spans(*boundary))
    assert [(s.start, s.end, s.label) for s in got] == expected


def test_widened_span_keeps_its_score_and_source():
    got = extend_cut_names([Span(0, 5, "LOC", 0.9, "model")], [Span(0, 6, "LOC")])
    assert got == [Span(0, 6, "LOC", 0.9, "model")]


@pytest.mark.parametrize(
    ("settings", "lang", "expected"),
    [
        (Settings(ner_profile="accurate"), "zh", "ner-zh-spacy"),
        (Settings(ner_profile="accurate"), "lv", None),
        (Settings(ner_profile="accurate"), "en", None),
        (Settings(ner_profile="fast"), "zh", None),
        # a user's own zh backend gets no boundary model it was not measured with
        (Settings(ner_profile="accurate", ner_backends={"zh": "spacy"}), "zh", None),
    ],
)
def test_boundary_model_choice(settings, lang, expected):
    helper = resolve_boundary_model(lang, settings)
    if expected is None:
        assert helper is None
    else:
        assert helper is not None and helper[0] == "spacy" and helper[1].endswith(expected)


@pytest.mark.model
@pytest.mark.slow
def test_accurate_zh_spans_only_widen_to_the_fast_models_names():
    """With the shipped models: the boundary model changes no label and adds or removes no name;
    a span it changes becomes exactly a same-label name of the fast zh model that contains it."""
    from pipeline.ner.base import get_backend
    from pipeline.ner.stage import recognize_sentences

    sentences = [
        "亚美尼亚总统谢尔日·萨尔基相抵达斯捷潘纳克特。",
        "阿塞拜疆总统伊利哈姆·阿利耶夫在巴库发表讲话。",
        "人民日报记者从北京大学获悉，张晓明教授当选院士。",
        "纳戈尔诺-卡拉巴赫战争于1988年爆发。",
        "他于1998年毕业于西南农业大学畜牧兽医专业。",  # e5 alone stops at 大学
    ]
    settings = Settings(ner_profile="accurate")
    alone = recognize_sentences(sentences, "zh", settings, False, use_boundary_model=False)
    joint = recognize_sentences(sentences, "zh", settings, False)
    fast = get_backend(*resolve_boundary_model("zh", settings)).recognize(sentences, "zh")
    assert any(alone)
    widened = 0
    for before, after, names in zip(alone, joint, fast, strict=True):
        assert len(before) == len(after)
        for a, b in zip(before, after, strict=True):
            assert a.label == b.label
            if (a.start, a.end) != (b.start, b.end):
                assert b.start <= a.start and a.end <= b.end
                assert any((n.start, n.end, n.label) == (b.start, b.end, b.label) for n in names)
                widened += 1
    assert widened >= 1
