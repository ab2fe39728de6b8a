"""Run settings: defaults, overridden by ``xlkb.toml`` in the project root and ``XLKB_*`` variables.

Environment variables use the field name in upper case, e.g. ``XLKB_NER_PROFILE=accurate``,
``XLKB_TASK_RUNNER=dask``, ``XLKB_STAGES=ner,dates``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The checkout (or install prefix) that holds ``models/``, ``corpora/`` and ``outputs/``."""


@dataclass(frozen=True)
class Settings:
    """Everything a run can be configured with."""

    corpora_dir: Path = PROJECT_ROOT / "corpora"
    """Folder scanned recursively for ``.txt``/``.md`` documents."""
    outputs_dir: Path = PROJECT_ROOT / "outputs"
    """Where ``kb.jsonl``, ``errors.jsonl``, ``report.html`` and the cache are written."""
    models_dir: Path = PROJECT_ROOT / "models"
    """Where shipped models live."""
    stages: tuple[str, ...] | None = None
    """Names of the stages to run; ``None`` runs every registered stage."""
    ner_profile: str = "fast"
    """``fast`` (spaCy pipelines, CPU default) or ``accurate`` (multilingual transformer)."""
    ner_backends: dict[str, str] = field(default_factory=dict)
    """Per-language override of the NER backend (``spacy``, ``transformers``, ``stanza``)."""
    ner_runtime: str = "auto"
    """CPU runtime of the ``transformers`` NER backend: ``auto`` (ONNX Runtime when installed,
    PyTorch on a GPU), ``onnx``, ``onnx-int8`` (quantized, slightly different tags) or ``torch``."""
    max_file_bytes: int = 20 * 1024 * 1024
    """Files larger than this are reported as errors instead of being analyzed."""
    task_runner: str = "default"
    """``default`` (Prefect's thread pool) or ``dask`` (``prefect-dask``)."""
    dask_address: str | None = None
    """Scheduler address of an existing Dask cluster; ``None`` starts a local one."""
    dask_workers: int = 2
    """Workers of the local Dask cluster."""
    schedule_cron: str = "0 2 * * *"
    """Cron schedule of the served deployment (default nightly at 02:00)."""
    poll_seconds: float = 10.0
    """Drop-folder watcher poll interval."""
    use_cache: bool = True
    """Reuse per-document results from ``outputs/.cache`` keyed on content and stage versions."""
    lock_wait_seconds: float = 60.0
    """How long a run waits for another run holding ``outputs/.lock`` before it gives up."""

    @property
    def kb_path(self) -> Path:
        return self.outputs_dir / "kb.jsonl"

    @property
    def errors_path(self) -> Path:
        return self.outputs_dir / "errors.jsonl"

    @property
    def cache_dir(self) -> Path:
        return self.outputs_dir / ".cache"

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, raw: Any) -> Any:
    kind = {f.name: f for f in fields(Settings)}[name]
    default = None if kind.default is MISSING else kind.default
    if name.endswith("_dir"):
        return Path(raw)
    if name == "stages":
        return (
            tuple(s.strip() for s in raw.split(",") if s.strip())
            if isinstance(raw, str)
            else tuple(raw)
        )
    if name == "ner_backends":
        if isinstance(raw, str):
            return dict(item.split("=", 1) for item in raw.split(",") if "=" in item)
        return dict(raw)
    if isinstance(default, bool):
        return raw if isinstance(raw, bool) else str(raw).lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Defaults ← ``xlkb.toml`` ← ``XLKB_*`` environment ← explicit ``overrides``."""
    values: dict[str, Any] = {}
    config = config or PROJECT_ROOT / "xlkb.toml"
    if config.is_file():
        with config.open("rb") as fh:
            values.update(tomllib.load(fh))
    names = {f.name for f in fields(Settings)}
    for name in names:
        env = os.environ.get(f"XLKB_{name.upper()}")
        if env is not None:
            values[name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    unknown = set(values) - names
    if unknown:
        raise ValueError(f"unknown settings: {sorted(unknown)}")
    return Settings(**{k: _coerce(k, v) for k, v in values.items()})
