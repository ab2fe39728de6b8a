"""Small HTML helpers shared by the report's sections. Every corpus string goes through :func:`escape`."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

LANG_COLOURS = {"lv": "#9e3039", "en": "#1f5fa8", "zh": "#d89b00"}
"""Colour of each analysed language; any other language is drawn grey."""
OTHER_COLOUR = "#777777"


def escape(value: Any) -> str:
    """HTML-escaped text (quotes too, so it is safe in attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def colour(lang: str) -> str:
    return LANG_COLOURS.get(lang, OTHER_COLOUR)


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters (with ``…``), not escaped."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def lang_class(lang: str) -> str:
    """CSS class suffix of a language's colour: its code, or ``other``."""
    return lang if lang in LANG_COLOURS else "other"


def colour_css() -> str:
    """Badge backgrounds (``.l-xx``) and SVG fills (``.f-xx``) per language colour."""
    pairs = [*LANG_COLOURS.items(), ("other", OTHER_COLOUR)]
    return "".join(f".l-{k}{{background:{v}}}svg .f-{k}{{fill:{v}}}" for k, v in pairs)


def lang_badge(lang: str) -> str:
    return f'<span class="lb l-{lang_class(lang)}">{escape(lang)}</span>'


def lang_badges(langs: Iterable[str]) -> str:
    return "".join(lang_badge(lang) for lang in langs)


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: Iterable[int] = (),
    row_attrs: Iterable[str] | None = None,
    cls: str = "",
) -> str:
    """A table of already-escaped cells; ``row_attrs`` are raw attribute strings, one per row."""
    numeric = set(numeric)
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    attrs = iter(row_attrs) if row_attrs is not None else None
    body = "".join(
        f"<tr{next(attrs) if attrs else ''}>"
        + "".join(
            f'<td class="n">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    klass = f' class="{cls}"' if cls else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def legend(langs: Iterable[str]) -> str:
    shown = sorted(set(langs) | set(LANG_COLOURS))
    return (
        '<p class="legend">'
        + "".join(
            f'<span><i class="sw" style="background:{colour(lang)}"></i>{escape(lang)}</span>'
            for lang in shown
        )
        + "</p>"
    )


def more_note(shown: int, total: int, what: str, where: str = "") -> str:
    """``<p>`` saying that only ``shown`` of ``total`` ``what`` are listed (empty when all are)."""
    if total <= shown:
        return ""
    place = f" ({where})" if where else ""
    return f'<p class="more">… {total - shown} more {escape(what)} not shown{escape(place)}.</p>'


def muted(text: str) -> str:
    return f'<span class="muted">{escape(text)}</span>'
