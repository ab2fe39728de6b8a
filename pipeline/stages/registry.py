"""One explicit registry of stages, ordered by what they provide and require."""

from __future__ import annotations

import importlib
from typing import TypeVar

from pipeline.settings import Settings
from pipeline.stages.base import CorpusStage, DocumentStage

Stage = TypeVar("Stage", DocumentStage, CorpusStage)

_DOCUMENT: dict[str, type[DocumentStage]] = {}
_CORPUS: dict[str, type[CorpusStage]] = {}

# Modules that register stages on import. A module that does not exist yet (a stage still to be
# built) is absent, not faked. Listed explicitly so the set of stages is visible in one place.
STAGE_MODULES = (
    "pipeline.ner.stage",
    "pipeline.dates.stage",
    "pipeline.events.stage",
    "pipeline.align.names",
    "pipeline.align.stage",
)
_loaded = False


def register_document_stage(cls: type[DocumentStage]) -> type[DocumentStage]:
    """Class decorator: make a document stage available under ``cls.name``."""
    _DOCUMENT[cls.name] = cls
    return cls


def register_corpus_stage(cls: type[CorpusStage]) -> type[CorpusStage]:
    """Class decorator: make a corpus stage available under ``cls.name``."""
    _CORPUS[cls.name] = cls
    return cls


def _load() -> None:
    global _loaded
    if _loaded:
        return
    for module in STAGE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name is None or not module.startswith(exc.name):
                raise
    _loaded = True


# What ingest and language identification always provide.
BASE_FIELDS = frozenset({"text", "analysis_text", "lang", "paragraphs", "sentences"})


def _order(
    stages: dict[str, type[Stage]], enabled: tuple[str, ...] | None, available: set[str]
) -> list[type[Stage]]:
    chosen = {n: c for n, c in stages.items() if enabled is None or n in enabled}
    available = set(available)
    ordered: list[type[Stage]] = []
    pending = dict(sorted(chosen.items()))
    while pending:
        coming = {f for c in pending.values() for f in c.provides}
        ready = [
            n
            for n, c in pending.items()
            if set(c.requires) <= available
            and not (set(getattr(c, "uses", ())) & (coming - set(c.provides)))
        ]
        if not ready:
            missing = {n: sorted(set(c.requires) - available) for n, c in pending.items()}
            raise RuntimeError(f"stages with unmet requirements: {missing}")
        for name in ready:
            cls = pending.pop(name)
            ordered.append(cls)
            available.update(cls.provides)
    return ordered


def _document_classes(settings: Settings) -> list[type[DocumentStage]]:
    _load()
    return _order(_DOCUMENT, settings.stages, set(BASE_FIELDS))


def _corpus_classes(settings: Settings) -> list[type[CorpusStage]]:
    docs_provide = {p for cls in _document_classes(settings) for p in cls.provides}
    return _order(_CORPUS, settings.stages, set(BASE_FIELDS) | docs_provide)


def document_stages(settings: Settings) -> list[DocumentStage]:
    """Instances of the enabled document stages in dependency order."""
    return [cls(settings) for cls in _document_classes(settings)]


def corpus_stages(settings: Settings) -> list[CorpusStage]:
    """Instances of the enabled corpus stages in dependency order."""
    return [cls(settings) for cls in _corpus_classes(settings)]


def stage_versions(settings: Settings) -> dict[str, str]:
    """Name → version of every enabled stage (document and corpus), in run order."""
    return {
        **{c.name: c.version for c in _document_classes(settings)},
        **{c.name: c.version for c in _corpus_classes(settings)},
    }
