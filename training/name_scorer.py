"""Train the cross-script name scorer (``pipeline/align/name_scorer.py``) on mined name pairs.

A character-level dual encoder (one shared tower for lv, en and zh-as-pinyin, plus a language
embedding): char embedding 64 → 2-layer BiGRU (96 per direction) → mean ‖ max pooling → linear
128 → L2 norm. Loss: symmetric in-batch InfoNCE with a learned temperature; pairs of one
component (spellings of one name) are never each other's negatives. Batches hold one language
pair each; after the first refresh half of every batch is *hard*: pairs whose target is among the
nearest wrong targets (by the current model) of another pair in the batch, re-mined every
``--mine-minutes``.

Training is bounded by wall time (``--max-minutes``; the learning rate follows a cosine over that
budget), single-threaded, and checkpoints every ``--ckpt-minutes`` to
``outputs/training/name_scorer/last.pt``; ``--resume`` continues from there. At the end the weights
go to ``models/name-scorer/`` (``model.safetensors`` + ``config.json`` + ``metrics.json``).

Run: ``.venv/bin/python -m training.name_pairs`` then
``.venv/bin/python -m training.name_scorer --max-minutes 18``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from pipeline.align.name_scorer import LANGS, NameScorer, default_model_dir, romanize
from pipeline.settings import PROJECT_ROOT
from training.name_pairs import candidate_sets, load_pairs

CKPT_DIR = PROJECT_ROOT / "outputs" / "training" / "name_scorer"
LANG_PAIRS = {"en-zh": 0.55, "lv-zh": 0.2, "en-lv": 0.25}  # batch sampling weights


# ---------------------------------------------------------------- data


def fold_text(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def build_alphabet(texts: list[str], diacritics: str, min_count: int = 5) -> list[str]:
    """Index 0 pad, 1 unknown, then every character seen ``min_count`` times (after folding
    when ``diacritics == 'fold'``)."""
    counts: Counter = Counter()
    for t in texts:
        counts.update(fold_text(t) if diacritics == "fold" else t)
    chars = sorted(c for c, n in counts.items() if n >= min_count)
    return ["<pad>", "<unk>", *chars]


class Example:
    __slots__ = ("a", "la", "b", "lb", "comp", "lp", "ra", "rb", "ids_a", "ids_b", "tok_pairs")

    def __init__(self, p: dict) -> None:
        self.a, self.la, self.b, self.lb = p["a"], p["lang_a"], p["b"], p["lang_b"]
        self.comp, self.lp = p["component"], f"{p['lang_a']}-{p['lang_b']}"
        self.ra, self.rb = romanize(self.a, self.la), romanize(self.b, self.lb)
        ta, tb = self.ra.split(" "), self.rb.split(" ")
        # token-aligned sub-pairs of multi-token names (surname-only mentions)
        self.tok_pairs = list(zip(ta, tb, strict=True)) if len(ta) == len(tb) > 1 else []


# ---------------------------------------------------------------- model


class Encoder(nn.Module):
    def __init__(
        self, vocab: int, emb: int = 64, hidden: int = 96, layers: int = 2, dim: int = 128
    ):
        super().__init__()
        self.char_emb = nn.Embedding(vocab, emb, padding_idx=0)
        self.lang_emb = nn.Embedding(len(LANGS), emb)
        self.rnn = nn.GRU(emb, hidden, num_layers=layers, bidirectional=True, batch_first=True,
                          dropout=0.1 if layers > 1 else 0.0)  # fmt: skip
        self.proj = nn.Linear(4 * hidden, dim)
        self.drop = nn.Dropout(0.1)

    def forward(self, tok: torch.Tensor, lengths: torch.Tensor, lang: torch.Tensor) -> torch.Tensor:
        x = self.drop(self.char_emb(tok) + self.lang_emb(lang)[:, None])
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        out, _ = self.rnn(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=tok.shape[1])
        mask = (torch.arange(tok.shape[1])[None, :] < lengths[:, None]).unsqueeze(-1)
        mean = (out * mask).sum(1) / lengths[:, None].float()
        mx = out.masked_fill(~mask, -1e4).max(1).values
        return nn.functional.normalize(self.proj(torch.cat([mean, mx], -1)), dim=-1)


class Batcher:
    """Turns romanized strings into padded id tensors with the runtime's character mapping."""

    def __init__(self, alphabet: list[str], max_len: int) -> None:
        cfg = {"alphabet": alphabet, "langs": list(LANGS), "max_len": max_len, "layers": 1,
               "hidden": 1, "dim": 1}  # fmt: skip
        self.mapper = NameScorer({}, cfg)
        self.lang_index = {lg: i for i, lg in enumerate(LANGS)}
        self.cache: dict[str, list[int]] = {}

    def ids(self, text: str) -> list[int]:
        v = self.cache.get(text)
        if v is None:
            v = self.cache[text] = self.mapper.char_ids(text)
        return v

    def tensors(self, texts: list[str], langs: list[str]):
        ids = [self.ids(t) for t in texts]
        lengths = torch.tensor([len(x) for x in ids])
        tok = torch.zeros((len(ids), int(lengths.max())), dtype=torch.long)
        for i, x in enumerate(ids):
            tok[i, : len(x)] = torch.tensor(x)
        lang = torch.tensor([self.lang_index[lg] for lg in langs])
        return tok, lengths, lang


@torch.no_grad()
def encode(
    model: Encoder, batcher: Batcher, texts: list[str], langs: list[str], bs: int = 1024
) -> np.ndarray:
    model.eval()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), model.proj.out_features), dtype=np.float32)
    for s in range(0, len(order), bs):
        idx = order[s : s + bs]
        out[idx] = model(*batcher.tensors([texts[i] for i in idx], [langs[i] for i in idx])).numpy()
    model.train()
    return out


# ---------------------------------------------------------------- hard negatives


def mine_hard(
    model: Encoder, batcher: Batcher, examples: list[Example], k: int = 8
) -> dict[int, list[int]]:
    """For every example, up to ``k`` other examples of its language pair whose target is among the
    nearest (wrong-component) targets of its source."""
    hard: dict[int, list[int]] = {}
    by_lp: dict[str, list[int]] = defaultdict(list)
    for i, ex in enumerate(examples):
        by_lp[ex.lp].append(i)
    for idxs in by_lp.values():
        va = encode(model, batcher, [examples[i].ra for i in idxs], [examples[i].la for i in idxs])
        vb = encode(model, batcher, [examples[i].rb for i in idxs], [examples[i].lb for i in idxs])
        comps = np.array([examples[i].comp for i in idxs])
        for s in range(0, len(idxs), 2048):
            sims = va[s : s + 2048] @ vb.T
            sims[comps[s : s + 2048, None] == comps[None, :]] = -2
            top = np.argpartition(-sims, k, axis=1)[:, :k]
            for r, row in enumerate(top):
                hard[idxs[s + r]] = [idxs[j] for j in row]
    return hard


# ---------------------------------------------------------------- evaluation


def rank_eval(model: Encoder, batcher: Batcher, pairs: list[dict], split: str) -> dict:
    """acc@1 and MRR among 100 candidates per language pair (see ``candidate_sets``)."""
    res = {}
    for lp in LANG_PAIRS:
        la, lb = lp.split("-")
        sets = candidate_sets(pairs, split, la, lb)
        names = sorted({c for _, cands in sets for c in cands})
        vb = encode(model, batcher, [romanize(n, lb) for n in names], [lb] * len(names))
        pos = {n: i for i, n in enumerate(names)}
        va = encode(model, batcher, [romanize(q["a"], la) for q, _ in sets], [la] * len(sets))
        ranks = []
        for qi, (_, cands) in enumerate(sets):
            s = vb[[pos[c] for c in cands]] @ va[qi]
            ranks.append(1 + int((s[1:] > s[0]).sum()))
        r = np.array(ranks)
        res[lp] = {"n": len(r), "acc@1": float((r == 1).mean()), "mrr": float((1 / r).mean())}
    return res


# ---------------------------------------------------------------- training


def make_batch(rng: random.Random, examples, by_lp, hard, batch_size: int, tok_aug: float):
    lp = rng.choices(list(LANG_PAIRS), weights=list(LANG_PAIRS.values()))[0]
    pool = by_lp[lp]
    chosen: list[int] = []
    comps: set[str] = set()

    def add(i: int) -> None:
        if examples[i].comp not in comps:
            comps.add(examples[i].comp)
            chosen.append(i)

    n_seed = batch_size // 2 if hard else batch_size
    while len(chosen) < n_seed:
        add(rng.choice(pool))
    if hard:
        for i in list(chosen):
            if len(chosen) >= batch_size:
                break
            add(rng.choice(hard[i]))
        while len(chosen) < batch_size:
            add(rng.choice(pool))
    ta, tb, la, lb, cs = [], [], [], [], []
    for i in chosen:
        ex = examples[i]
        a, b = ex.ra, ex.rb
        if ex.tok_pairs and rng.random() < tok_aug:
            a, b = rng.choice(ex.tok_pairs)
        ta.append(a), tb.append(b), la.append(ex.la), lb.append(ex.lb), cs.append(ex.comp)
    return ta, la, tb, lb, cs


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Train the cross-script name scorer.")
    ap.add_argument("--max-minutes", type=float, default=18.0, help="wall-time budget (total)")
    ap.add_argument("--resume", action="store_true", help="continue from the last checkpoint")
    ap.add_argument("--ckpt-dir", type=Path, default=CKPT_DIR)
    ap.add_argument("--out", type=Path, default=default_model_dir())
    ap.add_argument("--ckpt-minutes", type=float, default=3.0)
    ap.add_argument("--mine-minutes", type=float, default=2.0)
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--diacritics", choices=["keep", "fold"], default="keep")
    ap.add_argument("--hidden", type=int, default=96)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--emb", type=int, default=64)
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--max-len", type=int, default=48)
    ap.add_argument("--tok-aug", type=float, default=0.15, help="share of token-aligned sub-pairs")
    ap.add_argument("--no-hard", action="store_true", help="in-batch negatives only")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    torch.set_num_threads(1)
    ckpt_path = args.ckpt_dir / "last.pt"
    state = None
    if args.resume:
        if not ckpt_path.exists():
            raise SystemExit(f"--resume: no checkpoint at {ckpt_path}")
        state = torch.load(ckpt_path, weights_only=False)
        saved = state["args"]
        for k in ("diacritics", "hidden", "layers", "emb", "dim", "max_len", "batch_size", "lr",
                  "tok_aug", "no_hard", "seed"):  # fmt: skip
            setattr(args, k, saved[k])  # the architecture and recipe of the run being resumed
        print(f"resuming at step {state['step']}, {state['elapsed'] / 60:.1f} min done", flush=True)

    pairs = load_pairs()
    train = [Example(p) for p in pairs if p["split"] == "train"]
    by_lp: dict[str, list[int]] = defaultdict(list)
    for i, ex in enumerate(train):
        by_lp[ex.lp].append(i)
    alphabet = (
        state["alphabet"]
        if state
        else build_alphabet([t for ex in train for t in (ex.ra, ex.rb)], args.diacritics)
    )
    batcher = Batcher(alphabet, args.max_len)
    torch.manual_seed(args.seed)
    model = Encoder(len(alphabet), args.emb, args.hidden, args.layers, args.dim)
    scale = nn.Parameter(torch.tensor(math.log(20.0)))
    opt = torch.optim.AdamW([*model.parameters(), scale], lr=args.lr, weight_decay=1e-4)
    step, elapsed, log = 0, 0.0, []
    rng = random.Random(args.seed)
    if state:
        model.load_state_dict(state["model"])
        scale.data.fill_(state["scale"])
        opt.load_state_dict(state["opt"])
        step, elapsed, log = state["step"], state["elapsed"], state["log"]
        rng.setstate(state["rng"])
    n_params = sum(p.numel() for p in model.parameters())
    print(f"{len(train)} training pairs {dict(Counter(ex.lp for ex in train))}; alphabet "
          f"{len(alphabet)}; {n_params} parameters ({n_params * 4 / 1e6:.2f} MB fp32)", flush=True)  # fmt: skip

    budget = args.max_minutes * 60
    t0 = time.time() - elapsed
    last_ckpt = last_mine = time.time()
    hard: dict[int, list[int]] = {}
    if state and not args.no_hard:  # a resumed run re-mines before its first step
        hard = mine_hard(model, batcher, train)
        last_mine = time.time()

    def save() -> None:
        args.ckpt_dir.mkdir(parents=True, exist_ok=True)
        tmp = ckpt_path.with_suffix(".tmp")
        torch.save({"model": model.state_dict(), "scale": float(scale.detach()), "opt": opt.state_dict(),
                    "step": step, "elapsed": time.time() - t0, "log": log, "rng": rng.getstate(),
                    "alphabet": alphabet, "args": vars(args) | {"ckpt_dir": str(args.ckpt_dir),
                                                                "out": str(args.out)}},
                   tmp)  # fmt: skip
        tmp.replace(ckpt_path)

    losses: list[float] = []
    while time.time() - t0 < budget:
        frac = (time.time() - t0) / budget
        lr = args.lr * min(1.0, (step + 1) / 200) * 0.5 * (1 + math.cos(math.pi * min(frac, 1.0)))
        for g in opt.param_groups:
            g["lr"] = lr
        ta, la, tb, lb, cs = make_batch(rng, train, by_lp, hard, args.batch_size, args.tok_aug)
        va = model(*batcher.tensors(ta, la))
        vb = model(*batcher.tensors(tb, lb))
        logits = scale.exp().clamp(max=100) * va @ vb.T
        comp = np.array(cs)
        same = torch.from_numpy((comp[:, None] == comp[None, :]) & ~np.eye(len(cs), dtype=bool))
        logits = logits.masked_fill(same, -1e4)
        target = torch.arange(len(cs))
        loss = nn.functional.cross_entropy(logits, target) + nn.functional.cross_entropy(
            logits.T, target
        )
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        losses.append(float(loss.detach()))
        step += 1
        if step % 100 == 0:
            print(f"step {step} {(time.time() - t0) / 60:.1f} min lr {lr:.2e} loss "
                  f"{np.mean(losses[-100:]):.3f} scale {float(scale.detach().exp()):.1f}", flush=True)  # fmt: skip
        now = time.time()
        if not args.no_hard and now - last_mine > args.mine_minutes * 60:
            hard = mine_hard(model, batcher, train)
            last_mine = time.time()
        if now - last_ckpt > args.ckpt_minutes * 60:
            dev = rank_eval(model, batcher, pairs, "dev")
            log.append({"step": step, "minutes": round((now - t0) / 60, 2),
                        "loss": float(np.mean(losses[-100:])), "dev": dev})  # fmt: skip
            print("dev", json.dumps(dev), flush=True)
            save()
            last_ckpt = time.time()

    dev = rank_eval(model, batcher, pairs, "dev")
    log.append({"step": step, "minutes": round((time.time() - t0) / 60, 2), "dev": dev})
    print("final dev", json.dumps(dev), flush=True)
    save()
    export(model, alphabet, args, step, time.time() - t0, dev, log)


def export(
    model: Encoder, alphabet: list[str], args, step: int, seconds: float, dev: dict, log
) -> None:
    from safetensors.torch import save_file

    args.out.mkdir(parents=True, exist_ok=True)
    tensors = {k: v.detach().contiguous() for k, v in model.state_dict().items()}
    save_file(tensors, str(args.out / "model.safetensors"))
    config = {
        "architecture": "char BiGRU dual encoder (mean|max pool, linear, L2 norm)",
        "alphabet": alphabet, "langs": list(LANGS), "emb": args.emb, "hidden": args.hidden,
        "layers": args.layers, "dim": args.dim, "max_len": args.max_len,
        "diacritics": args.diacritics,
    }  # fmt: skip
    (args.out / "config.json").write_text(
        json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    metrics = {
        "steps": step, "train_minutes": round(seconds / 60, 1), "threads": 1,
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "dev": dev, "log": log,
    }  # fmt: skip
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    size = (args.out / "model.safetensors").stat().st_size
    print(f"exported to {args.out} ({size / 1e6:.2f} MB)", flush=True)


if __name__ == "__main__":
    main()
