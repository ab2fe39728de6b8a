"""Per-document cache: warm runs reuse results, and the KB stays byte-identical to a fresh build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.build import build_kb
from pipeline.settings import PROJECT_ROOT

STAGES = ("dates",)  # a real document stage that needs no trained model


def _scratch(make_settings, corpora: Path, name: str) -> bytes:
    """KB bytes of a build with the cache off, in its own outputs folder."""
    settings = make_settings(
        corpora_dir=corpora, outputs_dir=corpora.parent / name, stages=STAGES, use_cache=False
    )
    build_kb(settings)
    return settings.kb_path.read_bytes()


def test_warm_added_changed_removed_runs_match_a_fresh_build(small_corpus, make_settings) -> None:
    settings = make_settings(corpora_dir=small_corpus, stages=STAGES)
    cold = build_kb(settings)
    assert (cold.cached, cold.kb_unchanged) == (0, False)
    assert settings.kb_path.read_bytes() == _scratch(make_settings, small_corpus, "fresh0")

    warm = build_kb(settings)
    assert (warm.cached, warm.documents, warm.kb_unchanged) == (3, 3, True)
    assert set(warm.seconds) <= {"cache", "corpus-cache", "write", "report"}

    (small_corpus / "added.txt").write_text(
        "Tallinn is the capital of Estonia. The old town was founded in 1248.\n", "utf-8"
    )
    added = build_kb(settings)
    assert (added.cached, added.documents, added.kb_unchanged) == (3, 4, False)
    assert "langid" in added.seconds and "dates" in added.seconds
    assert settings.kb_path.read_bytes() == _scratch(make_settings, small_corpus, "fresh1")

    with (small_corpus / "lv_riga.txt").open("a", encoding="utf-8") as fh:
        fh.write("\nRīga tika dibināta 1201. gadā.\n")
    changed = build_kb(settings)
    assert changed.cached == 3  # the two untouched fixtures and added.txt
    assert settings.kb_path.read_bytes() == _scratch(make_settings, small_corpus, "fresh2")

    (small_corpus / "added.txt").unlink()
    removed = build_kb(settings)
    assert (removed.cached, removed.documents) == (3, 3)
    kb = settings.kb_path.read_text(encoding="utf-8")
    assert "added.txt" not in kb
    assert settings.kb_path.read_bytes() == _scratch(make_settings, small_corpus, "fresh3")
    summary = json.loads((settings.outputs_dir / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 3 and summary["cached"] == 3


def test_key_covers_stage_versions_settings_and_bytes(small_corpus, make_settings, monkeypatch):
    from pipeline.dates.stage import DatesStage
    from pipeline.ops.cache import DocumentCache

    settings = make_settings(corpora_dir=small_corpus, stages=STAGES)
    build_kb(settings)
    assert build_kb(settings).cached == 3
    # another stage set, another NER profile, another dates version: nothing is reused
    assert build_kb(make_settings(corpora_dir=small_corpus, stages=())).cached == 0
    profile = make_settings(corpora_dir=small_corpus, stages=STAGES, ner_profile="accurate")
    assert DocumentCache(profile).fingerprint != DocumentCache(settings).fingerprint
    monkeypatch.setattr(DatesStage, "version", DatesStage.version + "-changed")
    assert build_kb(settings).cached == 0
    monkeypatch.undo()
    # a renamed file with the same bytes is still a hit, under its new path
    (small_corpus / "zh_vilnius.txt").rename(small_corpus / "vilnius-renamed.txt")
    renamed = build_kb(settings)
    assert renamed.cached == 3
    assert '"path":"vilnius-renamed.txt"' in settings.kb_path.read_text(encoding="utf-8")
    assert settings.kb_path.read_bytes() == _scratch(make_settings, small_corpus, "fresh")


def test_corrupt_entries_and_edited_kb_are_rebuilt(small_corpus, make_settings) -> None:
    settings = make_settings(corpora_dir=small_corpus, stages=STAGES)
    build_kb(settings)
    expected = settings.kb_path.read_bytes()
    entries = sorted((settings.cache_dir / "documents").glob("*/*.pickle"))
    assert len(entries) == 3
    entries[0].write_bytes(b"not a pickle")
    (settings.cache_dir / "corpus.pickle").write_bytes(b"\x80\x05garbage")
    settings.kb_path.write_text("edited by hand\n", encoding="utf-8")
    again = build_kb(settings)
    assert (again.cached, again.kb_unchanged) == (2, False)
    assert settings.kb_path.read_bytes() == expected


def test_no_cache_setting_neither_reads_nor_writes(small_corpus, make_settings) -> None:
    settings = make_settings(corpora_dir=small_corpus, stages=STAGES, use_cache=False)
    build_kb(settings)
    assert build_kb(settings).cached == 0
    assert not settings.cache_dir.exists()


@pytest.mark.slow
def test_warm_run_on_the_seeds_runs_no_document_work(tmp_path: Path, make_settings):
    """A warm run reads every document from the cache: no ingest, language ID or document stage
    runs (its speed against a cold run is measured by ``benchmarks/ops_bench.py``, not here)."""
    corpora = tmp_path / "corpora"
    shutil.copytree(PROJECT_ROOT / "corpora", corpora)
    settings = make_settings(corpora_dir=corpora, stages=STAGES)
    cold, warm = build_kb(settings), build_kb(settings)
    assert {"ingest", "langid", *STAGES} <= set(cold.seconds)
    assert (warm.cached, warm.kb_unchanged) == (4, True)
    assert not {"ingest", "langid", *STAGES} & set(warm.seconds), warm.seconds
    assert "cache" in warm.seconds
