"""Script conversion (OpenCC): the one place converters are built.

Two conversions exist because two jobs need them, not by accident:

- :func:`convert` applies a chain of OpenCC configurations to a text; the length may change
  (Taiwan vocabulary, ``亞塞拜然`` → ``阿塞拜疆``). Names are compared after it
  (``LanguageDefaults.name_script``).
- :func:`same_length` converts character for character so that every offset stays valid: the NER
  models read converted text and their spans index the original (``LanguageDefaults.model_script``).

Each configuration's converter is built once per process (:func:`converter`).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import opencc


@cache
def converter(config: str) -> opencc.OpenCC:
    """The process-wide OpenCC converter for ``config`` (``t2s``, ``tw2sp``, ``s2t`` ...)."""
    import opencc

    return opencc.OpenCC(config)


def convert(text: str, configs: tuple[str, ...]) -> str:
    """``text`` through each OpenCC configuration of ``configs`` in turn (none: unchanged)."""
    for config in configs:
        text = converter(config).convert(text)
    return text


@lru_cache(maxsize=65536)
def _one_char(char: str, config: str) -> str:
    converted: str = converter(config).convert(char)
    return converted if len(converted) == 1 else char


def same_length(text: str, config: str | None) -> str:
    """``text`` converted with ``config``, same length, same offsets (``None``: unchanged).

    OpenCC's character tables are one to one for almost all text, but phrase rules can change the
    length of a run; when the converted string's length differs, the text is converted one
    character at a time instead, and a character whose own conversion is not a single character
    is kept unchanged."""
    if config is None:
        return text
    converted: str = converter(config).convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_one_char(c, config) for c in text)
