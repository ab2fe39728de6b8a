"""Language affixes a sub-word tagger glues to a name (``pipeline/lang/<code>/ner_piece_affixes.tsv``),
trimmed off its spans."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from pipeline.lang import data_path
from pipeline.ner.base import Span


@cache
def piece_affixes(lang: str) -> tuple[tuple[str, str, frozenset[str], int], ...]:
    """(side, affix, labels, min chars left) from ``pipeline/lang/<lang>/ner_piece_affixes.tsv``."""
    path = data_path(lang, "ner_piece_affixes.tsv")
    if not path.is_file():
        return ()
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            side, affix, labels, min_left = line.split("\t")
            rows.append((side, affix, frozenset(labels.split(",")), int(min_left)))
    # longest affix first, so 特色社会主义 is tried before 主义
    return tuple(sorted(rows, key=lambda r: -len(r[1])))


def trim_affixes(text: str, spans: list[Span], lang: str) -> list[Span]:
    """Cut function words / heads glued to a name by a sub-word piece (see the TSV)."""
    rules = piece_affixes(lang)
    if not rules:
        return spans
    out = []
    for span in spans:
        start, end = span.start, span.end
        for side, affix, labels, min_left in rules:
            if span.label not in labels:
                continue
            if side == "prefix" and text.startswith(affix, start, end):
                if end - start - len(affix) >= min_left:
                    start += len(affix)
                    break
        for side, affix, labels, min_left in rules:
            if span.label not in labels:
                continue
            if side == "suffix" and text.endswith(affix, start, end):
                if end - start - len(affix) >= min_left:
                    end -= len(affix)
                    break
        out.append(
            span if (start, end) == (span.start, span.end) else replace(span, start=start, end=end)
        )
    return out
