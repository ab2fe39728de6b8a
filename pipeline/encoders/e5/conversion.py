"""The e5 weights converted once into a ``transformers.BertModel`` checkpoint and tokenizer
(fp32 safetensors, cached under the weights cache directory): what :mod:`.network` and
:mod:`.model` load."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pipeline.encoders.e5.tokenizer import build_tokenizer
from pipeline.encoders.e5.weights import (
    CACHE_DIR,
    bert_config_kwargs,
    bert_state_dict,
    read_e5_file,
)


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
