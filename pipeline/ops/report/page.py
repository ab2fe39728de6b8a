"""Assembling the page: the sections in order, the style, the script and the CSP."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.atomic import write_bytes_atomic
from pipeline.settings import Settings

from .entities import (
    EntityIndex,
    entity_section,
    entity_table,
    fragments_note,
    rank_entities,
)
from .events import EventGroup, events_table, filter_bar, group_events, keep_rows
from .markup import colour_css, escape, legend, more_note, table
from .script import SCRIPT, script_hash
from .sources import Sentences, load_texts
from .timeline import timeline_section

if TYPE_CHECKING:
    from pipeline.summary import BuildSummary

MAX_PROBLEMS = 300
"""Rows of the errors table (the rest are in ``errors.jsonl``)."""
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    f"script-src {script_hash(SCRIPT)}"
)
"""Nothing from the network; the only script that may run is the page's own (by hash)."""
COUNTS = (
    "documents", "mentions", "entities", "times", "events", "errors", "warnings", "cached",
    "dropped",
)  # fmt: skip

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto 40px;max-width:1080px;color:#222;padding:0 12px}
h1{font-size:22px;margin:18px 0 4px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}
h3{font-size:15px;margin:16px 0 4px}h4{font-size:13px;margin:10px 0 4px;color:#444}
nav a{margin-right:12px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;
text-align:left;vertical-align:top}th{background:#f4f4f4;position:sticky;top:0;z-index:1}
td.n{text-align:right}.muted{color:#777}.more{color:#555;font-style:italic}
.legend span{display:inline-block;margin-right:14px}.sw{width:12px;height:12px;display:inline-block;
vertical-align:middle;margin-right:4px}
.lb{display:inline-block;color:#fff;border-radius:3px;padding:0 4px;margin-right:3px;font-size:11px;
font-weight:600;line-height:16px}
.sev-error{color:#a00}.sev-warning{color:#a60}
.scroll{max-height:640px;overflow:auto;border:1px solid #ddd;margin:8px 0}.scroll.short{max-height:300px}
.scroll table{margin:0;width:100%}
table.events td:nth-child(1){white-space:nowrap}table.events p{margin:0 0 2px}table.events td:nth-child(4){width:70%}
.side{display:flex;gap:12px}.side .col{flex:1;min-width:0}.side p{margin:2px 0}
tr.multi{background:#f6f9ff}.off{display:none}
.filters{position:sticky;top:0;z-index:2;background:#fff;border:1px solid #ccc;padding:6px 10px;
margin:8px 0;display:flex;flex-wrap:wrap;gap:14px;align-items:center}.filters label{white-space:nowrap}
#filter-status{color:#555}
.summary{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}
svg.timeline{background:#fcfcfc;border:1px solid #eee;max-width:100%;height:auto}
svg .tick{font-size:11px;text-anchor:middle;fill:#333}svg .lab{font-size:11px;text-anchor:end;fill:#333}
svg .grid{stroke:#e2e2e2}svg .axis{stroke:#999}svg .lane0{fill:#f3f3f3}svg .lane1{fill:#fff}
svg .multi{fill:none;stroke:#111;stroke-width:.8}svg a:hover rect{opacity:.6}
details.entity{border:1px solid #ddd;margin:6px 0;padding:4px 10px}details.entity[open]{background:#fcfcfc}
details.entity summary{cursor:pointer}mark{background:#ffe58a}
"""


def read_records(kb_path: Path) -> list[dict[str, Any]]:
    """The records of a KB file (no validation: the writer validated them)."""
    if not kb_path.is_file():
        return []
    return [json.loads(line) for line in kb_path.read_text(encoding="utf-8").splitlines() if line]


def summary_section(summary: Mapping[str, Any]) -> str:
    """Counts, and seconds per step for each ``…seconds`` mapping the summary has."""
    counts = [
        [escape(k), escape(summary.get(k, 0))] for k in COUNTS if k in summary or k in COUNTS[:7]
    ]
    if summary.get("wall_seconds"):  # 0 while the run that writes the page is still going
        counts.append(["wall seconds", escape(summary["wall_seconds"])])
    timings = {k: v for k, v in summary.items() if isinstance(v, dict) and "seconds" in k}
    if timings.get("seconds") is not None:
        timings = {"this run (seconds)": timings.pop("seconds"), **timings}
    last = summary.get("last_analysis")
    if isinstance(last, dict) and isinstance(last.get("seconds"), dict):
        label = f"last full analysis ({last.get('documents', '?')} documents, {last.get('at', '')})"
        timings[label] = last["seconds"]
    steps = sorted({step for v in timings.values() for step in v})
    columns = list(timings)
    rows = [
        [escape(step)] + [f"{timings[c][step]:.3f}" if step in timings[c] else "—" for c in columns]
        for step in steps
    ]
    header = ["step", *[c.replace("_", " ") for c in columns]]
    return (
        '<div class="summary">'
        + table(["count", "value"], counts, {1})
        + (table(header, rows, set(range(1, len(header)))) if rows else "")
        + "</div>"
    )


def documents_section(
    docs: list[dict[str, Any]], by_type: Mapping[str, list[dict[str, Any]]]
) -> str:
    per_doc: dict[str, Counter[str]] = defaultdict(Counter)
    for kind in ("mention", "time"):
        for r in by_type.get(kind, []):
            per_doc[r["doc"]][kind] += 1
    for ev in by_type.get("event", []):
        for doc in {m["doc"] for m in ev.get("mentions", [])}:
            per_doc[doc]["event"] += 1
    rows = [
        [
            escape(d["path"]),
            escape(d["lang"]),
            escape(d.get("encoding", "")),
            str(d.get("chars", 0)),
            str(per_doc[d["id"]]["mention"]),
            str(per_doc[d["id"]]["time"]),
            str(per_doc[d["id"]]["event"]),
        ]
        for d in docs
    ]
    return table(
        ["path", "lang", "encoding", "chars", "mentions", "times", "events"], rows, {3, 4, 5, 6}
    )


def errors_section(problems: list[dict[str, Any]]) -> str:
    if not problems:
        return '<p class="muted">None: every file under the corpora folder was analysed.</p>'
    ordered = sorted(problems, key=lambda p: (p.get("severity") != "error", str(p.get("path"))))
    rows = [
        [
            f'<span class="sev-{escape(p.get("severity"))}">{escape(p.get("severity"))}</span>',
            escape(p.get("path")),
            escape(p.get("reason")),
        ]
        for p in ordered[:MAX_PROBLEMS]
    ]
    return (
        '<p>Files with <span class="sev-error">error</span> are not in the KB; files with '
        '<span class="sev-warning">warning</span> are, with the problem noted '
        "(all of them: <code>errors.jsonl</code>).</p>"
        '<div class="scroll short">'
        + table(["severity", "path", "reason"], rows)
        + "</div>"
        + more_note(len(rows), len(ordered), "problems", "see errors.jsonl")
    )


def _events_heading(shown: list[EventGroup], groups: list[EventGroup], events: int) -> str:
    multi = sum(1 for g in groups if len(g.langs) > 1)
    return (
        f'<h2 id="events">Events ({len(groups)} rows for {events} events; {multi} reported in '
        "several languages)</h2>"
        "<p>One row per aligned event; events reported by exactly the same sentences share a "
        "row (their kinds and intervals are listed together), and a sentence repeated within "
        "an event is shown once with ×N. Sentences in different languages stand side by side."
        " Hover a sentence for its file.</p>"
    ) + more_note(len(shown), len(groups), "event rows", "single-language rows left out first")


def page(title: str, sections: list[str]) -> str:
    nav = "".join(
        f'<a href="#{anchor}">{label}</a>'
        for anchor, label in (
            ("summary", "Summary"), ("timeline", "Timeline"), ("events", "Events"),
            ("entities", "Entities"), ("documents", "Documents"), ("errors", "Errors"),
        )
    )  # fmt: skip
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}{colour_css()}</style></head><body>"
        f"<h1>xlkb knowledge base report</h1><nav>{nav}</nav>\n"
        + "\n".join(sections)
        + f"\n<script>{SCRIPT}</script></body></html>\n"
    )


def render_report(
    records: list[dict[str, Any]],
    summary: Mapping[str, Any],
    problems: list[dict[str, Any]],
    texts: Mapping[str, str] | None = None,
) -> str:
    """The report page for KB ``records``, a run ``summary`` and its ``problems`` (errors.jsonl).

    ``texts`` (document id → decoded text) lets entity sections show whole sentences; without
    it they use the event sentences that cover a mention, or the mention alone.
    """
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by_type[r["type"]].append(r)
    docs, events = by_type["document"], by_type["event"]
    doc_path = {d["id"]: d["path"] for d in docs}
    groups = group_events(events)
    shown = keep_rows(groups)
    group_of = {ev["id"]: g for g in shown for ev in g.events}
    anchors = {ev_id: g.anchor for ev_id, g in group_of.items()}
    index = EntityIndex.build(by_type["mention"], events)
    top, fragments = rank_entities(by_type["entity"], index)
    sentences = Sentences(docs, events, texts)
    langs_seen = {lang for ev in events for lang in ev.get("langs", [])}
    sections = [
        '<h2 id="summary">Run summary</h2>',
        summary_section(summary),
        f'<h2 id="timeline">Timeline of aligned events ({len(events)})</h2>',
        filter_bar(shown),
        legend(langs_seen),
        timeline_section(events, anchors),
        _events_heading(shown, groups, len(events)),
        events_table(shown, doc_path),
        f'<h2 id="entities">Top entities ({len(top)} of {len(by_type["entity"])})</h2>',
        entity_table(top, index) if top else '<p class="muted">No entities.</p>',
        fragments_note(fragments, index),
        "<h3>Entity pages</h3><p>Click a name (here or in the table) to open its names, its "
        "mentions with their sentences per language, and its events.</p>",
        *(
            entity_section(ent, index, sentences, doc_path, group_of, open_=i == 0)
            for i, ent in enumerate(top)
        ),
        f'<h2 id="documents">Documents ({len(docs)})</h2>',
        documents_section(docs, by_type),
        f'<h2 id="errors">Errors and warnings ({len(problems)})</h2>',
        errors_section(problems),
    ]
    return page("xlkb report", sections)


def write_report(settings: Settings, summary: BuildSummary) -> Path:
    """Write ``outputs/report.html`` for the KB on disk and this run's summary (atomically)."""
    path = settings.outputs_dir / "report.html"
    problems = [p.as_json() for p in summary.errors]
    records = read_records(settings.kb_path)
    docs = [r for r in records if r["type"] == "document"]
    texts = load_texts(settings.corpora_dir, docs)
    html = render_report(records, summary.as_json(), problems, texts)
    write_bytes_atomic(path, html.encode("utf-8"))
    return path
