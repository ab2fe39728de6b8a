"""One writer per outputs folder, stale locks, and kill -9 at several points of a run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.kb.validate import validate_kb
from pipeline.ops.lock import LockBusy, OutputsLock
from pipeline.settings import PROJECT_ROOT

HOLD_LOCK = """
import sys, time
from pathlib import Path
from pipeline.ops.lock import OutputsLock
lock = OutputsLock(Path(sys.argv[1]))
lock.acquire()
(Path(sys.argv[1]) / ".kb.jsonl.abc123.tmp").write_text("half a KB")
print("locked", flush=True)
time.sleep(600)
"""


def test_second_holder_waits_then_gets_the_lock(tmp_path: Path) -> None:
    first = OutputsLock(tmp_path)
    first.acquire()
    assert (tmp_path / ".lock").read_text().split("\n")[0] == str(os.getpid())
    with pytest.raises(LockBusy, match=rf"run pid {os.getpid()} .*is writing .*gave up after 0 s"):
        OutputsLock(tmp_path, wait_seconds=0).acquire()
    threading.Timer(0.5, first.release).start()
    started = time.monotonic()
    with OutputsLock(tmp_path, wait_seconds=20):
        assert 0.3 < time.monotonic() - started < 15
    assert not (tmp_path / ".lock").exists()


def test_lock_of_a_killed_process_is_stale_and_taken_over(tmp_path: Path, caplog) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(LockBusy, match=f"run pid {holder.pid}"):
            OutputsLock(tmp_path, wait_seconds=0.3).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert (tmp_path / ".lock").read_text().startswith(f"{holder.pid}\n")  # left behind
    with caplog.at_level("WARNING", logger="xlkb.lock"), OutputsLock(tmp_path, wait_seconds=0):
        assert f"previous run (pid {holder.pid}) did not finish" in caplog.text
        assert not (tmp_path / ".kb.jsonl.abc123.tmp").exists()


def test_cli_run_exits_with_a_clear_message_while_another_run_writes(
    small_corpus: Path, tmp_path: Path
) -> None:
    outputs = tmp_path / "out"
    with OutputsLock(outputs):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pipeline",
                "run",
                "--wait",
                "0.5",
                "--corpora",
                str(small_corpus),
                "--outputs",
                str(outputs),
            ],
            env={**os.environ, "XLKB_STAGES": ""},
            capture_output=True,
            text=True,
            check=False,
        )
    assert result.returncode == 3
    assert f"run pid {os.getpid()}" in result.stderr and "gave up after 0.5 s" in result.stderr
    assert not (outputs / "kb.jsonl").exists()


def _run_until(command: list[str], env: dict, marker: str | None, delay: float) -> tuple[str, bool]:
    """Start ``command``, kill -9 it ``delay`` s after ``marker`` appears in its log (or start);
    returns its whole log up to the kill and whether it was killed (not finished first)."""
    proc = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    seen = []
    killed = True
    try:
        if marker is not None:
            for raw in proc.stderr:
                line = raw.decode("utf-8", "replace")
                seen.append(line)
                if marker in line:
                    break
            else:
                killed = False
        time.sleep(delay)
    finally:
        killed = killed and proc.poll() is None
        proc.kill()
        proc.wait()
        seen.append(proc.stderr.read().decode("utf-8", "replace"))  # what it wrote before the kill
        proc.stderr.close()
    return "".join(seen), killed


@pytest.mark.slow
def test_kill_9_at_several_points_keeps_the_previous_kb(tmp_path: Path) -> None:
    corpora = tmp_path / "corpora"
    corpora.mkdir()
    for seed in sorted((PROJECT_ROOT / "corpora").glob("00[03]_*.txt")):  # lv, zh
        shutil.copy(seed, corpora / seed.name)
    outputs = tmp_path / "out"
    stages = ("dates",)
    # One hash seed for every process: this test is about crashes, not about whether a stage's
    # output depends on set ordering (the reference and the resumed runs are separate processes).
    env = {**os.environ, "XLKB_STAGES": ",".join(stages), "PYTHONUNBUFFERED": "1"}
    env["PYTHONHASHSEED"] = "0"
    command = [sys.executable, "-m", "pipeline", "-v", "run", "-q", "--corpora", str(corpora)]
    command += ["--outputs", str(outputs)]
    subprocess.run([*command, "--no-cache"], env=env, check=True, capture_output=True)
    previous = (outputs / "kb.jsonl").read_bytes()

    # the corpus changes; the new KB it should produce, built elsewhere
    (corpora / "004_added.txt").write_text(
        "The treaty was signed in Riga on 11 August 1920. Latvia joined the UN in 1991.\n", "utf-8"
    )
    reference = [*command[:-1], str(tmp_path / "ref"), "--no-cache"]
    subprocess.run(reference, env=env, check=True, capture_output=True)
    expected = (tmp_path / "ref" / "kb.jsonl").read_bytes()

    # each killed run leaves the documents it finished in the cache, so the next one gets further
    kill_points = [
        (None, 0.3),  # during start-up and imports
        ("analyzed: 000", 0.0),  # after the first document
        ("analyzed: 003", 0.0),  # the first from the cache, the second analyzed
        ("writing", 0.0),  # as the records are built, validated and written (no sleep: a small KB
        # is written within milliseconds on a fast machine)
    ]
    for marker, delay in kill_points:
        log, killed = _run_until(command, env, marker, delay)
        kb = (outputs / "kb.jsonl").read_bytes()
        assert kb in (previous, expected), f"kb.jsonl damaged by kill at {marker!r}"
        if not killed:  # a fast machine finished (from the cache) before the kill point
            assert kb == expected
            continue
        # killed before the new KB was complete: the previous one is still there, whole (a run
        # that logged "writing" before the kill landed may have replaced it: the kill is a race)
        if "writing" not in log:
            assert kb == previous, f"the run killed at {marker!r} had replaced kb.jsonl unwritten"
    assert validate_kb(outputs / "kb.jsonl") == []
    finished = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert "did not finish" in finished.stderr or not (outputs / ".lock").exists()
    assert (outputs / "kb.jsonl").read_bytes() == expected
    assert not list(outputs.glob(".*.tmp")) and not list(outputs.rglob(".cache/**/.*.tmp"))
    assert not (outputs / ".lock").exists()
    assert json.loads((outputs / "summary.json").read_text())["documents"] == 3
