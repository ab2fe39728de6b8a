"""What a run did: its problems per file and its summary (``outputs/summary.json``).

Below both the builder (:mod:`pipeline.build`) and the report (:mod:`pipeline.ops.report`),
which read and write these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.records import AnalyzedDocument


def add_time(timings: dict[str, float], step: str, seconds: float) -> None:
    """Add ``seconds`` to ``timings[step]``."""
    timings[step] = timings.get(step, 0.0) + seconds


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
    dropped: int = 0
    """Documents (by path) of the previous KB that this run no longer holds."""
    last_analysis: dict[str, Any] | None = None
    """The seconds per step of the latest run that analyzed documents (this one, or an earlier
    one when every document came from the cache): ``at`` (UTC), ``documents``, ``seconds``."""

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
            "dropped": self.dropped,
            "last_analysis": self.last_analysis,
        }

    def add_documents(self, docs: list[AnalyzedDocument]) -> None:
        """Add the per-step seconds of ``docs`` and count the ones served from the cache."""
        for doc in docs:
            for step, seconds in doc.timings.items():
                add_time(self.seconds, step, seconds)
            self.cached += "cache" in doc.timings
