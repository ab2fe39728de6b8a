"""``outputs/.lock``: one writer per outputs folder, with stale-lock detection.

The lock is an exclusive ``flock`` on ``outputs/.lock``; the file holds the owner's PID, host and
start time for people and for the message a waiting run prints. The kernel drops a ``flock`` when
its process dies (even on ``kill -9``), so a lock file left behind by a dead run is stale by
construction: the next run takes it over, says so, and removes the dead run's temporary files.
"""

from __future__ import annotations

import fcntl
import logging
import os
import socket
import time
from datetime import UTC, datetime
from pathlib import Path

from pipeline.errors import LockBusy

__all__ = ["LockBusy", "OutputsLock", "remove_partial_files"]

log = logging.getLogger("xlkb.lock")

LOCK_NAME = ".lock"


def _holder(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError:
        return "another run"
    pid = lines[0].strip() if lines else ""
    host = lines[1].strip() if len(lines) > 1 else ""
    started = lines[2].strip() if len(lines) > 2 else ""
    if not pid:
        return "another run"
    return (
        f"run pid {pid}"
        + (f" on {host}" if host else "")
        + (f" since {started}" if started else "")
    )


def remove_partial_files(outputs_dir: Path) -> list[Path]:
    """Temporary files of interrupted atomic writes (``.NAME.XXXX.tmp``) in outputs and cache."""
    found = list(outputs_dir.glob(".*.tmp"))
    if (outputs_dir / ".cache").is_dir():
        found += (outputs_dir / ".cache").rglob(".*.tmp")
    for tmp in found:
        tmp.unlink(missing_ok=True)
    return found


class OutputsLock:
    """Context manager holding ``outputs/.lock``; waits up to ``wait_seconds`` for another run."""

    def __init__(self, outputs_dir: Path, wait_seconds: float = 0.0, poll: float = 0.2) -> None:
        self.outputs_dir = outputs_dir
        self.path = outputs_dir / LOCK_NAME
        self.wait_seconds = wait_seconds
        self.poll = poll
        self.fd: int | None = None

    def acquire(self) -> None:
        self.outputs_dir.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.wait_seconds
        announced = False
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                holder = _holder(self.path)
                if time.monotonic() >= deadline:
                    raise LockBusy(
                        f"{holder} is writing {self.outputs_dir} (lock file {self.path}); "
                        f"gave up after {self.wait_seconds:g} s — wait for it to finish, or "
                        "remove the lock file only if that process is gone"
                    ) from None
                if not announced:
                    log.warning("waiting for %s to release %s", holder, self.path)
                    announced = True
                time.sleep(self.poll)
                continue
            # The holder may have unlinked the file between our open and flock: retry on the
            # file that is there now, never lock an orphaned inode.
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            break
        stale = os.read(fd, 4096).decode("utf-8", "replace").strip()
        if stale:
            pid = stale.split("\n", 1)[0]
            partial = remove_partial_files(self.outputs_dir)
            log.warning(
                "previous run (pid %s) did not finish; took over its stale lock and removed %d "
                "partial file(s); its last complete outputs are kept",
                pid,
                len(partial),
            )
        started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n{socket.gethostname()}\n{started}\n".encode(), 0)
        os.fsync(fd)
        self.fd = fd

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            os.close(self.fd)  # closing drops the flock
            self.fd = None

    def __enter__(self) -> OutputsLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
