"""Temporal expressions: find dates, periods and ranges in lv/en/zh sentences and normalize them
to TIMEX3-style values and calendar intervals (see ``docs/dates.md`` for the interval rules).

Public API: :func:`extract_times` (used by the ``dates`` stage) and :func:`find_times` (one text,
one language; tests and benchmarks).
"""

from pipeline.dates.extract import Found, extract_times, find_in_document, find_times, is_deictic

VERSION = "1.6.0"
"""Bumped whenever output may change (grammar data or code)."""

__all__ = ["VERSION", "Found", "extract_times", "find_in_document", "find_times", "is_deictic"]
