"""NER throughput (words per second) and peak memory on the seed corpus, per language.

    .venv/bin/python -m benchmarks.ner_speed --profile fast
    .venv/bin/python -m benchmarks.ner_speed --profile accurate --runtimes onnx,onnx-int8,torch

The seeds (``corpora/*.txt``) are read, segmented and language-identified by the project's own
ingest (:func:`pipeline.analyze.prepare_document`); then, in a FRESH process per language (so peak
memory is that language's model alone), the NER of that language's sentences is timed after one
warm-up pass, repeated until at least 3 seconds have been measured. Words are ``\\w+`` runs for
lv/en and Han characters for zh (Chinese has no spaces; "words/s" for zh counts characters).
Peak memory is the process's maximum resident set size (model + Python + libraries).
``--runtimes`` times the transformers backend once per CPU runtime (``XLKB_NER_RUNTIME``: ONNX
Runtime fp32 or int8, or PyTorch eager); the spaCy backend has one runtime.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.report import table, write_section
from pipeline.settings import load_settings

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"\w+")


def seed_sentences(lang: str, corpora: Path) -> list[str]:
    from pipeline.analyze import corpus_file, prepare_document

    settings = load_settings(corpora_dir=corpora)
    out = []
    for path in sorted(corpora.glob("*.txt")):
        doc = prepare_document(corpus_file(path, corpora), settings)
        out += [
            doc.analysis_text[s.start : s.end]
            for s in doc.sentences
            if s.lang == lang and doc.analysis_text[s.start : s.end].strip()
        ]
    return out


def count_words(sentences: list[str], lang: str) -> int:
    pattern = HAN if lang == "zh" else WORD
    return sum(len(pattern.findall(s)) for s in sentences)


def measure_one(lang: str, profile: str, corpora: Path) -> dict[str, object]:
    """Run in a fresh process: load, warm up, time; returns a JSON-able result."""
    from pipeline.ner.base import backend_options, get_backend, resolve
    from pipeline.ner.stage import recognize_documents

    settings = load_settings(ner_profile=profile)
    sentences = seed_sentences(lang, corpora)
    words = count_words(sentences, lang)
    started = time.perf_counter()
    recognize_documents([sentences], lang, settings)  # loads the model
    load_and_first = time.perf_counter() - started
    runs, elapsed, cpu = 0, 0.0, 0.0
    while elapsed < 3.0 or runs < 2:
        started, cpu_started = time.perf_counter(), time.process_time()
        recognize_documents([sentences], lang, settings)  # the stage's path, one document
        elapsed += time.perf_counter() - started
        cpu += time.process_time() - cpu_started
        runs += 1
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    name, model = resolve(lang, settings)
    return {
        "lang": lang,
        "runtime": getattr(
            get_backend(name, model, backend_options(name, settings)), "runtime", "spacy"
        ),
        "model": f"{name}+{model}".replace(str(settings.models_dir) + "/", ""),
        "sentences": len(sentences),
        "words": words,
        "words_per_s": words * runs / elapsed,
        "words_per_cpu_s": words * runs / cpu,
        "load_average": os.getloadavg()[0],
        "first_pass_s": load_and_first,
        "peak_mib": peak_kib / 1024,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", default="fast", choices=["fast", "accurate"])
    parser.add_argument("--langs", default="lv,en,zh")
    parser.add_argument("--corpora", type=Path, default=None)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--runtimes", default="auto", help="comma-separated XLKB_NER_RUNTIME values to time"
    )
    parser.add_argument("--tag", default="", help="write the table to its own section NAME")
    args = parser.parse_args(argv)
    corpora = args.corpora or load_settings().corpora_dir
    if args.one:
        print(json.dumps(measure_one(args.one, args.profile, corpora)))
        return
    rows = []
    for lang in args.langs.split(","):
        for runtime in args.runtimes.split(","):
            cmd = [sys.executable, "-m", "benchmarks.ner_speed", "--one", lang]
            cmd += ["--profile", args.profile, "--corpora", str(corpora)]
            env = {**os.environ, "XLKB_NER_RUNTIME": runtime}
            done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            unit = "chars" if lang == "zh" else "words"
            rows.append(
                [
                    lang,
                    result["model"],
                    result["runtime"],
                    result["sentences"],
                    f"{result['words']} {unit}",
                    f"**{result['words_per_s']:,.0f}**",
                    f"{result['words_per_cpu_s']:,.0f}",
                    f"{result['load_average']:.1f}",
                    f"{result['first_pass_s']:.1f}",
                    f"{result['peak_mib']:.0f}",
                ]
            )
            print(rows[-1], flush=True)
    header = [
        "lang",
        "backend+model",
        "runtime",
        "sentences",
        "size",
        "words/s (wall)",
        "words per CPU-second",
        "load average",
        "load + 1st pass s",
        "peak MiB",
    ]
    body = table(header, rows) + (
        "\n\nCPU only (spaCy layers multiply through numpy BLAS, ONNX Runtime and PyTorch: "
        "2 threads each); zh counts Han characters. Seeds segmented and "
        "language-identified by the project's ingest; gazetteer included. Wall-clock words/s "
        "depend on what else runs (load average = 1-minute load when measured, on 2 cores); "
        "words per CPU-second (process CPU time) is the throughput of one fully available core."
    )
    print(body)
    if not args.no_write:
        command = f"python -m benchmarks.ner_speed --profile {args.profile}"
        if args.runtimes != "auto":
            command += f" --langs {args.langs} --runtimes {args.runtimes}"
        write_section(
            f"ner_speed_{args.profile}" + (f"_{args.tag}" if args.tag else ""),
            f"NER speed — {args.profile} profile" + (f", {args.tag}" if args.tag else ""),
            body,
            command + (f" --tag {args.tag}" if args.tag else ""),
        )


if __name__ == "__main__":
    main()
