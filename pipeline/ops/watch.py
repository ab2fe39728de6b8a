"""Drop-folder watching: rebuild the KB when files under the corpora folder appear, change or go.

Prefect OSS has no file-system trigger, so the folder is polled every ``settings.poll_seconds``.
A change is acted on only once the folder looks the same in two consecutive polls (same files,
sizes and modification times), so a file still being copied in is not read half-written. The
rebuild is an ordinary build (cached: only new or changed documents are analyzed again, and a
removed file's records disappear because the KB is always written from the current files).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from pipeline.errors import XlkbError
from pipeline.ingest import discover
from pipeline.settings import Settings

log = logging.getLogger("xlkb.watch")

Snapshot = dict[str, tuple[int, int]]
"""Relative path → (size, modification time in ns) of every candidate document."""


def snapshot(settings: Settings) -> Snapshot:
    """The current state of the corpora folder (empty when it does not exist)."""
    try:
        files = discover(settings.corpora_dir)
    except FileNotFoundError:
        return {}
    state: Snapshot = {}
    for file in files:
        try:
            st = file.absolute.lstat() if file.problem else file.absolute.stat()
        except OSError:
            continue  # removed between listing and stat: the next poll sees it gone
        state[file.path] = (st.st_size, st.st_mtime_ns)
    return state


def default_build(settings: Settings) -> Any:
    """``pipeline.build.build_kb`` (imported lazily)."""
    from pipeline.build import build_kb

    return build_kb(settings)


class DropFolderWatcher:
    """Polls ``settings.corpora_dir`` and calls ``build(settings)`` after settled changes."""

    def __init__(
        self,
        settings: Settings,
        build: Callable[[Settings], Any] = default_build,
        on_build: Callable[[Snapshot, Any], None] | None = None,
    ) -> None:
        self.settings = settings
        self.build = build
        self.on_build = on_build
        self.previous: Snapshot | None = None
        self.built: Snapshot | None = None
        self.builds = 0

    def poll_once(self) -> bool:
        """Look at the folder once; build when it settled on a state not built yet."""
        current = snapshot(self.settings)
        settled = current == self.previous
        if not settled and current != self.built:
            log.info(
                "change seen in %s (%d files); rebuilding once it stays the same for %g s",
                self.settings.corpora_dir,
                len(current),
                self.settings.poll_seconds,
            )
        self.previous = current
        if not settled or current == self.built:
            return False
        added = sorted(set(current) - set(self.built or {}))
        removed = sorted(set(self.built or {}) - set(current))
        changed = sorted(
            p for p in current if self.built and p in self.built and self.built[p] != current[p]
        )
        log.info(
            "rebuilding: %d added, %d changed, %d removed", len(added), len(changed), len(removed)
        )
        started = time.perf_counter()
        try:
            result = self.build(self.settings)
        except XlkbError as exc:
            log.error("not rebuilt: %s", exc)
            self.built = current
            return False
        except Exception:
            log.exception("build failed; retrying at the next poll")
            return False
        log.info("rebuilt in %.1f s: %s", time.perf_counter() - started, self.settings.kb_path)
        self.built = current
        self.builds += 1
        if self.on_build:
            self.on_build(current, result)
        return True

    def run(self, stop: threading.Event | None = None, max_builds: int | None = None) -> None:
        """Poll until ``stop`` is set (or after ``max_builds`` builds)."""
        stop = stop or threading.Event()
        log.info(
            "watching %s every %g s (Ctrl-C stops)",
            self.settings.corpora_dir,
            self.settings.poll_seconds,
        )
        while not stop.is_set():
            self.poll_once()
            if max_builds is not None and self.builds >= max_builds:
                return
            stop.wait(self.settings.poll_seconds)
