"""The entity table (top entities, fragmentary names set apart) and one section per entity:
names per language, mentions with their sentences side by side, and its events."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .events import EventGroup
from .markup import clip, escape, lang_badge, lang_badges, more_note, muted, table
from .sources import Sentences, window
from .timeline import format_interval

TOP_ENTITIES = 30
"""Entities in the table and with a section of their own."""
EVIDENCE_SHOWN = 4
"""Merges listed per entity in the report (cross-language ones first)."""
SENTENCES_PER_LANG = 3
"""Distinct sentences shown per language in an entity's section."""
EVENTS_PER_ENTITY = 10
"""Events listed in an entity's section."""
FRAGMENTS_LISTED = 20
"""Fragmentary entity names listed under the table."""

_EDGE = "\"'“”„«»‘’^•·*—–-‐−|:;,./\\ \t\n"
_CITATION = re.compile(r"\[\s*\d+\s*\]")
_CUT = re.compile(r"\w[-‐]$")
_INITIALS = re.compile(r"^(?:\w+\s+)?\w\.$")


def clean_name(name: str) -> str:
    """A name without citation carets, bullets, quotes, dashes or ``[12]`` markers at its edges."""
    text = _CITATION.sub("", name)
    text = " ".join(text.split())
    end_dot = text.endswith(".") and re.search(r"\b\w\.$", text) is not None
    cleaned = text.strip(_EDGE)
    return cleaned + "." if end_dot and not cleaned.endswith(".") else cleaned


def is_fragment(name: str) -> bool:
    """Whether a name is a piece of one: a cut word (``Levon Ter-``), a lone initial
    (``P.``, ``Richard G.``), unreadable characters, or fewer than two letters."""
    raw = " ".join(name.split())
    cleaned = clean_name(name)
    letters = sum(ch.isalpha() for ch in cleaned)
    cjk = any("\u4e00" <= ch <= "\u9fff" for ch in cleaned)
    return (
        letters < (1 if cjk else 2)
        or bool(_CUT.search(raw.rstrip(" –—")))
        or bool(_INITIALS.match(cleaned))
        or any(ch in cleaned for ch in "?%\ufffd")
    )


def display_names(names: list[str]) -> tuple[list[str], list[str]]:
    """Cleaned distinct names (in order) and the fragmentary raw forms left out."""
    kept: list[str] = []
    noisy: list[str] = []
    for name in names:
        cleaned = clean_name(name)
        if is_fragment(name) or not cleaned:
            noisy.append(name)
        elif cleaned not in kept:
            kept.append(cleaned)
    return kept, noisy


def display_name(entity: dict[str, Any]) -> str:
    return clean_name(str(entity.get("name", ""))) or str(entity.get("id"))


@dataclass
class EntityIndex:
    """What the entity sections need, computed once."""

    mentions: dict[str, list[dict[str, Any]]]
    events: dict[str, list[dict[str, Any]]]

    @classmethod
    def build(cls, mentions: list[dict[str, Any]], events: list[dict[str, Any]]) -> EntityIndex:
        by_entity: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for m in mentions:
            by_entity[m["entity"]].append(m)
        taking_part: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for ev in events:
            for entity in {*ev.get("participants", []), ev.get("place")} - {None}:
                taking_part[entity].append(ev)
        return cls(dict(by_entity), dict(taking_part))

    def count(self, entity_id: str) -> int:
        return len(self.mentions.get(entity_id, []))


def rank_entities(
    entities: list[dict[str, Any]], index: EntityIndex, limit: int = TOP_ENTITIES
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The ``limit`` most mentioned entities with a readable name, and those without one."""
    ordered = sorted(
        entities, key=lambda r: (-index.count(r["id"]), str(r.get("name", "")), r["id"])
    )
    fragments = [r for r in ordered if is_fragment(str(r.get("name", "")))]
    readable = [r for r in ordered if not is_fragment(str(r.get("name", "")))]
    return readable[:limit], fragments


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
        lines.append(
            f"{escape(names)}: {escape(rule)}" + (f" ({escape(signals)})" if signals else "")
        )
    if len(items) > EVIDENCE_SHOWN:
        lines.append(f"… {len(items) - EVIDENCE_SHOWN} more")
    return "<br>".join(lines) or '<span class="muted">one name</span>'


def names_cell(entity: dict[str, Any], limit: int = 6) -> str:
    """Cleaned names per language; left-out fragments are counted."""
    lines = []
    for lang, names in sorted(entity.get("names", {}).items()):
        kept, noisy = display_names(names)
        shown = ", ".join(kept[:limit]) + (f" +{len(kept) - limit}" if len(kept) > limit else "")
        extra = f" {muted(f'(+{len(noisy)} fragment)')}" if noisy else ""
        lines.append(f"{lang_badge(lang)} {escape(shown)}{extra}")
    return "<br>".join(lines)


def anchor(entity_id: str) -> str:
    return f"ent-{entity_id}"


def entity_table(top: list[dict[str, Any]], index: EntityIndex) -> str:
    rows = [
        [
            f'<a href="#{escape(anchor(ent["id"]))}">{escape(display_name(ent))}</a>',
            escape(ent.get("label")),
            str(index.count(ent["id"])),
            names_cell(ent),
            evidence_summary(ent),
        ]
        for ent in top
    ]
    header = ["name", "label", "mentions", "names per language", "joined by (evidence)"]
    return f'<div class="scroll">{table(header, rows, {2})}</div>'


def fragments_note(fragments: list[dict[str, Any]], index: EntityIndex) -> str:
    """The entities left out of the ranking because their name is a fragment."""
    if not fragments:
        return ""
    listed = ", ".join(
        f"{escape(ent.get('name'))} ({index.count(ent['id'])})"
        for ent in fragments[:FRAGMENTS_LISTED]
    )
    rest = len(fragments) - FRAGMENTS_LISTED
    return (
        f'<p class="muted">Not ranked: {len(fragments)} entities whose name is a fragment (a cut '
        f"word, a lone initial, unreadable characters): {listed}"
        + (f", … {rest} more" if rest > 0 else "")
        + ".</p>"
    )


def _mention_lines(
    mentions: list[dict[str, Any]], sentences: Sentences, doc_path: Mapping[str, str]
) -> tuple[list[str], int]:
    """Distinct sentences (one per surface form first), mention marked; and how many in all."""
    seen: dict[str, int] = {}
    order: list[tuple[str, str, str, str]] = []
    forms: set[str] = set()
    rest: list[tuple[str, str, str, str]] = []
    for m in sorted(mentions, key=lambda m: (m["doc"], m["start"])):
        found = sentences.sentence(m["doc"], m["start"], m["end"])
        before, span, after = window(*found) if found else ("", m.get("text", ""), "")
        key = before + span + after
        if key in seen:
            seen[key] += 1
            continue
        seen[key] = 1
        item = (before, span, after, doc_path.get(m["doc"], m["doc"]))
        if m.get("text") not in forms:
            forms.add(m.get("text", ""))
            order.append(item)
        else:
            rest.append(item)
    picked = (order + rest)[:SENTENCES_PER_LANG]
    lines = [
        f'<p title="{escape(path)}">{escape(before)}<mark>{escape(span)}</mark>{escape(after)}</p>'
        for before, span, after, path in picked
    ]
    return lines, len(seen)


def _sentences_side_by_side(
    entity: dict[str, Any], index: EntityIndex, sentences: Sentences, doc_path: Mapping[str, str]
) -> str:
    by_lang: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in index.mentions.get(entity["id"], []):
        by_lang[m.get("lang") or "und"].append(m)
    columns = []
    for lang in sorted(by_lang):
        lines, total = _mention_lines(by_lang[lang], sentences, doc_path)
        more = (
            f'<p class="muted">{len(by_lang[lang])} mentions in {total} sentences; '
            f"{len(lines)} shown</p>"
        )
        columns.append(f'<div class="col">{lang_badge(lang)}{"".join(lines)}{more}</div>')
    return f'<div class="side">{"".join(columns)}</div>' if columns else muted("No mentions.")


def _entity_events(
    entity: dict[str, Any], index: EntityIndex, group_of: Mapping[str, EventGroup]
) -> str:
    """The entity's events, one line per event-table row (same sentences, one line)."""
    events = index.events.get(entity["id"], [])
    if not events:
        return muted("Takes part in no event.")
    lines: dict[str, list[dict[str, Any]]] = {}
    for ev in events:
        group = group_of.get(ev["id"])
        lines.setdefault(group.anchor if group else ev["id"], []).append(ev)
    ordered = sorted(lines.values(), key=lambda evs: min(_date_key(ev) for ev in evs))
    items = []
    for evs in ordered[:EVENTS_PER_ENTITY]:
        ev = evs[0]
        first = (ev.get("mentions") or [{}])[0].get("text", "")
        group = group_of.get(ev["id"])
        text = escape(clip(first, 160))
        link = f'<a href="#{escape(group.anchor)}">{text}</a>' if group else text
        roles = sorted({"place" if v.get("place") == entity["id"] else "participant" for v in evs})
        kinds = sorted({str(v.get("kind")).replace("_", " ") for v in evs})
        when = sorted({format_interval(v.get("interval")) for v in evs})
        items.append(
            f"<li>{escape(', '.join(when))} · {escape(', '.join(kinds))} ({escape(', '.join(roles))}) "
            f"{lang_badges(ev.get('langs', []))} {link}</li>"
        )
    return f"<ul>{''.join(items)}</ul>" + more_note(len(items), len(ordered), "event rows")


def _date_key(event: dict[str, Any]) -> str:
    start: str = (event.get("interval") or {}).get("start", "~")
    return start


def entity_section(
    entity: dict[str, Any],
    index: EntityIndex,
    sentences: Sentences,
    doc_path: Mapping[str, str],
    group_of: Mapping[str, EventGroup],
    open_: bool = False,
) -> str:
    """A collapsible section: names per language, sentences side by side, events."""
    names = []
    for lang, raw in sorted(entity.get("names", {}).items()):
        kept, noisy = display_names(raw)
        extra = f" {muted('fragments: ' + ', '.join(noisy))}" if noisy else ""
        names.append([lang_badge(lang), escape(", ".join(kept)) + extra])
    ids = ", ".join(entity.get("ids", []))
    return (
        f'<details class="entity" id="{escape(anchor(entity["id"]))}"{" open" if open_ else ""}>'
        "<summary>"
        f"<b>{escape(display_name(entity))}</b> {escape(entity.get('label'))} · "
        f"{index.count(entity['id'])} mentions · {len(index.events.get(entity['id'], []))} events"
        f" {lang_badges(entity.get('langs', []))}</summary>"
        f'<p class="muted">id {escape(entity["id"])}'
        + (f" · {escape(ids)}" if ids else "")
        + "</p>"
        "<h4>Names per language</h4>"
        + table(["lang", "names"], names)
        + "<h4>Mentions, sentences side by side</h4>"
        + _sentences_side_by_side(entity, index, sentences, doc_path)
        + "<h4>Events it takes part in</h4>"
        + _entity_events(entity, index, group_of)
        + "</details>"
    )
