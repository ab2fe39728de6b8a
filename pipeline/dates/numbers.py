"""Read the numbers date expressions are written with: ASCII and full-width digits, ordinals
(``12th``, ``12.``), Roman numerals (``XIX``), Chinese numerals in both digit-by-digit
(``一九九四``) and positional (``二十三``, ``兩千``) style, and number words from the grammar's
``numbers`` / ``ordinals`` tables."""

from __future__ import annotations

import re

from pipeline.dates.grammar import Grammar
from pipeline.lang.defaults import defaults, supported

ZH_DIGITS = dict(defaults("zh").digits)
"""Chinese digit characters → 0-9 (``pipeline/lang/zh/numerals.tsv``)."""
ZH_UNITS = dict(defaults("zh").units)
"""Chinese unit characters → 10, 100, 1000 (``pipeline/lang/zh/numerals.tsv``)."""
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def _ordinal_suffix() -> re.Pattern[str]:
    """Any supported language's ordinal ending after digits (``ordinal_suffixes.txt``: ``12th``,
    ``12.ais``, ``12-ajā``), or the period every language writes (``12.``)."""
    plain = [s for d in supported() if not d.ordinal_hyphen for s in d.ordinal_suffixes]
    hyphen = [s for d in supported() if d.ordinal_hyphen for s in d.ordinal_suffixes]
    parts = [*map(re.escape, plain), r"\."]
    if hyphen:
        parts.append("-?(?:" + "|".join(map(re.escape, hyphen)) + ")")
    return re.compile(r"(?<=\d)(?:" + "|".join(parts) + ")$", re.I)


_ORD_SUFFIX = _ordinal_suffix()


def roman_to_int(text: str) -> int | None:
    text = text.upper()
    if not text or not _ROMAN_RE.match(text):
        return None
    total = 0
    for i, ch in enumerate(text):
        v = ROMAN[ch]
        if i + 1 < len(text) and ROMAN[text[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def zh_to_int(text: str) -> int | None:
    """Chinese numerals: digit strings (``一九九四``, ``二〇二〇``) and positional (``二十三``)."""
    if not text:
        return None
    if all(ch in ZH_DIGITS for ch in text):
        if len(text) == 1:
            return ZH_DIGITS[text]
        return int("".join(str(ZH_DIGITS[ch]) for ch in text))
    total, current = 0, None
    for ch in text:
        if ch in ZH_DIGITS:
            current = ZH_DIGITS[ch]
        elif ch in ZH_UNITS:
            total += (1 if current is None else current) * ZH_UNITS[ch]
            current = None
        elif ch.isdigit():
            current = (current or 0) * 10 + int(ch)
        else:
            return None
    return total + (current or 0)


def to_int(text: str | None, grammar: Grammar | None = None) -> int | None:
    """The integer a number, ordinal or number word denotes, or ``None``."""
    if text is None:
        return None
    s = text.strip().strip("'’")
    if not s:
        return None
    if grammar is not None:
        for table in ("numbers", "ordinals"):
            key = grammar.lookup(table, s)
            if key is not None:
                return int(key)
        words = re.split(r"[\s-]+", s)
        if len(words) == 2:
            tens, units = (grammar.lookup("numbers", w) for w in words)
            if tens is not None and units is not None:
                t, u = int(tens), int(units)
                if t >= 20 and t % 10 == 0 and 1 <= u <= 9:
                    return t + u  # "twenty five", "divdesmit piecus"
    s = _ORD_SUFFIX.sub("", s)
    if s.isdigit():
        return int(s)
    value = roman_to_int(s)
    if value is not None:
        return value
    return zh_to_int(s)
