"""Prefect 3 flow ``build_kb``: corpora/ → outputs/kb.jsonl.

Tasks are thin wrappers over the plain functions in ``pipeline`` (``xlkb run`` calls the same
functions without Prefect). Per document: ingest (read, decode, mask noise, segment) → language
identification → one task per registered document stage; then the corpus-level stages
(alignment) and the writer. Models are never task arguments: stages load them lazily in each
worker. Runs offline against Prefect's ephemeral local server.

    python flows.py [--corpora DIR] [--outputs DIR]
"""

from __future__ import annotations

import argparse
import sys

from pipeline.prefect_env import configure_offline

configure_offline()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from pipeline.analyze import (  # noqa: E402
    identify_languages,
    read_document,
    run_document_stages,
    segment_document,
)
from pipeline.build import (  # noqa: E402
    BuildSummary,
    FileProblem,
    drop_duplicates,
    find_corpus_files,
    language_warning,
    run_corpus_stages,
    write_outputs,
)
from pipeline.ingest import CorpusFile, IngestError  # noqa: E402
from pipeline.records import AnalyzedDocument  # noqa: E402
from pipeline.settings import Settings, load_settings  # noqa: E402
from pipeline.stages import CorpusResult, document_stages  # noqa: E402

Outcome = AnalyzedDocument | FileProblem


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(file: CorpusFile, settings: Settings) -> Outcome:
    """Read, decode, mask page noise and segment one file (a bad file becomes a FileProblem)."""
    try:
        doc = read_document(file, settings)
    except IngestError as exc:
        get_run_logger().error("skipping %s: %s", exc.path, exc.reason)
        return FileProblem(exc.path, exc.reason)
    segment_document(doc)
    return doc


@task(name="language", cache_policy=NO_CACHE)
def language_task(doc: Outcome) -> Outcome:
    """Per-segment and document language identification."""
    if isinstance(doc, AnalyzedDocument):
        identify_languages(doc)
    return doc


@task(name="document-stage", cache_policy=NO_CACHE, task_run_name="{stage}")
def stage_task(doc: Outcome, stage: str, settings: Settings) -> Outcome:
    """Run one registered document stage (NER, dates, events ...)."""
    if isinstance(doc, AnalyzedDocument):
        run_document_stages(doc, settings, only=stage)
    return doc


@task(name="align", cache_policy=NO_CACHE)
def corpus_task(docs: list[AnalyzedDocument], settings: Settings) -> CorpusResult:
    """Corpus-level stages: entity clustering and event alignment across documents/languages."""
    return run_corpus_stages(docs, settings)


@task(name="write", cache_policy=NO_CACHE)
def write_task(
    docs: list[AnalyzedDocument],
    corpus: CorpusResult,
    problems: list[FileProblem],
    settings: Settings,
) -> BuildSummary:
    """Validate and atomically write kb.jsonl and errors.jsonl."""
    return write_outputs(docs, corpus, problems, settings, BuildSummary())


@flow(name="build_kb", log_prints=True, task_runner=ThreadPoolTaskRunner(max_workers=2))
def build_kb(corpora_dir: str | None = None, outputs_dir: str | None = None) -> dict:
    """Build outputs/kb.jsonl from every document under the corpora folder."""
    settings = load_settings(corpora_dir=corpora_dir, outputs_dir=outputs_dir)
    logger = get_run_logger()
    files = find_corpus_files(settings)
    stage_names = [s.name for s in document_stages(settings)]
    logger.info("%d files, document stages: %s", len(files), ", ".join(stage_names) or "none")
    futures = []
    for file in files:
        future = language_task.submit(ingest_task.submit(file, settings))
        for name in stage_names:
            future = stage_task.submit(future, name, settings)
        futures.append(future)
    outcomes = [f.result() for f in futures]
    docs = [o for o in outcomes if isinstance(o, AnalyzedDocument)]
    problems = [o for o in outcomes if isinstance(o, FileProblem)]
    docs, duplicates = drop_duplicates(docs)
    problems += duplicates + [w for w in (language_warning(d) for d in docs) if w]
    for p in problems:
        logger.warning("%s: %s (%s)", p.path, p.reason, p.severity)
    corpus = corpus_task.submit(docs, settings).result()
    summary = write_task.submit(docs, corpus, problems, settings).result()
    logger.info("wrote %s: %s", settings.kb_path, summary.as_json())
    return summary.as_json()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the build_kb Prefect flow.")
    parser.add_argument("--corpora", help="corpora folder (default: corpora/)")
    parser.add_argument("--outputs", help="outputs folder (default: outputs/)")
    args = parser.parse_args(argv)
    from pipeline.build import CorpusError

    try:
        build_kb(corpora_dir=args.corpora, outputs_dir=args.outputs)
    except CorpusError as exc:
        print(f"xlkb: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
