"""Learned cross-script name similarity (lv / en / zh) for names no dictionary holds.

A small character-level dual encoder maps a name to a 128-d unit vector; the cosine of two
vectors says how likely the names are transcriptions of one another (``Bishkek`` ↔ ``比什凯克``,
``Seržs Sargsjans`` ↔ ``Serzh Sargsyan``). Trained by ``training/name_scorer.py`` on mined name
pairs (``training/name_pairs.py``); model card: ``models/name-scorer/README.md``.

Input representation (:func:`romanize`): Chinese goes Traditional → Simplified (OpenCC, as
:func:`pipeline.align.normalize.to_simplified`) → toneless pinyin, syllables joined by ``.``,
name tokens by a space (``謝爾日·薩爾基相`` → ``xie.er.ri sa.er.ji.xiang``); Latin script is
lower-cased, tokens split on spaces and hyphens, and letters outside the model's alphabet are
folded to their base letter (the shipped model keeps Latvian diacritics: see its config).

Network: char embedding + language embedding → 2-layer BiGRU → mean ‖ max pooling → linear →
L2 norm. Inference is plain numpy (no torch import): the weights are read with
``safetensors.numpy``; :meth:`NameScorer.encode` batches names of similar length.
"""

from __future__ import annotations

import ctypes
import json
import re
import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.align.normalize import is_han, to_simplified
from pipeline.lang.defaults import defaults
from pipeline.settings import default_models_dir


def default_model_dir() -> Path:
    """``name-scorer/`` in the models folder (:func:`pipeline.settings.default_models_dir`)."""
    return default_models_dir() / "name-scorer"


LANGS = ("en", "lv", "zh")
_SPLIT = re.compile(r"[\s\-‐‑–—_/·・‧•∙⋅･]+")
_PAD, _UNK = 0, 1


def _fold_char(c: str) -> str:
    return "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))


@lru_cache(maxsize=1)
def _openblas() -> tuple[Callable[[], int], Callable[[int], Any]] | None:
    """(get, set) of the thread count of the OpenBLAS that numpy loaded, when found (Linux)."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as fh:
            paths = sorted({ln.split()[-1] for ln in fh if "openblas" in ln and ".so" in ln})
        for path in paths:
            lib = ctypes.CDLL(path)
            for stem in ("scipy_openblas_{}_num_threads64_", "openblas_{}_num_threads64_",
                         "openblas_{}_num_threads"):  # fmt: skip
                get, put = (
                    getattr(lib, stem.format("get"), None),
                    getattr(lib, stem.format("set"), None),
                )
                if get is not None and put is not None:
                    get.restype = ctypes.c_int
                    return get, put
    except OSError:
        pass
    return None


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """The recurrent steps multiply small matrices: BLAS threads only add overhead (and fight
    other work for the cores), so encoding runs them on one thread and restores the setting."""
    blas = _openblas()
    if blas is None:
        yield
        return
    get, put = blas
    before = get()
    put(1)
    try:
        yield
    finally:
        put(before)


def _each_char(text: str) -> list[str]:
    return list(text)


@lru_cache(maxsize=65536)
def _pinyin_token(token: str) -> str:
    from pypinyin import Style, lazy_pinyin

    # pypinyin's stub types the ``errors`` callback as str -> str; the library also takes a list
    # (one item per character), which is what is used here
    syllables = lazy_pinyin(token, style=Style.NORMAL, errors=_each_char)  # type: ignore[arg-type]
    return ".".join(s.lower() for s in syllables if s.strip())


@lru_cache(maxsize=65536)
def romanize(name: str, lang: str) -> str:
    """The string the encoder reads (see the module doc)."""
    name = unicodedata.normalize("NFC", name).strip()
    if defaults(lang).name_script or is_han(name):
        toks = [_pinyin_token(t) for t in _SPLIT.split(to_simplified(name)) if t]
    else:
        toks = [t.lower() for t in _SPLIT.split(name) if t]
    return " ".join(t for t in toks if t)


class NameScorer:
    """Numpy inference of the name encoder shipped in ``models/name-scorer``."""

    def __init__(self, weights: dict[str, np.ndarray], config: dict[str, Any]) -> None:
        self.config = config
        self.w = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in weights.items()}
        self.alphabet = config["alphabet"]
        self.char_index = {c: i for i, c in enumerate(self.alphabet)}
        self.lang_index = {lang: i for i, lang in enumerate(config["langs"])}
        self.max_len = int(config["max_len"])
        self.layers = int(config["layers"])
        self.hidden = int(config["hidden"])
        self.dim = int(config["dim"])

    # ------------------------------------------------------------ loading
    @classmethod
    def load(cls, model_dir: Path | None = None) -> NameScorer:
        """Read ``config.json`` + ``model.safetensors`` from ``model_dir`` (default
        :func:`default_model_dir`)."""
        model_dir = Path(model_dir) if model_dir is not None else default_model_dir()
        cfg_path, w_path = model_dir / "config.json", model_dir / "model.safetensors"
        missing = [p.name for p in (cfg_path, w_path) if not p.exists()]
        if missing:
            raise FileNotFoundError(
                f"name-scorer model not found in {model_dir} (missing {', '.join(missing)}); "
                "train it with `python -m training.name_scorer` or restore models/name-scorer/"
            )
        from safetensors.numpy import load_file

        config = json.loads(cfg_path.read_text(encoding="utf-8"))
        return cls(load_file(str(w_path)), config)

    # ------------------------------------------------------------ input
    def char_ids(self, text: str) -> list[int]:
        out = []
        for c in text[: self.max_len]:
            i = self.char_index.get(c)
            if i is None:
                folded = _fold_char(c)
                i = self.char_index.get(folded[:1], _UNK) if folded else _UNK
            out.append(i)
        return out or [_UNK]

    # ------------------------------------------------------------ network
    def _gru_dir(self, x: np.ndarray, active: np.ndarray, prefix: str) -> np.ndarray:
        """One GRU direction over time-major inputs (t, n, d). Rows are sorted by length, longest
        first, so the ``active[s]`` rows still inside their name at step ``s`` are a prefix; the
        others are padding and are not computed (their outputs stay zero)."""
        w_ih, w_hh = self.w[prefix.format("weight_ih")], self.w[prefix.format("weight_hh")]
        b_ih, b_hh = self.w[prefix.format("bias_ih")], self.w[prefix.format("bias_hh")]
        t, n, _ = x.shape
        hsz = self.hidden
        gi = x @ w_ih.T + b_ih  # (t, n, 3h)
        w_hh_t = np.ascontiguousarray(w_hh.T)
        h = np.zeros((n, hsz), dtype=np.float32)
        out = np.zeros((t, n, hsz), dtype=np.float32)
        for s in range(t):
            k = int(active[s])
            hk = h[:k]
            gh = hk @ w_hh_t + b_hh
            g = gi[s, :k]
            rz = g[:, : 2 * hsz] + gh[:, : 2 * hsz]
            np.negative(rz, out=rz)
            np.exp(rz, out=rz)
            rz += 1.0
            np.reciprocal(rz, out=rz)
            r, z = rz[:, :hsz], rz[:, hsz:]
            cand = np.tanh(g[:, 2 * hsz :] + r * gh[:, 2 * hsz :])
            h[:k] = cand + z * (hk - cand)
            out[s, :k] = h[:k]
        return out

    def _encode_ids(self, ids: list[list[int]], langs: list[int]) -> np.ndarray:
        n = len(ids)
        order = sorted(range(n), key=lambda i: -len(ids[i]))
        lengths = np.array([len(ids[i]) for i in order])
        t = int(lengths[0])
        tok = np.zeros((t, n), dtype=np.int64)  # time-major
        for j, i in enumerate(order):
            tok[: lengths[j], j] = ids[i]
        active = (lengths[None, :] > np.arange(t)[:, None]).sum(1)  # rows alive at each step
        lang = np.asarray(langs)[order]
        x = self.w["char_emb.weight"][tok] + self.w["lang_emb.weight"][lang][None]
        # reversal: step s of the reversed sequence reads position len-1-s (padding stays put)
        steps = np.arange(t)[:, None]
        mask = steps < lengths[None, :]
        rev = np.where(mask, lengths[None, :] - 1 - steps, steps)
        cols = np.arange(n)[None, :]
        for layer in range(self.layers):
            fwd = self._gru_dir(x, active, f"rnn.{{}}_l{layer}")
            bwd = self._gru_dir(x[rev, cols], active, f"rnn.{{}}_l{layer}_reverse")[rev, cols]
            x = np.concatenate([fwd, bwd], axis=-1)
        mean = x.sum(0) / lengths[:, None]  # padded outputs are zero
        mx = np.where(mask[:, :, None], x, -1e4).max(0)
        v = np.concatenate([mean, mx], axis=-1) @ self.w["proj.weight"].T + self.w["proj.bias"]
        v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
        out = np.empty_like(v)
        out[order] = v
        return out

    # ------------------------------------------------------------ API
    def encode(self, names: list[str], langs: list[str], batch_size: int = 512) -> np.ndarray:
        """(n, d) float32 unit vectors; ``langs[i]`` is ``lv``, ``en`` or ``zh``."""
        if len(names) != len(langs):
            raise ValueError("names and langs differ in length")
        out = np.zeros((len(names), self.dim), dtype=np.float32)
        if not names:
            return out
        ids = [self.char_ids(romanize(nm, lg)) for nm, lg in zip(names, langs, strict=True)]
        lang_ids = [self.lang_index.get(lg, self.lang_index["en"]) for lg in langs]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        with _one_blas_thread():
            for start in range(0, len(order), batch_size):
                idx = order[start : start + batch_size]
                out[idx] = self._encode_ids([ids[i] for i in idx], [lang_ids[i] for i in idx])
        return out

    def similarity(self, a: str, lang_a: str, b: str, lang_b: str) -> float:
        """Cosine of the two names' vectors, in [-1, 1]."""
        v = self.encode([a, b], [lang_a, lang_b])
        return float(v[0] @ v[1])


_LOCK = threading.Lock()
_DEFAULT: NameScorer | None = None


def default_scorer() -> NameScorer:
    """The process-wide scorer from ``models/name-scorer`` (loaded once, thread-safe)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = NameScorer.load()
    return _DEFAULT
