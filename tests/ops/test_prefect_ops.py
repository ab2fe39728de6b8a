"""Against one local Prefect server (127.0.0.1, temporary PREFECT_HOME): a served deployment is
triggered and completes, and the Dask task runner writes the same KB bytes as the plain build."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.ops.server import free_port, local_server
from pipeline.settings import PROJECT_ROOT

pytestmark = [pytest.mark.prefect, pytest.mark.slow]

TRIGGER = """
import json, sys, time
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment

name, deadline = "build_kb/xlkb-scheduled", time.monotonic() + 240
with get_client(sync_client=True) as client:
    while True:
        try:
            deployment = client.read_deployment_by_name(name)
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)
run = run_deployment(name, timeout=300)
crons = [s.schedule.cron for s in deployment.schedules]
print(json.dumps({"state": run.state.type.value, "crons": crons, "params": deployment.parameters}))
"""


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-home")
    with local_server(free_port(), prefect_home=home, log_path=home / "server.log") as url:
        yield {**os.environ, "PREFECT_API_URL": url, "PREFECT_HOME": str(home)}


def test_served_deployment_runs_on_trigger(prefect_server, small_corpus: Path, tmp_path: Path):
    env = {**prefect_server, "XLKB_STAGES": ""}
    outputs = tmp_path / "served"
    log = (tmp_path / "serve.log").open("wb")
    serving = subprocess.Popen(
        [
            sys.executable,
            str(PROJECT_ROOT / "flows.py"),
            "serve",
            "--cron",
            "0 3 * * *",
            "--corpora",
            str(small_corpus),
            "--outputs",
            str(outputs),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", TRIGGER],
            env=env,
            capture_output=True,
            text=True,
            timeout=560,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        outcome = json.loads(result.stdout.strip().splitlines()[-1])
    finally:
        os.killpg(serving.pid, signal.SIGTERM)
        try:
            serving.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(serving.pid, signal.SIGKILL)
            serving.wait()
        log.close()
    assert outcome["state"] == "COMPLETED", (tmp_path / "serve.log").read_text()[-3000:]
    assert outcome["crons"] == ["0 3 * * *"]
    assert outcome["params"]["outputs_dir"] == str(outputs)
    summary = json.loads((outputs / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 3 and (outputs / "report.html").is_file()


def test_dask_runner_writes_the_same_kb_bytes(
    prefect_server, small_corpus: Path, tmp_path: Path
) -> None:
    # the same hash seed in the flow, its Dask workers and the plain run (see the crash test)
    env = {
        **prefect_server,
        "XLKB_STAGES": "dates",
        "XLKB_DASK_WORKERS": "2",
        "PYTHONHASHSEED": "0",
    }
    result = subprocess.run(
        [
            sys.executable,
            str(PROJECT_ROOT / "flows.py"),
            "--task-runner",
            "dask",
            "--corpora",
            str(small_corpus),
            "--outputs",
            str(tmp_path / "dask"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=560,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Creating a new Dask cluster with `distributed.deploy.local.LocalCluster`" in (
        result.stdout + result.stderr
    )
    plain = [sys.executable, "-m", "pipeline", "run", "-q", "--corpora", str(small_corpus)]
    subprocess.run([*plain, "--outputs", str(tmp_path / "plain")], env=env, check=True)
    assert (tmp_path / "dask" / "kb.jsonl").read_bytes() == (
        tmp_path / "plain" / "kb.jsonl"
    ).read_bytes()
    assert json.loads((tmp_path / "dask" / "summary.json").read_text())["times"] > 0
