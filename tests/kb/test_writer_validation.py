"""The writer's compiled validator gives the reference (jsonschema, draft 2020-12) verdict on
real KB records and on every one-field corruption of them."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest

from pipeline.kb import KBValidationError, validate_record
from pipeline.kb.writer import _compiled, _validator


def _wrong(value: Any) -> list[Any]:
    """Values of other JSON types than ``value``'s, and edge values of its own type."""
    if isinstance(value, bool):
        return ["true", 1, None]
    if isinstance(value, int):
        return [-1, 1.5, "7", None, True]
    if isinstance(value, float):
        return [-1.0, "0.5", None, 2.0]
    if isinstance(value, str):
        return ["", "zz", 5, None, ["x"]]
    if isinstance(value, list):
        return [{}, "x", [None], [5]]
    if isinstance(value, dict):
        return [[], "x", {"unexpected": 1}]
    return ["x", 5, {}]


def _corruptions(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Each record with one field removed, replaced, or added; also inside nested objects."""
    for key, value in record.items():
        gone = dict(record)
        del gone[key]
        yield gone
        for bad in _wrong(value):
            yield {**record, key: bad}
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items[:1]):
            if isinstance(item, dict):
                for inner in _corruptions(item):
                    changed = copy.deepcopy(record)
                    if isinstance(value, list):
                        changed[key][i] = inner
                    else:
                        changed[key] = inner
                    yield changed
    yield {**record, "not_a_field": 1}


def _reference_ok(record: dict[str, Any]) -> bool:
    return next(iter(_validator(None).iter_errors(record)), None) is None


def _compiled_ok(record: dict[str, Any]) -> bool:
    try:
        _compiled(record["type"])(record)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


@pytest.fixture(scope="module")
def samples(seed_outputs: Path) -> list[dict[str, Any]]:
    """Up to five records of each type from the seed run, with the most fields first."""
    by_type: dict[str, list[dict[str, Any]]] = {}
    for line in (seed_outputs / "kb.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        by_type.setdefault(record["type"], []).append(record)
    picked: list[dict[str, Any]] = []
    for records in by_type.values():
        records.sort(key=lambda r: -len(json.dumps(r)))
        picked += records[:5]
    assert {r["type"] for r in picked} >= {"document", "mention", "time", "entity", "event"}
    return picked


def test_compiled_and_reference_agree(samples: list[dict[str, Any]]) -> None:
    checked = rejected = 0
    for record in samples:
        assert _compiled_ok(record) and _reference_ok(record), record["id"]
        for bad in _corruptions(record):
            if bad.get("type") != record["type"]:
                continue  # the record's type picks the compiled part; a changed type is below
            verdict = _reference_ok(bad)
            assert _compiled_ok(bad) == verdict, (record["id"], bad)
            checked += 1
            rejected += not verdict
    assert checked > 500 and rejected > checked // 3


def test_an_unknown_or_missing_type_is_rejected_with_its_reason() -> None:
    with pytest.raises(KBValidationError, match="type"):
        validate_record({"id": "x", "schema_version": "1.3"})
    with pytest.raises(KBValidationError, match="'widget' is not one of"):
        validate_record({"type": "widget", "id": "x", "schema_version": "1.3"})


def test_a_broken_record_is_named_with_the_reference_message(
    samples: list[dict[str, Any]],
) -> None:
    mention = next(r for r in samples if r["type"] == "mention")
    with pytest.raises(KBValidationError, match=rf"mention {mention['id']}: start: .*integer"):
        validate_record({**mention, "start": "7"})
