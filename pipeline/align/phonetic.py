"""Transliteration keys: compare a Chinese transcription with a Latin-script name.

Chinese names go to pinyin (pypinyin); every name then becomes a *consonant skeleton*: vowels and
glides are dropped and consonants fold into classes that survive transcription between Latin
scripts and Chinese syllables (r/l → ``L``; s/z/sh/zh/ch/j/q/x/c → ``S``; g/k/h/kh → ``K``;
b/p → ``P``; d/t → ``T``; f/v/w → ``F``; m → ``M``; n/ng → ``N``). ``Stepanakert`` → ``STPNKLT``,
``斯捷潘纳克特`` (si jie pan na ke te) → ``SSPNNKT``; repeated classes collapse. Skeletons are
compared per name token with rapidfuzz's normalized Indel similarity, and the full romanization is
compared too; the better of the two is the transliteration score.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Indel

from pipeline.align.normalize import fold, is_han, to_simplified, tokens
from pipeline.lang.defaults import defaults

# Latin digraphs first (longest match), then single letters. Latvian letters fold through
# ``fold`` after their digraph equivalents are spelled out.
_LATIN_SPELL = {"š": "sh", "ž": "zh", "č": "ch", "ģ": "g", "ķ": "k", "ļ": "l", "ņ": "n"}
_LATIN_CLASSES = [
    ("dzh", "S"), ("tch", "S"), ("sch", "S"), ("kh", "K"), ("gh", "K"), ("ch", "S"), ("sh", "S"), ("zh", "S"),
    ("ts", "S"), ("dz", "S"), ("dj", "S"), ("ph", "F"), ("th", "T"), ("ck", "K"), ("qu", "K"),
    ("ng", "N"),
    ("b", "P"), ("p", "P"), ("d", "T"), ("t", "T"), ("g", "K"), ("k", "K"), ("c", "S"), ("q", "K"),
    ("h", "K"), ("x", "S"), ("s", "S"), ("z", "S"), ("j", "S"), ("f", "F"), ("v", "F"), ("w", "F"),
    ("l", "L"), ("r", "L"), ("m", "M"), ("n", "N"),
]  # fmt: skip
_HARD_C = re.compile(r"c(?![eiyh])")
"""A ``c`` read ``k`` where the language's :attr:`~pipeline.lang.defaults.LanguageDefaults.hard_c`
says so (``ch`` stays a digraph)."""
_LATIN_RE = re.compile("|".join(re.escape(k) for k, _ in _LATIN_CLASSES))
_LATIN_MAP = dict(_LATIN_CLASSES)
# Pinyin initials and the nasal finals.
_PINYIN_INITIALS = [
    ("zh", "S"), ("ch", "S"), ("sh", "S"), ("b", "P"), ("p", "P"), ("m", "M"), ("f", "F"),
    ("d", "T"), ("t", "T"), ("n", "N"), ("l", "L"), ("g", "K"), ("k", "K"), ("h", "K"),
    ("j", "S"), ("q", "S"), ("x", "S"), ("r", "L"), ("z", "S"), ("c", "S"), ("s", "S"),
    ("w", "F"), ("y", ""),
]  # fmt: skip


_INITIAL = re.compile(r"^[A-Za-z]\.?$")


def _collapse(skeleton: str) -> str:
    out: list[str] = []
    for c in skeleton:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=65536)
def latin_skeleton(word: str, lang: str = "en", soft_c: bool = False) -> str:
    """Consonant-class skeleton of one Latin-script word (the language's ``glides``, Latvian
    ``j``, are dropped; a hard ``c`` is ``k`` unless ``soft_c``: a Slavic or Italian name spelled
    in English keeps its ``c`` = ``ts``, ``Srebrenica``)."""
    text = "".join(_LATIN_SPELL.get(c, c) for c in word.lower())
    language = defaults(lang)
    for glide in language.glides:
        text = text.replace(glide, "y")
    if language.hard_c and not soft_c:
        text = _HARD_C.sub("k", text)
    text = re.sub(r"[^a-z]", "", fold(text))
    return _collapse("".join(_LATIN_MAP[m] for m in _LATIN_RE.findall(text)))


def _syllable_skeleton(syllable: str) -> str:
    if syllable == "er":
        return "L"
    out = ""
    rest = syllable
    for initial, cls in _PINYIN_INITIALS:
        if syllable.startswith(initial):
            out, rest = cls, syllable[len(initial) :]
            break
    if rest.endswith("ng") or rest.endswith("n"):
        out += "N"
    return out


@lru_cache(maxsize=65536)
def pinyin_syllables(word: str) -> tuple[str, ...]:
    """Toneless pinyin syllables of a Chinese word (Simplified first)."""
    from pypinyin import Style, lazy_pinyin

    return tuple(
        s for s in lazy_pinyin(to_simplified(word), style=Style.NORMAL, errors="ignore") if s
    )


@lru_cache(maxsize=65536)
def han_skeleton(word: str) -> str:
    """Consonant-class skeleton of a Chinese transcription."""
    return _collapse("".join(_syllable_skeleton(s) for s in pinyin_syllables(word)))


def name_tokens(name: str) -> list[str]:
    """Tokens of a name for transliteration, without initials (``Harry S. Truman``)."""
    return [t for t in tokens(name) if not _INITIAL.match(t)]


def skeletons(name: str, lang: str = "en", soft_c: bool = False) -> tuple[str, ...]:
    """Per-token skeletons of a name in any of the three scripts."""
    out = []
    for tok in name_tokens(name):
        out.append(han_skeleton(tok) if is_han(tok) else latin_skeleton(tok, lang, soft_c))
    return tuple(s for s in out if s)


def _readings(name: str, lang: str) -> list[tuple[str, ...]]:
    """The name's skeletons, and a second reading with every ``c`` soft where the language's
    ``c`` may be either (:attr:`~pipeline.lang.defaults.LanguageDefaults.hard_c`)."""
    first = skeletons(name, lang)
    if not (defaults(lang).hard_c and "c" in name.lower()):
        return [first]
    second = skeletons(name, lang, soft_c=True)
    return [first] if second == first else [first, second]


def romanized(name: str) -> str:
    """Folded Latin spelling (pinyin for Chinese) without spaces, for a plain string comparison."""
    parts = []
    for tok in name_tokens(name):
        if is_han(tok):
            parts.append("".join(pinyin_syllables(tok)))
        else:  # Latvian š/ž/č spelled sh/zh/ch, as English transcriptions write them
            parts.append(fold("".join(_LATIN_SPELL.get(c, c) for c in tok.lower())))
    return re.sub(r"[^a-z]", "", "".join(parts))


def translit_similarity(a: str, b: str, lang_a: str = "en", lang_b: str = "en") -> float:
    """Similarity in [0, 1] of two names' sound shapes.

    Names with the same number of tokens are compared token by token and the *weakest* token
    decides (so ``Heydar Aliyev`` vs ``Ilham Aliyev`` fails on the given name). Otherwise the
    concatenated skeletons are compared with a 0.9 penalty. An English ``c`` is read both ways
    (``Colorado``, ``Srebrenica``) and the better reading counts.
    """
    readings_a, readings_b = _readings(a, lang_a), _readings(b, lang_b)
    if not readings_a[0] or not readings_b[0]:
        return 0.0
    score = max(_skeleton_similarity(sa, sb) for sa in readings_a for sb in readings_b)
    if not (is_han(a) or is_han(b)) and len(readings_a[0]) == len(readings_b[0]):
        score = max(score, Indel.normalized_similarity(romanized(a), romanized(b)))
    return score


def _skeleton_similarity(sa: tuple[str, ...], sb: tuple[str, ...]) -> float:
    if not sa or not sb:
        return 0.0
    if len(sa) == len(sb):
        return min(Indel.normalized_similarity(x, y) for x, y in zip(sa, sb, strict=True))
    return 0.9 * Indel.normalized_similarity("".join(sa), "".join(sb))


def skeleton_bigrams(name: str, lang: str = "en") -> set[str]:
    """Blocking keys: class bigrams of the joined skeleton (single class for very short names)."""
    grams: set[str] = set()
    for reading in _readings(name, lang):
        joined = "".join(reading)
        if len(joined) == 1:
            grams.add(joined)
        grams.update(joined[i : i + 2] for i in range(len(joined) - 1))
    return grams


_KOREAN_INITIALS = (
    "", "g", "k", "kk", "n", "d", "t", "tt", "r", "l", "m", "b", "p", "pp", "s", "ss", "sh", "j",
    "jj", "ch", "h", "y", "w",
)  # fmt: skip
_KOREAN_VOWELS = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i", "oo", "ee", "ou",
)  # fmt: skip
_KOREAN_FINALS = ("", "k", "n", "t", "l", "m", "p", "ng")


@lru_cache(maxsize=1)
def east_asian_syllables() -> frozenset[str]:
    """Syllables of romanized Chinese and Korean given names: every toneless pinyin reading of
    pypinyin's dictionary, and the Korean syllables (Revised Romanization initials × vowels ×
    finals, with the older spellings ``oo``, ``ee``, ``ou``): ``Jinping`` = jin + ping, ``Jong Un``,
    ``Jae-in``, ``Yong Ho``."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    out = {to_normal(p) for readings in pinyin_dict.values() for p in readings.split(",")}
    out |= {i + v + f for i in _KOREAN_INITIALS for v in _KOREAN_VOWELS for f in _KOREAN_FINALS}
    return frozenset(s for s in out if s.isascii() and s.isalpha())


def _syllabic(word: str, parts: int = 2) -> bool:
    """``word`` is one or two (``parts``) East Asian syllables run together."""
    syllables = east_asian_syllables()
    if word in syllables:
        return True
    return parts > 1 and any(
        word[:k] in syllables and _syllabic(word[k:], parts - 1) for k in range(1, len(word))
    )


def family_name_first(name: str) -> bool:
    """Whether a romanized person name reads as an East Asian name, family name first: two or
    three words, each word after the first one or two Chinese or Korean syllables (``Kim Jong
    Un``, ``Ri Yong Ho``, ``Moon Jae-in``, ``Xi Jinping``; not ``Robert Ray Black``). In a
    two-word name whose second word is two syllables run together, the first word must be one
    syllable too (``Xi Jinping``, not ``Dolly Menga``)."""
    words = [w for w in tokens(fold(name).lower()) if w]
    if not 2 <= len(words) <= 3 or any(not w.replace("-", "").isalpha() for w in words):
        return False
    given = words[1:]
    syllables = east_asian_syllables()
    if len(given) == 1 and "-" not in given[0] and given[0] not in syllables:
        if words[0] not in syllables:
            return False
    return all(all(_syllabic(p) for p in w.split("-") if p) for w in given)
