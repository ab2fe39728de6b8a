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
    """MSRA (SIGHAN 2006) test split — a held-out test set (the fast zh model trains on MSRA
    train, :func:`msra_train`; the models before issue 15 trained on this split)."""
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


# ---------------------------------------------------------------- Chinese: training sources (issue 15)


def _char_tag_file(path: Path, doc: str, tag_of=lambda t: t) -> list[LabeledSentence]:
    """One character and its tag per line (tab- or space-separated, the tag last), a blank line
    between sentences; whitespace characters are dropped (they are never inside a name)."""
    out: list[LabeledSentence] = []
    chars: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if chars:
                out.append(_sentence(chars, tags, joiner="", doc=doc))
                chars, tags = [], []
            continue
        cut = max(line.rfind("\t"), line.rfind(" "))
        char, tag = line[:cut], line[cut + 1 :]
        if cut <= 0 or not char.strip():
            continue
        chars.append(char.strip())
        tags.append(tag_of(tag.strip()))
    return out


def msra_train() -> list[LabeledSentence]:
    """MSRA (SIGHAN 2006) train split minus every sentence sharing a 20-character run with
    People's Daily dev/test (removed in the shared copy): 43,090 sentences, BIO PER/LOC/ORG."""
    path = DATA_DIR / "zh" / "msra" / "msra_train_minus_pd_bio.txt"
    return _char_tag_file(path, "msra-train")


PD1998_TYPES: dict[str, str] = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
"""People's Daily 1998 part-of-speech entity tags → project labels (``B_nr`` → ``B-PER``)."""


def _pd1998_tag(tag: str) -> str:
    if tag == "O" or "_" not in tag:
        return "O"
    prefix, kind = tag.split("_", 1)
    label = PD1998_TYPES.get(kind)
    return f"{prefix}-{label}" if label else "O"


def pd1998_fragments(part: str = "train") -> list[LabeledSentence]:
    """People's Daily 1998 fragments (``train``/``dev``; B_/M_/E_ + nr/ns/nt per character)."""
    path = DATA_DIR / "zh" / "pd1998-fragments" / f"{part}.txt"
    return _char_tag_file(path, f"pd1998-{part}", _pd1998_tag)


CLUENER_TYPES: dict[str, str | None] = {
    "name": "PER",
    "organization": "ORG",
    "company": "ORG",
    "government": "ORG",
    "address": "LOC",
    "scene": "LOC",
    "position": None,
    "book": None,
    "movie": None,
    "game": None,
}
"""CLUENER2020 fine-grained types → project labels. ``name`` is a person's name; organization,
company and government (ministries, courts, parties' organs) are organizations; ``address``
(countries, provinces, cities, districts, street addresses) and ``scene`` (sights, parks,
mountains, rivers) are places. Job titles (position) and works (book, movie, game) are not
PER/LOC/ORG and are dropped. Caveat: an ``address`` is often a whole postal address
("北京市海淀区中关村大街27号"), one LOC span where People's Daily tags the parts."""


def cluener_part(text: str) -> str:
    """``heldout`` (10 %), ``dev`` (5 %) or ``train`` (85 %) for a CLUENER train text: bucket
    ``int(SHA-1(text)[:8], 16) % 20`` — 0–1 held out, 2 dev, the rest train. A pure function of
    the text, fixed before any training, and identical texts always land on the same side."""
    bucket = int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) % 20
    return "heldout" if bucket < 2 else "dev" if bucket == 2 else "train"


def cluener_records(path: Path | None = None) -> Iterator[dict]:
    """The JSON objects of CLUENER's ``train.json`` (pretty-printed, one after another)."""
    import json

    path = path or DATA_DIR / "zh" / "cluener" / "train.json"
    raw = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    pos = 0
    while True:
        while pos < len(raw) and raw[pos].isspace():
            pos += 1
        if pos >= len(raw):
            return
        record, pos = decoder.raw_decode(raw, pos)
        yield record


def cluener_sentence(record: dict, doc: str = "cluener") -> LabeledSentence:
    """One CLUENER record as a character-tokenized sentence with PER/LOC/ORG spans
    (:data:`CLUENER_TYPES`; ``end`` is inclusive in the source). Where mapped spans overlap, the
    longer one is kept."""
    text = record["text"]
    tokens = [(i, i + 1) for i, c in enumerate(text) if not c.isspace()]
    candidates: list[Span] = []
    for kind, mentions in (record.get("label") or {}).items():
        label = CLUENER_TYPES[kind]
        if label is None:
            continue
        for positions in mentions.values():
            for start, end in positions:
                a, b = start, end + 1
                while a < b and text[a].isspace():
                    a += 1
                while b > a and text[b - 1].isspace():
                    b -= 1
                if a < b:
                    candidates.append((a, b, label))
    spans: list[Span] = []
    for span in sorted(set(candidates), key=lambda s: (s[0] - s[1], s[0])):
        if all(span[1] <= o[0] or span[0] >= o[1] for o in spans):
            spans.append(span)
    return LabeledSentence(text, tokens, sorted(spans), doc)


def cluener(part: str) -> list[LabeledSentence]:
    """CLUENER2020 train texts of one :func:`cluener_part` part (``train``/``dev``/``heldout``)."""
    return [
        cluener_sentence(r, f"cluener-{part}")
        for r in cluener_records()
        if cluener_part(r["text"]) == part
    ]


# ---------------------------------------------------------------- Latvian: LVTagger (issue 15)

LVTAGGER_TYPES: dict[str, str | None] = {
    "person": "PER",
    "location": "LOC",
    "organization": "ORG",
    "profession": None,
    "time": None,
    "product": None,
    "sum": None,
    "event": None,
    "media": None,
}
"""LVTagger entity categories → project labels. ``media`` (newspaper and broadcaster titles in
by-lines such as "Dienas Bizness") is dropped with the other non-PER/LOC/ORG types."""


def lvtagger_genre(name: str) -> str:
    """Genre of an LVTagger file: ``cliping_40_ner.conll`` → ``cliping``; the historical texts
    (``1942_…``, ``G_1934_…``) → ``history``."""
    stem = re.sub(r"_\d+_ner\.conll$", "", name)
    return "history" if stem == name or stem[:1].isdigit() or stem.startswith("G_") else stem


def lvtagger_split(names: Iterable[str], test: float = 0.15) -> dict[str, str]:
    """File name → ``train``/``test``: per genre, files ordered by the SHA-1 of their name and the
    first ``test`` share (at least one file) held out — whole files, fixed before training."""
    by_genre: dict[str, list[str]] = defaultdict(list)
    for name in sorted(set(names)):
        by_genre[lvtagger_genre(name)].append(name)
    part: dict[str, str] = {}
    for files in by_genre.values():
        files.sort(key=lambda n: hashlib.sha1(n.encode()).hexdigest())
        n_test = max(1, math.floor(len(files) * test + 0.5))
        for i, name in enumerate(files):
            part[name] = "test" if i < n_test else "train"
    return part


def lvtagger_file(path: Path) -> list[LabeledSentence]:
    """One LVTagger ``*_ner.conll`` file: 12 tab-separated columns (form 2nd, category 8th,
    ``START``/``END`` 9th/10th), a line with fewer columns between sentences. Multi-word tokens
    written with ``_`` (``ne_vien``) are split into their words."""
    out: list[LabeledSentence] = []
    words: list[str] = []
    tags: list[str] = []
    inside: str | None = None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        cols = line.split("\t")
        if len(cols) < 10:
            if words:
                out.append(_sentence(words, tags, joiner=" ", doc=path.name))
                words, tags, inside = [], [], None
            continue
        form, category, start, end = cols[1], cols[7], cols[8], cols[9]
        label = LVTAGGER_TYPES[category] if category != "O" else None
        if category == "O":
            inside = None
        elif start == "START" or inside != category:
            inside = category
            start = "START"
        parts = [p for p in form.split("_") if p] if form.strip("_") else [form]
        for j, part in enumerate(parts):
            words.append(part)
            if label is None:
                tags.append("O")
            else:
                tags.append(f"{'B' if start == 'START' and j == 0 else 'I'}-{label}")
        if end == "END":
            inside = None
    return out


def lvtagger_sentences(part: str | None = None) -> list[LabeledSentence]:
    """LVTagger sentences, all files or one :func:`lvtagger_split` part (``train``/``test``)."""
    files = sorted((DATA_DIR / "lv" / "lvtagger").glob("*.conll"))
    split = lvtagger_split(p.name for p in files)
    out: list[LabeledSentence] = []
    for path in files:
        if part is None or split[path.name] == part:
            out.extend(lvtagger_file(path))
    return out


# ---------------------------------------------------------------- overlap checks (issue 15)


def normalize_for_overlap(text: str) -> str:
    """NFKC, Traditional→Simplified for Han text (so a converted copy matches its source),
    lowercased, all whitespace removed."""
    import unicodedata

    norm = unicodedata.normalize("NFKC", text)
    if re.search(r"[\u4e00-\u9fff]", norm):
        from pipeline.ner.chinese import to_simplified

        norm = to_simplified(norm)
    return re.sub(r"\s+", "", norm.lower())


def sentence_key(text: str) -> str:
    """Hash key of a sentence for overlap checks: SHA-1 of :func:`normalize_for_overlap`."""
    return hashlib.sha1(normalize_for_overlap(text).encode("utf-8")).hexdigest()


def _runs(text: str, n: int) -> Iterator[str]:
    norm = normalize_for_overlap(text)
    for i in range(0, max(0, len(norm) - n) + 1):
        yield norm[i : i + n]


FRAGMENT_BREAKS = r"[，。！？；：、,.!?;:（）()《》“”\"「」『』]"
"""Punctuation at which the PD-1998 fragments were cut."""


class ContaminationError(AssertionError):
    """A training sentence is also an evaluation sentence."""


def decontaminate(
    train: list[LabeledSentence],
    held_out: dict[str, list[LabeledSentence]],
    run: int = 0,
    fragments: int = 0,
) -> tuple[list[LabeledSentence], dict[str, int]]:
    """``train`` minus every sentence whose :func:`sentence_key` is that of a held-out sentence
    and, with ``run`` > 0, every sentence sharing a ``run``-character stretch (whitespace
    removed) with one. Returns the kept sentences and the number removed per held-out set."""
    keys = {name: {sentence_key(s.text) for s in sents} for name, sents in held_out.items()}
    if fragments:  # punctuation-delimited pieces of held-out sentences (PD-1998 fragments)
        for name, sents in held_out.items():
            keys[name] |= {
                sentence_key(piece)
                for s in sents
                for piece in re.split(FRAGMENT_BREAKS, s.text)
                if len(piece.strip()) >= fragments
            }
    runs: dict[str, set[str]] = {}
    if run:
        for name, sents in held_out.items():
            runs[name] = {r for s in sents for r in _runs(s.text, run)}
    removed = dict.fromkeys(held_out, 0)
    kept: list[LabeledSentence] = []
    for s in train:
        key = sentence_key(s.text)
        hit = next((n for n, k in keys.items() if key in k), None)
        if hit is None and run:
            own = set(_runs(s.text, run))
            hit = next((n for n, r in runs.items() if own & r), None)
        if hit is None:
            kept.append(s)
        else:
            removed[hit] += 1
    assert_clean(kept, held_out)
    return kept, removed


def assert_clean(train: list[LabeledSentence], held_out: dict[str, list[LabeledSentence]]) -> None:
    """Raise :class:`ContaminationError` when any held-out sentence's :func:`sentence_key` is also
    a training sentence's."""
    train_keys = {sentence_key(s.text) for s in train}
    for name, sents in held_out.items():
        shared = [s.text for s in sents if sentence_key(s.text) in train_keys]
        if shared:
            raise ContaminationError(
                f"{len(shared)} sentences of {name} are in the training data, e.g. {shared[0]!r}"
            )
