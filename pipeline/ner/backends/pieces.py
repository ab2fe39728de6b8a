"""Sentences → sub-word pieces with character offsets, cut into windows a model can take."""

from __future__ import annotations

from typing import Any

from pipeline.ner.backends.bio import is_cjk


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
                elif self.han_chars and end - start > 1 and any(map(is_cjk, text[start:end])):
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
