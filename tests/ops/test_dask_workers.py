"""On the local Dask cluster the Dask runner uses, a model loads once per worker, not per task."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.ops.runner import local_cluster_kwargs
from pipeline.settings import PROJECT_ROOT

SMALL_CORPUS = PROJECT_ROOT / "tests" / "fixtures" / "small_corpus"

pytestmark = pytest.mark.slow


def _lingua_loads() -> tuple[int, int]:
    from pipeline.langid.detect import _lingua

    info = _lingua.cache_info()
    return info.misses, info.hits


def test_language_model_loads_once_per_worker(small_corpus: Path, make_settings) -> None:
    from distributed import Client, LocalCluster

    from pipeline.analyze import analyze_file
    from pipeline.ingest import discover

    for i in range(3):  # 12 documents for 2 workers
        shutil.copytree(SMALL_CORPUS, small_corpus / f"copy{i}")
    settings = make_settings(corpora_dir=small_corpus, stages=(), dask_workers=2)
    files = discover(small_corpus)
    assert len(files) == 12
    with LocalCluster(**local_cluster_kwargs(settings)) as cluster, Client(cluster) as client:
        docs = client.gather(client.map(analyze_file, files, settings=settings, pure=False))
        loads = client.run(_lingua_loads)
    assert sorted(d.lang for d in docs) == ["en"] * 4 + ["lv"] * 4 + ["zh"] * 4
    assert len(loads) == 2
    builds = sum(misses for misses, _ in loads.values())
    reuses = sum(hits for _, hits in loads.values())
    # each worker builds each detector it needs once (at most 2 kinds), then reuses it
    assert builds <= 2 * 2 and reuses >= 12 - builds, loads
