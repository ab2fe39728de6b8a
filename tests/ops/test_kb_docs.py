"""docs/kb.md: every field of the record model is documented (contract fields marked), the\ncontract is in the repository, and every example runs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from pipeline.build import build_kb
from pipeline.kb import validate_record
from pipeline.kb.model import (
    RECORD_TYPES,
    EntityRecord,
    EventRecord,
    EventSpan,
    MentionRecord,
)
from pipeline.kb.schema import def_name, part_types
from pipeline.kb.validate import validate_kb
from pipeline.kb.writer import dumps, schema
from pipeline.records import Interval
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
    entity = EntityRecord(
        id="ent_test_estonia",
        label="LOC",
        name="Estonia",
        names={"en": ["Estonia"], "lv": ["Igaunija"]},
        langs=["en", "lv"],
        mention_count=1,
        ids=["cldr:EE"],
        evidence=[],
        confidence=1.0,
    )
    mention = MentionRecord(
        id="men_test_1",
        doc=en["id"],
        lang="en",
        start=at,
        end=at + 7,
        text="Estonia",
        label="LOC",
        entity="ent_test_estonia",
        lemma=None,
        source="model",
    )
    span_lv = EventSpan(
        doc=lv["id"], lang="lv", start=lv_at, end=lv_at + len(sentence), text=sentence
    )
    common = {
        "interval_inherited": False,
        "participants": [],
        "mentions": [span_lv],
        "langs": ["lv"],
        "triggers": ["atjaunoja"],
        "evidence": [],
        "confidence": 1.0,
    }
    events = [
        EventRecord(
            id="evt_test_1991",
            kind="declaration_vote",
            interval=Interval("1991-08-21", "1991-08-21"),
            place=None,
            **common,
        ),
        EventRecord(
            id="evt_test_bce",
            kind="capture",
            interval=Interval("-0399-01-01", "-0399-12-31"),
            place="ent_test_estonia",
            **common,
        ),
    ]
    return [r.to_json() for r in (mention, entity, *events)]


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


def _section(text: str, heading: str) -> str:
    """The body of the section whose heading starts with ``heading``, up to the next heading."""
    body = re.split(rf"^{re.escape(heading)}.*$", text, maxsplit=1, flags=re.M)
    assert len(body) == 2, f"docs/kb.md has no section {heading}"
    return re.split(r"^#{2,3} ", body[1], maxsplit=1, flags=re.M)[0]


def _table(section: str) -> dict[str, list[str]]:
    """Field name → the other cells of its row, from the section's first table."""
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or cells[0] in {"field", ""} or set(cells[0]) <= {"-"}:
            continue
        for name in re.findall(r"`([^`]+)`", cells[0]):
            rows[name] = cells[1:]
    return rows


@pytest.mark.parametrize("cls", [*RECORD_TYPES, *part_types()], ids=def_name)
def test_field_tables_list_exactly_the_model_fields(cls: type) -> None:
    """Each record type and nested object has a section whose table lists exactly the model's
    fields; for record types the contract column marks exactly the contract fields."""
    text = DOC.read_text(encoding="utf-8")
    record = cls in RECORD_TYPES
    rows = _table(_section(text, f"{'##' if record else '###'} `{def_name(cls)}`"))
    common = {"id", "schema_version"} if record else set()  # in the conventions table
    model_fields = [f for f in fields(cls) if f.name not in common]
    assert set(rows) == {f.name for f in model_fields}
    if record:
        contract = {f.name for f in model_fields if f.metadata.get("contract")}
        assert {name for name, cells in rows.items() if cells[1] == "yes"} == contract
    conventions = _table(_section(text, "## Conventions for every record"))
    assert {"type", "id", "schema_version"} <= set(conventions)


def test_the_contract_is_in_the_repository() -> None:
    contract = (PROJECT_ROOT / "docs" / "kb-contract.md").read_text(encoding="utf-8")
    assert "pipeline/kb/kb.schema.json" in contract
    assert "kb-contract.md" in schema()["description"]
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
