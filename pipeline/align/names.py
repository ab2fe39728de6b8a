"""The per-document part of cross-lingual linking: the ``names`` document stage.

For every distinct name of a document (language + normalized key) it records what the corpus
step compares (:class:`pipeline.records.NameFeatures`): language-neutral *pivot keys* (the name's
own Latin spelling, and English glosses and identifiers from the name lexicon,
:mod:`pipeline.align.lexicon`), knowledge identifiers (:mod:`pipeline.align.knowledge`), and the
learned name scorer's vector (:mod:`pipeline.align.name_scorer`). The stage runs once per
document and is cached with it; adding a file computes the features of that file only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from functools import cache

import numpy as np

from pipeline.align import knowledge, lexicon
from pipeline.align.normalize import base_form, is_han, unquote
from pipeline.compiled import files_digest
from pipeline.lang import read_lines
from pipeline.lang.defaults import defaults
from pipeline.records import AnalyzedDocument, Mention, NameFeatures
from pipeline.stages.base import DocumentStage
from pipeline.stages.registry import register_document_stage

KNOWLEDGE_SOURCES = ("cldr", "geonames", "alias")
_LOCATION_LABELS = {"LOC", "GPE", "FAC"}


def coarse_label(label: str) -> str:
    """PER, LOC (incl. GPE/FAC), ORG, or the label itself."""
    return "LOC" if label in _LOCATION_LABELS else label


def pivot_keys(display: str, surface: str, lang: str, label: str) -> dict[str, str]:
    """Language-neutral keys of a name → the source that gave each.

    A Latin-script name is itself in every Latin-script language (``Google``, ``MSNBC``, Latvian
    ``Oklahoma`` from ``Oklahomā``): its English key. The lexicon adds whole-name glosses
    (``黑海`` → ``en:black sea``), identifiers (``id:cldr:US``) and compositional translations of
    two words or more. GeoNames glosses count only for what the tagger calls a place (many of its
    alternate names are also words or brands). A Chinese organization that CC-CEDICT lists only
    as a common word is an institution named by its function (``最高法院`` → ``supreme court``):
    that gloss is its key."""
    keys: dict[str, str] = {}
    display, surface = unquote(display) or display, unquote(surface) or surface
    if not is_han(display):
        own = lexicon.english_key(display)
        if sum(c.isalpha() for c in own) >= 2:
            keys["en:" + own] = "spelling"
    lemma = display if defaults(lang).inflected else None
    found = lexicon.glosses(surface if lemma else display, lang, lemma)
    for gloss in sorted(found, key=lambda g: (g.key, g.source)):  # a set: fix the order
        if gloss.source == "self":
            continue  # the spelling key above
        if gloss.source == "geonames" and label != "LOC":
            continue
        if label == "PER" and ":" in gloss.key:
            continue  # a person is not the place or language an identifier names
        if not gloss.whole and len(gloss.key.split()) < 2:
            continue  # one translated word is too little to identify a name
        keys.setdefault(("id:" if ":" in gloss.key else "en:") + gloss.key, gloss.source)
    if label == "ORG" and not any(k.startswith("en:") for k in keys):
        for key in lexicon.institution_glosses(display):
            keys.setdefault("en:" + key, "cedict")
    for key, source in list(keys.items()):
        words = key.split(" ")
        if key.startswith("en:") and len(words) > 1 and words[-1] in organization_designators():
            keys.setdefault(" ".join(words[:-1]), source)  # Microsoft Corporation → microsoft
    return keys


@cache
def organization_designators() -> frozenset[str]:
    """Legal-form words that may end a company name (``pipeline/lang/en/``)."""
    return frozenset(read_lines("en", "organization_designators.txt"))


def knowledge_ids(
    key: str, lang: str, label: str, sources: tuple[str, ...] = KNOWLEDGE_SOURCES
) -> dict[str, str]:
    """Knowledge identifiers of a name key from ``sources``; GeoNames ids only for places
    (``Google`` is an alternate name of Topeka)."""
    ids = knowledge.knowledge_ids(key, lang, sources)
    if label != "LOC":
        ids = {i: s for i, s in ids.items() if s != "geonames"}
    return ids


def encode_names(displays: list[str], langs: list[str]) -> np.ndarray:
    """The learned scorer's vectors (float32, L2-normalized) of names. A name a Chinese text
    writes in Latin script (``Patricia Schroeder``) is scored as the English name it is: the
    scorer reads Chinese names through their pinyin."""
    from pipeline.align.name_scorer import default_scorer

    if not displays:
        return np.zeros((0, 0), dtype=np.float32)
    langs = [
        "en" if defaults(lang).name_script and not is_han(display) else lang
        for display, lang in zip(displays, langs, strict=True)
    ]
    return default_scorer().encode(displays, langs)


def vector_bytes(vector: np.ndarray) -> bytes:
    return vector.astype(np.float16).tobytes()


def vector_of(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype=np.float16).astype(np.float32)


def document_names(doc: AnalyzedDocument, key_of: Callable[[Mention], str]) -> list[NameFeatures]:
    """Features of every distinct (language, key) among ``doc``'s mentions; ``key_of(mention)``
    gives a mention's key."""
    by_name: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in doc.mentions:
        by_name[(m.lang, key_of(m))].append(m)
    out: list[NameFeatures] = []
    for (lang, key), mentions in sorted(by_name.items()):
        bases = Counter(base_form(m.text, m.lang, m.lemma) for m in mentions)
        labels = Counter(coarse_label(m.label) for m in mentions)
        surfaces = Counter(m.text for m in mentions)
        display = sorted(bases.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        label = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        surface = sorted(surfaces.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        out.append(
            NameFeatures(
                lang=lang,
                key=key,
                display=display,
                label=label,
                pivots=pivot_keys(display, surface, lang, label),
                ids=knowledge_ids(key, lang, label),
            )
        )
    vectors = encode_names([n.display for n in out], [n.lang for n in out])
    for n, v in zip(out, vectors, strict=True):
        n.vector = vector_bytes(v)
    return out


@cache
def features_digest() -> str:
    """Digest of what the features come from outside this package (whose code and language data
    the document cache key already covers): the lexicon's sources and the scorer model."""
    from pipeline.align.name_scorer import default_model_dir

    return files_digest(sorted(default_model_dir().glob("*")), lexicon.source_digest())[:16]


@register_document_stage
class NamesStage(DocumentStage):
    """Pivot keys, knowledge ids and scorer vectors of each distinct name of a document."""

    name = "names"
    version = "1"
    provides = ("names",)
    requires = ("mentions",)

    def cache_token(self) -> str:
        return features_digest()

    def process(self, doc: AnalyzedDocument) -> None:
        from pipeline.align.config import AlignConfig, group_key

        config = AlignConfig()
        doc.names = document_names(doc, lambda m: group_key(m, config))
