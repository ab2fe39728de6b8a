"""Build the knowledge base from a corpora folder without Prefect (``xlkb run``, tests).

The Prefect flow in ``flows.py`` wires exactly these functions as tasks.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pipeline.analyze import analyze_file
from pipeline.ingest import CorpusFile, IngestError, discover
from pipeline.kb import build_records, write_jsonl
from pipeline.lang import SUPPORTED
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
    """Wall seconds per stage (ingest, langid, each document stage, each corpus stage, write)."""

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
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }


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
    docs: list[AnalyzedDocument], settings: Settings, timings: dict[str, float] | None = None
) -> CorpusResult:
    """Run the registered corpus stages (alignment) over all documents."""
    result = CorpusResult()
    for stage in corpus_stages(settings):
        started = time.perf_counter()
        stage.run(docs, result)
        if timings is not None:
            timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - started
    return result


def write_outputs(
    docs: list[AnalyzedDocument],
    corpus: CorpusResult,
    problems: list[FileProblem],
    settings: Settings,
    summary: BuildSummary,
) -> BuildSummary:
    """Write ``kb.jsonl`` and ``errors.jsonl`` atomically and fill the counts of ``summary``."""
    started = time.perf_counter()
    records = build_records(docs, corpus)
    summary.records = write_jsonl(settings.kb_path, records)
    problems = sorted(problems, key=lambda p: (p.path, p.reason))
    write_jsonl(settings.errors_path, (p.as_json() for p in problems), validate=False)
    summary.errors = problems
    counts: dict[str, int] = {}
    for r in records:
        counts[r["type"]] = counts.get(r["type"], 0) + 1
    summary.documents = counts.get("document", 0)
    summary.mentions = counts.get("mention", 0)
    summary.times = counts.get("time", 0)
    summary.entities = counts.get("entity", 0)
    summary.events = counts.get("event", 0)
    summary.seconds["write"] = time.perf_counter() - started
    return summary


def analyze_or_report(
    file: CorpusFile, settings: Settings, timings: dict[str, float]
) -> AnalyzedDocument | FileProblem:
    """Analyze one file; a bad file becomes a :class:`FileProblem` (logged) instead of an exception."""
    try:
        return analyze_file(file, settings, timings)
    except IngestError as exc:
        log.error("skipping %s: %s", exc.path, exc.reason)
        return FileProblem(exc.path, exc.reason)


def build_kb(settings: Settings, on_document: Callable[[str], None] | None = None) -> BuildSummary:
    """Analyze every file under ``settings.corpora_dir`` and write the KB. No Prefect involved."""
    summary = BuildSummary()
    files = find_corpus_files(settings)
    docs: list[AnalyzedDocument] = []
    problems: list[FileProblem] = []
    for file in files:
        outcome = analyze_or_report(file, settings, summary.seconds)
        if isinstance(outcome, FileProblem):
            problems.append(outcome)
        else:
            docs.append(outcome)
        if on_document:
            on_document(file.path)
    return finish_build(docs, problems, settings, summary)


def finish_build(
    docs: list[AnalyzedDocument],
    problems: list[FileProblem],
    settings: Settings,
    summary: BuildSummary,
) -> BuildSummary:
    """Corpus-level part shared by ``build_kb`` and the flow: dedupe, warn, align, write."""
    docs, duplicates = drop_duplicates(docs)
    problems = problems + duplicates
    problems += [w for w in (language_warning(d) for d in docs) if w]
    corpus = run_corpus_stages(docs, settings, summary.seconds)
    return write_outputs(docs, corpus, problems, settings, summary)
