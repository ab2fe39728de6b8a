"""Language-ID accuracy on the lingua test data (``shared/data/langid``), per language and length.

Compares the pipeline's detector (script routing + lingua) with langdetect (fixed seed) and lingua
restricted to lv/en only, on sentences, word pairs and single words, for lv, en, zh (Simplified) and
zh converted to Traditional with OpenCC. Writes the ``langid`` section of docs/benchmarks.md.

    .venv/bin/python -m benchmarks.langid_eval [--data ../shared/data/langid]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.report import table, write_section
from pipeline.langid import detect_language
from pipeline.langid.detect import OTHER_LATIN, _lingua

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "langid"
KINDS = (("sentences", "sentences"), ("word-pairs", "word pairs"), ("single-words", "single words"))


def load(data: Path) -> dict[tuple[str, str], list[str]]:
    """(language column, kind) → lines; adds a ``zh-Hant`` column converted with OpenCC s2t."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    sets: dict[tuple[str, str], list[str]] = {}
    for kind, _ in KINDS:
        for lang in ("lv", "en", "zh"):
            lines = [
                ln.strip() for ln in (data / f"{kind}.{lang}.txt").read_text("utf-8").splitlines()
            ]
            sets[(lang, kind)] = [ln for ln in lines if ln]
        sets[("zh-Hant", kind)] = [s2t.convert(x) for x in sets[("zh", kind)]]
    return sets


def langdetect_fn() -> Callable[[str], str]:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def run(text: str) -> str:
        try:
            code = detect(text)
        except LangDetectException:
            return "und"
        return "zh" if code.startswith("zh") else code

    return run


def lingua_wide(text: str) -> str:
    result = _lingua(("lv", "en", "zh", *OTHER_LATIN)).detect_language_of(text)
    return result.iso_code_639_1.name.lower() if result else "und"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    sets = load(args.data)
    detectors: dict[str, Callable[[str], str]] = {
        "xlkb (script routing; lingua lv/en, 'other' check on ≥ 40 letters)": lambda t: (
            detect_language(t).lang
        ),
        "lingua over lv/en/zh + 18 other Latin languages": lingua_wide,
        "langdetect (seed 0, all 55 languages)": langdetect_fn(),
    }
    rows = []
    for name, fn in detectors.items():
        started = time.perf_counter()
        n = 0
        for (lang, kind), lines in sets.items():
            expected = lang.split("-")[0]
            correct = sum(fn(x) == expected for x in lines)
            n += len(lines)
            label = dict(KINDS)[kind]
            rows.append([name, lang, label, len(lines), f"{100 * correct / len(lines):.1f}"])
        per_item = (time.perf_counter() - started) / n * 1e3
        rows.append([name, "all", "time per text", n, f"{per_item:.2f} ms"])
    body = (
        "Accuracy (%) of choosing the right language; `zh-Hant` is the Simplified test set converted "
        "with OpenCC `s2t`. Targets: sentences ≥ 99.5 for lv, en, zh, zh-Hant; word pairs ≥ 95.\n\n"
        + table(["detector", "language", "test", "n", "accuracy %"], rows)
    )
    write_section("langid", "Language identification", body, "benchmarks/langid_eval.py")
    print(body)


if __name__ == "__main__":
    main()
