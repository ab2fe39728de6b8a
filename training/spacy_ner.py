"""Train the fast-profile spaCy NER pipelines (CNN tok2vec + transition NER) on CPU.

    .venv/bin/python -m training.spacy_ner lv   # FullStack train split + LVTagger train files
    .venv/bin/python -m training.spacy_ner zh   # MSRA train + PD-1998 + CLUENER 85 % + Weibo/Resume train
    .venv/bin/python -m training.spacy_ner en   # CoNLL-2003 train (dev: CoNLL valid)
    .venv/bin/python -m training.spacy_ner zh --prepare-only        # data + overlap report only
    .venv/bin/python -m training.spacy_ner zh --resume build/ner/zh/out --max-steps 2000  # go on

Writes ``build/ner/<lang>/{train,dev}.spacy`` and ``data_report.json`` (sentences and entities
per source, and how many training sentences were dropped because they overlap a held-out set),
trains with ``spacy train`` using ``training/configs/ner_cnn.cfg`` plus the per-language
overrides below, and copies the best checkpoint to ``models/ner-<lang>-spacy`` (or ``--out``).
Training is deterministic for a given config (seed 0), bounded by ``--max-steps``.

For lv and zh the held-out sets (:func:`held_out_sets`) are kept out of the training data by
sentence hash and checked again before training (:func:`training.ner_data.assert_clean` raises
:class:`training.ner_data.ContaminationError`). ``spacy train`` saves ``model-last`` at every
evaluation (``--eval-frequency``) and ``model-best`` when dev F1 improves, so an interrupted run
loses at most one evaluation interval: ``--resume <output folder>`` sources the tok2vec and ner
weights of its ``model-last`` and trains on the prepared data for ``--max-steps`` more steps
(the optimizer's moments and the step counter start afresh).
"""

from __future__ import annotations

import argparse
import json
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


def held_out_sets(lang: str) -> dict[str, list[LabeledSentence]]:
    """Every evaluation (and dev) set of ``lang`` that must stay out of its training data."""
    if lang == "zh":
        return {
            "People's Daily dev": ner_data.peoples_daily("dev"),
            "People's Daily test": ner_data.peoples_daily("test"),
            "MSRA test": ner_data.msra_test(),
            "Weibo dev": ner_data.weibo("dev"),
            "Weibo test": ner_data.weibo("test"),
            "Resume dev": ner_data.resume("dev"),
            "Resume test": ner_data.resume("test"),
            "CLUENER held-out 10 %": ner_data.cluener("heldout"),
            "CLUENER dev 5 %": ner_data.cluener("dev"),
        }
    if lang == "lv":
        return {
            "FullStack dev": ner_data.fullstack("dev"),
            "FullStack test": ner_data.fullstack("test"),
            "TildeNER test": ner_data.tildener_test(),
            "LVTagger held-out files": ner_data.lvtagger_sentences("test"),
        }
    return {}


def datasets(
    lang: str,
    keep_other: bool | None = None,
    report: dict | None = None,
    fullstack_copies: int = 1,
) -> tuple[list[LabeledSentence], list[LabeledSentence]]:
    """(train, dev) sentences for ``lang``; test sets are only read to keep them out. For lv and zh the
    training data is decontaminated against :func:`held_out_sets` (same sentence hash, or for zh
    a shared 20-character run or a held-out sentence's punctuation-delimited piece) and then
    checked: :func:`training.ner_data.assert_clean` raises if any held-out sentence is left in.
    ``report`` (a dict) receives the counts; ``fullstack_copies`` repeats the FullStack train
    sentences (lv) that many times."""
    keep = KEEP_OTHER[lang] if keep_other is None else keep_other
    report = {} if report is None else report
    if lang == "en":
        return ner_data.conll2003("train", keep_misc=keep), ner_data.conll2003(
            "valid", keep_misc=keep
        )
    if lang == "lv":
        # FullStack train (fixed 10 % document split) + LVTagger minus its held-out files.
        held = held_out_sets(lang)
        sources = {
            "FullStack train": ner_data.fullstack("train", keep),
            "LVTagger train files": ner_data.lvtagger_sentences("train"),
        }
        fullstack_keys = {ner_data.sentence_key(s.text) for s in ner_data.fullstack_sentences()}
        lvt_all = ner_data.lvtagger_sentences()
        report["LVTagger sentences also in FullStack (any split)"] = sum(
            ner_data.sentence_key(s.text) in fullstack_keys for s in lvt_all
        )
        report["LVTagger sentences"] = len(lvt_all)
        train: list[LabeledSentence] = []
        for name, sents in sources.items():
            kept, removed = ner_data.decontaminate(sents, held)
            report[name] = {"sentences": len(kept), "entities": _n(kept), "removed": removed}
            train += kept
        ner_data.assert_clean(train, held)
        if fullstack_copies > 1:  # FullStack is the target genre: weigh it up against LVTagger
            n_fullstack = report["FullStack train"]["sentences"]
            train = train[:n_fullstack] * fullstack_copies + train[n_fullstack:]
            report["FullStack copies"] = fullstack_copies
        return train, held["FullStack dev"]
    if lang == "zh":
        held = held_out_sets(lang)
        sources = {
            "MSRA train minus PD": ner_data.msra_train(),
            "PD-1998 fragments train": ner_data.pd1998_fragments("train"),
            "CLUENER train 85 %": ner_data.cluener("train"),
            "Weibo train": ner_data.weibo("train"),
            "Resume train": ner_data.resume("train"),
        }
        train = []
        for name, sents in sources.items():
            kept, removed = ner_data.decontaminate(sents, held, run=20, fragments=6)
            report[name] = {"sentences": len(kept), "entities": _n(kept), "removed": removed}
            train += kept
        ner_data.assert_clean(train, held)
        pd_dev = held["People's Daily dev"]
        rng = random.Random(0)
        order = list(range(len(pd_dev)))
        rng.shuffle(order)
        dev = [pd_dev[i] for i in sorted(order[:500])]
        dev += held["Weibo dev"] + held["CLUENER dev 5 %"]
        return train, dev
    raise SystemExit(f"no spaCy NER recipe for {lang!r}")


def _n(sentences: list[LabeledSentence]) -> int:
    return sum(len(s.spans) for s in sentences)


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
        help="continue training the tok2vec and ner of this pipeline (sourced, not re-initialized); "
        "a `spacy train` output folder resumes from its model-last (saved at every evaluation), "
        "reusing the prepared train/dev files. Give the REMAINING steps as --max-steps",
    )
    parser.add_argument(
        "--fullstack-copies",
        type=int,
        default=1,
        help="lv: repeat the FullStack train sentences this many times (LVTagger once)",
    )
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="write build/ner/<lang>/{train,dev}.spacy and data_report.json, then stop",
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
    if args.resume and (args.resume / "model-last").is_dir():
        args.resume = args.resume / "model-last"  # a `spacy train` output folder: its checkpoint
    if args.resume and (build / "train.spacy").exists() and (build / "dev.spacy").exists():
        print(f"resuming from {args.resume} with the prepared {build}/{{train,dev}}.spacy")
    else:
        report: dict = {}
        train, dev = datasets(args.lang, keep_other, report, args.fullstack_copies)
        if args.train_on_dev:
            train = train + dev
        nlp = spacy.blank(args.lang)
        n_train = to_docbin(nlp, train, build / "train.spacy")
        n_dev = to_docbin(nlp, dev, build / "dev.spacy")
        report["train"] = {"sentences": len(train), "entities": n_train}
        report["dev"] = {"sentences": len(dev), "entities": n_dev}
        (build / "data_report.json").write_text(
            json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(json.dumps(report, indent=2, ensure_ascii=False))
        print(f"train {len(train)} sentences / {n_train} entities; dev {len(dev)} / {n_dev}")
        if args.prepare_only:
            return

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
    else:  # sourced components do not bring their static vectors: load them from the checkpoint
        overrides["paths.vectors"] = str(args.resume.resolve())
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
