"""Build the knowledge base from a corpora folder without Prefect (``xlkb run``, tests).

The Prefect flow in ``flows.py`` wires exactly these functions as tasks.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.analyze import StepHook, prepare_document, run_document_stages
from pipeline.atomic import write_json_atomic
from pipeline.errors import CorpusError, NoDocumentsError
from pipeline.ingest import CorpusFile, IngestError, discover
from pipeline.kb import build_records, write_jsonl
from pipeline.lang import SUPPORTED
from pipeline.ops.cache import DocumentCache
from pipeline.ops.lock import OutputsLock
from pipeline.ops.progress import Heartbeat, ProgressHook
from pipeline.records import AnalyzedDocument
from pipeline.settings import Settings
from pipeline.stages import CorpusResult, corpus_stages
from pipeline.summary import BuildSummary, FileProblem, add_time

log = logging.getLogger("xlkb")

__all__ = ["BuildSummary", "CorpusError", "FileProblem", "build_kb", "finish_build"]


def find_corpus_files(settings: Settings) -> list[CorpusFile]:
    """Candidate files; raises :class:`CorpusError` when the folder is missing or empty."""
    try:
        files = discover(settings.corpora_dir)
    except FileNotFoundError as exc:
        raise CorpusError(str(exc)) from exc
    if not files:
        raise CorpusError(f"no .txt or .md documents under {settings.corpora_dir}")
    return files


def document_warnings(doc: AnalyzedDocument) -> list[FileProblem]:
    """Warnings for a document in the KB: an unsupported language, an uncertain decoding."""
    found = []
    if doc.lang not in SUPPORTED:
        found.append(
            FileProblem(
                doc.path,
                f"unsupported language '{doc.lang}': kept as a document, not analyzed by NER/dates",
                "warning",
            )
        )
    if doc.decode_warning:
        found.append(FileProblem(doc.path, doc.decode_warning, "warning"))
    return found


def drop_duplicates(
    docs: list[AnalyzedDocument],
) -> tuple[list[AnalyzedDocument], list[FileProblem]]:
    """Keep the first path (in path order) of files with identical bytes."""
    seen: dict[str, str] = {}
    kept, problems = [], []
    for doc in sorted(docs, key=lambda d: d.path):
        if doc.doc_id in seen:
            problems.append(
                FileProblem(doc.path, f"duplicate content of {seen[doc.doc_id]}; skipped")
            )
            continue
        seen[doc.doc_id] = doc.path
        kept.append(doc)
    return kept, problems


def previous_document_paths(kb_path: Path) -> set[str] | None:
    """Paths of the document records in an existing ``kb.jsonl`` (``None`` when there is none).

    Document records come first in the file, so reading stops at the first other record.
    """
    if not kb_path.is_file():
        return None
    paths: set[str] = set()
    with kb_path.open(encoding="utf-8") as fh:
        for line in fh:
            if '"type":"document"' not in line[:40]:
                break
            paths.add(json.loads(line)["path"])
    return paths


def check_corpus(
    docs: list[AnalyzedDocument],
    problems: list[FileProblem],
    settings: Settings,
    summary: BuildSummary,
) -> tuple[list[AnalyzedDocument], list[FileProblem]]:
    """Drop duplicate files, add per-document warnings, and refuse to replace a KB with less.

    Raises :class:`NoDocumentsError` (after writing ``errors.jsonl``, leaving ``kb.jsonl`` as it
    is) when no document survives. Adds a loud warning when more than
    ``settings.max_drop_share`` of the previous KB's documents are gone.
    """
    docs, duplicates = drop_duplicates(docs)
    problems = problems + duplicates
    problems += [w for d in docs for w in document_warnings(d)]
    problems.sort(key=lambda p: (p.path, p.reason))
    if not docs:
        write_jsonl(settings.errors_path, (p.as_json() for p in problems), validate=False)
        kept = f"; kept the previous {settings.kb_path}" if settings.kb_path.is_file() else ""
        raise NoDocumentsError(
            f"no document survived: all {len(problems)} file(s) under {settings.corpora_dir} were "
            f"rejected (reasons in {settings.errors_path}){kept}"
        )
    previous = previous_document_paths(settings.kb_path)
    if previous:
        gone = sorted(previous - {d.path for d in docs})
        summary.dropped = len(gone)
        if len(gone) > settings.max_drop_share * len(previous):
            message = (
                f"this run drops {len(gone)} of the {len(previous)} documents in the previous "
                f"KB (more than {settings.max_drop_share:.0%}), e.g. {', '.join(gone[:3])}"
            )
            log.warning(message)
            problems.insert(0, FileProblem(str(settings.corpora_dir), message, "warning"))
    return docs, problems


def run_corpus_stages(
    docs: list[AnalyzedDocument],
    settings: Settings,
    timings: dict[str, float] | None = None,
    on_step: StepHook | None = None,
    on_progress: ProgressHook | None = None,
) -> CorpusResult:
    """Run the registered corpus stages (alignment) over all documents.

    The result is reused from ``outputs/.cache`` only when exactly the same documents (paths and
    content) under the same settings produced it; any change reruns every corpus stage. Each
    stage tells ``on_progress`` what it is doing, and a heartbeat repeats it every few seconds.
    """
    timings = timings if timings is not None else {}
    cache = DocumentCache(settings)
    started = time.perf_counter()
    cached = cache.load_corpus(docs)
    if cached is not None:
        add_time(timings, "corpus-cache", time.perf_counter() - started)
        if on_step:
            on_step("corpus", "corpus-cache")
        return cached
    result = CorpusResult()
    for stage in corpus_stages(settings):
        started = time.perf_counter()
        with Heartbeat(stage.name, on_progress) as beat:
            beat.update(f"{len(docs)} documents")
            stage.progress = beat.update
            stage.run(docs, result)
        add_time(timings, stage.name, time.perf_counter() - started)
        if on_step:
            on_step("corpus", stage.name)
    cache.store_corpus(docs, result)
    return result


def write_outputs(
    docs: list[AnalyzedDocument],
    corpus: CorpusResult,
    problems: list[FileProblem],
    settings: Settings,
    summary: BuildSummary,
) -> BuildSummary:
    """Write ``kb.jsonl``, ``errors.jsonl``, ``summary.json`` and ``report.html``; fill ``summary``.

    Every file is written atomically. ``kb.jsonl`` is left as it is when the cache shows that it
    already holds byte for byte what these documents produce.
    """
    from pipeline.ops.report import write_report

    started = time.perf_counter()
    cache = DocumentCache(settings)
    marker = cache.unchanged_kb(docs, settings.kb_path)
    if marker is not None:
        counts, summary.records, summary.kb_unchanged = marker["counts"], marker["records"], True
    else:
        records = build_records(docs, corpus)
        summary.records = write_jsonl(settings.kb_path, records)
        log.info("wrote %d records to %s", summary.records, settings.kb_path)
        counts = {}
        for r in records:
            counts[r["type"]] = counts.get(r["type"], 0) + 1
        cache.remember_kb(docs, settings.kb_path, counts, summary.records)
    problems = sorted(problems, key=lambda p: (p.path, p.reason))
    write_jsonl(settings.errors_path, (p.as_json() for p in problems), validate=False)
    summary.errors = problems
    summary.documents = counts.get("document", 0)
    summary.mentions = counts.get("mention", 0)
    summary.times = counts.get("time", 0)
    summary.entities = counts.get("entity", 0)
    summary.events = counts.get("event", 0)
    add_time(summary.seconds, "write", time.perf_counter() - started)
    summary.last_analysis = last_analysis(settings, summary, len(docs))
    cache.prune(docs)
    started = time.perf_counter()
    write_report(settings, summary)
    add_time(summary.seconds, "report", time.perf_counter() - started)
    return summary


def last_analysis(
    settings: Settings, summary: BuildSummary, documents: int
) -> dict[str, Any] | None:
    """This run's seconds when it analyzed any document, else the previous ``summary.json``'s
    ``last_analysis`` (so a warm run does not hide what a full analysis costs)."""
    analyzed = documents - summary.cached
    if analyzed > 0:
        return {
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "documents": analyzed,
            "seconds": {k: round(v, 3) for k, v in summary.seconds.items()},
        }
    try:
        previous = json.loads((settings.outputs_dir / "summary.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return previous.get("last_analysis") if isinstance(previous, dict) else None


def write_summary(settings: Settings, summary: BuildSummary) -> None:
    """``outputs/summary.json``: the run summary (counts, errors, seconds per stage)."""
    data = summary.as_json()
    data["problems"] = [p.as_json() for p in summary.errors]
    write_json_atomic(settings.outputs_dir / "summary.json", data)


def load_cached(file: CorpusFile, cache: DocumentCache) -> AnalyzedDocument | None:
    """``file``'s analysis from the cache (its ``timings`` hold the lookup time), or ``None``."""
    started = time.perf_counter()
    doc = cache.load(file)
    if doc is not None:
        doc.timings["cache"] = time.perf_counter() - started
    return doc


def prepare_or_report(
    file: CorpusFile,
    settings: Settings,
    timings: dict[str, float] | None = None,
    on_step: StepHook | None = None,
) -> AnalyzedDocument | FileProblem:
    """Read, segment and identify the languages of one file (``prepare_document``); a bad file
    becomes a :class:`FileProblem` (logged) instead of an exception."""
    try:
        return prepare_document(file, settings, timings, on_step)
    except IngestError as exc:
        log.error("skipping %s: %s", exc.path, exc.reason)
        return FileProblem(exc.path, exc.reason)


def analyze_or_report(
    file: CorpusFile,
    settings: Settings,
    timings: dict[str, float],
    cache: DocumentCache | None = None,
    on_step: StepHook | None = None,
) -> AnalyzedDocument | FileProblem:
    """Analyze one file: the cached analysis, else :func:`prepare_or_report` and every document
    stage (stored in ``cache``). The flow runs the same functions, one task per step."""
    doc = load_cached(file, cache) if cache else None
    if doc is not None:
        add_time(timings, "cache", doc.timings["cache"])
        if on_step:
            on_step(file.path, "cache")
        log.info("from cache: %s", file.path)
        return doc
    outcome = prepare_or_report(file, settings, timings, on_step)
    if isinstance(outcome, FileProblem):
        return outcome
    run_document_stages(outcome, settings, timings=timings, on_step=on_step)
    if cache:
        cache.store(outcome)
    log.info("analyzed: %s", file.path)
    return outcome


def build_kb(
    settings: Settings,
    on_document: Callable[[str], None] | None = None,
    on_step: StepHook | None = None,
    on_progress: ProgressHook | None = None,
) -> BuildSummary:
    """Analyze every file under ``settings.corpora_dir`` and write the KB. No Prefect involved.

    Holds ``outputs/.lock`` for the whole run (waiting up to ``settings.lock_wait_seconds`` for
    another run). ``on_document`` is called after each file, ``on_step`` after each step, and
    ``on_progress`` with what the running step is doing, at least every few seconds.
    """
    started = time.perf_counter()
    summary = BuildSummary()
    files = find_corpus_files(settings)
    with OutputsLock(settings.outputs_dir, settings.lock_wait_seconds):
        cache = DocumentCache(settings)
        docs: list[AnalyzedDocument] = []
        problems: list[FileProblem] = []
        for file in files:
            with Heartbeat(f"analyzing {file.path}", on_progress):
                outcome = analyze_or_report(file, settings, summary.seconds, cache, on_step)
            if isinstance(outcome, FileProblem):
                problems.append(outcome)
            else:
                docs.append(outcome)
                summary.cached += "cache" in outcome.timings
            if on_document:
                on_document(file.path)
        finish_build(docs, problems, settings, summary, on_step, on_progress)
        summary.wall_seconds = time.perf_counter() - started
        write_summary(settings, summary)
    return summary


def finish_build(
    docs: list[AnalyzedDocument],
    problems: list[FileProblem],
    settings: Settings,
    summary: BuildSummary,
    on_step: StepHook | None = None,
    on_progress: ProgressHook | None = None,
) -> BuildSummary:
    """Corpus-level part of ``build_kb``: dedupe, warn, align, write."""
    docs, problems = check_corpus(docs, problems, settings, summary)
    log.info("corpus stages over %d documents", len(docs))
    corpus = run_corpus_stages(docs, settings, summary.seconds, on_step, on_progress)
    log.info("writing %s", settings.kb_path)
    write_outputs(docs, corpus, problems, settings, summary)
    if on_step:
        on_step("corpus", "write")
    return summary
