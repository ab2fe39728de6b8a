"""Operations benchmark: cache (cold / warm / one file added), scaling, and task runners.

Every run is a separate process on a copy of the seed corpus, timed wall-clock from process start
to exit (interpreter start-up and imports included); peak memory is the largest resident set of
that process or any process it waited for (``os.wait4``), so for the Dask runner it is the
largest single worker or the flow process, not their sum.

1. Seeds (``xlkb run``): a cold run (empty cache), a warm re-run (nothing changed) and a run after
   one file was added (a copy of the smallest seed with a one-line edit).
2. Scaling (``xlkb run``, cold): 1×, 2×, 4×, 8× the seed corpus; copy ``k`` of each file gets a
   line ``[k]`` appended, so every copy has its own bytes (no cache hit, no duplicate skipped).
3. Task runners (``python flows.py``, cold): Prefect's thread pool vs ``DaskTaskRunner`` with a
   local 2-worker cluster. The process time includes starting Prefect's temporary server (and,
   for Dask, the cluster); ``flow body`` is the flow's own wall time from its summary.
4. Latency (warm cache on the seeds): ``xlkb watch --poll 1`` running, a new file dropped in,
   seconds until the watcher has rewritten the KB; and ``flows.py serve --start-server`` on a
   cron schedule every minute, the duration of its first scheduled run (nothing changed).

Stages: whatever ``XLKB_STAGES`` selects (default: every registered stage). Writes the ``ops``
sections of docs/benchmarks.md (``ops-cache``, ``ops-scaling``, ``ops-runners``).

    .venv/bin/python -m benchmarks.ops_bench [--parts cache,scaling,runners,latency] [--scales 1,2,4,8]
        [--runner-scales 1,2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.report import table, write_section
from pipeline.settings import PROJECT_ROOT, load_settings
from pipeline.stages import stage_versions

SEEDS = PROJECT_ROOT / "corpora"


def make_corpus(dest: Path, copies: int) -> tuple[int, int]:
    """``copies`` edited copies of every seed file under ``dest``; returns (files, characters)."""
    dest.mkdir(parents=True)
    files = chars = 0
    for k in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            text = seed.read_text(encoding="utf-8") + (f"\n\n[{k}]\n" if k else "")
            (dest / f"{k:02d}_{seed.name}").write_text(text, encoding="utf-8")
            files += 1
            chars += len(text)
    return files, chars


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run ``command``; (wall seconds, peak RSS in MiB, stderr tail). Raises on failure."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    return wall, usage.ru_maxrss / 1024, stderr[-2000:]


def cli_run(corpora: Path, outputs: Path, env: dict[str, str]) -> dict:
    command = [sys.executable, "-m", "pipeline", "run", "-q", "--corpora", str(corpora)]
    wall, rss, _ = timed([*command, "--outputs", str(outputs)], env)
    summary = json.loads((outputs / "summary.json").read_text(encoding="utf-8"))
    return {"wall": wall, "rss": rss, "summary": summary}


def flow_run(corpora: Path, outputs: Path, runner: str, env: dict[str, str]) -> dict:
    command = [sys.executable, str(PROJECT_ROOT / "flows.py"), "--task-runner", runner]
    command += ["--corpora", str(corpora), "--outputs", str(outputs)]
    wall, rss, _ = timed(command, env)
    summary = json.loads((outputs / "summary.json").read_text(encoding="utf-8"))
    return {"wall": wall, "rss": rss, "summary": summary}


def steps(summary: dict) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in summary["seconds"].items())


NOTE = (
    "Seconds are wall-clock of whole processes (start-up included) on a machine shared with "
    "other jobs; every process runs with `PYTHONHASHSEED=0`."
)


def bench_cache(work: Path, env: dict[str, str]) -> str:
    """Cold run, warm re-run and one-file-added run on the seeds."""
    seeds = work / "seeds"
    make_corpus(seeds, 1)
    out = work / "seeds-out"
    cold = cli_run(seeds, out, env)
    warm = cli_run(seeds, out, env)
    smallest_seed = min(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size)
    (seeds / "04_added.txt").write_text(
        smallest_seed.read_text("utf-8") + "\n\n[added]\n", encoding="utf-8"
    )
    added = cli_run(seeds, out, env)
    rows = []
    for name, run in (("cold", cold), ("warm re-run", warm), ("one file added", added)):
        s = run["summary"]
        rows.append(
            [
                name,
                f"{run['wall']:.2f}",
                f"{100 * run['wall'] / cold['wall']:.1f} %",
                f"{s['wall_seconds']:.2f}",
                f"{100 * s['wall_seconds'] / cold['summary']['wall_seconds']:.1f} %",
                f"{run['rss']:.0f}",
                s["documents"] - s["cached"],
                s["cached"],
                steps(s),
            ]
        )
    header = ["run", "process s", "of cold", "build s", "of cold", "peak RSS MiB"]
    header += ["analyzed", "from cache", "seconds per step"]
    return (
        f"{NOTE} `build s` is the run's own `wall_seconds` (summary.json: without interpreter "
        "start-up and imports).\n\n"
        + table(header, rows)
        + "\n\nA warm re-run only hashes the files and loads their cached analyses; kb.jsonl is "
        "not rewritten when it already holds that exact output. Adding a file analyzes only that "
        "file and reruns the corpus stages over all documents."
    )


def bench_scaling(work: Path, env: dict[str, str], scales: list[int]) -> str:
    """Cold ``xlkb run`` on 1×, 2×, 4×, 8× the seeds."""
    rows = []
    for scale in scales:
        corpora = work / f"scale{scale}"
        files, chars = make_corpus(corpora, scale)
        run = cli_run(corpora, work / f"scale{scale}-out", env)
        rows.append(
            [
                f"{scale}×",
                files,
                f"{chars:,}",
                f"{run['wall']:.1f}",
                f"{files / run['wall']:.2f}",
                f"{chars / 1000 / run['wall']:.1f}",
                f"{run['wall'] / files:.2f}",
                f"{run['rss']:.0f}",
            ]
        )
        shutil.rmtree(corpora)
    header = ["corpus", "documents", "characters", "wall s", "documents/s", "k chars/s"]
    header += ["s per document", "peak RSS MiB"]
    return f"{NOTE}\n\n" + table(header, rows)


def bench_runners(work: Path, env: dict[str, str], scales: list[int]) -> str:
    """The Prefect flow with the thread pool vs a local 2-worker Dask cluster."""
    rows = []
    kb_bytes: dict[int, set[bytes]] = {}
    for scale in scales:
        corpora = work / f"runner{scale}"
        files, _ = make_corpus(corpora, scale)
        for runner in ("default", "dask"):
            outputs = work / f"runner{scale}-{runner}"
            run = flow_run(corpora, outputs, runner, {**env, "XLKB_DASK_WORKERS": "2"})
            kb_bytes.setdefault(scale, set()).add((outputs / "kb.jsonl").read_bytes())
            rows.append(
                [
                    f"{scale}×",
                    files,
                    "thread pool (2)" if runner == "default" else "Dask, 2 workers",
                    f"{run['wall']:.1f}",
                    f"{run['summary']['wall_seconds']:.1f}",
                    f"{run['rss']:.0f}",
                ]
            )
    same = all(len(v) == 1 for v in kb_bytes.values())
    header = ["corpus", "documents", "task runner", "process wall s", "flow body s"]
    return (
        f"{NOTE} The process time includes starting Prefect's temporary server (and, for Dask, "
        "the cluster); `flow body` is the flow's own wall time.\n\n"
        + table([*header, "peak RSS MiB"], rows)
        + f"\n\nkb.jsonl byte-identical between the two runners: **{'yes' if same else 'NO'}**."
    )


DROPPED = (
    "Riga, 4 March 2025. The Saeima approved the budget of Latvia on Tuesday after a debate "
    "about defence spending.\n"
)


def _wait_for(predicate, timeout: float, what: str) -> float:
    """Poll ``predicate`` every 0.1 s; the monotonic time it first held (raises on timeout)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return time.monotonic()
        time.sleep(0.1)
    raise RuntimeError(f"timed out after {timeout:g} s waiting for {what}")


def watch_latency(seeds: Path, out: Path, env: dict[str, str], log: Path) -> tuple[float, float]:
    """(seconds from dropping a file to the rewritten KB, the rebuild's own seconds)."""
    command = [sys.executable, "-m", "pipeline", "watch", "--poll", "1"]
    command += ["--corpora", str(seeds), "--outputs", str(out)]
    with log.open("wb") as fh:
        watcher = subprocess.Popen(command, env=env, stderr=fh, stdout=subprocess.DEVNULL)
    try:
        _wait_for(lambda: "rebuilt in" in log.read_text(), 600, "the watcher's first build")
        dropped = time.monotonic()
        (seeds / "zz_dropped.txt").write_text(DROPPED, encoding="utf-8")
        done = _wait_for(
            lambda: log.read_text().count("rebuilt in") >= 2, 600, "the rebuild after a drop"
        )
    finally:
        watcher.terminate()
        watcher.wait(30)
        (seeds / "zz_dropped.txt").unlink(missing_ok=True)
    rebuilt = [line for line in log.read_text().splitlines() if "rebuilt in" in line][-1]
    return done - dropped, float(rebuilt.split("rebuilt in ")[1].split(" s")[0])


def scheduled_run(seeds: Path, out: Path, work: Path) -> dict:
    """The first scheduled run of ``flows.py serve`` every minute on a warm outputs folder."""
    from pipeline.ops.server import flow_runs, free_port, prefect_env

    port = free_port()
    command = [sys.executable, str(PROJECT_ROOT / "flows.py"), "serve", "--start-server"]
    command += ["--port", str(port), "--cron", "* * * * *"]
    command += ["--corpora", str(seeds), "--outputs", str(out)]
    env = prefect_env(work / "serve-home", PREFECT_RUNNER_POLL_FREQUENCY="2")
    url = f"http://127.0.0.1:{port}/api"
    done: list[dict] = []

    def completed() -> bool:
        try:
            done[:] = [r for r in flow_runs(url) if r["state_type"] == "COMPLETED"]
        except OSError:
            return False
        return bool(done)

    with (work / "serve.log").open("wb") as fh:
        serving = subprocess.Popen(command, env=env, stdout=fh, stderr=subprocess.STDOUT)
    try:
        _wait_for(completed, 400, "a completed scheduled run")
    finally:
        serving.send_signal(signal.SIGINT)  # Ctrl-C, as a user stops it
        try:
            serving.wait(60)
        except subprocess.TimeoutExpired:
            serving.kill()
            serving.wait()
    return done[0]


def bench_latency(work: Path, env: dict[str, str]) -> str:
    seeds, out = work / "latency", work / "latency-out"
    make_corpus(seeds, 1)
    cli_run(seeds, out, env)  # warm the cache
    latency, rebuild = watch_latency(seeds, out, env, work / "watch.log")
    print(f"dropped file → KB: {latency:.1f} s (rebuild {rebuild:.1f} s)", flush=True)
    cli_run(seeds, out, env)  # the KB of the seeds again (the dropped file is gone)
    run = scheduled_run(seeds, out, work)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    rows = [
        [
            "file dropped → KB rewritten (`xlkb watch --poll 1`)",
            f"{latency:.1f}",
            f"rebuild {rebuild:.1f} s; the rest is the wait for the folder to settle",
        ],
        [
            "scheduled run, nothing changed (`flows.py serve`, cron every minute)",
            f"{run['total_run_time']:.1f}",
            f"{'auto-scheduled' if run['auto_scheduled'] else 'manual'}; "
            f"{summary['cached']} of {summary['documents']} documents from the cache, "
            f"kb.jsonl {'not rewritten' if summary['kb_unchanged'] else 'rewritten'}",
        ],
    ]
    return table(["what", "seconds", "notes"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parts", default="cache,scaling,runners,latency")
    parser.add_argument("--scales", default="1,2,4,8")
    parser.add_argument("--runner-scales", default="1,2")
    parser.add_argument(
        "--suffix", default="", help="appended to the section names (write --suffix=-full)"
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    work = Path(tempfile.mkdtemp(prefix="xlkb-ops-bench-"))
    env = {
        **os.environ,
        "PREFECT_HOME": str(work / "prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # One hash seed for the flow process and its Dask workers: the byte comparison is about
        # the task runner, not about stages whose output may depend on set ordering.
        "PYTHONHASHSEED": "0",
    }
    settings = load_settings()
    stages = ", ".join(stage_versions(settings)) or "none (ingest + language ID only)"
    if "ner" in stage_versions(settings):
        stages += f" (NER profile `{settings.ner_profile}`)"
    script = "benchmarks/ops_bench.py"
    label = f" ({args.suffix.lstrip('-')})" if args.suffix else ""

    def publish(name: str, title: str, body: str) -> None:
        write_section(f"{name}{args.suffix}", f"{title}{label}", body, script)
        print(body)

    try:
        if "cache" in parts:
            body = f"Stages: {stages}.\n\n" + bench_cache(work, env)
            publish("ops-cache", "Operations: cold, warm, one file added", body)
        if "scaling" in parts:
            scales = [int(x) for x in args.scales.split(",")]
            body = f"Stages: {stages}. Cold cache; copy k of each seed gets a line `[k]`.\n\n"
            body += bench_scaling(work, env, scales)
            publish("ops-scaling", "Operations: scaling with corpus size", body)
        if "runners" in parts:
            scales = [int(x) for x in args.runner_scales.split(",")]
            body = f"Stages: {stages}. Cold cache.\n\n" + bench_runners(work, env, scales)
            publish("ops-runners", "Operations: thread pool vs Dask", body)
        if "latency" in parts:
            body = f"Stages: {stages}. Warm cache on the seeds.\n\n" + bench_latency(work, env)
            publish("ops-latency", "Operations: from a dropped file, and a scheduled run", body)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
