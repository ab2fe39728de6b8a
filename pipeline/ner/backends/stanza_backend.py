"""Stanza NER backend: runs Stanza ``tokenize,ner`` models that are already on disk.

``model`` is a Stanza resources directory (the layout ``stanza.download`` writes:
``<dir>/resources.json``, ``<dir>/<lang>/tokenize/...``, ``<dir>/<lang>/ner/...``). Nothing is ever
downloaded (``download_method=None``); a language without models in that directory raises
:class:`FileNotFoundError` naming what is missing. No Stanza NER model ships with the project
(Stanza has none for Latvian, and none install offline); Stanza's shipped job here is the Latvian
lemmatizer (:mod:`pipeline.ner.lemmatize`).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, ClassVar

from pipeline.ner.base import Span
from pipeline.ner.labels import TAG_MAP


class StanzaBackend:
    """One ``stanza.Pipeline`` per language, built on first use from ``model``."""

    name: ClassVar[str] = "stanza"

    def __init__(self, model: str) -> None:
        self.model_dir = Path(model)
        if not (self.model_dir / "resources.json").is_file():
            raise FileNotFoundError(
                f"no Stanza resources at {self.model_dir} (expected resources.json and "
                "<lang>/tokenize, <lang>/ner); Stanza models are never downloaded at run time"
            )
        self._pipelines: dict[str, Any] = {}  # stanza.Pipeline (stanza has no type information)
        self._lock = threading.Lock()

    def _pipeline(self, lang: str) -> Any:
        with self._lock:
            if lang not in self._pipelines:
                if not (self.model_dir / lang / "ner").is_dir():
                    raise FileNotFoundError(f"no Stanza NER model for {lang!r} in {self.model_dir}")
                import stanza

                self._pipelines[lang] = stanza.Pipeline(
                    lang,
                    dir=str(self.model_dir),
                    processors="tokenize,ner",
                    download_method=None,
                    use_gpu=False,
                    logging_level="WARN",
                )
            return self._pipelines[lang]

    def recognize(self, sentences: list[str], lang: str) -> list[list[Span]]:
        nlp = self._pipeline(lang)
        out: list[list[Span]] = []
        for text in sentences:
            spans = []
            for ent in nlp(text).ents:
                label = TAG_MAP.get(ent.type)
                if label is not None:
                    spans.append(Span(ent.start_char, ent.end_char, label))
            out.append(spans)
        return out
