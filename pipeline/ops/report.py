"""``outputs/report.html``: one self-contained page about the KB a run wrote.

It shows a timeline of the aligned events (each drawn in the colours of the languages that report
it), the most mentioned entities with their names in each language, per-document counts, the
run's errors and seconds per stage. The page needs nothing from the network: styles are inline,
the timeline is inline SVG with native tooltips, and there is no script at all. A
Content-Security-Policy forbids scripts and remote loads as a second line of defence, because
every string shown comes from untrusted corpus text and is HTML-escaped.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.ops.cache import write_bytes_atomic
from pipeline.settings import Settings

if TYPE_CHECKING:
    from pipeline.build import BuildSummary

LANG_COLOURS = {"lv": "#9e3039", "en": "#1f5fa8", "zh": "#d89b00"}
"""Colour of each analysed language; any other language is drawn grey."""
OTHER_COLOUR = "#777777"
TOP_ENTITIES = 30
WIDTH, LEFT, RIGHT, ROW, BAR = 1000, 20, 20, 16, 12
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1080px;color:#222;padding:0 12px}
h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;
text-align:left;vertical-align:top}th{background:#f4f4f4}td.n{text-align:right}
.legend span{display:inline-block;margin-right:14px}.sw{width:12px;height:12px;display:inline-block;
vertical-align:middle;margin-right:4px}.muted{color:#777}svg{background:#fafafa;border:1px solid #eee}
.sev-error{color:#a00}.sev-warning{color:#a60}
"""


def e(value: Any) -> str:
    """HTML-escaped text (quotes too, so it is safe in attributes)."""
    return escape("" if value is None else str(value), quote=True)


def colour(lang: str) -> str:
    return LANG_COLOURS.get(lang, OTHER_COLOUR)


def fractional_year(date: str) -> float:
    """``YYYY-MM-DD`` (astronomical, may start with ``-``) as a fractional year."""
    sign = -1 if date.startswith("-") else 1
    year, month, day = date.lstrip("-").split("-")
    return sign * int(year) + (int(month) - 1) / 12 + (int(day) - 1) / 365


def read_records(kb_path: Path) -> list[dict[str, Any]]:
    """The records of a KB file (no validation: the writer validated them)."""
    if not kb_path.is_file():
        return []
    return [json.loads(line) for line in kb_path.read_text(encoding="utf-8").splitlines() if line]


def _tick_step(span: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if span / step <= 12:
            return step
    return 10000


def timeline_svg(events: list[dict[str, Any]]) -> str:
    """Inline SVG: one ``g.tl-event`` per dated event, in lanes so bars do not overlap."""
    dated = sorted(
        (ev for ev in events if ev.get("interval")),
        key=lambda ev: (ev["interval"]["start"], ev["interval"]["end"], ev["id"]),
    )
    if not dated:
        return '<p class="muted">No dated events.</p>'
    spans = [
        (fractional_year(ev["interval"]["start"]), fractional_year(ev["interval"]["end"]) + 1 / 365)
        for ev in dated
    ]
    low, high = min(a for a, _ in spans), max(b for _, b in spans)
    if high - low < 1:
        low, high = low - 0.5, high + 0.5
    pad = (high - low) * 0.02
    low, high = low - pad, high + pad
    inner = WIDTH - LEFT - RIGHT

    def x(year: float) -> float:
        return LEFT + (year - low) / (high - low) * inner

    lane_ends: list[float] = []
    parts: list[str] = []
    for ev, (a, b) in zip(dated, spans, strict=True):
        x0, x1 = x(a), max(x(b), x(a) + 4)
        lane = next((i for i, end in enumerate(lane_ends) if end + 2 <= x0), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(x1)
        lane_ends[lane] = x1
        y = 8 + lane * ROW
        langs = ev.get("langs") or ["und"]
        first = (ev.get("mentions") or [{}])[0].get("text", "")
        tip = (
            f"{ev.get('kind')} {ev['interval']['start']} – {ev['interval']['end']} "
            f"[{', '.join(langs)}] {first[:200]}"
        )
        stripe = BAR / len(langs)
        rects = "".join(
            f'<rect x="{x0:.1f}" y="{y + i * stripe:.1f}" width="{x1 - x0:.1f}" '
            f'height="{stripe:.1f}" fill="{colour(lang)}"/>'
            for i, lang in enumerate(langs)
        )
        parts.append(
            f'<g class="tl-event" data-id="{e(ev["id"])}" data-langs="{e(" ".join(langs))}">'
            f"<title>{e(tip)}</title>{rects}</g>"
        )
    height = 8 + len(lane_ends) * ROW + 24
    axis_y = height - 18
    step = _tick_step(high - low)
    ticks = []
    year = (int(low // step) + 1) * step
    while year < high:
        tx = x(year)
        ticks.append(
            f'<line x1="{tx:.1f}" y1="0" x2="{tx:.1f}" y2="{axis_y}" stroke="#e4e4e4"/>'
            f'<text x="{tx:.1f}" y="{axis_y + 14}" font-size="11" text-anchor="middle">'
            f"{e(year if year > 0 else f'{1 - year} BCE')}</text>"
        )
        year += step
    return (
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="timeline of {len(dated)} dated events">'
        f"{''.join(ticks)}{''.join(parts)}</svg>"
    )


def _table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _legend(langs: set[str]) -> str:
    shown = sorted(langs | set(LANG_COLOURS))
    return (
        '<p class="legend">'
        + "".join(
            f'<span><i class="sw" style="background:{colour(lang)}"></i>{e(lang)}</span>'
            for lang in shown
        )
        + "</p>"
    )


EVIDENCE_SHOWN = 4
"""Merges listed per entity in the report (cross-language ones first)."""


def evidence_summary(entity: dict[str, Any]) -> str:
    """How an entity's names were joined, from its ``evidence``: ``Tom Daley ↔ 汤姆·戴利: scorer
    0.83``, cross-language merges first (HTML, escaped)."""
    items = sorted(
        entity.get("evidence", []),
        key=lambda ev: (-len(ev.get("langs", [])), -float(ev.get("score", 0))),
    )
    lines = []
    for ev in items[:EVIDENCE_SHOWN]:
        names = " ↔ ".join(str(n) for n in ev.get("names", []))
        rule = ev.get("rule") or ("knowledge " + str(ev["id"]) if "id" in ev else "merge")
        signals = ", ".join(f"{k} {v:g}" for k, v in sorted(ev.get("signals", {}).items()))
        lines.append(f"{e(names)}: {e(rule)}" + (f" ({e(signals)})" if signals else ""))
    if len(items) > EVIDENCE_SHOWN:
        lines.append(f"… {len(items) - EVIDENCE_SHOWN} more")
    return "<br>".join(lines) or '<span class="muted">one name</span>'


def render_report(
    records: list[dict[str, Any]], summary: dict[str, Any], problems: list[dict[str, Any]]
) -> str:
    """The report page for KB ``records``, a run ``summary`` and its ``problems`` (errors.jsonl)."""
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by_type[r["type"]].append(r)
    docs = by_type["document"]
    doc_path = {d["id"]: d["path"] for d in docs}
    events = by_type["event"]
    mention_count = Counter(m["entity"] for m in by_type["mention"])
    per_doc: dict[str, Counter[str]] = defaultdict(Counter)
    for kind in ("mention", "time"):
        for r in by_type[kind]:
            per_doc[r["doc"]][kind] += 1
    for ev in events:
        for doc in {m["doc"] for m in ev.get("mentions", [])}:
            per_doc[doc]["event"] += 1

    entities = sorted(
        by_type["entity"], key=lambda r: (-mention_count[r["id"]], r.get("name", ""), r["id"])
    )[:TOP_ENTITIES]
    entity_rows = [
        [
            e(ent.get("name")),
            e(ent.get("label")),
            str(mention_count[ent["id"]]),
            "<br>".join(
                f"<b>{e(lang)}</b>: {e(', '.join(names))}"
                for lang, names in sorted(ent.get("names", {}).items())
            ),
            evidence_summary(ent),
        ]
        for ent in entities
    ]
    doc_rows = [
        [
            e(d["path"]),
            e(d["lang"]),
            str(d.get("chars", 0)),
            str(per_doc[d["id"]]["mention"]),
            str(per_doc[d["id"]]["time"]),
            str(per_doc[d["id"]]["event"]),
        ]
        for d in docs
    ]
    undated = [ev for ev in events if not ev.get("interval")]
    event_rows = [
        [
            e(ev.get("kind")),
            e(
                f"{ev['interval']['start']} – {ev['interval']['end']}"
                if ev.get("interval")
                else "—"
            ),
            e(", ".join(ev.get("langs", []))),
            "<br>".join(
                f"<b>{e(m.get('lang'))}</b> {e(doc_path.get(m.get('doc'), m.get('doc')))}: "
                f"{e(m.get('text', '')[:300])}"
                for m in ev.get("mentions", [])[:4]
            ),
        ]
        for ev in sorted(
            events, key=lambda ev: ((ev.get("interval") or {}).get("start", "~"), ev["id"])
        )
    ]
    error_rows = [
        [
            f'<span class="sev-{e(p.get("severity"))}">{e(p.get("severity"))}</span>',
            e(p.get("path")),
            e(p.get("reason")),
        ]
        for p in problems
    ]
    seconds = summary.get("seconds", {})
    counts = [
        [e(k), e(summary.get(k, 0))]
        for k in ("documents", "mentions", "entities", "times", "events", "errors", "warnings")
    ]
    langs_seen = {lang for ev in events for lang in ev.get("langs", [])}
    sections = [
        "<h1>xlkb knowledge base report</h1>",
        '<h2 id="summary">Run summary</h2>',
        _table(["count", "value"], counts, {1}),
        _table(["step", "seconds"], [[e(k), f"{v:.3f}"] for k, v in seconds.items()], {1}),
        f'<h2 id="timeline">Timeline of aligned events ({len(events) - len(undated)} dated, '
        f"{len(undated)} undated)</h2>",
        _legend(langs_seen),
        timeline_svg(events),
        '<h2 id="events">Events</h2>',
        _table(["kind", "interval", "languages", "reported as"], event_rows)
        if event_rows
        else '<p class="muted">No events.</p>',
        f'<h2 id="entities">Top entities ({len(entities)} of {len(by_type["entity"])})</h2>',
        _table(
            ["name", "label", "mentions", "names per language", "joined by (evidence)"],
            entity_rows,
            {2},
        )
        if entity_rows
        else '<p class="muted">No entities.</p>',
        '<h2 id="documents">Documents</h2>',
        _table(["path", "lang", "chars", "mentions", "times", "events"], doc_rows, {2, 3, 4, 5}),
        f'<h2 id="errors">Errors and warnings ({len(problems)})</h2>',
        _table(["severity", "path", "reason"], error_rows)
        if error_rows
        else '<p class="muted">None.</p>',
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>xlkb report</title><style>{STYLE}</style></head><body>"
        + "\n".join(sections)
        + "</body></html>\n"
    )


def write_report(settings: Settings, summary: BuildSummary) -> Path:
    """Write ``outputs/report.html`` for the KB on disk and this run's summary (atomically)."""
    path = settings.outputs_dir / "report.html"
    problems = [p.as_json() for p in summary.errors]
    html = render_report(read_records(settings.kb_path), summary.as_json(), problems)
    write_bytes_atomic(path, html.encode("utf-8"))
    return path
