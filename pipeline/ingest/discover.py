"""Recursive discovery of text files under the corpora folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = frozenset({".txt", ".md"})
"""File name endings treated as documents."""
IGNORED_NAMES = frozenset({"readme.md", "readme.txt", "readme"})
"""Corpus documentation, not corpus text (compared case-insensitively)."""


@dataclass(frozen=True)
class CorpusFile:
    """A candidate document file."""

    path: str
    """Path relative to the corpora folder, ``/``-separated (the document's ``path``)."""
    absolute: Path
    """Where it is on disk."""
    problem: str | None = None
    """Set when the file must not be read (e.g. a symbolic link leading outside the corpora folder)."""


def _is_hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def discover(corpora_dir: Path) -> list[CorpusFile]:
    """All ``.txt``/``.md`` files below ``corpora_dir``, sorted by relative path.

    Hidden files and folders and README files are ignored. Symbolic links are never followed
    out of the corpora folder: such a link is returned with ``problem`` set so it is reported.
    Raises ``FileNotFoundError`` when the folder does not exist.
    """
    root = corpora_dir.resolve()
    if not corpora_dir.is_dir():
        raise FileNotFoundError(f"corpora folder does not exist: {corpora_dir}")
    found: list[CorpusFile] = []
    for dirpath, dirnames, filenames in os.walk(corpora_dir, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(corpora_dir)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for link in [d for d in dirnames if (here / d).is_symlink()]:
            dirnames.remove(link)
            found.append(
                CorpusFile(
                    (rel_dir / link).as_posix(),
                    here / link,
                    "symbolic link to a folder is not followed",
                )
            )
        for name in filenames:
            rel = rel_dir / name
            if _is_hidden(rel) or name.lower() in IGNORED_NAMES:
                continue
            if Path(name).suffix.lower() not in TEXT_SUFFIXES:
                continue
            absolute = here / name
            problem = None
            if absolute.is_symlink():
                target = absolute.resolve()
                if not target.is_relative_to(root):
                    problem = (
                        f"symbolic link points outside the corpora folder ({target}); not followed"
                    )
                elif not target.is_file():
                    problem = "broken symbolic link"
            found.append(CorpusFile(rel.as_posix(), absolute, problem))
    return sorted(found, key=lambda f: f.path)
