"""Per-language data files (``<code>/``): abbreviations, date grammars, gazetteers, triggers."""

from __future__ import annotations

from functools import cache
from importlib import resources

SUPPORTED = ("lv", "en", "zh")
"""Languages the pipeline analyzes (NER, dates, events)."""


@cache
def read_lines(lang: str, name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of data file ``pipeline/lang/<lang>/<name>``."""
    path = resources.files("pipeline.lang").joinpath(lang, name)
    if not path.is_file():
        return ()
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)
