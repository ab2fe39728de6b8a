"""Before/after table of two ``benchmarks.ner_eval --json`` runs (e.g. shipped vs retrained).

    .venv/bin/python -m benchmarks.ner_eval --profile fast --langs zh,lv --variants model \\
        --no-write --json build/eval/old_fast.json
    XLKB_MODELS_DIR=build/models-candidate .venv/bin/python -m benchmarks.ner_eval --profile fast \\
        --langs zh,lv --variants model --no-write --json build/eval/new_fast.json
    .venv/bin/python -m benchmarks.ner_compare build/eval/old_fast.json build/eval/new_fast.json

Rows are matched by (language, test set, setting); exact span + type F1 and overlap F1 (same
type, any overlap) of both runs and the change. ``--write NAME`` puts the table into section
``NAME`` of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json

from benchmarks.ner_eval import prf
from benchmarks.report import table, write_section


def load(path: str) -> dict[tuple[str, str, str], dict]:
    rows = json.load(open(path, encoding="utf-8"))["rows"]
    return {(r["lang"], r["set"], r["setting"].split(" ", 1)[-1]): r for r in rows}


def compare(before: str, after: str) -> str:
    old, new = load(before), load(after)
    rows = []
    for key, b in old.items():
        a = new.get(key)
        if a is None:
            continue
        f_old = prf(*b["exact"]["all"])[2]
        f_new = prf(*a["exact"]["all"])[2]
        o_old = prf(*b["overlap"])[2]
        o_new = prf(*a["overlap"])[2]
        per_type = " / ".join(f"{prf(*a['exact'][k])[2]:.1f}" for k in ("PER", "LOC", "ORG"))
        rows.append(
            [
                f"{key[0]}: {key[1]}",
                key[2],
                f"{f_old:.1f}",
                f"**{f_new:.1f}**",
                f"{f_new - f_old:+.1f}",
                per_type,
                f"{o_old:.1f}",
                f"{o_new:.1f}",
                b["exact"]["all"][2],
            ]
        )
    header = [
        "test set",
        "setting",
        "F1 before",
        "F1 after",
        "Δ",
        "after PER / LOC / ORG",
        "overlap F1 before",
        "overlap F1 after",
        "gold",
    ]
    return table(header, rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--write", default="", help="docs/benchmarks.md section name")
    parser.add_argument("--title", default="NER before/after retraining — fast profile")
    parser.add_argument("--note", default="", help="text under the table")
    args = parser.parse_args(argv)
    body = compare(args.before, args.after)
    if args.note:
        body += "\n\n" + args.note
    print(body)
    if args.write:
        write_section(
            args.write,
            args.title,
            body,
            f"python -m benchmarks.ner_compare {args.before} {args.after}",
        )


if __name__ == "__main__":
    main()
