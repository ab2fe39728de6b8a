"""Record ids do not move when an unrelated document arrives or leaves (docs/kb.md, "Ids")."""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.build import build_kb

from .conftest import SEED_FILES

pytestmark = [pytest.mark.slow, pytest.mark.model]

ADDED = (
    "The Tallinn city council met on Monday, 3 March 2025, to discuss the budget of Estonia. "
    "Stepanakert is the largest city of Nagorno-Karabakh.\n"
)


def _members(kb: Path) -> dict[str, dict[str, set[str]]]:
    """type → record id → the ids of its mentions (entities) or its own id (events)."""
    out: dict[str, dict[str, set[str]]] = {"entity": defaultdict(set), "event": {}}
    for line in kb.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["type"] == "mention" and record.get("entity"):
            out["entity"][record["entity"]].add(record["id"])
        elif record["type"] == "event":
            out["event"][record["id"]] = {record["id"]}
    return out


def test_adding_and_removing_a_document_moves_no_other_id(
    tmp_path: Path, make_settings, seed_outputs: Path
) -> None:
    corpora = tmp_path / "corpora"
    corpora.mkdir()
    for seed in SEED_FILES:
        shutil.copy(seed, corpora / seed.name)
    settings = make_settings(corpora_dir=corpora)
    shutil.copytree(seed_outputs / ".cache", settings.cache_dir)  # the seeds' analysis, warm
    build_kb(settings)
    before_bytes = settings.kb_path.read_bytes()
    before = _members(settings.kb_path)
    assert len(before["entity"]) > 1000 and len(before["event"]) > 500

    (corpora / "zz_added.txt").write_text(ADDED, encoding="utf-8")
    build_kb(settings)
    after = _members(settings.kb_path)
    for kind in ("entity", "event"):
        moved = [i for i in before[kind] if i not in after[kind]]
        assert moved == [], f"{len(moved)} {kind} ids changed when a document was added"
        shrunk = [i for i in before[kind] if not before[kind][i] <= after[kind][i]]
        assert shrunk == [], f"{kind} records lost mentions: {shrunk[:5]}"
    assert len(after["entity"]) > len(before["entity"])  # Tallinn, Estonia ... are new

    (corpora / "zz_added.txt").unlink()
    build_kb(settings)
    assert settings.kb_path.read_bytes() == before_bytes


def test_the_kb_does_not_depend_on_the_hash_seed(tmp_path: Path, seed_outputs: Path) -> None:
    """A cold build of the seeds in a process with another string-hash seed writes the same
    bytes (set iteration order must never reach the output)."""
    import os
    import subprocess
    import sys

    out = tmp_path / "outputs"
    hash_seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"  # not this process's
    subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "-q", "--corpora", str(SEED_FILES[0].parent)]
        + ["--outputs", str(out), "--no-cache"],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
    )
    assert (out / "kb.jsonl").read_bytes() == (seed_outputs / "kb.jsonl").read_bytes()
