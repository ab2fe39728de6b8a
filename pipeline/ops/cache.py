"""Per-document and corpus-level result cache in ``outputs/.cache/`` (survives restarts).

A document's analysis is stored as a pickled :class:`~pipeline.records.AnalyzedDocument` after
every document stage ran, keyed on

* the SHA-256 of the file's bytes (not its path or modification time),
* the pipeline version and a digest of the code every document goes through (ingest, noise
  masking, segmentation, language identification, the record types),
* the name, version and ``cache_token()`` of every enabled document stage (in run order), and a
  digest of the source and data of the package that defines it (:func:`stage_code_digest`: an
  edited rule reruns the stage without anyone bumping its version),
* the settings that change per-document output (NER profile and backends).

The corpus-level result (alignment) is keyed on the ordered (path, document key) pairs plus a
digest of each corpus stage's source package, the language data and the models it reads
(:func:`stage_code_digest`), so it is reused only when nothing at all changed; adding, editing or
removing one file reruns alignment over the whole corpus. Every file is written atomically
(temporary file + rename), so a killed run never leaves a truncated entry; an unreadable entry
counts as a miss.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import time
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

import pipeline
from pipeline.atomic import write_bytes_atomic, write_json_atomic
from pipeline.ingest import CorpusFile
from pipeline.records import AnalyzedDocument
from pipeline.settings import Settings, default_models_dir
from pipeline.stages import CorpusResult, corpus_stages, document_stages

log = logging.getLogger("xlkb.cache")

CACHE_FORMAT = "1"
"""Bumped when the layout of cache entries changes."""
PRUNE_AFTER_SECONDS = 7 * 24 * 3600
"""Document entries neither used by the last run nor touched for this long are deleted."""

_FOUNDATION_CODE = ("ingest", "text", "langid", "analyze.py", "records.py")
"""Code under ``pipeline/`` that every document goes through before the registered stages."""


@cache
def foundation_digest() -> str:
    """SHA-256 over the source and data files of ingest, segmentation, language ID and records."""
    root = Path(pipeline.__file__).parent
    h = hashlib.sha256()
    for part in _FOUNDATION_CODE:
        target = root / part
        files = sorted(target.rglob("*")) if target.is_dir() else [target]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(root).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def settings_fingerprint(settings: Settings) -> str:
    """Digest of everything except the file content that determines a document's analysis."""
    stages = [
        [s.name, s.version, s.cache_token(), stage_code_digest(type(s).__module__)]
        for s in document_stages(settings)
    ]
    payload = {
        "format": CACHE_FORMAT,
        "xlkb": pipeline.__version__,
        "code": foundation_digest(),
        "stages": stages,
        "ner_profile": settings.ner_profile,
        "ner_backends": dict(sorted(settings.ner_backends.items())),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


_CORPUS_INPUTS = ("lang", "compiled.py")
"""Data and shared code under ``pipeline/`` every stage may read besides its own package (the
language data; the compiled-index cache that builds the name knowledge and the word lexicon)."""


@cache
def stage_code_digest(module: str) -> str:
    """SHA-256 over the source and data of the package that defines a stage (e.g.
    ``pipeline/align/``), the language data folders, and the model folders the package names in
    ``MODEL_DIRS`` (so editing a rule, a data file or a shipped model invalidates the entry
    without anyone bumping a version)."""
    import importlib

    root = Path(pipeline.__file__).parent
    module_file = importlib.import_module(module).__file__
    if module_file is None:
        raise ValueError(f"stage module {module} has no source file")
    package_dir = Path(module_file).parent  # namespace packages too
    package = importlib.import_module(module.rsplit(".", 1)[0])
    targets = [package_dir] + [root / p for p in _CORPUS_INPUTS]
    targets += [default_models_dir() / m for m in getattr(package, "MODEL_DIRS", ())]
    h = hashlib.sha256()
    for target in targets:
        for path in sorted(target.rglob("*")) if target.is_dir() else [target]:
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(target.parent).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()


@cache
def writer_digest() -> str:
    """SHA-256 over the KB writer's code and schema (``pipeline/kb/``)."""
    root = Path(pipeline.__file__).parent / "kb"
    h = hashlib.sha256()
    for path in sorted(root.glob("*")):
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _atomic_pickle(path: Path, value: Any) -> None:
    write_bytes_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def _load_pickle(path: Path) -> Any | None:
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a corrupt or incompatible entry is a miss, never a failure
        log.warning("ignoring unreadable cache entry %s: %s", path, exc)
        return None


class DocumentCache:
    """The cache of one outputs folder under one set of settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.enabled = settings.use_cache
        self.root = settings.cache_dir
        self.fingerprint = settings_fingerprint(settings) if self.enabled else ""
        self.used: set[str] = set()

    def key(self, sha256: str) -> str:
        """Cache key of a document with these bytes under these settings."""
        return hashlib.sha256(f"{self.fingerprint}:{sha256}".encode()).hexdigest()

    def _doc_path(self, key: str) -> Path:
        return self.root / "documents" / key[:2] / f"{key}.pickle"

    def load(self, file: CorpusFile) -> AnalyzedDocument | None:
        """The cached analysis of ``file``'s current bytes, or ``None`` (miss, disabled, bad file).

        Files that must be reported (problem set, over the size limit, unreadable) are misses so
        the normal path reports them.
        """
        if not self.enabled or file.problem:
            return None
        try:
            if file.absolute.stat().st_size > self.settings.max_file_bytes:
                return None
            data = file.absolute.read_bytes()
        except OSError:
            return None
        key = self.key(hashlib.sha256(data).hexdigest())
        doc = _load_pickle(self._doc_path(key))
        if not isinstance(doc, AnalyzedDocument):
            return None
        self.used.add(key)
        doc.path = file.path
        doc.timings = {}
        return doc

    def store(self, doc: AnalyzedDocument) -> None:
        """Remember ``doc`` (after all document stages) for its bytes under these settings."""
        if not self.enabled:
            return
        key = self.key(doc.sha256)
        self.used.add(key)
        timings, doc.timings = doc.timings, {}
        try:
            _atomic_pickle(self._doc_path(key), doc)
        finally:
            doc.timings = timings

    def corpus_key(self, docs: list[AnalyzedDocument]) -> str:
        """Key of the corpus-level result for exactly these documents (in path order)."""
        stages = [
            [s.name, s.version, stage_code_digest(type(s).__module__)]
            for s in corpus_stages(self.settings)
        ]
        pairs = [[d.path, self.key(d.sha256)] for d in sorted(docs, key=lambda d: d.path)]
        # the result holds finished records, built through the KB model (pipeline/kb/)
        payload = json.dumps(
            {"stages": stages, "docs": pairs, "records": writer_digest()}, sort_keys=True
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def load_corpus(self, docs: list[AnalyzedDocument]) -> CorpusResult | None:
        """The stored corpus result when it was computed from exactly ``docs``."""
        if not self.enabled:
            return None
        entry = _load_pickle(self.root / "corpus.pickle")
        if not isinstance(entry, dict) or entry.get("key") != self.corpus_key(docs):
            return None
        result = entry.get("result")
        if not isinstance(result, CorpusResult):
            return None
        # an entry pickled before a field was added lacks it: a miss, not a broken result
        if any(f.name not in vars(result) for f in fields(CorpusResult)):
            return None
        return result

    def store_corpus(self, docs: list[AnalyzedDocument], result: CorpusResult) -> None:
        """Keep the latest corpus result (one entry: older ones are replaced)."""
        if self.enabled:
            _atomic_pickle(
                self.root / "corpus.pickle", {"key": self.corpus_key(docs), "result": result}
            )

    def kb_key(self, docs: list[AnalyzedDocument]) -> str:
        """Key of the KB written from ``docs``: their corpus key plus the writer's code."""
        return hashlib.sha256(f"{self.corpus_key(docs)}:{writer_digest()}".encode()).hexdigest()

    def unchanged_kb(self, docs: list[AnalyzedDocument], kb_path: Path) -> dict[str, Any] | None:
        """The stored record counts when ``kb_path`` is exactly what ``docs`` would produce.

        True when the last written KB came from the same documents, settings and writer code and
        the file on disk still has the SHA-256 it was written with (nobody edited it).
        """
        if not self.enabled:
            return None
        try:
            marker: dict[str, Any] = json.loads((self.root / "kb.json").read_text(encoding="utf-8"))
            on_disk = hashlib.sha256(kb_path.read_bytes()).hexdigest()
        except (OSError, ValueError):
            return None
        if marker.get("key") != self.kb_key(docs) or marker.get("sha256") != on_disk:
            return None
        return marker

    def remember_kb(
        self, docs: list[AnalyzedDocument], kb_path: Path, counts: dict[str, int], records: int
    ) -> None:
        """Record which documents produced the KB just written, and its SHA-256."""
        if not self.enabled:
            return
        marker = {
            "key": self.kb_key(docs),
            "sha256": hashlib.sha256(kb_path.read_bytes()).hexdigest(),
            "counts": counts,
            "records": records,
        }
        write_json_atomic(self.root / "kb.json", marker)

    def prune(self, docs: list[AnalyzedDocument]) -> int:
        """Delete document entries not used by ``docs`` and untouched for ``PRUNE_AFTER_SECONDS``."""
        keep = self.used | {self.key(d.sha256) for d in docs}
        folder = self.root / "documents"
        if not self.enabled or not folder.is_dir():
            return 0
        now, removed = time.time(), 0
        for entry in folder.glob("*/*.pickle"):
            if entry.stem in keep:
                os.utime(entry)
            elif now - entry.stat().st_mtime > PRUNE_AFTER_SECONDS:
                entry.unlink(missing_ok=True)
                removed += 1
        return removed
