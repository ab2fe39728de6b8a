"""The event table: one row per aligned event, events with identical sentences grouped."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .markup import clip, escape, lang_badge, lang_badges, table
from .timeline import format_interval, span_of

MAX_ROWS = 1000
"""Rows of the event table (cross-language and most-reported groups are kept first)."""
SENTENCE_CHARS = 240
"""A reported sentence is cut to this many characters."""
SENTENCES_PER_LANG = 3
"""Distinct sentences shown per language in one row."""


@dataclass
class EventGroup:
    """Events reported by exactly the same sentences (one row of the table)."""

    anchor: str
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def langs(self) -> list[str]:
        return sorted({lang for ev in self.events for lang in ev.get("langs") or ["und"]})

    @property
    def kinds(self) -> list[str]:
        return sorted({str(ev.get("kind")) for ev in self.events})

    @property
    def mentions(self) -> list[dict[str, Any]]:
        return [m for m in self.events[0].get("mentions", [])]

    @property
    def sort_key(self) -> tuple[tuple[float, float], str]:
        dated = [span_of(ev) for ev in self.events if ev.get("interval")]
        return (min(dated) if dated else (math.inf, math.inf), self.events[0]["id"])


def _sentence_key(event: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted({(m.get("lang", ""), m.get("text", "")) for m in event.get("mentions", [])})
    )


def group_events(events: list[dict[str, Any]]) -> list[EventGroup]:
    """Events grouped by their set of ``(language, sentence)`` pairs, in date order."""
    groups: dict[tuple[tuple[str, str], ...], list[dict[str, Any]]] = {}
    for ev in sorted(events, key=lambda v: v["id"]):
        groups.setdefault(_sentence_key(ev), []).append(ev)
    ordered = sorted(
        (EventGroup("", members) for members in groups.values()), key=lambda g: g.sort_key
    )
    for number, group in enumerate(ordered, start=1):
        group.anchor = f"ev-{number}"
    return ordered


def keep_rows(groups: list[EventGroup], limit: int | None = None) -> list[EventGroup]:
    """At most ``limit`` (default :data:`MAX_ROWS`) groups, preferring cross-language ones, then
    the most reported."""
    limit = MAX_ROWS if limit is None else limit
    if len(groups) <= limit:
        return groups
    ranked = sorted(groups, key=lambda g: (-len(g.langs), -len(g.mentions), g.sort_key))[:limit]
    return sorted(ranked, key=lambda g: g.sort_key)


def _when(group: EventGroup) -> str:
    values = sorted({format_interval(ev.get("interval")) for ev in group.events})
    shown = "<br>".join(escape(v) for v in values[:3])
    return shown + (f'<br><span class="muted">+{len(values) - 3}</span>' if len(values) > 3 else "")


def _reported(group: EventGroup, doc_path: Mapping[str, str]) -> str:
    """The group's sentences (side by side, one column per language, when it has several
    languages); a sentence repeated in an event is shown once with ×N."""
    columns: list[list[str]] = []
    for lang in group.langs:
        counts: Counter[str] = Counter()
        where: dict[str, str] = {}
        for m in group.mentions:
            if (m.get("lang") or "und") == lang:
                counts[m.get("text", "")] += 1
                where.setdefault(
                    m.get("text", ""), doc_path.get(m.get("doc", ""), m.get("doc", ""))
                )
        lines = []
        for text, n in counts.most_common(SENTENCES_PER_LANG):
            repeat = f' <span class="muted">×{n}</span>' if n > 1 else ""
            lines.append(
                f'<p title="{escape(where[text])}">{escape(clip(text, SENTENCE_CHARS))}{repeat}</p>'
            )
        if len(counts) > SENTENCES_PER_LANG:
            lines.append(f'<p class="muted">+{len(counts) - SENTENCES_PER_LANG} more</p>')
        columns.append(lines)
    if len(columns) == 1:
        return "".join(columns[0])
    return (
        '<div class="side">'
        + "".join(
            f'<div class="col">{lang_badge(lang)}{"".join(lines)}</div>'
            for lang, lines in zip(group.langs, columns, strict=True)
        )
        + "</div>"
    )


def event_rows(
    groups: list[EventGroup], doc_path: Mapping[str, str]
) -> tuple[list[list[str]], list[str]]:
    """Cells and row attributes (id, filter data) for each group."""
    rows, attrs = [], []
    for group in groups:
        multi = " multi" if len(group.langs) > 1 else ""
        rows.append(
            [
                _when(group),
                "<br>".join(escape(k.replace("_", " ")) for k in group.kinds)
                + (
                    f' <span class="muted">({len(group.events)} events)</span>'
                    if len(group.events) > 1
                    else ""
                ),
                lang_badges(group.langs),
                _reported(group, doc_path),
            ]
        )
        attrs.append(
            f' id="{escape(group.anchor)}" class="filt ev-row{multi}" '
            f'data-langs="{escape(" ".join(group.langs))}" data-kinds="{escape(" ".join(group.kinds))}"'
        )
    return rows, attrs


def events_table(groups: list[EventGroup], doc_path: Mapping[str, str]) -> str:
    if not groups:
        return '<p class="muted">No events.</p>'
    rows, attrs = event_rows(groups, doc_path)
    return (
        '<div class="scroll">'
        + table(["when", "kind", "languages", "reported as"], rows, row_attrs=attrs, cls="events")
        + "</div>"
    )


def filter_bar(groups: list[EventGroup]) -> str:
    """Language, kind, cross-language and text filters (hidden until the script shows them)."""
    langs = sorted({lang for g in groups for lang in g.langs})
    kinds = Counter(str(ev.get("kind")) for g in groups for ev in g.events)
    boxes = "".join(
        f'<label><input type="checkbox" name="lang" value="{escape(lang)}" checked>'
        f"{lang_badge(lang)}</label>"
        for lang in langs
    )
    options = "".join(
        f'<option value="{escape(kind)}">{escape(kind.replace("_", " "))} ({n})</option>'
        for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return (
        '<form id="filters" class="filters" hidden>'
        f"<span>Languages: {boxes}</span>"
        f'<label>Kind: <select name="kind"><option value="">all kinds</option>{options}'
        "</select></label>"
        '<label><input type="checkbox" name="multi"> only events in 2+ languages</label>'
        '<label>Text: <input type="search" name="q" placeholder="word in a sentence"></label>'
        '<output id="filter-status"></output></form>'
    )
