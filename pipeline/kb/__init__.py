"""The knowledge base: the record model (and the JSON Schema generated from it), record ids,
record assembly from analyzed documents, and the validating atomic JSONL writer."""

from pipeline.kb.assemble import build_records
from pipeline.kb.model import SCHEMA_VERSION
from pipeline.kb.writer import KBValidationError, validate_record, write_jsonl

__all__ = ["SCHEMA_VERSION", "KBValidationError", "build_records", "validate_record", "write_jsonl"]
