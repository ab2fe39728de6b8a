"""Check a written KB file: JSONL framing, schema, references and offsets against the corpus."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.ingest.decode import decode_bytes
from pipeline.kb.writer import KBValidationError, validate_record


def validate_kb(kb_path: Path, corpora_dir: Path | None = None) -> list[str]:
    """Problems found in ``kb_path`` (empty list when valid).

    Checks: UTF-8 without BOM, ``\\n`` line endings with a final newline and no blank lines, every
    line valid against the schema, unique ids, mention/time/event references to existing
    documents and entities, and (when ``corpora_dir`` is given) ``text[start:end] == text`` for
    every span against the document decoded from its file.
    """
    problems: list[str] = []
    if not kb_path.is_file():
        return [f"{kb_path}: no such file"]
    raw = kb_path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append("file starts with a UTF-8 BOM")
    if raw and not raw.endswith(b"\n"):
        problems.append("no final newline")
    if b"\r" in raw:
        problems.append("carriage return in file (lines must end with \\n)")
    records = []
    for number, line in enumerate(raw.decode("utf-8").split("\n")[:-1], start=1):
        if not line.strip():
            problems.append(f"line {number}: blank line")
            continue
        try:
            record = json.loads(line)
            validate_record(record)
        except (json.JSONDecodeError, KBValidationError) as exc:
            problems.append(f"line {number}: {exc}")
            continue
        records.append(record)
    ids = [r["id"] for r in records]
    if len(ids) != len(set(ids)):
        problems.append("duplicate record ids")
    docs = {r["id"]: r for r in records if r["type"] == "document"}
    if not docs:
        problems.append("no document records: a KB holds at least one document")
    entities = {r["id"] for r in records if r["type"] == "entity"}
    texts: dict[str, str] = {}
    if corpora_dir is not None:
        for doc in docs.values():
            file = corpora_dir / doc["path"]
            if file.is_file():
                texts[doc["id"]] = decode_bytes(file.read_bytes()).text
            else:
                problems.append(f"{doc['id']}: file {doc['path']} not found under {corpora_dir}")
    for r in records:
        spans = []
        if r["type"] in ("mention", "time"):
            spans = [r]
        elif r["type"] == "event":
            spans = r["mentions"]
            for ref in [*r["participants"], *([r["place"]] if r["place"] else [])]:
                if ref not in entities:
                    problems.append(f"{r['id']}: unknown entity {ref}")
        if r["type"] == "mention" and r["entity"] not in entities:
            problems.append(f"{r['id']}: unknown entity {r['entity']}")
        for span in spans:
            if span["doc"] not in docs:
                problems.append(f"{r['id']}: unknown document {span['doc']}")
                continue
            text = texts.get(span["doc"])
            if text is not None and text[span["start"] : span["end"]] != span["text"]:
                problems.append(
                    f"{r['id']}: offsets {span['start']}:{span['end']} do not round-trip"
                )
    return problems
