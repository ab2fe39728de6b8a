"""Write one benchmark's results into its own section of ``docs/benchmarks.md``.

Each benchmark owns a section delimited by ``<!-- BEGIN name -->`` / ``<!-- END name -->`` and
replaces only that section, so benchmarks can be rerun one at a time in any order.
"""

from __future__ import annotations

import platform
import re
from datetime import date
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\n"
    "Every table below is written by a script in `benchmarks/` (named in each section); rerun it to "
    "refresh its section.\n"
)


def machine() -> str:
    """A one-line description of where the numbers were measured."""
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write_section(name: str, title: str, body: str, script: str) -> None:
    """Replace (or append) section ``name`` of docs/benchmarks.md."""
    DOC.parent.mkdir(parents=True, exist_ok=True)
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else HEADER
    block = (
        f"<!-- BEGIN {name} -->\n## {title}\n\n"
        f"_Measured {date.today().isoformat()} by `{script}` on {machine()}._\n\n"
        f"{body.strip()}\n<!-- END {name} -->"
    )
    pattern = re.compile(
        rf"<!-- BEGIN {re.escape(name)} -->.*?<!-- END {re.escape(name)} -->", re.S
    )
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


def table(header: list[str], rows: list[list[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append("| " + " | ".join(str(c) for c in row) + " |")
    return "\n".join(lines)
