"""The cross-lingual gold sets are well formed and large enough (benchmarks/gold/)."""

from collections import defaultdict

from benchmarks.xling_gold import document_paths, gold_events, gold_names
from pipeline.events.kinds import KINDS


def test_entity_gold_has_60_cross_lingual_entities_whose_names_occur():
    texts = "\n".join(p.read_text(encoding="utf-8") for p, _ in document_paths())
    langs = defaultdict(set)
    for name in gold_names():
        assert name.lang in {"lv", "en", "zh"} and name.label in {"PER", "LOC", "ORG"}
        assert name.surface in texts, name
        langs[name.entity].add(name.lang)
    assert sum(1 for ls in langs.values() if len(ls) >= 2) >= 60


def test_event_gold_has_25_cross_lingual_events_whose_snippets_occur():
    texts = {p.name: p.read_text(encoding="utf-8") for p, _ in document_paths()}
    langs = defaultdict(set)
    for e in gold_events():
        assert e.kind in KINDS
        assert e.snippet in texts[e.doc], e
        assert len(e.date.split("-")) in (1, 2, 3)
        langs[e.event].add(e.lang)
    assert sum(1 for ls in langs.values() if len(ls) >= 2) >= 25
