"""How far the name lexicon alone links the seed gold across languages.

Run: ``.venv/bin/python -m benchmarks.lexicon_coverage``.

For every name of ``benchmarks/gold/entities_xling.tsv`` (entity, label, lang, surface) it takes
the pivot keys :func:`pipeline.align.lexicon.glosses` gives (Latvian names with the stage's
lemmatizer's nominative as the lemma) and reports:

* *linked*: of the entities named in two or more languages, the share with at least one pair of
  names in different languages sharing a key;
* *joined*: the share whose languages are all connected by shared keys (names as nodes, shared
  keys as edges, across and within languages);
* *wrong shared keys*: keys shared by names of different gold entities, listed with the names.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from itertools import combinations

from benchmarks.xling_gold import gold_names


def _lemmas(rows) -> dict[tuple[str, str], str]:
    from pipeline.ner.lemmatize import lemmatize_mentions

    todo = sorted({(r.surface, r.label) for r in rows if r.lang == "lv"})
    return dict(zip(todo, lemmatize_mentions(todo), strict=True))


def _find(parent: list[int], i: int) -> int:
    """Union-find root of ``i`` (with path halving)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def main() -> None:
    """Print the coverage numbers and the wrong shared keys."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--show", action="store_true", help="print every name's keys")
    parser.add_argument("--missing", action="store_true", help="list the unlinked entities")
    args = parser.parse_args()

    from pipeline.align.lexicon import glosses, load_index

    start = time.perf_counter()
    load_index()
    load_s = time.perf_counter() - start
    rows = gold_names()
    lemmas = _lemmas(rows)
    keys: dict[tuple[str, str, str], frozenset[str]] = {}
    for r in rows:
        lemma = lemmas.get((r.surface, r.label)) if r.lang == "lv" else None
        found = glosses(r.surface, r.lang, lemma)
        keys[(r.entity, r.lang, r.surface)] = frozenset(g.key for g in found)
        if args.show:
            shown = ", ".join(sorted(f"{g.key}[{g.source}]" for g in found))
            print(f"{r.entity:18} {r.lang} {r.surface} ({lemma or '-'}): {shown}")

    by_entity: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entity, lang, surface in keys:
        by_entity[entity].append((lang, surface))
    multi = {e: names for e, names in by_entity.items() if len({lang for lang, _ in names}) >= 2}
    linked, joined, missing = 0, 0, []
    for entity, names in multi.items():
        items = [(lang, surface, keys[(entity, lang, surface)]) for lang, surface in names]
        if any(a[0] != b[0] and a[2] & b[2] for a, b in combinations(items, 2)):
            linked += 1
        else:
            missing.append(entity)
        parent = list(range(len(items)))
        for i, j in combinations(range(len(items)), 2):
            if items[i][2] & items[j][2]:
                parent[_find(parent, i)] = _find(parent, j)
        langs_by_root: dict[int, set[str]] = defaultdict(set)
        for i, item in enumerate(items):
            langs_by_root[_find(parent, i)].add(item[0])
        if any(len(langs) == len({lang for lang, _ in names}) for langs in langs_by_root.values()):
            joined += 1

    owners: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for (entity, lang, surface), found in keys.items():
        for key in found:
            owners[key][entity].append(f"{lang}:{surface}")
    wrong = {key: ents for key, ents in owners.items() if len(ents) > 1}

    n = len(multi)
    print(f"index load: {load_s:.2f} s; names: {len(rows)}; entities in >=2 languages: {n}")
    print(f"linked (a cross-language pair shares a key): {linked}/{n} = {linked / n:.1%}")
    print(f"joined (all languages connected):            {joined}/{n} = {joined / n:.1%}")
    print(f"wrong shared keys: {len(wrong)}")
    for key, ents in sorted(wrong.items()):
        listed = "; ".join(f"{e} ({', '.join(names)})" for e, names in sorted(ents.items()))
        print(f"  {key!r}: {listed}")
    if args.missing:
        print("unlinked: " + ", ".join(sorted(missing)))


if __name__ == "__main__":
    main()
