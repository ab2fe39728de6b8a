"""Shared scoring for the date benchmarks: one-to-one span matching (strict = same span,
relaxed = overlapping span, the TempEval-3 definitions) and precision/recall/F1."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    value: str = ""
    interval: tuple[str, str] | None = None
    text: str = ""


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    interval: int = 0

    def add(self, other: Score) -> None:
        for f in ("gold", "system", "strict", "relaxed", "value", "interval"):
            setattr(self, f, getattr(self, f) + getattr(other, f))

    @staticmethod
    def prf(hit: int, gold: int, system: int) -> tuple[float, float, float]:
        p = hit / system if system else 0.0
        r = hit / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def strict_prf(self) -> tuple[float, float, float]:
        return self.prf(self.strict, self.gold, self.system)

    def relaxed_prf(self) -> tuple[float, float, float]:
        return self.prf(self.relaxed, self.gold, self.system)

    def value_accuracy(self) -> float:
        return self.value / self.relaxed if self.relaxed else 0.0

    def interval_accuracy(self) -> float:
        return self.interval / self.relaxed if self.relaxed else 0.0

    def value_prf(self) -> tuple[float, float, float]:
        """TempEval-3 attribute score: accuracy on relaxed matches times relaxed P, R, F1."""
        acc = self.value_accuracy()
        p, r, f = self.relaxed_prf()
        return acc * p, acc * r, acc * f


def match(gold: list[Span], system: list[Span]) -> tuple[Score, list[tuple[Span, Span | None]]]:
    """Pair each gold span with at most one overlapping system span (exact spans first)."""
    score = Score(gold=len(gold), system=len(system))
    used: set[int] = set()
    pairs: list[tuple[Span, Span | None]] = []
    for g in gold:
        best = None
        for i, s in enumerate(system):
            if i in used or s.end <= g.start or s.start >= g.end:
                continue
            if best is None or (s.start, s.end) == (g.start, g.end):
                best = i
        if best is None:
            pairs.append((g, None))
            continue
        used.add(best)
        s = system[best]
        pairs.append((g, s))
        score.relaxed += 1
        score.strict += (s.start, s.end) == (g.start, g.end)
        score.value += s.value == g.value
        score.interval += s.interval == g.interval
    return score, pairs


def pct(x: float) -> str:
    return f"{100 * x:.1f}"
