"""``xlkb`` command line: ``run`` (no Prefect), ``flow`` (the Prefect flow), ``watch`` (drop
folder), ``serve`` (scheduled deployment), ``validate``."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import EXIT_CODES, XlkbError, report_error
from pipeline.settings import Settings, load_settings

if TYPE_CHECKING:
    from rich.progress import Progress

    from pipeline.ops.watch import Snapshot
    from pipeline.summary import BuildSummary


def _settings(args: argparse.Namespace, **extra: Any) -> Settings:
    models = getattr(args, "models", None)
    stages = None
    if getattr(args, "stages", None) is not None:
        stages = tuple(s for s in args.stages.split(",") if s)
    return load_settings(
        corpora_dir=Path(args.corpora) if getattr(args, "corpora", None) else None,
        outputs_dir=Path(args.outputs) if getattr(args, "outputs", None) else None,
        models_dir=Path(models) if models else None,
        stages=stages,
        ner_profile=getattr(args, "profile", None),
        lock_wait_seconds=getattr(args, "wait", None),
        use_cache=False if getattr(args, "no_cache", False) else None,
        **extra,
    )


def _progress_hooks(
    progress: Progress, settings: Settings, total_files: int
) -> tuple[Callable[[str], None], Callable[[str, str], None], Callable[[str], None]]:
    """A documents bar and a steps bar (every document step, then the corpus steps)."""
    from pipeline.stages import corpus_stages, document_stages

    per_doc = 2 + len(document_stages(settings))  # ingest, langid, each document stage
    corpus_steps = len(corpus_stages(settings)) + 1  # each corpus stage, write
    docs_bar = progress.add_task("documents", total=total_files)
    steps_bar = progress.add_task("steps", total=total_files * per_doc + corpus_steps)
    done = {"docs": 0}

    def on_step(path: str, step: str) -> None:
        if path == "corpus":
            advance = corpus_steps - 1 if step == "corpus-cache" else 1
        else:
            advance = per_doc if step == "cache" else 1
        progress.update(steps_bar, advance=advance, description=f"{step}: {path}")

    def on_document(path: str) -> None:
        done["docs"] += 1
        progress.update(docs_bar, advance=1, description=f"documents ({path})")
        progress.update(steps_bar, completed=done["docs"] * per_doc)

    def on_progress(message: str) -> None:
        progress.update(steps_bar, description=message)

    return on_document, on_step, on_progress


def _print_summary(summary: BuildSummary) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="xlkb run", show_header=True)
    table.add_column("step")
    table.add_column("seconds", justify="right")
    for step, seconds in summary.seconds.items():
        table.add_row(step, f"{seconds:.2f}")
    table.add_row("total (wall)", f"{summary.wall_seconds:.2f}")
    console = Console(stderr=True)
    console.print(table)
    console.print(
        f"{summary.documents} documents ({summary.cached} from cache), {summary.mentions} "
        f"mentions, {summary.entities} entities, {summary.times} times, {summary.events} events, "
        f"{len([e for e in summary.errors if e.severity == 'error'])} errors"
        + (" — kb.jsonl unchanged" if summary.kb_unchanged else "")
    )


def cmd_run(args: argparse.Namespace) -> int:
    """Build the KB with plain function calls (debugging, no Prefect server).

    Progress bars are drawn when stderr is a terminal (rich is not even imported otherwise).
    """
    from pipeline.build import build_kb, find_corpus_files
    from pipeline.errors import check_writable

    settings = _settings(args)
    total = len(find_corpus_files(settings))
    check_writable(settings.outputs_dir)
    if sys.stderr.isatty():
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, transient=True) as progress:
            on_document, on_step, on_progress = _progress_hooks(progress, settings, total)
            summary = build_kb(
                settings, on_document=on_document, on_step=on_step, on_progress=on_progress
            )
    else:  # a log line per step instead of bars (INFO shows with -v)
        summary = build_kb(settings, on_progress=logging.getLogger("xlkb.progress").info)
    for problem in summary.errors:
        print(f"{problem.severity}: {problem.path}: {problem.reason}", file=sys.stderr)
    if not args.quiet:
        _print_summary(summary)
    print(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    """Rebuild whenever files under the corpora folder are added, changed or removed."""
    from pipeline.ops.watch import DropFolderWatcher, default_build

    logging.getLogger("xlkb.watch").setLevel(logging.INFO)  # what it sees and when it rebuilt
    settings = _settings(args, poll_seconds=args.poll)
    build: Callable[[Settings], Any] = default_build
    if args.flow:
        import flows  # flows.py, installed beside the package

        flow = flows.flow_for(settings)

        def build_with_flow(s: Settings) -> Any:
            return flow(str(s.corpora_dir), str(s.outputs_dir))  # corpora_dir, outputs_dir

        build = build_with_flow

    def report(state: Snapshot, result: Any) -> None:
        counts = result if isinstance(result, dict) else result.as_json()
        print(
            f"xlkb watch: rebuilt from {len(state)} files: {counts['documents']} documents, "
            f"{counts['cached']} from cache, {counts['errors']} errors",
            file=sys.stderr,
            flush=True,
        )

    watcher = DropFolderWatcher(settings, build, report)
    try:
        watcher.run(max_builds=args.max_builds)
    except KeyboardInterrupt:
        pass
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the build_kb deployment on its cron schedule (``python flows.py serve``)."""
    import flows  # flows.py, installed beside the package

    return flows.main(
        [
            "serve",
            *(["--corpora", args.corpora] if getattr(args, "corpora", None) else []),
            *(["--outputs", args.outputs] if getattr(args, "outputs", None) else []),
            *(["--cron", args.cron] if args.cron else []),
            *(["--start-server", "--port", str(args.port)] if args.start_server else []),
        ]
    )


def cmd_flow(args: argparse.Namespace) -> int:
    """Run the Prefect flow (what ``make run`` does)."""
    import flows  # flows.py, installed beside the package

    return flows.main(
        [
            *(["--corpora", args.corpora] if getattr(args, "corpora", None) else []),
            *(["--outputs", args.outputs] if getattr(args, "outputs", None) else []),
            *(["--task-runner", args.task_runner] if args.task_runner else []),
        ]
    )


def cmd_validate(args: argparse.Namespace) -> int:
    """Check an existing kb.jsonl against the schema and its offsets against the documents."""
    from pipeline.kb.validate import validate_kb

    settings = _settings(args)
    problems = validate_kb(Path(args.kb) if args.kb else settings.kb_path, settings.corpora_dir)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{'invalid' if problems else 'valid'}: {len(problems)} problem(s)")
    return 1 if problems else 0


def _common_options() -> argparse.ArgumentParser:
    """Options accepted before or after the subcommand (``xlkb -v run`` = ``xlkb run -v``)."""
    common = argparse.ArgumentParser(add_help=False)
    unset = argparse.SUPPRESS  # so a value given before the subcommand is not reset after it
    common.add_argument("-v", "--verbose", action="store_true", default=unset, help="log at INFO")
    common.add_argument("--corpora", default=unset, help="corpora folder (default: ./corpora)")
    common.add_argument("--outputs", default=unset, help="outputs folder (default: ./outputs)")
    common.add_argument(
        "--models",
        default=unset,
        help="models folder (default: $XLKB_MODELS_DIR, else the checkout's models/)",
    )
    return common


def _exit_codes_epilog() -> str:
    return "exit codes: 0 ok; " + "; ".join(f"{code} {what}" for code, what in EXIT_CODES.items())


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="xlkb",
        description="Cross-lingual knowledge base builder",
        parents=[common],
        epilog=_exit_codes_epilog(),
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, help_text in (
        ("run", cmd_run, "build the KB without Prefect (same functions as the flow)"),
        ("flow", cmd_flow, "build the KB with the Prefect flow build_kb"),
        ("watch", cmd_watch, "rebuild when files under the corpora folder change"),
        ("serve", cmd_serve, "serve the build_kb deployment on a cron schedule"),
        ("validate", cmd_validate, "validate outputs/kb.jsonl"),
    ):
        p = sub.add_parser(name, help=help_text, parents=[common], epilog=_exit_codes_epilog())
        p.set_defaults(func=func)
        if name in ("run", "watch"):
            p.add_argument("--stages", help="comma-separated stage names to run (default: all)")
            p.add_argument("--profile", choices=["fast", "accurate"], help="NER profile")
            p.add_argument("--no-cache", action="store_true", help="ignore outputs/.cache")
            p.add_argument(
                "--wait", type=float, help="seconds to wait for another run's lock (default 60)"
            )
        if name == "run":
            p.add_argument("-q", "--quiet", action="store_true", help="no summary table")
        if name == "watch":
            p.add_argument("--poll", type=float, help="poll interval in seconds (default 10)")
            p.add_argument("--flow", action="store_true", help="rebuild with the Prefect flow")
            p.add_argument("--max-builds", type=int, help="stop after this many rebuilds")
        if name == "flow":
            p.add_argument("--task-runner", choices=["default", "dask"], help="override settings")
        if name == "serve":
            p.add_argument("--cron", help="cron schedule (default: settings.schedule_cron)")
            p.add_argument(
                "--start-server", action="store_true", help="also run a local Prefect server"
            )
            p.add_argument("--port", type=int, default=4200, help="port of --start-server")
        if name == "validate":
            p.add_argument("--kb", help="KB file (default: outputs/kb.jsonl)")
    args = parser.parse_args(argv)
    if getattr(args, "models", None):  # read by every model loader, the flow and its workers
        os.environ["XLKB_MODELS_DIR"] = str(Path(args.models).resolve())
    if getattr(args, "verbose", False):
        logging.getLogger("xlkb").setLevel(logging.INFO)
    try:
        code: int = args.func(args)
        return code
    except (XlkbError, OSError) as exc:
        return report_error(exc)


if __name__ == "__main__":
    sys.exit(main())
