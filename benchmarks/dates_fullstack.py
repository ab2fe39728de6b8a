"""Latvian extraction recall on independent annotations: the `time` entities of the LUMII-AILab
FullStack named-entity corpus (CC BY-SA 4.0; evaluation only, the data stays in
``../shared/data/ner/lv/``). Sentences are taken one by one from their ``# text`` lines, token
offsets are recovered by searching the tokens in order, and an annotated span counts as found
when one of our expressions overlaps it.

Only recall is meaningful here: FullStack tags `time` for a subset of what we extract (it leaves
most `šodien`, `šogad`, `pērn` and durations untagged), so "agreement" on our side is reported for
information, not as precision. Its annotations also cover clock times and period names
(`plkst. 13:00`, `viduslaikos`) that the stage does not normalize.

Run: ``.venv/bin/python -m benchmarks.dates_fullstack [--misses]``
"""

from __future__ import annotations

import sys
from collections import Counter

from benchmarks.dates_common import pct
from benchmarks.report import table, write_section
from pipeline.dates import find_times
from pipeline.settings import PROJECT_ROOT

DATA = PROJECT_ROOT.parent / "shared" / "data" / "ner" / "lv" / "fullstack-ner.conll"


def sentences() -> list[tuple[str, list[tuple[int, int]]]]:
    """(sentence text, gold `time` spans) for every sentence of the corpus."""
    out: list[tuple[str, list[tuple[int, int]]]] = []
    text: str | None = None
    tokens: list[tuple[str, str]] = []

    def close() -> None:
        if text is None:
            return
        spans: list[tuple[int, int]] = []
        current: list[int] | None = None
        pos = 0
        for form, tag in tokens:
            at = text.find(form, pos)
            at = pos if at < 0 else at
            pos = at + len(form)
            if tag == "B-time":
                if current:
                    spans.append((current[0], current[1]))
                current = [at, pos]
            elif tag == "I-time" and current:
                current[1] = pos
            elif current:
                spans.append((current[0], current[1]))
                current = None
        if current:
            spans.append((current[0], current[1]))
        out.append((text, spans))

    with open(DATA, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                close()
                text, tokens = line[len("# text = ") :], []
            elif line.startswith("#") or not line.strip():
                continue
            else:
                cols = line.split("\t")
                tokens.append((cols[1], cols[6]))
    close()
    return out


def main() -> None:
    gold = found = gold_hit = ours_hit = 0
    missed: Counter[str] = Counter()
    data = sentences()
    for text, spans in data:
        ours = [(f.start, f.end) for f in find_times(text, "lv")]
        gold += len(spans)
        found += len(ours)
        for a, b in spans:
            if any(s < b and a < e for s, e in ours):
                gold_hit += 1
            else:
                missed[text[a:b]] += 1
        ours_hit += sum(1 for s, e in ours if any(s < b and a < e for a, b in spans))
    if "--misses" in sys.argv:
        for expr, n in missed.most_common(80):
            print(n, expr)
    rows = [[len(data), gold, found, pct(gold_hit / gold), pct(ours_hit / found if found else 0)]]
    body = (
        "Independent Latvian annotations: `time` entities of the FullStack NER corpus (another "
        "team's annotation scheme; clock times and period names included). Recall = share of "
        "their spans overlapped by one of ours. *Ours tagged there too* is not precision: the "
        "corpus leaves most deictic words and durations untagged.\n\n"
        + table(["sentences", "their time spans", "ours", "recall", "ours tagged there too"], rows)
    )
    print(body)
    write_section(
        "dates-fullstack",
        "Dates: recall on FullStack Latvian `time` spans",
        body,
        "benchmarks/dates_fullstack.py",
    )


if __name__ == "__main__":
    main()
