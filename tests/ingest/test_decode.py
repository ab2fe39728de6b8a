"""Decoding of every supported encoding, and a clear reason for every rejected input."""

from __future__ import annotations

import codecs

import pytest

from pipeline.ingest.decode import DecodeError, decode_bytes

LV = "Kalnu Karabahas konflikts ir teritoriāls un etnisks konflikts starp Armēniju un Azerbaidžānu."
EN = "The Nagorno-Karabakh conflict is an ethnic and territorial conflict."
ZH = "第一次納戈爾諾-卡拉巴赫戰爭是一場於1988年2月至1994年5月之間發生的戰爭。"
RU = "Карабахский конфликт — этнополитический конфликт в Закавказье между азербайджанцами и армянами."


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (LV.encode("utf-8"), LV, "utf-8"),
        (codecs.BOM_UTF8 + LV.encode("utf-8"), LV, "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ZH.encode("utf-16-le"), ZH, "utf-16"),
        (codecs.BOM_UTF16_BE + ZH.encode("utf-16-be"), ZH, "utf-16"),
        (codecs.BOM_UTF32_LE + EN.encode("utf-32-le"), EN, "utf-32"),
        (ZH.encode("utf-8"), ZH, "utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32-bom", "utf8-zh"],
)
def test_unicode_encodings_round_trip(data: bytes, text: str, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == encoding


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (LV + " " + LV, "cp1257"),  # Baltic Windows code page
        (RU + " " + RU, "cp1251"),  # Cyrillic Windows code page
        (
            "Café au lait, naïve façade, déjà vu — these are French loanwords used in English.",
            "cp1252",
        ),
    ],
)
def test_legacy_single_byte_encodings_are_detected(text: str, codec: str) -> None:
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding not in ("utf-8", "utf-8-sig")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n\t  ", "no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        (bytes(range(0, 32)) * 20, "binary"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa invalid", "invalid utf-8-sig"),
    ],
    ids=["empty", "whitespace", "png", "control-bytes", "broken-bom"],
)
def test_bad_input_is_rejected_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)
