"""Train the fast-profile spaCy NER pipelines (CNN tok2vec + transition NER) on CPU.

    .venv/bin/python -m training.spacy_ner lv   # FullStack train split (fixed, stratified)
    .venv/bin/python -m training.spacy_ner zh   # PD dev + MSRA test + Weibo train + Resume train
    .venv/bin/python -m training.spacy_ner en   # CoNLL-2003 train (dev: CoNLL valid)

Writes ``build/ner/<lang>/{train,dev}.spacy``, trains with ``spacy train`` using
``training/configs/ner_cnn.cfg`` plus the per-language overrides below, and copies the best
checkpoint to ``models/ner-<lang>-spacy``. Training is deterministic for a given config (seed 0),
bounded by ``--max-steps``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from training import ner_data, static_vectors
from training.ner_data import LabeledSentence

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "training" / "configs" / "ner_cnn.cfg"

STATIC_VECTORS = {"components.tok2vec.model.embed.include_static_vectors": "true"}
"""Every language's tok2vec reads the e5-derived static vectors (training/static_vectors.py)."""

OVERRIDES: dict[str, dict[str, str]] = {
    "lv": STATIC_VECTORS,
    "en": STATIC_VECTORS,
    # One token per Han character: prefix/suffix of a 1-char token carry nothing; the embedding
    # (EMBED_BLOCKS) adds bigrams and jieba words, and window 2 × depth 4 sees 8 characters
    # each side.
    "zh": {
        "components.tok2vec.model.encode.window_size": "2",
        "training.batcher.size.start": "200",
        "training.batcher.size.stop": "1500",
    },
}


# The [nlp.tokenizer] and [initialize.tokenizer] blocks per language (default: spaCy's rule
# tokenizer). Chinese needs its own tokenizer class; "char" makes one token per character.
TOKENIZER_BLOCKS: dict[str, str] = {
    "zh": (
        '[nlp.tokenizer]\n@tokenizers = "spacy.zh.ChineseTokenizer"\nsegmenter = "char"\n',
        '[initialize.tokenizer]\npkuseg_model = null\npkuseg_user_dict = "default"\n',
    ),
}


# The tok2vec embedding layer per language (default: the config's spacy.MultiHashEmbed.v2).
# Latvian words also get their suffix-rule lemma (one row for all case forms of a name);
# Chinese characters get their bigrams and their jieba word + position
# (pipeline/ner/backends/spacy_architectures.py).
EMBED_BLOCKS: dict[str, dict[str, object]] = {
    "lv": {
        "@architectures": "xlkb.LatvianLemmaEmbed.v1",
        # norm, prefix, suffix, shape (as spacy.MultiHashEmbed.v2) + suffix-rule lemma
        "rows": [8000, 2000, 4000, 1000, 8000],
        "widths": [128, 128, 128, 128, 128],
        "include_static_vectors": True,
    },
    "zh": {
        "@architectures": "xlkb.ChineseLexiconEmbed.v1",
        # norm, shape, bigram left, bigram right, word|position, position+length
        "rows": [10000, 500, 10000, 10000, 10000, 50],
        "widths": [128, 32, 64, 64, 64, 16],
        "include_static_vectors": True,
    },
}

ARCHITECTURES = ROOT / "pipeline" / "ner" / "backends" / "spacy_architectures.py"
"""Registers the xlkb.* architectures and callbacks; passed to ``spacy train --code``."""


def language_config(lang: str, path: Path, resume: Path | None = None) -> Path:
    """Write the shared config with ``lang``'s tokenizer and embedding blocks to ``path``; with
    ``resume``, the tok2vec and ner components are sourced (weights kept) from that pipeline.
    Training multiplies with numpy's BLAS (``xlkb.numpy_blas.v1`` before initialization)."""
    from thinc.api import Config

    text = CONFIG.read_text(encoding="utf-8")
    if lang in TOKENIZER_BLOCKS:
        nlp_block, init_block = TOKENIZER_BLOCKS[lang]
        text = text.replace('[nlp.tokenizer]\n@tokenizers = "spacy.Tokenizer.v1"\n', nlp_block)
        text = text.replace("[initialize.tokenizer]\n", init_block)
        assert "ChineseTokenizer" in text
    config = Config().from_str(text, interpolate=False)
    config["initialize"]["before_init"] = {"@callbacks": "xlkb.numpy_blas.v1"}
    if lang in EMBED_BLOCKS:
        embed = config["components"]["tok2vec"]["model"]["embed"]
        # keeps the config's width (a reference to the encoder's width)
        embed.clear()
        embed.update({**EMBED_BLOCKS[lang], "width": "${components.tok2vec.model.encode.width}"})
    if resume is not None:
        for component in ("tok2vec", "ner"):
            config["components"][component] = {"source": str(resume.resolve())}
    text = config.to_str()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


KEEP_OTHER: dict[str, bool] = {"lv": False, "en": True, "zh": False}
"""Per language: train on the data's types beyond PER/LOC/ORG too (CoNLL MISC; FullStack event,
product, entity, time, money). The backend drops them at output (``pipeline/ner/labels.py``); a
model that knows them pushes fewer nationalities, events and products into PER/LOC/ORG."""


FEATURE_DATA: dict[str, tuple[Path, ...]] = {
    "lv": (ROOT / "pipeline/lang/lv/name_suffix_rules.tsv",)
}
"""Project data files a language's features read (EMBED_BLOCKS); their SHA-1 goes into the
model's meta.json so the backend refuses a model whose feature data has changed since."""


def record_feature_data(model_dir: Path, lang: str) -> None:
    """Write ``xlkb_feature_data`` ({repo-relative path: SHA-1}) into ``model_dir/meta.json``."""
    import json

    from pipeline.ner.backends.spacy_backend import sha1_of

    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["xlkb_feature_data"] = {
        str(path.relative_to(ROOT)): sha1_of(path) for path in FEATURE_DATA.get(lang, ())
    }
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def datasets(
    lang: str, keep_other: bool | None = None
) -> tuple[list[LabeledSentence], list[LabeledSentence]]:
    """(train, dev) sentences for ``lang``; test sets are never touched here."""
    keep = KEEP_OTHER[lang] if keep_other is None else keep_other
    if lang == "lv":
        return ner_data.fullstack("train", keep), ner_data.fullstack("dev", keep)
    if lang == "en":
        return ner_data.conll2003("train", keep_misc=keep), ner_data.conll2003(
            "valid", keep_misc=keep
        )
    if lang == "zh":
        pd_dev = ner_data.peoples_daily("dev")
        rng = random.Random(0)
        order = list(range(len(pd_dev)))
        rng.shuffle(order)
        held = set(order[:400])
        train = [s for i, s in enumerate(pd_dev) if i not in held]
        train += ner_data.msra_test() + ner_data.weibo("train") + ner_data.resume("train")
        dev = [s for i, s in enumerate(pd_dev) if i in held] + ner_data.weibo("dev")
        return train, dev
    raise SystemExit(f"no spaCy NER recipe for {lang!r}")


def to_docbin(nlp, sentences: list[LabeledSentence], path: Path) -> int:
    """Write gold-tokenized docs with entity spans; returns the number of entities written."""
    from spacy.tokens import Doc, DocBin

    db = DocBin()
    n_ents = 0
    for s in sentences:
        words, spaces = s.words_and_spaces()
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
        text = doc.text
        ents = []
        for a, b, label in s.spans:
            # offsets shift when gaps of several spaces collapse to one; map via token indexes
            first = next(i for i, t in enumerate(s.tokens) if t[0] == a)
            last = next(i for i, t in enumerate(s.tokens) if t[1] == b)
            span = doc[first : last + 1]
            span = doc.char_span(span.start_char, span.end_char, label=label)
            if span is not None:
                ents.append(span)
        doc.ents = ents
        n_ents += len(ents)
        assert text == doc.text
        db.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n_ents


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("lang", choices=sorted(OVERRIDES))
    parser.add_argument("--max-steps", type=int, default=6000)
    parser.add_argument("--eval-frequency", type=int, default=400)
    parser.add_argument("--output", type=Path, default=None, help="spacy train output dir")
    parser.add_argument("--out", type=Path, default=None, help="default models/ner-<lang>-spacy")
    parser.add_argument(
        "--vectors",
        type=Path,
        default=None,
        help="static vectors pipeline (default build/vectors/<lang>, built by "
        "training.static_vectors when missing)",
    )
    parser.add_argument("--set", action="append", default=[], help="extra config override k=v")
    parser.add_argument(
        "--resume",
        type=Path,
        default=None,
        help="continue training the tok2vec and ner of this pipeline (sourced, not re-initialized)",
    )
    parser.add_argument(
        "--train-on-dev",
        action="store_true",
        help="add the dev split to the training data and ship the LAST checkpoint (run for the "
        "step count a dev-selected run found best); dev scores are then not held-out",
    )
    parser.add_argument(
        "--keep-other",
        choices=("yes", "no"),
        default=None,
        help="train on the data's types beyond PER/LOC/ORG (default: KEEP_OTHER[lang])",
    )
    args = parser.parse_args(argv)

    import spacy

    build = ROOT / "build" / "ner" / args.lang
    keep_other = None if args.keep_other is None else args.keep_other == "yes"
    train, dev = datasets(args.lang, keep_other)
    if args.train_on_dev:
        train = train + dev
    nlp = spacy.blank(args.lang)
    n_train = to_docbin(nlp, train, build / "train.spacy")
    n_dev = to_docbin(nlp, dev, build / "dev.spacy")
    print(f"train {len(train)} sentences / {n_train} entities; dev {len(dev)} / {n_dev}")

    overrides = {
        "nlp.lang": f'"{args.lang}"',
        "paths.train": str(build / "train.spacy"),
        "paths.dev": str(build / "dev.spacy"),
        "training.max_steps": str(args.max_steps),
        "training.eval_frequency": str(args.eval_frequency),
    }
    if not args.resume:
        vectors = args.vectors or static_vectors.OUT_DIR / args.lang
        if not (vectors / "vocab" / "vectors").exists():
            static_vectors.save(args.lang, static_vectors.build(args.lang), vectors)
        overrides["paths.vectors"] = str(vectors)
    if not args.resume:  # a sourced component brings its own architecture
        overrides.update(OVERRIDES[args.lang])
    for item in args.set:
        key, value = item.split("=", 1)
        overrides[key] = value
    config = language_config(args.lang, build / "config.cfg", args.resume)
    output = args.output or build / ("out-resumed" if args.resume else "out")
    cmd = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(output)]
    cmd += ["--code", str(ARCHITECTURES)]
    for key, value in overrides.items():
        cmd += [f"--{key}", value]
    started = time.time()
    subprocess.run(cmd, check=True)
    print(f"trained in {time.time() - started:.0f} s")

    out = args.out or ROOT / "models" / f"ner-{args.lang}-spacy"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(output / ("model-last" if args.train_on_dev else "model-best"), out)
    record_feature_data(out, args.lang)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"model → {out} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
