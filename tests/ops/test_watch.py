"""Drop-folder watcher: debounced rebuilds on added, changed and removed files."""

from __future__ import annotations

import threading
from pathlib import Path

from pipeline.build import build_kb
from pipeline.ops.watch import DropFolderWatcher

NEW_TEXT = "Vilnius is the capital of Lithuania. It was first mentioned in 1323.\n"


def _paths(kb: Path) -> list[str]:
    import json

    lines = kb.read_text(encoding="utf-8").splitlines()
    return sorted(r["path"] for r in map(json.loads, lines) if r["type"] == "document")


def test_rebuilds_only_after_changes_settle(small_corpus: Path, make_settings) -> None:
    settings = make_settings(corpora_dir=small_corpus, stages=())
    builds = []
    watcher = DropFolderWatcher(settings, lambda s: builds.append(build_kb(s)) or builds[-1])

    assert not watcher.poll_once()  # first look: nothing to compare with yet
    assert watcher.poll_once() and len(builds) == 1  # settled: initial build
    assert not watcher.poll_once()  # nothing changed: no rebuild
    assert _paths(settings.kb_path) == ["lv_riga.txt", "nested/en_tallinn.md", "zh_vilnius.txt"]

    dropped = small_corpus / "drop" / "new.txt"
    dropped.parent.mkdir()
    dropped.write_text(NEW_TEXT[:20], encoding="utf-8")  # a copy in progress
    assert not watcher.poll_once()
    with dropped.open("a", encoding="utf-8") as fh:
        fh.write(NEW_TEXT[20:])
    assert not watcher.poll_once()  # still growing at this poll
    assert watcher.poll_once() and len(builds) == 2  # unchanged for two polls: rebuild
    assert builds[-1].cached == 3 and "drop/new.txt" in _paths(settings.kb_path)
    before = settings.kb_path.read_bytes()

    (small_corpus / "zh_vilnius.txt").unlink()
    assert not watcher.poll_once()
    assert watcher.poll_once() and len(builds) == 3
    assert _paths(settings.kb_path) == ["drop/new.txt", "lv_riga.txt", "nested/en_tallinn.md"]
    # nothing else changed: the remaining documents' lines are the same as before
    kept = [line for line in before.splitlines() if b'"zh_vilnius.txt"' not in line]
    assert settings.kb_path.read_bytes().splitlines() == kept


def test_run_loop_rebuilds_in_the_background_and_stops(small_corpus: Path, make_settings) -> None:
    settings = make_settings(corpora_dir=small_corpus, stages=(), poll_seconds=0.1)
    built = threading.Event()
    watcher = DropFolderWatcher(settings, on_build=lambda state, result: built.set())
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    try:
        assert built.wait(120)
        built.clear()
        (small_corpus / "late.txt").write_text(NEW_TEXT, encoding="utf-8")
        assert built.wait(60)
        assert "late.txt" in _paths(settings.kb_path)
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    assert watcher.builds == 2
