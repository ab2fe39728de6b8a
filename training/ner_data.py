"""Readers for the public NER datasets in ``/work/shared/data/ner`` (never committed).

Every reader returns :class:`LabeledSentence` objects: the sentence text, its gold tokens as
character offsets, and gold entity spans (character offsets, project labels PER/LOC/ORG after
:mod:`pipeline.ner.labels`). Training scripts turn them into spaCy ``DocBin`` files; benchmarks
score a backend's character spans against them.

The Latvian FullStack data is split by DOCUMENT, stratified by file-name prefix (the genre letter
``c``/``d``/``n``/``p``/``s``/``z``). Each FullStack file is one PARAGRAPH (``p123-p4.conll2003``
is paragraph 4 of document ``p123``), so files are grouped into their documents first (2,103
documents): inside each prefix, documents are ordered by the SHA-1 of their id and the first 10 %
go to test, the next 10 % to dev, the rest to train. The split is a pure function of the file
names, so it is fixed and reproducible, and no document has paragraphs on both sides.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ner.labels import to_project_label

DATA_DIR = Path(os.environ.get("XLKB_NER_DATA", "/work/shared/data/ner"))
"""Root of the shared NER data (override with ``XLKB_NER_DATA``)."""

Span = tuple[int, int, str]


@dataclass
class LabeledSentence:
    """One gold sentence."""

    text: str
    tokens: list[tuple[int, int]]
    """Gold token boundaries (start, end) in ``text``."""
    spans: list[Span] = field(default_factory=list)
    """Gold entities (start, end, PER|LOC|ORG)."""
    doc: str = ""
    """Document (file) the sentence comes from."""
    token_tags: list[str] = field(default_factory=list)
    """Optional per-token extra annotation (FullStack: ``lemma\\tUPOS``)."""

    def words_and_spaces(self) -> tuple[list[str], list[bool]]:
        """Gold tokens and whether whitespace follows each (the arguments of ``spacy.Doc``)."""
        words = [self.text[a:b] for a, b in self.tokens]
        nexts = [a for a, _ in self.tokens[1:]] + [None]
        spaces = [n is not None and n > b for (_, b), n in zip(self.tokens, nexts, strict=True)]
        return words, spaces


def tags_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token-index spans ``(first, last + 1, tag)`` from BIO/IOB1/BIOES/BMES tags (raw types)."""
    spans: list[tuple[int, int, str]] = []
    current: list = []  # [start, type]
    for i, tag in enumerate(list(tags) + ["O"]):
        if not tag or tag == "O" or "-" not in tag:
            if current:
                spans.append((current[0], i, current[1]))
                current = []
            continue
        prefix, kind = tag.split("-", 1)
        continues = prefix in {"I", "M", "E"} and current and current[1] == kind
        if not continues:
            if current:
                spans.append((current[0], i, current[1]))
            current = [i, kind]
        if prefix in {"E", "S"}:
            spans.append((current[0], i + 1, current[1]))
            current = []
    return spans


def _sentence(
    words: list[str],
    tags: list[str],
    *,
    joiner: str,
    doc: str = "",
    text: str | None = None,
    gaps: list[str] | None = None,
    token_tags: list[str] | None = None,
    keep: frozenset[str] = frozenset(),
) -> LabeledSentence:
    """Build a sentence from tokens; align to ``text`` when given, else join with ``gaps``.
    Spans get project labels; source types in ``keep`` (e.g. ``MISC``) are kept as they are."""
    offsets: list[tuple[int, int]] = []
    if text is not None:
        pos = 0
        for w in words:
            found = text.find(w, pos)
            if found < 0 or text[pos:found].strip():
                text = None
                offsets = []
                break
            offsets.append((found, found + len(w)))
            pos = found + len(w)
    if text is None:
        parts: list[str] = []
        pos = 0
        for i, w in enumerate(words):
            if i:
                gap = gaps[i] if gaps is not None else joiner
                parts.append(gap)
                pos += len(gap)
            offsets.append((pos, pos + len(w)))
            parts.append(w)
            pos += len(w)
        text = "".join(parts)
    spans: list[Span] = []
    for first, last, kind in tags_to_spans(tags):
        label = kind if kind in keep else to_project_label(kind)
        if label is not None:
            spans.append((offsets[first][0], offsets[last - 1][1], label))
    return LabeledSentence(text, offsets, spans, doc, token_tags or [])


# ---------------------------------------------------------------- Latvian


FULLSTACK_OTHER_TYPES = frozenset({"event", "product", "entity", "time", "money"})
"""FullStack types that are not PER/LOC/ORG; a model can learn them and drop them at output."""


def fullstack_sentences(
    path: Path | None = None, keep: frozenset[str] = frozenset()
) -> Iterator[LabeledSentence]:
    """FullStack NamedEntities: outer BIO column (7th), sentence text from ``# text =``; source
    types in ``keep`` stay as they are instead of being dropped."""
    path = path or DATA_DIR / "lv" / "fullstack-ner.conll"
    doc = ""
    text: str | None = None
    words: list[str] = []
    tags: list[str] = []
    extra: list[str] = []

    def flush() -> Iterator[LabeledSentence]:
        if words:
            yield _sentence(
                words, tags, joiner=" ", doc=doc, text=text, token_tags=list(extra), keep=keep
            )

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# file = "):
                yield from flush()
                words, tags, extra, text = [], [], [], None
                doc = line[len("# file = ") :].strip()
            elif line.startswith("# text = "):
                text = line[len("# text = ") :]
            elif line.startswith("#"):
                continue
            elif not line.strip():
                yield from flush()
                words, tags, extra, text = [], [], [], None
            else:
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                words.append(cols[1])
                tags.append(cols[6])
                extra.append(f"{cols[2]}\t{cols[3]}")
    yield from flush()


def fullstack_document(name: str) -> str:
    """Document id of a FullStack file: files are paragraphs (``p123-p4.conll2003`` is paragraph 4
    of document ``p123``), so the held-out split groups them by document."""
    return re.sub(r"-p\d+\.conll2003$", "", name)


def fullstack_split(names: Iterable[str], test: float = 0.1, dev: float = 0.1) -> dict[str, str]:
    """File name → ``train``/``dev``/``test``: whole DOCUMENTS held out, 10 % of the documents of
    each genre (file-name prefix letter), chosen by SHA-1 of the document id — fixed."""
    names = sorted(set(names))
    by_prefix: dict[str, set[str]] = defaultdict(set)
    for name in names:
        document = fullstack_document(name)
        by_prefix[re.sub(r"[^a-z].*", "", document) or document[:1]].add(document)
    part_of: dict[str, str] = {}
    for documents in by_prefix.values():
        group = sorted(documents, key=lambda n: hashlib.sha1(n.encode()).hexdigest())
        n_test = max(1, math.floor(len(group) * test + 0.5))
        n_dev = max(1, math.floor(len(group) * dev + 0.5))
        for i, document in enumerate(group):
            part_of[document] = "test" if i < n_test else "dev" if i < n_test + n_dev else "train"
    return {name: part_of[fullstack_document(name)] for name in names}


def fullstack(part: str, keep_other: bool = False) -> list[LabeledSentence]:
    """FullStack sentences of one split part (``train``, ``dev`` or ``test``); ``keep_other``
    keeps the :data:`FULLSTACK_OTHER_TYPES` spans (for training, like CoNLL's MISC)."""
    sentences = list(fullstack_sentences(keep=FULLSTACK_OTHER_TYPES if keep_other else frozenset()))
    split = fullstack_split(s.doc for s in sentences)
    return [s for s in sentences if split[s.doc] == part]


def tildener_test() -> list[LabeledSentence]:
    """TildeNER gold test (evaluation only); text rebuilt from the character-offset columns."""
    out: list[LabeledSentence] = []
    for path in sorted((DATA_DIR / "lv" / "tildener-test").iterdir()):
        rows: list[list[str]] = []
        for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
            cols = line.split("\t")
            if len(cols) >= 9:
                rows.append(cols)
                continue
            if rows:
                words = [r[0] for r in rows]
                tags = [r[-1] for r in rows]
                gaps = [""]
                for prev, cur in zip(rows, rows[1:], strict=False):
                    same_line = prev[4] == cur[4]
                    n = int(cur[5]) - int(prev[7]) - 1 if same_line else 1
                    gaps.append(" " * max(0, min(n, 1)))
                out.append(_sentence(words, tags, joiner=" ", doc=path.name, gaps=gaps))
                rows = []
    return out


# ---------------------------------------------------------------- Chinese


def _char_file(path: Path, doc: str, weibo: bool = False) -> list[LabeledSentence]:
    out: list[LabeledSentence] = []
    chars: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if len(parts) >= 2:
            token = parts[0]
            chars.append(token[0] if weibo else token)
            tags.append(parts[-1])
            continue
        if chars:
            out.append(_sentence(chars, tags, joiner="", doc=doc))
            chars, tags = [], []
    return out


def peoples_daily(part: str) -> list[LabeledSentence]:
    """People's Daily ``dev`` or ``test`` (BIO, one character per line)."""
    return _char_file(DATA_DIR / "zh" / "peoples-daily" / f"example.{part}", f"pd-{part}")


def msra_test() -> list[LabeledSentence]:
    """MSRA (SIGHAN 2006) test split — used for TRAINING here (its train split is absent)."""
    return _char_file(DATA_DIR / "zh" / "msra" / "msra_test_bio.txt", "msra-test")


def weibo(part: str) -> list[LabeledSentence]:
    """Weibo NER ``train``/``dev``/``test``; named mentions only."""
    path = DATA_DIR / "zh" / "weibo" / f"weiboNER_2nd_conll.{part}"
    return _char_file(path, f"weibo-{part}", weibo=True)


def resume(part: str) -> list[LabeledSentence]:
    """Resume NER ``train``/``dev``/``test`` (BMES)."""
    return _char_file(DATA_DIR / "zh" / "resume" / f"{part}.char.bmes", f"resume-{part}")


def to_traditional(sentences: list[LabeledSentence]) -> list[LabeledSentence]:
    """A Traditional-script copy (OpenCC s2t), kept only where conversion preserves length."""
    import opencc

    converter = opencc.OpenCC("s2t")
    out = []
    for s in sentences:
        t = converter.convert(s.text)
        if len(t) != len(s.text):
            t = "".join(
                converter.convert(c) if len(converter.convert(c)) == 1 else c for c in s.text
            )
        out.append(LabeledSentence(t, s.tokens, s.spans, s.doc))
    return out


# ---------------------------------------------------------------- English


def _conll_en(path: Path, doc: str, keep: frozenset[str] = frozenset()) -> list[LabeledSentence]:
    out: list[LabeledSentence] = []
    words: list[str] = []
    tags: list[str] = []
    n_doc = 0
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if parts and parts[0] == "-DOCSTART-":
            n_doc += 1
            continue
        if parts:
            words.append(parts[0])
            tags.append(parts[1])
            continue
        if words:
            out.append(_sentence(words, tags, joiner=" ", doc=f"{doc}-{n_doc}", keep=keep))
            words, tags = [], []
    return out


def conll2003(part: str, keep_misc: bool = False) -> list[LabeledSentence]:
    """CoNLL-2003 English ``train``/``valid``/``test``; ``keep_misc`` keeps MISC spans (for
    training: a model that knows MISC does not push nationalities and events into PER/LOC/ORG)."""
    keep = frozenset({"MISC"}) if keep_misc else frozenset()
    return _conll_en(DATA_DIR / "en" / "conll2003" / f"{part}.txt", f"conll-{part}", keep)


def wikigold() -> list[LabeledSentence]:
    """WikiGold (IOB1 tags; MISC dropped)."""
    return _conll_en(DATA_DIR / "en" / "wikigold" / "wikigold.conll.txt", "wikigold")
