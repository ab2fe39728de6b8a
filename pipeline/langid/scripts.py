"""Unicode script of characters, and what each script tells about the language."""

from __future__ import annotations

import unicodedata

# (first code point, last code point, script) for the scripts we route on. Ranges not listed fall
# back to the Unicode character name prefix (LATIN, CYRILLIC, ...).
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x3400, 0x4DBF, "Hani"),
    (0x4E00, 0x9FFF, "Hani"),
    (0xF900, 0xFAFF, "Hani"),
    (0x20000, 0x3134F, "Hani"),
    (0x3040, 0x309F, "Hira"),
    (0x30A0, 0x30FF, "Kana"),
    (0xAC00, 0xD7AF, "Hang"),
    (0x1100, 0x11FF, "Hang"),
    (0x0530, 0x058F, "Armn"),
    (0x10A0, 0x10FF, "Geor"),
    (0x0400, 0x052F, "Cyrl"),
    (0x0370, 0x03FF, "Grek"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"),
    (0x0750, 0x077F, "Arab"),
    (0x0900, 0x097F, "Deva"),
    (0x0E00, 0x0E7F, "Thai"),
)

SCRIPT_LANGUAGE: dict[str, str] = {
    "Armn": "hy",
    "Geor": "ka",
    "Hang": "ko",
    "Hira": "ja",
    "Kana": "ja",
    "Grek": "el",
    "Hebr": "he",
    "Thai": "th",
    "Deva": "hi",
}
"""Scripts that (for routing purposes) identify one language by themselves."""


def char_script(ch: str) -> str | None:
    """Script code of a letter, or ``None`` for digits, punctuation, spaces and symbols."""
    cp = ord(ch)
    if cp < 0x80:
        return "Latn" if ch.isalpha() else None
    for lo, hi, script in _RANGES:
        if lo <= cp <= hi:
            return script
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN") or name.startswith("FULLWIDTH LATIN"):
        return "Latn"
    return "Zyyy"
