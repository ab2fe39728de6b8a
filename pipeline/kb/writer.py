"""Validated, atomic JSONL writing: a crash mid-write leaves the previous file intact."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.atomic import atomic_file

if TYPE_CHECKING:
    from collections.abc import Callable

    from jsonschema import Draft202012Validator


class KBValidationError(ValueError):
    """A record does not satisfy the KB schema or its offsets do not round-trip."""


@cache
def schema() -> dict[str, Any]:
    """The KB JSON Schema (draft 2020-12) shipped in the package."""
    text = resources.files("pipeline.kb").joinpath("kb.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _typed_schema(kind: str) -> dict[str, Any]:
    """The common part of the schema and ``kind``'s definition, references inlined: the same
    verdict as the whole schema for a record of that type, without evaluating every branch."""
    full = schema()
    typed = {k: v for k, v in full.items() if k not in ("allOf", "$defs", "$schema", "$id")}
    typed["allOf"] = [_inline_refs(full["$defs"][kind], full["$defs"])]
    return typed


@cache
def _validator(kind: str | None = None) -> Draft202012Validator:
    """The reference validator (``jsonschema``, draft 2020-12) of the whole schema, or of one
    record type's part of it; it words the error messages."""
    from jsonschema import Draft202012Validator

    full = schema()
    if kind is None or kind not in full["$defs"]:
        Draft202012Validator.check_schema(full)
        return Draft202012Validator(full)
    return Draft202012Validator({"$schema": full["$schema"], **_typed_schema(kind)})


@cache
def _compiled(kind: str) -> Callable[[Any], Any]:
    """``kind``'s schema compiled to Python by ``fastjsonschema`` (about 20 times faster than
    the reference validator). The schema keeps to keywords draft 7 shares with draft 2020-12,
    so both give one verdict; ``tests/kb/test_writer_validation.py`` checks that on real and
    broken records."""
    import fastjsonschema

    return fastjsonschema.compile(_typed_schema(kind))


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """Replace local ``{"$ref": "#/$defs/x"}`` with the definition itself (the schema has no
    recursion), so validation does no reference resolution per record."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline_refs(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline_refs(v, defs) for v in node]
    return node


def validate_record(record: dict[str, Any]) -> None:
    """Raise :class:`KBValidationError` naming the record and the first schema violation."""
    import fastjsonschema

    kind = record.get("type")
    if isinstance(kind, str) and kind in schema()["$defs"]:
        try:
            _compiled(kind)(record)
            return
        except fastjsonschema.JsonSchemaValueException:
            pass  # the reference validator below words the error
    error = next(
        iter(_validator(kind if isinstance(kind, str) else None).iter_errors(record)), None
    )
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(record)"
        raise KBValidationError(
            f"{record.get('type')} {record.get('id')}: {where}: {error.message}"
        )


def dumps(record: dict[str, Any]) -> str:
    """One JSONL line (no trailing newline): UTF-8 characters kept, compact separators."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def write_jsonl(path: Path, records: Iterable[dict[str, Any]], validate: bool = True) -> int:
    """Write records to ``path`` atomically (temp file in the same folder, fsync, rename).

    Every record is validated first when ``validate``; on any error the old file is untouched.
    Returns the number of lines written.
    """
    count = 0
    with atomic_file(path) as fh:
        for record in records:
            if validate:
                validate_record(record)
            fh.write(dumps(record))
            fh.write("\n")
            count += 1
    return count
