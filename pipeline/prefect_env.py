"""Environment Prefect needs to run offline, applied before ``prefect`` is imported, and the guard
that stops Prefect's temporary server when the process that started it dies."""

from __future__ import annotations

import os

OFFLINE_DEFAULTS = {
    # The ephemeral server logs "Failed to send telemetry" at ERROR level when offline.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    # No Prefect Cloud / remote API: run flows against a temporary local server.
    "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "true",
    "PREFECT_LOGGING_LEVEL": "INFO",
    # The first start migrates a fresh SQLite database; on a loaded 2-core machine that can take
    # longer than Prefect's default 20 s.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    # Models and tokenizers never come from a hub at run time.
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
}


def configure_offline() -> None:
    """Set offline defaults without overriding what the user exported; guard temporary servers.

    The temporary Prefect server a flow run starts (no ``PREFECT_API_URL``) then stops when this
    process dies, ``kill -9`` included, and a server left by a run that died is stopped when the
    next one starts (:mod:`pipeline.ops.server`).
    """
    for key, value in OFFLINE_DEFAULTS.items():
        os.environ.setdefault(key, value)
    from pipeline.ops.server import install_guard

    install_guard()
