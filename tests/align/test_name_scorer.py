"""The shipped learned name scorer (models/name-scorer) on real names."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from pipeline.align.name_scorer import NameScorer, default_scorer, romanize

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def scorer() -> NameScorer:
    return NameScorer.load()


# (name, lang, its transcription, lang, an unrelated name in the transcription's language)
CASES = [
    ("Bishkek", "en", "比什凯克", "zh", "上海"),
    ("Bishkek", "en", "比斯凱克", "zh", "阿利耶夫"),
    ("Sargsyan", "en", "萨尔基相", "zh", "阿利耶夫"),
    ("Serzh Sargsyan", "en", "謝爾日·薩爾基相", "zh", "蓋達爾·阿利耶夫"),
    ("Seržs Sargsjans", "lv", "謝爾日·薩爾基相", "zh", "伊利哈姆·阿利耶夫"),
    ("Sargsjans", "lv", "Sargsyan", "en", "Aliyev"),
    ("Seržs Sargsjans", "lv", "Serzh Sargsyan", "en", "Heydar Aliyev"),
    ("Zangilan", "en", "贊吉蘭", "zh", "比斯凱克"),
    ("Qian Qichen", "en", "錢其琛", "zh", "江泽民"),
    ("Stepanakert", "en", "斯捷潘纳克特", "zh", "纳戈尔诺-卡拉巴赫"),
    ("Heidars Alijevs", "lv", "Heydar Aliyev", "en", "Levon Ter-Petrosyan"),
]


@pytest.mark.parametrize("a,la,b,lb,other", CASES)
def test_transcription_beats_unrelated_name(scorer, a, la, b, lb, other):
    true = scorer.similarity(a, la, b, lb)
    false = scorer.similarity(a, la, other, lb)
    assert true > false + 0.1, (true, false)


def test_true_pairs_score_high(scorer):
    for a, la, b, lb, _ in CASES:
        assert scorer.similarity(a, la, b, lb) > 0.5, (a, b)


def test_encode_shapes_and_norms(scorer):
    names = ["Bishkek", "Biškeka", "比什凯克", "A", ""]
    v = scorer.encode(names, ["en", "lv", "zh", "en", "en"])
    assert v.shape == (5, scorer.dim) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert scorer.encode([], []).shape == (0, scorer.dim)
    with pytest.raises(ValueError):
        scorer.encode(["x"], [])


def test_batching_does_not_change_vectors(scorer):
    names = ["Serzh Sargsyan", "Zangilan", "謝爾日·薩爾基相", "Ilham Aliyev", "Qian Qichen"] * 3
    langs = ["en", "en", "zh", "en", "en"] * 3
    whole = scorer.encode(names, langs)
    one_by_one = np.stack([scorer.encode([n], [lg])[0] for n, lg in zip(names, langs, strict=True)])
    small_batches = scorer.encode(names, langs, batch_size=2)
    np.testing.assert_allclose(whole, one_by_one, atol=1e-5)
    np.testing.assert_allclose(whole, small_batches, atol=1e-5)


def test_traditional_and_simplified_give_one_vector(scorer):
    assert romanize("謝爾日·薩爾基相", "zh") == romanize("谢尔日·萨尔基相", "zh")
    v = scorer.encode(["謝爾日·薩爾基相", "谢尔日·萨尔基相", "錢其琛", "钱其琛"], ["zh"] * 4)
    np.testing.assert_array_equal(v[0], v[1])
    np.testing.assert_array_equal(v[2], v[3])


def test_romanization():
    assert romanize("謝爾日·薩爾基相", "zh") == "xie.er.ri sa.er.ji.xiang"
    assert romanize("Seržs  Sargsjans", "lv") == "seržs sargsjans"
    assert romanize("Ter-Petrosyan", "en") == "ter petrosyan"


def test_missing_model_dir_is_a_clear_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="name-scorer model not found"):
        NameScorer.load(tmp_path / "nowhere")


def test_default_scorer_is_shared_across_threads():
    got: list[NameScorer] = []
    threads = [threading.Thread(target=lambda: got.append(default_scorer())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 4 and all(s is got[0] for s in got)


def test_numpy_inference_matches_torch(scorer):
    """The hand-written numpy GRU computes what the torch network it was trained as computes."""
    torch = pytest.importorskip("torch")
    from safetensors.torch import load_file

    from pipeline.align.name_scorer import default_model_dir
    from training.name_scorer import Batcher, Encoder, encode

    cfg = scorer.config
    model = Encoder(len(cfg["alphabet"]), cfg["emb"], cfg["hidden"], cfg["layers"], cfg["dim"])
    model.load_state_dict(load_file(str(default_model_dir() / "model.safetensors")))
    names = ["Serzh Sargsyan", "Seržs Sargsjans", "謝爾日·薩爾基相", "Bishkek", "比什凯克", "Ō"]
    langs = ["en", "lv", "zh", "en", "zh", "en"]
    with torch.no_grad():
        ref = encode(model, Batcher(cfg["alphabet"], cfg["max_len"]),
                     [romanize(n, lg) for n, lg in zip(names, langs, strict=True)], langs)  # fmt: skip
    np.testing.assert_allclose(scorer.encode(names, langs), ref, atol=1e-5)
