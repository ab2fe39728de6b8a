"""Turn one grammar match into a :class:`Reading`, and a reading plus the narrative anchor into a
TIMEX3 value and calendar interval.

Group names a rule's pattern may use (all optional):

* ``y`` year, ``m`` month (number or name), ``d`` day, ``season``, ``wd`` weekday;
  ``y2``/``m2``/``d2``/``season2`` the right end of a ``range``;
* ``mod``/``mod2`` a modifier form (``modifiers`` table: early, mid, late, first_half,
  second_half, approx), ``approx`` any text that makes the expression approximate;
* ``bce``/``ce`` era markers; ``c``/``c2`` century numbers, ``k`` millennium number, ``dec`` decade;
* ``rel`` a relative form (``relative`` table: ``+1``, ``-1``, ``0``) with ``unit`` (``units``
  table: Y, M, W, D); ``n`` a count, ``dir`` a direction (``directions`` table: later, earlier,
  ago); ``dx`` a deictic phrase (``deictic`` table: ``Y-1``, ``D+0``, ``PRESENT_REF`` ...).

Values follow TIMEX3: ``1994-05-12``, ``1994-05``, ``1994-SU``, ``1994``, ``199`` (decade),
``19`` (century, the 20th), ``1`` (millennium, the 2nd), ``BC0400`` (a year BCE), ``BC04``
(the 4th century BCE, from its first year 400 BCE), ``P6Y2M`` (duration), ``1988/1994`` (a range:
the values of both ends joined by ``/``), ``XXXX-05`` (a relative expression with no anchor),
``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace
from typing import Any

from pipeline.dates.calendar import (
    DayInterval,
    add_days,
    add_months,
    days_in_month,
    modify,
    month_span,
    season_span,
    valid_day,
    year_span,
    year_value,
)
from pipeline.dates.grammar import Grammar, Rule
from pipeline.dates.numbers import to_int

POINT_GRANULARITIES = ("day", "week", "month", "season", "year")
MAX_YEAR = 2200
TWO_DIGIT_PIVOT = 29
"""Without a narrative year, a two-digit year up to this is read in the 2000s, above it in the
1900s (``04年`` → 2004, ``98年`` → 1998)."""


@dataclass(frozen=True)
class Reading:
    """What one match says, before anchoring."""

    kind: str
    """``point``, ``range``, ``duration``, ``ref`` or ``block``."""
    granularity: str = "year"
    year: int | None = None
    """Astronomical year (or first year of a decade/century/millennium)."""
    month: int | None = None
    day: int | None = None
    season: str | None = None
    weekday: int | None = None
    mod: str | None = None
    fuzzy: bool = False
    rel_unit: str | None = None
    """When set, the year (``Y``), month (``M``), week (``W``) or day (``D``) comes from the anchor
    shifted by ``rel_offset`` units; ``None`` with ``year is None`` means the anchor's year."""
    rel_offset: int = 0
    deictic: bool = False
    """Resolved against the document's reference date (when given) rather than the narrative."""
    direction: int = 0
    """For month names/seasons/weekdays after *last*/*next*: the previous/next occurrence."""
    time_of_day: str | None = None
    """``MO``/``AF``/``EV``/``NI`` after a day (``Friday afternoon``): appended to the value."""
    tense: int = 0
    """Set by the extractor for a bare month/day/season/weekday in a document with a reference
    date: ``-1`` the latest such date not after the reference, ``+1`` the next one not before it
    (the sentence speaks of the future)."""
    end: Reading | None = None
    """Right end of a range."""
    value: str | None = None
    """Fixed value (durations, ``PRESENT_REF``)."""
    two_digit_year: bool = False
    """The year was written with two digits (``04年``): its century comes from the narrative
    (see :func:`with_century`)."""

    @property
    def needs_anchor(self) -> bool:
        if self.kind == "range":
            return self.year is None or (self.end is not None and self.end.year is None)
        return self.kind == "point" and (self.year is None or self.rel_unit is not None)


@dataclass(frozen=True)
class Anchor:
    """The narrative reference point: the last placed date in text order."""

    year: int
    month: int | None = None
    day: int | None = None
    year_open: bool = False
    """The anchor is the end of a span of several years (``1993-1994``): a counted offset
    (``a year later``, ``次年``) follows from it, but a date that only lacks its year (``23
    February``, ``that May``) has no single year to take and stays unplaced."""


@dataclass(frozen=True)
class Resolved:
    value: str
    span: DayInterval | None
    granularity: str
    fuzzy: bool
    anchored: bool
    anchor: Anchor | None
    """The anchor this expression sets for what follows (``None``: leaves it unchanged)."""


# ---------------------------------------------------------------------------------------------
# match → reading


def _group(m: re.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def _mod(g: Grammar, text: str | None) -> tuple[str | None, bool]:
    """(modifier, fuzzy) of a modifier form."""
    key = g.lookup("modifiers", text)
    if key is None:
        return None, False
    if key == "approx":
        return None, True
    return key, key not in ("first_half", "second_half")


def _year(g: Grammar, text: str | None, bce: bool) -> int | None:
    y = to_int(text, g)
    if y is None:
        return None
    if bce:
        return 1 - y if y > 0 else None
    if y == 0 or y > MAX_YEAR:
        return None
    return y


def _month(g: Grammar, text: str | None) -> int | None:
    if text is None:
        return None
    key = g.lookup("months", text)
    value = int(key) if key is not None else to_int(text, g)
    return value if value is not None and 1 <= value <= 12 else None


class _NotADate(Exception):
    """A matched expression whose parts do not make a date (raised inside :func:`_point`)."""


def _point_year(g: Grammar, fixed: dict[str, Any], m: re.Match[str], suffix: str) -> int | None:
    """The year of a point expression (``None`` when it names none)."""
    bce = bool(_group(m, "bce") or fixed.get("bce")) and not _group(m, "ce" + suffix)
    ytext = _group(m, "y" + suffix)
    if ytext is None:
        return None
    if fixed.get("two_digit_year"):
        yy = to_int(ytext, g)
        if yy is None or not 0 <= yy <= 99:
            raise _NotADate
        year: int | None = two_digit_year(yy, None)
    else:
        year = _year(g, ytext, bce)
    if year is not None and fixed.get("era_offset"):
        year += int(fixed["era_offset"])  # 民國38年 = 1949
    if year is None:
        raise _NotADate
    return year


def _point_month_day(g: Grammar, m: re.Match[str], suffix: str) -> tuple[int | None, int | None]:
    mtext = _group(m, "m" + suffix)
    month = _month(g, mtext)
    if mtext is not None and month is None:
        raise _NotADate
    dtext = _group(m, "d" + suffix)
    day = to_int(dtext, g) if dtext is not None else None
    if dtext is not None and (day is None or not 1 <= day <= 31):
        raise _NotADate
    return month, day


def _point_vagueness(
    g: Grammar, fixed: dict[str, Any], m: re.Match[str], suffix: str, season: str | None
) -> tuple[str | None, bool]:
    """(modifier such as ``early`` or ``first_half``, whether the expression is fuzzy)."""
    mod, fuzzy = _mod(g, _group(m, "mod" + suffix))
    mod = mod or fixed.get("mod")
    fuzzy = fuzzy or bool(fixed.get("fuzzy")) or bool(_group(m, "approx"))
    if _group(m, "mod_approx"):
        fuzzy = True
    if mod and mod not in ("first_half", "second_half"):
        fuzzy = True
    if season:
        fuzzy = True
    return mod, fuzzy


def _granularity(
    day: int | None, month: int | None, season: str | None, weekday: int | None
) -> str:
    if day is not None:
        return "day"
    if month is not None:
        return "month"
    if season is not None:
        return "season"
    if weekday is not None:
        return "day"
    return "year"


def _point_relative(
    g: Grammar,
    fixed: dict[str, Any],
    m: re.Match[str],
    month: int | None,
    day: int | None,
    season: str | None,
    gran: str,
) -> tuple[str | None, int, int, str]:
    """(relative unit, offset, direction, granularity) of ``last year``, ``3 months later``,
    ``last June`` ...; no unit when the expression is not relative."""
    rtext = _group(m, "rel")
    if rtext is None and "rel" not in fixed:
        return None, 0, 0, gran
    direction = 0
    rel_offset = int(g.lookup("relative", rtext) or fixed.get("rel", 0))
    utext = _group(m, "unit")
    rel_unit = g.lookup("units", utext) if utext else fixed.get("unit", "Y")
    if rel_unit not in ("Y", "M", "W", "D"):
        raise _NotADate
    if bool(fixed.get("deictic")) and rel_unit == "Y" and (month is not None or season is not None):
        # "last June", "this summer": the previous / next occurrence of that month
        direction, rel_unit = rel_offset, None
    if rel_unit == "M" and month is None and day is None:
        gran = "month"
    elif rel_unit == "D":
        gran = "day"
    elif rel_unit == "W":
        gran = "week"
    return rel_unit, rel_offset, direction, gran


def _point(
    g: Grammar, rule: Rule, m: re.Match[str], suffix: str = "", partial: bool = False
) -> Reading | None:
    fixed = rule.fixed
    try:
        year = _point_year(g, fixed, m, suffix)
        month, day = _point_month_day(g, m, suffix)
        stext = _group(m, "season" + suffix)
        season = g.lookup("seasons", stext) if stext is not None else fixed.get("season")
        if season is None and _group(m, "season_adv"):
            season = g.lookup("season_adverbs", _group(m, "season_adv"))  # šovasar
        mod, fuzzy = _point_vagueness(g, fixed, m, suffix, season)
        wtext = _group(m, "wd")
        weekday = int(g.lookup("weekdays", wtext) or 0) or None if wtext else None
        gran = _granularity(day, month, season, weekday)
        rel_unit, rel_offset, direction, gran = _point_relative(
            g, fixed, m, month, day, season, gran
        )
    except _NotADate:
        return None
    if year is None and rel_unit is None and weekday is None and month is None and season is None:
        if not (partial and day is not None):
            return None  # nothing placeable: a bare day or modifier
    if month is not None and day is not None:
        # without a year, check against a leap year (29 February may still be valid)
        if not valid_day(year if year is not None else 2000, month, day):
            return None
    if fixed.get("winter_pair") and season == "WI" and year is not None:
        year += 1  # "the winter of 1939–40" is the winter that ends in 1940
    return Reading(
        kind="point",
        granularity=gran,
        year=year,
        month=month,
        day=day,
        season=season,
        weekday=weekday,
        mod=mod,
        fuzzy=fuzzy,
        rel_unit=rel_unit,
        rel_offset=rel_offset,
        deictic=bool(fixed.get("deictic")),
        direction=direction,
        time_of_day=g.lookup("parts_of_day", _group(m, "tod")),
        two_digit_year=bool(fixed.get("two_digit_year")) and _group(m, "y" + suffix) is not None,
    )


def _range(g: Grammar, rule: Rule, m: re.Match[str]) -> Reading | None:
    left = _point(g, rule, m, partial=True)
    right = _point(g, rule, m, "2", partial=True)
    if left is None or right is None:
        return None
    y2text = _group(m, "y2")
    if left.year is not None and right.year is not None and y2text is not None:
        digits = y2text.strip()
        if digits.isdigit() and len(digits) <= 2 and left.year > 0:
            y2 = left.year // 100 * 100 + int(digits)
            if y2 <= left.year:
                return None  # "2010-05" is a month, not 2010-2105
            right = replace(right, year=y2)
    # inherit what one end leaves out from the other
    if right.year is None and right.rel_unit is None:
        right = replace(right, year=left.year, rel_unit=left.rel_unit, rel_offset=left.rel_offset)
    if left.year is None and left.rel_unit is None:
        left = replace(left, year=right.year, rel_unit=right.rel_unit, rel_offset=right.rel_offset)
    if left.day is not None and left.month is None and right.month is not None:
        left = replace(left, month=right.month, granularity="day")
    if right.day is not None and right.month is None and left.month is not None:
        right = replace(right, month=left.month, granularity="day")
    if left.day is None and right.day is not None and left.month is not None:
        pass
    for end in (left, right):
        if end.year is None and end.rel_unit is None and end.month is None:
            if end.season is None:
                return None
        if end.year is not None and end.month is not None and end.day is not None:
            if not valid_day(end.year, end.month, end.day):
                return None
    if left.year is not None and right.year is not None:
        if (right.year, right.month or 12, right.day or 31) <= (
            left.year,
            left.month or 1,
            left.day or 1,
        ):
            return None
    elif left.month is not None and right.month is not None:
        if (right.month, right.day or 31) < (left.month, left.day or 1):
            return None  # "from 3 May to 1 May" is not a range
    return replace(left, kind="range", end=right, fuzzy=left.fuzzy or right.fuzzy)


def _period(g: Grammar, rule: Rule, m: re.Match[str], size: int) -> Reading | None:
    """Centuries (size 100) and millennia (1000), optionally a range ``c``–``c2``."""
    bce = bool(_group(m, "bce") or rule.fixed.get("bce"))
    key = "c" if size == 100 else "k"
    mod, fuzzy = _mod(g, _group(m, "mod"))
    fuzzy = fuzzy or bool(_group(m, "approx"))
    gran = "century" if size == 100 else "millennium"

    def first_year(text: str | None) -> int | None:
        n = to_int(text, g)
        if n is None or not 1 <= n <= (30 if size == 100 else 10):
            return None
        return -(n * size) + 1 if bce else (n - 1) * size

    start = first_year(_group(m, key))
    if start is None:
        return None
    reading = Reading(kind="point", granularity=gran, year=start, mod=mod, fuzzy=fuzzy)
    if _group(m, key + "2") is not None:
        if _group(m, "ce2"):
            bce = False
        end_start = first_year(_group(m, key + "2"))
        mod2, fuzzy2 = _mod(g, _group(m, "mod2"))
        if end_start is None or end_start <= start:
            return None
        right = Reading(kind="point", granularity=gran, year=end_start, mod=mod2, fuzzy=fuzzy2)
        return replace(reading, kind="range", end=right, fuzzy=fuzzy or fuzzy2)
    return reading


def _decade_pair(g: Grammar, m: re.Match[str]) -> Reading | None:
    """Chinese 三四十年代: the 1930s and 1940s as one range."""
    first, second = to_int(m.group("dec_tens"), g), to_int(m.group("dec_tens2"), g)
    if first is None or second is None or second != first + 1:
        return None
    ctext = _group(m, "c")
    c = to_int(ctext, g) if ctext else 20
    if c is None or not 1 <= c <= 21:
        return None
    base = (c - 1) * 100
    mod, fuzzy = _mod(g, _group(m, "mod"))
    left = Reading(kind="point", granularity="decade", year=base + first * 10)
    right = Reading(kind="point", granularity="decade", year=base + second * 10, mod=mod)
    return replace(left, kind="range", end=right, fuzzy=fuzzy)


def _decade(g: Grammar, rule: Rule, m: re.Match[str]) -> Reading | None:
    if "dec_tens" in m.re.groupindex:
        return _decade_pair(g, m)
    dec_text = _group(m, "dec")
    word = g.lookup("decade_words", dec_text)
    n = int(word) if word is not None else to_int(dec_text, g)
    if n is None:
        return None
    ctext = _group(m, "c")
    if n >= 1000:
        if n % 10 or n > MAX_YEAR:
            return None
        start = n
        if n % 100 == 0 and n < 2000 and rule.fixed.get("hundreds_are_centuries"):
            # "the 1800s" is the century 1800-1899, not the decade 1800-1809
            mod, fuzzy = _mod(g, _group(m, "mod") or _group(m, "mod2"))
            return Reading(kind="point", granularity="century", year=n, mod=mod, fuzzy=fuzzy)
    elif n >= 100:
        start = n * 10
    else:
        if n % 10:
            return None
        c = to_int(ctext, g) if ctext else None
        if ctext and (c is None or not 1 <= c <= 21):
            return None
        start = (c - 1) * 100 + n if c else 1900 + n
    mod, fuzzy = _mod(g, _group(m, "mod") or _group(m, "mod2"))
    fuzzy = fuzzy or bool(_group(m, "approx"))
    return Reading(kind="point", granularity="decade", year=start, mod=mod, fuzzy=fuzzy)


DURATION_UNITS = {"Y": ("Y", 1), "M": ("M", 1), "W": ("W", 1), "D": ("D", 1)}
DURATION_UNITS.update(
    {"DE": ("Y", 10), "CE": ("Y", 100), "H": ("H", 1), "MIN": ("MI", 1), "S": ("SE", 1)}
)


def _duration(g: Grammar, rule: Rule, m: re.Match[str]) -> Reading | None:
    part_re = g.part_regex
    if part_re is None:
        raise ValueError("a duration rule in a grammar without a DURATION_PART macro")
    parts: dict[str, str] = {}
    fuzzy = bool(_group(m, "approx")) or bool(rule.fixed.get("fuzzy"))
    for pm in part_re.finditer(m.group(0)):
        unit = g.lookup("units", pm.group("unit"))
        if unit not in DURATION_UNITS:
            continue
        letter, factor = DURATION_UNITS[unit]
        ntext = pm.group("n")
        count: int | str
        if ntext is None:
            count = rule.fixed.get("n", "X")
            if isinstance(count, int):
                count *= factor
        elif g.lookup("vague", ntext) is not None:
            count = "X"
        else:
            value = to_int(ntext, g)
            if not value:
                return None  # no number, or zero
            count = value * factor
        if isinstance(count, str) and count == "X":
            fuzzy = True
            if unit in ("DE", "CE"):
                letter = unit  # "several decades": PXDE
        parts[letter] = str(count) if letter not in parts else parts[letter]
    if not parts:
        return None
    date_part = "".join(f"{parts[k]}{k}" for k in ("CE", "DE", "Y", "M", "W", "D") if k in parts)
    time_part = "".join(f"{parts[k]}{k[0]}" for k in ("H", "MI", "SE") if k in parts)
    iso = "P" + date_part + ("T" + time_part if time_part else "")
    return Reading(kind="duration", granularity="duration", value=iso, fuzzy=fuzzy)


def _offset(g: Grammar, rule: Rule, m: re.Match[str]) -> Reading | None:
    """``two years later``, ``pēc diviem gadiem``, ``兩年後``, ``three days ago``."""
    ntext = _group(m, "n")
    n = rule.fixed.get("n", 1) if ntext is None else to_int(ntext, g)
    if g.lookup("vague", ntext) is not None:
        return None
    unit = g.lookup("units", _group(m, "unit")) or rule.fixed.get("unit")
    direction = g.lookup("directions", _group(m, "dir")) or rule.fixed.get("dir")
    if n is None or unit not in ("Y", "M", "W", "D", "DE") or direction is None:
        return None
    if unit == "DE":
        unit, n = "Y", n * 10
    sign = 1 if direction == "later" else -1
    gran = {"Y": "year", "M": "month", "W": "day", "D": "day"}[unit]
    if unit == "W":
        unit, n = "D", n * 7
    return Reading(
        kind="point",
        granularity=gran,
        rel_unit=unit,
        rel_offset=sign * n,
        deictic=direction == "ago",
        fuzzy=bool(_group(m, "approx") or _group(m, "more")),
    )


def _deictic(g: Grammar, rule: Rule, m: re.Match[str]) -> Reading | None:
    code = g.lookup("deictic", _group(m, "dx")) or rule.fixed.get("dx")
    if code is None:
        return None
    if code.endswith("_REF"):
        return Reading(kind="ref", granularity="reference", value=code)
    unit, offset = code[0], int(code[1:])
    gran = {"Y": "year", "M": "month", "W": "week", "D": "day"}[unit]
    mod, fuzzy = _mod(g, _group(m, "mod"))
    return Reading(
        kind="point",
        granularity=gran,
        rel_unit=unit,
        rel_offset=offset,
        deictic=True,
        mod=mod,
        fuzzy=fuzzy,
    )


def two_digit_year(yy: int, near: int | None) -> int:
    """The year ``yy`` (0–99) stands for: the one of 19yy/20yy nearest ``near`` (the narrative
    year; the earlier on a tie), else by :data:`TWO_DIGIT_PIVOT`."""
    if near is None:
        return 2000 + yy if yy <= TWO_DIGIT_PIVOT else 1900 + yy
    return min((1900 + yy, 2000 + yy), key=lambda y: (abs(y - near), y))


def with_century(r: Reading, anchor: Anchor | None) -> Reading:
    """A reading whose two-digit year takes the century nearest the narrative ``anchor``."""
    if not r.two_digit_year or r.year is None or anchor is None:
        return r
    return replace(r, year=two_digit_year(r.year % 100, anchor.year))


def interpret(g: Grammar, rule: Rule, m: re.Match[str]) -> Reading | None:
    """The reading of one match, or ``None`` when the match is not a valid date."""
    kind = rule.kind
    if kind == "block":
        return Reading(kind="block")
    if kind == "date":
        return _point(g, rule, m)
    if kind == "range":
        return _range(g, rule, m)
    if kind == "century":
        return _period(g, rule, m, 100)
    if kind == "millennium":
        return _period(g, rule, m, 1000)
    if kind == "decade":
        return _decade(g, rule, m)
    if kind == "duration":
        return _duration(g, rule, m)
    if kind == "offset":
        return _offset(g, rule, m)
    if kind == "deictic":
        return _deictic(g, rule, m)
    if kind == "ref":
        value = str(rule.fixed["value"])
        granularity = "set" if not value.endswith("_REF") else "reference"
        return Reading(kind="ref", granularity=granularity, value=value)
    raise ValueError(kind)


# ---------------------------------------------------------------------------------------------
# reading + anchor → value and interval


def _value_and_span(r: Reading) -> tuple[str, DayInterval]:
    assert r.year is not None
    y = r.year
    yv = year_value(y)
    g = r.granularity
    if g == "day":
        assert r.month is not None and r.day is not None
        span = DayInterval((y, r.month, r.day), (y, r.month, r.day))
        value = f"{yv}-{r.month:02d}-{r.day:02d}"
        if r.time_of_day:
            value += f"T{r.time_of_day}"
    elif g == "week":
        span = DayInterval(
            (y, r.month or 1, r.day or 1), add_days((y, r.month or 1, r.day or 1), 6)
        )
        iso = _dt.date(y, r.month or 1, r.day or 1).isocalendar()
        value = f"{iso[0]:04d}-W{iso[1]:02d}"
    elif g == "month":
        assert r.month is not None
        span, value = month_span(y, r.month), f"{yv}-{r.month:02d}"
    elif g == "season":
        assert r.season is not None
        span, value = season_span(y, r.season), f"{yv}-{r.season}"
    elif g == "year":
        span, value = year_span(y, y), yv
    elif g in ("decade", "century", "millennium"):
        size = {"decade": 10, "century": 100, "millennium": 1000}[g]
        digits = {"decade": 1, "century": 2, "millennium": 3}[g]
        span = year_span(y, y + size - 1)
        value = (yv if y < 0 else f"{y:04d}")[:-digits]
    else:
        raise ValueError(g)
    if r.mod:
        span = modify(span, g, r.mod)
    return value, span


def _unresolved_value(r: Reading) -> str:
    if r.granularity == "day" and r.month and r.day:
        return f"XXXX-{r.month:02d}-{r.day:02d}"
    if r.granularity == "day" and r.weekday:
        return f"XXXX-WXX-{r.weekday}"
    if r.granularity == "month" and r.month:
        return f"XXXX-{r.month:02d}"
    if r.granularity == "season" and r.season:
        return f"XXXX-{r.season}"
    return {"week": "XXXX-WXX", "month": "XXXX-XX", "day": "XXXX-XX-XX"}.get(r.granularity, "XXXX")


def _place_by_tense(r: Reading, anchor: Anchor) -> Reading | None:
    """A bare month/day/season/weekday as the nearest such date before (``tense < 0``) or after
    (``tense > 0``) the reference date, the reference's own day/month included."""
    if r.weekday is not None:
        if anchor.month is None or anchor.day is None:
            return None
        ref = _dt.date(anchor.year, anchor.month, anchor.day)
        if r.tense > 0:
            d = ref + _dt.timedelta(days=(r.weekday - ref.isoweekday()) % 7)
        else:
            d = ref - _dt.timedelta(days=(ref.isoweekday() - r.weekday) % 7)
        return replace(r, year=d.year, month=d.month, day=d.day, granularity="day")
    first = r.month or {"SP": 3, "SU": 6, "FA": 9, "WI": 12}.get(r.season or "")
    if first is None or anchor.month is None:
        return None
    mine = (first, r.day or 0)
    ref_key = (anchor.month, anchor.day or 0 if r.day else 0)
    if r.tense < 0:
        year = anchor.year if mine <= ref_key else anchor.year - 1
    else:
        year = anchor.year if mine >= ref_key else anchor.year + 1
    if r.season == "WI" and r.month is None:
        year += 1  # winter of Y starts in December of Y-1
    return replace(r, year=year)


def _place(r: Reading, anchor: Anchor | None) -> Reading | None:
    """Fill the year (month, day) of a relative point from ``anchor``; ``None`` if impossible."""
    if r.year is not None and r.rel_unit is None:
        return r
    if anchor is None:
        return None
    if anchor.year_open and r.rel_offset == 0 and not r.direction:
        return None
    if r.tense and r.rel_unit is None:
        placed = _place_by_tense(r, anchor)
        if placed is not None:
            return placed
    if r.weekday is not None and anchor.day is not None:
        ref = _dt.date(anchor.year, anchor.month or 1, anchor.day)
        delta = (ref.isoweekday() - r.weekday) % 7
        if r.direction > 0 or r.rel_offset > 0:
            delta = -((r.weekday - ref.isoweekday()) % 7 or 7)
        elif r.direction < 0 or r.rel_offset < 0:
            delta = delta or 7
        on = ref - _dt.timedelta(days=delta)
        return replace(
            r, year=on.year, month=on.month, day=on.day, granularity="day", rel_unit=None
        )
    if r.weekday is not None:
        return None
    unit, k = r.rel_unit, r.rel_offset
    if unit is None or unit == "Y":
        year = anchor.year + k
        if r.direction and r.month is not None and anchor.month is not None:
            # last June / next June relative to the anchor month
            if r.direction < 0:
                year = anchor.year if r.month < anchor.month else anchor.year - 1
            else:
                year = anchor.year if r.month > anchor.month else anchor.year + 1
        elif r.direction and r.season is not None:
            year = anchor.year + (r.direction if r.direction else 0)
        if year == 0 and anchor.year > 0:
            return None
        return replace(r, year=year, rel_unit=None)
    if unit == "M":
        if anchor.month is None:
            return None
        y, mo = add_months(anchor.year, anchor.month, k)
        return replace(r, year=y, month=r.month or mo, rel_unit=None)
    if anchor.month is None or anchor.day is None:
        return None
    if unit == "W":
        start = add_days((anchor.year, anchor.month, anchor.day), 7 * k)
        d = _dt.date(*start)
        monday = d - _dt.timedelta(days=d.isoweekday() - 1)
        return replace(r, year=monday.year, month=monday.month, day=monday.day, rel_unit=None)
    y, mo, dd = add_days((anchor.year, anchor.month, anchor.day), k)
    return replace(r, year=y, month=mo, day=dd, rel_unit=None, granularity="day")


def _anchor_of(r: Reading) -> Anchor | None:
    if r.year is None or r.granularity not in POINT_GRANULARITIES:
        return None
    if r.granularity == "week":
        return Anchor(r.year, r.month, r.day)
    return Anchor(r.year, r.month, r.day if r.granularity == "day" else None)


def resolve(r: Reading, narrative: Anchor | None, reference: Anchor | None) -> Resolved:
    """Value and interval of a reading given the narrative anchor and the reference date."""
    if r.kind in ("duration", "ref"):
        assert r.value is not None
        return Resolved(r.value, None, r.granularity, r.fuzzy, False, None)
    needs = r.needs_anchor
    base = reference if ((r.deictic or r.tense) and reference is not None) else narrative
    if base is None and r.deictic:
        base = reference
    if r.kind == "range":
        assert r.end is not None
        left = _place(r, base)
        right = _place(r.end, base)
        if left is None or right is None:
            lv = _unresolved_value(r) if r.year is None else _value_and_span(r)[0]
            rv = _unresolved_value(r.end) if r.end.year is None else _value_and_span(r.end)[0]
            return Resolved(f"{lv}/{rv}", None, "range", r.fuzzy, False, None)
        lv, lspan = _value_and_span(left)
        rv, rspan = _value_and_span(right)
        if rspan.end < lspan.start:
            return Resolved(f"{lv}/{rv}", None, "range", r.fuzzy, needs, None)
        return Resolved(
            f"{lv}/{rv}",
            DayInterval(lspan.start, rspan.end),
            "range",
            r.fuzzy,
            needs,
            _anchor_of(right),
        )
    placed = _place(r, base)
    if placed is not None and placed.granularity == "day" and placed.year is not None:
        if (
            placed.month is None
            or placed.day is None
            # 29 February anchored to a common year
            or not valid_day(placed.year, placed.month, placed.day)
        ):
            placed = None
    if placed is None:
        return Resolved(_unresolved_value(r), None, r.granularity, r.fuzzy, False, None)
    value, span = _value_and_span(placed)
    return Resolved(value, span, placed.granularity, r.fuzzy, needs, _anchor_of(placed))


def reference_anchor(iso: str | None) -> Anchor | None:
    """An anchor from a ``YYYY-MM-DD`` (or ``YYYY-MM``/``YYYY``) reference date."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")[:3]]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else None
    day = parts[2] if len(parts) > 2 else None
    if month is not None and day is not None and day > days_in_month(year, month):
        raise ValueError(iso)
    return Anchor(year, month, day)
