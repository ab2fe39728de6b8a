"""``xlkb`` command line: ``run`` (no Prefect), ``flow`` (the Prefect flow), ``validate``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from pipeline.settings import load_settings


def _settings(args: argparse.Namespace):
    stages = None
    if getattr(args, "stages", None) is not None:
        stages = tuple(s for s in args.stages.split(",") if s)
    return load_settings(
        corpora_dir=Path(args.corpora) if args.corpora else None,
        outputs_dir=Path(args.outputs) if args.outputs else None,
        stages=stages,
        ner_profile=getattr(args, "profile", None),
    )


def cmd_run(args: argparse.Namespace) -> int:
    """Build the KB with plain function calls (debugging, no Prefect server)."""
    from rich.progress import Progress

    from pipeline.build import CorpusError, build_kb, find_corpus_files

    settings = _settings(args)
    try:
        total = len(find_corpus_files(settings))
        with Progress(transient=True) as progress:
            bar = progress.add_task("documents", total=total)
            summary = build_kb(settings, on_document=lambda path: progress.advance(bar))
    except CorpusError as exc:
        print(f"xlkb: error: {exc}", file=sys.stderr)
        return 2
    for problem in summary.errors:
        print(f"{problem.severity}: {problem.path}: {problem.reason}", file=sys.stderr)
    print(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
    return 0


def cmd_flow(args: argparse.Namespace) -> int:
    """Run the Prefect flow (what ``make run`` does)."""
    import importlib.util

    from pipeline.settings import PROJECT_ROOT

    spec = importlib.util.spec_from_file_location("flows", PROJECT_ROOT / "flows.py")
    if spec is None or spec.loader is None:
        print(f"xlkb: error: no flows.py in {PROJECT_ROOT}", file=sys.stderr)
        return 2
    flows = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(flows)
    return flows.main(
        [
            *(["--corpora", args.corpora] if args.corpora else []),
            *(["--outputs", args.outputs] if args.outputs else []),
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


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(
        prog="xlkb", description="Cross-lingual knowledge base builder"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, help_text in (
        ("run", cmd_run, "build the KB without Prefect (same functions as the flow)"),
        ("flow", cmd_flow, "build the KB with the Prefect flow build_kb"),
        ("validate", cmd_validate, "validate outputs/kb.jsonl"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.set_defaults(func=func)
        p.add_argument("--corpora", help="corpora folder (default: corpora/)")
        p.add_argument("--outputs", help="outputs folder (default: outputs/)")
        if name == "run":
            p.add_argument("--stages", help="comma-separated stage names to run (default: all)")
            p.add_argument("--profile", choices=["fast", "accurate"], help="NER profile")
        if name == "validate":
            p.add_argument("--kb", help="KB file (default: outputs/kb.jsonl)")
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
