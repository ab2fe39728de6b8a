"""docs/kb.md: every record type and contract field is documented, and every example runs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.build import build_kb
from pipeline.kb import validate_record
from pipeline.kb.validate import validate_kb
from pipeline.kb.writer import dumps, schema
from pipeline.settings import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "kb.md"


def _examples() -> list[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8").split("## Examples", 1)[1]
    return re.findall(r"```(sh|python)\n(.*?)```", text, re.S)


def _extra_records(kb: list[dict], corpora: Path) -> list[dict]:
    """Mention, entity and event records over the built documents' real text, so that every
    example meets every record type even while the NER and alignment stages are not enabled."""
    docs = {r["path"]: r for r in kb if r["type"] == "document"}
    lv, en = docs["lv_riga.txt"], docs["nested/en_tallinn.md"]
    en_text = (corpora / en["path"]).read_text("utf-8")
    lv_text = (corpora / lv["path"]).read_text("utf-8")
    at = en_text.index("Estonia")
    sentence = "1991. gada 21. augustā Latvija atjaunoja neatkarību."
    lv_at = lv_text.index(sentence)
    base = {"schema_version": "1.0"}
    entity = {
        **base,
        "type": "entity",
        "id": "ent_test_estonia",
        "label": "LOC",
        "name": "Estonia",
        "names": {"en": ["Estonia"], "lv": ["Igaunija"]},
        "langs": ["en", "lv"],
        "mentions": 1,
    }
    mention = {
        **base,
        "type": "mention",
        "id": "men_test_1",
        "doc": en["id"],
        "lang": "en",
        "start": at,
        "end": at + 7,
        "text": "Estonia",
        "label": "LOC",
        "entity": "ent_test_estonia",
    }
    span_lv = {
        "doc": lv["id"],
        "lang": "lv",
        "start": lv_at,
        "end": lv_at + len(sentence),
        "text": sentence,
    }
    events = [
        {
            **base,
            "type": "event",
            "id": "evt_test_1991",
            "kind": "declaration_vote",
            "interval": {"start": "1991-08-21", "end": "1991-08-21"},
            "participants": [],
            "place": None,
            "mentions": [span_lv],
            "langs": ["lv"],
        },
        {
            **base,
            "type": "event",
            "id": "evt_test_bce",
            "kind": "capture",
            "interval": {"start": "-0399-01-01", "end": "-0399-12-31"},
            "participants": [],
            "place": "ent_test_estonia",
            "mentions": [span_lv],
            "langs": ["lv"],
        },
    ]
    return [mention, entity, *events]


@pytest.fixture(scope="module")
def kb_folder(tmp_path_factory) -> Path:
    from pipeline.settings import load_settings

    root = tmp_path_factory.mktemp("kb-docs")
    corpora = root / "corpora"
    shutil.copytree(PROJECT_ROOT / "tests" / "fixtures" / "small_corpus", corpora)
    settings = load_settings(corpora_dir=corpora, outputs_dir=root / "outputs", stages=("dates",))
    build_kb(settings)
    records = [json.loads(line) for line in settings.kb_path.read_text("utf-8").splitlines()]
    extra = _extra_records(records, corpora)
    for record in extra:
        validate_record(record)
    with settings.kb_path.open("a", encoding="utf-8") as fh:
        fh.writelines(dumps(r) + "\n" for r in extra)
    assert validate_kb(settings.kb_path, corpora) == []
    return root


def test_every_record_type_and_contract_field_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for kind, definition in schema()["$defs"].items():
        if kind not in {"document", "mention", "entity", "time", "event"}:
            continue
        section = text.split(f"## `{kind}`", 1)[1].split("\n## ", 1)[0]
        for name in definition["required"]:
            assert f"`{name}`" in section or name in {"doc", "lang", "text", "start", "end"}, (
                kind,
                name,
            )
    assert len(_examples()) >= 8


@pytest.mark.parametrize("index", range(len(_examples())))
def test_example_runs(index: int, kb_folder: Path) -> None:
    language, code = _examples()[index]
    if language == "sh":
        if shutil.which("jq") is None:
            pytest.fail("jq is not installed (the CI script installs it with apt-get)")
        command = ["bash", "-euo", "pipefail", "-c", code]
    else:
        command = [sys.executable, "-c", code]
    result = subprocess.run(
        command, cwd=kb_folder, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.strip()
    if "uniq -c" in code:
        assert re.search(r"\b3 document\b", out) and re.search(r"\b2 event\b", out)
    if "sort_by(.interval.start" in code:
        assert out.index("-0399-01-01") < out.index("1991-08-21")
    if "len(langs) > 1" in code:
        assert "Estonia" in out and "Igaunija" in out
    if 'groupby("doc")' in code:
        assert "lv_riga.txt" in out and "1991" in out
