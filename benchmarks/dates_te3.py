"""English temporal expressions on the TempEval-3 platinum test set (20 news documents).

Scoring follows the official TempEval-3 definitions (UzZaman et al. 2013, the task's
``TE3-evaluation.py``): strict match = same extent, relaxed match = overlapping extent;
precision/recall/F1 over all TIMEX3 except the document creation time; value accuracy = share of
relaxed matches with the gold ``value``; value F1 = value accuracy × relaxed F1 (the figure on
which HeidelTime scored 77.6). Deictic expressions (``Friday``, ``last year``, ``now``) resolve
against the document creation time written in each file, our ``reference`` date; ranges we
extract as one expression (``2009-2010``) are scored as their two ends, as TimeML annotates them.
The text is split into sentences with the pipeline's own segmenter (``pipeline.text.segment``).

Data (evaluation only, not in the repo): ``../shared/data/timex/te3-platinum/*.tml``.
Run: ``.venv/bin/python -m benchmarks.dates_te3 [--errors]``
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from benchmarks.dates_common import Score, Span, match, pct
from benchmarks.report import table, write_section
from pipeline.dates import find_in_document
from pipeline.records import Segment
from pipeline.settings import PROJECT_ROOT
from pipeline.text.segment import paragraphs, sentences

DATA = PROJECT_ROOT.parent / "shared" / "data" / "timex" / "te3-platinum"
_TAG = re.compile(r"<(/?)([A-Z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
HEIDELTIME_VALUE_F1 = 77.6


def parse(path: Path) -> tuple[str, str, list[Span]]:
    """(plain text of <TEXT>, creation date, gold TIMEX3 spans)."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"', raw)
    dct = dct or re.search(r'<DCT><TIMEX3[^>]*value="([^"]+)"', raw)
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    text_parts: list[str] = []
    length = 0
    gold: list[Span] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        text_parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, attributes = open_timex
            gold.append(Span(start, length, attributes.get("value", "")))
            open_timex = None
    text_parts.append(html.unescape(body[pos:]))
    text = "".join(text_parts)
    gold = [Span(g.start, g.end, g.value, None, text[g.start : g.end]) for g in gold]
    return text, (dct.group(1)[:10] if dct else None), gold


def system_spans(text: str, reference: str | None) -> list[Span]:
    paras = paragraphs(text)
    segments = [Segment(a, b, "en") for a, b, _ in sentences(text, paras)]
    spans = []
    for f in find_in_document(text, segments, reference):
        value = f.resolved.value
        if f.split is not None and "/" in value:
            for (a, b), part in zip(f.split, value.split("/"), strict=False):
                spans.append(Span(a, b, part, None, text[a:b]))
            continue
        spans.append(Span(f.start, f.end, value, None, f.text))
    return spans


def main() -> None:
    show = "--errors" in sys.argv
    files = sorted(DATA.glob("*.tml"))
    if not files:
        raise SystemExit(f"no TempEval-3 files under {DATA}")
    total = Score()
    for path in files:
        text, dct, gold = parse(path)
        system = system_spans(text, dct)
        score, pairs = match(gold, system)
        total.add(score)
        if show:
            matched = {id(s) for _, s in pairs if s is not None}
            for g, s in pairs:
                if s is None:
                    print(f"{path.stem} MISSED {g.text!r} {g.value}")
                elif s.value != g.value:
                    print(
                        f"{path.stem} VALUE gold {g.text!r} {g.value} | ours {s.text!r} {s.value}"
                    )
            for s in system:
                if id(s) not in matched:
                    print(f"{path.stem} SPURIOUS {s.text!r} {s.value}")
    sp, sr, sf = total.strict_prf()
    rp, rr, rf = total.relaxed_prf()
    vp, vr, vf = total.value_prf()
    rows = [
        ["strict extraction", pct(sp), pct(sr), pct(sf)],
        ["relaxed extraction", pct(rp), pct(rr), pct(rf)],
        ["value (accuracy × relaxed)", pct(vp), pct(vr), pct(vf)],
    ]
    body = (
        f"TempEval-3 platinum, {len(files)} documents, {total.gold} gold TIMEX3 (creation times "
        f"excluded), {total.system} ours. Official definitions: strict = same extent, relaxed = "
        f"overlapping extent, value F1 = value accuracy on relaxed matches × relaxed F1. "
        f"Value accuracy {pct(total.value_accuracy())}. HeidelTime's value F1 on this set: "
        f"{HEIDELTIME_VALUE_F1}.\n\n" + table(["measure", "P", "R", "F1"], rows)
    )
    print(body)
    write_section(
        "dates-te3", "Dates: TempEval-3 platinum (English)", body, "benchmarks/dates_te3.py"
    )


if __name__ == "__main__":
    main()
