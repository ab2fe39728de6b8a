"""The record model: the committed schema is the generated one, every field is documented and
defined, ``to_json`` keeps field order and omission rules, and every builder writes one shape."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, fields
from typing import Literal

import pytest

from pipeline.kb import build_records, validate_record
from pipeline.kb.assemble import exact_name_entities
from pipeline.kb.model import (
    RECORD_TYPES,
    EntityEvidence,
    EntityRecord,
    Lang,
    MentionRecord,
    Part,
    spec,
)
from pipeline.kb.schema import SCHEMA_PATH, _Generator, field_docs, part_types, schema_text
from pipeline.kb.writer import schema
from pipeline.records import AnalyzedDocument, Mention, Segment

MODEL_TYPES = [*RECORD_TYPES, *part_types()]


def test_committed_schema_is_the_generated_one() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "run: python -m pipeline.kb.schema --write"
    )


def test_schema_points_inside_the_repository() -> None:
    assert "docs/kb-contract.md" in schema()["description"]
    assert "shared/" not in SCHEMA_PATH.read_text(encoding="utf-8")


@pytest.mark.parametrize("cls", MODEL_TYPES, ids=lambda c: c.__name__)
def test_every_field_has_a_docstring(cls: type) -> None:
    docs = field_docs(cls)
    assert [f.name for f in fields(cls) if not docs.get(f.name)] == []


@pytest.mark.parametrize("cls", MODEL_TYPES, ids=lambda c: c.__name__)
def test_every_field_is_defined_and_nothing_else(cls: type) -> None:
    from pipeline.kb.schema import def_name

    definition = schema()["$defs"][def_name(cls)]
    expected = {f.name for f in fields(cls)} | ({"type"} if cls in RECORD_TYPES else set())
    assert set(definition["properties"]) == expected
    assert definition["additionalProperties"] is False


def test_to_json_keeps_declaration_order_and_omits_only_marked_nones() -> None:
    mention = MentionRecord(
        id="men_1",
        doc="doc_1",
        lang="lv",
        start=0,
        end=4,
        text="Rīga",
        label="LOC",
        entity="ent_1",
        lemma=None,
        source="model",
    )
    record = mention.to_json()
    assert list(record) == [
        "type",
        "id",
        "schema_version",
        "doc",
        "lang",
        "start",
        "end",
        "text",
        "label",
        "entity",
        "lemma",
        "source",
    ]
    assert record["lemma"] is None  # written as null: not an omit_none field
    with_score = MentionRecord(**{**vars(mention), "score": 0.5}).to_json()
    assert list(with_score)[-1] == "score"


def test_entity_evidence_shapes_keep_their_key_order() -> None:
    pivot = EntityEvidence(
        names=["Armenia", "Armēnija"],
        langs=["en", "lv"],
        rule="pivot",
        signals={"cedict": 1.0},
        score=0.95,
        key="armenia",
    )
    knowledge = EntityEvidence(
        names=["Armenia", "亞美尼亞"],
        langs=["en", "zh"],
        signals={"cldr": 1.0},
        id="cldr:AM",
        score=0.98,
    )
    assert list(pivot.to_json()) == ["names", "langs", "rule", "signals", "score", "key"]
    assert list(knowledge.to_json()) == ["names", "langs", "signals", "id", "score"]


def _doc() -> AnalyzedDocument:
    text = "Rīga un rīga. Riga."
    mentions = [
        Mention(0, 4, "Rīga", "LOC", "lv", 0),
        Mention(8, 12, "rīga", "LOC", "lv", 0),
        Mention(14, 18, "Riga", "LOC", "en", 1),
    ]
    return AnalyzedDocument(
        doc_id="doc_" + "1" * 16,
        path="a.txt",
        sha256="1" * 64,
        encoding="utf-8",
        text=text,
        analysis_text=text,
        lang="lv",
        script="Latn",
        sentences=[Segment(0, 13, "lv", "Latn", 0), Segment(14, 19, "en", "Latn", 0)],
        mentions=mentions,
        stages={"ner": "1"},
    )


def test_exact_name_entities_have_the_aligned_shape() -> None:
    """Without an alignment stage the entities carry ``mention_count`` (not ``mentions``) and
    evidence in the one evidence shape, like the aligned ones (schema 1.1)."""
    entities = exact_name_entities([_doc()]).entities
    assert [(e["names"], e["mention_count"]) for e in entities] == [
        ({"lv": ["Rīga", "rīga"]}, 2),
        ({"en": ["Riga"]}, 1),
    ]
    aligned_keys = ["type"] + [f.name for f in fields(EntityRecord) if f.name != "wikidata"]
    for entity in entities:
        assert list(entity) == aligned_keys
        assert entity["evidence"] == [] and entity["ids"] == [] and entity["confidence"] == 1.0
    for record in build_records([_doc()], None):
        validate_record(record)


# --- the generator on its own ---------------------------------------------------------------


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@dataclass(frozen=True, kw_only=True)
class Inner(Part):
    """An inner part."""

    n: int = spec(minimum=1)
    """A count."""


@dataclass(frozen=True, kw_only=True)
class Outer(Part):
    """An outer part."""

    text: str | None
    """Text or null."""
    flag: bool
    """A flag."""
    ratio: float | None = spec(omit_none=True, default=None, maximum=1)
    """Left out when unknown."""
    mode: Literal["a", "b"]
    """A literal."""
    colour: Colour
    """An enum."""
    langs: list[Lang]
    """Shared definition in a list."""
    table: dict[str, list[int]]
    """A map."""
    inner: Inner | None
    """A nested part or null."""


def test_generator_maps_types_metadata_and_docstrings() -> None:
    gen = _Generator()
    assert gen.type_schema(Outer) == {"$ref": "#/$defs/outer"}
    outer = gen.defs["outer"]
    assert outer["required"] == ["text", "flag", "mode", "colour", "langs", "table", "inner"]
    assert outer["additionalProperties"] is False
    props = outer["properties"]
    assert props["text"] == {"type": ["string", "null"], "description": "Text or null."}
    assert props["flag"]["type"] == "boolean"
    assert props["ratio"] == {
        "type": "number",
        "maximum": 1,
        "description": "Left out when unknown.",
    }
    assert props["mode"]["enum"] == ["a", "b"] and props["mode"]["type"] == "string"
    assert props["colour"]["enum"] == ["red", "blue"]
    assert props["langs"]["items"] == {"$ref": "#/$defs/lang"}
    assert "pattern" in gen.defs["lang"]
    assert props["table"]["additionalProperties"] == {"type": "array", "items": {"type": "integer"}}
    assert props["inner"]["anyOf"] == [{"$ref": "#/$defs/inner"}, {"type": "null"}]
    assert gen.defs["inner"]["properties"]["n"] == {
        "type": "integer",
        "minimum": 1,
        "description": "A count.",
    }
    json.dumps(gen.defs)  # JSON-able
