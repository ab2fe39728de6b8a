"""Long steps say what they are doing: messages from inside alignment, a heartbeat while a step
runs, the watcher's log, and the seconds of the last full analysis kept beside a warm run's."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest

from pipeline.build import build_kb
from pipeline.ops.progress import Heartbeat
from pipeline.ops.watch import DropFolderWatcher


def test_a_heartbeat_repeats_the_latest_message_with_the_elapsed_time() -> None:
    heard: list[str] = []
    with Heartbeat("align", heard.append, every=0.05) as beat:
        beat.update("scorer merges")
        time.sleep(0.3)
    assert heard[:2] == ["align", "align: scorer merges"]
    beats = heard[2:]
    assert len(beats) >= 3
    assert all(b.startswith("align: scorer merges (") and b.endswith(" s)") for b in beats)
    count = len(heard)
    time.sleep(0.15)
    assert len(heard) == count  # stopped with the block


@pytest.mark.model
def test_alignment_reports_its_steps(small_corpus: Path, make_settings) -> None:
    heard: list[str] = []
    build_kb(make_settings(corpora_dir=small_corpus), on_progress=heard.append)
    assert "analyzing lv_riga.txt" in heard
    align = [m for m in heard if m.startswith("align")]
    assert align[:2] == ["align", "align: 3 documents"]
    assert any(m.startswith("align: grouping the names of ") for m in align)
    assert any(m.startswith("align: scorer merges across languages") for m in align)
    assert any("entities; aligning" in m and "event mentions" in m for m in align)


def test_a_warm_run_keeps_the_seconds_of_the_last_full_analysis(
    small_corpus: Path, make_settings
) -> None:
    settings = make_settings(corpora_dir=small_corpus, stages=())
    first = build_kb(settings)
    assert first.cached == 0 and first.last_analysis is not None
    # the ingest of three small files may round to 0.000 s on a fast machine
    assert first.last_analysis["documents"] == 3 and first.last_analysis["seconds"]["ingest"] >= 0
    warm = build_kb(settings)
    assert warm.cached == 3
    assert "ingest" not in warm.seconds  # nothing was analyzed this time ...
    summary = json.loads((settings.outputs_dir / "summary.json").read_text("utf-8"))
    assert summary["last_analysis"] == first.last_analysis  # ... the full run's cost stays
    assert summary["seconds"] == {k: round(v, 3) for k, v in warm.seconds.items()}
    page = (settings.outputs_dir / "report.html").read_text("utf-8")
    assert "this run (seconds)" in page
    assert f"last full analysis (3 documents, {first.last_analysis['at']})" in page


def test_the_watcher_logs_what_it_sees_and_when_the_rebuild_ends(
    small_corpus: Path, make_settings, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(corpora_dir=small_corpus, stages=(), poll_seconds=0.01)
    watcher = DropFolderWatcher(settings)
    caplog.set_level(logging.INFO, logger="xlkb.watch")
    assert watcher.poll_once() is False  # first look: a change, not settled yet
    assert watcher.poll_once() is True
    messages = [r.getMessage() for r in caplog.records if r.name == "xlkb.watch"]
    assert messages[0].startswith(f"change seen in {small_corpus} (3 files)")
    assert messages[1] == "rebuilding: 3 added, 0 changed, 0 removed"
    assert messages[2].startswith("rebuilt in ") and messages[2].endswith(str(settings.kb_path))
