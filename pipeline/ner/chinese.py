"""Traditional → Simplified Chinese for the NER models, keeping every character offset.

The Chinese models are trained on Simplified text. OpenCC's ``t2s`` conversion is character for
character for almost all text, but phrase rules can change the length of a run; when the
converted string's length differs, the text is converted one character at a time instead, and a
character whose own conversion is not a single character is kept unchanged. Either way the result
has exactly the input's length, so spans found in it index the original string.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _char_t2s(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


def to_simplified(text: str) -> str:
    """``text`` in Simplified script, same length, same offsets."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_char_t2s(c) for c in text)
