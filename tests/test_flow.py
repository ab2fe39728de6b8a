"""The Prefect flow end to end on a small fixture corpus (ephemeral test server)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.settings import PROJECT_ROOT

pytestmark = [pytest.mark.prefect, pytest.mark.slow]


@pytest.mark.model
def test_flow_builds_the_same_kb_as_the_plain_run(tmp_path: Path) -> None:
    """Every stage (NER, dates, events, names, alignment) through the flow's tasks and through
    ``build_kb`` gives the same bytes: the two share one code path."""
    from prefect.testing.utilities import prefect_test_harness

    import flows
    from pipeline.build import build_kb
    from pipeline.settings import load_settings

    corpora = tmp_path / "corpora"
    shutil.copytree(PROJECT_ROOT / "tests" / "fixtures" / "small_corpus", corpora)
    (corpora / "empty.txt").write_bytes(b"")
    with prefect_test_harness(server_startup_timeout=180):
        summary = flows.build_kb(corpora_dir=str(corpora), outputs_dir=str(tmp_path / "flow"))
    assert summary["documents"] == 3
    assert summary["errors"] == 1
    plain = load_settings(corpora_dir=corpora, outputs_dir=tmp_path / "plain")
    build_kb(plain)
    flow_kb = (tmp_path / "flow" / "kb.jsonl").read_bytes()
    assert flow_kb == plain.kb_path.read_bytes()
    langs = [json.loads(x)["lang"] for x in flow_kb.decode().splitlines() if '"document"' in x]
    assert sorted(langs) == ["en", "lv", "zh"]
    errors = (tmp_path / "flow" / "errors.jsonl").read_text(encoding="utf-8")
    assert "empty.txt" in errors and "empty file" in errors
    kinds = {json.loads(x)["type"] for x in flow_kb.decode().splitlines()}
    assert kinds == {"document", "mention", "time", "entity", "event"}
