"""Speed of the date extraction stage on the seed corpus: megabytes of UTF-8 text per second on
one core (CPU time of this process, so other load on the machine does not count), median of 5
runs over all four seed files. Sentences and languages come from the pipeline's own segmenter
and language identification, prepared once outside the timing.

Run: ``.venv/bin/python -m benchmarks.dates_speed [--no-write] [--save-docs F | --docs F]``
"""

from __future__ import annotations

import statistics
import sys
import time

from benchmarks.report import machine, table, write_section
from pipeline.dates import extract_times
from pipeline.settings import PROJECT_ROOT

RUNS = 5


def prepared_seeds():
    """Analyzed seed documents (segmented, languages identified), or plain one-language
    documents when the ingest/langid stack is not importable (``--plain``)."""
    from pipeline.analyze import corpus_file, prepare_document
    from pipeline.settings import load_settings

    settings = load_settings()
    corpora = PROJECT_ROOT / "corpora"
    return [
        prepare_document(corpus_file(p, corpora), settings) for p in sorted(corpora.glob("*.txt"))
    ]


def plain_seeds():
    from pipeline.records import AnalyzedDocument, Segment

    langs = {"000": "lv", "001": "en", "002": "en", "003": "zh"}
    docs = []
    for path in sorted((PROJECT_ROOT / "corpora").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lang = langs.get(path.name[:3], "en")
        docs.append(
            AnalyzedDocument(
                path.stem,
                path.name,
                "",
                "utf-8",
                text,
                text,
                lang,
                None,
                [],
                [Segment(0, len(text), lang)],
            )
        )
    return docs


def measure(docs) -> tuple[list[float], list[float], int, int]:
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    for d in docs:
        extract_times(d)  # compile the grammars outside the timing
    cpu, wall = [], []
    count = 0
    for _ in range(RUNS):
        c0, w0 = time.process_time(), time.perf_counter()
        count = sum(len(extract_times(d)) for d in docs)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return cpu, wall, size, count


def main() -> None:
    import pickle

    plain = "--plain" in sys.argv
    if "--docs" in sys.argv:  # documents prepared elsewhere (e.g. to time on an idle machine)
        with open(sys.argv[sys.argv.index("--docs") + 1], "rb") as fh:
            docs = pickle.load(fh)
    else:
        docs = plain_seeds() if plain else prepared_seeds()
    if "--save-docs" in sys.argv:
        with open(sys.argv[sys.argv.index("--save-docs") + 1], "wb") as fh:
            pickle.dump(docs, fh)
    cpu, wall, size, count = measure(docs)
    mb = size / 1e6
    rows = [
        [
            "CPU time (this process)",
            f"{statistics.median(cpu):.3f}",
            f"{mb / statistics.median(cpu):.2f}",
        ],
        ["wall clock", f"{statistics.median(wall):.3f}", f"{mb / statistics.median(wall):.2f}"],
    ]
    body = (
        f"All four seed files, {size:,} bytes of UTF-8, {count} time expressions; "
        f"{'one segment per file' if plain else 'sentences and languages from the pipeline'}; "
        f"median of {RUNS} runs, one core ({machine()}). Target: ≥ 1 MB/s.\n\n"
        + table(["clock", "seconds (median)", "MB/s"], rows)
    )
    print(body)
    if "--no-write" not in sys.argv:
        write_section(
            "dates-speed", "Dates: extraction speed on the seeds", body, "benchmarks/dates_speed.py"
        )


if __name__ == "__main__":
    main()
