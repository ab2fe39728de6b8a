"""ONNX Runtime execution of a ``transformers`` token-classification network (CPU).

ONNX Runtime runs the e5-small tagger faster than PyTorch eager on this project's AVX2 CPUs:
1.07x (Latvian) to 1.19x (Chinese) on a quiet machine, and the int8 graph (:func:`quantized`)
adds about 1.4x (``docs/benchmarks.md``, *NER speed — accurate profile* and *…, torch*). The
network is exported once with ``torch.onnx.export`` and cached; the word-embedding lookup stays
outside the graph (a numpy gather into the model's own frozen matrix), so the exported file holds
only the encoder and the classifier (~86 MB fp32 for e5-small, not the 384 MB embedding matrix).

The cache file name is a hash of everything that changes the graph: the network's weights
(without the word embeddings), its config, and the torch / transformers / onnx versions. It is
written atomically, so concurrent workers never read half a file.
"""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.atomic import atomic_path
from pipeline.settings import user_cache_dir

CACHE_DIR = user_cache_dir() / "onnx"
"""Where exported graphs are kept (ignored by git; rebuilt on demand)."""

OPSET = 17


def available() -> bool:
    """Whether ONNX Runtime and the ``onnx`` exporter dependency are importable."""
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def graph_key(model: Any) -> str:
    """Hash of the network's weights (word embeddings excluded), config and library versions."""
    import onnx
    import torch
    import transformers

    digest = hashlib.sha256()
    digest.update(
        f"{torch.__version__}|{transformers.__version__}|{onnx.__version__}|{OPSET}".encode()
    )
    digest.update(model.config.to_json_string(use_diff=False).encode())
    embedding = model.get_input_embeddings().weight
    for name, tensor in sorted(model.state_dict().items()):
        if tensor.data_ptr() == embedding.data_ptr():
            continue
        digest.update(name.encode())
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()[:24]


def export(model: Any, cache_dir: Path = CACHE_DIR) -> Path:
    """The cached ONNX graph of ``model`` (inputs_embeds, attention_mask → logits); exported
    first if missing."""
    import torch

    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"{type(model).__name__}-{graph_key(model)}.onnx"
    if path.is_file():
        return path

    class _Network(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, inputs_embeds: Any, attention_mask: Any) -> Any:
            return self.inner(inputs_embeds=inputs_embeds, attention_mask=attention_mask).logits

    hidden = model.get_input_embeddings().weight.shape[1]
    example = (torch.zeros(2, 8, hidden), torch.ones(2, 8, dtype=torch.long))
    with (
        atomic_path(path) as tmp,
        warnings.catch_warnings(),
        torch.inference_mode(False),
        torch.no_grad(),
    ):
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Network(model).eval(),
            example,
            str(tmp),
            input_names=["inputs_embeds", "attention_mask"],
            output_names=["logits"],
            dynamic_axes={
                "inputs_embeds": {0: "batch", 1: "pieces"},
                "attention_mask": {0: "batch", 1: "pieces"},
                "logits": {0: "batch", 1: "pieces"},
            },
            opset_version=OPSET,
            dynamo=False,
        )
    return path


def quantized(path: Path) -> Path:
    """An int8 copy of the graph at ``path`` (dynamic quantization, per-channel weights), made
    once next to it. Smaller and faster on CPU, at a small cost in F1 (see benchmarks).

    Weights use a 7-bit range (``reduce_range``): on CPUs without VNNI (AVX2 only, as here) the
    u8×s8 kernels can saturate their 16-bit intermediate sums with full-range weights. In an
    exploratory comparison (scratch run, constrained decoding; the shipped int8 scores are in
    ``docs/benchmarks.md``): FullStack test 82.40 fp32 → 81.74 full-range → 82.05 reduced,
    People's Daily test 82.99 → 81.53 → 81.89, at the same speed."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    target = path.with_name(path.stem + "-int8r.onnx")  # "r": reduced range (older: -int8)
    if target.is_file():
        return target
    with atomic_path(target) as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantize_dynamic(
            str(path),
            str(tmp),
            weight_type=QuantType.QInt8,
            per_channel=True,
            reduce_range=True,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    return target


class OnnxTagger:
    """Runs an exported token-classification graph; same inputs and logits as the network."""

    def __init__(
        self,
        model: Any,
        int8: bool = False,
        threads: int | None = None,
        cache_dir: Path = CACHE_DIR,
    ) -> None:
        import onnxruntime
        import torch

        self.path = export(model, cache_dir)
        if int8:
            self.path = quantized(self.path)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or torch.get_num_threads()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = onnxruntime.InferenceSession(
            str(self.path), options, providers=["CPUExecutionProvider"]
        )
        self.embeddings = model.get_input_embeddings().weight.detach().cpu().numpy()

    def logits(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """[batch, pieces, labels] float32 logits for piece ``ids`` under ``mask``."""
        feeds = {"inputs_embeds": self.embeddings[ids], "attention_mask": mask.astype(np.int64)}
        logits: np.ndarray = self.session.run(["logits"], feeds)[0]
        return logits
