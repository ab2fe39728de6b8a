"""Place spans that hold two places written large to small, as two spans.

Chinese writes an address from the larger area to the smaller, with nothing between them
(``阿拉斯加州瓦西拉``: Alaska state + Wasilla; ``德文郡伊尔弗勒科姆``: Devon county + Ilfracombe),
and a tagger trained on other genres often takes both as one name, even typed PER. One span
then matches neither place in another language, nor the same place named alone.

:func:`split_address` applies to languages written without spaces. A span is cut after its
longest beginning that ends in the head word of an administrative area (a row of the language's
``name_heads.tsv`` whose concept is in :data:`AREA_CONCEPTS`: ``州`` state, ``郡`` county, ``省``
province, ``市`` city, ``区`` district) when both parts still look like names: the area has a name
before its head (at least two characters), and what follows is no generic head by itself
(``朝鲜半岛``'s ``半岛``) and has at least :data:`MIN_REST` characters unless the gazetteer lists
it (``市中心``'s ``中心`` is a common noun, not a town). Both parts become LOC spans: what an
area's name runs into is its smaller place, whatever type the tagger gave the whole.
"""

from __future__ import annotations

from pipeline.lang.defaults import defaults
from pipeline.ner.base import Span
from pipeline.ner.gazetteer import gazetteer

AREA_CONCEPTS = frozenset({"state", "province", "county", "city", "district"})
"""Concepts of ``name_heads.tsv`` that end the name of an administrative area."""
MIN_AREA = 3
"""Characters of the area's part: at least two of name before a one-character head."""
MIN_REST = 3
"""Characters of what follows the area, unless the gazetteer lists it."""
LABELS = frozenset({"LOC", "PER"})


def split_address(text: str, span: Span, lang: str) -> list[Span]:
    """``span`` as an area span and the place span that follows it, or ``[span]``."""
    language = defaults(lang)
    if language.spaced or span.label not in LABELS:
        return [span]
    heads = language.name_heads
    areas = [h for h, head in heads.items() if head.concept in AREA_CONCEPTS]
    inside = text[span.start : span.end]
    listed = gazetteer(lang).entries
    for cut in range(len(inside) - 2, MIN_AREA - 1, -1):
        area, rest = inside[:cut], inside[cut:]
        head = next((h for h in areas if area.endswith(h)), None)
        if head is None or len(area) - len(head) < 2 or rest in heads:
            continue
        if len(rest) < MIN_REST and listed.get(rest) != "LOC":
            continue
        middle = span.start + cut
        return [
            Span(span.start, middle, "LOC", span.score, span.source),
            Span(middle, span.end, "LOC", span.score, span.source),
        ]
    return [span]
