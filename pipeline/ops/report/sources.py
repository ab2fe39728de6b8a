"""The sentence around a span: from the corpus file when it is still the one the KB was built
from (same SHA-256), else from an event mention that covers the span."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

CONTEXT = 100
"""Characters kept on each side of a mention when its sentence is longer than ``2 * CONTEXT``."""


def load_texts(corpora_dir: Path, docs: list[dict[str, Any]]) -> dict[str, str]:
    """Document id → decoded text for each document whose file is unchanged since the run."""
    root = corpora_dir.resolve()
    texts: dict[str, str] = {}
    for doc in docs:
        path = (root / doc["path"]).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() != doc.get("sha256"):
            continue
        try:
            text = data.decode(doc.get("encoding") or "utf-8", errors="replace")
        except LookupError:
            continue
        if len(text) == doc.get("chars", len(text)):
            texts[doc["id"]] = text
    return texts


class Sentences:
    """Finds the sentence of a ``(doc, start, end)`` span for display."""

    def __init__(
        self,
        docs: list[dict[str, Any]],
        events: list[dict[str, Any]],
        texts: Mapping[str, str] | None = None,
    ) -> None:
        self.texts = dict(texts or {})
        self.segments: dict[str, tuple[list[int], list[int]]] = {}
        for doc in docs:
            segs = sorted((s["start"], s["end"]) for s in doc.get("segments") or [])
            self.segments[doc["id"]] = ([a for a, _ in segs], [b for _, b in segs])
        spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for ev in events:
            for m in ev.get("mentions", []):
                if "start" in m and "end" in m and m.get("text"):
                    spans[m["doc"]].append((m["start"], m["end"], m["text"]))
        self.event_spans = {doc: sorted(set(items)) for doc, items in spans.items()}

    def sentence(self, doc: str, start: int, end: int) -> tuple[str, int, int] | None:
        """``(sentence, start, end)`` with the span's offsets inside the sentence, or ``None``."""
        text = self.texts.get(doc)
        starts, ends = self.segments.get(doc, ([], []))
        if text is not None and starts:
            i = bisect_right(starts, start) - 1
            if i >= 0 and ends[i] >= end:
                a = starts[i]
                return text[a : ends[i]], start - a, end - a
        for a, b, sentence in reversed(self.event_spans.get(doc, [])):
            if a <= start and end <= b and len(sentence) == b - a:
                return sentence, start - a, end - a
        return None


def window(sentence: str, start: int, end: int, context: int = CONTEXT) -> tuple[str, str, str]:
    """``(before, span, after)`` of a sentence, cut to ``context`` characters around the span."""
    before, span, after = sentence[:start], sentence[start:end], sentence[end:]
    before = before if len(before) <= context else "…" + before[-context:]
    after = after if len(after) <= context else after[:context] + "…"
    return _spaces(before).lstrip(), _spaces(span), _spaces(after).rstrip()


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text)
