"""spaCy architectures and callbacks of the project, in one explicit registry (``xlkb.*`` names).

A trained pipeline's ``config.cfg`` names the architecture it was built with; importing this module
registers them, so the spaCy backend imports it before ``spacy.load`` and ``training.spacy_ner``
passes it to ``spacy train --code``. Names carry a version: a changed feature set gets a new one,
so a shipped model always loads with the features it was trained on.

- ``xlkb.ChineseLexiconEmbed.v1``: the embedding layer of the character-level Chinese model. Each
  character token is embedded from hashed features — the character (NORM), its SHAPE, the bigrams
  it forms with its left and right neighbours, and the jieba word it lies in together with its
  position in that word (B/M/E/S) — plus the static character vectors. A character-only CNN has
  to rebuild word identity from its window; the bigram and word features give it directly
  (the "lattice" idea of Zhang & Yang 2018, as cheap hashed features).
- ``xlkb.LatvianLemmaEmbed.v1``: the embedding layer of the Latvian model: spaCy's
  NORM/PREFIX/SUFFIX/SHAPE plus each word's nominative from the Latvian name suffix rules, so the
  case forms of a name share a row; plus the static vectors. Both embeddings are built by
  :func:`feature_embed_architecture`.
- ``xlkb.numpy_blas.v1``: an ``[initialize] before_init`` callback that makes every thinc layer
  multiply with numpy's multi-threaded BLAS instead of BLIS (training speed on 2 cores).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy
from murmurhash import hash_unicode
from spacy.attrs import NORM, PREFIX, SHAPE, SUFFIX
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    NumpyOps,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)
from thinc.types import Ragged

from pipeline.ner.chinese import jieba_module

CHINESE_LEXICON_FEATURES: tuple[str, ...] = (
    "norm",
    "shape",
    "bigram_left",
    "bigram_right",
    "word_position",
    "position_length",
)
"""Columns of :func:`chinese_lexicon_features`, in order."""

_BOUNDARY = "\u2402"  # stands for the text edge in a bigram


def _hash(text: str) -> int:
    value: int = hash_unicode(text)
    return value & 0xFFFFFFFF


def word_positions(doc: Doc) -> list[tuple[str, str]]:
    """For each token of ``doc``: (the jieba word it starts in, its position B/M/E/S in it).

    jieba segments ``doc.text`` (HMM on, default dictionary; it covers every character, spaces
    included); a token that covers the whole word is ``S``, one at its start ``B``, at its end
    ``E``, inside ``M``.
    """
    words: list[tuple[str, int, int]] = list(jieba_module().tokenize(doc.text, HMM=True))
    out: list[tuple[str, str]] = []
    j = 0
    for token in doc:
        a, b = token.idx, token.idx + len(token.text)
        while j + 1 < len(words) and words[j + 1][1] <= a:
            j += 1
        word, start, end = words[j]
        at_start, at_end = a <= start, b >= end
        position = "S" if at_start and at_end else "B" if at_start else "E" if at_end else "M"
        out.append((word, position))
    return out


def chinese_lexicon_features(doc: Doc) -> numpy.ndarray:
    """``(len(doc), 6)`` uint64 feature ids, columns :data:`CHINESE_LEXICON_FEATURES`."""
    base = doc.to_array([NORM, SHAPE]).astype("uint64").reshape((len(doc), 2))
    norms = [t.norm_ for t in doc]
    padded = [_BOUNDARY, *norms, _BOUNDARY]
    lexicon = numpy.zeros((len(doc), 4), dtype="uint64")
    for i, (word, position) in enumerate(word_positions(doc)):
        lexicon[i, 0] = _hash(padded[i] + norms[i])
        lexicon[i, 1] = _hash(norms[i] + padded[i + 2])
        lexicon[i, 2] = _hash(f"{word}|{position}")
        lexicon[i, 3] = _hash(f"{position}{min(len(word), 4)}")
    return numpy.hstack([base, lexicon])


def FeatureColumns(
    name: str, featurize: Callable[[Doc], numpy.ndarray]
) -> Model[list[Doc], list[Any]]:
    """Docs → one ``(n_tokens, n_columns)`` uint64 array each from ``featurize`` (no gradient)."""

    def forward(
        model: Model[list[Doc], list[Any]], docs: list[Doc], is_train: bool
    ) -> tuple[list[Any], Callable[[list[Any]], list[Any]]]:
        features = [
            # thinc's Ints2d is a nominal stand-in for the numpy array it accepts at run time
            model.ops.asarray2i(featurize(doc), dtype="uint64")  # type: ignore[arg-type]
            for doc in docs
        ]
        return features, lambda d_features: []

    return Model(name, forward)


def hashed_feature_embed(
    name: str,
    features_name: str,
    featurize: Callable[[Doc], numpy.ndarray],
    columns: tuple[str, ...],
    width: int,
    rows: list[int],
    widths: list[int],
    include_static_vectors: bool,
) -> Model[list[Doc], list[Any]]:
    """Hash-embed each feature column (``rows[i]`` rows, ``widths[i]`` wide), concatenate them
    (and the static vectors mapped to ``width``) and mix them with one Maxout layer to ``width``."""
    if not len(rows) == len(widths) == len(columns):
        raise ValueError(
            f"{name} needs {len(columns)} rows and widths (one per feature {columns}); "
            f"got {len(rows)} and {len(widths)}"
        )
    from spacy.ml.staticvectors import StaticVectors

    embeddings: list[Model[Any, Any]] = [
        HashEmbed(widths[i], rows[i], column=i, seed=8 + i, dropout=0.0) for i in range(len(rows))
    ]
    hashed: Model[list[Doc], Ragged] = chain(
        FeatureColumns(features_name, featurize),
        list2ragged(),
        with_array(concatenate(*embeddings)),
    )
    concat_size = sum(widths) + (width if include_static_vectors else 0)
    embedded = (
        concatenate(hashed, StaticVectors(width, dropout=0.0)) if include_static_vectors else hashed
    )
    mix: Model[Ragged, Ragged] = with_array(
        Maxout(width, concat_size, nP=3, dropout=0.0, normalize=True)
    )
    return chain(embedded, mix, ragged2list())


def feature_embed_architecture(
    name: str,
    features_name: str,
    featurize: Callable[[Doc], numpy.ndarray],
    columns: tuple[str, ...],
) -> Callable[..., Model[list[Doc], list[Any]]]:
    """Register ``name`` as a spaCy architecture that embeds ``featurize``'s ``columns`` with
    :func:`hashed_feature_embed`; config arguments: ``width``, ``rows``, ``widths``,
    ``include_static_vectors``."""

    def build(
        width: int, rows: list[int], widths: list[int], include_static_vectors: bool
    ) -> Model[list[Doc], list[Any]]:
        return hashed_feature_embed(
            name, features_name, featurize, columns, width, rows, widths, include_static_vectors
        )

    build.__doc__ = f"The {columns} columns, hash-embedded and mixed to ``width``."
    registry.architectures(name, func=build)
    return build


ChineseLexiconEmbed = feature_embed_architecture(
    "xlkb.ChineseLexiconEmbed.v1",
    "chinese_lexicon_features",
    chinese_lexicon_features,
    CHINESE_LEXICON_FEATURES,
)


LATVIAN_LEMMA_FEATURES: tuple[str, ...] = ("norm", "prefix", "suffix", "shape", "lemma")
"""Columns of :func:`latvian_lemma_features`, in order."""


def latvian_lemma_features(doc: Doc) -> numpy.ndarray:
    """``(len(doc), 5)`` uint64 feature ids, columns :data:`LATVIAN_LEMMA_FEATURES`: spaCy's
    NORM/PREFIX/SUFFIX/SHAPE plus the lower-cased nominative from the Latvian name suffix rules
    (``pipeline/ner/lemmatize.py``), so ``Rīgā``/``Rīgas``/``Rīgu`` share a row."""
    from pipeline.ner.lemmatize import word_lemmatizer

    base = doc.to_array([NORM, PREFIX, SUFFIX, SHAPE]).astype("uint64").reshape((len(doc), 4))
    lemmas = word_lemmatizer("rules").lemmatize([t.text for t in doc])
    lemma = numpy.array([_hash(w.lower()) for w in lemmas], dtype="uint64").reshape((-1, 1))
    return numpy.hstack([base, lemma])


LatvianLemmaEmbed = feature_embed_architecture(
    "xlkb.LatvianLemmaEmbed.v1",
    "latvian_lemma_features",
    latvian_lemma_features,
    LATVIAN_LEMMA_FEATURES,
)


def use_numpy_blas(nlp: Any) -> Any:
    """Make every thinc layer of ``nlp`` multiply matrices with numpy (its multi-threaded BLAS)
    rather than BLIS. Only CPU (numpy) layers are touched; a GPU pipeline keeps its ops."""
    ops = NumpyOps(use_blis=False)
    for _name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None:
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps:
                layer.ops = ops
    return nlp


def numpy_blas_callback() -> Callable[[Any], Any]:
    """``[initialize.before_init]`` callback: :func:`use_numpy_blas` on the new pipeline."""
    return use_numpy_blas


registry.callbacks("xlkb.numpy_blas.v1", func=numpy_blas_callback)
