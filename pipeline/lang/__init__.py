"""Per-language data (``<code>/``): language defaults, abbreviations, date grammars, gazetteers,
triggers. Every reader of those files finds them through this package: :data:`LANG_DIR`,
:func:`data_path`, :func:`read_lines`; the per-language settings and small tables are
:func:`pipeline.lang.defaults.defaults`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

SUPPORTED = ("lv", "en", "zh")
"""Languages the pipeline analyzes (NER, dates, events), in the order they are processed; each
has a folder ``pipeline/lang/<code>/``."""

LANG_DIR = Path(__file__).resolve().parent
"""The folder holding one data folder per language."""


def data_path(lang: str, name: str) -> Path:
    """Path of data file ``pipeline/lang/<lang>/<name>`` (it may not exist)."""
    return LANG_DIR / lang / name


def data_paths(lang: str, pattern: str) -> list[Path]:
    """The data files of ``lang`` matching a glob ``pattern``, sorted by name."""
    return sorted((LANG_DIR / lang).glob(pattern))


@cache
def read_lines(lang: str, name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of data file ``pipeline/lang/<lang>/<name>`` (stripped)."""
    path = data_path(lang, name)
    if not path.is_file():
        return ()
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)
