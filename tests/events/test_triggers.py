"""Trigger lexicons: data files per language, closed kind list, kind priority."""

import pytest

from pipeline.events.kinds import KINDS
from pipeline.events.triggers import BLOCKER, find_triggers, triggers
from pipeline.lang import LANG_DIR


@pytest.mark.parametrize("lang", ["lv", "en", "zh"])
def test_every_language_has_a_lexicon_of_known_kinds(lang):
    lexicon = triggers(lang)
    assert len(lexicon) > 50
    assert {t.kind for t in lexicon} <= set(KINDS) | {BLOCKER}
    assert (LANG_DIR / lang / "event_triggers.tsv").is_file()


@pytest.mark.parametrize(
    "sentence,lang,kind",
    [
        ("Russian forces captured Gori on 13 August 2008.", "en", "capture"),
        ("Krievijas spēki 2008. gada 13. augustā ieņēma Gori.", "lv", "capture"),
        ("2008年8月13日，俄羅斯軍隊攻佔哥里。", "zh", "capture"),
        ("A ceasefire took effect on 12 October 1995.", "en", "ceasefire_agreement"),
        ("Pamiers stājās spēkā 1995. gada 12. oktobrī.", "lv", "ceasefire_agreement"),
        ("停火協議於1995年10月12日生效。", "zh", "ceasefire_agreement"),
        ("Armistice negotiations began at Kaesong.", "en", "negotiation_summit"),
        ("Pamiera sarunas sākās Kesonā.", "lv", "negotiation_summit"),
        ("停战谈判在开城开始。", "zh", "negotiation_summit"),
        ("In the Srebrenica massacre that followed, 8,000 men were killed.", "en", "massacre"),
        ("Tam sekojošajā Srebreņicas slaktiņā tika nogalināti vīrieši.", "lv", "massacre"),
        (
            "The council adopted a resolution that called on member states to help.",
            "en",
            "resolution_ruling",
        ),
        ("Latvija iestājās NATO 2004. gada 29. martā.", "lv", "recognition_membership"),
        ("波罗的海之路是一次和平政治示威。", "zh", "protest_movement"),
        ("Gruzijas spēki sāka plaša mēroga uzbrukumu Chinvali.", "lv", "armed_clash"),
    ],
)
def test_kind_of_sentence(sentence, lang, kind):
    hits = find_triggers(sentence, lang)
    assert hits and hits[0].kind == kind


@pytest.mark.parametrize(
    "sentence,lang",
    [
        ("The chain linked the three capitals.", "en"),
        ("Padomi vadīja Anatolijs Gorbunovs.", "lv"),
        ("里加是拉脱维亚的首都。", "zh"),
    ],
)
def test_no_trigger(sentence, lang):
    assert find_triggers(sentence, lang) == []


def test_unknown_language_has_no_triggers():
    assert find_triggers("Der Krieg begann 1950.", "de") == []
