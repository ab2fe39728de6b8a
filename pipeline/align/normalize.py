"""Per-language name normalization: the keys that make inflected or differently written forms of
one name compare equal.

- Latvian: names inflect (``Armēniju``, ``Azerbaidžānas``, ``Heidara Alijeva``). The NER stage's
  lemmatizer fills :attr:`Mention.lemma`; where it did not, :func:`latvian_stem` strips case
  endings by rule. Either way the *stem* of every token is the comparison key, so a lemmatized
  and an unlemmatized form of one name get the same key.
- Chinese: Traditional (incl. Taiwan vocabulary, ``亞塞拜然``) is converted to Simplified mainland
  vocabulary (``阿塞拜疆``) with OpenCC ``tw2sp`` then ``t2s``; interpunct variants are unified.
- English: leading articles and possessive endings are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.records import Mention

# Latvian nominal endings (all declensions, singular and plural, all cases), longest first.
# Stripping them leaves a stem shared by every case form of a name.
_LV_ENDINGS = sorted(
    {
        # plural
        "iem", "ām", "ēm", "īm", "os", "ās", "ēs", "is", "us", "ie", "as", "es", "i", "u",
        # singular
        "am", "ai", "ei", "im", "um", "ij", "a", "ā", "e", "ē", "ī", "ū", "o", "s", "š",
    },
    key=len,
    reverse=True,
)  # fmt: skip
_LV_ENDING_SET = frozenset(_LV_ENDINGS)
_TOKEN_SPLIT = re.compile(r"[\s\-‐‑–—_/]+")
_INTERPUNCT = re.compile(r"[·・‧•∙⋅･]")
_EN_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)
_EN_POSSESSIVE = re.compile(r"['’]s?$")


def latvian_stem(token: str) -> str:
    """Lower-cased stem of one Latvian word: the longest known case ending is removed while at
    least three characters remain (``Armēniju`` → ``armēnij``, ``Alijevs`` → ``alijev``)."""
    word = token.lower()
    for size in (3, 2, 1):
        if len(word) - size >= 3 and word[-size:] in _LV_ENDING_SET:
            return word[:-size]
    return word


@lru_cache(maxsize=1)
def _opencc() -> tuple:
    import opencc

    return opencc.OpenCC("tw2sp"), opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Traditional (Taiwan/HK vocabulary included) → Simplified mainland vocabulary."""
    tw2sp, t2s = _opencc()
    return _INTERPUNCT.sub("·", t2s.convert(tw2sp.convert(text)))


def english_base(text: str) -> str:
    """Drop a leading article and a possessive ending."""
    text = _EN_ARTICLE.sub("", text.strip())
    return _EN_POSSESSIVE.sub("", text)


def tokens(name: str) -> list[str]:
    """Name tokens: split on spaces, hyphens and interpuncts."""
    return [t for t in _TOKEN_SPLIT.split(_INTERPUNCT.sub(" ", name)) if t]


def fold(text: str) -> str:
    """Lower case without diacritics (``Azerbaidžāna`` → ``azerbaidzana``)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_QUOTES = "“”„‟«»‹›「」『』‘’‚\"'"


def unquote(name: str) -> str:
    """A name without the quotation marks around it (Latvian and Chinese texts quote names of
    teams and firms: ``“Rangers”``, ``「蘋果」``)."""
    return name.strip().strip(_QUOTES).strip()


def base_form(surface: str, lang: str, lemma: str | None = None) -> str:
    """Display base form: the lemma when known, else the normalized surface (without quotation
    marks)."""
    if lemma and unquote(lemma):
        return unquote(lemma)
    if lang == "en":
        return english_base(unquote(surface))
    return unquote(surface) or surface.strip()


def name_key(surface: str, lang: str, lemma: str | None = None) -> str:
    """Comparison key of a name within one language (equal keys = same name).

    With ``use_lemma=False`` semantics handled by the caller: pass ``lemma=None`` to ignore it.
    """
    if lang == "zh" or _is_han(surface):
        return to_simplified(surface.strip()).replace(" ", "")
    if lang == "lv":
        return " ".join(latvian_stem(t) for t in tokens(lemma or surface))
    return " ".join(t.lower() for t in tokens(english_base(lemma or surface)))


def mention_key(mention: Mention, use_lemma: bool = True, lv_rules: bool = True) -> str:
    """:func:`name_key` of a mention; the switches exist for the signal ablation."""
    lemma = mention.lemma if use_lemma else None
    if mention.lang == "lv" and not lv_rules:
        return " ".join(t.lower() for t in tokens(lemma or mention.text))
    return name_key(mention.text, mention.lang, lemma)


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _is_han(text: str) -> bool:
    return _HAN.search(text) is not None


def is_han(text: str) -> bool:
    """True when the text contains CJK ideographs."""
    return _is_han(text)
