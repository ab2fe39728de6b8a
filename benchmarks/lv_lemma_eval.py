"""Latvian proper-noun lemmatization: suffix rules vs Stanza vs spaCy, on held-out FullStack.

    .venv/bin/python -m benchmarks.lv_lemma_eval

All three were trained on the FullStack train split only (``training/lv_lemma.py``). Scored here:
every PROPN token of the held-out TEST split (the NER model's fixed, stratified 10 % of documents)
— accuracy of the predicted lemma against the gold LEMMA column, over all proper nouns and over the
inflected ones (form ≠ lemma), plus the mention-level normalization of the gold PER/LOC/ORG
mentions of the test split whose every word is a proper noun. spaCy's lemmatizer is contextual: it
is run on the whole gold-tokenized sentence; the others see the word alone with UPOS ``PROPN``.
"""

from __future__ import annotations

import time

from benchmarks.report import table, write_section
from pipeline.ner.lemmatize import StanzaLemmatizer, SuffixRules
from training import ner_data
from training.lv_lemma import SPACY_DIR


def spacy_lemmas(sentences) -> list[list[str]]:
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load(SPACY_DIR)
    docs = []
    for s in sentences:
        words, spaces = s.words_and_spaces()
        docs.append(Doc(nlp.vocab, words=words, spaces=spaces))
    return [[t.lemma_ for t in doc] for doc in nlp.pipe(docs)]


def main() -> None:
    sentences = ner_data.fullstack("test")
    items = []  # (sentence index, token index, form, gold lemma)
    labels: list[str] = []  # gold NER label of the mention holding each token ("O": none)
    for si, s in enumerate(sentences):
        for ti, ((a, b), extra) in enumerate(zip(s.tokens, s.token_tags, strict=True)):
            lemma, upos = extra.split("\t")
            if upos == "PROPN":
                label = next((lab for x, y, lab in s.spans if x <= a and b <= y), "O")
                labels.append(label)
                items.append((si, ti, s.text[a:b], lemma))
    forms = [form for *_, form, _ in items]
    predictions: dict[str, list[str]] = {}
    seconds: dict[str, float] = {}

    started = time.perf_counter()
    predictions["suffix rules"] = SuffixRules().lemmatize(forms)
    seconds["suffix rules"] = time.perf_counter() - started

    started = time.perf_counter()
    predictions["Stanza lemmatizer"] = StanzaLemmatizer().lemmatize(forms)
    seconds["Stanza lemmatizer"] = time.perf_counter() - started

    started = time.perf_counter()
    in_context = spacy_lemmas(sentences)
    predictions["spaCy trainable_lemmatizer"] = [in_context[si][ti] for si, ti, *_ in items]
    seconds["spaCy trainable_lemmatizer"] = time.perf_counter() - started

    predictions["identity (no change)"] = list(forms)
    seconds["identity (no change)"] = 0.0

    inflected = [i for i, (*_, form, lemma) in enumerate(items) if form != lemma]
    rows = []
    for name, pred in predictions.items():
        ok = [p.lower() == gold.lower() for p, (*_, gold) in zip(pred, items, strict=True)]
        exact = [p == gold for p, (*_, gold) in zip(pred, items, strict=True)]
        acc_all = 100 * sum(ok) / len(ok)
        acc_infl = 100 * sum(ok[i] for i in inflected) / len(inflected)
        acc_exact = 100 * sum(exact) / len(exact)
        by_label = []
        for group in (("PER",), ("LOC", "ORG")):
            idx = [i for i, lab in enumerate(labels) if lab in group]
            by_label.append(f"{100 * sum(ok[i] for i in idx) / len(idx):.1f} ({len(idx)})")
        rows.append(
            [
                name,
                f"**{acc_all:.1f}**",
                f"{acc_infl:.1f}",
                *by_label,
                f"{acc_exact:.1f}",
                f"{seconds[name]:.1f}",
            ]
        )
        print(rows[-1], flush=True)
    header = [
        "lemmatizer",
        "PROPN acc. %",
        "inflected PROPN acc. %",
        "in PER mentions (n)",
        "in LOC/ORG mentions (n)",
        "case-exact acc. %",
        "seconds",
    ]
    body = table(header, rows)
    body += (
        f"\n\n{len(items)} proper-noun tokens of the held-out FullStack test split, {len(inflected)} "
        "of them inflected (form ≠ gold lemma). Accuracy ignores letter case (FullStack lemmatizes "
        "the common-noun heads of multi-word names in lower case; a name keeps its capital); the "
        "case-exact column does not. The best one serves `Mention.lemma` "
        "(`pipeline/ner/lemmatize.py: WINNER`)."
    )
    print(body)
    write_section(
        "lv_lemma_eval",
        "Latvian proper-noun lemmatization (held-out FullStack)",
        body,
        "python -m benchmarks.lv_lemma_eval",
    )


if __name__ == "__main__":
    main()
