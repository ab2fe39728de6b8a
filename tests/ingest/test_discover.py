"""Recursive discovery: suffixes, hidden files, README, symbolic links."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.ingest import discover


def _touch(path: Path, text: str = "Some text.") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_discovery_is_recursive_sorted_and_skips_non_documents(tmp_path: Path) -> None:
    corpora = tmp_path / "corpora"
    _touch(corpora / "b.txt")
    _touch(corpora / "a" / "deep" / "c.md")
    _touch(corpora / "README.md")
    _touch(corpora / ".hidden.txt")
    _touch(corpora / ".git" / "x.txt")
    _touch(corpora / "image.png")
    _touch(corpora / "notes.TXT")
    found = [f.path for f in discover(corpora)]
    assert found == ["a/deep/c.md", "b.txt", "notes.TXT"]
    assert all(f.problem is None for f in discover(corpora))


def test_symlink_outside_corpora_is_reported_not_followed(tmp_path: Path) -> None:
    corpora = tmp_path / "corpora"
    _touch(corpora / "inside.txt")
    outside = tmp_path / "secret.txt"
    _touch(outside, "outside text")
    os.symlink(outside, corpora / "link.txt")
    os.symlink(corpora / "inside.txt", corpora / "alias.txt")
    files = {f.path: f for f in discover(corpora)}
    assert "outside the corpora folder" in (files["link.txt"].problem or "")
    assert files["alias.txt"].problem is None


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        discover(tmp_path / "nope")
