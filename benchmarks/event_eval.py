"""Event detection and cross-lingual event alignment measured on independent gold.

Run: ``.venv/bin/python -m benchmarks.event_eval`` (``--sets dev`` while developing,
``--show-wrong`` to list the dev sets' misses and wrong merges, ``--write`` to refresh the
``event-alignment`` section of ``docs/benchmarks.md``).

Sets:

* ``dev`` / ``test`` / ``dev2`` / ``dev3``: the NTREX news documents of the entity benchmark's
  split (:data:`NTREX_SPLITS`: ``sorted(folders)[0:30:2]`` / ``[1:30:2]`` / ``[31:61:2]`` /
  the other 17 of ``../shared/data/parallel/ntrex-dev``), each document three files (en/lv/zh)
  of one corpus per set; hand-annotated gold in
  ``benchmarks/gold/ntrex_events_{dev,test,dev2,dev3}.tsv`` (one row per happening and document
  with the lines that tell it; see the files' header for the guidelines). The gold is
  exhaustive, so detection precision is measured. The dev sets are looked at row by row;
  ``test`` is only scored.
* ``seeds``: the seed corpus and the written texts with ``benchmarks/gold/events_xling.tsv``
  (a snippet per event and language); a gold event's units are the sentences holding its
  snippets. That gold is not exhaustive: no precision there.

The pipeline runs as in a real build: every document stage (from the benchmark's document
cache, then the ``events`` stage again on the loaded documents so that its current code runs and
is timed), then the ``align`` corpus stage (entities, then events) over the set's documents.

A predicted *mention* is a span of a KB ``event`` record; it sits on the line(s) (NTREX) or
sentence(s) (seeds) it overlaps; its language is its file's language (NTREX) or its own.

* detected: gold events with some mention on one of their lines (any language; per language);
* precision: share of predicted mentions on a line that carries a gold event (per language);
* kind: share of the mentions on gold lines whose own kind is the kind of a gold event there;
* aligned ≥ 2 / all 3: some record holds mentions in ≥ 2 (all 3) languages on the event's
  lines (for events told in fewer languages — a few seeds — "all" means all of theirs);
* aligned + dated: such a record whose interval lies inside the gold date at its granularity
  (day, month, year, decade), or both undated;
* purity: of the records with mentions in ≥ 2 languages, the share whose mentions all lie on
  the lines of one gold event (seeds, whose gold is not exhaustive: only the mentions on gold
  sentences count, both for the ≥ 2 languages and for the check);
* seconds of the events stage (cold sentence-vector cache, model loaded) and of event alignment.
"""

from __future__ import annotations

import argparse
import bisect
import calendar
import csv
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.report import table, write_section
from pipeline.records import AnalyzedDocument

SCRIPT = "python -m benchmarks.event_eval"
ROOT = Path(__file__).resolve().parents[1]
NTREX = ROOT.parent / "shared" / "data" / "parallel" / "ntrex-dev"
GOLD = ROOT / "benchmarks" / "gold"
LANGS = ("en", "lv", "zh")
DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|\d{3}0s)$")


@dataclass(frozen=True)
class GoldEvent:
    """One gold happening as told in one document: ``lines`` of that document, all languages."""

    doc: str
    event: str
    lines: tuple[int, ...]
    kind: str
    date: str
    description: str


def read_gold(path: Path) -> list[GoldEvent]:
    """Rows of an NTREX event gold file (comment lines start with ``#``)."""
    with path.open(encoding="utf-8") as fh:
        body = [line for line in fh if not line.startswith("#")]
    rows = csv.DictReader(body, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [
        GoldEvent(
            r["doc"],
            r["event"],
            tuple(int(x) for x in r["lines"].split(",")),
            r["kind"],
            r["date"],
            r["description"],
        )
        for r in rows
    ]


NTREX_SPLITS = {
    "dev": range(0, 30, 2),
    "test": range(1, 30, 2),
    "dev2": range(31, 61, 2),
    "dev3": (*range(30, 61, 2), 61),
}
"""Indexes into the sorted NTREX document folders of each gold split (the entity gold's splits
too); ``dev3`` holds the 17 documents no other split does."""


def split_names(split: str) -> list[str]:
    """The NTREX documents of a split."""
    names = sorted(p.name for p in NTREX.iterdir() if p.is_dir())
    return [names[i] for i in NTREX_SPLITS[split]]


def gold_interval(value: str) -> tuple[str, str] | None:
    """Inclusive ISO bounds of a gold date (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, ``YYY0s``)."""
    if not value:
        return None
    if value.endswith("s"):
        return f"{value[:4]}-01-01", f"{int(value[:4]) + 9:04d}-12-31"
    parts = value.split("-")
    if len(parts) == 3:
        return value, value
    if len(parts) == 2:
        last = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
        return f"{value}-01", f"{value}-{last:02d}"
    return f"{value}-01-01", f"{value}-12-31"


def date_right(gold: str, interval: dict[str, str] | None) -> bool:
    bounds = gold_interval(gold)
    if bounds is None or interval is None:
        return bounds is None and interval is None
    return bounds[0] <= interval["start"] and interval["end"] <= bounds[1]


# --- running the pipeline ---------------------------------------------------------------------


def stage_names() -> tuple[str, ...]:
    from pipeline.settings import load_settings
    from pipeline.stages import document_stages

    return tuple(s.name for s in document_stages(load_settings()))


def ntrex_documents(names: list[str], fresh: bool) -> list[AnalyzedDocument]:
    """The en/lv/zh files of ``names``, all document stages (from the benchmark's cache unless
    ``fresh``)."""
    from pipeline.analyze import corpus_file, prepare_document, run_document_stages
    from pipeline.ops.cache import DocumentCache
    from pipeline.settings import load_settings

    settings = load_settings(
        stages=stage_names(), outputs_dir=ROOT / "outputs" / "bench", corpora_dir=NTREX
    )
    cache = DocumentCache(settings)
    docs = []
    for name in names:
        for lang in LANGS:
            file = corpus_file(NTREX / name / f"{name}.{lang}.txt", NTREX)
            doc = None if fresh else cache.load(file)
            if doc is None:
                doc = prepare_document(file, settings)
                run_document_stages(doc, settings)
                cache.store(doc)
            docs.append(doc)
    return docs


def seed_documents() -> list[AnalyzedDocument]:
    from benchmarks.xling_gold import load_documents

    return load_documents(stages=stage_names())


def rerun_events(docs: list[AnalyzedDocument]) -> float:
    """Run the events stage again on ``docs`` (current code, cold vector cache); its seconds."""
    from pipeline.analyze import run_document_stages
    from pipeline.encoders import embed
    from pipeline.settings import load_settings

    settings = load_settings(stages=stage_names())
    embed.embed(["model warm-up"])  # loading the encoder is not the stage's work
    embed.clear_cache()
    timings: dict[str, float] = {}
    for doc in docs:
        run_document_stages(doc, settings, only="events", timings=timings)
    return timings.get("events", 0.0)


def align(docs: list[AnalyzedDocument]) -> tuple[list[dict[str, Any]], float, float]:
    """(event records, seconds of the whole align stage, seconds of event alignment in it)."""
    import pipeline.align.stage as align_stage
    from pipeline.settings import load_settings
    from pipeline.stages import CorpusResult

    spent: list[float] = []
    original = getattr(align_stage, "align_events", None)

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)  # type: ignore[misc]
        finally:
            spent.append(time.perf_counter() - started)

    if original is not None:
        align_stage.align_events = timed
    try:
        result = CorpusResult()
        started = time.perf_counter()
        align_stage.AlignStage(load_settings()).run(docs, result)
        total = time.perf_counter() - started
    finally:
        if original is not None:
            align_stage.align_events = original
    return result.events, total, (sum(spent) if spent else float("nan"))


# --- units: where gold events and predicted mentions sit --------------------------------------

Unit = tuple[str, str, int]
"""(document key, language, line or sentence number)."""


@dataclass
class Prepared:
    """A set ready to score: gold events keyed by id with their units, and the mapping of a
    predicted span to units."""

    events: dict[str, dict[str, Any]]
    """gold id → {"kind", "date", "units": set[Unit], "langs": set[str], "description"}."""
    span_units: Any
    """(doc id, start, end) → (language, set[Unit])."""
    exhaustive: bool
    doc_label: dict[str, str] = field(default_factory=dict)


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def prepare_ntrex(split: str, docs: list[AnalyzedDocument]) -> Prepared:
    gold = read_gold(GOLD / f"ntrex_events_{split}.tsv")
    folder_lang = {}
    starts = {}
    for d in docs:
        folder, file = d.path.split("/")
        folder_lang[d.doc_id] = (folder, file.rsplit(".", 2)[1])
        starts[d.doc_id] = _line_starts(d.text)
    events: dict[str, dict[str, Any]] = {}
    for g in gold:
        e = events.setdefault(
            g.event,
            {"kind": g.kind, "date": g.date, "units": set(), "langs": set(LANGS), "desc": []},
        )
        e["desc"].append(f"{g.doc}:{','.join(map(str, g.lines))} {g.description}")
        for line in g.lines:
            for lang in LANGS:
                e["units"].add((g.doc, lang, line))

    def span_units(doc_id: str, start: int, end: int) -> tuple[str, set[Unit]]:
        folder, lang = folder_lang[doc_id]
        st = starts[doc_id]
        first = bisect.bisect_right(st, start)
        last = bisect.bisect_right(st, max(start, end - 1))
        return lang, {(folder, lang, n) for n in range(first, last + 1)}

    label = {i: f"{folder}.{lang}" for i, (folder, lang) in folder_lang.items()}
    return Prepared(events, span_units, True, label)


def prepare_seeds(docs: list[AnalyzedDocument]) -> Prepared:
    from benchmarks.xling_gold import gold_events

    by_name = {Path(d.path).name: d for d in docs}
    by_id = {d.doc_id: d for d in docs}
    sent_starts = {d.doc_id: [s.start for s in d.sentences] for d in docs}
    events: dict[str, dict[str, Any]] = {}

    def sentences(doc: AnalyzedDocument, start: int, end: int) -> list[int]:
        st = sent_starts[doc.doc_id]
        first = max(0, bisect.bisect_right(st, start) - 1)
        last = max(0, bisect.bisect_right(st, max(start, end - 1)) - 1)
        return list(range(first, last + 1))

    for g in gold_events():
        doc = by_name.get(g.doc)
        e = events.setdefault(
            g.event, {"kind": g.kind, "date": g.date, "units": set(), "langs": set(), "desc": []}
        )
        e["langs"].add(g.lang)
        e["desc"].append(f"{g.doc} {g.snippet}")
        if doc is None:
            continue
        pos = doc.text.find(g.snippet)
        while pos >= 0:
            for n in sentences(doc, pos, pos + len(g.snippet)):
                e["units"].add((doc.doc_id, g.lang, n))
            pos = doc.text.find(g.snippet, pos + 1)

    def span_units(doc_id: str, start: int, end: int) -> tuple[str, set[Unit]]:
        doc = by_id[doc_id]
        n = sentences(doc, start, end)
        lang = doc.sentences[n[0]].lang if doc.sentences else doc.lang
        return lang, {(doc_id, lang, k) for k in n}

    label = {d.doc_id: Path(d.path).name for d in docs}
    return Prepared(events, span_units, False, label)


# --- scoring ----------------------------------------------------------------------------------


def score(
    prep: Prepared, docs: list[AnalyzedDocument], records: list[dict[str, Any]]
) -> dict[str, Any]:
    own_kind = {(d.doc_id, ev.start): ev.kind for d in docs for ev in d.events}
    unit_events: dict[Unit, set[str]] = defaultdict(set)
    for gid, e in prep.events.items():
        for u in e["units"]:
            unit_events[u].add(gid)
    n = len(prep.events)
    detected: dict[str, set[str]] = defaultdict(set)  # lang → gold ids
    pred = Counter()
    on_gold = Counter()
    kind_ok = Counter()
    # per record: language → gold ids hit; and whether every mention is within one gold event
    record_hits: list[tuple[dict[str, Any], dict[str, set[str]], set[str] | None, set[str]]] = []
    wrong_kind = []
    off_gold: list[tuple[str, str, str, str]] = []
    for r in records:
        hits: dict[str, set[str]] = defaultdict(set)
        langs: set[str] = set()
        common: set[str] | None = None
        for m in r["mentions"]:
            lang, units = prep.span_units(m["doc"], m["start"], m["end"])
            golds = set().union(*(unit_events.get(u, set()) for u in units))
            # Without exhaustive gold a mention outside it says nothing about purity.
            if prep.exhaustive or golds:
                langs.add(lang)
                common = golds if common is None else common & golds
            pred[lang] += 1
            if not golds:
                where = ",".join(f"{u[0]}:{u[2]}" for u in sorted(units))
                off_gold.append(
                    (lang, where, own_kind.get((m["doc"], m["start"]), r["kind"]), m["text"][:100])
                )
            if golds:
                on_gold[lang] += 1
                kind = own_kind.get((m["doc"], m["start"]), r["kind"])
                if any(prep.events[g]["kind"] == kind for g in golds):
                    kind_ok[lang] += 1
                else:
                    wrong_kind.append(
                        (kind, sorted({prep.events[g]["kind"] for g in golds}), m["text"][:90])
                    )
                for g in golds:
                    hits[lang].add(g)
                    detected[lang].add(g)
        record_hits.append((r, hits, common, langs))
    aligned, full, dated = set(), set(), set()
    record_dates: dict[str, list[str]] = defaultdict(list)
    for r, hits, _, _ in record_hits:
        per_gold: dict[str, set[str]] = defaultdict(set)
        for lang, golds in hits.items():
            for g in golds:
                per_gold[g].add(lang)
        for g, ls in per_gold.items():
            if len(ls) >= 2:
                aligned.add(g)
                if ls >= prep.events[g]["langs"]:
                    full.add(g)
                if date_right(prep.events[g]["date"], r["interval"]):
                    dated.add(g)
                iv = r["interval"]
                record_dates[g].append(f"{iv['start']}..{iv['end']}" if iv else "undated")
    multi = [(r, common) for r, _, common, langs in record_hits if len(langs) >= 2]
    pure = [r for r, common in multi if common]
    all_detected = set().union(*detected.values()) if detected else set()
    lang_events = {
        lang: sum(1 for e in prep.events.values() if lang in e["langs"]) for lang in LANGS
    }
    wrong_merges = [r for r, common in multi if not common]
    return {
        "events": n,
        "lang_events": lang_events,
        "detected": len(all_detected),
        "detected_lang": {lang: len(detected[lang]) for lang in LANGS},
        "pred": pred,
        "on_gold": on_gold,
        "kind_ok": kind_ok,
        "aligned": len(aligned),
        "full": len(full),
        "dated": len(dated),
        "multi": len(multi),
        "pure": len(pure),
        "records": len(records),
        "missed": sorted(set(prep.events) - all_detected),
        "unaligned": sorted(all_detected - aligned),
        "misdated": sorted(aligned - dated),
        "record_dates": record_dates,
        "partial": sorted(aligned - full),
        "wrong_merges": wrong_merges,
        "wrong_kind": wrong_kind,
        "off_gold": off_gold,
    }


def _ratio(a: int, b: int) -> str:
    """Three decimals: two would show 33 of 51 (0.647) as 0.65, a target it misses."""
    return f"{a / b:.3f}" if b else "—"


def summary_row(name: str, s: dict[str, Any], exhaustive: bool, sec: tuple[float, ...]) -> list:
    n = s["events"]
    total_pred = sum(s["pred"].values())
    total_on = sum(s["on_gold"].values())
    return [
        name,
        n,
        f"{s['detected']} ({_ratio(s['detected'], n)})",
        _ratio(total_on, total_pred) if exhaustive else "—",
        _ratio(sum(s["kind_ok"].values()), total_on),
        f"{s['aligned']} ({_ratio(s['aligned'], n)})",
        f"{s['full']} ({_ratio(s['full'], n)})",
        f"{s['dated']} ({_ratio(s['dated'], n)})",
        f"{s['pure']} of {s['multi']} ({_ratio(s['pure'], s['multi'])})",
        f"{total_pred} / {s['records']}",
        f"{sec[0]:.1f} / {sec[1]:.2f}",
    ]


def lang_rows(name: str, s: dict[str, Any], exhaustive: bool) -> list[list]:
    rows = []
    for lang in LANGS:
        n = s["lang_events"][lang]
        d = s["detected_lang"][lang]
        rows.append(
            [
                name,
                lang,
                n,
                f"{d} ({_ratio(d, n)})",
                f"{s['on_gold'][lang]} of {s['pred'][lang]} ({_ratio(s['on_gold'][lang], s['pred'][lang])})"
                if exhaustive
                else "—",
                _ratio(s["kind_ok"][lang], s["on_gold"][lang]),
            ]
        )
    return rows


def show_wrong(prep: Prepared, s: dict[str, Any]) -> None:
    ev = prep.events

    def line(g: str) -> str:
        e = ev[g]
        return f"{g} [{e['kind']}, {e['date'] or 'undated'}] {' | '.join(e['desc'])}"

    print(f"\n  missed ({len(s['missed'])}):")
    for g in s["missed"]:
        print("   ", line(g))
    print(f"\n  detected, not aligned across 2 languages ({len(s['unaligned'])}):")
    for g in s["unaligned"]:
        print("   ", line(g))
    print(f"\n  aligned across 2 languages, not all of theirs ({len(s['partial'])}):")
    for g in s["partial"]:
        print("   ", line(g))
    print(f"\n  aligned, dated wrong ({len(s['misdated'])}):")
    for g in s["misdated"]:
        print("   ", line(g), "| records:", ", ".join(s["record_dates"][g]))
    print(f"\n  wrong merges ({len(s['wrong_merges'])}):")
    for r in s["wrong_merges"]:
        iv = r["interval"]
        when = f"{iv['start']}..{iv['end']}" if iv else "undated"
        print(f"    {r['kind']} {when}:")
        for m in r["mentions"]:
            lang, units = prep.span_units(m["doc"], m["start"], m["end"])
            where = ",".join(f"{u[0]}:{u[2]}" for u in sorted(units))
            print(f"      {lang} {where}  {m['text'][:100]!r}")
    if prep.exhaustive:
        print(f"\n  mentions on lines without a gold event ({len(s['off_gold'])}):")
        for lang, where, kind, text in s["off_gold"]:
            print(f"    {lang} {where} {kind}: {text!r}")
    print(f"\n  wrong kinds ({len(s['wrong_kind'])}):")
    for kind, golds, text in s["wrong_kind"]:
        print(f"    {kind} (gold {'/'.join(golds)}): {text!r}")


def run_set(name: str, fresh: bool) -> tuple[Prepared, dict[str, Any], tuple[float, float]]:
    if name == "seeds":
        docs = seed_documents()
    else:
        docs = ntrex_documents(split_names(name), fresh)
    events_s = rerun_events(docs)
    records, _, align_s = align(docs)
    prep = prepare_seeds(docs) if name == "seeds" else prepare_ntrex(name, docs)
    return prep, score(prep, docs, records), (events_s, align_s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default="dev,dev2,dev3,test,seeds")
    parser.add_argument(
        "--show-wrong", action="store_true", help="misses and wrong merges (dev sets)"
    )
    parser.add_argument("--fresh", action="store_true", help="analyze NTREX files anew (no cache)")
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md section")
    args = parser.parse_args()
    header = [
        "set",
        "gold events",
        "detected",
        "detection P",
        "kind acc.",
        "aligned ≥ 2 langs",
        "aligned, all langs",
        "aligned + dated right",
        "purity",
        "mentions / records",
        "events stage / event align s",
    ]
    rows, per_lang = [], []
    labels = {
        "dev": "NTREX dev (15 docs)",
        "dev2": "NTREX dev2 (15 docs)",
        "dev3": "NTREX dev3 (17 docs)",
        "test": "NTREX test (15 docs)",
        "seeds": "seeds",
    }
    for name in args.sets.split(","):
        prep, s, sec = run_set(name, args.fresh)
        label = labels.get(name, name)
        rows.append(summary_row(label, s, prep.exhaustive, sec))
        per_lang += lang_rows(label, s, prep.exhaustive)
        print(" | ".join(str(c) for c in rows[-1]), flush=True)
        if args.show_wrong and name != "test":
            show_wrong(prep, s)
    text = table(header, rows)
    text += "\n\n" + table(
        [
            "set",
            "lang",
            "gold events",
            "detected",
            "detection P (mentions on gold lines)",
            "kind acc.",
        ],
        per_lang,
    )
    text += (
        "\n\nGold: `benchmarks/gold/ntrex_events_{dev,dev2,dev3,test}.tsv` (hand-annotated, exhaustive; "
        "a gold event is one happening with the lines that tell it, in en, lv and zh) and "
        "`benchmarks/gold/events_xling.tsv` (seeds; not exhaustive, so no precision). *Aligned*: "
        "one event record holds mentions in ≥ 2 (all) languages on the event's lines; *dated "
        "right*: that record's interval lies inside the gold date, or both are undated; "
        "*purity*: records with ≥ 2 languages whose mentions all tell one gold event (seeds: "
        "counting only mentions on gold sentences). A mention projected onto a translated "
        "sentence (`projected: true`, told in two other languages) counts as detected in its "
        "language; its kind is the record's. Times: "
        "the events stage rerun on the set's documents with a cold sentence-vector cache, and "
        "the event alignment inside the align stage."
    )
    print()
    print(text)
    if args.write:
        write_section(
            "event-alignment", "Event detection and cross-lingual alignment", text, SCRIPT
        )


if __name__ == "__main__":
    main()
