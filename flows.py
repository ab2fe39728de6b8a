"""Prefect 3 flow ``build_kb``: corpora/ → outputs/kb.jsonl.

Tasks are thin wrappers over the plain functions in ``pipeline`` (``xlkb run`` calls the same
functions without Prefect). Per document: a cache lookup (``outputs/.cache``), and for a miss
preparation (read, decode, mask noise, segment, identify languages) → one task per registered
document stage → cache store; then the corpus-level stages (alignment) and the writer. Models are
never task arguments: stages load them lazily in each worker. The whole run holds
``outputs/.lock``. The task runner comes from settings (``XLKB_TASK_RUNNER=dask`` for
``prefect-dask``). Runs offline against Prefect's ephemeral local server unless
``PREFECT_API_URL`` names a server.

    python flows.py [--corpora DIR] [--outputs DIR] [--task-runner default|dask]
    python flows.py serve [--cron "0 2 * * *"] [--start-server --port 4200]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

from pipeline.prefect_env import configure_offline

configure_offline()

from prefect import Flow, State, flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.futures import PrefectFuture  # noqa: E402
from prefect.states import Failed  # noqa: E402

from pipeline.analyze import run_document_stages  # noqa: E402
from pipeline.build import (  # noqa: E402
    BuildSummary,
    FileProblem,
    check_corpus,
    find_corpus_files,
    load_cached,
    prepare_or_report,
    run_corpus_stages,
    write_outputs,
    write_summary,
)
from pipeline.errors import (  # noqa: E402
    ServerUnavailable,
    XlkbError,
    as_user_error,
    check_writable,
    report_error,
)
from pipeline.ingest import CorpusFile  # noqa: E402
from pipeline.ops.cache import DocumentCache  # noqa: E402
from pipeline.ops.lock import OutputsLock  # noqa: E402
from pipeline.ops.progress import Heartbeat  # noqa: E402
from pipeline.ops.runner import make_task_runner  # noqa: E402
from pipeline.records import AnalyzedDocument  # noqa: E402
from pipeline.settings import Settings, load_settings  # noqa: E402
from pipeline.stages import CorpusResult, document_stages  # noqa: E402

Outcome = AnalyzedDocument | FileProblem
DEPLOYMENT_NAME = "xlkb-scheduled"
"""Name of the served deployment (``build_kb/xlkb-scheduled``)."""


@task(name="cache-lookup", cache_policy=NO_CACHE, task_run_name="cache-lookup: {file.path}")
def cache_lookup_task(file: CorpusFile, settings: Settings) -> AnalyzedDocument | None:
    """The stored analysis of an unchanged file from ``outputs/.cache``, or None."""
    doc = load_cached(file, DocumentCache(settings))
    get_run_logger().info("%s: %s", file.path, "cached" if doc else "to analyze")
    return doc


@task(name="prepare", cache_policy=NO_CACHE, task_run_name="prepare: {file.path}")
def prepare_task(file: CorpusFile, settings: Settings) -> Outcome:
    """Read, decode, mask page noise, segment and identify languages of one file (a bad file
    becomes a FileProblem)."""
    doc = prepare_or_report(file, settings)
    if isinstance(doc, AnalyzedDocument):
        get_run_logger().info(
            "%s: %d chars (%s), %d sentences, %s (%s)",
            doc.path,
            len(doc.text),
            doc.encoding,
            len(doc.sentences),
            doc.lang,
            doc.script,
        )
    else:
        get_run_logger().error("skipping %s: %s", doc.path, doc.reason)
    return doc


@task(name="document-stage", cache_policy=NO_CACHE, task_run_name="{stage}")
def stage_task(doc: Outcome, stage: str, settings: Settings) -> Outcome:
    """Run one registered document stage (NER, dates, events ...)."""
    if isinstance(doc, AnalyzedDocument):
        with Heartbeat(f"{doc.path}: {stage}", get_run_logger().info):
            run_document_stages(doc, settings, only=stage)
        found = {
            field: len(getattr(doc, field))
            for s in document_stages(settings)
            if s.name == stage
            for field in s.provides
        }
        get_run_logger().info("%s: %s → %s", doc.path, stage, found)
    return doc


@task(name="cache-store", cache_policy=NO_CACHE)
def cache_store_task(doc: Outcome, settings: Settings) -> Outcome:
    """Store a fully analyzed document in ``outputs/.cache``."""
    if isinstance(doc, AnalyzedDocument):
        DocumentCache(settings).store(doc)
    return doc


@task(name="align", cache_policy=NO_CACHE)
def corpus_task(
    docs: list[AnalyzedDocument], settings: Settings
) -> tuple[CorpusResult, dict[str, float]]:
    """Corpus-level stages: entity clustering and event alignment across documents/languages."""
    timings: dict[str, float] = {}
    result = run_corpus_stages(docs, settings, timings, on_progress=get_run_logger().info)
    get_run_logger().info(
        "%d entities, %d events from %d documents",
        len(result.entities),
        len(result.events),
        len(docs),
    )
    return result, timings


@task(name="write", cache_policy=NO_CACHE)
def write_task(
    docs: list[AnalyzedDocument],
    corpus: CorpusResult,
    problems: list[FileProblem],
    settings: Settings,
    summary: BuildSummary,
) -> BuildSummary:
    """Validate and atomically write kb.jsonl, errors.jsonl and report.html."""
    return write_outputs(docs, corpus, problems, settings, summary)


@flow(name="build_kb", log_prints=True, task_runner=make_task_runner(load_settings()))
def build_kb(
    corpora_dir: str | None = None, outputs_dir: str | None = None
) -> dict[str, Any] | State[Any]:
    """Build outputs/kb.jsonl from every document under the corpora folder.

    A problem the user can fix (missing corpora, rejected files, busy lock, unwritable outputs)
    ends the run in a ``Failed`` state whose message is one sentence, without a traceback.
    """
    started = time.perf_counter()
    logger = get_run_logger()
    try:
        settings = load_settings(corpora_dir=corpora_dir, outputs_dir=outputs_dir)
        summary = _build(settings)
    except (XlkbError, OSError) as exc:
        error = as_user_error(exc)
        if not isinstance(error, XlkbError):
            raise
        logger.error("%s", error)
        return Failed(message=str(error), data=error)
    summary.wall_seconds = time.perf_counter() - started
    write_summary(settings, summary)
    logger.info("wrote %s: %s", settings.kb_path, summary.as_json())
    return summary.as_json()


def _build(settings: Settings) -> BuildSummary:
    """The flow's body: per-document tasks, then the corpus part shared with ``xlkb run``."""
    logger = get_run_logger()
    files = find_corpus_files(settings)
    check_writable(settings.outputs_dir)
    stage_names = [s.name for s in document_stages(settings)]
    logger.info("%d files, document stages: %s", len(files), ", ".join(stage_names) or "none")
    with OutputsLock(settings.outputs_dir, settings.lock_wait_seconds):
        lookups = [cache_lookup_task.submit(file, settings) for file in files]
        pending: list[AnalyzedDocument | PrefectFuture[Outcome]] = []
        for file, lookup in zip(files, lookups, strict=True):
            cached = lookup.result()
            if cached is not None:
                pending.append(cached)
                continue
            future = prepare_task.submit(file, settings)
            # Prefect resolves a future passed as an argument to its result, which its typed
            # ``submit`` overloads cannot express (they expect the parameter's own type)
            for name in stage_names:
                future = stage_task.submit(future, name, settings)  # type: ignore[call-overload]
            pending.append(cache_store_task.submit(future, settings))  # type: ignore[call-overload]
        outcomes = [p if isinstance(p, AnalyzedDocument) else p.result() for p in pending]
        docs = [o for o in outcomes if isinstance(o, AnalyzedDocument)]
        problems = [o for o in outcomes if isinstance(o, FileProblem)]
        summary = BuildSummary()
        summary.add_documents(docs)
        logger.info(
            "%d documents from the cache, %d analyzed", summary.cached, len(docs) - summary.cached
        )
        docs, problems = check_corpus(docs, problems, settings, summary)
        for p in problems:
            logger.warning("%s: %s (%s)", p.path, p.reason, p.severity)
        corpus, corpus_seconds = corpus_task.submit(docs, settings).result()
        for step, seconds in corpus_seconds.items():
            summary.seconds[step] = summary.seconds.get(step, 0.0) + seconds
        return write_task.submit(docs, corpus, problems, settings, summary).result()


def flow_for(
    settings: Settings,
) -> Flow[[str | None, str | None], dict[str, Any] | State[Any]]:
    """``build_kb`` with the task runner ``settings`` ask for."""
    return build_kb.with_options(task_runner=make_task_runner(settings))


def serve(settings: Settings, name: str = DEPLOYMENT_NAME, cron: str | None = None) -> None:
    """Serve ``build_kb`` as deployment ``name`` on ``cron`` (default ``settings.schedule_cron``).

    Needs a Prefect server (``PREFECT_API_URL``): Prefect's temporary server schedules nothing, so
    without one this raises :class:`pipeline.ops.server.ServerUnavailable` saying what to run.
    """
    from pipeline.ops.server import require_api

    url = require_api()
    print(
        f"xlkb: serving build_kb/{name} on cron {cron or settings.schedule_cron!r} "
        f"(Prefect API {url}); Ctrl-C stops",
        file=sys.stderr,
        flush=True,
    )
    build_kb.serve(
        name=name,
        cron=cron or settings.schedule_cron,
        parameters={
            "corpora_dir": str(settings.corpora_dir),
            "outputs_dir": str(settings.outputs_dir),
        },
        description="Rebuild the xlkb knowledge base from the corpora folder.",
        tags=["xlkb"],
    )


def serve_command(settings: Settings, args: argparse.Namespace) -> int:
    """``flows.py serve [--start-server --port PORT]``: the deployment, on a server that schedules.

    ``--start-server`` runs ``prefect server start`` on 127.0.0.1:PORT for as long as this
    command (its log: ``$PREFECT_HOME/server.log``), or uses the Prefect server already
    answering there; otherwise ``PREFECT_API_URL`` must name a running server.
    """
    from pipeline.ops.server import local_server, prefect_home

    if args.task_runner:  # served runs start in subprocesses that read the environment
        os.environ["XLKB_TASK_RUNNER"] = args.task_runner
    try:
        if args.start_server:
            log_path = prefect_home() / "server.log"
            with local_server(args.port, log_path=log_path) as url:
                print(f"xlkb: Prefect UI on {url.removesuffix('/api')}", file=sys.stderr)
                serve(settings, args.name, args.cron)
        else:
            serve(settings, args.name, args.cron)
    except ServerUnavailable as exc:
        return report_error(exc)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run or serve the build_kb Prefect flow.")
    parser.add_argument(
        "command", nargs="?", default="run", choices=["run", "serve"], help="default: run"
    )
    parser.add_argument("--corpora", help="corpora folder (default: corpora/)")
    parser.add_argument("--outputs", help="outputs folder (default: outputs/)")
    parser.add_argument("--task-runner", choices=["default", "dask"], help="override settings")
    parser.add_argument("--cron", help="serve: cron schedule (default: settings.schedule_cron)")
    parser.add_argument("--name", default=DEPLOYMENT_NAME, help="serve: deployment name")
    parser.add_argument(
        "--start-server",
        action="store_true",
        help="serve: also run a local Prefect server on 127.0.0.1 (UI at http://127.0.0.1:PORT)",
    )
    parser.add_argument("--port", type=int, default=4200, help="port of --start-server")
    args = parser.parse_args(argv)
    try:
        settings = load_settings(
            corpora_dir=args.corpora, outputs_dir=args.outputs, task_runner=args.task_runner
        )
        if args.command == "run":  # the common mistakes, before a Prefect server starts
            find_corpus_files(settings)
            check_writable(settings.outputs_dir)
    except (XlkbError, OSError) as exc:
        return report_error(exc)
    if args.command == "serve":
        return serve_command(settings, args)
    state = flow_for(settings)(
        corpora_dir=str(settings.corpora_dir),
        outputs_dir=str(settings.outputs_dir),
        return_state=True,
    )
    if state.is_failed():
        try:
            state.result()
        except (XlkbError, OSError) as exc:
            return report_error(exc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
