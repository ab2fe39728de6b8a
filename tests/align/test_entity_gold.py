"""Integrity of the hand-annotated NTREX entity gold (not the pipeline's scores): every row is a
name of one of the three labels, written on its line of its language's file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "benchmarks" / "gold"
NTREX = ROOT.parent / "shared" / "data" / "parallel" / "ntrex-dev"
SPLITS = ("dev", "test", "dev2", "dev3")


def _rows(split: str) -> list[dict[str, str]]:
    with (GOLD / f"ntrex_entities_{split}.tsv").open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert reader.fieldnames == ["doc", "line", "lang", "surface", "entity", "label"]
        return list(reader)


@pytest.mark.parametrize("split", SPLITS)
def test_rows_are_unique_labelled_names(split: str) -> None:
    rows = _rows(split)
    assert len(rows) >= 500
    keys = [(r["doc"], r["line"], r["lang"], r["surface"], r["entity"]) for r in rows]
    assert len(keys) == len(set(keys))
    for r in rows:
        assert r["label"] in ("PER", "LOC", "ORG") and r["lang"] in ("en", "lv", "zh"), r
        assert r["surface"] == r["surface"].strip() and r["entity"] and " " not in r["entity"], r
    # an entity is one thing: one label wherever it is named
    labels: dict[str, str] = {}
    for r in rows:
        assert labels.setdefault(r["entity"], r["label"]) == r["label"], r
    # most entities are named in more than one language (the point of the gold)
    langs: dict[str, set[str]] = {}
    for r in rows:
        langs.setdefault(r["entity"], set()).add(r["lang"])
    assert sum(len(v) > 1 for v in langs.values()) >= len(langs) / 2


@pytest.mark.skipif(not NTREX.is_dir(), reason="NTREX data not present")
@pytest.mark.parametrize("split", SPLITS)
def test_surfaces_are_on_their_lines(split: str) -> None:
    lines: dict[tuple[str, str], list[str]] = {}
    for r in _rows(split):
        key = (r["doc"], r["lang"])
        if key not in lines:
            path = NTREX / r["doc"] / f"{r['doc']}.{r['lang']}.txt"
            lines[key] = path.read_text(encoding="utf-8").split("\n")
        assert r["surface"] in lines[key][int(r["line"]) - 1], r
