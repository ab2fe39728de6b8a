"""The e5 encoder in plain PyTorch, and its tokenizer through ``tokenizers`` alone.

:func:`load_encoder` reads the cached conversion (``model.safetensors`` and ``config.json``,
written once by :func:`pipeline.encoders.e5.conversion.convert`) and computes what
``transformers.BertModel`` computes in eval mode, with the same operations in the same order:
word + token type 0 + absolute position embeddings, LayerNorm; per layer, self-attention through
``scaled_dot_product_attention`` (padded keys masked out, as ``transformers``' boolean sdpa mask
does; no mask when the batch has no padding), output projection + residual + LayerNorm, an erf
GELU feed-forward + residual + LayerNorm. :func:`load_fast_tokenizer` is the cached
``tokenizer.json`` with truncation to the 512 positions and padding to the longest text.

Neither imports ``transformers``: importing it and building the model and tokenizer through it
costs about three seconds of a cold process. Weights stay memory-mapped from the safetensors
file, so only the word-embedding rows a text uses are read from disk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.encoders.e5.weights import LAYER_NAMES

if TYPE_CHECKING:
    import torch
    from tokenizers import Tokenizer

_LINEAR = ("q", "k", "v", "ao", "fi", "fo")
"""The linear layers among :data:`.weights.LAYER_NAMES` (the others are LayerNorms)."""


@dataclass(frozen=True)
class EncoderConfig:
    """The ``config.json`` values the encoder uses."""

    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    max_position_embeddings: int
    layer_norm_eps: float
    pad_token_id: int
    hidden_act: str = "gelu"

    @classmethod
    def from_file(cls, path: Path) -> EncoderConfig:
        raw = json.loads(path.read_text(encoding="utf-8"))
        config = cls(
            hidden_size=int(raw["hidden_size"]),
            num_hidden_layers=int(raw["num_hidden_layers"]),
            num_attention_heads=int(raw["num_attention_heads"]),
            intermediate_size=int(raw["intermediate_size"]),
            max_position_embeddings=int(raw["max_position_embeddings"]),
            layer_norm_eps=float(raw["layer_norm_eps"]),
            pad_token_id=int(raw["pad_token_id"]),
            hidden_act=str(raw.get("hidden_act", "gelu")),
        )
        if config.hidden_act != "gelu":
            raise ValueError(f"unsupported activation {config.hidden_act!r} (only erf gelu)")
        if raw.get("position_embedding_type", "absolute") != "absolute":
            raise ValueError("only absolute position embeddings are supported")
        return config


class BertEncoder:
    """A BERT encoder (no pooler) over a ``BertModel`` state dict; inference only.

    Plain tensors and ``torch.nn.functional`` calls rather than ``nn.Module`` layers, so that
    building it allocates nothing and initializes nothing: the tensors are the state dict's.

    Under autocast the linear layers' weights and biases are cast once per dtype and kept (the
    values autocast would cast them to on every call, as it does for tensors that do not require
    grad): the same results without re-casting 21M weights per batch.
    """

    def __init__(self, config: EncoderConfig, state: dict[str, torch.Tensor]) -> None:
        self.config = config
        self.head_dim = config.hidden_size // config.num_attention_heads
        if self.head_dim * config.num_attention_heads != config.hidden_size:
            raise ValueError("hidden size is not a multiple of the number of heads")
        self.scaling = self.head_dim**-0.5
        self.word = state["embeddings.word_embeddings.weight"]
        self.position = state["embeddings.position_embeddings.weight"]
        self.token_type = state["embeddings.token_type_embeddings.weight"]
        self.ln = (state["embeddings.LayerNorm.weight"], state["embeddings.LayerNorm.bias"])
        self.layers = [
            {
                short + suffix: state[f"encoder.layer.{i}.{module}.{param}"]
                for short, module in LAYER_NAMES.items()
                for suffix, param in (("w", "weight"), ("b", "bias"))
            }
            for i in range(config.num_hidden_layers)
        ]
        self._cast: dict[torch.dtype, list[dict[str, torch.Tensor]]] = {}

    def _layers(self, device_type: str) -> list[dict[str, torch.Tensor]]:
        """The layers' tensors, linear ones in the autocast dtype when autocast is on."""
        import torch

        if not torch.is_autocast_enabled(device_type):
            return self.layers
        dtype = torch.get_autocast_dtype(device_type)
        if dtype not in self._cast:
            with torch.inference_mode(False), torch.no_grad():
                self._cast[dtype] = [
                    {name: t.to(dtype) if name[:-1] in _LINEAR else t for name, t in layer.items()}
                    for layer in self.layers
                ]
        return self._cast[dtype]

    def __call__(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None
    ) -> torch.Tensor:
        """``last_hidden_state`` (batch, length, hidden) for ``input_ids`` (batch, length), with
        ``attention_mask`` 1 for real tokens and 0 for padding (``None``: no padding)."""
        from torch.nn import functional as F

        batch, length = input_ids.shape
        if length > self.config.max_position_embeddings:
            raise ValueError(f"{length} tokens exceed {self.config.max_position_embeddings}")
        eps, hidden_size = self.config.layer_norm_eps, self.config.hidden_size
        # BertEmbeddings: (word + token type 0) + position, then LayerNorm (dropout: eval no-op)
        x = F.embedding(input_ids, self.word) + self.token_type[0]
        x = x + self.position[:length]
        x = F.layer_norm(x, (hidden_size,), self.ln[0], self.ln[1], eps)
        # transformers' sdpa mask: boolean (batch, 1, length, length), True where the key is a
        # real token; none at all when nothing in the batch is padding
        mask = None
        if attention_mask is not None and not bool(attention_mask.all()):
            mask = attention_mask.bool()[:, None, None, :].expand(batch, 1, length, length)
        shape = (batch, length, self.config.num_attention_heads, self.head_dim)
        for w in self._layers(input_ids.device.type):
            q = F.linear(x, w["qw"], w["qb"]).view(shape).transpose(1, 2)
            k = F.linear(x, w["kw"], w["kb"]).view(shape).transpose(1, 2)
            v = F.linear(x, w["vw"], w["vb"]).view(shape).transpose(1, 2)
            a = F.scaled_dot_product_attention(
                q, k, v, attn_mask=mask, dropout_p=0.0, scale=self.scaling, is_causal=False
            )
            a = a.transpose(1, 2).contiguous().reshape(batch, length, hidden_size)
            a = F.linear(a, w["aow"], w["aob"])
            x = F.layer_norm(a + x, (hidden_size,), w["alnw"], w["alnb"], eps)
            h = F.gelu(F.linear(x, w["fiw"], w["fib"]))
            h = F.linear(h, w["fow"], w["fob"])
            x = F.layer_norm(h + x, (hidden_size,), w["olnw"], w["olnb"], eps)
        out: torch.Tensor = x
        return out


def load_encoder(model_dir: Path | None = None) -> BertEncoder:
    """The e5 encoder from the cached conversion (converted first if missing); one per
    directory per process."""
    from pipeline.encoders.e5.conversion import ensure_converted

    return _load_encoder((model_dir or ensure_converted()).resolve())


@lru_cache(maxsize=2)
def _load_encoder(directory: Path) -> BertEncoder:
    from safetensors.torch import load_file

    config = EncoderConfig.from_file(directory / "config.json")
    return BertEncoder(config, load_file(directory / "model.safetensors"))


def load_fast_tokenizer(max_length: int = 512, model_dir: Path | None = None) -> Tokenizer:
    """The cached ``tokenizer.json`` as a ``tokenizers.Tokenizer`` that truncates to
    ``max_length`` tokens (specials included) and pads a batch to its longest text with ``<pad>``
    on the right, as ``load_tokenizer()(texts, padding=True, truncation=True,
    max_length=max_length)`` does."""
    from pipeline.encoders.e5.tokenizer import ensure_tokenizer

    return _load_fast_tokenizer(max_length, (model_dir or ensure_tokenizer()).resolve())


@lru_cache(maxsize=2)
def _load_fast_tokenizer(max_length: int, directory: Path) -> Tokenizer:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
    pad_id = tokenizer.token_to_id("<pad>")
    if pad_id is None:
        raise ValueError("tokenizer.json has no <pad> token")
    tokenizer.enable_truncation(max_length=max_length)
    tokenizer.enable_padding(pad_id=pad_id, pad_token="<pad>")
    return tokenizer


__all__ = ["BertEncoder", "EncoderConfig", "load_encoder", "load_fast_tokenizer"]
