"""Per-text language identification, restricted to lv/en/zh plus an "other" outcome.

1. Script routing: count letters per script. Han (with no kana) → ``zh``, and Traditional vs
   Simplified is told apart with OpenCC (characters that change under t2s vs s2t). Armenian,
   Georgian, Hangul, kana, Greek, ... map to their own language code (see ``scripts.py``);
   Cyrillic is detected among Cyrillic-script languages (lingua's low-accuracy mode: they are all
   "other" here).
2. Latin script: lingua restricted to Latvian and English decides between the two (the most
   accurate choice on short texts, see ``benchmarks/langid_eval.py``). Texts of at least
   :data:`OTHER_MIN_LETTERS` letters are first checked against a wider set of Latin-script languages:
   when one of those wins with confidence ≥ :data:`OTHER_MIN_CONFIDENCE`, its code is the "other"
   outcome (so Azerbaijani or German text is not forced into lv/en). lingua is deterministic.
Texts with too few letters to tell return ``und`` so the caller can inherit a neighbour's language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from pipeline.lang.defaults import languages_written_in
from pipeline.lang.script import converter
from pipeline.langid.scripts import SCRIPT_LANGUAGE, char_script

if TYPE_CHECKING:
    from lingua import LanguageDetector

MIN_LETTERS = 3
"""Below this many letters a text is ``und``."""
OTHER_LATIN = (
    "de", "fr", "es", "it", "pt", "nl", "pl", "lt", "et", "fi", "sv", "da", "tr", "az", "cs", "ro",
    "hu", "id",
)  # fmt: skip
"""Latin-script languages lingua may answer besides lv/en (they all mean "other")."""
OTHER_MIN_LETTERS = 40
"""Shorter Latin texts are only ever lv or en (too little evidence for a third language)."""
OTHER_MIN_CONFIDENCE = 0.8
"""lingua confidence a non-lv/en language needs to win."""
WINDOW_CHARS = 3000
"""Size of the windows :func:`detect_languages` checks for a third Latin-script language."""
CYRILLIC = ("ru", "uk", "bg", "sr", "mk", "be", "kk", "mn")
"""Cyrillic-script languages lingua chooses among."""
LATIN = languages_written_in("Latn")
"""The supported Latin-script languages (``script: Latn`` in ``pipeline/lang/<code>/language.yaml``:
lv, en), which lingua decides between."""
HAN = languages_written_in("Hani")[0]
"""The supported language Han text (without kana) is routed to (zh)."""


@dataclass(frozen=True)
class LanguageGuess:
    """What a text is written in."""

    lang: str
    """ISO 639-1 code, or ``und`` when there is too little text to tell."""
    script: str | None
    """ISO 15924 script code (``Latn``, ``Hans``, ``Hant``, ``Armn`` ...), ``None`` without letters."""
    confidence: float = 1.0
    """Detector confidence in [0, 1] (script-routed answers are 1.0)."""


@cache
def _lingua(codes: tuple[str, ...], low_accuracy: bool = False) -> LanguageDetector:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    isos = [getattr(IsoCode639_1, c.upper()) for c in codes]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*isos)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def han_variant(text: str) -> str:
    """``Hant`` or ``Hans``: which of the two conversions leaves the Han characters unchanged more."""
    han = "".join(ch for ch in text if char_script(ch) == "Hani")
    if not han:
        return "Hans"
    to_simplified = converter("t2s").convert(han)
    to_traditional = converter("s2t").convert(han)
    traditional_only = sum(a != b for a, b in zip(han, to_simplified, strict=False))
    simplified_only = sum(a != b for a, b in zip(han, to_traditional, strict=False))
    return "Hant" if traditional_only > simplified_only else "Hans"


def script_counts(text: str) -> Counter[str]:
    """Letters per script in ``text``."""
    counts: Counter[str] = Counter()
    for ch in text:
        script = char_script(ch)
        if script:
            counts[script] += 1
    return counts


def dominant_script(text: str) -> tuple[str | None, int]:
    """The script with the most letters (a Han character weighs 3 Latin letters: about the information in a word of 5-6 letters over 1.5-2 characters) and
    the number of letters."""
    counts = script_counts(text)
    if not counts:
        return None, 0
    weighted = {
        s: n * (3 if s in ("Hani", "Hira", "Kana", "Hang") else 1) for s, n in counts.items()
    }
    script = max(sorted(weighted), key=lambda s: weighted[s])
    return script, sum(counts.values())


def _latin(text: str, letters: int) -> tuple[str, float]:
    if letters >= OTHER_MIN_LETTERS:
        confidences = _lingua((*LATIN, *OTHER_LATIN)).compute_language_confidence_values(text)
        if confidences:
            top = confidences[0]
            code = top.language.iso_code_639_1.name.lower()
            if code not in LATIN and top.value >= OTHER_MIN_CONFIDENCE:
                return code, top.value
    confidences = _lingua(LATIN).compute_language_confidence_values(text)
    if not confidences or confidences[0].value == 0:
        return "und", 0.0
    return confidences[0].language.iso_code_639_1.name.lower(), confidences[0].value


def detect_languages(texts: list[str]) -> list[LanguageGuess]:
    """:func:`detect_language` for the segments of one document, batched (lingua's parallel API).

    Every Latin-script segment is scored lv vs en. The wide "other language" check runs on windows
    of consecutive Latin-script segments of about :data:`WINDOW_CHARS` characters (lingua's
    low-accuracy mode is reliable on texts that long); only the segments of a window that is not
    lv/en are re-checked one by one, exactly as :func:`detect_language` would.
    """
    guesses = [_by_script(t) for t in texts]
    latin = [i for i, g in enumerate(guesses) if g.script == "Latn" and g.lang == ""]
    scores = _lingua(LATIN).compute_language_confidence_values_in_parallel(
        [texts[i] for i in latin]
    )
    for i, conf in zip(latin, scores, strict=True):
        if conf and conf[0].value > 0:
            guesses[i] = LanguageGuess(
                conf[0].language.iso_code_639_1.name.lower(), "Latn", conf[0].value
            )
        else:
            guesses[i] = LanguageGuess("und", "Latn", 0.0)
    windows: list[list[int]] = [[]]
    size = 0
    for i in latin:
        windows[-1].append(i)
        size += len(texts[i])
        if size >= WINDOW_CHARS:
            windows.append([])
            size = 0
    windows = [w for w in windows if w]
    joined = [" ".join(texts[i] for i in w) for w in windows]
    wide = _lingua((*LATIN, *OTHER_LATIN), low_accuracy=True).detect_languages_in_parallel_of(
        joined
    )
    for window, text, found in zip(windows, joined, wide, strict=True):
        if sum(c.isalpha() for c in text) < OTHER_MIN_LETTERS:
            continue
        if found is not None and found.iso_code_639_1.name.lower() not in LATIN:
            for i in window:
                guesses[i] = detect_language(texts[i])
    return guesses


def _by_script(text: str) -> LanguageGuess:
    """The answer script routing alone gives; Latin script is left with ``lang == ""``."""
    script, letters = dominant_script(text)
    if script is None or letters < MIN_LETTERS and script != "Hani":
        return LanguageGuess("und", script)
    if script == "Hani":
        counts = script_counts(text)
        if counts["Hira"] + counts["Kana"]:
            return LanguageGuess("ja", "Jpan")
        return LanguageGuess(HAN, han_variant(text))
    if script in SCRIPT_LANGUAGE:
        return LanguageGuess(SCRIPT_LANGUAGE[script], script)
    if script == "Cyrl":
        # Low-accuracy mode (trigram models): every Cyrillic language is an "other" outcome, and
        # loading the high-accuracy models was most of a cold run's langid step (ops_bench).
        result = _lingua(CYRILLIC, low_accuracy=True).detect_language_of(text)
        return LanguageGuess(result.iso_code_639_1.name.lower() if result else "und", script)
    if script == "Latn":
        return LanguageGuess("", script)
    return LanguageGuess("und", script)


def detect_language(text: str) -> LanguageGuess:
    """Language and script of ``text`` (deterministic)."""
    guess = _by_script(text)
    if guess.lang:
        return guess
    lang, confidence = _latin(text, sum(c.isalpha() for c in text))
    return LanguageGuess(lang, "Latn", confidence)
