"""Extract (Latvian name lemma → English Wikipedia title) pairs from FullStack Latvian NER.

FullStack (CC BY-SA 4.0) annotates outer and inner entity spans (columns 7 and 8) and links many of
them to Wikipedia (columns 9 and 10, the link sits on the span's first token). Every span linked to
``en.wikipedia.org`` gives one pair: the span's nominative form and the page title.

The nominative form is the span's surface when its last word is in the nominative (``Case=Nom`` in
FEATS); otherwise the project's own mention lemmatizer
(:func:`pipeline.ner.lemmatize.lemmatize_mentions`) gives it (``Krievijas impērijā`` →
``Krievijas impērija``). A lemma that links to several titles keeps its most frequent one, and
only when that title has at least two thirds of the lemma's links.

Output: ``pipeline/lang/lv/wikilinks.tsv`` (committed, small; read by
:mod:`pipeline.align.lexicon`): ``lemma <TAB> English title <TAB> label <TAB> links``.

Then Latvian → English *word glosses* are mined from the non-person pairs and from the CLDR / ISO
names that translate each other (:func:`pipeline.align.lexicon.lv_en_name_pairs`), written to
``pipeline/lang/lv/word_glosses.tsv`` (``word <TAB> English word <TAB> support``). Two names are
aligned word by word when they have as many content words (``Romas impērija`` / ``Roman Empire``
gives ``impērija`` → ``empire``), or around English ``of`` with the Latvian genitive in front
(``Latvijas Republika`` / ``Republic of Latvia`` gives ``republika`` → ``republic``). A word is
kept when one English word has at least two thirds of its alignments (words compared by their
stem, so every case form counts); a word aligned to a copy of itself (an untranslated name) is
not a gloss.

Run from the project root: ``.venv/bin/python -m training.extract_wikilinks [--conll PATH]``.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import unquote

from pipeline.settings import PROJECT_ROOT

DEFAULT_CONLL = PROJECT_ROOT.parent / "shared" / "data" / "ner" / "lv" / "fullstack-ner.conll"
OUTPUT = PROJECT_ROOT / "pipeline" / "lang" / "lv" / "wikilinks.tsv"
WORDS_OUTPUT = PROJECT_ROOT / "pipeline" / "lang" / "lv" / "word_glosses.tsv"
_EN_PREFIX = "en.wikipedia.org/wiki/"
# FullStack labels → the project's labels.
_LABELS = {
    "person": "PER",
    "GPE": "LOC",
    "location": "LOC",
    "organization": "ORG",
    "event": "EVENT",
    "product": "PRODUCT",
    "entity": "MISC",
}
_MIN_SHARE = 2 / 3
HEADER = (
    "# Latvian name (nominative) <TAB> English Wikipedia title <TAB> label <TAB> links.\n"
    "# Extracted by training/extract_wikilinks.py from the wiki-link columns of FullStack Latvian\n"
    "# NER (https://github.com/LUMII-AILab/FullStack, CC BY-SA 4.0); this file is CC BY-SA 4.0.\n"
)


def _sentences(path: Path):
    """Yield each sentence as a list of 10-column token rows."""
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if rows:
                yield rows
            rows = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit():
            rows.append(cols)
    if rows:
        yield rows


def _spans(rows: list[list[str]], bio_col: int, wiki_col: int):
    """Yield (tokens, fullstack label, wiki link) for each span of one BIO column."""
    i = 0
    while i < len(rows):
        tag = rows[i][bio_col]
        if not tag.startswith("B-"):
            i += 1
            continue
        label = tag[2:]
        j = i + 1
        while j < len(rows) and rows[j][bio_col] == f"I-{label}":
            j += 1
        yield rows[i:j], label, rows[i][wiki_col]
        i = j


def _title(link: str) -> str | None:
    """English page title of a link, or None for other wikis and non-links."""
    if not link.startswith(_EN_PREFIX):
        return None
    title = unquote(link[len(_EN_PREFIX) :]).replace("_", " ").strip()
    return title.split("#", 1)[0].strip() or None


def _surface(span: list[list[str]]) -> str:
    text = ""
    for k, row in enumerate(span):
        if k and not (row[1] in {",", ".", ")", "”", "“"} or span[k - 1][1] in {"(", "“", "„"}):
            text += " "
        text += row[1]
    return text.strip(" „“”\"'")


def extract(conll: Path) -> list[tuple[str, str, str, int]]:
    """(lemma, title, label, links) for every lemma with a dominant English title."""
    pending: list[tuple[str, str, str, bool]] = []  # surface, title, label, head nominative
    for rows in _sentences(conll):
        for bio_col, wiki_col in ((6, 8), (7, 9)):
            for span, fs_label, link in _spans(rows, bio_col, wiki_col):
                title = _title(link)
                label = _LABELS.get(fs_label)
                if title is None or label is None:
                    continue
                words = [r for r in span if r[3] != "PUNCT"]
                if not words or not any(ch.isalpha() for ch in _surface(span)):
                    continue
                nominative = "Case=Nom" in words[-1][5] or words[-1][5] == "_"
                pending.append((_surface(span), title, label, nominative))
    from pipeline.ner.lemmatize import lemmatize_mentions

    todo = sorted({(s, lab) for s, _, lab, nom in pending if not nom})
    lemmas = dict(zip(todo, lemmatize_mentions(todo), strict=True))
    links: dict[str, Counter] = defaultdict(Counter)
    labels: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for surface, title, label, nominative in pending:
        lemma = surface if nominative else lemmas[(surface, label)]
        links[lemma][title] += 1
        labels[(lemma, title)][label] += 1
    out = []
    for lemma, titles in links.items():
        (title, n), total = titles.most_common(1)[0], sum(titles.values())
        if n / total < _MIN_SHARE:
            continue
        label = labels[(lemma, title)].most_common(1)[0][0]
        out.append((lemma, title, label, n))
    return sorted(out, key=lambda r: (r[0].lower(), r[1]))


WORDS_HEADER = (
    "# Latvian word <TAB> English word <TAB> support (aligned names).\n"
    "# Mined by training/extract_wikilinks.py from pipeline/lang/lv/wikilinks.tsv (FullStack Latvian\n"
    "# NER, CC BY-SA 4.0) and CLDR / ISO 3166 names with their Latvian translations; CC BY-SA 4.0.\n"
)


_ROMAN = re.compile(r"^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)$")


def _similar(lv_word: str, en_word: str) -> bool:
    """A transcription rather than a translation (``Romas`` / ``roman``, ``Latvijas`` /
    ``latvia``)."""
    from rapidfuzz.fuzz import ratio

    from pipeline.align.normalize import fold

    a = fold(lv_word)
    return a[:4] == en_word[:4] or ratio(a, en_word) >= 65


def _aligned_words(
    lv_name: str, en_name: str, known: dict[str, set[str]]
) -> tuple[list[tuple[str, str]], bool]:
    """(Latvian word, English word) pairs of two names that translate each other, and whether the
    alignment is anchored: in the ``X of Y`` pattern the Latvian genitive in front must sound like
    ``Y`` (``Latvijas Republika`` / ``Republic of Latvia``); in the same-order pattern one pair
    must be a transcription and another not (``Romas impērija`` / ``Roman Empire``). ``known``
    maps the Latvian key of a curated name to its English keys (``Eiropa`` → ``europe``)."""
    from pipeline.align.lexicon import _LV_FUNCTION, _lv_key, english_key
    from pipeline.align.normalize import tokens

    if any(ch.isdigit() for ch in lv_name + en_name):
        return [], False
    lv = [t.strip("\"'„“”()") for t in tokens(lv_name)]
    lv = [t for t in lv if t and t.lower() not in _LV_FUNCTION]
    key = english_key(en_name)
    if any(_ROMAN.match(w) for w in key.split()):
        return [], False
    skip = {"the", "a", "an", "and", "for", "in", "on", "at", "to", "by"}

    def content(text: str) -> list[str]:
        return [w for w in text.split() if w not in skip]

    if key.count(" of ") == 1:
        head, place = (content(p) for p in key.split(" of "))
        if not 0 < len(head) < len(lv):
            return [], False
        front = lv[: -len(head)]
        same_length = len(front) == len(place)
        anchored = (
            _similar("".join(front), "".join(place))
            or " ".join(place) in known.get(_lv_key(" ".join(front)), ())
            or (same_length and any(_similar(a, b) for a, b in zip(front, place, strict=True)))
        )
        if not anchored:
            return [], False  # ``Daudznacionālā Valsts Bolīvija``: the order differs
        pairs = list(zip(lv[-len(head) :], head, strict=True))
        if same_length:
            pairs += list(zip(front, place, strict=True))
        return pairs, True
    en = content(key)
    if " of " in f" {key} " or len(en) != len(lv) or len(en) < 2:
        return [], False
    pairs = list(zip(lv, en, strict=True))
    similar = [_similar(a, b) for a, b in pairs]
    return pairs, any(similar) and not all(similar)


def _same_word(a: str, b: str) -> bool:
    """Two forms of one English word (``armenia`` / ``armenian``, ``ruble`` / ``rubles``)."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short[: max(4, len(short) - 1)])


def mine_word_glosses(
    pairs: list[tuple[str, str]], curated: list[tuple[str, str]]
) -> list[tuple[str, str, int]]:
    """(Latvian word, English word, support) for the consistently aligned words: one English word
    (in one or more forms) has two thirds of the word's alignments, and either two alignments or
    an anchored one. ``curated`` pairs (CLDR, ISO) count like the wiki links."""
    from pipeline.align.lexicon import _lv_key, english_key, is_acronym
    from pipeline.align.normalize import fold, latvian_stem

    known: dict[str, set[str]] = defaultdict(set)
    for lv_name, en_name in curated:
        known[_lv_key(lv_name)].add(english_key(en_name))
    votes: dict[str, Counter] = defaultdict(Counter)
    strong: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, Counter] = defaultdict(Counter)
    for group in (pairs, curated):
        for lv_name, en_name in group:
            aligned, anchored = _aligned_words(lv_name, en_name, known)
            for lv_word, en_word in aligned:
                if is_acronym(lv_word) or len(en_word) < 2 or not en_word.isalpha():
                    continue
                if english_key(lv_word) == en_word or fold(lv_word) == en_word:
                    continue  # untranslated
                stem = latvian_stem(lv_word)
                votes[stem][en_word] += 1
                strong[stem][en_word] += int(anchored)
                forms[stem][lv_word.lower()] += 1
    out = []
    for stem, counter in votes.items():
        # Forms of one English word (``armenia`` / ``armenian``) vote together.
        top = counter.most_common(1)[0][0]
        group = {w: n for w, n in counter.items() if _same_word(w, top)}
        if sum(group.values()) / sum(counter.values()) < _MIN_SHARE:
            continue
        if sum(group.values()) < 2 and not any(strong[stem][w] for w in group):
            continue
        form = forms[stem].most_common(1)[0][0]
        out.extend((form, w, n) for w, n in group.items())
    return sorted(out)


def main() -> None:
    """Write ``pipeline/lang/lv/wikilinks.tsv``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--conll", type=Path, default=DEFAULT_CONLL)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    rows = extract(args.conll)
    body = "".join(f"{lemma}\t{title}\t{label}\t{n}\n" for lemma, title, label, n in rows)
    args.output.write_text(HEADER + body, encoding="utf-8")
    print(f"{len(rows)} pairs → {args.output}")
    from pipeline.align.lexicon import lv_en_name_pairs

    pairs = [(lemma, title) for lemma, title, label, _ in rows if label != "PER"]
    pairs = [(lv, re.sub(r"\s*\([^()]*\)", "", en).split(",")[0]) for lv, en in pairs]
    words = mine_word_glosses(pairs, lv_en_name_pairs())
    body = "".join(f"{lv}\t{en}\t{n}\n" for lv, en, n in words)
    WORDS_OUTPUT.write_text(WORDS_HEADER + body, encoding="utf-8")
    print(f"{len(words)} word glosses → {WORDS_OUTPUT}")


if __name__ == "__main__":
    main()
