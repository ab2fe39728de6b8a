"""Corpus name recall and the caches: the recalled mentions live in the cached corpus result, not in
the cached documents, and a warm run writes the KB a cold run writes, byte for byte."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path

from pipeline.build import finish_build
from pipeline.records import AnalyzedDocument
from pipeline.summary import BuildSummary

from ..helpers.documents import make_doc


def _documents() -> list[AnalyzedDocument]:
    """Three documents whose names only one language's tagger found (as if from the cache)."""
    en = make_doc(
        "en.txt",
        "en",
        ["Megvii told CBS that Face++ serves banks.", "The Boston Globe reported it too."],
        {"Megvii": "ORG", "CBS": "ORG", "Face++": "ORG", "Boston Globe": "ORG"},
    )
    zh = make_doc("zh.txt", "zh", ["旷视接受CBS采访时说，Face++服务银行。"], {"旷视": "ORG"})
    lv = make_doc(
        "lv.txt", "lv", ["Par to rakstīja Boston Globe un ziņoja CBS kanāls."], {"CBS": "ORG"}
    )
    return [en, zh, lv]


def _build(docs: list[AnalyzedDocument], settings) -> BuildSummary:
    summary = BuildSummary()
    finish_build(docs, [], settings, summary)
    return summary


def test_warm_run_writes_the_cold_kb_and_keeps_documents_as_found(
    tmp_path: Path, make_settings
) -> None:
    settings = make_settings(corpora_dir=tmp_path / "corpora")
    docs = _documents()
    cached = pickle.dumps(docs)  # what the per-document cache would hold
    cold = _build(docs, settings)
    assert "align" in cold.seconds
    cold_kb = settings.kb_path.read_bytes()
    assert pickle.dumps(docs) == cached  # the documents were not changed by the corpus step

    records = [json.loads(line) for line in cold_kb.decode("utf-8").splitlines()]
    recalled = [r for r in records if r["type"] == "mention" and r["source"] == "corpus"]
    assert sorted((r["lang"], r["text"]) for r in recalled) == [
        ("lv", "Boston Globe"),
        ("zh", "CBS"),
        ("zh", "Face++"),
    ]
    entities = {r["id"]: r for r in records if r["type"] == "entity"}
    by_text: dict[str, set[str]] = {}
    for r in records:
        if r["type"] == "mention":
            assert r["entity"] in entities
            by_text.setdefault(r["text"], set()).add(r["entity"])
    assert len(by_text["CBS"]) == 1 and len(by_text["Face++"]) == 1  # one entity, all languages
    # mentions of one document are written in text order, recalled ones among the others
    for doc in docs:
        starts = [r["start"] for r in records if r["type"] == "mention" and r["doc"] == doc.doc_id]
        assert starts == sorted(starts)

    # Warm: documents from the cache, the corpus result from the corpus cache, the KB rewritten
    # from them (its file removed, so the unchanged-KB shortcut does not apply).
    settings.kb_path.unlink()
    warm = _build(pickle.loads(cached), settings)
    assert "corpus-cache" in warm.seconds and "align" not in warm.seconds
    assert settings.kb_path.read_bytes() == cold_kb

    # and a build without any cache writes the same bytes
    scratch = make_settings(
        corpora_dir=tmp_path / "corpora", outputs_dir=tmp_path / "scratch", use_cache=False
    )
    _build(copy.deepcopy(pickle.loads(cached)), scratch)
    assert scratch.kb_path.read_bytes() == cold_kb


def test_a_corpus_entry_pickled_before_added_mentions_existed_is_a_miss(
    tmp_path: Path, make_settings
) -> None:
    from pipeline.ops.cache import DocumentCache
    from pipeline.stages.base import CorpusResult

    settings = make_settings(corpora_dir=tmp_path / "corpora")
    cache, docs = DocumentCache(settings), _documents()
    old = CorpusResult()
    del old.added_mentions  # the shape of a result written by an earlier version
    cache.store_corpus(docs, old)
    assert cache.load_corpus(docs) is None
    cache.store_corpus(docs, CorpusResult())
    assert isinstance(cache.load_corpus(docs), CorpusResult)
