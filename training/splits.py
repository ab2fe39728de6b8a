"""The fixed held-out split of FullStack Latvian NER, shared by every lv model and benchmark.

10 % of the DOCUMENTS (newdoc ids, so paragraphs of one document never straddle the split),
stratified by the document-id prefix (the genre letter: ``c``, ``d``, ``n``, ``p``, ``s``, ``z``)
so every genre is in both parts; within a genre, documents are ranked by the SHA-1 of their id
and the first ``round(10 % × n)`` (at least one) are held out. Deterministic, no random state.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

TEST_FRACTION = 0.10


def genre(doc_id: str) -> str:
    """The letter prefix of a FullStack document id (``p123`` → ``p``)."""
    match = re.match(r"[A-Za-z]+", doc_id)
    return match.group(0) if match else ""


def fullstack_test_documents(doc_ids: Iterable[str], fraction: float = TEST_FRACTION) -> set[str]:
    """The held-out document ids among ``doc_ids``."""
    by_genre: dict[str, list[str]] = defaultdict(list)
    for doc in sorted(set(doc_ids)):
        by_genre[genre(doc)].append(doc)
    held_out: set[str] = set()
    for docs in by_genre.values():
        ranked = sorted(docs, key=lambda d: hashlib.sha1(d.encode()).hexdigest())
        held_out.update(ranked[: max(1, round(fraction * len(ranked)))])
    return held_out


def split_fullstack(sentences: list, fraction: float = TEST_FRACTION) -> tuple[list, list]:
    """(train, test) lists of sentences with a ``doc`` attribute."""
    test_docs = fullstack_test_documents((s.doc for s in sentences), fraction)
    train = [s for s in sentences if s.doc not in test_docs]
    test = [s for s in sentences if s.doc in test_docs]
    return train, test
