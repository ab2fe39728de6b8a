"""Corpus name recall (``pipeline/align/recall.py``): a Latin-script name found in one document is
tagged where another document, in any language, writes it untagged."""

from __future__ import annotations

import pytest

from pipeline.align.names import NamesStage
from pipeline.align.recall import name_kind, recall_names, take_entity_labels, with_mentions
from pipeline.align.stage import AlignStage
from pipeline.records import AnalyzedDocument
from pipeline.settings import Settings
from pipeline.stages.base import CorpusResult

from ..helpers.documents import make_doc


def _added(docs: list[AnalyzedDocument]) -> dict[str, list[tuple[str, str, str]]]:
    """Document path → (text, label, lang) of each recalled mention."""
    by_id = {d.doc_id: d.path for d in docs}
    return {
        by_id[doc_id]: [(m.text, m.label, m.lang) for m in mentions]
        for doc_id, mentions in recall_names(docs).items()
    }


@pytest.mark.parametrize(
    ("surface", "kind"),
    [
        ("CBS", "acronym"),
        ("C-SPAN", "acronym"),
        ("U.S.", "acronym"),
        ("Face++", "mixed"),
        ("YouTube", "mixed"),
        ("Boston Globe", "words"),
        ("Bank of England", "words"),
        ("Livingston", "word"),
        ("Kai-Fu", "word"),
        ("Ng", None),  # one short word
        ("X", None),
        ("HIV/Aids", None),
        ("bank of England", None),
        ("Bank of england", None),
        ("Rīga", "word"),
        ("СССР", None),  # not Latin script
        ("美国CBS", None),
    ],
)
def test_name_shapes(surface: str, kind: str | None) -> None:
    assert name_kind(surface) == kind


def test_acronym_and_brand_found_in_one_language_are_tagged_in_the_others() -> None:
    en = make_doc(
        "en.txt",
        "en",
        ["The interview aired on CBS on Monday.", "Megvii sells Face++ to banks."],
        {"CBS": "ORG", "Face++": "ORG", "Megvii": "ORG"},
    )
    zh = make_doc("zh.txt", "zh", ["据CBS新闻报道，旷视的Face++被银行采用。"], {"旷视": "ORG"})
    lv = make_doc(
        "lv.txt", "lv", ["Intervijā CNBC un CBS kanālam viņš slavēja Face++ sistēmu."], {}
    )
    added = _added([en, zh, lv])
    assert added == {
        "zh.txt": [("CBS", "ORG", "zh"), ("Face++", "ORG", "zh")],
        "lv.txt": [("CBS", "ORG", "lv"), ("Face++", "ORG", "lv")],
    }
    recalled = recall_names([en, zh, lv])[lv.doc_id]
    assert all(m.source == "corpus" for m in recalled)
    assert [m.lemma for m in recalled] == ["CBS", "Face++"]  # Latvian mentions get a lemma
    for m in recalled:
        assert lv.text[m.start : m.end] == m.text and m.sentence == 0


def test_latvian_forms_of_a_found_name_are_recalled_by_lemma() -> None:
    first = make_doc(
        "lv1.txt", "lv", ["Senatore Elizabete Vorena kritizēja plānu."], {"Vorena": "PER"}
    )
    second = make_doc(
        "lv2.txt", "lv", ["Žurnālisti jautāja Vorenai par plānu, bet Vorenas birojs klusēja."], {}
    )
    english = make_doc("en.txt", "en", ["Reporters asked Vorenai nothing."], {})
    added = _added([first, second, english])
    # inflected forms only where names inflect; English matches the written form exactly
    assert added == {"lv2.txt": [("Vorenai", "PER", "lv"), ("Vorenas", "PER", "lv")]}
    lemmas = [m.lemma for m in recall_names([first, second, english])[second.doc_id]]
    assert lemmas == ["Vorena", "Vorena"]


def test_multi_word_names_and_overlaps() -> None:
    en = make_doc(
        "en.txt",
        "en",
        ["The report appeared in the Boston Globe last week."],
        {"Boston Globe": "ORG"},
    )
    lv = make_doc(
        "lv.txt",
        "lv",
        ["Par to rakstīja laikraksts Boston Globe.", "Arī The Boston Globe Review to minēja."],
        {"The Boston Globe Review": "ORG"},  # an overlapping span is left alone
    )
    assert _added([en, lv]) == {"lv.txt": [("Boston Globe", "ORG", "lv")]}


def test_common_words_are_not_spread() -> None:
    en = make_doc(
        "en.txt",
        "en",
        ["Shares of Apple rose.", "Lowkey performed in London."],
        {"Apple": "ORG", "Lowkey": "PER", "London": "LOC"},
    )
    lv = make_doc(
        "lv.txt",
        "lv",
        ["Analītiķi slavēja Apple un Lowkey koncertu Londonā.", "Tas bija lowkey vakars."],
        {},
    )
    # ``apple`` is a common English word; ``lowkey`` this corpus writes in lower case
    assert _added([en, lv]) == {}


def test_a_common_word_two_languages_tag_is_spread() -> None:
    en = make_doc(
        "en.txt", "en", ["The Belfast fans cheered the Giants on Friday."], {"Giants": "ORG"}
    )
    zh = make_doc("zh.txt", "zh", ["贝尔法斯特Giants队获胜。"], {"Giants": "ORG"})
    lv = make_doc("lv.txt", "lv", ["Fani atbalstīja Giants komandu."], {})
    assert _added([en, zh, lv]) == {"lv.txt": [("Giants", "ORG", "lv")]}


def test_no_name_inside_a_longer_word_or_name() -> None:
    en = make_doc(
        "en.txt",
        "en",
        ["NBC and Dundee were named.", "Livingston won."],
        {"NBC": "ORG", "Dundee": "LOC", "Livingston": "ORG"},
    )
    other = make_doc(
        "other.txt",
        "en",
        [
            "MSNBC and C-NBC and NBC-owned stations and NBCUniversal reported it.",
            "The Dundee Stars beat the Giants.",
            "Livingston lost at home.",  # sentence-initial: the capital says nothing
            "Fans of Livingston were sad.",
        ],
        {},
    )
    assert _added([en, other]) == {"other.txt": [("Livingston", "ORG", "en")]}
    recalled = recall_names([en, other])[other.doc_id]
    assert recalled[0].sentence == 3


def test_inconsistent_labels_and_the_source_documents_are_left_alone() -> None:
    a = make_doc("a.txt", "en", ["Nielsen spoke.", "Then Nielsen left."], {"Nielsen": "PER"})
    b = make_doc("b.txt", "en", ["Data from Nielsen came."], {"Nielsen": "ORG"})
    c = make_doc("c.txt", "en", ["Later Nielsen said so, and CBS agreed."], {})
    d = make_doc(
        "d.txt",
        "en",
        ["He told CBS.", "Later CBS called.", "So CBS wrote.", "Then CBS left."],
        {"CBS": "ORG"},
    )
    del d.mentions[3:]  # the last CBS of d stays untagged: its own document decided
    # Nielsen: PER twice, ORG once is a 2/3 majority
    assert _added([a, b, c, d]) == {"c.txt": [("Nielsen", "PER", "en"), ("CBS", "ORG", "en")]}
    b2 = make_doc(
        "b2.txt", "en", ["Data from Nielsen came.", "Nielsen agreed."], {"Nielsen": "ORG"}
    )
    assert _added([a, b2, c, d]) == {"c.txt": [("CBS", "ORG", "en")]}  # two against two


def test_the_result_does_not_depend_on_document_order() -> None:
    docs = [
        make_doc("en.txt", "en", ["CBS and Livingston met."], {"CBS": "ORG", "Livingston": "ORG"}),
        make_doc("lv.txt", "lv", ["Vakar CBS un Livingston tikās."], {}),
        make_doc("zh.txt", "zh", ["CBS和Livingston会面。"], {}),
    ]
    assert recall_names(docs) == recall_names(docs[::-1])


def test_align_stage_links_recalled_mentions_and_keeps_documents_unchanged(tmp_path) -> None:
    en = make_doc(
        "en.txt", "en", ["Megvii told CBS about its plans."], {"CBS": "ORG", "Megvii": "ORG"}
    )
    zh = make_doc("zh.txt", "zh", ["旷视接受CBS采访时谈到计划。"], {"旷视": "ORG"})
    for doc in (en, zh):  # the names stage's features, as cached documents carry them
        NamesStage(Settings()).process(doc)
        doc.stages["names"] = NamesStage.version
    own = len(zh.mentions)
    result = CorpusResult()
    AlignStage(Settings(outputs_dir=tmp_path)).run([en, zh], result)
    assert len(zh.mentions) == own  # the cached document is not changed
    [recalled] = result.added_mentions[zh.doc_id]
    assert (recalled.text, recalled.label, recalled.source) == ("CBS", "ORG", "corpus")
    # the recalled mention follows the document's own in the index space, and links to the
    # English CBS (its features computed in the corpus step: no document's names stage saw it)
    en_cbs = next(i for i, m in enumerate(en.mentions) if m.text == "CBS")
    assert result.mention_entity[(zh.doc_id, own)] == result.mention_entity[(en.doc_id, en_cbs)]
    for i in range(own):
        assert (zh.doc_id, i) in result.mention_entity
    assert with_mentions([en, zh], result.added_mentions)[1].mentions[own] is recalled


def test_a_name_of_several_words_taggers_type_differently_is_still_recalled() -> None:
    en = make_doc(
        "en.txt",
        "en",
        ["Jaguar Land Rover cut jobs, said Zorbiq."],
        {"Jaguar Land Rover": "ORG", "Zorbiq": "PER"},
    )
    zh = make_doc(
        "zh.txt",
        "zh",
        ["Jaguar Land Rover裁员，Zorbiq说。"],
        {"Jaguar Land Rover": "PER", "Zorbiq": "LOC"},
    )
    lv = make_doc("lv.txt", "lv", ["Uzņēmums Jaguar Land Rover samazina darbus, teica Zorbiq."], {})
    # a single word the taggers of two languages type differently, each consistently: one
    # tagger against another, still a name (the align stage gives it its entity's label)
    assert _added([en, zh, lv]) == {
        "lv.txt": [("Jaguar Land Rover", "ORG", "lv"), ("Zorbiq", "LOC", "lv")]
    }


def test_recalled_mentions_take_their_entitys_label(tmp_path) -> None:
    en = make_doc(
        "en.txt",
        "en",
        ["Jaguar Land Rover, the carmaker, cut jobs.", "Jaguar Land Rover said so."],
        {"Jaguar Land Rover": "ORG"},
    )
    zh = make_doc(
        "zh.txt", "zh", ["汽车制造商Jaguar Land Rover裁员。"], {"Jaguar Land Rover": "PER"}
    )
    lv = make_doc("lv.txt", "lv", ["Autoražotājs Jaguar Land Rover samazina darbus."], {})
    result = CorpusResult()
    AlignStage(Settings(outputs_dir=tmp_path)).run([en, zh, lv], result)
    [recalled] = result.added_mentions[lv.doc_id]
    entity = result.mention_entity[(lv.doc_id, len(lv.mentions))]
    label = next(e["label"] for e in result.entities if e["id"] == entity)
    assert recalled.label == label == "ORG"
    # a recalled label its entity does not share is replaced (and a Latvian lemma redone)
    lv2 = make_doc("lv2.txt", "lv", ["Viņš runāja ar Lamontu."], {"Lamontu": "ORG"})
    added = {lv2.doc_id: lv2.mentions}
    lv2.mentions = []
    take_entity_labels([lv2], added, {(lv2.doc_id, 0): "ent_x"}, {"ent_x": "PER"})
    [m] = added[lv2.doc_id]
    assert (m.label, m.lemma) == ("PER", "Lamonts")


def test_a_name_the_taggers_mostly_passed_over_is_not_spread() -> None:
    sentences = [f"Page {n} of the PDF is here." for n in range(5)] + ["Zorbiq wrote it."]
    en = make_doc("en.txt", "en", sentences, {"PDF": "ORG", "Zorbiq": "PER"})
    del en.mentions[1:5]  # the tagger found PDF once in five readings, Zorbiq every time
    lv = make_doc("lv.txt", "lv", ["Lejupielādējiet PDF, ko rakstīja Zorbiq."], {})
    assert _added([en, lv]) == {"lv.txt": [("Zorbiq", "PER", "lv")]}
    # one tagger tagged Qarvex once in one document and passed it over in nine readings of
    # another: not spread (nor elsewhere); once against two readings is a miss, spread
    a = make_doc("a.txt", "en", ["Qarvex is a name."], {"Qarvex": "LOC"})
    b = make_doc("b.txt", "en", [f"The Qarvex case {n} was heard." for n in range(9)], {})
    c = make_doc("c.txt", "lv", ["Lieta Qarvex tika izskatīta."], {})
    assert _added([a, b, c]) == {}
    b2 = make_doc("b2.txt", "en", ["The Qarvex case was heard.", "Again Qarvex."], {})
    assert _added([a, b2, c]) == {
        "b2.txt": [("Qarvex", "LOC", "en"), ("Qarvex", "LOC", "en")],
        "c.txt": [("Qarvex", "LOC", "lv")],
    }


def test_a_quoted_name_is_recalled_unquoted_and_two_languages_may_disagree_on_its_type() -> None:
    lv = make_doc(
        "lv.txt",
        "lv",
        ["Spēlē pret “Hibernian” uzvarēja Lowkey fani."],
        {"“Hibernian”": "ORG", "Lowkey": "PER"},
    )
    zh = make_doc("zh.txt", "zh", ["说唱歌手Lowkey发表了讲话。"], {"Lowkey": "LOC"})
    en = make_doc(
        "en.txt",
        "en",
        ["The win over Hibernian pleased the rapper Lowkey and his fans."],
        {},
    )
    added = _added([lv, zh, en])
    # Lowkey is PER in one language and LOC in another: one tagger each, still a name; the
    # provisional label is the first of the tie, the align stage gives it the entity's.
    assert added == {"en.txt": [("Hibernian", "ORG", "en"), ("Lowkey", "LOC", "en")]}
    # A language whose tagger reads it two ways is no such evidence (``Nielsen``).
    lv2 = make_doc("lv2.txt", "lv", ["Lowkey dziedāja.", "Tad Lowkey aizgāja."], {"Lowkey": "PER"})
    lv2.mentions[1].label = "LOC"
    zh2 = make_doc("zh2.txt", "zh", ["Lowkey公司发表了讲话。"], {"Lowkey": "ORG"})
    assert _added([lv2, zh2, en]) == {}  # PER, LOC, ORG: no majority, Latvian inconsistent


def test_an_acronym_chinese_text_keeps_in_latin_script_is_a_name_though_no_tagger_found_it() -> (
    None
):
    en = make_doc(
        "en.txt",
        "en",
        ["GOP senators met on Monday.", "The GDP grew, and TV ratings fell.", "PBS aired it."],
        {},
    )
    zh = make_doc("zh.txt", "zh", ["GOP参议员周一开会。", "GDP增长了，TV收视率下降。"], {})
    lv = make_doc("lv.txt", "lv", ["GOP senatori pirmdien tikās."], {})
    added = _added([en, zh, lv])
    # GDP is a term (CC-CEDICT glosses it for a common word), TV has two letters, and PBS is
    # written in English only.
    assert added == {
        "en.txt": [("GOP", "ORG", "en")],
        "zh.txt": [("GOP", "ORG", "zh")],
        "lv.txt": [("GOP", "ORG", "lv")],
    }
    assert _added([en, lv]) == {}  # no Chinese text keeps it
