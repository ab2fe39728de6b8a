"""Integrity of the hand-annotated NTREX event gold (not the pipeline's scores)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.events.kinds import KINDS

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "benchmarks" / "gold"
NTREX = ROOT.parent / "shared" / "data" / "parallel" / "ntrex-dev"
COLUMNS = ["doc", "event", "lines", "kind", "date", "description"]
SPLITS = ("dev", "test", "dev2", "dev3")


def _rows(split: str) -> list[dict[str, str]]:
    path = GOLD / f"ntrex_events_{split}.tsv"
    with path.open(encoding="utf-8") as fh:
        body = [line for line in fh if not line.startswith("#")]
    reader = csv.DictReader(body, delimiter="\t", quoting=csv.QUOTE_NONE)
    assert reader.fieldnames == COLUMNS
    rows = list(reader)
    for r in rows:
        assert None not in r and all(v is not None for v in r.values()), r
    return rows


def _split_docs(split: str) -> list[str]:
    from benchmarks.event_eval import split_names

    return split_names(split)


@pytest.mark.parametrize("split", SPLITS)
def test_columns_kinds_dates(split: str) -> None:
    from benchmarks.event_eval import DATE, gold_interval

    rows = _rows(split)
    assert len(rows) >= 40
    for r in rows:
        assert r["doc"] and r["event"] and r["description"].strip(), r
        assert r["kind"] in KINDS, r
        lines = [int(x) for x in r["lines"].split(",")]
        assert lines == sorted(set(lines)) and min(lines) >= 1, r
        if r["date"]:
            assert DATE.match(r["date"]), r
            lo, hi = gold_interval(r["date"])  # type: ignore[misc]
            assert lo <= hi


@pytest.mark.parametrize("split", SPLITS)
def test_no_duplicates_and_consistent_ids(split: str) -> None:
    rows = _rows(split)
    keys = [(r["doc"], r["event"]) for r in rows]
    assert len(keys) == len(set(keys))
    # One id is one happening: told in several documents, it keeps its kind and date.
    seen: dict[str, tuple[str, str]] = {}
    for r in rows:
        assert seen.setdefault(r["event"], (r["kind"], r["date"])) == (r["kind"], r["date"]), r


@pytest.mark.skipif(not NTREX.is_dir(), reason="NTREX data not present")
def test_splits_follow_the_entity_gold() -> None:
    docs_of = {split: _split_docs(split) for split in SPLITS}
    assert sum(len(d) for d in docs_of.values()) == len(set().union(*docs_of.values()))
    for split, docs in docs_of.items():
        assert {r["doc"] for r in _rows(split)} <= set(docs)
        with (GOLD / f"ntrex_entities_{split}.tsv").open(encoding="utf-8") as fh:
            entity_docs = {r["doc"] for r in csv.DictReader(fh, delimiter="\t")}
        assert entity_docs <= set(docs)
    covered = {r["doc"] for s in SPLITS for r in _rows(s)}
    assert len(covered) >= 25


@pytest.mark.skipif(not NTREX.is_dir(), reason="NTREX data not present")
@pytest.mark.parametrize("split", SPLITS)
def test_lines_inside_parallel_documents(split: str) -> None:
    for r in _rows(split):
        counts = set()
        for lang in ("en", "lv", "zh"):
            text = (NTREX / r["doc"] / f"{r['doc']}.{lang}.txt").read_text(encoding="utf-8")
            lines = text.splitlines()
            counts.add(len(lines))
            for n in (int(x) for x in r["lines"].split(",")):
                assert n <= len(lines) and lines[n - 1].strip(), (r, lang, n)
        assert len(counts) == 1, r
