"""spaCy NER backend: loads a pipeline by installed package name or by path.

The pipeline's layers compute their matrix products with numpy's BLAS (multi-threaded) instead of
thinc's default single-threaded BLIS kernels: on this project's 2-core CPUs that makes the
CNN tok2vec of the fast zh/lv models about 1.3–1.8x faster, with the same entities
(``docs/benchmarks.md``, *NER speed — fast profile*; ``blas`` argument, default on).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, ClassVar

from pipeline.ner.base import Span
from pipeline.ner.labels import TAG_MAP
from pipeline.settings import PROJECT_ROOT

# Components a NER run never needs; excluded at load time for speed and memory.
_UNNEEDED = (
    "parser",
    "tagger",
    "morphologizer",
    "lemmatizer",
    "trainable_lemmatizer",
    "attribute_ruler",
    "senter",
    "textcat",
)


def unused_embedders(nlp: Any) -> list[str]:
    """Shared ``tok2vec``/``transformer`` components that no remaining component listens to.

    ``en_core_web_sm``'s shared tok2vec feeds only its tagger and parser; its NER embeds its own.
    With those excluded the shared one would run on every text for nothing (about half the CPU
    time of a NER-only pass).
    """
    unused = []
    for name in nlp.pipe_names:
        pipe = nlp.get_pipe(name)
        listeners = getattr(pipe, "listening_components", None)
        if listeners is not None and not set(listeners) & set(nlp.pipe_names):
            unused.append(name)
    return unused


def sha1_of(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def check_feature_data(model: str) -> None:
    """Refuse a pipeline (by path) whose ``meta.json`` records feature data files
    (``xlkb_feature_data``: repo-relative path → SHA-1, written by ``training.spacy_ner``) that
    differ from the project's current ones: its features would no longer be the trained ones."""
    meta_path = Path(model) / "meta.json"
    if not meta_path.is_file():
        return
    recorded = json.loads(meta_path.read_text(encoding="utf-8")).get("xlkb_feature_data", {})
    for relative, sha1 in recorded.items():
        path = PROJECT_ROOT / relative
        if not path.is_file() or sha1_of(path) != sha1:
            raise ValueError(
                f"spaCy model {model}: its features were trained on {relative} with SHA-1 "
                f"{sha1}, but that file is now {'missing' if not path.is_file() else 'changed'}; "
                "retrain the model (training/models.mk) or restore the file"
            )


class SpacyBackend:
    """Runs ``nlp.pipe`` over the sentences and maps ``doc.ents`` to project labels."""

    name: ClassVar[str] = "spacy"

    def __init__(self, model: str, batch_size: int = 256, blas: bool = True) -> None:
        import spacy

        # registers the project's xlkb.* architectures a shipped config may name
        from pipeline.ner.backends.spacy_architectures import use_numpy_blas

        self.model = model
        check_feature_data(model)
        self.nlp = spacy.load(model, exclude=list(_UNNEEDED))
        self.batch_size = batch_size
        for name in unused_embedders(self.nlp):
            self.nlp.disable_pipe(name)
        if blas:
            use_numpy_blas(self.nlp)

    def recognize(self, sentences: list[str], lang: str) -> list[list[Span]]:
        out: list[list[Span]] = []
        for doc in self.nlp.pipe(sentences, batch_size=self.batch_size):
            spans = []
            for ent in doc.ents:
                label = TAG_MAP.get(ent.label_, None)
                if label is not None:
                    spans.append(Span(ent.start_char, ent.end_char, label))
            out.append(spans)
        return out
