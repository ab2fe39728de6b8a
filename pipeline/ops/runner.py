"""The Prefect task runner named by ``settings.task_runner``.

``default`` is Prefect's thread pool (2 threads). ``dask`` is ``prefect_dask.DaskTaskRunner``:
with ``dask_address`` set it connects to that existing scheduler; otherwise it starts a local
cluster of ``dask_workers`` single-threaded worker processes bound to 127.0.0.1 (no dashboard).
Each worker process keeps its own module-level model caches, so a model loads once per worker,
not once per task.
"""

from __future__ import annotations

from typing import Any

from pipeline.settings import Settings

RUNNERS = ("default", "dask")


def local_cluster_kwargs(settings: Settings) -> dict[str, Any]:
    """Keyword arguments of the local ``distributed.LocalCluster``."""
    return {
        "n_workers": settings.dask_workers,
        "threads_per_worker": 1,
        "processes": True,
        "host": "127.0.0.1",
        "dashboard_address": None,
    }


def make_task_runner(settings: Settings) -> Any:
    """A fresh task runner instance for ``settings`` (raises ``ValueError`` on an unknown name)."""
    if settings.task_runner == "default":
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=2)
    if settings.task_runner == "dask":
        from prefect_dask.task_runners import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs=local_cluster_kwargs(settings))
    raise ValueError(f"unknown task_runner {settings.task_runner!r}; choose one of {RUNNERS}")
