"""A local Prefect server (``prefect server start``) bound to 127.0.0.1, for ``xlkb serve``.

``xlkb serve --start-server`` uses :func:`local_server` so the schedule and the UI live as long as
the command; the usual set-up is a separate long-lived ``prefect server start --host 127.0.0.1``
with ``PREFECT_API_URL`` pointing at it (see README).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def api_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/api"


def healthy(url: str) -> bool:
    """True when the Prefect API at ``url`` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def prefect_command() -> list[str]:
    """``prefect`` next to the running interpreter (the project's venv), else on PATH."""
    beside = Path(sys.executable).with_name("prefect")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("prefect")
    return [found] if found else [sys.executable, "-m", "prefect"]


@contextmanager
def local_server(
    port: int = 4200,
    prefect_home: Path | None = None,
    timeout: float = 180.0,
    log_path: Path | None = None,
) -> Iterator[str]:
    """Run ``prefect server start --host 127.0.0.1 --port PORT`` until the block ends.

    Yields the API URL; ``PREFECT_API_URL`` is set to it in this process meanwhile. The server's
    output goes to ``log_path`` (default: discarded). Raises ``RuntimeError`` when it does not
    become healthy within ``timeout`` seconds.
    """
    env = dict(os.environ)
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env["PREFECT_SERVER_API_HOST"] = "127.0.0.1"
    env.pop("PREFECT_API_URL", None)
    if prefect_home:
        env["PREFECT_HOME"] = str(prefect_home)
    url = api_url(port)
    out = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(
        [*prefect_command(), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    previous = os.environ.get("PREFECT_API_URL")
    try:
        deadline = time.monotonic() + timeout
        while not healthy(url):
            if proc.poll() is not None:
                raise RuntimeError(f"prefect server exited with status {proc.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"prefect server not healthy at {url} after {timeout:g} s")
            time.sleep(0.5)
        os.environ["PREFECT_API_URL"] = url
        yield url
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if log_path:
            out.close()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
