"""Name boundaries from a second, character-level model.

The accurate profile's transformer labels SentencePiece pieces, and in Chinese a piece can hold
several characters: a name whose last characters share a piece with the next word comes out cut
short, and the backend's affix trimming (``pipeline/lang/zh/ner_piece_affixes.tsv``) only undoes
the affixes it lists. A character-level model (the fast profile's spaCy zh pipeline) has no such
limit on its boundaries, although it is less accurate overall. :func:`extend_cut_names` keeps the
main model's spans and only lets the boundary model lengthen a span it agrees with: when exactly
one boundary-model span overlaps a main span, has the same label, strictly contains it and
overlaps no other main span, the main span takes its offsets.

Which (profile, language) pairs get a boundary model is a measured choice
(:data:`pipeline.ner.base.PROFILE_BOUNDARY_MODELS`; ``python -m benchmarks.ner_eval --profile
accurate --split dev``): on the Chinese sets neither model was trained on, Weibo dev and Resume
dev + test, the rule raised F1; replacing spans the boundary model shortens or moves lowered it.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.ner.base import Span


def extend_cut_names(spans: list[Span], boundary_spans: list[Span]) -> list[Span]:
    """``spans`` (one sentence, sorted, non-overlapping) with each span that lies strictly inside
    a ``boundary_spans`` span of the same label widened to it — when that is the only boundary span
    overlapping it and it is the only span overlapping that boundary span."""

    out = []
    for span in spans:
        wider = [b for b in boundary_spans if b.overlaps(span)]
        if (
            len(wider) == 1
            and wider[0].label == span.label
            and span.strictly_inside(wider[0])
            and sum(wider[0].overlaps(other) for other in spans) == 1
        ):
            span = replace(span, start=wider[0].start, end=wider[0].end)
        out.append(span)
    return out
