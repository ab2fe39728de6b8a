"""outputs/report.html: self-contained, escaped, readable, and rendered by headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.build import build_kb
from pipeline.ops.report import clean_name, dense_window, is_fragment, render_report
from pipeline.ops.report.events import group_events
from pipeline.ops.report.script import SCRIPT, script_hash

SCRIPT_PAYLOAD = "<script>document.body.setAttribute('data-pwned','script')</script>"
IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
OWN_SCRIPT = f"<script>{SCRIPT}</script>"
"""The page's own script, the only one its CSP allows."""


def _event(
    eid: str,
    start: str | None,
    langs: list[str],
    text: str,
    kind: str = "attack",
    end: str | None = None,
    participants: tuple[str, ...] = (),
) -> dict:
    return {
        "type": "event",
        "id": eid,
        "schema_version": "1.0",
        "kind": kind,
        "interval": {"start": start, "end": end or start} if start else None,
        "participants": list(participants),
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
        "name": SCRIPT_PAYLOAD,
        "names": {"en": [SCRIPT_PAYLOAD], "lv": [IMG], "zh": ["里加"]},
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
        "text": SCRIPT_PAYLOAD,
        "label": "LOC",
        "entity": "e1",
    }
    events = [
        _event("ev1", "1991-08-21", ["lv", "en", "zh"], SCRIPT_PAYLOAD, participants=("e1",)),
        _event("ev2", "-0399-01-01", ["zh"], IMG),
        _event("ev3", "1918-11-18", ["lv"], "Latvia declared independence"),
        _event("ev4", None, ["en"], "undated"),
    ]
    return [doc, mention, entity, *events]


PROBLEMS = [{"path": f"{SCRIPT_PAYLOAD}.txt", "reason": f"empty file {IMG}", "severity": "error"}]


def _without_own_script(html: str) -> str:
    assert html.count(OWN_SCRIPT) == 1
    return html.replace(OWN_SCRIPT, "")


def test_every_corpus_string_is_escaped_and_nothing_is_fetched() -> None:
    html = render_report(_records(), {"documents": 1, "seconds": {"ingest": 0.5}}, PROBLEMS)
    rest = _without_own_script(html)
    assert "<script" not in rest and "<img" not in rest
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and f"script-src {script_hash()}" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1]  # only our script, by hash
    tags = re.sub(r'"[^"]*"', '""', rest)  # attribute values out of the way
    assert not re.search(r"<[^>]+\son\w+=", tags)  # no inline event handler anywhere
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert html.count('class="tl-event"') == 3  # the three dated events (no outliers in 3)
    assert 'data-langs="lv en zh"' in html and "undated" in html


def test_each_run_writes_a_report_with_untrusted_file_names(small_corpus, make_settings) -> None:
    (small_corpus / f"{IMG}.txt").write_text(f"Riga {SCRIPT_PAYLOAD} is a city.\n{IMG}\n", "utf-8")
    (small_corpus / "<script>alert(1).txt").write_bytes(b"")  # an error whose path is markup
    settings = make_settings(corpora_dir=small_corpus, stages=())
    build_kb(settings)
    html = _without_own_script((settings.outputs_dir / "report.html").read_text(encoding="utf-8"))
    assert "<script" not in html and "<img" not in html
    assert html.count("&lt;img src=x onerror=") >= 1 and "empty file" in html
    assert "lv_riga.txt" in html and "nested/en_tallinn.md" in html


def test_the_axis_covers_the_dense_range_and_outliers_are_listed_apart() -> None:
    dense = [
        _event(f"d{i}", f"{1988 + i % 37}-0{1 + i % 9}-01", ["en"], f"Battle number {i}.")
        for i in range(200)
    ]
    far = [
        _event("far1", "0300-01-01", ["lv"], "Old kingdom.", end="0399-12-31"),
        _event("far2", "1042-01-01", ["en"], "Battle of 1042."),
    ]
    window = dense_window([1988.5 + i % 37 for i in range(200)] + [350.0, 1042.0])
    assert window is not None and (window.low, window.high) == (1988, 2025)
    html = render_report([*dense, *far], {}, [])
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert svg.count('class="tl-event"') == 200  # only the dense range is drawn
    labels = re.findall(r'class="tick">([^<]+)<', svg)
    assert "1990" in labels and "2020" in labels and "300" not in labels
    assert int(re.search(r'height="(\d+)"', svg).group(1)) < 600  # lanes per kind, not per event
    outliers = html.split('id="outliers"', 1)[1].split("</table>", 1)[0]
    assert "2 events (300 to 1042)" in outliers
    assert "0300–0399" in outliers and "Battle of 1042." in outliers


def test_identical_sentences_share_a_row_and_repeats_are_counted() -> None:
    same = "Troops took the town on 8 May 1992."
    events = [
        _event("a", "1992-05-08", ["en"], same, kind="capture"),
        _event("b", "1992-01-01", ["en"], same, kind="armed_clash", end="1992-12-31"),
        _event("c", "1993-01-01", ["en", "zh"], "Talks began.", kind="negotiation_summit"),
    ]
    events[2]["mentions"] += [dict(events[2]["mentions"][0])]  # the en sentence twice
    groups = group_events(events)
    assert [sorted(ev["id"] for ev in g.events) for g in groups] == [["a", "b"], ["c"]]
    html = render_report(events, {}, [])
    rows = re.findall(r'<tr id="ev-\d+"[^>]*>.*?</tr>', html, re.S)
    assert len(rows) == 2 and html.count(same) == 1
    assert "capture" in rows[0] and "armed clash" in rows[0] and "1992-05-08" in rows[0]
    assert 'data-langs="en zh"' in rows[1] and "×2" in rows[1] and 'class="side"' in rows[1]


def test_fragmentary_names_are_cleaned_or_set_apart() -> None:
    assert clean_name('^"Azerbaijan') == "Azerbaijan"
    assert clean_name("• 納戈爾諾-卡拉巴赫") == "納戈爾諾-卡拉巴赫"
    assert clean_name("— London") == "London" and clean_name("U.S.") == "U.S."
    for junk in (
        "Levon Ter-",
        "Armenia-",
        "P.",
        "Richard G.",
        "al Alt?nda",
        "^",
        "自治州[33]區內94%",
    ):
        assert is_fragment(junk), junk
    for name in ("U.S.", "de Waal", "Nagorno-Karabakh", "俄", "^ Cornell", "MiG-25"):
        assert not is_fragment(name), name
    entity = {
        "type": "entity",
        "id": "e2",
        "label": "PER",
        "name": "Levon Ter-",
        "names": {"en": ["Levon Ter-"]},
        "langs": ["en"],
    }
    good = {**entity, "id": "e3", "name": "^Armenia", "names": {"en": ["^Armenia", "Armenia-"]}}
    mentions = [
        {"type": "mention", "id": f"m{i}", "doc": "d1", "lang": "en", "start": 0, "end": 1,
         "text": "x", "label": "PER", "entity": eid}
        for i, eid in enumerate(["e2", "e2", "e3"])
    ]  # fmt: skip
    html = render_report([entity, good, *mentions], {}, [])
    table = html.split('id="entities"', 1)[1].split("</table>", 1)[0]
    assert ">Armenia</a>" in table and "Levon Ter-" not in table and "(+1 fragment)" in table
    assert "Not ranked: 1 entities" in html and "Levon Ter- (2)" in html


def test_entity_sections_show_sentences_per_language_and_events() -> None:
    text = "Rīga ir galvaspilsēta. Riga is the capital."
    doc = {
        "type": "document", "id": "d1", "path": "a.txt", "lang": "lv", "chars": len(text),
        "segments": [{"start": 0, "end": 22, "lang": "lv"}, {"start": 23, "end": 43, "lang": "en"}],
    }  # fmt: skip
    entity = {
        "type": "entity", "id": "e1", "label": "LOC", "name": "Riga",
        "names": {"lv": ["Rīga"], "en": ["Riga"]}, "langs": ["en", "lv"],
    }  # fmt: skip
    mentions = [
        {"type": "mention", "id": "m1", "doc": "d1", "lang": "lv", "start": 0, "end": 4,
         "text": "Rīga", "label": "LOC", "entity": "e1"},
        {"type": "mention", "id": "m2", "doc": "d1", "lang": "en", "start": 23, "end": 27,
         "text": "Riga", "label": "LOC", "entity": "e1"},
    ]  # fmt: skip
    event = _event("ev1", "1201-01-01", ["lv"], "Rīga ir galvaspilsēta.", participants=("e1",))
    html = render_report([doc, *mentions, entity, event], {}, [], texts={"d1": text})
    section = html.split('<details class="entity" id="ent-e1" open>', 1)[1].split("</details>")[0]
    assert "<mark>Rīga</mark> ir galvaspilsēta." in section
    assert "<mark>Riga</mark> is the capital." in section
    assert (
        section.index('class="lb l-en"') < section.index("<mark>Riga") < section.index("<mark>Rīga")
    )  # one column per language, side by side (en, lv)
    assert 'href="#ev-1"' in section and "(participant)" in section
    assert 'href="#ent-e1"' in html  # the table links to the section


def test_long_lists_are_capped_and_say_so(monkeypatch) -> None:
    from pipeline.ops.report import events as events_module
    from pipeline.ops.report import page

    monkeypatch.setattr(events_module, "MAX_ROWS", 5)
    monkeypatch.setattr(page, "MAX_PROBLEMS", 3)
    events = [_event(f"e{i}", "2000-01-01", ["en"], f"Sentence {i}.") for i in range(12)]
    events[7]["langs"] = ["en", "lv"]
    problems = [
        {"path": f"f{i}.txt", "reason": "empty file", "severity": "error"} for i in range(7)
    ]
    html = render_report(events, {}, problems)
    assert len(re.findall(r'<tr id="ev-\d+"', html)) == 5
    assert "7 more event rows not shown" in html and "Sentence 7." in html  # cross-language kept
    assert "4 more problems not shown" in html


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(page: Path, tmp_path: Path, *args: str, query: str = "") -> str:
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
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
        page.as_uri() + query,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return result.stdout


def _screenshot(
    page: Path, tmp_path: Path, name: str, size: str = "1200,2400", query: str = ""
) -> Path:
    """A PNG of the page's top (to ``$XLKB_SCREENSHOT_DIR`` when set, to look at)."""
    folder = Path(os.environ.get("XLKB_SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / name
    _chromium(page, tmp_path, f"--screenshot={shot}", f"--window-size={size}", query=query)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5000
    return shot


def _page_height(page: Path, tmp_path: Path) -> int:
    """The rendered page's height in CSS pixels (a probe script in a copy without the CSP)."""
    probe = tmp_path / "probe.html"
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text("utf-8"))
    script = "document.body.setAttribute('data-height', document.documentElement.scrollHeight)"
    probe.write_text(html.replace("</body>", f"<script>{script}</script></body>"), "utf-8")
    dom = _chromium(probe, tmp_path, "--dump-dom", "--window-size=1200,900")
    return int(re.search(r'data-height="(\d+)"', dom).group(1))


@pytest.mark.slow
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_report(_records(), {"documents": 1}, PROBLEMS), encoding="utf-8")
    dom = _chromium(page, tmp_path, "--dump-dom")
    assert "<body>" in dom and "<body data-pwned" not in dom  # neither payload ran
    rest = dom.split("<script>", 1)[0] + dom.split("</script>", 1)[1]  # minus our own script
    assert "<img" not in rest and "<script" not in rest  # no element was injected
    assert len(re.findall(r'<g class="tl-event"', dom)) == 3
    assert "<h1>xlkb knowledge base report</h1>" in dom
    assert "&lt;script&gt;" in dom and "里加" in dom
    assert '<form id="filters" class="filters">' in dom  # our script ran: the form is shown
    assert "Showing 4 of 4 event rows, 3 timeline bars" in dom
    _screenshot(page, tmp_path, "report-escaping.png", "1200,1600")


@pytest.fixture
def seed_report(seed_outputs: Path) -> Path:
    """``report.html`` of a full run (all stages) on the four seed documents."""
    return seed_outputs / "report.html"


def _rows(dom: str) -> list[str]:
    return re.findall(r'<tr id="ev-\d+"[^>]*>', dom)


def _visible(row: str) -> bool:
    return "off" not in re.search(r'class="([^"]*)"', row).group(1).split()


def _attr(row: str, name: str) -> list[str]:
    return re.search(rf'{name}="([^"]*)"', row).group(1).split()


@pytest.mark.slow
@pytest.mark.model
def test_seed_report_is_readable_in_headless_chromium(seed_report: Path, tmp_path: Path) -> None:
    html = seed_report.read_text("utf-8")
    events = int(re.search(r"Timeline of aligned events \((\d+)\)", html).group(1))
    assert 300 * 1024 < len(html.encode()) < 1200 * 1024  # bounded: lists are capped
    dom = _chromium(seed_report, tmp_path, "--dump-dom")
    rows = _rows(dom)
    assert 100 < len(rows) <= events  # grouped: at most one row per event, each row unique
    assert f"Showing {len(rows)} of {len(rows)} event rows" in dom
    svg = re.search(r"<svg class=\"timeline\".*?</svg>", dom, re.S).group(0)
    ticks = re.findall(r'class="tick">(\d+)<', svg)
    assert len(ticks) >= 8 and int(ticks[0]) >= 1900  # the axis starts where events are
    assert int(re.search(r'height="(\d+)"', svg).group(1)) < 700
    assert 'id="outliers"' in dom and "armed clash" in svg
    ids = set(re.findall(r' id="([^"]+)"', dom))
    assert {h for h in re.findall(r'href="#([^"]+)"', dom)} <= ids  # every link lands
    assert re.search(r'<details class="entity" id="ent-[^"]+" open(="")?>', dom)
    table = re.search(r'id="entities".*?</table>', dom, re.S).group(0)
    names = re.findall(r'<a href="#ent-[^"]+">([^<]*)</a>', table)
    assert len(names) == 30 and not [n for n in names if "^" in n or n.endswith("-")]
    assert "<mark>" in dom  # entity sections mark the mention in its sentence
    assert _page_height(seed_report, tmp_path) < 9000

    filtered = _chromium(seed_report, tmp_path, "--dump-dom", query="?lang=lv&kind=capture")
    shown = [r for r in _rows(filtered) if _visible(r)]
    assert shown and all("lv" in _attr(r, "data-langs") for r in shown)
    assert all("capture" in _attr(r, "data-kinds") for r in shown)
    assert f"Showing {len(shown)} of {len(rows)} event rows" in filtered
    multi = _chromium(seed_report, tmp_path, "--dump-dom", query="?multi=1")
    shown = [r for r in _rows(multi) if _visible(r)]
    assert shown and all(len(_attr(r, "data-langs")) > 1 for r in shown)

    _screenshot(seed_report, tmp_path, "report-seeds.png")
    _screenshot(seed_report, tmp_path, "report-seeds-lv.png", "1200,1600", query="?lang=lv")
