"""Per-language name normalization: the keys that make inflected or differently written forms of
one name compare equal.

- Latvian: names inflect (``Armēniju``, ``Azerbaidžānas``, ``Heidara Alijeva``). The NER stage's
  lemmatizer fills :attr:`Mention.lemma`; where it did not, :func:`latvian_stem` strips case
  endings by rule. Either way the *stem* of every token is the comparison key, so a lemmatized
  and an unlemmatized form of one name get the same key.
- Chinese: Traditional (incl. Taiwan vocabulary, ``亞塞拜然``) is converted to Simplified mainland
  vocabulary (``阿塞拜疆``) with OpenCC ``tw2sp`` then ``t2s``; interpunct variants are unified.
- English: leading articles and possessive endings are dropped.

Which of these applies comes from the language's defaults (:mod:`pipeline.lang.defaults`:
``inflected`` with ``case_endings.txt``, ``name_script``, ``articles``, ``possessive``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.lang.defaults import defaults
from pipeline.records import Mention
from pipeline.text.quotes import ALL_QUOTES

_TOKEN_SPLIT = re.compile(r"[\s\-‐‑–—_/]+")
_INTERPUNCT = re.compile(r"[·・‧•∙⋅･]")
_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=8)
def _article(lang: str) -> re.Pattern[str] | None:
    """A leading article of ``lang`` (``LanguageDefaults.articles``), or None without any."""
    articles = defaults(lang).articles
    return re.compile(rf"^({'|'.join(map(re.escape, articles))})\s+", re.I) if articles else None


@lru_cache(maxsize=8)
def _legal_form(lang: str) -> re.Pattern[str] | None:
    """A leading abbreviated legal form of ``lang`` (``LanguageDefaults.legal_forms``: ``AS``
    of ``AS “Grindeks”``), or None without any."""
    forms = defaults(lang).legal_forms
    return re.compile(rf"^(?:{'|'.join(map(re.escape, forms))})\s+(?=\S)") if forms else None


def without_legal_form(name: str, lang: str) -> str:
    """``name`` without a leading legal form of ``lang`` (``AS “Grindeks”`` → ``“Grindeks”``)."""
    form = _legal_form(lang)
    return form.sub("", name.strip()) if form is not None else name


@lru_cache(maxsize=8)
def _endings(lang: str) -> tuple[frozenset[str], tuple[int, ...]]:
    """``lang``'s case endings and their lengths, longest first."""
    endings = defaults(lang).case_endings
    return frozenset(endings), tuple(sorted({len(e) for e in endings}, reverse=True))


def stem(token: str, lang: str) -> str:
    """Lower-cased stem of one word of an inflecting language: the longest of its case endings
    (``pipeline/lang/<lang>/case_endings.txt``) is removed while at least three characters remain
    (``Armēniju`` → ``armēnij``, ``Alijevs`` → ``alijev``); other languages: the word lower-cased."""
    word = token.lower()
    endings, sizes = _endings(lang)
    for size in sizes:
        if len(word) - size >= 3 and word[-size:] in endings:
            return word[:-size]
    return word


def latvian_stem(token: str) -> str:
    """:func:`stem` of a Latvian word."""
    return stem(token, "lv")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Traditional (Taiwan/HK vocabulary included) → Simplified mainland vocabulary, interpuncts
    unified (Chinese ``LanguageDefaults.name_script``)."""
    return _INTERPUNCT.sub("·", defaults("zh").to_name_script(text))


def english_base(text: str, lang: str = "en") -> str:
    """Drop a leading article and a possessive ending (where ``lang`` has them: English)."""
    text = text.strip()
    article = _article(lang)
    if article is not None:
        text = article.sub("", text)
    return _POSSESSIVE.sub("", text) if defaults(lang).possessive else text


def tokens(name: str) -> list[str]:
    """Name tokens: split on spaces, hyphens and interpuncts."""
    return [t for t in _TOKEN_SPLIT.split(_INTERPUNCT.sub(" ", name)) if t]


def fold(text: str) -> str:
    """Lower case without diacritics (``Azerbaidžāna`` → ``azerbaidzana``)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def unquote(name: str) -> str:
    """A name without the quotation marks around it (Latvian and Chinese texts quote names of
    teams and firms: ``“Rangers”``, ``「蘋果」``)."""
    return name.strip().strip(ALL_QUOTES).strip()


def base_form(surface: str, lang: str, lemma: str | None = None) -> str:
    """Display base form: the lemma when known, else the normalized surface (without quotation
    marks)."""
    if lemma:
        lemma = without_legal_form(lemma, lang)
    if lemma and unquote(lemma):
        return unquote(lemma)
    surface = without_legal_form(surface, lang)
    d = defaults(lang)
    if d.articles or d.possessive:
        return english_base(unquote(surface), lang)
    return unquote(surface) or surface.strip()


def name_key(surface: str, lang: str, lemma: str | None = None) -> str:
    """Comparison key of a name within one language (equal keys = same name).

    With ``use_lemma=False`` semantics handled by the caller: pass ``lemma=None`` to ignore it.
    """
    # Han script is keyed as Chinese whatever language the mention was labelled with
    if defaults(lang).name_script or _is_han(surface):
        return to_simplified(surface.strip()).replace(" ", "")
    if defaults(lang).inflected:
        return " ".join(stem(t, lang) for t in tokens(without_legal_form(lemma or surface, lang)))
    # English, and every language without case endings: words without article and possessive
    return " ".join(t.lower() for t in tokens(english_base(lemma or surface, lang)))


def mention_key(mention: Mention, use_lemma: bool = True, lv_rules: bool = True) -> str:
    """:func:`name_key` of a mention; the switches exist for the signal ablation."""
    lemma = mention.lemma if use_lemma else None
    if defaults(mention.lang).inflected and not lv_rules:
        return " ".join(t.lower() for t in tokens(lemma or mention.text))
    return name_key(mention.text, mention.lang, lemma)


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _is_han(text: str) -> bool:
    return _HAN.search(text) is not None


def is_han(text: str) -> bool:
    """True when the text contains CJK ideographs."""
    return _is_han(text)


def several_parts(name: str) -> bool:
    """A name of two words or more (three Chinese characters or more): what the multilingual
    encoder may read for its meaning; one word means too little to it (``Americans`` /
    ``美國隊``, ``Pasaules`` / ``太阳``)."""
    if is_han(name):
        return len(name.replace("·", "")) >= 3
    return len(name.split()) >= 2


def latin_word_set(name: str) -> set[str]:
    """The Latin-script words of a name, folded (``Ibrox”`` of ``Ibrox” komands``: ``ibrox``)."""
    return set(re.findall(r"[a-z]{2,}", fold(name).lower()))
