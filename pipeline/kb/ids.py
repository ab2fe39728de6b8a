"""Stable record ids: derived from content and offsets only, never from run time or file order."""

from __future__ import annotations

import hashlib


def _digest(*parts: object) -> str:
    raw = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def document_id(sha256: str) -> str:
    """``doc_`` + the first 16 hex digits of the file's SHA-256 (a renamed file keeps its id)."""
    return f"doc_{sha256[:16]}"


def mention_id(doc_id: str, start: int, end: int, label: str) -> str:
    return f"men_{_digest(doc_id, start, end, label)}"


def time_id(doc_id: str, start: int, end: int) -> str:
    return f"tim_{_digest(doc_id, start, end)}"


def entity_id(key: str) -> str:
    """Entity id from a canonical key chosen by the clustering (e.g. its first mention's id)."""
    return f"ent_{_digest(key)}"


def event_id(key: str) -> str:
    """Event id from a canonical key chosen by the alignment (e.g. its first span)."""
    return f"evt_{_digest(key)}"
