"""Cross-lingual entity linking measured per distinct name, on text nobody here wrote.

Run: ``.venv/bin/python -m benchmarks.entity_link_eval`` (``--sets ntrex-dev`` while developing;
``--write`` puts the tables into ``docs/benchmarks.md``).

Sets:

* ``ntrex-dev`` / ``ntrex-test`` / ``ntrex-dev2`` / ``ntrex-dev3``: 15 + 15 + 15 + 17 NTREX
  news documents (``../shared/data/parallel/ntrex-dev``, the splits of
  :data:`benchmarks.event_eval.NTREX_SPLITS`; each document is three files, en/lv/zh), gold
  names per line in ``benchmarks/gold/ntrex_entities_{dev,test,dev2,dev3}.tsv``. The dev sets
  are the ones to look at; the test set is only scored.
* ``seeds``: the seed corpus and the texts written for the benchmark, with
  ``benchmarks/gold/entities_xling.tsv`` (surfaces per entity, no positions).

The unit is a *name item*: (gold entity, language, distinct surface string), so an entity named
once weighs as much as one named a thousand times. An item's predicted entity is the majority
entity of the pipeline mentions at its occurrences (``--mentions pipeline``: the NER stage's
mentions, plus those the align stage's corpus name recall adds (:mod:`pipeline.align.recall`;
``--no-corpus-recall`` leaves them out), overlapping the gold span; ``--mentions oracle``: the
gold spans themselves, with gold labels and the stage's Latvian lemmatizer, which isolates linking
from NER). An item NER never found has no entity and joins nothing.

* pair precision / recall over all pairs of items (same gold entity vs same predicted entity);
* *joined*: of the gold entities named in ≥ 2 languages, the share whose items of every one of
  those languages are in one predicted entity;
* the list of wrong merges (predicted entities holding items of several gold entities);
* parallel-line agreement over all 62 NTREX documents (no gold): for every line pair across two
  languages and every label, ``|E_a ∩ E_b| / min(|E_a|, |E_b|)`` summed over lines, where ``E`` is
  the set of predicted entities named on that side.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from benchmarks.report import table, write_section
from pipeline.align import cluster, projection, recall
from pipeline.align.config import ALL_SIGNALS, DEFAULT_SIGNALS, AlignConfig
from pipeline.records import AnalyzedDocument, Mention

SCRIPT = "python -m benchmarks.entity_link_eval"
ROOT = Path(__file__).resolve().parents[1]
NTREX = ROOT.parent / "shared" / "data" / "parallel" / "ntrex-dev"
GOLD = ROOT / "benchmarks" / "gold"
LANGS = ("en", "lv", "zh")
STAGES = ("ner", "dates", "names")
"""Document stages the benchmark runs (the names stage holds the linking features)."""


@dataclass(frozen=True)
class GoldSpan:
    """One gold name occurrence: a surface on a line of one language's file."""

    doc: str
    line: int
    lang: str
    surface: str
    entity: str
    label: str


def read_gold(path: Path) -> list[GoldSpan]:
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        GoldSpan(r["doc"], int(r["line"]), r["lang"], r["surface"], r["entity"], r["label"])
        for r in rows
    ]


def ntrex_documents(names: list[str], stages: tuple[str, ...]) -> list[AnalyzedDocument]:
    """Analyze (or load from the benchmark's document cache) the en/lv/zh files of ``names``."""
    from pipeline.analyze import corpus_file, prepare_document, run_document_stages
    from pipeline.ops.cache import DocumentCache
    from pipeline.settings import load_settings

    settings = load_settings(
        stages=stages, outputs_dir=ROOT / "outputs" / "bench", corpora_dir=NTREX
    )
    cache = DocumentCache(settings)
    docs = []
    for name in names:
        for lang in LANGS:
            file = corpus_file(NTREX / name / f"{name}.{lang}.txt", NTREX)
            doc = cache.load(file)
            if doc is None:
                doc = prepare_document(file, settings)
                run_document_stages(doc, settings)
                cache.store(doc)
            docs.append(doc)
    return docs


def line_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts


def _doc_key(doc: AnalyzedDocument) -> tuple[str, str]:
    """(NTREX document, language) from a path like ``bbc_1/bbc_1.en.txt``."""
    folder, file = doc.path.split("/")
    return folder, file.rsplit(".", 2)[1]


def gold_occurrences(
    docs: list[AnalyzedDocument], gold: list[GoldSpan]
) -> list[tuple[GoldSpan, int, int, int]]:
    """(gold row, document index, start, end) for every occurrence of each row's surface on its
    line (all of them: a surface twice on a line is two occurrences)."""
    index = {_doc_key(d): i for i, d in enumerate(docs)}
    out = []
    for g in gold:
        di = index.get((g.doc, g.lang))
        if di is None:
            continue
        text = docs[di].text
        starts = line_starts(text)
        if g.line - 1 >= len(starts):
            raise ValueError(f"{g.doc}.{g.lang}: no line {g.line}")
        lo = starts[g.line - 1]
        hi = starts[g.line] if g.line < len(starts) else len(text)
        found = False
        for m in re.finditer(re.escape(g.surface), text[lo:hi]):
            out.append((g, di, lo + m.start(), lo + m.end()))
            found = True
        if not found:
            raise ValueError(f"gold {g.doc}.{g.lang}:{g.line}: {g.surface!r} not on that line")
    return out


def oracle_documents(
    docs: list[AnalyzedDocument], occurrences: list[tuple[GoldSpan, int, int, int]]
) -> list[AnalyzedDocument]:
    """Copies of ``docs`` whose mentions are exactly the gold spans (longest first, no overlap),
    Latvian ones lemmatized by the NER stage's lemmatizer."""
    from pipeline.ner.lemmatize import lemmatize_mentions

    by_doc: dict[int, list[tuple[GoldSpan, int, int]]] = defaultdict(list)
    for g, di, a, b in occurrences:
        by_doc[di].append((g, a, b))
    out = []
    for di, doc in enumerate(docs):
        # The names stage's features belong to the pipeline's mentions: linking recomputes them.
        stages = {k: v for k, v in doc.stages.items() if k != "names"}
        copy = AnalyzedDocument(
            **{**doc.__dict__, "mentions": [], "events": [], "names": [], "stages": stages}
        )
        starts = [s.start for s in doc.sentences]
        taken: list[tuple[int, int]] = []
        for g, a, b in sorted(by_doc.get(di, []), key=lambda x: (x[1] - x[2], x[1])):
            if any(a < y and x < b for x, y in taken):
                continue
            taken.append((a, b))
            sent = max(0, bisect.bisect_right(starts, a) - 1)
            copy.mentions.append(Mention(a, b, doc.text[a:b], g.label, g.lang, sent))
        copy.mentions.sort(key=lambda m: (m.start, m.end))
        lv = [m for m in copy.mentions if m.lang == "lv"]
        for m, lemma in zip(lv, lemmatize_mentions([(m.text, m.label) for m in lv]), strict=True):
            m.lemma = lemma
        out.append(copy)
    return out


def item_predictions(
    docs: list[AnalyzedDocument],
    occurrences: list[tuple[GoldSpan, int, int, int]],
    mention_entity: dict[tuple[str, int], str],
) -> dict[tuple[str, str, str], str | None]:
    """(entity, lang, surface) → majority predicted entity over its occurrences (None: missed)."""
    votes: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    spans = [[(m.start, m.end, i) for i, m in enumerate(d.mentions)] for d in docs]
    for g, di, a, b in occurrences:
        item = (g.entity, g.lang, g.surface)
        votes.setdefault(item, Counter())
        hits = [i for (x, y, i) in spans[di] if x < b and a < y]
        # The mention covering most of the gold span speaks for it.
        best = max(
            hits,
            key=lambda i: min(b, spans[di][i][1]) - max(a, spans[di][i][0]),
            default=None,
        )
        if best is not None:
            pred = mention_entity.get((docs[di].doc_id, best))
            if pred is not None:
                votes[item][pred] += 1
    return {k: (v.most_common(1)[0][0] if v else None) for k, v in votes.items()}


def scores(
    preds: dict[tuple[str, str, str], str | None], display: dict[str, str]
) -> dict[str, object]:
    """Pair P/R over items, joined share, and the wrong merges."""
    items = sorted(preds)
    tp = pred_pos = gold_pos = 0
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            a, b = items[i], items[j]
            same_gold = a[0] == b[0]
            pa, pb = preds[a], preds[b]
            same_pred = pa is not None and pa == pb
            gold_pos += same_gold
            pred_pos += same_pred
            tp += same_gold and same_pred
    by_entity: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for it in items:
        by_entity[it[0]].append(it)
    multi = {e: its for e, its in by_entity.items() if len({it[1] for it in its}) >= 2}
    joined = 0
    for its in multi.values():
        langs = {it[1] for it in its}
        per_pred: dict[str, set[str]] = defaultdict(set)
        for it in its:
            if preds[it] is not None:
                per_pred[preds[it]].add(it[1])
        if any(ls == langs for ls in per_pred.values()):
            joined += 1
    golds_of: dict[str, set[str]] = defaultdict(set)
    names_of: dict[str, set[str]] = defaultdict(set)
    for it in items:
        if preds[it] is not None:
            golds_of[preds[it]].add(it[0])
            names_of[preds[it]].add(f"{it[2]} ({it[1]})")
    wrong = [
        f"{display.get(p, p)}: {' + '.join(sorted(g))}"
        for p, g in sorted(golds_of.items(), key=lambda kv: display.get(kv[0], kv[0]))
        if len(g) > 1
    ]
    found = sum(1 for it in items if preds[it] is not None)
    return {
        "items": len(items),
        "found": found,
        "P": tp / pred_pos if pred_pos else 0.0,
        "R": tp / gold_pos if gold_pos else 0.0,
        "multi": len(multi),
        "joined": joined,
        "wrong": wrong,
    }


def line_agreement(
    docs: list[AnalyzedDocument], mention_entity: dict[tuple[str, int], str]
) -> tuple[int, int]:
    """(matched, possible) over line pairs of the parallel NTREX documents."""
    per_line: dict[tuple[str, str, int, str], set[str]] = defaultdict(set)
    for doc in docs:
        folder, lang = _doc_key(doc)
        starts = line_starts(doc.text)
        for i, m in enumerate(doc.mentions):
            ent = mention_entity.get((doc.doc_id, i))
            if ent is None:
                continue
            line = bisect.bisect_right(starts, m.start)
            per_line[(folder, lang, line, m.label)].add(ent)
    matched = possible = 0
    for (folder, lang, line, label), ents in per_line.items():
        for other in LANGS:
            if other <= lang:
                continue
            theirs = per_line.get((folder, other, line, label))
            if not theirs:
                continue
            matched += len(ents & theirs)
            possible += min(len(ents), len(theirs))
    return matched, possible


def ntrex_names() -> list[str]:
    return sorted(p.name for p in NTREX.iterdir() if p.is_dir())


def with_corpus_recall(
    docs: list[AnalyzedDocument], enabled: bool = True
) -> list[AnalyzedDocument]:
    """``docs`` with the mentions the align stage's corpus name recall and projection add (as the
    stage does)."""
    return recall.with_mentions(docs, projection.corpus_mentions(docs)[0]) if enabled else docs


def evaluate_ntrex(
    split: str,
    mentions: str,
    stages: tuple[str, ...],
    config: AlignConfig | None = None,
    corpus_recall: bool = True,
) -> dict[str, object]:
    gold = read_gold(GOLD / f"ntrex_entities_{split}.tsv")
    docs = ntrex_documents(sorted({g.doc for g in gold}), stages)
    occurrences = gold_occurrences(docs, gold)
    if mentions == "oracle":
        docs = oracle_documents(docs, occurrences)
    else:
        docs = with_corpus_recall(docs, corpus_recall)
    started = time.perf_counter()
    records, mention_entity = cluster.entity_records(docs, config)
    seconds = time.perf_counter() - started
    display = {r["id"]: r["name"] for r in records}
    result = scores(item_predictions(docs, occurrences, mention_entity), display)
    result["seconds"] = seconds
    return result


def evaluate_seeds(
    config: AlignConfig | None = None, corpus_recall: bool = True
) -> dict[str, object]:
    """Seeds + written texts: items are (entity, lang, surface) of ``entities_xling.tsv``; an
    item's occurrences are pipeline mentions whose text equals the surface."""
    from benchmarks.xling_gold import gold_names, load_documents

    names = gold_names()
    docs = with_corpus_recall(load_documents(stages=STAGES), corpus_recall)
    records, mention_entity = cluster.entity_records(docs, config)
    gold_of = {(n.lang, n.surface): n.entity for n in names}
    votes: dict[tuple[str, str, str], Counter] = {
        (n.entity, n.lang, n.surface): Counter() for n in names
    }
    for doc in docs:
        for i, m in enumerate(doc.mentions):
            ent = gold_of.get((m.lang, m.text))
            pred = mention_entity.get((doc.doc_id, i))
            if ent is not None and pred is not None:
                votes[(ent, m.lang, m.text)][pred] += 1
    present = {k: v for k, v in votes.items() if v}
    preds = {k: v.most_common(1)[0][0] for k, v in present.items()}
    display = {r["id"]: r["name"] for r in records}
    return scores(preds, display)  # type: ignore[arg-type]


def _row(name: str, r: dict[str, object]) -> list[str]:
    return [
        name,
        str(r["items"]),
        str(r["found"]),
        f"{r['P']:.3f}",
        f"{r['R']:.3f}",
        f"{r['joined']} of {r['multi']} ({r['joined'] / max(1, r['multi']):.2f})",  # type: ignore[operator]
        str(len(r["wrong"])),  # type: ignore[arg-type]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default="ntrex-dev,ntrex-dev2,ntrex-dev3,ntrex-test,seeds")
    parser.add_argument("--mentions", choices=("pipeline", "oracle", "both"), default="both")
    parser.add_argument("--agreement", action="store_true", help="parallel-line agreement (62)")
    parser.add_argument("--show-wrong", action="store_true", help="print wrong merges (dev sets)")
    parser.add_argument("--ablation", action="store_true", help="each signal off, NTREX dev")
    parser.add_argument(
        "--no-corpus-recall", action="store_true", help="pipeline mentions without corpus recall"
    )
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    stages = STAGES
    header = ["set", "name items", "found by NER", "pair P", "pair R", "joined", "wrong merges"]
    rows = []
    kinds = ("pipeline", "oracle") if args.mentions == "both" else (args.mentions,)
    for name in args.sets.split(","):
        for kind in kinds:
            if name == "seeds":
                if kind == "oracle":
                    continue
                r = evaluate_seeds(corpus_recall=not args.no_corpus_recall)
            else:
                r = evaluate_ntrex(
                    name.split("-", 1)[1], kind, stages, corpus_recall=not args.no_corpus_recall
                )
            label = f"{name}, {kind} mentions"
            rows.append(_row(label, r))
            print(" | ".join(rows[-1]), f"(align {r.get('seconds', 0):.1f} s)", flush=True)
            if args.show_wrong and name != "ntrex-test":
                for w in r["wrong"]:  # type: ignore[attr-defined]
                    print("   wrong:", w)
    text = table(header, rows)
    if args.agreement:
        docs = with_corpus_recall(ntrex_documents(ntrex_names(), stages), not args.no_corpus_recall)
        _, mention_entity = cluster.entity_records(docs)
        matched, possible = line_agreement(docs, mention_entity)
        line = f"Parallel-line agreement, all {len(docs) // 3} NTREX dev documents: {matched} of {possible} = {matched / max(1, possible):.3f}"
        print(line)
        text += "\n\n" + line
    print(text)
    if args.write:
        write_section("entity-linking", "Cross-lingual entity linking per name", text, SCRIPT)
    if args.ablation:
        ablation_rows = []
        for signal in (None, *ALL_SIGNALS):
            if signal is None:
                signals, name = DEFAULT_SIGNALS, "default signals"
            elif signal in DEFAULT_SIGNALS:
                signals, name = DEFAULT_SIGNALS - {signal}, f"without {signal}"
            else:
                signals, name = DEFAULT_SIGNALS | {signal}, f"with {signal}"
            config = AlignConfig(signals=frozenset(signals))
            r = evaluate_ntrex("dev", "oracle", stages, config)
            ablation_rows.append(_row(name, r) + [f"{r['seconds']:.1f}"])
            print(" | ".join(ablation_rows[-1]), flush=True)
        ablation = table(["NTREX dev, oracle mentions", *header[1:], "align s"], ablation_rows)
        print(ablation)
        if args.write:
            write_section(
                "entity-linking-ablation",
                "Cross-lingual entity linking: ablation (NTREX dev)",
                ablation,
                SCRIPT + " --ablation",
            )


if __name__ == "__main__":
    main()
