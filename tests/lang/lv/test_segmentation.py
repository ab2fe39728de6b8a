"""Latvian sentence segmentation: ordinals, dates and abbreviations do not end a sentence."""

from __future__ import annotations

import pytest

from pipeline.text.segment import sentences


def split(text: str) -> list[str]:
    return [text[a:b] for a, b, _ in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Konflikts sākās 1988. gadā. Karš beidzās 1994. gada 12. maijā.",
            ["Konflikts sākās 1988. gadā.", "Karš beidzās 1994. gada 12. maijā."],
        ),
        (
            "No 1922. līdz 1936. gadam tas bija PFSR sastāvā. Tad sekoja pārmaiņas.",
            ["No 1922. līdz 1936. gadam tas bija PFSR sastāvā.", "Tad sekoja pārmaiņas."],
        ),
        (
            "Armēņi, azerbaidžāņi u.c. tautas dzīvoja kopā. Tā bija 4. gs. beigās.",
            ["Armēņi, azerbaidžāņi u.c. tautas dzīvoja kopā.", "Tā bija 4. gs. beigās."],
        ),
        (
            "Prezidents H. Alijevs parakstīja vienošanos. Tas notika piem. Biškekā.",
            ["Prezidents H. Alijevs parakstīja vienošanos.", "Tas notika piem. Biškekā."],
        ),
        ("Vai karš beigsies? Neviens nezināja!", ["Vai karš beigsies?", "Neviens nezināja!"]),
        ("Pirmā rindkopa.\n\nOtrā rindkopa.", ["Pirmā rindkopa.", "Otrā rindkopa."]),
    ],
)
def test_latvian_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected
