"""Generate the KB JSON Schema (draft 2020-12) from the record model in :mod:`pipeline.kb.model`.

``python -m pipeline.kb.schema --write`` rewrites ``pipeline/kb/kb.schema.json``; ``--check``
exits 1 when the committed file is not the generated one (also a test). The generator maps
``str``/``int``/``float``/``bool``/``None`` and their unions, ``list``, ``dict``, ``Literal`` and
enums, and nested dataclasses (one ``$defs`` entry each, ``additionalProperties: false``, every
field required unless the model leaves it out when ``None``); field metadata and
:class:`~pipeline.kb.model.Schema` markers add constraints, field docstrings the descriptions.
"""

from __future__ import annotations

import argparse
import ast
import enum
import inspect
import json
import re
import sys
import textwrap
import types
from dataclasses import fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

from pipeline.kb.model import EXTERNAL_FIELD_TYPES, RECORD_TYPES, SCHEMA_VERSION, Schema

SCHEMA_PATH = Path(__file__).with_name("kb.schema.json")
"""Where the generated schema is committed (read by :func:`pipeline.kb.writer.schema`)."""


@cache
def field_docs(cls: type) -> dict[str, str]:
    """Field name → its docstring (the string literal after the field), base classes first."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if not is_dataclass(klass):
            continue
        tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        body = tree.body[0].body  # type: ignore[attr-defined]
        for node, after in zip(body, [*body[1:], None], strict=True):
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[node.target.id] = inspect.cleandoc(after.value.value)
    return docs


def part_types() -> list[type]:
    """Every dataclass a record contains (segments, spans, evidence, intervals), by name."""
    found: dict[str, type] = {}

    def visit(tp: Any) -> None:
        for arg in get_args(tp):
            visit(arg)
        if is_dataclass(tp) and isinstance(tp, type) and def_name(tp) not in found:
            found[def_name(tp)] = tp
            for hint in _hints(tp).values():
                visit(hint)

    for record in RECORD_TYPES:
        for hint in _hints(record).values():
            visit(hint)
    return [found[name] for name in sorted(found)]


def def_name(cls: type) -> str:
    """The ``$defs`` name of a dataclass: ``type`` of a record, else its snake-case name."""
    kind = getattr(cls, "type", None)
    if isinstance(kind, str):
        return kind
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


def _hints(cls: type) -> dict[str, Any]:
    hints = get_type_hints(cls, include_extras=True)
    hints.update(EXTERNAL_FIELD_TYPES.get(cls, {}))
    return {f.name: hints[f.name] for f in fields(cls)}


def _description(text: str) -> str:
    """A docstring as plain text: ``literal`` markup dropped, lines joined."""
    return " ".join(text.replace("``", "").split())


class _Generator:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def type_schema(self, tp: Any) -> dict[str, Any]:
        origin = get_origin(tp)
        if origin is Annotated:
            base, *extras = get_args(tp)
            out = self.type_schema(base)
            for marker in extras:
                if not isinstance(marker, Schema):
                    continue
                if marker.name is None:
                    out = {**out, **marker.keywords}
                else:
                    self.defs.setdefault(marker.name, {**out, **marker.keywords})
                    out = {"$ref": f"#/$defs/{marker.name}"}
            return out
        if origin in (Union, types.UnionType):
            options = [self.type_schema(a) for a in get_args(tp)]
            simple = [o for o in options if set(o) == {"type"}]
            if len(simple) == len(options):
                return {"type": [o["type"] for o in options]}
            return {"anyOf": options}
        if origin is Literal:
            values = list(get_args(tp))
            return {"type": _json_type(type(values[0])), "enum": values}
        if origin is list:
            (item,) = get_args(tp)
            return {"type": "array", "items": self.type_schema(item)}
        if origin is dict:
            key, value = get_args(tp)
            out = {"type": "object"}
            key_schema = self.type_schema(key)
            if key_schema != {"type": "string"}:
                out["propertyNames"] = key_schema
            out["additionalProperties"] = self.type_schema(value)
            return out
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            values = [m.value for m in tp]
            return {"type": _json_type(type(values[0])), "enum": values}
        if is_dataclass(tp) and isinstance(tp, type):
            name = def_name(tp)
            if name not in self.defs:
                self.defs[name] = {}  # placeholder: no recursion, keeps the order stable
                self.defs[name] = self.object_schema(tp)
            return {"$ref": f"#/$defs/{name}"}
        return {"type": _json_type(tp)}

    def object_schema(self, cls: type) -> dict[str, Any]:
        docs = field_docs(cls)
        out: dict[str, Any] = {"type": "object"}
        if cls.__doc__:
            out["description"] = _description(cls.__doc__)
        properties: dict[str, Any] = {}
        required: list[str] = []
        contract: list[str] = []
        if isinstance(getattr(cls, "type", None), str):
            properties["type"] = {"const": cls.type}  # type: ignore[attr-defined]
            required.append("type")
        for f, hint in zip(fields(cls), _hints(cls).values(), strict=True):
            omit = bool(f.metadata.get("omit_none"))
            if omit:
                args = [a for a in get_args(hint) if a is not type(None)]
                hint = args[0] if len(args) == 1 else Union[tuple(args)]  # noqa: UP007
            prop = self.type_schema(hint)
            prop = {**prop, **f.metadata.get("schema", {})}
            if f.name in docs:
                prop["description"] = _description(docs[f.name])
            properties[f.name] = prop
            if not omit:
                required.append(f.name)
            if f.metadata.get("contract"):
                contract.append(f.name)
        if contract:
            out["description"] = (
                out.get("description", "") + " Contract fields: " + ", ".join(contract) + "."
            )
        out["required"] = required
        out["properties"] = properties
        out["additionalProperties"] = False
        return out


def _json_type(tp: Any) -> str:
    names = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}
    if tp not in names:
        raise TypeError(f"no JSON Schema type for {tp!r}")
    return names[tp]


def generate_schema() -> dict[str, Any]:
    """The KB JSON Schema (draft 2020-12), generated from the record classes."""
    gen = _Generator()
    for record in RECORD_TYPES:
        gen.type_schema(record)
    kinds = [r.type for r in RECORD_TYPES]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://xlkb.invalid/schema/kb.schema.json",
        "title": "xlkb knowledge-base record (one line of outputs/kb.jsonl)",
        "description": (
            f"Schema version {SCHEMA_VERSION}. Implements docs/kb-contract.md; every field is "
            "documented in docs/kb.md. Generated from pipeline/kb/model.py by "
            "`python -m pipeline.kb.schema --write`: do not edit by hand."
        ),
        "type": "object",
        "required": ["type", "id", "schema_version"],
        "properties": {
            "type": {"enum": kinds},
            "id": {"type": "string", "minLength": 1},
            "schema_version": {"type": "string"},
        },
        "allOf": [
            {"if": {"properties": {"type": {"const": k}}}, "then": {"$ref": f"#/$defs/{k}"}}
            for k in kinds
        ],
        "$defs": dict(sorted(gen.defs.items())),
    }


def schema_text() -> str:
    """The generated schema as committed: two-space indent, UTF-8 characters kept, final newline."""
    return json.dumps(generate_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.kb.schema", description="Generate the KB JSON Schema."
    )
    parser.add_argument("--write", action="store_true", help=f"write {SCHEMA_PATH.name}")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when the committed schema is out of date"
    )
    args = parser.parse_args(argv)
    text = schema_text()
    if args.write:
        SCHEMA_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}")
        return 0
    if args.check:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.is_file() else ""
        if current != text:
            print(f"{SCHEMA_PATH} is out of date: run python -m pipeline.kb.schema --write")
            return 1
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
