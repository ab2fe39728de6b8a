"""The optional Wikidata linker, against recorded responses only (the network is refused)."""

import shutil
from pathlib import Path

import pytest

from pipeline.align.wikidata import WikidataLinker, link_entities

RECORDED = Path(__file__).resolve().parent.parent / "fixtures" / "wikidata"


def refuse(url: str) -> dict:
    raise OSError(f"network refused in tests: {url}")


@pytest.fixture
def linker(tmp_path):
    cache = tmp_path / "wikidata"
    shutil.copytree(RECORDED, cache)
    return WikidataLinker("https://www.wikidata.org/w/api.php", cache, fetch=refuse)


def test_names_agreeing_in_three_languages_link(linker):
    entity = {
        "name": "Stepanakert",
        "names": {"en": ["Stepanakert"], "lv": ["Stepanakerta"], "zh": ["斯捷潘納克特"]},
    }
    assert link_entities([entity], linker) == 1
    assert entity["wikidata"] == "Q171800"
    assert entity["evidence"][-1]["langs"] == ["en", "lv", "zh"]


def test_languages_that_disagree_leave_the_entity_unlinked(linker):
    entity = {"name": "Aliyev", "names": {"en": ["Aliyev"], "lv": ["Alijevs"]}}
    assert link_entities([entity], linker) == 0
    assert "wikidata" not in entity


def test_unreachable_endpoint_is_not_an_error(linker):
    entity = {"name": "Baku", "names": {"en": ["Baku"]}}
    assert linker.search("Baku", "en") == []
    assert link_entities([entity], linker) == 0


def test_off_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv("XLKB_WIKIDATA_ENDPOINT", raising=False)
    assert WikidataLinker.from_environment(tmp_path) is None
