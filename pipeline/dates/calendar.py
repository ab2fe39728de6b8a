"""Proleptic Gregorian calendar arithmetic on astronomical years, TIMEX3 values and intervals.

Python's :mod:`datetime` stops at year 1, so intervals are computed here on plain ``(year, month,
day)`` tuples with astronomical years (1 BCE = year 0, 400 BCE = year -399).

Interval rules (also in ``docs/dates.md``):

* ``day`` → that day; ``month`` → first to last day; ``year`` → 1 Jan to 31 Dec.
* ``season`` (meteorological, northern hemisphere, always ``fuzzy``): spring = March–May,
  summer = June–August, autumn = September–November, winter of year *Y* = 1 December *Y−1* to the
  end of February *Y* (the winter whose larger part lies in *Y*).
* ``decade`` ``199`` → 1990–1999. ``century`` value ``19`` (the 20th century) → 1900–1999, so the
  value and the interval agree; the *N*-th century BCE → years *N*·100 BCE … (*N*−1)·100+1 BCE
  (4th century BCE → ``-0399-01-01`` … ``-0300-12-31``). ``millennium`` alike with 1000 years.
* Modifiers split the period into sub-units (months of a year, years of a decade/century/millennium,
  days of a month): *early* = the first ⌊n/3⌋ units, *late* = the last ⌊n/3⌋, *mid* = the rest
  (early 1990s = 1990–1992, mid = 1993–1996, late = 1997–1999; early 1994 = January–April). For a
  month the Chinese 上旬/中旬/下旬 convention is used: days 1–10, 11–20, 21–end. *first half* /
  *second half* split the units in two (ceil / floor). All modified values are ``fuzzy`` except
  halves.
"""

from __future__ import annotations

from dataclasses import dataclass

Day = tuple[int, int, int]

SEASON_CODES = ("SP", "SU", "FA", "WI")

UNIT_GRANULARITY = {"Y": "year", "M": "month", "D": "day"}


def is_leap(year: int) -> bool:
    """Proleptic Gregorian leap year rule (valid for astronomical years too)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= days_in_month(year, month)


def iso_day(day: Day) -> str:
    """``YYYY-MM-DD``, with a sign and four digits before 1 CE (``-0399-01-01``)."""
    y, m, d = day
    if y < 0:
        return f"-{-y:04d}-{m:02d}-{d:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def year_value(year: int) -> str:
    """TIMEX3 year: ``1994``; BCE years with the ``BC`` prefix and their historical number."""
    if year <= 0:
        return f"BC{1 - year:04d}"
    return f"{year:04d}"


def add_days(day: Day, n: int) -> Day:
    """Shift a day by ``n`` days (small ``n``; walks month by month)."""
    y, m, d = day
    d += n
    while d < 1:
        m -= 1
        if m < 1:
            y, m = y - 1, 12
        d += days_in_month(y, m)
    while d > days_in_month(y, m):
        d -= days_in_month(y, m)
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return (y, m, d)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


@dataclass(frozen=True)
class DayInterval:
    """A closed day interval."""

    start: Day
    end: Day

    def iso(self) -> tuple[str, str]:
        return iso_day(self.start), iso_day(self.end)


def year_span(first: int, last: int) -> DayInterval:
    return DayInterval((first, 1, 1), (last, 12, 31))


def month_span(year: int, month: int) -> DayInterval:
    return DayInterval((year, month, 1), (year, month, days_in_month(year, month)))


def season_span(year: int, season: str) -> DayInterval:
    if season == "WI":
        return DayInterval((year - 1, 12, 1), (year, 2, days_in_month(year, 2)))
    first = {"SP": 3, "SU": 6, "FA": 9}[season]
    return DayInterval((year, first, 1), (year, first + 2, days_in_month(year, first + 2)))


def _third_bounds(n: int, part: str) -> tuple[int, int]:
    """0-based inclusive unit bounds of ``part`` of ``n`` units."""
    k = n // 3
    if part == "early":
        return 0, k - 1
    if part == "late":
        return n - k, n - 1
    if part == "mid":
        return k, n - k - 1
    half = (n + 1) // 2
    if part == "first_half":
        return 0, half - 1
    if part == "second_half":
        return half, n - 1
    raise ValueError(part)


MODIFIERS = ("early", "mid", "late", "first_half", "second_half")


def modify(span: DayInterval, granularity: str, part: str) -> DayInterval:
    """Sub-interval ``part`` (early/mid/late/first_half/second_half) of a period."""
    if granularity == "day":
        return span
    if granularity in ("month",):
        y, m, _ = span.start
        last = days_in_month(y, m)
        if part in ("early", "mid", "late"):
            lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[part]
        else:
            lo, hi = _third_bounds(last, part)
            lo, hi = lo + 1, hi + 1
        return DayInterval((y, m, lo), (y, m, hi))
    if granularity in ("year", "season"):
        # months of the period, counted from its first month
        sy, sm, _ = span.start
        ey, em, _ = span.end
        n = (ey * 12 + em) - (sy * 12 + sm) + 1
        lo, hi = _third_bounds(n, part)
        y1, m1 = add_months(sy, sm, lo)
        y2, m2 = add_months(sy, sm, hi)
        return DayInterval((y1, m1, 1), (y2, m2, days_in_month(y2, m2)))
    # decade, century, millennium, range of years: split in years
    first, last = span.start[0], span.end[0]
    lo, hi = _third_bounds(last - first + 1, part)
    return year_span(first + lo, first + hi)
