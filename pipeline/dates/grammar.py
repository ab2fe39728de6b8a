"""Load a language's date grammar (``pipeline/lang/<code>/dates.yaml``) and compile it once.

A grammar file has three parts:

``lexicon``
    Tables mapping a key to the surface forms that express it, e.g. ``months: {1: [janvāris,
    janvārī, ...]}``, ``modifiers: {early: [...], mid: [...]}``, ``relative: {"+1": [nākamajā]}``.
    Every table ``T`` becomes a regex macro ``{T}`` (all forms, longest first) and, per key ``K``,
    ``{T_K}``; :meth:`Grammar.lookup` maps a matched form back to its key.
``macros``
    Named regex fragments that may use ``{OTHER}`` macros.
``default_key`` / a rule's ``key``
    A cheap regex that every match of the rule contains (default: a digit); the rule's pattern
    only runs in windows around the key's hits, which keeps extraction fast.
``rules``
    ``name``, ``kind`` (how the match is interpreted, see :mod:`pipeline.dates.interpret`),
    ``pattern`` (named groups ``y``, ``m``, ``d``, ``season``, ``mod``, ...), optional ``priority``
    (higher wins ties), ``case`` (``sensitive``; default is case-insensitive) and fixed attributes
    under ``set``. Rules of kind ``block`` mark spans that are *not* dates (unit numbers, citation
    marks, ISBNs) and suppress any overlapping shorter candidate.

Compiled grammars are cached per language for the life of the process.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.lang import LANG_DIR

GRAMMAR_FILE = "dates.yaml"
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")

KINDS = frozenset(
    {
        "date",
        "range",
        "decade",
        "century",
        "millennium",
        "duration",
        "offset",
        "deictic",
        "ref",
        "block",
    }
)


@dataclass(frozen=True)
class Key:
    """A rule's key regex. Plain keys run case-sensitively on the lower-cased text (much faster
    in ``re`` than ``IGNORECASE``); keys with a ``(?-i:`` part run case-sensitively on the
    original text and must be written to match every case they need."""

    regex: re.Pattern[str]
    on_lower: bool


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    regex: re.Pattern[str]
    priority: int = 0
    fixed: dict[str, Any] = field(default_factory=dict)
    key: Key | None = None
    """Something every match contains; the rule only runs in windows around its hits."""
    on_lower: bool = False
    """``regex`` is a lower-cased, case-sensitive copy of a case-insensitive pattern and runs on
    the lower-cased text (same offsets): ``re`` skips ahead fast on literal prefixes only when
    a pattern is case-sensitive."""
    regex_original: re.Pattern[str] | None = None
    """The pattern for the original text, used when lower-casing changes a text's length."""


@dataclass
class Grammar:
    lang: str
    rules: list[Rule]
    tables: dict[str, dict[str, str]]
    """table name → normalized form → key."""
    macros: dict[str, str]
    future_regex: re.Pattern[str] | None = None
    """Words that put a sentence in the future (``future`` table), for bare months/weekdays."""
    part_regex: re.Pattern[str] | None = None
    """Compiled ``{DURATION_PART}`` macro: one number + unit of a compound duration."""

    def lookup(self, table: str, form: str | None) -> str | None:
        if form is None:
            return None
        entries = self.tables.get(table)
        if not entries:
            return None
        hit = entries.get(form)
        return hit if hit is not None else entries.get(normalize_form(form))


@lru_cache(maxsize=65536)
def normalize_form(form: str) -> str:
    """Lower-case, NFC, single spaces, no trailing dot: the key under which forms are looked up."""
    form = unicodedata.normalize("NFC", form).lower()
    form = re.sub(r"\s+", " ", form).strip()
    return form.rstrip(".").strip() if len(form) > 1 else form


_Trie = dict[str, "_Trie"]
"""A character trie: each key one character, ``""`` marking the end of a form."""


def _trie_regex(forms: list[str]) -> str:
    """A regex matching exactly ``forms``, factored into a trie (one character test per level
    instead of one attempt per form); longer forms are tried before their prefixes."""
    trie: _Trie = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return "(?:" + emit(trie) + ")"


def _alternation(forms: list[str]) -> str:
    unique = sorted({unicodedata.normalize("NFC", f) for f in forms})
    return _trie_regex(unique)


def _expand(pattern: str, macros: dict[str, str], depth: int = 0) -> str:
    if depth > 20:
        raise ValueError(f"macro recursion too deep in {pattern[:80]!r}")

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise KeyError(f"unknown macro {{{name}}}")
        return _expand(macros[name], macros, depth + 1)

    return _MACRO.sub(sub, pattern)


def _lowerable(pattern: str) -> bool:
    """Whether lower-casing ``pattern`` keeps its meaning (and ignores case): no case-sensitive
    part and no upper-case escape such as ``\\S`` or ``\\D``."""
    return "(?-i:" not in pattern and not re.search(r"\\[A-Z]", pattern)


def _lower_pattern(pattern: str) -> str:
    """Lower-case the literal characters of a regex, keeping escapes and ``(?P`` intact."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
        elif pattern.startswith("(?P", i):
            out.append("(?P")
            i += 3
        else:
            out.append(ch.lower())
            i += 1
    return "".join(out)


def build_grammar(lang: str, data: dict[str, Any]) -> Grammar:
    """Compile grammar data (the parsed YAML) into a :class:`Grammar`."""
    tables: dict[str, dict[str, str]] = {}
    macros: dict[str, str] = {}
    for table, entries in (data.get("lexicon") or {}).items():
        lookup: dict[str, str] = {}
        all_forms: list[str] = []
        for key, forms in entries.items():
            forms = [str(f) for f in forms]
            for f in forms:
                norm = normalize_form(f)
                if norm in lookup and lookup[norm] != str(key):
                    raise ValueError(f"{lang}: form {f!r} in table {table} maps to two keys")
                lookup[norm] = str(key)
            all_forms.extend(forms)
            macro_key = re.sub(r"[^A-Z0-9]", "_", str(key).upper().replace("+", "P"))
            macros[f"{table.upper()}_{macro_key}"] = _alternation(forms)
        tables[table] = lookup
        macros[table.upper()] = _alternation(all_forms)
    for name, pattern in (data.get("macros") or {}).items():
        macros[name] = str(pattern)
    rules = []
    for spec in data.get("rules") or []:
        kind = spec["kind"]
        if kind not in KINDS:
            raise ValueError(f"{lang}: rule {spec['name']} has unknown kind {kind}")
        expanded = _expand(spec["pattern"], macros)
        sensitive = spec.get("case") == "sensitive"
        regex_original = re.compile(expanded, 0 if sensitive else re.IGNORECASE)
        on_lower = not sensitive and _lowerable(expanded)
        regex = re.compile(_lower_pattern(expanded)) if on_lower else regex_original
        key_src = spec.get("key", data.get("default_key"))
        key = _compile_key(key_src, macros) if key_src else None
        rules.append(
            Rule(
                name=spec["name"],
                kind=kind,
                regex=regex,
                priority=int(spec.get("priority", 0)),
                fixed=dict(spec.get("set") or {}),
                key=key,
                on_lower=on_lower,
                regex_original=regex_original,
            )
        )
    part_regex = None
    if "DURATION_PART" in macros:
        part_regex = re.compile(_expand("{DURATION_PART}", macros), re.IGNORECASE)
    future_regex = None
    if "FUTURE" in macros:
        future_regex = re.compile(r"(?<!\w)" + macros["FUTURE"] + r"(?!\w)", re.IGNORECASE)
    return Grammar(
        lang=lang,
        rules=rules,
        tables=tables,
        macros=macros,
        part_regex=part_regex,
        future_regex=future_regex,
    )


_KEYS: dict[tuple[str, bool], Key] = {}
KEY_REACH = 40
"""Characters kept on each side of a key hit; longer than any expression's reach from its key."""


def _compile_key(source: str, macros: dict[str, str]) -> Key:
    """Keys are shared between rules so that each is searched once per text."""
    expanded = _expand(source, macros)
    on_lower = "(?-i:" not in expanded and not re.search(r"\\[A-Z]", expanded)
    cache_key = (expanded, on_lower)
    if cache_key not in _KEYS:
        # keys with a case-sensitive part are wholly case-sensitive (written so), which lets
        # ``re`` use its fast literal-prefix scan
        source = _lower_pattern(expanded) if on_lower else expanded
        regex = re.compile(source)
        _KEYS[cache_key] = Key(regex, on_lower)
    return _KEYS[cache_key]


def grammar_path(lang: str) -> Path:
    return LANG_DIR / lang / GRAMMAR_FILE


def available_languages() -> list[str]:
    return sorted(p.parent.name for p in LANG_DIR.glob(f"*/{GRAMMAR_FILE}"))


@cache
def load_grammar(lang: str) -> Grammar | None:
    """The compiled grammar of ``lang``, or ``None`` when the language has none."""
    path = grammar_path(lang)
    if not path.exists():
        return None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when built
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return build_grammar(lang, data)
