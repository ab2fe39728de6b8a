"""The ``align`` corpus stage as the registry runs it: every mention gets an entity."""

from pipeline.align.stage import AlignStage
from pipeline.events.extract import extract_events
from pipeline.settings import Settings
from pipeline.stages.base import CorpusResult
from pipeline.stages.registry import corpus_stages

from ..helpers.documents import make_doc


def test_registered_with_its_contract():
    names = [s.name for s in corpus_stages(Settings())]
    assert "align" in names
    assert AlignStage.provides == ("entities", "aligned_events", "added_mentions")
    assert AlignStage.requires == ("mentions", "events")


def test_run_fills_entities_events_and_the_mention_map(tmp_path):
    day = {"21 November 1995": ("1995-11-21", "1995-11-21", "day")}
    en = make_doc(
        "dayton_en.txt",
        "en",
        ["Slobodan Milošević initialled the Dayton Agreement on 21 November 1995.", "—"],
        {"Slobodan Milošević": "PER", "Dayton": "LOC", "—": "ORG"},  # a junk one-symbol mention
        day,
    )
    lv = make_doc(
        "dayton_lv.txt",
        "lv",
        ["Slobodans Miloševičs 1995. gada 21. novembrī parafēja Deitonas līgumu."],
        {"Slobodans Miloševičs": "PER", "Deitonas": "LOC"},
        {"1995. gada 21. novembrī": ("1995-11-21", "1995-11-21", "day")},
    )
    for doc in (en, lv):
        doc.events = extract_events(doc)
    result = CorpusResult()
    AlignStage(Settings(outputs_dir=tmp_path)).run([en, lv], result)
    for doc in (en, lv):
        for i in range(len(doc.mentions)):
            assert (doc.doc_id, i) in result.mention_entity
    milosevic = [e for e in result.entities if "lv" in e["names"] and e["label"] == "PER"]
    assert milosevic and milosevic[0]["langs"] == ["en", "lv"]
    agreement = [e for e in result.events if e["kind"] == "ceasefire_agreement"]
    assert len(agreement) == 1 and agreement[0]["langs"] == ["en", "lv"]
    assert milosevic[0]["id"] in agreement[0]["participants"]
