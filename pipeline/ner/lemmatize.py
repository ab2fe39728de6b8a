"""Latvian name normalization: inflected mention → nominative (``Stepanakertā`` → ``Stepanakerta``,
``Heidara Alijeva`` → ``Heidars Alijevs``, ``Armēniju`` → ``Armēnija``).

Three word lemmatizers, all learned from the FullStack LEMMA column (train split), were compared on
the held-out proper nouns of the test split (``benchmarks/lv_lemma_eval.py``; table in
docs/benchmarks.md): suffix rules 92.4 %, Stanza 90.0 %, spaCy 81.5 % (identity 45.9 %), and the
rules also won inside PER and inside LOC/ORG mentions, so :data:`WINNER` = ``rules`` serves
:attr:`pipeline.records.Mention.lemma`:

- ``stanza``: Stanza's seq2seq + dictionary lemmatizer (``models/lemma-lv-stanza``, shipped so the
  comparison is reproducible and ``kind="stanza"`` can be chosen),
- ``spacy``: spaCy's edit-tree ``trainable_lemmatizer`` (contextual; build-only, not shipped),
- ``rules``: longest-suffix edit rules (``pipeline/lang/lv/name_suffix_rules.tsv``).

Mention level: in a person's name every word agrees in case, so each word is lemmatized; in a
place or organization name only the head — the last word — inflects, while modifiers stay in the
genitive (``Eiropas Savienībā`` → ``Eiropas Savienība``, ``Kalnu Karabahā`` → ``Kalnu Karabaha``).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path

from pipeline.lang import data_path
from pipeline.settings import default_models_dir

WINNER = "rules"
"""The word lemmatizer that serves mention lemmas (see the module docstring)."""

RULES_PATH = data_path("lv", "name_suffix_rules.tsv")
STANZA_MODEL = Path("lemma-lv-stanza") / "lv_fullstack_lemmatizer.pt"
"""The Stanza lemmatizer, relative to the models folder."""
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class SuffixRules:
    """Longest matching word ending → (strip, append) edit."""

    def __init__(self, path: Path = RULES_PATH) -> None:
        self.rules: dict[str, tuple[int, str]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            suffix, strip, add, *_ = line.split("\t")
            self.rules[suffix] = (int(strip), add)
        self.max_len = max((len(s) for s in self.rules), default=0)

    def lemmatize(self, words: list[str]) -> list[str]:
        out = []
        for word in words:
            for n in range(min(self.max_len, len(word) - 2), 0, -1):
                edit = self.rules.get(word[-n:])
                if edit:
                    strip, add = edit
                    word = (word[:-strip] if strip else word) + add
                    break
            out.append(word)
        return out


class StanzaLemmatizer:
    """Stanza's lemmatizer model run directly on (word, PROPN) pairs; no pipeline, no download."""

    def __init__(self, model_file: Path | None = None) -> None:
        import torch
        from stanza.models.lemma.trainer import Trainer

        torch.set_num_threads(1)
        model_file = model_file or default_models_dir() / STANZA_MODEL
        self.trainer = Trainer(model_file=str(model_file), device="cpu")
        self.lock = threading.Lock()

    def lemmatize(self, words: list[str], upos: str = "PROPN") -> list[str]:
        from stanza.models.common.doc import Document
        from stanza.models.lemma.data import DataLoader

        if not words:
            return []
        doc = Document([[{"id": 1, "text": w, "upos": upos}] for w in words])
        with self.lock:
            batch = DataLoader(
                doc, 100, self.trainer.args, vocab=self.trainer.vocab, evaluation=True
            )
            pairs = [[w, upos] for w in words]
            if self.trainer.args.get("dict_only", False):
                lemmas: list[str] = self.trainer.predict_dict(pairs)
                return lemmas
            preds, edits = [], []
            for b in batch:
                ps, es = self.trainer.predict(b, 1)
                preds += ps
                if es is not None:
                    edits += es
            preds = self.trainer.postprocess([w for w in words], preds, edits=edits or None)
            if self.trainer.args.get("ensemble_dict", False):
                preds = self.trainer.ensemble(pairs, preds)
        return [_keep_case(p or w, w) for p, w in zip(preds, words, strict=True)]


def _keep_case(lemma: str, word: str) -> str:
    """A name keeps its capital: FullStack lemmatizes the common-noun heads of multi-word names in
    lower case (``Savienībā`` → ``savienība``), which is right for the corpus, wrong for a name."""
    if word[:1].isupper() and lemma[:1].islower():
        return lemma[:1].upper() + lemma[1:]
    return lemma


@lru_cache(maxsize=2)
def word_lemmatizer(kind: str = WINNER) -> StanzaLemmatizer | SuffixRules:
    """The cached word lemmatizer ``kind`` (``stanza`` or ``rules``)."""
    if kind == "stanza":
        return StanzaLemmatizer()
    if kind == "rules":
        return SuffixRules()
    raise ValueError(f"unknown lemmatizer {kind!r}")


_FOREIGN_SPELLING = re.compile(r"[qwxy]|th|ph|ck|oo|ee")
"""Letters and digraphs Latvian spelling never uses: a word holding one is a foreign name in its
original spelling (``Theresa May`` glossing ``Terēzas Mejas``), which Latvian text does not
inflect; lemmatizing it would mangle it (``Theresa`` → ``Theress``). Latvian transcriptions of
foreign names use none of them (``Eshils``: ``sh`` is left out for that reason)."""


def _inflecting_words(text: str, label: str) -> list[re.Match[str]]:
    words = [m for m in _WORD.finditer(text) if m.group()[:1].isupper() or label != "PER"]
    if label != "PER":
        words = words[-1:]
    return [m for m in words if not _FOREIGN_SPELLING.search(m.group().lower())]


def _without_title(text: str, label: str) -> str:
    """A person mention without a title the Latvian corpora keep inside person spans
    (``Mejas kundze`` → ``Mejas``: the lemma is the name's)."""
    if label != "PER":
        return text
    from pipeline.lang.defaults import defaults

    for title in defaults("lv").titles_in_span:
        if text.endswith(" " + title) and text[: -len(title)].strip():
            return text[: -len(title)].rstrip()
    return text


def lemmatize_mentions(mentions: list[tuple[str, str]], kind: str = WINNER) -> list[str]:
    """Nominative form of each (mention text, label): persons word by word (without a title the
    span holds: ``Mejas kundze`` → ``Meja``), else the head.

    A place or organization that is a form of a Latvian gazetteer entry gets that entry (the
    gazetteer lists nominatives: ``Stepanakertā`` → ``Stepanakerta``, ``Baku`` stays ``Baku``);
    a place's or organization's head that the word lexicon knows as a form of a common noun gets
    that noun's lemma (:func:`pipeline.ner.word_forms.word_lemmas`: ``Amerikas komanda`` stays,
    ``Klusajā okeānā`` → ``Klusais okeāns``; the suffix rules, best on proper nouns, read
    ``komanda`` as a genitive); everything else goes through the word lemmatizer ``kind``.
    """
    from pipeline.ner.gazetteer import gazetteer
    from pipeline.ner.word_forms import word_lemmas

    mentions = [(_without_title(text, label), label) for text, label in mentions]
    known = [
        gazetteer("lv").nominative(text) if label != "PER" else None for text, label in mentions
    ]
    plans = [
        [] if nominative else _inflecting_words(text, label)
        for (text, label), nominative in zip(mentions, known, strict=True)
    ]
    words = [m.group() for plan in plans for m in plan]
    lemmas = iter(word_lemmatizer(kind).lemmatize(words))
    common = word_lemmas("lv")
    out = []
    for (text, label), plan, nominative in zip(mentions, plans, known, strict=True):
        if nominative:
            out.append(nominative)
            continue
        pieces, last = [], 0
        for m in plan:
            lemma = next(lemmas)
            if label != "PER" and (noun := common.get(m.group())) and noun[:1].islower():
                lemma = _keep_case(noun, m.group())  # ``komanda``, ``okeānā``: a common head
            before = text[last : m.start()]
            if label != "PER" and lemma != m.group():
                before = _agreeing_adjective(before, lemma)
            pieces += [before, lemma]
            last = m.end()
        out.append("".join(pieces) + text[last:])
    return out


_DEFINITE_ADJECTIVE = re.compile(r"(?<=[^\W\d_]{3})(ajai|ajam|ajā|ās|ā|o)(?=\s+$)")
"""A definite adjective's singular case ending at the end of the words before a name's head
(``Apvienotajā`` before ``Karalistē``)."""


def _agreeing_adjective(before: str, head: str) -> str:
    """``before`` with the definite adjective right before the head put in the nominative, as
    the head was (``Apvienotajā Karalistē`` → ``Apvienotā Karaliste``, ``Baltajā namā`` →
    ``Baltais nams``): a Latvian adjective agrees with its noun, while a genitive noun in front
    of the head stays (``Eiropas Savienībā`` → ``Eiropas Savienība``). The head's nominative
    ending gives the gender: ``-a``/``-e`` feminine (``-ā``), ``-s``/``-š`` masculine
    (``-ais``); a feminine head takes no ``-ā`` (that is its own nominative)."""
    match = _DEFINITE_ADJECTIVE.search(before)
    if match is None:
        return before
    if head.endswith(("a", "e")):
        nominative = "ā"
    elif head.endswith(("s", "š")):
        nominative = "ais"
    else:
        return before
    if match.group(1) == "ā" and nominative == "ā":
        return before
    if match.group(1) == "ās" and nominative == "ais":
        return before  # a masculine head: -ās is no form of its adjective
    return before[: match.start()] + nominative + before[match.end() :]
