"""Latvian lemmatizers for name normalization, trained on the FullStack LEMMA column.

    .venv/bin/python -m training.lv_lemma rules    # suffix rules → pipeline/lang/lv/name_suffix_rules.tsv
    .venv/bin/python -m training.lv_lemma stanza   # Stanza seq2seq lemmatizer → models/lemma-lv-stanza
    .venv/bin/python -m training.lv_lemma spacy    # spaCy trainable_lemmatizer → build/lemma-lv-spacy
    .venv/bin/python -m benchmarks.lv_lemma_eval   # held-out proper-noun accuracy of all three

All three learn only from the FullStack TRAIN split (the same fixed, stratified document split as
the NER model); the benchmark scores them on the PROPN tokens of the held-out TEST split.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from training import ner_data

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "lemma-lv"
RULES = ROOT / "pipeline" / "lang" / "lv" / "name_suffix_rules.tsv"
STANZA_DIR = ROOT / "models" / "lemma-lv-stanza"
STANZA_NAME = "lv_fullstack_lemmatizer.pt"
SPACY_DIR = BUILD / "spacy-model"


def tokens(part: str) -> list[tuple[str, str, str]]:
    """(form, lemma, UPOS) of every token in a FullStack split part."""
    out = []
    for s in ner_data.fullstack(part):
        for (a, b), extra in zip(s.tokens, s.token_tags, strict=True):
            lemma, upos = extra.split("\t")
            out.append((s.text[a:b], lemma, upos))
    return out


def edit_of(form: str, lemma: str) -> tuple[int, str] | None:
    """(characters to strip from the end, string to append) turning ``form`` into ``lemma``."""
    common = 0
    while common < min(len(form), len(lemma)) and form[common] == lemma[common]:
        common += 1
    if common == 0:
        return None
    return len(form) - common, lemma[common:]


def learn_rules(min_count: int = 3, max_suffix: int = 4) -> list[tuple[str, int, str, int]]:
    """Most frequent suffix edit per word ending (length 1..4), learned from train PROPN tokens."""
    by_suffix: dict[str, Counter] = defaultdict(Counter)
    for form, lemma, upos in tokens("train"):
        if upos != "PROPN" or not form[:1].isupper():
            continue
        edit = edit_of(form, lemma)
        if edit is None or edit[0] > max_suffix:
            continue
        for n in range(1, max_suffix + 1):
            if len(form) > n + 1:
                by_suffix[form[-n:]][edit] += 1
    rules = []
    for suffix, counts in by_suffix.items():
        (strip, add), count = counts.most_common(1)[0]
        if count >= min_count and strip <= len(suffix):
            rules.append((suffix, strip, add, count))
    rules.sort(key=lambda r: (-len(r[0]), r[0]))
    return rules


def write_rules() -> None:
    rules = learn_rules()
    lines = [
        "# Latvian proper-noun suffix rules, learned by training/lv_lemma.py rules from the",
        "# FullStack train split (CC BY-SA 4.0): word ending, characters to strip, string to",
        "# append, training support. The longest matching ending wins.",
    ]
    lines += [f"{s}\t{strip}\t{add}\t{count}" for s, strip, add, count in rules]
    RULES.parent.mkdir(parents=True, exist_ok=True)
    RULES.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rules)} rules → {RULES}")


def write_conllu(triples: list[tuple[str, str, str]], path: Path) -> None:
    """One token per sentence (the lemmatizer is context-free)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for i, (form, lemma, upos) in enumerate(triples):
            fh.write(f"# sent_id = {i}\n1\t{form}\t{lemma}\t{upos}\t_\t_\t0\troot\t_\t_\n\n")


def train_stanza(epochs: int) -> None:
    train = sorted(set(tokens("train")))
    dev = sorted({t for t in tokens("dev") if t[2] in {"PROPN", "NOUN"}})
    write_conllu(train, BUILD / "train.conllu")
    write_conllu(dev, BUILD / "dev.conllu")
    print(f"stanza: {len(train)} unique train triples, {len(dev)} dev")
    STANZA_DIR.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "stanza.models.lemmatizer",
        "--train_file",
        str(BUILD / "train.conllu"),
        "--eval_file",
        str(BUILD / "dev.conllu"),
        "--shorthand",
        "lv_fullstack",
        "--mode",
        "train",
        "--num_epoch",
        str(epochs),
        "--batch_size",
        "100",
        "--log_step",
        "200",
        "--save_dir",
        str(STANZA_DIR),
        "--save_name",
        STANZA_NAME,
        "--cpu",
    ]
    started = time.time()
    subprocess.run(cmd, check=True)
    print(f"trained in {time.time() - started:.0f} s")


SPACY_CONFIG = """
[paths]
train = null
dev = null
[system]
seed = 0
gpu_allocator = null
[nlp]
lang = "lv"
pipeline = ["tok2vec","trainable_lemmatizer"]
batch_size = 256
[components]
[components.tok2vec]
factory = "tok2vec"
[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"
[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [5000,1000,2500,1000]
include_static_vectors = false
[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3
[components.trainable_lemmatizer]
factory = "trainable_lemmatizer"
backoff = "orth"
min_tree_freq = 3
overwrite = false
top_k = 1
[components.trainable_lemmatizer.model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false
[components.trainable_lemmatizer.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 96
upstream = "*"
[corpora]
[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}
[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}
[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
max_steps = 2000
eval_frequency = 500
patience = 2000
[training.batcher]
@batchers = "spacy.batch_by_words.v1"
tolerance = 0.2
[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
[training.optimizer]
@optimizers = "Adam.v1"
[training.score_weights]
lemma_acc = 1.0
[initialize]
"""


def train_spacy(max_steps: int) -> None:
    import spacy
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("lv")
    for part in ("train", "dev"):
        db = DocBin(attrs=["LEMMA", "POS"])
        for s in ner_data.fullstack(part):
            words, spaces = s.words_and_spaces()
            lemmas = [t.split("\t")[0] for t in s.token_tags]
            db.add(Doc(nlp.vocab, words=words, spaces=spaces, lemmas=lemmas))
        db.to_disk(BUILD / f"{part}.spacy")
    base = BUILD / "spacy_lemma_base.cfg"
    base.write_text(SPACY_CONFIG, encoding="utf-8")
    config = BUILD / "spacy_lemma.cfg"
    fill = [sys.executable, "-m", "spacy", "init", "fill-config", str(base), str(config)]
    subprocess.run(fill, check=True)
    cmd = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(BUILD / "spacy")]
    cmd += ["--paths.train", str(BUILD / "train.spacy"), "--paths.dev", str(BUILD / "dev.spacy")]
    cmd += ["--training.max_steps", str(max_steps)]
    started = time.time()
    subprocess.run(cmd, check=True)
    print(f"trained in {time.time() - started:.0f} s")
    if SPACY_DIR.exists():
        shutil.rmtree(SPACY_DIR)
    shutil.copytree(BUILD / "spacy" / "model-best", SPACY_DIR)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=["rules", "stanza", "spacy"])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--max-steps", type=int, default=2000)
    args = parser.parse_args(argv)
    if args.what == "rules":
        write_rules()
    elif args.what == "stanza":
        train_stanza(args.epochs)
    else:
        train_spacy(args.max_steps)


if __name__ == "__main__":
    main()
