"""Scheduled runs: ``flows.py serve --start-server`` (what ``make serve`` runs) starts a real
Prefect server whose scheduler creates runs that the served deployment executes; ``serve``
without a server says what to run instead of serving on a temporary server that never schedules.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy

from pipeline.ops.server import RECORDS_DIR, flow_runs, free_port, running
from pipeline.ops.server import prefect_env as _env
from pipeline.settings import PROJECT_ROOT

FLOWS = str(PROJECT_ROOT / "flows.py")


def test_sqlalchemy_is_a_version_prefects_scheduler_works_with() -> None:
    # Prefect 3.8.8's scheduler inserts runs with a bulk INSERT that SQLAlchemy 2.1 rejects
    # ("Can't evaluate bulk DML statement"): the server then logs a traceback every minute and
    # no scheduled run is ever created, while manual runs work.
    major_minor = tuple(int(part) for part in sqlalchemy.__version__.split(".")[:2])
    assert major_minor < (2, 1), (
        f"SQLAlchemy {sqlalchemy.__version__}: Prefect 3.8.8 cannot schedule runs with it; "
        "pin sqlalchemy<2.1"
    )


@pytest.mark.prefect
def test_serve_without_a_server_explains_what_to_run(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, FLOWS, "serve", "--outputs", str(tmp_path / "out")],
        env=_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 8, result.stderr[-2000:]
    assert "scheduled runs need a Prefect server" in result.stderr
    assert "make serve" in result.stderr
    assert "Traceback" not in result.stderr
    dead = f"http://127.0.0.1:{free_port()}/api"
    result = subprocess.run(
        [sys.executable, FLOWS, "serve", "--outputs", str(tmp_path / "out")],
        env={**_env(tmp_path / "home"), "PREFECT_API_URL": dead},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 8, result.stderr[-2000:]
    assert f"no Prefect server answers at PREFECT_API_URL={dead}" in result.stderr


@pytest.mark.prefect
@pytest.mark.slow
def test_make_serve_creates_scheduled_runs_that_complete(
    small_corpus: Path, tmp_path: Path
) -> None:
    """The command of ``make serve`` with a cron schedule every minute: within about two minutes
    the scheduler (not a manual trigger) creates a run, the served process runs it to COMPLETED
    and it writes the KB; stopping the command stops its server."""
    home, outputs, port = tmp_path / "home", tmp_path / "out", free_port()
    url = f"http://127.0.0.1:{port}/api"
    log_path = tmp_path / "serve.log"
    command = [
        *(sys.executable, FLOWS, "serve", "--start-server", "--port", str(port)),
        *("--cron", "* * * * *", "--corpora", str(small_corpus), "--outputs", str(outputs)),
    ]
    env = _env(home, XLKB_STAGES="", PREFECT_RUNNER_POLL_FREQUENCY="2")
    with log_path.open("wb") as log:
        serving = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    completed: dict | None = None
    runs: list[dict] = []
    try:
        deadline = time.monotonic() + 240
        while completed is None and time.monotonic() < deadline:
            assert serving.poll() is None, log_path.read_text()[-3000:]
            server_log = home / "server.log"
            scheduler_failed = server_log.is_file() and "ERROR" in server_log.read_text(
                encoding="utf-8", errors="replace"
            )
            assert not scheduler_failed, server_log.read_text(errors="replace")[-3000:]
            time.sleep(2)
            try:
                runs = flow_runs(url)
            except OSError:
                continue  # the server is still starting
            done = [r for r in runs if r["state_type"] == "COMPLETED"]
            completed = done[0] if done else None
        records = list((home / RECORDS_DIR).glob("*.json"))
    finally:
        serving.send_signal(signal.SIGTERM)
        try:
            serving.wait(60)
        except subprocess.TimeoutExpired:
            serving.kill()
            serving.wait()
    served = log_path.read_text()
    assert completed is not None, f"runs: {runs}\n{served[-3000:]}"
    assert "Cannot schedule flows on an ephemeral server" not in served
    assert completed["auto_scheduled"] is True
    assert completed["created_by"]["type"] == "SCHEDULE", completed["created_by"]
    assert completed["parameters"]["outputs_dir"] == str(outputs)
    summary = json.loads((outputs / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 3
    # the server belonged to the command: stopping the command stopped it and its record
    assert len(records) == 1
    server_pid = int(records[0].stem)
    deadline = time.monotonic() + 20
    while running(server_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not running(server_pid)
    assert not list((home / RECORDS_DIR).glob("*.json"))
