"""Shared fixtures. Prefect state goes to a temporary PREFECT_HOME; everything runs offline."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="xlkb-prefect-"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from pipeline.settings import PROJECT_ROOT, Settings, load_settings  # noqa: E402

SEEDS = PROJECT_ROOT / "corpora"
SEED_FILES = sorted(p for p in SEEDS.glob("*.txt"))
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def seed_files() -> list[Path]:
    """The four shipped seed documents."""
    assert len(SEED_FILES) == 4
    return SEED_FILES


@pytest.fixture
def make_settings(tmp_path: Path):
    """Settings with outputs in a temporary folder; pass ``corpora_dir`` and other overrides."""

    def make(**overrides) -> Settings:
        overrides.setdefault("outputs_dir", tmp_path / "outputs")
        return load_settings(**overrides)

    return make


@pytest.fixture(scope="session")
def seed_outputs(tmp_path_factory) -> Path:
    """The outputs folder of one full run (every stage) over the seed corpus, shared by the
    tests that need it (read it, or copy its ``.cache`` to start warm); never write into it."""
    from pipeline.build import build_kb

    outputs = tmp_path_factory.mktemp("seed-outputs")
    build_kb(load_settings(corpora_dir=SEEDS, outputs_dir=outputs))
    return outputs
