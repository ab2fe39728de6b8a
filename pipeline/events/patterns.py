"""The phrase syntax of the event lexicons (``event_triggers.tsv``, ``event_modality.tsv``):
``lv``/``en`` whole words, case-insensitive, a ``*`` matching any ending (also before
punctuation written with the word: ``paziņoj*,``), several words following each other, a ``|``
between alternatives for one word (``told|addressed the assembly|council``); ``zh``
substrings."""

from __future__ import annotations

import re

from pipeline.lang.defaults import defaults


def phrase_word(word: str, lang: str) -> str:
    """The pattern of one word (a ``*`` matches any ending; ``a|b``: either word)."""
    if not defaults(lang).spaced:  # matched character by character, no word boundaries
        return re.escape(word)
    if "|" in word:
        return "(?:" + "|".join(phrase_word(w, lang) for w in word.split("|")) + ")"
    # ``*`` matches any ending, also before punctuation written with the word (``paziņoj*,``)
    return r"\w*".join(re.escape(part) for part in word.split("*"))


def phrase_pattern(text: str, lang: str) -> re.Pattern[str]:
    """The pattern of a phrase: its words in order, whole words where it starts and ends with one."""
    if not defaults(lang).spaced:
        return re.compile(re.escape(text))
    words = text.split()
    parts = [phrase_word(w, lang) for w in words]
    # Word boundaries where the phrase starts or ends with a word (``, paziņoj*`` starts with
    # its comma, right after the word before it).
    before = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    after = r"(?!\w)" if re.search(r"[\w*]$", words[-1]) else ""
    return re.compile(before + r"\s+".join(parts) + after, re.IGNORECASE)


def word_alternatives(words: list[str], lang: str) -> re.Pattern[str] | None:
    """One pattern matching any of ``words`` (``_`` joins the words of a phrase); none for none."""
    if not words:
        return None
    alts = "|".join(r"\s+".join(phrase_word(p, lang) for p in w.split("_")) for w in words)
    if not defaults(lang).spaced:
        return re.compile(f"(?:{alts})")
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)
