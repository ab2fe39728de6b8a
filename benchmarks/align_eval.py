"""Cross-lingual alignment benchmark: entity clustering, per-signal ablation, events, scaling.

Its entity figures count pairs of *mentions* on gold written beside the code, so a name mentioned
thousands of times outweighs all others: they are a regression check, not the headline. The
headline is ``benchmarks.entity_link_eval`` (per distinct name, on NTREX news nobody here wrote).

Run: ``.venv/bin/python -m benchmarks.align_eval`` (``--mentions pipeline`` to cluster the NER
stage's mentions instead of oracle mentions; ``--quick`` skips ablation and scaling).

Entities: pairwise precision/recall over *cross-lingual* mention pairs whose gold entity is known
(``benchmarks/gold/entities_xling.tsv``). A pair is a true positive when both mentions are in
one predicted entity and one gold entity. With ``--mentions oracle`` the mentions are every
occurrence of a gold surface (no lemmas: Latvian forms go through the rule-based stemmer); with
``--mentions pipeline`` they are the NER stage's output, scored where their text is a gold
surface; ``--mentions mixed`` keeps oracle lv/zh mentions but takes the English ones from the
small spaCy English model (real NER noise on one side).

Events: share of gold events (``benchmarks/gold/events_xling.tsv``) found (some predicted event
mention covers a gold snippet), aligned (one predicted event holds mentions of it in ≥ 2 gold
languages) and dated (the predicted interval contains the gold date).
"""

from __future__ import annotations

import argparse
import calendar
import copy
import pickle
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from benchmarks.report import table, write_section
from benchmarks.xling_gold import (
    gold_entity_of,
    gold_events,
    gold_names,
    load_documents,
    oracle_mentions,
    spacy_english_mentions,
)
from pipeline.align import cluster
from pipeline.align.config import ALL_SIGNALS, AlignConfig
from pipeline.align.events import align_events
from pipeline.encoders import embed
from pipeline.records import AnalyzedDocument

SCRIPT = "python -m benchmarks.align_eval"


def _pairs(cells: Counter, key_index: int | None) -> int:
    """Cross-lingual pairs inside groups of ``cells`` ((gold, pred, lang) → count) grouped by
    the key at ``key_index`` (0 gold, 1 pred) or by both (None)."""
    by_group: dict[tuple, Counter] = defaultdict(Counter)
    for (gold, pred, lang), n in cells.items():
        group = (gold, pred) if key_index is None else ((gold, pred)[key_index],)
        by_group[group][lang] += n
    total = 0
    for langs in by_group.values():
        s = sum(langs.values())
        total += (s * s - sum(v * v for v in langs.values())) // 2
    return total


def entity_scores(
    docs: list[AnalyzedDocument], mention_entity: dict[tuple[str, int], str], names
) -> dict[str, float]:
    """Pairwise P/R/F1 over cross-lingual pairs of gold-known mentions."""
    gold_of = gold_entity_of(names)
    cells: Counter = Counter()
    for doc in docs:
        for i, m in enumerate(doc.mentions):
            gold = gold_of.get((m.lang, m.text))
            pred = mention_entity.get((doc.doc_id, i))
            if gold is not None and pred is not None:
                cells[(gold, pred, m.lang)] += 1
    tp = _pairs(cells, None)
    pred_pairs = _pairs(cells, 1)
    gold_pairs = _pairs(cells, 0)
    p = tp / pred_pairs if pred_pairs else 0.0
    r = tp / gold_pairs if gold_pairs else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    joined = _entities_joined(cells)
    macro_p, macro_r = _macro(cells)
    return {
        "P": p, "R": r, "F1": f, "pairs": gold_pairs, "joined": joined,
        "macro_P": macro_p, "macro_R": macro_r,
    }  # fmt: skip


def _macro(cells: Counter) -> tuple[float, float]:
    """Pairwise precision averaged over predicted entities and recall averaged over gold
    entities (each entity counts once, however often it is mentioned)."""

    def per(key_index: int) -> float:
        groups: dict[str, Counter] = defaultdict(Counter)
        for cell, n in cells.items():
            groups[cell[key_index]][cell] += n
        scores = []
        for sub in groups.values():
            total = _pairs(sub, key_index)
            if total:
                scores.append(_pairs(sub, None) / total)
        return sum(scores) / len(scores) if scores else 0.0

    return per(1), per(0)


def _entities_joined(cells: Counter) -> float:
    """Share of cross-lingual gold entities whose mentions in all their languages share one
    predicted entity (the majority one)."""
    langs: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (gold, pred, lang), _ in cells.items():
        langs[gold].add(lang)
        by_pred[gold][pred].add(lang)
    xl = [g for g, ls in langs.items() if len(ls) >= 2]
    ok = sum(1 for g in xl if any(ls == langs[g] for ls in by_pred[g].values()))
    return ok / len(xl) if xl else 0.0


def prepare(mode: str, cache: Path | None) -> list[AnalyzedDocument]:
    """Benchmark documents with mentions (oracle or NER) and times (date stage when present)."""
    if cache and cache.is_file():
        return pickle.loads(cache.read_bytes())
    from pipeline.stages.registry import _DOCUMENT, _load

    _load()
    stages = tuple(
        s for s in ("ner", "dates") if s in _DOCUMENT and (mode == "pipeline" or s != "ner")
    )
    docs = load_documents(stages)
    if mode in ("oracle", "mixed"):
        names = gold_names()
        for doc in docs:
            doc.mentions = oracle_mentions(doc, names)
            if mode == "mixed":
                doc.mentions = sorted(
                    [m for m in doc.mentions if m.lang != "en"] + spacy_english_mentions(doc),
                    key=lambda m: (m.start, m.end),
                )
    if cache:
        cache.write_bytes(pickle.dumps(docs))
    return docs


def run_events(docs: list[AnalyzedDocument]) -> None:
    from pipeline.events.extract import extract_events

    for doc in docs:
        doc.events = extract_events(doc)


def _gold_interval(value: str) -> tuple[str, str]:
    parts = value.split("-")
    if len(parts) == 3:
        return value, value
    if len(parts) == 2:
        last = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
        return f"{value}-01", f"{value}-{last:02d}"
    return f"{value}-01-01", f"{value}-12-31"


def event_scores(docs: list[AnalyzedDocument], records: list[dict]) -> dict[str, object]:
    """Found / kind / dated per gold event mention; aligned per gold event; purity of records."""
    gold = gold_events()
    by_path = {Path(d.path).name: d for d in docs}
    record_of: dict[tuple[str, int], dict] = {}
    for r in records:
        for m in r["mentions"]:
            record_of[(m["doc"], m["start"])] = r
    found = kind_ok = dated = 0
    hits: dict[str, dict[str, str]] = defaultdict(dict)
    gold_of_record: dict[str, set[str]] = defaultdict(set)
    missed = []
    undated = []
    for g in gold:
        doc = by_path[g.doc]
        match = None
        pos = doc.text.find(g.snippet)
        while pos >= 0 and match is None:
            for ev in doc.events:
                if ev.start <= pos and pos + len(g.snippet) <= ev.end:
                    match = ev
                    break
            pos = doc.text.find(g.snippet, pos + 1)
        if match is None:
            missed.append((g.event, g.lang))
            continue
        found += 1
        kind_ok += match.kind == g.kind
        lo, hi = _gold_interval(g.date)
        if match.interval is not None and lo <= match.interval.start and match.interval.end <= hi:
            dated += 1
        else:
            undated.append((g.event, g.lang, match.interval))
        rec = record_of.get((doc.doc_id, match.start))
        if rec is not None:
            hits[g.event][g.lang] = rec["id"]
            gold_of_record[rec["id"]].add(g.event)
    events_langs: dict[str, set[str]] = defaultdict(set)
    for g in gold:
        events_langs[g.event].add(g.lang)
    aligned = full = 0
    for event, langs in events_langs.items():
        per_record = Counter(hits[event].values())
        best = per_record.most_common(1)[0][1] if per_record else 0
        aligned += best >= 2
        full += best == len(langs)
    pure = sum(1 for gs in gold_of_record.values() if len(gs) == 1)
    n = len(gold)
    return {
        "mentions": n,
        "events": len(events_langs),
        "found": found / n,
        "kind": kind_ok / max(found, 1),
        "dated": dated / max(found, 1),
        "aligned": aligned / len(events_langs),
        "full": full / len(events_langs),
        "purity": pure / max(len(gold_of_record), 1),
        "missed": missed,
        "undated": undated,
    }


def ablation(docs, names, base: AlignConfig) -> list[list[object]]:
    rows = []
    full = None
    for signal in (None, *ALL_SIGNALS):
        config = base if signal is None else replace(base, signals=base.signals - {signal})
        records, mention_entity = cluster.entity_records(docs, config)
        s = entity_scores(docs, mention_entity, names)
        if full is None:
            full = s
        rows.append(
            [
                "all signals" if signal is None else f"− {signal}",
                f"{s['P']:.3f}",
                f"{s['R']:.3f}",
                f"{s['F1']:.3f}",
                f"{s['F1'] - full['F1']:+.3f}",
                f"{s['macro_P']:.3f}",
                f"{s['macro_R']:.3f}",
                f"{s['joined']:.3f}",
            ]
        )
    return rows


def _tag(c: int, han: bool) -> str:
    """A made-up name part that makes copy ``c``'s names distinct (``Vokab``, ``沃卡``...)."""
    syllables = ("vo", "ka", "mi", "te", "ru", "so", "ne", "pi")
    han_syllables = "沃卡米特鲁索内皮"
    digits = [(c >> (3 * i)) & 7 for i in range(3)]
    if han:
        return "".join(han_syllables[d] for d in digits)
    return "".join(syllables[d] for d in digits).capitalize()


def _copy_corpus(docs: list[AnalyzedDocument], k: int) -> list[AnalyzedDocument]:
    """``k`` copies of the corpus; every copy after the first gets its own document ids and
    distinct names (each mention's text gains a made-up name part), so the number of distinct
    names grows with the corpus as it would with new documents."""
    out = []
    for c in range(k):
        for doc in docs:
            d = copy.copy(doc)
            d.doc_id = f"{doc.doc_id}~{c}"
            if c:
                d.mentions = [
                    replace(
                        m,
                        text=f"{m.text}·{_tag(c, True)}"
                        if m.lang == "zh"
                        else f"{m.text} {_tag(c, False)}",
                    )
                    for m in doc.mentions
                ]
            d.events = list(doc.events)
            out.append(d)
    return out


def scaling(docs: list[AnalyzedDocument], factors=(1, 2, 4, 8)) -> list[list[object]]:
    """Time of the whole alignment step (entities + events) as the corpus grows."""
    rows = []
    for k in factors:
        copies = _copy_corpus(docs, k)
        embed.clear_cache()
        trace: list = []
        started = time.perf_counter()
        records, mention_entity = cluster.entity_records(copies, trace=trace)
        entity_seconds = time.perf_counter() - started
        middle = time.perf_counter()
        align_events(copies, mention_entity)
        event_seconds = time.perf_counter() - middle
        n = len({(m.lang, m.text) for d in copies for m in d.mentions})
        rows.append(
            [
                f"{k}×",
                len(copies),
                sum(len(d.mentions) for d in copies),
                n,
                len(trace),
                n * (n - 1) // 2,
                sum(len(d.events) for d in copies),
                f"{entity_seconds:.1f}",
                f"{event_seconds:.1f}",
            ]
        )
        print(rows[-1])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mentions", choices=("oracle", "mixed", "pipeline"), default="oracle")
    parser.add_argument("--cache", type=Path, default=None, help="pickle of prepared documents")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    names = gold_names()
    docs = prepare(args.mentions, args.cache)
    base = AlignConfig()
    started = time.perf_counter()
    records, mention_entity = cluster.entity_records(docs, base)
    align_seconds = time.perf_counter() - started
    s = entity_scores(docs, mention_entity, names)
    print({k: round(v, 3) if isinstance(v, float) else v for k, v in s.items()})
    run_events(docs)
    started = time.perf_counter()
    labels = {e["id"]: e["label"] for e in records}
    ids = {e["id"]: e["ids"] for e in records}
    event_records = align_events(docs, mention_entity, labels, ids)
    event_seconds = time.perf_counter() - started
    ev = event_scores(docs, event_records)
    print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in ev.items()})
    body = [
        f"Mentions: **{args.mentions}**. {sum(len(d.mentions) for d in docs)} mentions in "
        f"{len(docs)} documents (4 seeds + 12 written texts); "
        f"{len({n.entity for n in names})} gold entities, {s['pairs']} gold cross-lingual pairs.",
        "",
        table(
            ["metric", "value", "target"],
            [
                ["pairwise precision (cross-lingual pairs)", f"{s['P']:.3f}", "≥ 0.95"],
                ["pairwise recall", f"{s['R']:.3f}", "≥ 0.85"],
                ["F1", f"{s['F1']:.3f}", ""],
                ["macro precision (per predicted entity)", f"{s['macro_P']:.3f}", ""],
                ["macro recall (per gold entity)", f"{s['macro_R']:.3f}", ""],
                ["gold entities joined across all their languages", f"{s['joined']:.3f}", ""],
                ["alignment time (s, incl. embeddings)", f"{align_seconds:.1f}", ""],
            ],
        ),
        "",
        f"Events: {ev['events']} gold events, {ev['mentions']} gold event mentions "
        f"(`benchmarks/gold/events_xling.tsv`); {sum(len(d.events) for d in docs)} event mentions "
        f"extracted, {len(event_records)} event records.",
        "",
        table(
            ["metric", "value", "target"],
            [
                ["gold event mentions found", f"{ev['found']:.3f}", "≥ 0.7"],
                ["… with the right kind", f"{ev['kind']:.3f}", ""],
                [
                    "… dated correctly (interval inside the gold date)",
                    f"{ev['dated']:.3f}",
                    "≥ 0.7",
                ],
                ["gold events aligned across ≥ 2 languages", f"{ev['aligned']:.3f}", "≥ 0.7"],
                ["gold events aligned across all their languages", f"{ev['full']:.3f}", ""],
                ["event records holding one gold event only (purity)", f"{ev['purity']:.3f}", ""],
                ["event alignment time (s)", f"{event_seconds:.1f}", ""],
            ],
        ),
    ]
    if not args.quick:
        rows = ablation(docs, names, base)
        for row in rows:
            print(row)
        body += [
            "",
            "Ablation (each signal switched off alone):",
            "",
            table(["configuration", "P", "R", "F1", "ΔF1", "macro P", "macro R", "joined"], rows),
        ]
        scale = scaling(docs)
        for row in scale:
            print(row)
        body += [
            "",
            "Alignment time as the corpus grows: k copies of the benchmark documents, every copy "
            "after the first with its own document ids and distinct names (a made-up name part "
            "added to each mention), so names grow with the corpus. Times are "
            "cold (embedding cache cleared); identical sentences are embedded once (cache), so embedding work grows "
            "with distinct names and sentences, not copies. Candidate pairs are what blocking "
            "leaves to score, against all pairs of distinct names.",
            "",
            table(
                [
                    "corpus",
                    "documents",
                    "mentions",
                    "distinct names",
                    "scored pairs",
                    "all pairs",
                    "event mentions",
                    "entity s",
                    "event s",
                ],
                scale,
            ),
        ]
    if not args.no_write:
        if args.mentions == "oracle":
            write_section(
                "align",
                "Cross-lingual entity alignment: mention pairs on the seed gold (regression check)",
                "\n".join(body),
                SCRIPT,
            )
        else:
            write_section(
                f"align-{args.mentions}",
                f"Cross-lingual alignment on {args.mentions} mentions: mention pairs (regression check)",
                "\n".join(body),
                f"{SCRIPT} --mentions {args.mentions}" + (" --quick" if args.quick else ""),
            )


if __name__ == "__main__":
    main()
