"""Shared helpers of the operations tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.settings import PROJECT_ROOT

SMALL_CORPUS = PROJECT_ROOT / "tests" / "fixtures" / "small_corpus"


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A writable copy of the three-document fixture corpus (lv, en, zh)."""
    target = tmp_path / "corpora"
    shutil.copytree(SMALL_CORPUS, target)
    return target
