"""Build the knowledge base from a corpora folder without Prefect (``xlkb run``, tests).

The Prefect flow in ``flows.py`` wires exactly these functions as tasks.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pipeline.analyze import StepHook, add_time, analyze_file
from pipeline.ingest import CorpusFile, IngestError, discover
from pipeline.kb import build_records, write_jsonl
from pipeline.lang import SUPPORTED
from pipeline.ops.cache import DocumentCache, write_json_atomic
from pipeline.ops.lock import OutputsLock
from pipeline.records import AnalyzedDocument
from pipeline.settings import Settings
from pipeline.stages import CorpusResult, corpus_stages

log = logging.getLogger("xlkb")


class CorpusError(RuntimeError):
    """The corpora folder is missing or holds no candidate document."""


@dataclass(frozen=True)
class FileProblem:
    """A line of ``outputs/errors.jsonl``."""

    path: str
    """File path relative to the corpora folder."""
    reason: str
    """Why it was rejected or only partly analyzed."""
    severity: str = "error"
    """``error`` (not in the KB) or ``warning`` (in the KB, but e.g. not analyzed by NER)."""

    def as_json(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason, "severity": self.severity}


@dataclass
class BuildSummary:
    """What a run did."""

    documents: int = 0
    mentions: int = 0
    times: int = 0
    entities: int = 0
    events: int = 0
    records: int = 0
    errors: list[FileProblem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall seconds per stage (ingest, langid, each document stage, each corpus stage, write),
    summed over documents; ``cache`` is the time spent loading cached documents."""
    cached: int = 0
    """Documents whose analysis came from ``outputs/.cache`` instead of being recomputed."""
    kb_unchanged: bool = False
    """True when kb.jsonl already held exactly this output and was not rewritten."""
    wall_seconds: float = 0.0
    """Wall-clock duration of the whole run."""

    def as_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "mentions": self.mentions,
            "times": self.times,
            "entities": self.entities,
            "events": self.events,
            "records": self.records,
            "errors": len([e for e in self.errors if e.severity == "error"]),
            "warnings": len([e for e in self.errors if e.severity == "warning"]),
            "cached": self.cached,
            "kb_unchanged": self.kb_unchanged,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
            "wall_seconds": round(self.wall_seconds, 3),
        }

    def add_documents(self, docs: list[AnalyzedDocument]) -> None:
        """Add the per-step seconds of ``docs`` and count the ones served from the cache."""
        for doc in docs:
            for step, seconds in doc.timings.items():
                add_time(self.seconds, step, seconds)
            self.cached += "cache" in doc.timings


def find_corpus_files(settings: Settings) -> list[CorpusFile]:
    """Candidate files; raises :class:`CorpusError` when the folder is missing or empty."""
    try:
        files = discover(settings.corpora_dir)
    except FileNotFoundError as exc:
        raise CorpusError(str(exc)) from exc
    if not files:
        raise CorpusError(f"no .txt or .md documents under {settings.corpora_dir}")
    return files


def language_warning(doc: AnalyzedDocument) -> FileProblem | None:
    """A warning for a document whose language the analysis stages do not support."""
    if doc.lang in SUPPORTED:
        return None
    return FileProblem(
        doc.path,
        f"unsupported language '{doc.lang}': kept as a document, not analyzed by NER/dates",
        "warning",
    )


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


def run_corpus_stages(
    docs: list[AnalyzedDocument],
    settings: Settings,
    timings: dict[str, float] | None = None,
    on_step: StepHook | None = None,
) -> CorpusResult:
    """Run the registered corpus stages (alignment) over all documents.

    The result is reused from ``outputs/.cache`` only when exactly the same documents (paths and
    content) under the same settings produced it; any change reruns every corpus stage.
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
    cache.prune(docs)
    started = time.perf_counter()
    write_report(settings, summary)
    add_time(summary.seconds, "report", time.perf_counter() - started)
    return summary


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


def analyze_or_report(
    file: CorpusFile,
    settings: Settings,
    timings: dict[str, float],
    cache: DocumentCache | None = None,
    on_step: StepHook | None = None,
) -> AnalyzedDocument | FileProblem:
    """Analyze one file; a bad file becomes a :class:`FileProblem` (logged) instead of an exception.

    With ``cache``, an unchanged file's stored analysis is returned and a new one is stored.
    """
    try:
        doc = load_cached(file, cache) if cache else None
        if doc is not None:
            add_time(timings, "cache", doc.timings["cache"])
            if on_step:
                on_step(file.path, "cache")
            log.info("from cache: %s", file.path)
            return doc
        doc = analyze_file(file, settings, timings, on_step)
        if cache:
            cache.store(doc)
        log.info("analyzed: %s", file.path)
        return doc
    except IngestError as exc:
        log.error("skipping %s: %s", exc.path, exc.reason)
        return FileProblem(exc.path, exc.reason)


def build_kb(
    settings: Settings,
    on_document: Callable[[str], None] | None = None,
    on_step: StepHook | None = None,
) -> BuildSummary:
    """Analyze every file under ``settings.corpora_dir`` and write the KB. No Prefect involved.

    Holds ``outputs/.lock`` for the whole run (waiting up to ``settings.lock_wait_seconds`` for
    another run). ``on_document`` is called after each file, ``on_step`` after each step.
    """
    started = time.perf_counter()
    summary = BuildSummary()
    files = find_corpus_files(settings)
    with OutputsLock(settings.outputs_dir, settings.lock_wait_seconds):
        cache = DocumentCache(settings)
        docs: list[AnalyzedDocument] = []
        problems: list[FileProblem] = []
        for file in files:
            outcome = analyze_or_report(file, settings, summary.seconds, cache, on_step)
            if isinstance(outcome, FileProblem):
                problems.append(outcome)
            else:
                docs.append(outcome)
                summary.cached += "cache" in outcome.timings
            if on_document:
                on_document(file.path)
        finish_build(docs, problems, settings, summary, on_step)
        summary.wall_seconds = time.perf_counter() - started
        write_summary(settings, summary)
    return summary


def finish_build(
    docs: list[AnalyzedDocument],
    problems: list[FileProblem],
    settings: Settings,
    summary: BuildSummary,
    on_step: StepHook | None = None,
) -> BuildSummary:
    """Corpus-level part shared by ``build_kb`` and the flow: dedupe, warn, align, write."""
    docs, duplicates = drop_duplicates(docs)
    problems = problems + duplicates
    problems += [w for w in (language_warning(d) for d in docs) if w]
    log.info("corpus stages over %d documents", len(docs))
    corpus = run_corpus_stages(docs, settings, summary.seconds, on_step)
    log.info("writing %s", settings.kb_path)
    write_outputs(docs, corpus, problems, settings, summary)
    if on_step:
        on_step("corpus", "write")
    return summary
