"""Latvian and Chinese temporal expressions against our own gold tables.

``benchmarks/gold/timex_{lv,zh}.tsv`` hold short documents (texts written for the benchmark plus
sentences from the seeds), one row per gold expression with its TIMEX3 value and interval
(rows without an expression are sentences that contain none, e.g. casualty counts). Sentences of
a document are joined with spaces so that relative expressions anchor as in a real document.
Reports precision, recall (relaxed = overlapping span, strict = same span), value accuracy and
exact-interval accuracy on matched expressions.

Run: ``.venv/bin/python -m benchmarks.dates_gold [--errors]``
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

from benchmarks.dates_common import Score, Span, match, pct
from benchmarks.report import table, write_section
from pipeline.dates import find_in_document
from pipeline.records import Segment

GOLD = Path(__file__).resolve().parent / "gold"


def load(lang: str) -> dict[str, dict]:
    """doc id → {"source", "text", "segments", "gold": [Span]}."""
    docs: dict[str, dict] = {}
    with open(GOLD / f"timex_{lang}.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        doc = docs.setdefault(
            row["doc"],
            {"source": row["source"], "text": "", "segments": [], "gold": [], "_last": None},
        )
        if doc["_last"] is None or doc["_last"][0] != row["sentence"]:
            start = len(doc["text"]) + (1 if doc["text"] else 0)
            doc["text"] = (doc["text"] + " " if doc["text"] else "") + row["sentence"]
            doc["segments"].append(Segment(start, start + len(row["sentence"]), lang))
            doc["_last"] = (row["sentence"], start, 0)
        if not row["expression"]:
            continue
        sentence, base, cursor = doc["_last"]
        at = sentence.index(row["expression"], cursor)
        doc["_last"] = (sentence, base, at + len(row["expression"]))
        interval = (row["interval_start"], row["interval_end"]) if row["interval_start"] else None
        doc["gold"].append(
            Span(
                base + at,
                base + at + len(row["expression"]),
                row["value"],
                interval,
                row["expression"],
            )
        )
    return docs


def evaluate(lang: str, show_errors: bool = False) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    for doc_id, doc in load(lang).items():
        system = [
            Span(
                f.start,
                f.end,
                f.resolved.value,
                f.resolved.span.iso() if f.resolved.span else None,
                f.text,
            )
            for f in find_in_document(doc["text"], doc["segments"])
        ]
        score, pairs = match(doc["gold"], system)
        scores[doc["source"]].add(score)
        scores["all"].add(score)
        if show_errors:
            matched = {id(s) for _, s in pairs if s is not None}
            for g, s in pairs:
                if s is None:
                    print(f"{lang} {doc_id} MISSED {g.text!r} {g.value}")
                elif (
                    s.value != g.value
                    or s.interval != g.interval
                    or (s.start, s.end) != (g.start, g.end)
                ):
                    print(
                        f"{lang} {doc_id} DIFF gold {g.text!r} {g.value} {g.interval} | system {s.text!r} {s.value} {s.interval}"
                    )
            for s in system:
                if id(s) not in matched:
                    print(f"{lang} {doc_id} SPURIOUS {s.text!r} {s.value}")
    return scores


def main() -> None:
    show = "--errors" in sys.argv
    rows = []
    for lang in ("lv", "zh"):
        scores = evaluate(lang, show)
        for source in ("written", "seed 000", "seed 003", "heldout", "all"):
            s = scores.get(source)
            if s is None or not s.gold:
                continue
            p, r, f = s.relaxed_prf()
            sp, sr, sf = s.strict_prf()
            rows.append(
                [
                    lang,
                    source,
                    s.gold,
                    s.system,
                    pct(p),
                    pct(r),
                    pct(f),
                    pct(sf),
                    pct(s.value_accuracy()),
                    pct(s.interval_accuracy()),
                ]
            )
    body = (
        "Gold: `benchmarks/gold/timex_lv.tsv`, `benchmarks/gold/timex_zh.tsv` (texts written for the "
        "benchmark, `written`, plus seed sentences, `seed`). P/R/F1 count an expression found when "
        "its span overlaps the gold span (relaxed, TempEval-3); strict F1 needs the same span. Value "
        "and exact-interval accuracy are over matched expressions (an interval of `null` must be "
        "`null`). Targets: recall ≥ 95, precision ≥ 95, exact interval ≥ 90.\n\n"
        + table(
            [
                "lang",
                "texts",
                "gold",
                "system",
                "P",
                "R",
                "F1",
                "strict F1",
                "value acc",
                "exact interval",
            ],
            rows,
        )
    )
    print(body)
    write_section(
        "dates-gold", "Dates: Latvian and Chinese gold tables", body, "benchmarks/dates_gold.py"
    )


if __name__ == "__main__":
    main()
