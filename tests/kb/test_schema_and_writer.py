"""The KB schema (shipped in the package) and the atomic, validating writer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.kb import KBValidationError, validate_record, write_jsonl
from pipeline.kb.model import (
    DocumentRecord,
    EntityRecord,
    EventRecord,
    EventSpan,
    MentionRecord,
    Segment,
    TimeRecord,
)
from pipeline.kb.writer import schema
from pipeline.records import Interval

DOC = DocumentRecord(
    id="doc_0123456789abcdef",
    path="a/b.txt",
    sha256="0" * 64,
    lang="lv",
    chars=10,
    encoding="utf-8",
    script="Latn",
    stages={"dates": "1"},
    segments=[Segment(start=0, end=10, lang="lv", script="Latn", paragraph=0)],
).to_json()
TIME = TimeRecord(
    id="tim_1",
    doc="doc_0123456789abcdef",
    lang="zh",
    start=0,
    end=7,
    text="公元前400年",
    value="-0399",
    interval=Interval("-0399-01-01", "-0399-12-31"),
    granularity="year",
    fuzzy=False,
    anchored=False,
).to_json()
MENTION = MentionRecord(
    id="men_1",
    doc="doc_0123456789abcdef",
    lang="en",
    start=3,
    end=10,
    text="Armenia",
    label="LOC",
    entity="ent_1",
    lemma=None,
    source="model",
).to_json()
ENTITY = EntityRecord(
    id="ent_1",
    label="LOC",
    name="Armenia",
    names={"en": ["Armenia"], "lv": ["Armēnija", "Armēniju"]},
    langs=["en", "lv"],
    mention_count=3,
    ids=["cldr:AM"],
    evidence=[],
    confidence=1.0,
).to_json()
EVENT = EventRecord(
    id="evt_1",
    kind="ceasefire_agreement",
    interval=None,
    interval_inherited=False,
    participants=["ent_1"],
    place=None,
    mentions=[EventSpan(doc="doc_0123456789abcdef", lang="en", start=0, end=5, text="Truce")],
    langs=["en"],
    triggers=["truce"],
    evidence=[],
    confidence=1.0,
).to_json()


def test_schema_is_draft_2020_12() -> None:
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("record", [DOC, TIME, MENTION, ENTITY, EVENT], ids=lambda r: r["type"])
def test_valid_records_pass(record: dict) -> None:
    validate_record(record)


@pytest.mark.parametrize(
    ("record", "change"),
    [
        (DOC, {"sha256": "xyz"}),
        (DOC, {"lang": "Latvian"}),
        (TIME, {"interval": {"start": "1994-13-01", "end": "1994-12-31"}}),
        (TIME, {"interval": {"start": "1994-05"}}),
        (TIME, {"fuzzy": "no"}),
        (MENTION, {"start": -1}),
        (MENTION, {"entity": None}),
        (ENTITY, {"names": {}}),
        (EVENT, {"mentions": []}),
        (EVENT, {"kind": "ceasefire"}),
        (DOC, {"schema_version": None}),
        (DOC, {"segments": None}),
        (MENTION, {"source": "guess"}),
        (MENTION, {"score": None, "mentions": 1}),
        (ENTITY, {"mention_count": None, "mentions": 3}),
        (ENTITY, {"evidence": [{"signal": "exact_name", "score": 1.0}]}),
        *[(record, {"undefined": 1}) for record in (DOC, TIME, MENTION, ENTITY, EVENT)],
    ],
)
def test_invalid_records_fail(record: dict, change: dict) -> None:
    bad = {**record, **change}
    bad = {k: v for k, v in bad.items() if v is not None}
    with pytest.raises(KBValidationError):
        validate_record(bad)


@pytest.mark.parametrize("field", ["path", "sha256", "lang", "chars"])
def test_document_required_fields(field: str) -> None:
    with pytest.raises(KBValidationError, match=field):
        validate_record({k: v for k, v in DOC.items() if k != field})


def test_writer_is_atomic_on_a_bad_record(tmp_path: Path) -> None:
    kb = tmp_path / "kb.jsonl"
    write_jsonl(kb, [DOC, ENTITY])
    before = kb.read_bytes()
    with pytest.raises(KBValidationError):
        write_jsonl(kb, [DOC, {**TIME, "granularity": ""}])
    assert kb.read_bytes() == before
    assert list(tmp_path.iterdir()) == [kb]  # no temp file left behind


def test_writer_is_atomic_on_a_crash_mid_write(tmp_path: Path) -> None:
    kb = tmp_path / "kb.jsonl"
    write_jsonl(kb, [DOC])
    before = kb.read_bytes()

    def records():
        yield ENTITY
        raise RuntimeError("crash while producing records")

    with pytest.raises(RuntimeError):
        write_jsonl(kb, records())
    assert kb.read_bytes() == before


def test_jsonl_framing(tmp_path: Path) -> None:
    kb = tmp_path / "kb.jsonl"
    write_jsonl(kb, [DOC, TIME])
    raw = kb.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\n") and b"\r" not in raw
    lines = raw.decode("utf-8").split("\n")
    assert lines[-1] == "" and all(lines[:-1])
    assert json.loads(lines[1])["text"] == "公元前400年"  # UTF-8, not \\u escapes
    assert "公元前400年" in lines[1]
