"""A compact, comparable view of extraction results (used by the case-table tests and the
benchmarks)."""

from __future__ import annotations

from pipeline.dates.extract import Found, find_times

Row = tuple[str, str, str | None, str | None, str, bool]
"""``(text, value, interval start, interval end, granularity, fuzzy)``."""


def as_row(f: Found) -> Row:
    """``(text, value, interval start, interval end, granularity, fuzzy)``."""
    span = f.resolved.span
    start, end = span.iso() if span is not None else (None, None)
    return (f.text, f.resolved.value, start, end, f.resolved.granularity, f.resolved.fuzzy)


def rows(text: str, lang: str, reference: str | None = None) -> list[Row]:
    """All expressions of ``text`` as :func:`as_row` tuples, in text order."""
    return [as_row(f) for f in find_times(text, lang, reference)]


def row_for(text: str, lang: str, expression: str) -> Row | None:
    """The row of the (last) expression whose text is ``expression``, or ``None``."""
    found = [r for r in rows(text, lang) if r[0] == expression]
    return found[-1] if found else None
