"""Bytes → text: BOMs, strict UTF-8, then charset detection for legacy encodings."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MAX_CONTROL_RATIO = 0.01
"""Share of control characters (other than tab/newline/CR/FF) above which text counts as binary."""


@dataclass(frozen=True)
class DecodedText:
    """The result of decoding a file."""

    text: str
    """Decoded text, otherwise unchanged (no newline or Unicode normalization)."""
    encoding: str
    """Codec used: ``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-32`` or the detected legacy codec."""


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"
    )
    return bad / len(text)


def _check_text(text: str, encoding: str) -> DecodedText:
    if _control_ratio(text) > MAX_CONTROL_RATIO:
        raise DecodeError(f"binary content (control characters after decoding as {encoding})")
    if not text.strip():
        raise DecodeError("no text (only whitespace)")
    return DecodedText(text, encoding)


def decode_bytes(data: bytes) -> DecodedText:
    """Decode file bytes, recording the encoding. Raises :class:`DecodeError` with a reason."""
    if not data:
        raise DecodeError("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {codec} after byte-order mark: {exc.reason}") from exc
            return _check_text(text, codec)  # these codecs drop the BOM themselves
    if b"\x00" in data:
        raise DecodeError("binary content (NUL bytes, no UTF-16/32 byte-order mark)")
    try:
        return _check_text(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable: not UTF-8 and no legacy encoding fits")
    return _check_text(str(best), best.encoding)
