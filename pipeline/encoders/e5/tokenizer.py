"""The e5 tokenizer: a ``tokenizers`` Unigram model over the file's pieces, with the file's
normalization map compiled into a SentencePiece ``Precompiled`` normalizer (whose charsmap is a
darts-clone double array), cached as ``tokenizer.json``."""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerFast

from pipeline.encoders.e5.weights import CACHE_DIR, METASPACE, E5File, read_e5_file


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
        for label, child in node.items():
            if label == -1:
                units[base] = child | (1 << 31)
            else:
                units[base ^ label] = label
                queue.append((base ^ label, child))
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
    from transformers import AutoTokenizer, PreTrainedTokenizerFast

    tokenizer = AutoTokenizer.from_pretrained(ensure_tokenizer())
    if not isinstance(tokenizer, PreTrainedTokenizerFast):  # tokenizer.json: always a fast one
        raise TypeError(f"expected a fast tokenizer, got {type(tokenizer).__name__}")
    return tokenizer
