"""``outputs/report.html``: one self-contained page about the KB a run wrote.

Sections: the run summary (counts, seconds per step); a timeline whose axis covers the dense range
of dated events (events per period stacked by language, one lane per kind, cross-language events
outlined) with the events far outside it listed apart; one row per aligned event with its
languages and its sentences side by side (events with identical sentences share a row); the top
entities (fragmentary names set apart) each with a section of names per language, mentions with
their sentences per language, and the events it takes part in; documents; errors and warnings.
A small inline script filters rows and timeline bars by language, kind, "2+ languages" and text.

The page needs nothing from the network. Every string shown comes from untrusted corpus text and is
HTML-escaped; a Content-Security-Policy forbids remote loads and every script except the page's
own (allowed by its SHA-256), as a second line of defence. Long lists are capped with a note
saying how many were left out.

Modules: :mod:`.markup` (escaping, tables), :mod:`.timeline`, :mod:`.events`,
:mod:`.entities`, :mod:`.sources` (sentences from the corpus files), :mod:`.script`,
:mod:`.page` (assembly, :func:`render_report`, :func:`write_report`).
"""

from __future__ import annotations

from .entities import TOP_ENTITIES, clean_name, evidence_summary, is_fragment
from .events import group_events
from .markup import LANG_COLOURS, OTHER_COLOUR, colour, escape
from .page import CSP, read_records, render_report, write_report
from .timeline import dense_window, fractional_year, timeline_svg

__all__ = [
    "CSP",
    "LANG_COLOURS",
    "OTHER_COLOUR",
    "TOP_ENTITIES",
    "clean_name",
    "colour",
    "dense_window",
    "escape",
    "evidence_summary",
    "fractional_year",
    "group_events",
    "is_fragment",
    "read_records",
    "render_report",
    "timeline_svg",
    "write_report",
]
