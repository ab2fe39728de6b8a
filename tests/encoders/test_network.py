"""The plain-PyTorch e5 encoder and ``tokenizers`` tokenizer reproduce ``transformers``' BertModel
and fast tokenizer on the seed texts, and the embedding path never imports ``transformers``."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import numpy as np
import pytest
import torch

from pipeline.encoders import e5
from pipeline.settings import PROJECT_ROOT

SEEDS = {
    "lv": "000_891466111955abda.txt",
    "en": "001_7353428fbf92ee9b.txt",
    "zh": "003_1182cd5d908f488b.txt",
}
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


def seed_sentences(lang: str, count: int = 24) -> list[str]:
    """``count`` sentences spread over the seed file of ``lang`` (split at end punctuation)."""
    text = (PROJECT_ROOT / "corpora" / SEEDS[lang]).read_text(encoding="utf-8")
    sentences = [s.strip() for s in SENTENCE_END.split(text) if len(s.strip()) >= 10]
    step = max(1, len(sentences) // count)
    return sentences[::step][:count]


def long_text(lang: str) -> str:
    """The start of the seed file, well over 512 pieces (so it is truncated)."""
    return (PROJECT_ROOT / "corpora" / SEEDS[lang]).read_text(encoding="utf-8")[:6000]


def texts(lang: str) -> list[str]:
    return [*seed_sentences(lang), long_text(lang)]


@pytest.fixture(scope="module")
def reference():
    """``transformers``' tokenizer and BertModel over the same conversion."""
    return e5.load_tokenizer(), e5.load_model()


def reference_embeddings(
    texts: list[str], prefix: str = e5.PASSAGE_PREFIX, bfloat16: bool = False, batch_size: int = 8
) -> np.ndarray:
    """The sentence embeddings as computed before :mod:`.network`: ``transformers`` tokenizer
    and BertModel, same order, batches, pooling and normalization."""
    import contextlib

    tokenizer, model = e5.load_tokenizer(), e5.load_model()
    out = np.zeros((len(texts), 384), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    autocast = torch.autocast("cpu", dtype=torch.bfloat16) if bfloat16 else contextlib.nullcontext()
    with torch.inference_mode(), autocast:
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            enc = tokenizer(
                [prefix + texts[i] for i in chunk],
                padding=True,
                truncation=True,
                max_length=512,
                return_tensors="pt",
            )
            hidden = model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1)
            out[chunk] = pooled.float().numpy()
    return out


def test_encoder_config_read_from_conversion() -> None:
    config = e5.load_encoder().config
    assert (config.hidden_size, config.num_hidden_layers, config.num_attention_heads) == (
        384,
        12,
        12,
    )
    assert (config.intermediate_size, config.max_position_embeddings) == (1536, 512)
    assert config.layer_norm_eps == pytest.approx(1e-12)
    assert e5.load_encoder() is e5.load_encoder(e5.CACHE_DIR)  # one per directory


@pytest.mark.parametrize("prefix", [e5.PASSAGE_PREFIX, e5.QUERY_PREFIX])
@pytest.mark.parametrize("lang", sorted(SEEDS))
def test_token_ids_match_transformers(lang: str, prefix: str, reference) -> None:
    tokenizer, _ = reference
    fast = e5.load_fast_tokenizer()
    batch = [prefix + t for t in texts(lang)]
    for start in range(0, len(batch), 8):
        chunk = batch[start : start + 8]
        expected = tokenizer(chunk, padding=True, truncation=True, max_length=512)
        ours = fast.encode_batch(chunk)
        assert [e.ids for e in ours] == expected["input_ids"]
        assert [e.attention_mask for e in ours] == expected["attention_mask"]
    (truncated,) = fast.encode_batch([batch[-1]])
    assert len(truncated.ids) == 512 and truncated.ids[0] == 0 and truncated.ids[-1] == 2


@pytest.mark.parametrize("lang", sorted(SEEDS))
def test_last_hidden_state_matches_bertmodel(lang: str, reference) -> None:
    tokenizer, model = reference
    encoder = e5.load_encoder()
    batch = [e5.PASSAGE_PREFIX + t for t in texts(lang)][-8:]  # a padded batch with a 512 one
    enc = tokenizer(batch, padding=True, truncation=True, max_length=512, return_tensors="pt")
    with torch.inference_mode():
        expected = model(**enc).last_hidden_state
        ours = encoder(enc["input_ids"], enc["attention_mask"])
        unpadded = encoder(enc["input_ids"][:1, :5])  # no mask at all
        assert torch.equal(unpadded, model(input_ids=enc["input_ids"][:1, :5]).last_hidden_state)
    assert ours.shape == expected.shape == (8, 512, 384)
    real = enc["attention_mask"].bool()
    assert (ours - expected)[real].abs().max().item() <= 1e-5


@pytest.mark.parametrize("lang", sorted(SEEDS))
def test_sentence_embeddings_match_transformers(lang: str, reference) -> None:
    sentences = texts(lang)
    expected = reference_embeddings(sentences)
    ours = e5.passage_embeddings(sentences)
    assert ours.shape == (len(sentences), 384)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * expected).sum(axis=1).min() >= 0.99999
    bf16 = e5.passage_embeddings(sentences, bfloat16=True)
    assert (bf16 * expected).sum(axis=1).min() >= 0.9998
    # under bf16 autocast too the two compute the same thing
    expected_bf16 = reference_embeddings(sentences, bfloat16=True)
    assert (bf16 * expected_bf16).sum(axis=1).min() >= 0.99999
    query = e5.passage_embeddings(sentences[:4], prefix=e5.QUERY_PREFIX)
    expected_query = reference_embeddings(sentences[:4], prefix=e5.QUERY_PREFIX)
    assert (query * expected_query).sum(axis=1).min() >= 0.99999


@pytest.mark.parametrize("lang", sorted(SEEDS))
def test_a_text_embeds_the_same_whatever_is_embedded_with_it(lang: str) -> None:
    """Processes that embed different documents (a thread pool, Dask workers) must agree bit
    for bit: the batches hold texts of one length only, never padding."""
    sentences = texts(lang)[:40]
    together = e5.passage_embeddings(sentences, bfloat16=True)
    for i in (0, 7, len(sentences) - 1):
        alone = e5.passage_embeddings([sentences[i]], bfloat16=True)
        assert np.array_equal(alone[0], together[i])
    assert np.array_equal(e5.passage_embeddings(sentences[::3], bfloat16=True), together[::3])


@pytest.mark.parametrize("lang", sorted(SEEDS))
def test_padded_batches_match_each_text_alone(lang: str) -> None:
    """One document's sentences run together in padded batches: each vector is within
    rounding of the text embedded alone, and one list gives the same vectors every time."""
    sentences = texts(lang)[:40]
    together = e5.passage_embeddings(sentences, batch_size=16, bfloat16=True, padded=True)
    alone = e5.passage_embeddings(sentences, bfloat16=True)
    assert together.shape == alone.shape == (len(sentences), 384)
    assert (together * alone).sum(axis=1).min() >= 0.99999
    assert len({len(s) for s in sentences}) > 1  # the batches really hold padding
    again = e5.passage_embeddings(sentences, batch_size=16, bfloat16=True, padded=True)
    assert np.array_equal(again, together)
    fp32 = e5.passage_embeddings(sentences, batch_size=16, padded=True)
    assert (fp32 * reference_embeddings(sentences)).sum(axis=1).min() >= 0.99999


def test_embed_does_not_import_transformers() -> None:
    """A cold process embeds a sentence (the default backend) without importing
    ``transformers``."""
    code = (
        "import sys\n"
        "from pipeline.encoders.embed import embed\n"
        "v = embed(['Kārlis Ulmanis dzimis 1877. gada 4. septembrī.', '北京是首都。'], query=False)\n"
        "assert v.shape == (2, 384), v.shape\n"
        "print('transformers' in sys.modules, sorted(m for m in sys.modules if m.startswith('trans')))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "XLKB_EMBED_BACKEND"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT_ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False", result.stdout
