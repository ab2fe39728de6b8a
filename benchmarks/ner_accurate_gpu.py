"""Held-out F1 and GPU throughput of the accurate NER model, as recorded by its training run.

    .venv/bin/python -m benchmarks.ner_accurate_gpu

The numbers come from ``models/ner-multi-e5/stage1-metrics.json``, written by
``python -m training.transformer_ner train`` at the end of stage 1's training on the lent GPU
(the shipped weights continued it on CPU: their ``metrics.json`` and the model card): every
held-out set is run through the model (bf16 autocast, batches of 128 sentences sorted by length,
sentences cut at 512 pieces) and decoded into character spans with the backend's own decoder
(:func:`pipeline.ner.backends.bio.decode_pieces`, no Chinese affix trimming).
Throughput counts whitespace words for lv/en and characters for zh, decoding included. Rerun the
training command on a GPU to reproduce them; the CPU pipeline numbers are in the sections written
by ``benchmarks.ner_eval`` and ``benchmarks.ner_speed`` (``--profile accurate``).

Runs that were not shipped keep their ``metrics.json`` in ``models/ner-multi-e5/ablations/``
(named after what they changed) and get a second table.
"""

from __future__ import annotations

import json

from benchmarks.report import table, write_section
from pipeline.settings import PROJECT_ROOT

METRICS = PROJECT_ROOT / "models" / "ner-multi-e5" / "stage1-metrics.json"
ABLATIONS = METRICS.parent / "ablations"
NAMES = {
    "lv-test": "lv: FullStack test (10 % docs)",
    "lv-tildener": "lv: TildeNER test",
    "zh-pd-test": "zh: People's Daily test",
    "zh-weibo-test": "zh: Weibo test (named)",
    "en-conll-test": "en: CoNLL-2003 test",
    "en-wikigold": "en: WikiGold",
}


def _rows(metrics: dict, run: str | None = None) -> list[list[object]]:
    rows = []
    for key, name in NAMES.items():
        m = metrics["final"][key]
        unit = "chars/s" if key.startswith("zh") else "words/s"
        rows.append(
            [
                *([run] if run else []),
                name,
                f"**{m['f1']:.1f}**",
                f"{m['p']:.1f}",
                f"{m['r']:.1f}",
                *(f"{m.get(f'f1_{label}', 0.0):.1f}" for label in ("PER", "LOC", "ORG")),
                m["gold"],
                f"{m['words_per_s']:,} {unit}",
            ]
        )
    return rows


def _run_line(metrics: dict) -> str:
    last = metrics["epochs"][-1]
    return (
        f"{metrics['device']}, {last['epoch']} epochs, {last['step']} steps in "
        f"{last['seconds']:.0f} s (batch {metrics['args']['batch_size']}, "
        f"lr {metrics['args']['lr']}); training sentences {metrics['train_sizes']}"
    )


def main() -> None:
    metrics = json.loads(METRICS.read_text(encoding="utf-8"))
    columns = ["F1", "P", "R", "F1 PER", "F1 LOC", "F1 ORG", "gold", "GPU speed"]
    body = table(["test set", *columns], _rows(metrics))
    body += f"\n\nTraining run: {_run_line(metrics)}."
    ablations = sorted(ABLATIONS.glob("*.json"))
    if ablations:
        rows, lines = [], []
        for path in ablations:
            run = json.loads(path.read_text(encoding="utf-8"))
            rows += _rows(run, path.stem)
            lines.append(f"- `{path.stem}`: {_run_line(run)}.")
        body += (
            "\n\nRuns not shipped (`models/ner-multi-e5/ablations/`; see the model card):\n\n"
            + table(["run", "test set", *columns], rows)
            + "\n\n"
            + "\n".join(lines)
        )
    print(body)
    write_section(
        "ner_accurate_gpu",
        "NER accurate model — training-run evaluation on the GPU",
        body,
        "python -m benchmarks.ner_accurate_gpu",
    )


if __name__ == "__main__":
    main()
