"""outputs/report.html: self-contained, escaped, and rendered by headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.build import build_kb
from pipeline.ops.report import render_report

SCRIPT = "<script>document.body.setAttribute('data-pwned','script')</script>"
IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"


def _event(eid: str, start: str | None, langs: list[str], text: str) -> dict:
    return {
        "type": "event",
        "id": eid,
        "schema_version": "1.0",
        "kind": "attack",
        "interval": {"start": start, "end": start} if start else None,
        "participants": [],
        "place": None,
        "mentions": [
            {"doc": "d1", "lang": lang, "start": 0, "end": 5, "text": text} for lang in langs
        ],
        "langs": langs,
    }


def _records() -> list[dict]:
    doc = {
        "type": "document",
        "id": "d1",
        "schema_version": "1.0",
        "path": f"{IMG}.txt",
        "sha256": "0" * 64,
        "lang": "en",
        "chars": 100,
    }
    entity = {
        "type": "entity",
        "id": "e1",
        "schema_version": "1.0",
        "label": "LOC",
        "name": SCRIPT,
        "names": {"en": [SCRIPT], "lv": [IMG], "zh": ["里加"]},
        "langs": ["en", "lv", "zh"],
    }
    mention = {
        "type": "mention",
        "id": "m1",
        "schema_version": "1.0",
        "doc": "d1",
        "lang": "en",
        "start": 0,
        "end": 5,
        "text": SCRIPT,
        "label": "LOC",
        "entity": "e1",
    }
    events = [
        _event("ev1", "1991-08-21", ["lv", "en", "zh"], SCRIPT),
        _event("ev2", "-0399-01-01", ["zh"], IMG),
        _event("ev3", "1918-11-18", ["lv"], "Latvia declared independence"),
        _event("ev4", None, ["en"], "undated"),
    ]
    return [doc, mention, entity, *events]


PROBLEMS = [{"path": f"{SCRIPT}.txt", "reason": f"empty file {IMG}", "severity": "error"}]


def test_every_corpus_string_is_escaped_and_nothing_is_fetched() -> None:
    html = render_report(_records(), {"documents": 1, "seconds": {"ingest": 0.5}}, PROBLEMS)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html
    assert "Content-Security-Policy" in html and "script-src" not in html  # default-src 'none'
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert html.count('class="tl-event"') == 3  # the three dated events
    assert 'data-langs="lv en zh"' in html and "undated" in html


def test_each_run_writes_a_report_with_untrusted_file_names(small_corpus, make_settings) -> None:
    (small_corpus / f"{IMG}.txt").write_text(f"Riga {SCRIPT} is a city.\n{IMG}\n", "utf-8")
    (small_corpus / "<script>alert(1).txt").write_bytes(b"")  # an error whose path is markup
    settings = make_settings(corpora_dir=small_corpus, stages=())
    build_kb(settings)
    html = (settings.outputs_dir / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    assert html.count("&lt;img src=x onerror=") >= 1 and "empty file" in html
    assert "lv_riga.txt" in html and "nested/en_tallinn.md" in html


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(page: Path, tmp_path: Path, *args: str) -> str:
    """Run headless Chromium on ``page`` with networking and first-run extras off."""
    browser = chromium()
    if browser is None:
        if os.environ.get("CI") or os.environ.get("XLKB_CI"):
            pytest.fail("chromium is not installed (the CI script installs it with apt-get)")
        pytest.skip("chromium not installed here; .ci/run installs it (apt-get install chromium)")
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
        page.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return result.stdout


@pytest.mark.slow
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_report(_records(), {"documents": 1}, PROBLEMS), encoding="utf-8")
    dom = _chromium(page, tmp_path, "--dump-dom")
    assert "<body>" in dom and "<body data-pwned" not in dom  # neither payload ran
    assert "<img" not in dom and "<script" not in dom  # no element was injected
    assert len(re.findall(r'<g class="tl-event"', dom)) == 3
    assert "<h1>xlkb knowledge base report</h1>" in dom
    assert "&lt;script&gt;" in dom and "里加" in dom
    shot = Path(os.environ.get("XLKB_SCREENSHOT", tmp_path / "report.png"))
    shot.parent.mkdir(parents=True, exist_ok=True)
    _chromium(page, tmp_path, f"--screenshot={shot}", "--window-size=1200,1600")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5000


def test_entity_evidence_is_summarized_cross_language_first_and_escaped():
    from pipeline.ops.report import evidence_summary

    entity = {
        "evidence": [
            {"names": ["Trump", "Donald Trump"], "langs": ["en"], "signals": {"name_parts": 1.0}, "score": 0.9},
            {"names": ["Tom <b>", "汤姆·戴利"], "langs": ["en", "zh"], "rule": "scorer", "signals": {"scorer": 0.83}, "score": 0.8},
            {"names": ["美國", "US"], "langs": ["en", "zh"], "id": "cldr:US", "signals": {"cldr": 1.0}, "score": 0.98},
        ]
    }  # fmt: skip
    lines = evidence_summary(entity).split("<br>")
    assert lines[0].startswith("美國 ↔ US: knowledge cldr:US")
    assert "Tom &lt;b&gt; ↔ 汤姆·戴利: scorer (scorer 0.83)" in lines[1]
    assert lines[2].startswith("Trump ↔ Donald Trump: merge")
    assert "one name" in evidence_summary({"evidence": []})
