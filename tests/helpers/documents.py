"""Hand-made analyzed documents for the alignment and event tests (a sentence = a Segment)."""

from __future__ import annotations

import hashlib
import re

from pipeline.records import AnalyzedDocument, Interval, Mention, Segment, TimeExpression


def make_doc(
    name: str,
    lang: str,
    sentences: list[str],
    names: dict[str, str],
    dates: dict[str, tuple[str, str, str]] | None = None,
) -> AnalyzedDocument:
    """A document whose sentences are joined by spaces; every occurrence of a key of ``names``
    (surface → label) becomes a mention, every key of ``dates`` (surface → (start, end,
    granularity)) a time expression."""
    text = " ".join(sentences)
    segs, pos = [], 0
    for s in sentences:
        segs.append(Segment(pos, pos + len(s), lang, None, 0))
        pos += len(s) + 1
    doc = AnalyzedDocument(
        doc_id="doc_" + hashlib.sha256(name.encode()).hexdigest()[:16],
        path=name,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        encoding="utf-8",
        text=text,
        analysis_text=text,
        lang=lang,
        sentences=segs,
    )

    def sentence_of(offset: int) -> int:
        return max(i for i, s in enumerate(segs) if s.start <= offset)

    taken: list[tuple[int, int]] = []
    for surface, label in sorted(names.items(), key=lambda kv: -len(kv[0])):
        boundary = "" if lang == "zh" else r"(?<!\w)"
        end = "" if lang == "zh" else r"(?!\w)"
        for m in re.finditer(boundary + re.escape(surface) + end, text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append(m.span())
            doc.mentions.append(
                Mention(m.start(), m.end(), surface, label, lang, sentence_of(m.start()))
            )
    doc.mentions.sort(key=lambda m: m.start)
    for surface, (start, stop, granularity) in (dates or {}).items():
        for m in re.finditer(re.escape(surface), text):
            doc.times.append(
                TimeExpression(
                    m.start(), m.end(), surface, start, Interval(start, stop), granularity,
                    False, lang, sentence_of(m.start()),
                )
            )  # fmt: skip
    doc.times.sort(key=lambda t: t.start)
    return doc
