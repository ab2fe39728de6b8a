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

from pipeline.errors import SettingsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The folder that holds the ``pipeline`` package: the checkout (with ``models/``, ``corpora/``,
``flows.py``) in a development install, ``site-packages`` in an installed one."""


def default_models_dir() -> Path:
    """``$XLKB_MODELS_DIR``; else ``models/`` of the checkout the package runs from; else
    ``./models`` (an installed package ships no models: point ``XLKB_MODELS_DIR`` at them)."""
    env = os.environ.get("XLKB_MODELS_DIR")
    if env:
        return Path(env).expanduser()
    beside = PROJECT_ROOT / "models"
    return beside if beside.is_dir() else Path.cwd() / "models"


def user_cache_dir() -> Path:
    """``$XLKB_CACHE_DIR`` (default ``~/.cache/xlkb``): derived data that any run can rebuild
    (converted encoder weights, compiled name indexes, ONNX exports); never in the source tree."""
    return Path(os.environ.get("XLKB_CACHE_DIR", "~/.cache/xlkb")).expanduser()


@dataclass(frozen=True)
class Settings:
    """Everything a run can be configured with."""

    corpora_dir: Path = field(default_factory=lambda: Path.cwd() / "corpora")
    """Folder scanned recursively for ``.txt``/``.md`` documents (default ``./corpora``)."""
    outputs_dir: Path = field(default_factory=lambda: Path.cwd() / "outputs")
    """Where ``kb.jsonl``, ``errors.jsonl``, ``report.html`` and the cache are written (default
    ``./outputs``)."""
    models_dir: Path = field(default_factory=default_models_dir)
    """Where the trained models live (see :func:`default_models_dir`)."""
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
    max_drop_share: float = 0.5
    """A run that no longer holds more than this share of the previous KB's documents (by path)
    warns loudly in ``errors.jsonl``, the log and the summary."""

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


def _default(name: str) -> Any:
    kind = {f.name: f for f in fields(Settings)}[name]
    if kind.default is not MISSING:
        return kind.default
    if kind.default_factory is not MISSING:
        return kind.default_factory()
    return None


def _coerce(name: str, raw: Any) -> Any:
    default = _default(name)
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
    """Defaults ← ``xlkb.toml`` ← ``XLKB_*`` environment ← explicit ``overrides``.

    Raises :class:`~pipeline.errors.SettingsError` naming the setting, where it came from and
    what it should be.
    """
    values: dict[str, Any] = {}
    source: dict[str, str] = {}
    config = config or Path.cwd() / "xlkb.toml"
    if config.is_file():
        try:
            with config.open("rb") as fh:
                table = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"cannot read {config}: {exc}; fix or remove the file") from exc
        values.update(table)
        source.update(dict.fromkeys(table, str(config)))
    names = {f.name for f in fields(Settings)}
    for name in names:
        env = os.environ.get(f"XLKB_{name.upper()}")
        if env is not None:
            values[name] = env
            source[name] = f"environment variable XLKB_{name.upper()}"
    given = {k: v for k, v in overrides.items() if v is not None}
    values.update(given)
    source.update(dict.fromkeys(given, "the command line"))
    unknown = sorted(set(values) - names)
    if unknown:
        raise SettingsError(
            f"unknown setting {unknown[0]!r} in {source.get(unknown[0], 'the arguments')}; "
            f"known settings: {', '.join(sorted(names))}"
        )
    coerced = {}
    for key, raw in values.items():
        try:
            coerced[key] = _coerce(key, raw)
        except (TypeError, ValueError) as exc:
            expected = type(_default(key)).__name__ if _default(key) is not None else "a value"
            raise SettingsError(
                f"setting {key!r} from {source[key]} is {raw!r}, not a valid {expected}; fix it "
                f"there"
            ) from exc
    return Settings(**coerced)
