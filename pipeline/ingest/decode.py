"""Bytes → text: BOMs, strict UTF-8, then charset detection for legacy encodings."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MAX_CANDIDATES = 12
"""How many of charset-normalizer's candidate decodings are checked for language consistency."""
UNSURE_CONFIDENCE = 0.3
"""Confidence given to a legacy decoding whose text is in no language its codec is made for."""
MAX_CONTROL_RATIO = 0.01
"""Share of control characters (other than tab/newline/CR/FF) above which text counts as binary."""


@dataclass(frozen=True)
class DecodedText:
    """The result of decoding a file."""

    text: str
    """Decoded text, otherwise unchanged (no newline or Unicode normalization)."""
    encoding: str
    """Codec used: ``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-32`` or the detected legacy codec."""
    confidence: float = 1.0
    """How sure the decoding is: 1.0 for a byte-order mark or valid UTF-8; for a legacy codec the
    language detector's confidence that the decoded text is in a language the codec is made for
    (at most :data:`UNSURE_CONFIDENCE` when it is in none of them)."""
    replaced: int = 0
    """Invalid byte sequences of a mostly-UTF-8 file, each read as U+FFFD."""

    @property
    def warning(self) -> str | None:
        """A sentence for ``errors.jsonl`` when the text is not plain Unicode, else ``None``."""
        if self.replaced:
            return (
                f"mostly UTF-8: {self.replaced} invalid byte sequence(s) read as U+FFFD "
                "(mixed encodings?)"
            )
        if self.encoding.startswith(("utf-8", "utf-16", "utf-32")):
            return None
        return f"not UTF-8: decoded as {self.encoding} (confidence {self.confidence:.2f})"


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return bad / len(text)


def _check_text(
    text: str, encoding: str, confidence: float = 1.0, replaced: int = 0
) -> DecodedText:
    if _control_ratio(text) > MAX_CONTROL_RATIO:
        raise DecodeError(f"binary content (control characters after decoding as {encoding})")
    if not text.strip():
        raise DecodeError("no text (only whitespace)")
    return DecodedText(text, encoding, round(confidence, 2), replaced)


def _mostly_utf8(data: bytes) -> DecodedText | None:
    """``data`` read as UTF-8 with replacement when its valid multi-byte characters outnumber
    its invalid byte sequences (a UTF-8 file with a pasted legacy fragment), else ``None``."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if ord(ch) > 127) - invalid
    if multibyte <= invalid:
        return None
    return _check_text(text, "utf-8", replaced=invalid)


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
    return _mostly_utf8(data) or _check_text(*_legacy(data))


@cache
def legacy_encoding_languages() -> dict[str, frozenset[str]]:
    """Encoding → languages it is made for (``data/legacy_encodings.tsv``)."""
    table = resources.files("pipeline.ingest").joinpath("data/legacy_encodings.tsv")
    out: dict[str, frozenset[str]] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            encoding, langs = line.split("\t")
            out[encoding.strip()] = frozenset(langs.split())
    return out


def _legacy(data: bytes) -> tuple[str, str, float]:
    """Pick a legacy decoding: charset-normalizer proposes, language consistency decides.

    charset-normalizer ranks candidate code pages by how chaotic the decoded text looks, which
    does not tell cp1257 from cp1250 on short Latvian text. Among its candidates (in its order),
    the first whose decoded text is in a language its encoding is made for wins; otherwise its
    best guess stands. Returns the text, the codec and the decoding's confidence.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise DecodeError("undecodable: not UTF-8 and no legacy encoding fits")
    table = legacy_encoding_languages()
    for match in matches[:MAX_CANDIDATES]:
        langs = table.get(match.encoding)
        found = _language_of(str(match))
        if langs and found and found[0] in langs:
            return str(match), match.encoding, found[1]
    return str(matches[0]), matches[0].encoding, UNSURE_CONFIDENCE * (1.0 - matches[0].chaos)


def _language_of(text: str) -> tuple[str, float] | None:
    """The most likely language of ``text`` among the legacy codecs' languages, with the
    detector's confidence."""
    codes = sorted({c for langs in legacy_encoding_languages().values() for c in langs})
    detector = _detector(tuple(codes))
    values = detector.compute_language_confidence_values(text[:2000])
    if not values:
        return None
    return values[0].language.iso_code_639_1.name.lower(), values[0].value


@cache
def _detector(codes: tuple[str, ...]) -> LanguageDetector:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    isos = [getattr(IsoCode639_1, c.upper()) for c in codes]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).with_low_accuracy_mode().build()
