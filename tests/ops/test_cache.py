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


def test_stage_code_digest_follows_the_package_source_and_data(tmp_path, monkeypatch) -> None:
    """Editing a file of a stage's package (code or data) changes its digest; editing another
    package does not."""
    import sys

    from pipeline.ops.cache import stage_code_digest

    for name in ("stage_a", "stage_b"):
        package = tmp_path / name
        package.mkdir()
        (package / "__init__.py").write_text("", encoding="utf-8")
        (package / "stage.py").write_text("RULE = 1\n", encoding="utf-8")
        (package / "words.tsv").write_text("a\tb\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)

    def digest(module: str) -> str:
        stage_code_digest.cache_clear()
        return stage_code_digest(module)

    before = digest("stage_a.stage")
    (tmp_path / "stage_b" / "stage.py").write_text("RULE = 2\n", encoding="utf-8")
    assert digest("stage_a.stage") == before
    (tmp_path / "stage_a" / "words.tsv").write_text("a\tc\n", encoding="utf-8")
    after_data = digest("stage_a.stage")
    assert after_data != before
    (tmp_path / "stage_a" / "stage.py").write_text("RULE = 2\n", encoding="utf-8")
    assert digest("stage_a.stage") not in (before, after_data)
    stage_code_digest.cache_clear()


@pytest.mark.model
def test_a_stage_code_change_invalidates_exactly_what_it_produced(
    small_corpus, make_settings, monkeypatch
) -> None:
    """A new digest for a package whose stage is not part of the run changes nothing; for the
    alignment package (the ``names`` document stage and the ``align`` corpus stage) every
    document entry and the corpus result are recomputed; for the dates package every document
    entry (one entry per document holds all its stages)."""
    from pipeline.ops import cache as cache_module

    settings = make_settings(
        corpora_dir=small_corpus, stages=("ner", "dates", "events", "names", "align")
    )
    build_kb(settings)
    original = cache_module.stage_code_digest

    def edited(package: str):
        def digest(module: str) -> str:
            return original(module) + ("-edited" if module.startswith(package) else "")

        return digest

    monkeypatch.setattr(cache_module, "stage_code_digest", edited("pipeline.langid.stage"))
    unrelated = build_kb(settings)  # a package that defines no stage of this run
    assert unrelated.cached == 3 and "corpus-cache" in unrelated.seconds

    monkeypatch.setattr(cache_module, "stage_code_digest", edited("pipeline.align"))
    align_edit = build_kb(settings)  # names and align both live in pipeline/align/
    assert align_edit.cached == 0 and "align" in align_edit.seconds

    monkeypatch.setattr(cache_module, "stage_code_digest", edited("pipeline.dates"))
    dates_edit = build_kb(settings)
    assert dates_edit.cached == 0 and "dates" in dates_edit.seconds
    assert "ner" in dates_edit.seconds  # one entry per document: every stage reran


@pytest.mark.parametrize("package", ["pipeline.ner", "pipeline.align"])
def test_the_models_a_stage_reads_are_part_of_its_cache_key(package) -> None:
    """Every model folder a stage package names exists, so a retrained model reruns the stage."""
    import importlib

    from pipeline.settings import default_models_dir

    dirs = importlib.import_module(package).MODEL_DIRS
    assert dirs
    for name in dirs:
        assert any((default_models_dir() / name).iterdir()), name
