"""Readers for the public NER corpora under ``../shared/data/ner`` → sentences with char spans.

Every reader yields :class:`NerSentence` (text, [(start, end, label)], document id) with labels
mapped onto PER / LOC / ORG (everything else dropped):

| corpus | PER | LOC | ORG |
|---|---|---|---|
| FullStack lv (outer BIO) | person | GPE, location | organization |
| TildeNER lv | PERS | LOC | ORG |
| People's Daily, MSRA (zh) | PER | LOC | ORG |
| Weibo (zh, named mentions ``.NAM`` only) | PER.NAM | LOC.NAM, GPE.NAM | ORG.NAM |
| Resume (zh, BMES) | NAME | LOC | ORG |
| CoNLL-2003, WikiGold (en) | PER | LOC | ORG (MISC dropped) |

Token corpora become text by joining tokens with single spaces (Latvian FullStack uses its own
``# text`` line, English gets light detokenization: no space before ``, . ; : ! ? ) %`` or
``'s``/``n't``); Chinese corpora join characters with no separator.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(
    os.environ.get("XLKB_NER_DATA", Path(__file__).resolve().parents[2] / "shared" / "data" / "ner")
)
"""Root of the NER data (override with ``XLKB_NER_DATA``)."""

LABELS = ("PER", "LOC", "ORG")

FULLSTACK_MAP = {"person": "PER", "GPE": "LOC", "location": "LOC", "organization": "ORG"}
TILDE_MAP = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG"}
WEIBO_MAP = {"PER.NAM": "PER", "LOC.NAM": "LOC", "GPE.NAM": "LOC", "ORG.NAM": "ORG"}
RESUME_MAP = {"NAME": "PER", "LOC": "LOC", "ORG": "ORG"}
PLAIN_MAP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}

Span = tuple[int, int, str]


@dataclass
class NerSentence:
    """One annotated sentence: spans are character offsets into ``text``."""

    text: str
    spans: list[Span]
    doc: str = ""
    """Document id (FullStack: the newdoc id; used by the held-out split)."""
    meta: dict[str, str] = field(default_factory=dict)


def bio_spans(tags: list[str], mapping: dict[str, str]) -> list[tuple[int, int, str]]:
    """Token-index spans [start, end) from BIO/IOB1/BMES tags; types mapped, unmapped dropped."""
    spans: list[tuple[int, int, str]] = []
    start, current = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if tag == "O" or not kind:
            prefix, kind = "O", None
        begins = prefix in ("B", "S") or (prefix in ("I", "M", "E") and kind != current)
        if current is not None and (prefix == "O" or begins):
            spans.append((start, i, current))
            current = None
        if prefix != "O" and (begins or current is None):
            start, current = i, kind
        if prefix in ("E", "S") and current is not None:
            spans.append((start, i + 1, current))
            current = None
    return [(s, e, mapping[k]) for s, e, k in spans if k in mapping]


def tokens_to_sentence(
    tokens: list[str], tags: list[str], mapping: dict[str, str], joiner: str = " ", doc: str = ""
) -> NerSentence:
    """Join tokens (with ``joiner``) and turn token spans into character spans."""
    starts, text = [], ""
    for i, token in enumerate(tokens):
        if i and joiner:
            text += joiner
        starts.append(len(text))
        text += token
    spans = [
        (starts[s], starts[e - 1] + len(tokens[e - 1]), label)
        for s, e, label in bio_spans(tags, mapping)
    ]
    return NerSentence(text, spans, doc)


_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}%]|'s|'S|n't|'re|'ve|'ll|'d|'m)$")
_NO_SPACE_AFTER = {"(", "[", "{", "$"}


def detokenize_sentence(
    tokens: list[str], tags: list[str], mapping: dict[str, str], doc: str = ""
) -> NerSentence:
    """English tokens → natural spacing, spans kept on token boundaries."""
    starts, text = [], ""
    for i, token in enumerate(tokens):
        if i and not _NO_SPACE_BEFORE.match(token) and tokens[i - 1] not in _NO_SPACE_AFTER:
            text += " "
        starts.append(len(text))
        text += token
    spans = [
        (starts[s], starts[e - 1] + len(tokens[e - 1]), label)
        for s, e, label in bio_spans(tags, mapping)
    ]
    return NerSentence(text, spans, doc)


def _blocks(lines: Iterable[str]) -> Iterator[list[str]]:
    block: list[str] = []
    for line in lines:
        line = line.rstrip("\r\n")
        if not line.strip():
            if block:
                yield block
            block = []
        else:
            block.append(line)
    if block:
        yield block


def read_fullstack(path: Path | None = None) -> list[NerSentence]:
    """FullStack Latvian NER (outer entities), sentences carry their document id."""
    path = path or DATA_DIR / "lv" / "fullstack-ner.conll"
    sentences: list[NerSentence] = []
    file_name = doc = ""
    with path.open(encoding="utf-8") as fh:
        for block in _blocks(fh):
            text = None
            tokens, tags = [], []
            for line in block:
                if line.startswith("# file = "):
                    file_name = line.split("=", 1)[1].strip()
                    doc = file_name.split("-p")[0] if "-p" in file_name else file_name
                elif line.startswith("# newdoc id = "):
                    doc = line.split("=", 1)[1].strip()
                elif line.startswith("# text = "):
                    text = line.split("=", 1)[1].strip()
                elif not line.startswith("#"):
                    cols = line.split("\t")
                    if "-" in cols[0] or "." in cols[0]:
                        continue
                    tokens.append(cols[1])
                    tags.append(cols[6] if len(cols) > 6 else "O")
            if not tokens:
                continue
            sentence = _align_tokens(text, tokens, tags, FULLSTACK_MAP, doc)
            sentence.meta["file"] = file_name
            sentences.append(sentence)
    return sentences


def _align_tokens(
    text: str | None, tokens: list[str], tags: list[str], mapping: dict[str, str], doc: str
) -> NerSentence:
    """Place tokens in the sentence's original text; fall back to space-joining."""
    if text:
        starts, cursor = [], 0
        for token in tokens:
            found = text.find(token, cursor)
            if found < 0:
                break
            starts.append(found)
            cursor = found + len(token)
        if len(starts) == len(tokens):
            spans = [
                (starts[s], starts[e - 1] + len(tokens[e - 1]), label)
                for s, e, label in bio_spans(tags, mapping)
            ]
            return NerSentence(text, spans, doc)
    return tokens_to_sentence(tokens, tags, mapping, doc=doc)


def read_tildener(folder: Path | None = None) -> list[NerSentence]:
    """TildeNER gold test files (evaluation only); tokens placed at their column offsets."""
    folder = folder or DATA_DIR / "lv" / "tildener-test"
    sentences: list[NerSentence] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        with path.open(encoding="utf-8-sig") as fh:
            for block in _blocks(fh):
                rows = [line.split("\t") for line in block]
                rows = [r for r in rows if len(r) >= 9]
                if not rows:
                    continue
                text, starts, prev_line = "", [], None
                for row in rows:
                    line_no, col = row[4], int(row[5])
                    if prev_line is None:
                        base = col
                    elif line_no != prev_line:
                        text += " "
                        base = col - len(text)
                    pad = col - base - len(text)
                    text += " " * max(pad, 0 if not text else 1 if pad < 0 else 0)
                    starts.append(len(text))
                    text += row[0]
                    prev_line = line_no
                tokens = [r[0] for r in rows]
                spans = [
                    (starts[s], starts[e - 1] + len(tokens[e - 1]), label)
                    for s, e, label in bio_spans([r[8] for r in rows], TILDE_MAP)
                ]
                sentences.append(NerSentence(text, spans, path.name))
    return sentences


def read_char_bio(path: Path, mapping: dict[str, str], doc: str = "") -> list[NerSentence]:
    """One character per line (``char TAG``; Weibo's chars carry a segmentation digit)."""
    sentences: list[NerSentence] = []
    with path.open(encoding="utf-8") as fh:
        for block in _blocks(fh):
            chars, tags = [], []
            for line in block:
                parts = line.split()
                if len(parts) < 2:
                    continue
                char = parts[0]
                if len(char) > 1 and char[-1].isdigit() and "weibo" in path.name.lower():
                    char = char[:-1]
                chars.append(char)
                tags.append(parts[-1])
            if chars:
                sentences.append(tokens_to_sentence(chars, tags, mapping, joiner="", doc=doc))
    return sentences


def read_conll_en(path: Path) -> list[NerSentence]:
    """CoNLL-2003 / WikiGold style (``token ... TAG``), ``-DOCSTART-`` skipped."""
    sentences: list[NerSentence] = []
    with path.open(encoding="utf-8") as fh:
        for block in _blocks(fh):
            rows = [line.split() for line in block if not line.startswith("-DOCSTART-")]
            rows = [r for r in rows if len(r) >= 2]
            if not rows:
                continue
            tags = [r[1] if len(r) == 3 and r[2] == "0" else r[-1] for r in rows]
            sentences.append(detokenize_sentence([r[0] for r in rows], tags, PLAIN_MAP))
    return sentences


def corpus(name: str) -> list[NerSentence]:
    """A named corpus split, e.g. ``zh/pd-test`` or ``en/conll-train`` (see ``CORPORA``)."""
    reader, relative = CORPORA[name]
    return reader(DATA_DIR / relative)


CORPORA = {
    "lv/fullstack": (lambda p: read_fullstack(p), "lv/fullstack-ner.conll"),
    "lv/tildener": (lambda p: read_tildener(p), "lv/tildener-test"),
    "zh/pd-dev": (lambda p: read_char_bio(p, PLAIN_MAP), "zh/peoples-daily/example.dev"),
    "zh/pd-test": (lambda p: read_char_bio(p, PLAIN_MAP), "zh/peoples-daily/example.test"),
    "zh/msra-test": (lambda p: read_char_bio(p, PLAIN_MAP), "zh/msra/msra_test_bio.txt"),
    "zh/weibo-train": (lambda p: read_char_bio(p, WEIBO_MAP), "zh/weibo/weiboNER_2nd_conll.train"),
    "zh/weibo-dev": (lambda p: read_char_bio(p, WEIBO_MAP), "zh/weibo/weiboNER_2nd_conll.dev"),
    "zh/weibo-test": (lambda p: read_char_bio(p, WEIBO_MAP), "zh/weibo/weiboNER_2nd_conll.test"),
    "zh/resume-train": (lambda p: read_char_bio(p, RESUME_MAP), "zh/resume/train.char.bmes"),
    "zh/resume-dev": (lambda p: read_char_bio(p, RESUME_MAP), "zh/resume/dev.char.bmes"),
    "en/conll-train": (lambda p: read_conll_en(p), "en/conll2003/train.txt"),
    "en/conll-valid": (lambda p: read_conll_en(p), "en/conll2003/valid.txt"),
    "en/conll-test": (lambda p: read_conll_en(p), "en/conll2003/test.txt"),
    "en/wikigold": (lambda p: read_conll_en(p), "en/wikigold/wikigold.conll.txt"),
}
"""Corpus name → (reader, path under ``DATA_DIR``)."""
