"""Noise masking keeps offsets: the analysis view has the text's length and differs only in noise."""

from __future__ import annotations

import pytest

from pipeline.text.noise import mask_noise


@pytest.mark.parametrize(
    ("text", "kept", "masked"),
    [
        ("The war began in 1988.[25] It ended", "The war began in 1988.", "[25]"),
        ("Armenia[a] and Azerbaijan[note 3] fought", "Armenia", "[note 3]"),
        ("ceasefire[citation needed] in May", "ceasefire", "[citation needed]"),
        ("停火協議於1994年5月生效[12]。", "停火協議於1994年5月生效", "[12]"),
        (
            "https://en.wikipedia.org/wiki/Karabakh Karabakh - Wikipedia",
            "Karabakh - Wikipedia",
            "https://",
        ),
        (
            "From Wikipedia, the free encyclopedia Jump to navigation Jump to search The war",
            "The war",
            "Jump to",
        ),
        ("Smith 2003, p. 5. ISBN 978-0-8147-1945-9. Retrieved 12 May 2020.", "Smith 2003", "ISBN"),
    ],
)
def test_noise_is_blanked_and_text_kept(text: str, kept: str, masked: str) -> None:
    view = mask_noise(text)
    assert len(view) == len(text)
    assert kept in view
    assert masked not in view
    for a, b in zip(text, view, strict=True):
        assert b == a or b == " "


def test_real_brackets_in_prose_are_kept() -> None:
    text = "He said they [the villagers] had left."
    assert mask_noise(text) == text


def test_repeated_short_lines_are_page_chrome() -> None:
    text = "Page header\nFirst paragraph of text.\nPage header\nSecond one.\nPage header\n"
    view = mask_noise(text)
    assert "Page header" not in view
    assert "First paragraph of text." in view
    assert view.count("\n") == text.count("\n")


def test_seed_views_keep_offsets(seed_files) -> None:
    for path in seed_files:
        text = path.read_text(encoding="utf-8")
        view = mask_noise(text)
        assert len(view) == len(text)
        differing = [i for i, (a, b) in enumerate(zip(text, view, strict=True)) if a != b]
        assert all(view[i] == " " for i in differing)
    scraped = mask_noise(seed_files[2].read_text(encoding="utf-8"))
    assert "Jump to navigation" not in scraped
    assert "[40]" not in scraped
    assert "First Nagorno-Karabakh War" in scraped
