"""End to end without Prefect: seeds, determinism, offsets, bad input, missing corpora."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.build import CorpusError, build_kb
from pipeline.kb.validate import validate_kb
from pipeline.settings import PROJECT_ROOT

from .conftest import SEEDS

# Ingest + language ID only: later stages have tests of their own and need trained models.
FOUNDATION = ()


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def seed_kb(tmp_path_factory) -> tuple[Path, Path]:
    from pipeline.settings import load_settings

    out = tmp_path_factory.mktemp("seed-out")
    settings = load_settings(corpora_dir=SEEDS, outputs_dir=out, stages=FOUNDATION)
    build_kb(settings)
    return out, settings.kb_path


def test_seed_documents_get_their_languages(seed_kb) -> None:
    _, kb = seed_kb
    docs = [r for r in _records(kb) if r["type"] == "document"]
    assert [(d["path"][:3], d["lang"]) for d in docs] == [
        ("000", "lv"),
        ("001", "en"),
        ("002", "en"),
        ("003", "zh"),
    ]
    assert docs[3]["script"] == "Hant"
    assert all(d["encoding"] == "utf-8" for d in docs)


def test_seed_kb_is_valid_and_offsets_round_trip(seed_kb) -> None:
    out, kb = seed_kb
    assert validate_kb(kb, SEEDS) == []
    for doc in (r for r in _records(kb) if r["type"] == "document"):
        text = (SEEDS / doc["path"]).read_text(encoding="utf-8")
        assert doc["chars"] == len(text)
        for seg in doc["segments"]:
            assert 0 <= seg["start"] < seg["end"] <= len(text)
            assert text[seg["start"] : seg["end"]].strip() == text[seg["start"] : seg["end"]]


def test_mixed_language_segments_are_kept(seed_kb) -> None:
    _, kb = seed_kb
    zh = [r for r in _records(kb) if r["type"] == "document"][3]
    langs = {s["lang"] for s in zh["segments"]}
    assert {"zh", "en"} <= langs  # English reference list inside the Chinese article


def test_output_is_deterministic_and_independent_of_file_names(
    tmp_path: Path, make_settings
) -> None:
    corpora = tmp_path / "c"
    shutil.copytree(PROJECT_ROOT / "tests" / "fixtures" / "small_corpus", corpora)
    first = build_kb(
        make_settings(corpora_dir=corpora, outputs_dir=tmp_path / "o1", stages=FOUNDATION)
    )
    second = build_kb(
        make_settings(corpora_dir=corpora, outputs_dir=tmp_path / "o2", stages=FOUNDATION)
    )
    assert first.documents == second.documents == 3
    assert (tmp_path / "o1" / "kb.jsonl").read_bytes() == (
        tmp_path / "o2" / "kb.jsonl"
    ).read_bytes()
    ids = {r["path"]: r["id"] for r in _records(tmp_path / "o1" / "kb.jsonl")}
    (corpora / "lv_riga.txt").rename(corpora / "renamed.txt")
    build_kb(make_settings(corpora_dir=corpora, outputs_dir=tmp_path / "o3", stages=FOUNDATION))
    renamed = {r["path"]: r["id"] for r in _records(tmp_path / "o3" / "kb.jsonl")}
    assert renamed["renamed.txt"] == ids["lv_riga.txt"]


def test_bad_files_are_reported_and_good_ones_kept(tmp_path: Path, make_settings) -> None:
    corpora = tmp_path / "corpora"
    shutil.copytree(PROJECT_ROOT / "tests" / "fixtures" / "small_corpus", corpora)
    (corpora / "empty.txt").write_bytes(b"")
    (corpora / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (corpora / "undecodable.txt").write_bytes(b"\xef\xbb\xbf\xff\xfe broken")
    (corpora / "german.txt").write_text(
        "Der Bergkarabachkonflikt ist ein Konflikt zwischen Armenien und Aserbaidschan.", "utf-8"
    )
    with (corpora / "huge.txt").open("wb") as fh:  # 50 MB
        fh.truncate(50 * 1024 * 1024)
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret text outside the corpus.", "utf-8")
    os.symlink(outside, corpora / "link.txt")
    (corpora / "zz_copy.txt").write_bytes((corpora / "lv_riga.txt").read_bytes())

    settings = make_settings(corpora_dir=corpora, stages=FOUNDATION)
    summary = build_kb(settings)
    errors = {e["path"]: e for e in _records(settings.errors_path)}
    assert set(errors) == {
        "empty.txt",
        "binary.txt",
        "undecodable.txt",
        "german.txt",
        "huge.txt",
        "link.txt",
        "zz_copy.txt",
    }
    assert "empty" in errors["empty.txt"]["reason"]
    assert "binary" in errors["binary.txt"]["reason"]
    assert "too large" in errors["huge.txt"]["reason"]
    assert "outside the corpora folder" in errors["link.txt"]["reason"]
    assert errors["zz_copy.txt"]["reason"] == "duplicate content of lv_riga.txt; skipped"
    assert (
        errors["german.txt"]["severity"] == "warning" and "'de'" in errors["german.txt"]["reason"]
    )
    docs = {r["path"]: r for r in _records(settings.kb_path) if r["type"] == "document"}
    assert set(docs) == {"lv_riga.txt", "nested/en_tallinn.md", "zh_vilnius.txt", "german.txt"}
    assert docs["german.txt"]["lang"] == "de"
    assert summary.documents == 4
    assert validate_kb(settings.kb_path, corpora) == []


def test_missing_or_empty_corpora_is_a_clear_error(tmp_path: Path, make_settings) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        build_kb(make_settings(corpora_dir=tmp_path / "missing"))
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "README.md").write_text("nothing here", "utf-8")
    with pytest.raises(CorpusError, match="no .txt or .md documents"):
        build_kb(make_settings(corpora_dir=tmp_path / "empty"))


def test_cli_exits_non_zero_on_missing_corpora(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "run",
            "--corpora",
            str(tmp_path / "nope"),
            "--outputs",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "does not exist" in result.stderr
