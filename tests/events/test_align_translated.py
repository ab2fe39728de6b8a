"""Event alignment in documents that translate each other: the mentions of a sentence and of its
translation join, and a happening that two languages report is projected onto the translation
the third language's triggers missed (real extraction, entity linking and sentence vectors)."""

from dataclasses import replace

import pytest

from pipeline.align.cluster import entity_records
from pipeline.align.events import (
    EventAlignConfig,
    _items,
    _translation_filter,
    _translations,
    align_events,
)
from pipeline.align.parallel import entity_roots, translated_sentence_pairs
from pipeline.events.extract import extract_events

from ..helpers.documents import make_doc

EN = [
    "The storm reached Galveston on Monday, 12 June.",
    "Thousands of residents were evacuated from Galveston on 12 June.",
    "Coastal Watch opened four shelters in Houston.",
    "On 14 June the Houston city council voted to declare a state of emergency.",
    "Governor Greg Abbott met the mayor of Houston on 15 June.",
    "Schools in Houston stay closed until 19 June.",
    "Hundreds of people protested in Houston on 20 June against the slow response.",
]
LV = [
    "Vētra sasniedza Galvestonu pirmdien, 12. jūnijā.",
    "Tūkstošiem iedzīvotāju 12. jūnijā tika evakuēti no Galvestonas.",
    "“Coastal Watch” atvēra četras patversmes Hjūstonā.",
    "14. jūnijā Hjūstonas pilsētas dome nobalsoja par ārkārtējās situācijas izsludināšanu.",
    "Gubernators Gregs Abots 15. jūnijā tikās ar Hjūstonas mēru.",
    "Skolas Hjūstonā paliek slēgtas līdz 19. jūnijam.",
    "Simtiem cilvēku 20. jūnijā Hjūstonā protestēja pret lēno reakciju.",
]
ZH = [
    "风暴于6月12日星期一抵达加尔维斯顿。",
    "6月12日，数千名居民从加尔维斯顿撤离。",
    "海岸守望在休斯敦开设了四个避难所。",
    "6月14日，休斯敦市议会投票宣布进入紧急状态。",
    "州长格雷格·阿博特于6月15日会见了休斯敦市长。",
    "休斯敦的学校将停课至6月19日。",
    "6月20日，数百人在休斯敦抗议反应迟缓。",
]
EN_NAMES = {"Galveston": "LOC", "Coastal Watch": "ORG", "Houston": "LOC", "Greg Abbott": "PER"}
LV_NAMES = {
    "Galvestonu": "LOC", "Galvestonas": "LOC", "Coastal Watch": "ORG", "Hjūstonā": "LOC",
    "Hjūstonas": "LOC", "Gregs Abots": "PER",
}  # fmt: skip
ZH_NAMES = {"加尔维斯顿": "LOC", "海岸守望": "ORG", "休斯敦": "LOC", "格雷格·阿博特": "PER"}


def day(d: int) -> tuple[str, str, str]:
    return (f"2017-06-{d:02d}", f"2017-06-{d:02d}", "day")


EN_DATES = {
    "Monday, 12 June": day(12), "12 June": day(12), "14 June": day(14), "15 June": day(15),
    "19 June": day(19), "20 June": day(20),
}  # fmt: skip
LV_DATES = {
    "12. jūnijā": day(12), "14. jūnijā": day(14), "15. jūnijā": day(15),
    "19. jūnijam": day(19), "20. jūnijā": day(20),
}  # fmt: skip
ZH_DATES = {
    "6月12日": day(12), "6月14日": day(14), "6月15日": day(15), "6月19日": day(19),
    "6月20日": day(20),
}  # fmt: skip

VOTE, PROTEST = 3, 6
"""Sentences of the council's vote and of the protest."""


def documents(zh_order: list[int] | None = None):
    order = zh_order or list(range(len(ZH)))
    docs = [
        make_doc("storm_en.txt", "en", EN, EN_NAMES, EN_DATES),
        make_doc("storm_lv.txt", "lv", LV, LV_NAMES, LV_DATES),
        make_doc("storm_zh.txt", "zh", [ZH[i] for i in order], ZH_NAMES, ZH_DATES),
    ]
    for d in docs:
        d.events = extract_events(d)
    return docs


def align(docs):
    _, mention_entity = entity_records(docs)
    pairs = translated_sentence_pairs(docs, entity_roots(docs, mention_entity), beads=True)
    return pairs, align_events(docs, mention_entity, sentence_pairs=pairs)  # as the align stage


def record_at(docs, records, doc, sentence):
    seg = doc.sentences[sentence]
    found = [
        r
        for r in records
        for m in r["mentions"]
        if m["doc"] == doc.doc_id and seg.start <= m["start"] < seg.end
    ]
    assert len(found) == 1
    return found[0]


@pytest.fixture(scope="module")
def translated():
    docs = documents()
    en, lv, zh = docs
    # Every language detects the four happenings; the Chinese vote and the Latvian and Chinese
    # protest are then taken away, as if those languages' triggers had missed them.
    assert {e.sentence for e in zh.events} >= {VOTE, PROTEST}
    zh.events = [e for e in zh.events if e.sentence not in (VOTE, PROTEST)]
    lv.events = [e for e in lv.events if e.sentence != PROTEST]
    pairs, records = align(docs)
    return docs, pairs, records


def test_the_translations_are_aligned_sentence_by_sentence(translated):
    docs, pairs, _ = translated
    en_zh = {(p.a[1], p.b[1]) for p in pairs if {p.a[0], p.b[0]} == {0, 2}}
    assert {(i, i) for i in range(len(EN))} <= en_zh


def test_mentions_of_a_sentence_and_its_translation_are_one_record(translated):
    docs, _, records = translated
    en, lv, zh = docs
    evacuation = record_at(docs, records, en, 1)
    assert evacuation["langs"] == ["en", "lv", "zh"]
    assert evacuation is record_at(docs, records, zh, 1)
    assert any(e["signals"].get("translated_sentence") == 1.0 for e in evacuation["evidence"])
    assert not any(m["projected"] for m in evacuation["mentions"])


def test_a_happening_two_languages_report_is_projected_onto_the_third(translated):
    docs, _, records = translated
    en, lv, zh = docs
    vote = record_at(docs, records, en, VOTE)
    assert vote["langs"] == ["en", "lv", "zh"]
    projected = [m for m in vote["mentions"] if m["projected"]]
    assert [(m["lang"], m["text"]) for m in projected] == [("zh", ZH[VOTE])]
    assert vote["kind"] == "declaration_vote"
    assert vote["interval"] == {"start": "2017-06-14", "end": "2017-06-14"}
    evidence = [e for e in vote["evidence"] if e["signals"].get("projected")]
    assert (
        len(evidence) == 1 and evidence[0]["mentions"][1] == f"{zh.doc_id}:{projected[0]['start']}"
    )
    # The vote's triggers are the ones that fired, in English and Latvian.
    assert set(vote["triggers"]) == {"voted", "nobalsoja"}


def test_a_happening_one_language_reports_is_not_projected(translated):
    docs, _, records = translated
    en, lv, zh = docs
    protest = record_at(docs, records, en, PROTEST)
    assert protest["langs"] == ["en"]
    assert len(protest["mentions"]) == 1


def test_documents_that_do_not_translate_each_other_get_no_projection():
    # The Chinese document tells the same storm in another order: not a translation.
    order = [4, 0, 6, 2, 5, 1, 3]
    docs = documents(order)
    en, lv, zh = docs
    zh.events = [e for e in zh.events if order[e.sentence] != VOTE]
    pairs, records = align(docs)
    assert not [p for p in pairs if 2 in (p.a[0], p.b[0])]
    vote = record_at(docs, records, en, VOTE)
    assert "zh" not in vote["langs"]
    assert not any(m["projected"] for r in records for m in r["mentions"])


def test_nothing_is_projected_where_two_members_translations_disagree():
    # A wrong sentence alignment: Latvian's vote sentence paired with Chinese sentence 5, while
    # English's vote sentence is paired with Chinese sentence VOTE.
    docs = documents()
    en, lv, zh = docs
    zh.events = [e for e in zh.events if e.sentence not in (VOTE, 5)]
    _, mention_entity = entity_records(docs)
    pairs = translated_sentence_pairs(docs, entity_roots(docs, mention_entity), beads=True)
    lv_zh = {1, 2}
    assert any({p.a[0], p.b[0]} == lv_zh and p.a[1] == p.b[1] == VOTE for p in pairs)
    wrong = [
        replace(p, b=(2, 5)) if {p.a[0], p.b[0]} == lv_zh and p.a[1] == VOTE else p for p in pairs
    ]
    vote = record_at(docs, align_events(docs, mention_entity, sentence_pairs=wrong), en, VOTE)
    assert vote["langs"] == ["en", "lv"]
    assert not any(m["projected"] for m in vote["mentions"])


def test_a_happening_is_projected_onto_the_two_sentences_a_segmenter_cut_it_into():
    docs = documents()
    en, lv, _ = docs
    cut = ZH[:VOTE] + ["6月14日，休斯敦市议会召开会议。", "会议投票宣布进入紧急状态。"]
    cut += ZH[VOTE + 1 :]
    zh = make_doc("storm_zh.txt", "zh", cut, ZH_NAMES, ZH_DATES)
    zh.events = [e for e in extract_events(zh) if e.sentence not in (VOTE, VOTE + 1)]
    docs = [en, lv, zh]
    _, records = align(docs)
    vote = record_at(docs, records, en, VOTE)
    projected = [m for m in vote["mentions"] if m["projected"]]
    assert [(m["lang"], m["text"]) for m in projected] == [("zh", " ".join(cut[VOTE : VOTE + 2]))]


EVACUATION = 1
"""Sentence of the evacuation (dated 12 June in all three languages)."""


def evacuation_interval(en_lv: str, zh_inherited: bool):
    """The evacuation record's interval when the Chinese mention alone keeps the date (its own,
    or borrowed when ``zh_inherited``) and the English and Latvian ones are undated: ``"bare"``
    (their clauses hold no time words), or ``"mixed"`` (the English clause holds time words that
    place nothing, the Latvian none)."""
    docs = documents()
    en, lv, zh = docs
    for doc in (en, lv):
        seg = doc.sentences[EVACUATION]
        for e in doc.events:
            if e.sentence == EVACUATION:
                e.interval = None
        if doc is lv or en_lv == "bare":
            doc.times = [t for t in doc.times if not seg.start <= t.start < seg.end]
    for e in zh.events:
        if e.sentence == EVACUATION:
            e.interval_inherited = zh_inherited
    _, records = align(docs)
    record = record_at(docs, records, en, EVACUATION)
    assert record["langs"] == ["en", "lv", "zh"]
    return record["interval"]


def test_a_date_only_one_translation_gives_is_outvoted():
    """Translations tell a happening with the same time words: a date the other languages'
    mentions on the translations do not give is one language's artefact (undated beats wrong)."""
    assert evacuation_interval("bare", zh_inherited=False) is None
    assert evacuation_interval("bare", zh_inherited=True) is None


def test_a_translation_with_unplaced_time_words_does_not_vote_against_a_date():
    june_12 = {"start": "2017-06-12", "end": "2017-06-12"}
    # own date 1 for, 1 against (Latvian), English abstains: an own date stands on a tie
    assert evacuation_interval("mixed", zh_inherited=False) == june_12
    # a borrowed date needs more for than against
    assert evacuation_interval("mixed", zh_inherited=True) is None


RALLY = [
    "Hundreds of people protested in Houston on 20 June against the slow response.",
    "The city council met on 22 June.",
]


def test_the_sentence_alignment_keeps_other_sentences_and_other_articles_apart():
    """A mention joins a mention of another sentence of its translation, or of another article
    in a language its document has a translation in, only at ``untranslated_strong``: that
    language's mention of the happening is on the translated sentence."""
    docs = documents()
    rally = make_doc("rally_en.txt", "en", RALLY, {"Houston": "LOC"}, {"20 June": day(20)})
    rally.events = extract_events(rally)
    docs.append(rally)
    _, mention_entity = entity_records(docs)
    pairs = translated_sentence_pairs(docs, entity_roots(docs, mention_entity), beads=True)
    items = _items(docs, mention_entity)

    def item(doc: int, sentence: int) -> int:
        (n,) = [n for n, it in enumerate(items) if (it.doc, it.event.sentence) == (doc, sentence)]
        return n

    en_evacuation, zh_evacuation = item(0, EVACUATION), item(2, EVACUATION)
    zh_protest, rally_protest = item(2, PROTEST), item(3, 0)
    config = EventAlignConfig()
    weak, strong = config.untranslated_strong - 0.05, config.untranslated_strong + 0.01

    def kept(score: float, a: int, b: int, sentence_pairs=pairs) -> list[dict]:
        cands = [(score, a, b, {})]
        return [
            c[3]
            for c in _translation_filter(docs, items, cands, _translations(sentence_pairs), config)
        ]

    assert kept(weak, en_evacuation, zh_evacuation) == [{}]  # a sentence and its translation
    assert kept(weak, en_evacuation, zh_protest) == []  # another sentence of the translation
    assert kept(strong, en_evacuation, zh_protest) == [{"untranslated": 1.0}]
    # The Chinese document's English translation is storm_en: the rally is another article.
    assert kept(weak, zh_protest, rally_protest) == []
    assert kept(strong, zh_protest, rally_protest) == [{"untranslated": 1.0}]
    # Without translated documents nothing speaks against either pair.
    assert kept(weak, zh_protest, rally_protest, ()) == [{}]
    assert kept(weak, en_evacuation, zh_protest, ()) == [{}]
