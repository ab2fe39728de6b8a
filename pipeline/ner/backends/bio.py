"""BIO/IOB tags over sub-word pieces → character spans.

Each window's tags are decoded jointly (:func:`bio_viterbi`): the most probable tag sequence in
which every ``I-X`` follows ``B-X`` or ``I-X``. Tagged pieces become character spans
(:func:`decode_pieces`): a span starts at ``B-X`` (or at ``I-X`` after another type), grows over
``I-X`` and ends at the last piece's character end; in space-delimited scripts a span that
starts or ends inside a word is widened to the whole word.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import numpy as np

from pipeline.ner.base import Span
from pipeline.ner.labels import to_project_label

TRAILING_PUNCT = frozenset(",;:!?，、；：！？。")
"""Never the last character of a name (a piece may glue them to the name's end)."""
CLOSERS = frozenset("\"”»)'’」』）")
"""After one of these a final full stop ends the sentence, not an abbreviation."""

Piece = tuple[int, int, str, float]
"""(char start, char end, tag, probability) of one sub-word piece."""


def allowed_transitions(id2label: dict[int, str]) -> np.ndarray | None:
    """[previous tag, tag] bool matrix of the BIO constraints (row ``n`` = sentence start), or
    ``None`` when the tag set is not BIO (some entity type has no ``B-`` tag)."""
    n = len(id2label)
    parts = [split_tag(id2label[i]) for i in range(n)]
    kinds = {kind for _, kind in parts if kind is not None}
    if not kinds or any((("B", kind) not in parts) for kind in kinds):
        return None
    allowed = np.ones((n + 1, n), dtype=bool)
    for j, (prefix, kind) in enumerate(parts):
        if prefix != "I":
            continue
        allowed[n, j] = False  # a sentence does not start inside a name
        for i, (before, before_kind) in enumerate(parts):
            allowed[i, j] = before in ("B", "I") and before_kind == kind
    return allowed


def bio_viterbi(log_probs: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """The tag ids maximizing the summed log-probabilities of ``log_probs`` [pieces, tags] under
    the ``allowed`` transitions (see :func:`allowed_transitions`)."""
    length, n = log_probs.shape
    if length == 0:
        return np.zeros(0, dtype=np.int64)
    penalty = np.where(allowed, 0.0, -np.inf)
    score = log_probs[0] + penalty[n]
    back = np.zeros((length, n), dtype=np.int64)
    for t in range(1, length):
        candidates = score[:, None] + penalty[:n]
        back[t] = candidates.argmax(0)
        score = candidates[back[t], np.arange(n)] + log_probs[t]
    path = np.zeros(length, dtype=np.int64)
    path[-1] = int(score.argmax())
    for t in range(length - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def is_cjk(char: str) -> bool:
    return unicodedata.category(char) == "Lo" and ord(char) >= 0x2E80


def _word_char(char: str) -> bool:
    return (char.isalnum() or char in "-'’") and not is_cjk(char)


def split_tag(tag: str) -> tuple[str, str | None]:
    """``B-PER`` → (``B``, ``PER``); ``O`` → (``O``, None); a bare label counts as ``I``."""
    if tag in ("O", "") or tag.startswith("LABEL_"):
        return "O", None
    prefix, sep, kind = tag.partition("-")
    if sep and prefix in ("B", "I", "E", "S", "L", "U"):
        return prefix, kind
    return "I", tag


def decode_pieces(text: str, pieces: Sequence[Piece]) -> list[Span]:
    """Character spans from tagged pieces (offsets into ``text``), project labels only."""
    raw: list[list[Any]] = []  # [start, end, kind, probs]
    for start, end, tag, prob in pieces:
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            continue
        prefix, kind = split_tag(tag)
        if kind is None:
            if raw:
                raw[-1][4] = False
            continue
        current = raw[-1] if raw else None
        continues = (
            current is not None
            and prefix in ("I", "E", "L")
            and current[2] == kind
            and current[4]  # still open
        )
        if continues and current is not None:
            current[1] = end
            current[3].append(prob)
        else:
            if current is not None:
                current[4] = False
            raw.append([start, end, kind, [prob], True])
        if prefix in ("E", "L", "S", "U"):
            raw[-1][4] = False
    spans: list[Span] = []
    for start, end, kind, probs, _ in raw:
        label = to_project_label(kind)
        if label is None:
            continue
        while start > 0 and _word_char(text[start - 1]) and _word_char(text[start]):
            start -= 1
        while end < len(text) and _word_char(text[end - 1]) and _word_char(text[end]):
            end += 1
        while end > start + 1 and (
            text[end - 1] in TRAILING_PUNCT or (text[end - 1] == "." and text[end - 2] in CLOSERS)
        ):
            end -= 1
        if spans and start < spans[-1].end:
            if spans[-1].label != label:
                continue
            previous = spans.pop()
            start, probs = previous.start, [previous.score or 0.0, *probs]
        spans.append(Span(start, end, label, round(sum(probs) / len(probs), 4)))
    return spans
