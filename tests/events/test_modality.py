"""Modality, genericity and statistics checks (pipeline/lang/<code>/event_modality.tsv): a
trigger in a hypothetical, modal, generic or statistical clause reports no happening, per
language; the same trigger in a plain report still fires; and a hypothetical sentence and its
translation never become an event record."""

import pytest

from pipeline.align.cluster import entity_records
from pipeline.align.events import align_events
from pipeline.events.extract import extract_events
from pipeline.events.modality import cues, irrealis_spans
from pipeline.events.triggers import find_triggers

from ..helpers.documents import make_doc


def kinds(sentence: str, lang: str) -> list[str]:
    return [h.kind for h in find_triggers(sentence, lang)]


@pytest.mark.parametrize(
    "sentence,lang",
    [
        # conditional (the clause and its consequence)
        ("If Rangers win on Thursday, they will top the group.", "en"),
        ("Ja Rangers uzvarēs ceturtdien, tie būs grupas līderi.", "lv"),
        ("如果流浪者队周四获胜，他们将成为小组第一。", "zh"),
        # modal, wish, attempt
        ("Republicans would not have the votes to approve the nominee.", "en"),
        ("We need to reach a deal with the European Union.", "en"),
        ("The Congress sought to establish a national security commission.", "en"),
        ("Britain may leave without an agreement.", "en"),
        ("Republikāņiem nebūtu balsu kandidāta apstiprināšanai.", "lv"),
        ("Mēs gribam panākt vislabāko vienošanos ar Eiropas Savienību.", "lv"),
        ("Valdībai vajag noslēgt līgumu ar Eiropas Savienību.", "lv"),
        ("Likuma uzdevums bija izveidot drošības komisiju.", "lv"),
        ("美国寻求建立国家安全委员会。", "zh"),
        ("Ir maz ticams, ka tiesa pieņems spriedumu par labu Bolīvijai.", "lv"),
        ("Ir iespēja, ka tiesa pieņems spriedumu par labu Bolīvijai.", "lv"),
        ("英国需要与欧盟达成协议。", "zh"),
        ("英国应该与欧盟签署协议。", "zh"),
        # generic plural
        ("Various government departments have announced plans.", "en"),
        ("Dažādas valdības struktūras ir sniegušas paziņojumus.", "lv"),
        ("政府各个部门宣布了计划。", "zh"),
        # hopes and conditions
        ("他们期待这些教堂关闭的那一天。", "zh"),
        ("只有在灾害地点被宣布为全国灾难区，国外的资金才能流入。", "zh"),
        ("They look forward to the day these churches close.", "en"),
        ("Foreign aid can flow in only if the area is declared a national disaster zone.", "en"),
        # negation: what did not happen
        ("Mr. Merriweather said that St. Martin's did not replace him.", "en"),
        ("He has not been arrested.", "en"),
        ("Viņš netika arestēts.", "lv"),
        ("Merriweather 先生表示聖馬丁大教堂並沒有解雇他。", "zh"),
        ("这家联合国组织无权对智利的领土予以裁决。", "zh"),
        # an indefinite future: nothing is scheduled
        ("The two sides will at some point sign a peace agreement, but not soon.", "en"),
        ("未来，双方还会继续谈判。", "zh"),
        ("Nākotnē abas puses parakstīs miera līgumu.", "lv"),
        # aggregate statistics
        ("Data from the safety network indicates 111 people have died in crashes.", "en"),
        ("Dati liecina, ka pēdējos gados avārijās gājuši bojā 111 cilvēki.", "lv"),
        ("据安全网的数据显示，在过去20年里，已有111人死于空难。", "zh"),
        # generalizations: a rule or a pattern (its clause and the next)
        ("The longer the talks are delayed, the bigger the strike will be.", "en"),
        ("It is not the first time he has been charged with assault.", "en"),
        ("Jo ilgāk sarunas tiek atliktas, jo lielāks būs streiks.", "lv"),
        ("Tā nav pirmā reize, kad viņu arestē.", "lv"),
        ("谈判拖延的时间越长，罢工的规模就越大。", "zh"),
        ("他被控犯罪已经不是第一次了。", "zh"),
    ],
)
def test_irrealis_clauses_report_nothing(sentence, lang):
    assert kinds(sentence, lang) == []


@pytest.mark.parametrize(
    "sentence,lang,kind",
    [
        ("Rangers won on Thursday.", "en", "other"),
        ("The plane crashed into the lagoon.", "en", "other"),
        ("Theresa May announced the new tax on Monday.", "en", "other"),
        ("In May 2004 Latvia joined the European Union.", "en", "recognition_membership"),
        ("Lidmašīna avarēja lagūnā.", "lv", "other"),
        ("Jānis tika arestēts pirmdien.", "lv", "other"),
        ("飞机坠毁在泻湖中。", "zh", "other"),
        # scheduled happenings stay events
        ("He will vote for the nominee on Friday.", "en", "declaration_vote"),
        ("The two sides will sign a peace agreement on Friday.", "en", "ceasefire_agreement"),
        ("双方下周还会继续谈判。", "zh", "negotiation_summit"),
        ("Abas puses piektdien parakstīs miera līgumu.", "lv", "ceasefire_agreement"),
        # a negation denies the next words only
        ("He was not injured in the crash on Monday.", "en", "other"),
        ("He has not been seen since the attack on the village.", "en", "armed_clash"),
        # the same words as a generalization's, in plain reports
        ("The talks were delayed, and a strike began.", "en", "protest_movement"),
        ("He has been charged with assault.", "en", "other"),
        ("The talks lasted longer than planned on Monday.", "en", "negotiation_summit"),
        ("Sarunas tika atliktas, un sākās streiks.", "lv", "protest_movement"),
        ("Viņu arestēja pirmdien.", "lv", "other"),
        ("谈判被拖延，罢工开始了。", "zh", "protest_movement"),
        ("他被控犯罪。", "zh", "other"),
    ],
)
def test_plain_reports_still_fire(sentence, lang, kind):
    assert kind in kinds(sentence, lang)


def test_modal_reaches_from_the_cue_to_the_end_of_its_clause():
    # The protest happened; only the attempted ride is modal.
    s = "He was shouted at by protesters as he tried to ride an elevator."
    assert "protest_movement" in kinds(s, "en")
    spans = irrealis_spans(s, "en")
    assert spans and all(a >= s.index("tried") for a, _, _ in spans)


def test_every_language_has_cues_of_every_type():
    for lang in ("en", "lv", "zh"):
        assert {t for t, _ in cues(lang)} == {
            "conditional", "future", "modal", "negation", "generic", "classification",
            "statistic", "generalization",
        }  # fmt: skip


HYPOTHETICAL = [
    (
        "en",
        "If the two sides sign the peace agreement in Paris, the ceasefire would hold.",
        "Paris",
    ),
    ("lv", "Ja abas puses parakstīs miera līgumu Parīzē, pamiers varētu noturēties.", "Parīzē"),
    ("zh", "如果双方在巴黎签署和平协议，停火可能会持续。", "巴黎"),
]


def test_the_hypothetical_sentences_hold_triggers(monkeypatch):
    # Without the modality check every language's sentence would report a ceasefire.
    import pipeline.events.triggers as triggers

    monkeypatch.setattr(triggers, "irrealis_spans", lambda *a: [])
    for lang, sentence, _ in HYPOTHETICAL:
        assert "ceasefire_agreement" in kinds(sentence, lang)


def test_a_hypothetical_sentence_and_its_translations_are_no_event_record():
    docs = [
        make_doc(f"peace_{lang}.txt", lang, [sentence], {place: "LOC"})
        for lang, sentence, place in HYPOTHETICAL
    ]
    for d in docs:
        d.events = extract_events(d)
    assert [d.events for d in docs] == [[], [], []]
    _, mention_entity = entity_records(docs)
    assert align_events(docs, mention_entity) == []


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ('"It\'s still a province level disaster," said a spokeswoman.', "en"),
        ("“Tā vēl aizvien ir provinces līmeņa katastrofa,” sacīja pārstāve.", "lv"),
        ("“目前仍然属于省级灾害，”发言人说。", "zh"),
    ],
)
def test_saying_what_something_is_reports_no_happening(sentence, lang):
    assert kinds(sentence, lang) == []


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("There was an explosion at the chemical plant on Monday.", "en"),
        ("Pirmdien ķīmiskajā rūpnīcā notika sprādziens.", "lv"),
        ("周一化工厂发生爆炸。", "zh"),
    ],
)
def test_a_happening_told_with_a_copula_still_fires(sentence, lang):
    assert "other" in kinds(sentence, lang)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("It was a third league defeat of the season for the Giants.", "en"),
        ("Tas bija trešais zaudējums līgā šajā sezonā.", "lv"),
    ],
)
def test_a_past_copula_still_reports_the_happening(sentence, lang):
    assert "other" in kinds(sentence, lang)


@pytest.mark.parametrize(
    "sentence,lang",
    [
        (
            '"Consumers should be able to choose," the minister said following a meeting with his '
            "US counterpart.",
            "en",
        ),
        (
            "“Patērētājiem jābūt iespējai izvēlēties,” tā pēc tikšanās ar ASV kolēģi sacīja ministrs.",
            "lv",
        ),
    ],
)
def test_a_modal_in_a_quotation_ends_where_the_quotation_closes(sentence, lang):
    # the comma before the closing quote mark is a clause boundary: the meeting was held
    assert kinds(sentence, lang) == ["other"]
    comma = sentence.index(",")
    assert all(end <= comma for _, end, _ in irrealis_spans(sentence, lang))
