"""A language's word forms and their lemmas, from its lemmatizer model's dictionary.

The language's ``word_lexicon`` (``language.yaml``: a lemmatizer model under the models folder,
Latvian ``lemma-lv-stanza``) is read once and its form → lemma dictionary compiled into the index
cache (:mod:`pipeline.compiled`); a language without one has an empty dictionary. Used by
:mod:`pipeline.ner.lexicon` (which capitalized words are common words) and
:mod:`pipeline.ner.lemmatize` (the lemma of a name's common-noun head).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from pipeline.compiled import compiled
from pipeline.lang.defaults import defaults
from pipeline.settings import default_models_dir


def _stanza_forms(model: Path) -> dict[str, str]:
    """Word form → lemma of a Stanza lemmatizer's dictionary (every part of speech)."""
    import torch
    from stanza.models.lemma.trainer import _unpack_pos_dict

    checkpoint = torch.load(str(model), map_location="cpu", weights_only=True)
    return dict(_unpack_pos_dict(checkpoint["dicts"])["*"])


@cache
def word_lemmas(lang: str) -> Mapping[str, str]:
    """Word form → lemma of ``lang``'s ``word_lexicon``; empty without one (or its file)."""
    name = defaults(lang).word_lexicon
    if not name:
        return {}
    model = default_models_dir() / name
    if not model.is_file():
        raise FileNotFoundError(f"{model}: the word lexicon of {lang} (language.yaml) is missing")
    return compiled(f"word-lexicon-{lang}", [model, Path(__file__)], lambda: _stanza_forms(model))
