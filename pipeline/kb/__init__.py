"""The knowledge base: record ids, record dicts, the JSON Schema and the atomic JSONL writer."""

from pipeline.kb.records import SCHEMA_VERSION, build_records
from pipeline.kb.writer import KBValidationError, validate_record, write_jsonl

__all__ = ["SCHEMA_VERSION", "KBValidationError", "build_records", "validate_record", "write_jsonl"]
