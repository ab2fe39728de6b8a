"""The small interface every stage implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from pipeline.ops.progress import ProgressHook, ignore
from pipeline.records import AnalyzedDocument, Mention
from pipeline.settings import Settings


class DocumentStage:
    """Enriches one document in place. Subclasses set the class attributes and ``process``.

    Models are never passed around: a stage loads what it needs lazily (module-level caches keyed
    by settings), so a stage object is cheap to build on any worker.
    """

    name: ClassVar[str]
    """Registry name, e.g. ``ner``."""
    version: ClassVar[str]
    """Bumped whenever output may change; part of the per-document cache key."""
    provides: ClassVar[tuple[str, ...]] = ()
    """Fields of :class:`AnalyzedDocument` it fills (``mentions``, ``times``, ``events``)."""
    requires: ClassVar[tuple[str, ...]] = ("sentences",)
    """Fields that must be filled before it runs."""
    uses: ClassVar[tuple[str, ...]] = ()
    """Fields it reads when they are there: it runs after the enabled stages that provide them,
    and without them where none is enabled."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def cache_token(self) -> str:
        """Settings that affect this stage's output, folded into the cache key."""
        return ""

    def process(self, doc: AnalyzedDocument) -> None:
        raise NotImplementedError


@dataclass
class CorpusResult:
    """Corpus-level output: records ready for the KB writer (plain JSON-able dicts)."""

    entities: list[dict[str, Any]] = field(default_factory=list)
    """``entity`` records (contract fields plus evidence/confidence)."""
    events: list[dict[str, Any]] = field(default_factory=list)
    """``event`` records."""
    mention_entity: dict[tuple[str, int], str] = field(default_factory=dict)
    """(document id, mention index) → entity id, for the ``entity`` field of mention records. The
    index runs over the document's own mentions, then its ``added_mentions``."""
    added_mentions: dict[str, list[Mention]] = field(default_factory=dict)
    """Document id → mentions a corpus stage found in it (corpus name recall,
    :mod:`pipeline.align.recall`), in text order; they follow the document's own mentions in the
    ``mention_entity`` indexes. Kept here, not in the document, so that the per-document cache
    holds only what the document stages found."""


class CorpusStage:
    """Reads all analyzed documents and returns corpus-level records."""

    name: ClassVar[str]
    version: ClassVar[str]
    provides: ClassVar[tuple[str, ...]] = ()
    requires: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.progress: ProgressHook = ignore
        """Where ``run`` says what it is doing (set by the runner: progress bar, flow log)."""

    def run(self, docs: list[AnalyzedDocument], result: CorpusResult) -> None:
        """Add to ``result`` (stages run in dependency order and may read earlier output)."""
        raise NotImplementedError
