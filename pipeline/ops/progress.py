"""Progress of long steps: messages from inside a step, and a heartbeat while it runs.

A step reports what it is doing through a :data:`ProgressHook` (``xlkb run`` shows it in its
progress bar, the Prefect flow writes it to the run log). :class:`Heartbeat` repeats the current
message with the elapsed seconds every few seconds, so no step is silent however long it takes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from types import TracebackType

ProgressHook = Callable[[str], None]
"""Receives one line saying what the running step is doing."""

HEARTBEAT_SECONDS = 5.0
"""How often a running step's message is repeated with its elapsed time."""


def ignore(_: str) -> None:
    """The hook used when nobody listens."""


class Heartbeat:
    """Context manager: calls ``hook`` with ``label`` at the start, then every ``every`` seconds
    with the latest message and the elapsed time, until the block ends.

    ``update(message)`` passes a message from inside the step straight to the hook and makes it
    the one the heartbeat repeats.
    """

    def __init__(self, label: str, hook: ProgressHook | None, every: float = HEARTBEAT_SECONDS):
        self.label = label
        self.hook = hook or ignore
        self.every = every
        self.message = label
        self.started = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def update(self, message: str) -> None:
        with self._lock:
            self.message = f"{self.label}: {message}"
        self.hook(self.message)

    def _beat(self) -> None:
        while not self._stop.wait(self.every):
            with self._lock:
                message = self.message
            self.hook(f"{message} ({time.perf_counter() - self.started:.0f} s)")

    def __enter__(self) -> Heartbeat:
        self.started = time.perf_counter()
        self.hook(self.label)
        if self.hook is not ignore:
            self._thread = threading.Thread(target=self._beat, name="xlkb-heartbeat", daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
