"""No orphaned Prefect servers: ``kill -9`` of a run (``python flows.py``, what ``make run``
runs) or of ``flows.py serve --start-server`` takes its server with it within seconds, and a
server left behind by a dead run is stopped when the next run starts its server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.ops.server import (
    RECORDS_DIR,
    free_port,
    healthy,
    local_server,
    reap_orphans,
    record_server,
    running,
)
from pipeline.ops.server import prefect_env as _env
from pipeline.settings import PROJECT_ROOT

FLOWS = str(PROJECT_ROOT / "flows.py")

# A run that died without a parent watch in its server: the "server" (a sleeping process whose
# command line names pipeline.ops.server, as our servers' do) is recorded, then the run hangs
# until the test kills it.
DEAD_RUN = """
import subprocess, sys, time
from pathlib import Path
from pipeline.ops.server import record_server
server = subprocess.Popen(
    [sys.executable, "-c", "import time; time.sleep(600)", "pipeline.ops.server"],
    start_new_session=True,
)
record_server(Path(sys.argv[1]), server.pid, None, "temporary")
print(server.pid, flush=True)
time.sleep(600)
"""


def _leave_an_orphan(home: Path) -> int:
    """Start a run that records a server, kill -9 the run; returns the orphaned server's pid."""
    run = subprocess.Popen(
        [sys.executable, "-c", DEAD_RUN, str(home)], stdout=subprocess.PIPE, text=True
    )
    orphan = int(run.stdout.readline())
    run.kill()
    run.wait()
    run.stdout.close()
    assert running(orphan)
    return orphan


def _wait_gone(pid: int, seconds: float) -> float:
    started = time.monotonic()
    while running(pid) and time.monotonic() - started < seconds:
        time.sleep(0.1)
    return time.monotonic() - started


def _kill(pid: int) -> None:
    if running(pid):
        os.kill(pid, signal.SIGKILL)


def _wait_for_record(home: Path, process: subprocess.Popen, log: Path, seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()[-3000:]
        for path in (home / RECORDS_DIR).glob("*.json"):
            record = json.loads(path.read_text(encoding="utf-8"))
            if record["parent"] == process.pid:
                return record
        time.sleep(0.2)
    raise AssertionError(f"no server of pid {process.pid} under {home}: {log.read_text()[-3000:]}")


def test_next_start_stops_only_servers_whose_run_died(tmp_path: Path) -> None:
    home = tmp_path / "home"
    orphan = _leave_an_orphan(home)
    live = subprocess.Popen(  # a server of a live run (this test): left alone
        [sys.executable, "-c", "import time; time.sleep(600)", "pipeline.ops.server"]
    )
    stranger = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        record_server(home, live.pid, None, "temporary")
        record_server(home, stranger.pid, None, "temporary")  # not ours by its command line
        (home / RECORDS_DIR / "999999999.json").write_text(
            json.dumps({"pid": 999999999, "parent": 1}), encoding="utf-8"
        )
        assert reap_orphans(home) == [orphan]
        assert _wait_gone(orphan, 5) < 5
        assert running(live.pid) and running(stranger.pid)
        assert sorted(p.stem for p in (home / RECORDS_DIR).glob("*.json")) == [str(live.pid)]
    finally:
        for process in (live, stranger):
            process.kill()
            process.wait()
        _kill(orphan)


@pytest.mark.prefect
@pytest.mark.slow
def test_kill_9_of_a_flow_run_stops_its_temporary_server(
    small_corpus: Path, tmp_path: Path
) -> None:
    """``python flows.py`` (no PREFECT_API_URL: Prefect's temporary server) killed by SIGKILL
    once its server answers: the server is gone within a few seconds. The run first stopped the
    server a previous dead run had left; the run after it completes and leaves nothing behind."""
    home, log_path = tmp_path / "home", tmp_path / "run.log"
    orphan = _leave_an_orphan(home)
    command = [FLOWS, "--corpora", str(small_corpus), "--outputs", str(tmp_path / "out")]
    with log_path.open("wb") as log:
        run = subprocess.Popen(
            [sys.executable, *command], env=_env(home), stdout=log, stderr=subprocess.STDOUT
        )
    server = 0
    try:
        record = _wait_for_record(home, run, log_path, 120)
        server = record["pid"]
        assert record["kind"] == "temporary"
        assert not running(orphan), "the next run did not stop the dead run's server"
        url = f"http://127.0.0.1:{record['port']}/api"
        deadline = time.monotonic() + 120
        while not healthy(url):
            assert run.poll() is None and time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.2)
        run.kill()
        run.wait()
        assert _wait_gone(server, 10) < 10, f"server pid {server} outlived its run"
        assert not healthy(url)
        # the next run completes and, exiting normally, stops its server and drops its record
        again = subprocess.run(
            [sys.executable, *command],
            env=_env(home, XLKB_STAGES=""),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert again.returncode == 0, again.stderr[-3000:]
        assert "Stopping temporary server" in again.stdout + again.stderr
        assert not list((home / RECORDS_DIR).glob("*.json"))
    finally:
        run.kill()
        run.wait()
        _kill(orphan)
        if server:
            _kill(server)


@pytest.mark.prefect
@pytest.mark.slow
def test_kill_9_of_serve_stops_its_local_server(tmp_path: Path) -> None:
    """``flows.py serve --start-server`` (what ``make serve`` runs) killed by SIGKILL: its
    ``prefect server start`` is gone within a few seconds. While it ran, another
    ``local_server`` on the same port used that server instead of starting a second one."""
    home, log_path, port = tmp_path / "home", tmp_path / "serve.log", free_port()
    command = [FLOWS, "serve", "--start-server", "--port", str(port), "--cron", "0 3 * * *"]
    command += ["--outputs", str(tmp_path / "out")]
    with log_path.open("wb") as log:
        serving = subprocess.Popen(
            [sys.executable, *command], env=_env(home), stdout=log, stderr=subprocess.STDOUT
        )
    server = 0
    try:
        record = _wait_for_record(home, serving, log_path, 120)
        server = record["pid"]
        assert record["kind"] == "local"
        deadline = time.monotonic() + 180
        while "serving build_kb/xlkb-scheduled" not in log_path.read_text():
            assert serving.poll() is None and time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.2)
        with local_server(port, prefect_home=home) as url:
            assert healthy(url)
            assert [p.stem for p in (home / RECORDS_DIR).glob("*.json")] == [str(server)]
        assert healthy(url)  # the reused server was left running
        serving.kill()
        serving.wait()
        assert _wait_gone(server, 10) < 10, f"server pid {server} outlived serve"
        assert not healthy(url)
    finally:
        serving.kill()
        serving.wait()
        if server:
            _kill(server)
