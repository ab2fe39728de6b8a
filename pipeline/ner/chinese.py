"""Traditional → Simplified Chinese for the NER models, keeping every character offset.

The Chinese models are trained on Simplified text; their input goes through the language's
``model_script`` conversion (``pipeline/lang/zh/language.yaml``: ``t2s``), character for character
(:func:`pipeline.lang.script.same_length`), so spans found in it index the original string.
"""

from __future__ import annotations

from pipeline.lang.defaults import defaults


def to_simplified(text: str) -> str:
    """``text`` in Simplified script, same length, same offsets."""
    return defaults("zh").to_model_script(text)
