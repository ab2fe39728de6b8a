"""The timeline: events per period and one lane per kind, on an axis that covers the dense range
of dated events only; events far outside it are listed apart in a table."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .markup import clip, escape, lang_badges, lang_class, more_note, table

COVER = 0.9
"""Share of the dated events the axis is chosen to cover (the shortest such range)."""
MIN_FOR_OUTLIERS = 10
"""With fewer dated events than this every one is drawn (nothing is an outlier)."""
EXTEND = 0.15
"""The range grows over neighbours closer than this share of its span (no cut through a tail)."""
MAX_OUTLIERS = 150
MAX_BARS = 1500
"""Event bars drawn (those with a row in the event table first); the histogram counts all."""
"""Rows of the outlier table."""
WIDTH, LEFT, RIGHT, TOP = 1040, 185, 16, 22
HIST_H, GAP, LANE_H, SUB, BOTTOM = 80, 12, 24, 5, 26


@dataclass(frozen=True)
class Window:
    """The axis range ``[low, high)`` in fractional years."""

    low: float
    high: float

    def x(self, year: float) -> float:
        return LEFT + (year - self.low) / (self.high - self.low) * (WIDTH - LEFT - RIGHT)

    def __contains__(self, year: float) -> bool:
        return self.low <= year < self.high


def fractional_year(date: str) -> float:
    """``YYYY-MM-DD`` (astronomical, may start with ``-``) as a fractional year."""
    sign = -1 if date.startswith("-") else 1
    year, month, day = date.lstrip("-").split("-")
    return sign * int(year) + (int(month) - 1) / 12 + (int(day) - 1) / 365


def span_of(event: dict[str, Any]) -> tuple[float, float]:
    """Fractional years an event's interval covers (end inclusive, so at least a day)."""
    interval = event["interval"]
    return fractional_year(interval["start"]), fractional_year(interval["end"]) + 1 / 365


def midpoint(event: dict[str, Any]) -> float:
    a, b = span_of(event)
    return (a + b) / 2


def year_label(year: int) -> str:
    return str(year) if year > 0 else f"{1 - year} BCE"


def dense_window(mids: list[float]) -> Window | None:
    """The shortest whole-year range holding :data:`COVER` of ``mids``, grown over near points."""
    if not mids:
        return None
    points = sorted(mids)
    n = len(points)
    k = n if n < MIN_FOR_OUTLIERS else max(1, math.ceil(COVER * n))
    i = min(range(n - k + 1), key=lambda j: (points[j + k - 1] - points[j], j))
    low, high = math.floor(points[i]), math.floor(points[i + k - 1]) + 1
    grow = True
    while grow:
        reach = max(1.0, EXTEND * (high - low))
        grow = False
        below = [p for p in points if p < low]
        above = [p for p in points if p >= high]
        if below and low - below[-1] <= reach:
            low, grow = math.floor(below[-1]), True
        if above and above[0] - high <= reach:
            high, grow = math.floor(above[0]) + 1, True
    return Window(low, high)


def _bin_size(span: float) -> float:
    for size in (1 / 12, 1, 10, 100, 1000):
        if span / size <= 120:
            return size
    return 10000


def _tick_step(span: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if span / step <= 12:
            return step
    return 10000


def _ticks(window: Window, bottom: float) -> str:
    """Grid lines with year labels above the histogram and below the lanes."""
    step = _tick_step(window.high - window.low)
    parts = []
    year = math.ceil(window.low / step) * step
    while year <= window.high:
        tx = window.x(year)
        label = escape(year_label(year))
        parts.append(
            f'<line x1="{tx:.1f}" y1="{TOP - 4}" x2="{tx:.1f}" y2="{bottom}" class="grid"/>'
            f'<text x="{tx:.1f}" y="{TOP - 8}" class="tick">{label}</text>'
            f'<text x="{tx:.1f}" y="{bottom + 15}" class="tick">{label}</text>'
        )
        year += step
    return "".join(parts)


def _histogram(events: list[dict[str, Any]], window: Window) -> str:
    """Stacked bars of events per period, each event shared among its languages."""
    size = _bin_size(window.high - window.low)
    bins: defaultdict[int, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    for ev in events:
        langs = ev.get("langs") or ["und"]
        for lang in langs:
            bins[math.floor((midpoint(ev) - window.low) / size)][lang] += 1 / len(langs)
    top = max((sum(c.values()) for c in bins.values()), default=1)
    unit = {1 / 12: "month", 1: "year", 10: "decade", 100: "century"}.get(size, "millennium")
    base = TOP + HIST_H
    parts = [
        f'<text x="{LEFT - 8}" y="{TOP + 10}" class="lab">max {round(top)}</text>'
        f'<text x="{LEFT - 8}" y="{base}" class="lab">events per {unit}</text>'
        f'<line x1="{LEFT}" y1="{base + 0.5}" x2="{WIDTH - RIGHT}" y2="{base + 0.5}" class="axis"/>'
    ]
    for index, counts in sorted(bins.items()):
        x0 = window.x(window.low + index * size)
        width = max(1.0, window.x(window.low + (index + 1) * size) - x0 - 1)
        y: float = base
        tip = ", ".join(f"{lang} {n:.0f}" for lang, n in sorted(counts.items()))
        start = window.low + index * size
        label = (
            year_label(int(start))
            if size >= 1
            else f"{int(start)}-{round((start % 1) * 12) + 1:02d}"
        )
        rects = []
        for lang, n in sorted(counts.items()):
            h = n / top * HIST_H
            y -= h
            rects.append(
                f'<rect x="{x0:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}" '
                f'class="f-{lang_class(lang)}"/>'
            )
        parts.append(
            f'<g class="bin"><title>{escape(label)}: {sum(counts.values()):.0f} events ({escape(tip)})'
            f"</title>{''.join(rects)}</g>"
        )
    return "".join(parts)


def _tip(event: dict[str, Any]) -> str:
    """Kind, interval and languages (the script adds the sentence from the event's row)."""
    interval = event["interval"]
    when = (
        interval["start"]
        if interval["start"] == interval["end"]
        else (f"{interval['start']} – {interval['end']}")
    )
    return (
        f"{str(event.get('kind')).replace('_', ' ')} {when} "
        f"[{', '.join(event.get('langs') or ['und'])}]"
    )


def _mark(event: dict[str, Any], window: Window, y: float, anchors: Mapping[str, str]) -> str:
    """One ``g.tl-event``: a thin bar, or a tall striped one for a cross-language event (its
    kind is on the lane's ``g``)."""
    a, b = span_of(event)
    x0 = window.x(max(a, window.low))
    x1 = max(window.x(min(b, window.high)), x0 + 2.5)
    langs = event.get("langs") or ["und"]
    if len(langs) > 1:
        height, y = LANE_H - 4, y
        stripe = height / len(langs)
        rects = "".join(
            f'<rect x="{x0:.1f}" y="{y + i * stripe:.1f}" width="{x1 - x0:.1f}" '
            f'height="{stripe:.1f}" class="f-{lang_class(lang)}"/>'
            for i, lang in enumerate(langs)
        )
        rects += (
            f'<rect x="{x0:.1f}" y="{y:.1f}" width="{x1 - x0:.1f}" height="{height:.1f}" '
            'class="multi"/>'
        )
    else:
        faint = ' opacity="0.35"' if b - a > (window.high - window.low) / 4 else ""
        rects = (
            f'<rect x="{x0:.1f}" y="{y:.1f}" width="{x1 - x0:.1f}" height="3.4" '
            f'class="f-{lang_class(langs[0])}"{faint}/>'
        )
    href = anchors.get(event["id"])
    body = f"<title>{escape(_tip(event))}</title>{rects}"
    if href:
        body = f'<a href="#{escape(href)}">{body}</a>'
    return f'<g class="tl-event" data-langs="{escape(" ".join(langs))}">{body}</g>'


def _lanes(
    events: list[dict[str, Any]], window: Window, top: float, anchors: Mapping[str, str]
) -> tuple[str, float]:
    """One lane per kind (most frequent first); returns the SVG and the lanes' bottom."""
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ev in events:
        by_kind[str(ev.get("kind"))].append(ev)
    kinds = sorted(by_kind, key=lambda k: (-len(by_kind[k]), k))
    parts = []
    for lane, kind in enumerate(kinds):
        y0 = top + lane * LANE_H
        parts.append(
            f'<rect x="{LEFT}" y="{y0}" width="{WIDTH - LEFT - RIGHT}" height="{LANE_H}" '
            f'class="lane{lane % 2}"/>'
            f'<text x="{LEFT - 8}" y="{y0 + LANE_H / 2 + 4}" class="lab">'
            f"{escape(kind.replace('_', ' '))} ({len(by_kind[kind])})</text>"
        )
        ends = [-math.inf] * SUB
        singles, multis = [], []
        for ev in sorted(by_kind[kind], key=lambda v: (v["interval"]["start"], v["id"])):
            if len(ev.get("langs") or []) > 1:
                multis.append(_mark(ev, window, y0 + 2, anchors))
                continue
            x0 = window.x(max(span_of(ev)[0], window.low))
            row = next((i for i, end in enumerate(ends) if end + 1 <= x0), None)
            if row is None:
                row = min(range(SUB), key=lambda i: ends[i])
            ends[row] = max(ends[row], window.x(min(span_of(ev)[1], window.high)), x0 + 2.5)
            singles.append(_mark(ev, window, y0 + 2 + row * (LANE_H - 4) / SUB, anchors))
        parts.append(f'<g data-kinds="{escape(kind)}">{"".join(singles + multis)}</g>')
    return "".join(parts), top + len(kinds) * LANE_H


def drawn_events(
    events: list[dict[str, Any]], anchors: Mapping[str, str], limit: int = MAX_BARS
) -> list[dict[str, Any]]:
    """At most ``limit`` events to draw: cross-language ones, then those with a table row."""
    if len(events) <= limit:
        return events
    ranked = sorted(
        events, key=lambda ev: (-len(ev.get("langs") or []), ev["id"] not in anchors, ev["id"])
    )
    return ranked[:limit]


def timeline_svg(
    events: list[dict[str, Any]],
    window: Window | None = None,
    anchors: Mapping[str, str] | None = None,
) -> str:
    """Inline SVG of the dated ``events`` inside ``window`` (default: their dense range)."""
    dated = [ev for ev in events if ev.get("interval")]
    window = window or dense_window([midpoint(ev) for ev in dated])
    if window is None:
        return '<p class="muted">No dated events.</p>'
    anchors = anchors or {}
    inside = [ev for ev in dated if midpoint(ev) in window]
    drawn = drawn_events(inside, anchors)
    lanes, bottom = _lanes(drawn, window, TOP + HIST_H + GAP, anchors)
    height = bottom + BOTTOM
    return (
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
        f'height="{height:.0f}" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-label="timeline of {len(inside)} dated events, '
        f'{escape(year_label(int(window.low)))} to {escape(year_label(int(window.high) - 1))}">'
        f"{_ticks(window, bottom)}{_histogram(inside, window)}{lanes}</svg>"
    )


def format_interval(interval: Mapping[str, str] | None) -> str:
    """``1992`` for a whole year, ``1992-05`` for a whole month, else ``start – end``."""
    if not interval:
        return "undated"
    start, end = interval["start"], interval["end"]
    if start == end:
        return start
    if start.endswith("-01-01") and end.endswith("-12-31"):
        first, last = start[:-6], end[:-6]
        return first if first == last else f"{first}–{last}"
    if start[:-3] == end[:-3] and start.endswith("-01"):
        return start[:-3]
    return f"{start} – {end}"


def outlier_table(outliers: list[dict[str, Any]], anchors: Mapping[str, str]) -> str:
    """Dated events outside the axis, by date, one row per event-table row (events with the
    same sentences together; at most :data:`MAX_OUTLIERS` rows)."""
    rows_of: dict[str, list[dict[str, Any]]] = {}
    for ev in sorted(outliers, key=lambda ev: (span_of(ev), ev["id"])):
        rows_of.setdefault(anchors.get(ev["id"], ev["id"]), []).append(ev)
    rows, attrs = [], []
    for evs in list(rows_of.values())[:MAX_OUTLIERS]:
        href = anchors.get(evs[0]["id"])
        langs = sorted({lang for ev in evs for lang in ev.get("langs") or ["und"]})
        kinds = sorted({str(ev.get("kind")) for ev in evs})
        when = dict.fromkeys(format_interval(ev.get("interval")) for ev in evs)
        first = (evs[0].get("mentions") or [{}])[0].get("text", "")
        text = escape(clip(first, 180))
        rows.append(
            [
                "<br>".join(escape(w) for w in when),
                "<br>".join(escape(k.replace("_", " ")) for k in kinds),
                lang_badges(langs),
                f'<a href="#{escape(href)}">{text}</a>' if href else text,
            ]
        )
        attrs.append(
            f' class="filt" data-langs="{escape(" ".join(langs))}" data-kinds="{escape(" ".join(kinds))}"'
        )
    return (
        '<div class="scroll short">'
        + table(["interval", "kind", "languages", "first sentence"], rows, row_attrs=attrs)
        + "</div>"
        + more_note(len(rows), len(rows_of), "outlier rows", "all are in the event table")
    )


def timeline_section(events: list[dict[str, Any]], anchors: Mapping[str, str]) -> str:
    """The timeline SVG, a line on what it covers, and the outliers listed apart."""
    dated = [ev for ev in events if ev.get("interval")]
    undated = len(events) - len(dated)
    window = dense_window([midpoint(ev) for ev in dated])
    if window is None:
        return '<p class="muted">No dated events.</p>'
    outliers = [ev for ev in dated if midpoint(ev) not in window]
    first, last = year_label(int(window.low)), year_label(int(window.high) - 1)
    note = (
        f"<p>{len(dated) - len(outliers)} of {len(dated)} dated events fall in {escape(first)}–"
        f"{escape(last)}, drawn below: events per period (stacked by language), then one lane per "
        "kind; tall outlined bars are events reported in several languages. Hover a bar for its "
        "sentence, click it to jump to its row. The filters above apply to the bars and the "
        "tables, not to the histogram."
        + (f" {undated} undated event(s) are only in the event table." if undated else "")
        + "</p>"
    )
    parts = [note, timeline_svg(dated, window, anchors)]
    inside = len(dated) - len(outliers)
    if inside > MAX_BARS:
        parts.append(
            f'<p class="more">The lanes draw {MAX_BARS} of these {inside} events (those in '
            "several languages first); the histogram counts all of them.</p>"
        )
    if outliers:
        years = sorted(span_of(ev)[0] for ev in outliers)
        parts.append(
            f'<h3 id="outliers">Outside {escape(first)}–{escape(last)}: {len(outliers)} events '
            f"({escape(year_label(math.floor(years[0])))} to {escape(year_label(math.floor(years[-1])))})"
            "</h3>"
        )
        parts.append(outlier_table(outliers, anchors))
    return "\n".join(parts)
