"""Side by side on the same texts: our date stage vs ``dateparser.search_dates``.

Texts with gold expressions: the TempEval-3 platinum documents (English), and the Latvian and
Chinese gold tables. Precision and recall use relaxed (overlapping-span) matching; "value-exact"
recall also requires the normalized value to agree (for dateparser: the returned datetime's date
equals the gold day, or its month/year equals a gold month/year value). Time is per 100,000
characters of text, measured in the same process, one after the other.

Run: ``.venv/bin/python -m benchmarks.dates_vs_dateparser``
"""

from __future__ import annotations

import time
import warnings

from benchmarks.dates_common import Score, Span, match, pct
from benchmarks.dates_gold import load
from benchmarks.dates_te3 import DATA, parse
from benchmarks.report import table, write_section
from pipeline.dates import find_in_document
from pipeline.records import Segment
from pipeline.text.segment import paragraphs, sentences


def corpus(lang: str) -> list[tuple[str, list[Segment], list[Span], str | None]]:
    """(text, segments, gold spans, reference date) per document."""
    if lang == "en":
        out = []
        for path in sorted(DATA.glob("*.tml")):
            text, dct, gold = parse(path)
            segs = [Segment(a, b, "en") for a, b, _ in sentences(text, paragraphs(text))]
            out.append((text, segs, gold, dct))
        return out
    return [(d["text"], d["segments"], d["gold"], None) for d in load(lang).values()]


def ours(text: str, segments: list[Segment], reference: str | None, split: bool) -> list[Span]:
    """Our expressions; with ``split`` a range counts as its two ends (TimeML's convention)."""
    spans = []
    for f in find_in_document(text, segments, reference):
        if split and f.split is not None and "/" in f.resolved.value:
            for (a, b), part in zip(f.split, f.resolved.value.split("/"), strict=False):
                spans.append(Span(a, b, part))
        else:
            spans.append(Span(f.start, f.end, f.resolved.value))
    return spans


def theirs(text: str, lang: str, reference: str | None) -> list[Span]:
    import datetime as dt

    from dateparser.search import search_dates

    settings = {"RETURN_AS_TIMEZONE_AWARE": False}
    if reference:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(reference)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=[lang], settings=settings) or []
    spans, cursor = [], 0
    for substring, when in found:
        at = text.find(substring, cursor)
        if at < 0:
            at = text.find(substring)
        if at < 0:
            continue
        cursor = at + len(substring)
        spans.append(Span(at, at + len(substring), when.date().isoformat()))
    return spans


def value_agrees(gold: Span, system: Span, is_dateparser: bool) -> bool:
    if not is_dateparser:
        return gold.value == system.value
    return bool(gold.value) and system.value.startswith(gold.value)


def run(lang: str) -> list[list[object]]:
    docs = corpus(lang)
    chars = sum(len(t) for t, *_ in docs)
    rows = []
    ours(docs[0][0], docs[0][1], docs[0][3], True)  # compile the grammar outside the timing
    theirs(docs[0][0][:200], lang, docs[0][3])
    for name in ("ours", "dateparser"):
        total, value_hits = Score(), 0
        started = time.process_time()
        outputs = []
        for text, segs, _gold, ref in docs:
            outputs.append(
                ours(text, segs, ref, lang == "en") if name == "ours" else theirs(text, lang, ref)
            )
        elapsed = time.process_time() - started
        for (_text, _segs, gold, _ref), system in zip(docs, outputs, strict=True):
            score, pairs = match(gold, system)
            total.add(score)
            value_hits += sum(
                1 for g, s in pairs if s is not None and value_agrees(g, s, name == "dateparser")
            )
        p, r, f = total.relaxed_prf()
        rows.append(
            [
                lang,
                name,
                total.gold,
                total.system,
                pct(p),
                pct(r),
                pct(f),
                pct(value_hits / total.gold if total.gold else 0),
                f"{elapsed * 100_000 / chars:.3f}",
            ]
        )
    return rows


def main() -> None:
    rows = []
    for lang in ("en", "lv", "zh"):
        rows.extend(run(lang))
    body = (
        "Same texts, same process: TempEval-3 platinum (en, with each document's creation date as "
        "`RELATIVE_BASE` for dateparser and as our reference date; our ranges scored as their two "
        "ends, as TimeML annotates them), the lv and zh gold tables (small documents, so our time "
        "there is mostly per-document overhead). "
        "P/R/F1 on overlapping spans; *value-exact R* = gold expressions found with the right value "
        "(for dateparser: its date starts with the gold value, e.g. `1994-05-12` for `1994-05`). "
        "Time: CPU seconds per 100,000 characters.\n\n"
        + table(
            ["lang", "system", "gold", "found", "P", "R", "F1", "value-exact R", "s / 100k chars"],
            rows,
        )
    )
    print(body)
    write_section(
        "dates-vs-dateparser",
        "Dates: our stage vs dateparser.search_dates",
        body,
        "benchmarks/dates_vs_dateparser.py",
    )


if __name__ == "__main__":
    main()
