"""Document recall: a name found in one sentence is tagged where it recurs in its document."""

from __future__ import annotations

import pytest

from pipeline.ner.base import Span
from pipeline.ner.consistency import (
    complete_cut_names,
    drop_headline_guesses,
    drop_sentence_start_guesses,
    headline_sentences,
    join_names_an_acronym_spells,
    name_words,
    retype_person_surnames,
    tag_name_parts,
    tag_recurring_han_names,
    tag_recurring_names,
)


def _find(text: str, word: str, label: str, source: str = "model") -> Span:
    start = text.index(word)
    return Span(start, start + len(word), label, source=source)


def _added(texts, spans, lang):
    out = tag_recurring_names(texts, spans, lang)
    return [
        [(text[s.start : s.end], s.label) for s in sentence if s.source == "document"]
        for text, sentence in zip(texts, out, strict=True)
    ]


@pytest.mark.parametrize(
    ("lang", "texts", "found", "added"),
    [
        # inflected forms share the lemma key (Latvian suffix rules)
        (
            "lv",
            ["Antigone atgriezās Tēbās.", "Antigonei nebija izvēles.", "Par Antigoni runā visi."],
            [[("Antigone", "PER")], [], []],
            [[], [("Antigonei", "PER")], [("Antigoni", "PER")]],
        ),
        # a multi-word name is matched whole, longest first
        (
            "lv",
            ["Rute Kalniņa dzimusi Cēsīs.", "Vēlāk Rutei Kalniņai piešķīra balvu."],
            [[("Rute Kalniņa", "PER"), ("Cēsīs", "LOC")], []],
            [[], [("Rutei Kalniņai", "PER")]],
        ),
        # lower-case occurrences are common nouns, not the name
        (
            "lv",
            ["Vida ir mana draudzene.", "Apkārtējā vide ir tīra."],
            [[("Vida", "PER")], []],
            [[], []],
        ),
        # short single-word names (initials, legal forms) are not spread
        (
            "lv",
            ["Uzņēmums AS darbojas.", "Arī AS ziņoja."],
            [[("AS", "ORG")], []],
            [[], []],
        ),
        # no clear majority label: the name is not spread
        (
            "lv",
            ["Jelgava uzvarēja.", "Jelgavā līst.", "Jelgavai ir jauns stadions."],
            [[("Jelgava", "ORG")], [("Jelgavā", "LOC")], []],
            [[], [], []],
        ),
        # a clear majority decides the label of the new span
        (
            "lv",
            ["Jelgava ir pilsēta.", "Jelgavā līst.", "Jelgava uzvarēja.", "Uz Jelgavu!"],
            [[("Jelgava", "LOC")], [("Jelgavā", "LOC")], [], []],
            [[], [], [("Jelgava", "LOC")], [("Jelgavu", "LOC")]],
        ),
        # a name of several words recalled where its words after the first are in lower case
        # (Latvian capitalizes a name's first word only), not where its first word is
        (
            "lv",
            ["Sezonu sāka Elites Līgā.", "Elites līga ir sīva.", "Spēlēja elites līgā."],
            [[("Elites Līgā", "ORG")], [], []],
            [[], [("Elites līga", "ORG")], []],
        ),
        # an occurrence inside an existing span is left alone
        (
            "lv",
            ["Kandava ir pilsēta.", "Kandavas tehnikums ir skola."],
            [[("Kandava", "LOC")], [("Kandavas tehnikums", "ORG")]],
            [[], []],
        ),
        # a name found in quotes is recalled with its quotes, and bare where it stands bare
        (
            "lv",
            ["“Daugava” uzvarēja “Skonto”.", "Vēlāk “Skonto” zaudēja.", "Skonto treneris runāja."],
            [[("“Daugava”", "ORG"), ("“Skonto”", "ORG")], [], []],
            [[], [("“Skonto”", "ORG")], [("Skonto", "ORG")]],
        ),
        # other languages: words match as written; a person's surname and given name are
        # persons' names of their own (which person a bare ``Ruth`` is, linking decides)
        (
            "en",
            ["Ruth Kalnins was born in Cesis.", "Ruth moved.", "Kalnins moved too."],
            [[("Ruth Kalnins", "PER"), ("Cesis", "LOC")], [], []],
            [[], [("Ruth", "PER")], [("Kalnins", "PER")]],
        ),
        # a Latvian surname in another case
        (
            "lv",
            ["Grants Rīhers to apstiprināja.", "Pēc Rīhera domām, tā nav."],
            [[("Grants Rīhers", "PER")], []],
            [[], [("Rīhera", "PER")]],
        ),
        # a surname that is mostly something else keeps its majority (``Black Sea``)
        (
            "en",
            ["Dustin Lance Black arrived.", "Ships left the Black Sea.", "Black Sea ports shut."],
            [[("Dustin Lance Black", "PER")], [("Black Sea", "LOC")], []],
            [[], [], [("Black Sea", "LOC")]],
        ),
        (
            "en",
            ["Stepanakert is a city.", "Shelling hit Stepanakert."],
            [[("Stepanakert", "LOC")], []],
            [[], [("Stepanakert", "LOC")]],
        ),
        # a function word ending a span typed PER is nobody's surname
        (
            "en",
            ["Then Karabakh War The began.", "The city fell."],
            [[("Karabakh War The", "PER")], []],
            [[], []],
        ),
        # a word opening a sentence, written in lower case elsewhere, is not recalled there
        (
            "en",
            ["Mr Rice spoke.", "Then Rice left.", "Rice prices rose.", "They ate rice."],
            [[("Rice", "PER")], [], [], []],
            [[], [("Rice", "PER")], [], []],
        ),
        # ... but a web address writes no word
        (
            "lv",
            ["Pillar pieder bankai.", "Skatīt www.pillar.lv vietni.", "Pillar pārdeva."],
            [[("Pillar", "ORG")], [], []],
            [[], [], [("Pillar", "ORG")]],
        ),
        # a part of a person's name that the text writes in lower case at least as often as
        # capitalized inside a sentence is a common word (``Ethnic Conflict`` typed PER) ...
        (
            "en",
            ["Ethnic Conflict spread.", "The conflict grew.", "A conflict again.", "So Conflict."],
            [[("Ethnic Conflict", "PER")], [], [], []],
            [[], [], [], []],
        ),
        # ... unlike ``May`` of ``Theresa May`` beside one modal ``may``
        (
            "en",
            ["Theresa May spoke.", "Later May left.", "It may rain."],
            [[("Theresa May", "PER")], [], []],
            [[], [("May", "PER")], []],
        ),
        # a part continuing a capitalized word is part of a longer name, unless that is a title
        (
            "en",
            ["He met Tom Hanks there.", "It was the Big Hanks show.", "Then President Hanks sang."],
            [[("Tom Hanks", "PER")], [], []],
            [[], [], [("Hanks", "PER")]],
        ),
    ],
)
def test_recurring_names_case_table(lang, texts, found, added):
    spans = [
        [_find(text, word, label) for word, label in sentence]
        for text, sentence in zip(texts, found, strict=True)
    ]
    assert _added(texts, spans, lang) == added


def test_existing_spans_are_kept_unchanged_and_sorted():
    texts = ["Antigone un Ismēne.", "Ismēnei un Antigonei."]
    spans = [[_find(texts[0], "Antigone", "PER"), _find(texts[0], "Ismēne", "PER")], []]
    out = tag_recurring_names(texts, spans, "lv")
    assert out[0] == spans[0]
    assert [(texts[1][s.start : s.end], s.start) for s in out[1]] == [
        ("Ismēnei", 0),
        ("Antigonei", 11),
    ]


def test_span_not_on_word_edges_gives_no_name():
    texts = ["Stepanakertā notika mītiņš.", "Stepanakerts ir pilsēta."]
    cut = Span(0, 8, "LOC")  # "Stepanak", a model span cut inside a word
    assert tag_recurring_names(texts, [[cut], []], "lv") == [[cut], []]
    # a span with a quote mark on one side only, or with other marks, gives no name either
    texts = ["“Skonto uzvarēja.", "(Skonto) zaudēja.", "Skonto treneris."]
    one_sided = Span(0, 7, "ORG")
    brackets = Span(0, 8, "ORG")
    assert tag_recurring_names(texts, [[one_sided], [brackets], []], "lv")[2] == []


@pytest.mark.model
def test_stage_document_recall_only_adds_names_found_elsewhere():
    """With the shipped lv model: recall never removes or changes a span, and every span it adds
    is a capitalized occurrence of a name the model found in another sentence of the document."""
    from pipeline.ner.lemmatize import word_lemmatizer
    from pipeline.ner.stage import recognize_documents
    from pipeline.settings import Settings

    document = [
        "Rute Kalniņa dzimusi Cēsīs.",
        "Rutei patika lasīt.",
        "Vēlāk Rutes ģimene pārcēlās uz Valmieru.",
        "Valmierā Rute mācījās ģimnāzijā.",
    ]
    (plain,) = recognize_documents([document], "lv", Settings(), document_recall=False)
    (recalled,) = recognize_documents([document], "lv", Settings(), document_recall=True)
    lemma = word_lemmatizer("rules").lemmatize
    found = {
        tuple(lemma(text[s.start : s.end].split()))
        for text, spans in zip(document, plain, strict=True)
        for s in spans
    }
    added = 0
    for text, before, after in zip(document, plain, recalled, strict=True):
        assert set(before) <= set(after)
        for span in set(after) - set(before):
            added += 1
            assert span.source == "document"
            assert text[span.start].isupper()
            assert tuple(lemma(text[span.start : span.end].split())) in found
    assert added >= 1


def test_chinese_is_refused():
    with pytest.raises(ValueError, match="no word boundaries"):
        tag_recurring_names(["斯捷潘纳克特遭到炮击。"], [[Span(0, 6, "LOC")]], "zh")


def _completed(texts, found, lang="zh"):
    spans = [
        [_find(t, w, label) for w, label in names] for t, names in zip(texts, found, strict=True)
    ]
    out = complete_cut_names(texts, spans, lang)
    return [
        [(t[s.start : s.end], s.label) for s in sentence]
        for t, sentence in zip(texts, out, strict=True)
    ]


@pytest.mark.parametrize(
    ("texts", "found", "expected"),
    [
        # the name cut short where the text reads the name the document tags elsewhere
        (
            ["在伊尔弗勒科姆，一名男子中枪。", "他当时在德文郡伊尔弗勒科姆。"],
            [[("伊尔弗勒", "PER")], [("德文郡", "LOC"), ("伊尔弗勒科姆", "LOC")]],
            [[("伊尔弗勒科姆", "LOC")], [("德文郡", "LOC"), ("伊尔弗勒科姆", "LOC")]],
        ),
        # a given name before the surname (interpunct), and the most frequent label
        (
            ["雀克‧裴琳被控犯罪。", "这不是雀克‧裴琳第一次被控。", "报道称雀克‧裴琳已被还押。"],
            [[("雀克‧裴琳", "PER")], [("裴琳", "LOC")], [("雀克‧裴琳", "PER")]],
            [[("雀克‧裴琳", "PER")], [("雀克‧裴琳", "PER")], [("雀克‧裴琳", "PER")]],
        ),
        # the surname part of a transcribed name, written alone
        (
            ["最新的強尼·英格力電影上映。", "對我而言，英格力的怪誕行動很好笑。"],
            [[("強尼·英格力", "PER")], [("英", "LOC")]],
            [[("強尼·英格力", "PER")], [("英格力", "PER")]],
        ),
        # Latin words in a Chinese sentence
        (
            ["Dyteon Simpson（20岁）被捕。", "警方称 Dyteon 已认罪。", "Dyteon Simpson 被关押。"],
            [[("Dyteon Simpson", "PER")], [("Dyteon", "PER")], [("Dyteon", "PER")]],
            [[("Dyteon Simpson", "PER")], [("Dyteon", "PER")], [("Dyteon Simpson", "PER")]],
        ),
        # what the longer span adds is a possessive or another script: no longer name
        (
            ["Gary Holt 的球队获胜。", "Gary Holt 表示满意。", "Threave庄园很大。", "在Threave，"],
            [
                [("Gary Holt 的球队", "ORG")],
                [("Gary Holt", "PER")],
                [("Threave庄园", "ORG")],
                [("Threave", "LOC")],
            ],
            [
                [("Gary Holt 的球队", "ORG")],
                [("Gary Holt", "PER")],
                [("Threave庄园", "ORG")],
                [("Threave", "LOC")],
            ],
        ),
        # the longer name would overlap the next span: unchanged
        (
            ["利文斯顿队获胜。", "利文斯顿队长说。"],
            [[("利文斯顿队", "ORG")], [("利文斯", "PER"), ("顿队长", "PER")]],
            [[("利文斯顿队", "ORG")], [("利文斯", "PER"), ("顿队长", "PER")]],
        ),
    ],
)
def test_names_cut_short_are_completed_case_table(texts, found, expected):
    assert _completed(texts, found) == expected


def test_completion_is_for_unspaced_languages():
    with pytest.raises(ValueError, match="word boundaries"):
        complete_cut_names(["Rīga."], [[]], "lv")


def test_a_person_before_a_word_for_a_government_is_the_person():
    from pipeline.ner.consistency import persons_before_administrations

    texts = [
        "川普政府目標增加出口。",
        "美國總統川普本人說。",
        "加泰隆尼亞政府表示。",
        "加泰隆尼亞說。",
        "在加泰隆尼亞。",
        "加泰隆尼亞和西班牙。",
    ]
    spans = [
        [Span(0, 4, "ORG")],  # the Trump administration, one span
        [Span(4, 6, "PER")],  # Trump himself, elsewhere in the document
        [Span(0, 7, "ORG")],  # the Catalan government
        [Span(0, 5, "PER")],  # a tagger's slip: Catalonia a person once ...
        [Span(1, 6, "LOC")],  # ... and a place twice
        [Span(0, 5, "LOC")],
    ]
    found = persons_before_administrations(texts, spans, "zh")
    assert [(texts[0][s.start : s.end], s.label) for s in found[0]] == [("川普", "PER")]
    assert [(texts[2][s.start : s.end], s.label) for s in found[2]] == [("加泰隆尼亞政府", "ORG")]


def test_a_person_span_is_not_extended_over_a_word_for_a_government():
    from pipeline.ner.stage import extend_to_organization_head

    assert extend_to_organization_head("川普政府官员", Span(0, 2, "PER"), "zh") == Span(0, 2, "PER")
    assert extend_to_organization_head("英国政府官员", Span(0, 2, "LOC"), "zh") == Span(0, 4, "ORG")
    # Latvian lists stems: a person's team or government, in any case, is no organization's name
    text = "Džerarda komandai veicas"
    assert extend_to_organization_head(text, Span(0, 8, "PER"), "lv") == Span(0, 8, "PER")
    text = "Latvijas komandai veicas"
    assert extend_to_organization_head(text, Span(0, 8, "LOC"), "lv") == Span(0, 17, "ORG")


def test_a_person_before_a_latvian_word_for_a_team_is_the_person():
    from pipeline.ner.consistency import persons_before_administrations

    texts = ["Trampa komandas loceklis teica.", "Viņš runāja ar Trampa kungu.", "Trampa dēls."]
    spans = [[Span(0, 15, "ORG")], [Span(15, 21, "PER")], [Span(0, 6, "PER")]]
    found = persons_before_administrations(texts, spans, "lv")
    assert [(texts[0][s.start : s.end], s.label) for s in found[0]] == [("Trampa", "PER")]


def test_stage_recalls_a_surname_but_not_on_a_month(tmp_path):
    """The NER stage with the shipped en model and the dates stage: the surname of a person the
    document names recurs as that person; the month of the same spelling is a date."""
    from pipeline.analyze import corpus_file, prepare_document, run_document_stages
    from pipeline.settings import load_settings

    path = tmp_path / "may.txt"
    path.write_text(
        "British Prime Minister Theresa May said on Monday that the talks would go on. "
        "May said the plan was fair. Talks resume in May.",
        encoding="utf-8",
    )
    settings = load_settings(stages=("dates", "ner"))
    doc = prepare_document(corpus_file(path, tmp_path), settings)
    run_document_stages(doc, settings)
    found = [(m.text, m.label, doc.text[: m.start].count(".")) for m in doc.mentions]
    assert ("Theresa May", "PER", 0) in found
    assert ("May", "PER", 1) in found  # the second sentence: the prime minister
    assert not [m for m in found if m[2] == 2]  # the third: the month


def test_a_part_of_a_chinese_transcribed_name_is_that_person_where_it_recurs():
    texts = [
        "湖人队教练卢克·沃顿已宣布比赛。",
        "“不会超过 48 分钟，”沃顿在官网上说。",
        "他曾就读于沃顿商学院。",  # inside a tagged school
        "大卫·克林说克林顿来了。",  # one word of the text holds it: another name
        "卢克·沃顿和沃顿·卢克",  # next to an interpunct: part of another name
        "里赫称，他怀疑。",  # no name of this document
    ]
    spans = [
        [Span(5, 10, "PER")],
        [],
        [Span(5, 10, "ORG")],
        [Span(0, 5, "PER")],
        [Span(0, 5, "PER"), Span(6, 11, "PER")],
        [],
    ]
    out = tag_name_parts(texts, spans, "zh")
    found = [
        [(texts[i][s.start : s.end], s.label, s.source) for s in sent] for i, sent in enumerate(out)
    ]
    assert found[1] == [("沃顿", "PER", "document")]
    assert found[2] == [("沃顿商学院", "ORG", "model")]
    assert found[3] == [("大卫·克林", "PER", "model")]
    assert len(found[4]) == 2 and found[5] == []
    with pytest.raises(ValueError):
        tag_name_parts(["Rīga."], [[]], "lv")


def test_the_surname_of_a_person_named_in_latin_letters_in_chinese_text_is_recalled():
    texts = [
        "国际法专家 Paz Zárate 说。",
        "“入海通道问题被利用，” Zárate 说。",
        "Záratesz 是另一个词。",
    ]
    spans = [[Span(6, 16, "PER")], [], []]
    out = tag_name_parts(texts, spans, "zh")
    assert [(texts[1][s.start : s.end], s.source) for s in out[1]] == [("Zárate", "document")]
    assert out[2] == []  # a longer Latin word holds it


def test_a_chinese_name_found_whole_is_recalled_where_it_recurs_untagged():
    texts = [
        "阿拉斯加前州长裴琳的长子雀克‧裴琳 (Track Palin) 被捕。",  # missed here
        "29 岁的雀克‧裴琳被疑施行家暴。",
        "雀克‧裴琳面对 3 项罪行。",
        "国家飓风中心表示，西南沙漠会有暴雨。",
        "“国家飓风中心” 的最新模型预测有雨。",
        "他说加拿大人不会去，加拿大政府也不去。",  # jieba's word 加拿大人 holds 加拿大
        "西南地区正在遭受干旱。",  # two characters: not recalled
        "华盛顿州和华盛顿特区",  # labels split: not recalled
        "她和华盛顿握手。",
    ]
    spans = [
        [Span(7, 9, "PER")],
        [Span(4, 9, "PER")],
        [Span(0, 5, "PER")],
        [Span(0, 6, "ORG"), Span(9, 11, "LOC")],
        [],
        [Span(10, 13, "LOC")],
        [],
        [Span(0, 3, "LOC"), Span(5, 8, "ORG")],
        [],
    ]
    out = tag_recurring_han_names(texts, spans, "zh")
    added = [
        [(texts[i][s.start : s.end], s.label) for s in sent if s.source == "document"]
        for i, sent in enumerate(out)
    ]
    assert added[0] == [("雀克‧裴琳", "PER")]
    assert added[4] == [("国家飓风中心", "ORG")]
    assert added[5] == [] and added[6] == [] and added[8] == []
    assert [len(sent) for sent in out[1:4]] == [1, 1, 2]  # found names stay as they were
    with pytest.raises(ValueError):
        tag_recurring_han_names(["Rīga."], [[]], "lv")


def test_the_surname_of_a_person_named_in_full_is_a_person_whatever_the_tagger_said():
    texts = [
        "Track Palin, the son of Sarah Palin, was arrested.",
        "Palin, 29, of Wasilla, Alaska, was arrested on Saturday.",
        "Todd Palin called Yerevan and Palin called Hope about On Ruins of Empire.",
        "Officials in Yerevan said hope remains.",
        "The Byzantine Empire fell, and the Empire was gone.",
    ]
    spans = [
        [_find(texts[0], "Track Palin", "ORG"), _find(texts[0], "Sarah Palin", "PER")],
        [_find(texts[1], "Palin", "LOC"), _find(texts[1], "Wasilla", "LOC")],
        [
            _find(texts[2], "Todd Palin", "PER"),
            _find(texts[2], "Yerevan", "LOC"),
            Span(texts[2].index("Palin called H"), texts[2].index("Palin called H") + 5, "LOC"),
            _find(texts[2], "Hope", "ORG"),
        ],
        [_find(texts[3], "Yerevan", "LOC")],
        [
            _find(texts[4], "Byzantine Empire", "PER"),
            Span(texts[4].rindex("Empire"), texts[4].rindex("Empire") + 6, "ORG"),
        ],
    ]
    out = retype_person_surnames(texts, spans, "en")
    labels = [[(texts[i][s.start : s.end], s.label) for s in sent] for i, sent in enumerate(out)]
    assert ("Palin", "PER") in labels[1] and ("Wasilla", "LOC") in labels[1]
    assert ("Palin", "PER") in labels[2]
    assert ("Track Palin", "ORG") in labels[0]  # only one-word spans are retyped
    assert ("Yerevan", "LOC") in labels[2]  # no person's surname here
    assert ("Empire", "ORG") in labels[4]  # after an article: no surname
    with pytest.raises(ValueError):
        retype_person_surnames(["雀克"], [[]], "zh")


def test_a_listed_place_or_a_word_written_in_lower_case_is_no_surname():
    texts = [
        "Armen Yerevan and Lucy Hope spoke.",
        "Yerevan said the talks went well.",
        "Hope remains, said the mayor, and hope is all.",
    ]
    spans = [
        [_find(texts[0], "Armen Yerevan", "PER"), _find(texts[0], "Lucy Hope", "PER")],
        [_find(texts[1], "Yerevan", "LOC")],
        [_find(texts[2], "Hope", "ORG")],
    ]
    out = retype_person_surnames(texts, spans, "en")
    assert out[1][0].label == "LOC"  # the gazetteer lists the city
    assert out[2][0].label == "ORG"  # the document writes "hope" in lower case


def test_a_word_capitalized_by_the_sentence_start_and_written_lower_case_elsewhere_is_no_name():
    texts = [
        "Komisija pieņēma lēmumu, ka koki ir jānocērt.",
        "Vēlāk komisija to apstiprināja.",
        "Rute un Timotejs nolemj aizbraukt.",
        "Rute smējās, bet rute bija sausa.",  # tagged twice: a name the document uses
        "NATO nāca ar paziņojumu, un nato nav vārds.",  # in capitals
    ]
    spans = [
        [_find(texts[0], "Komisija", "ORG")],
        [],
        [_find(texts[2], "Rute", "PER"), _find(texts[2], "Timotejs", "PER")],
        [_find(texts[3], "Rute", "PER")],
        [_find(texts[4], "NATO", "ORG")],
    ]
    out = drop_sentence_start_guesses(texts, spans, "lv")
    assert out[0] == []
    assert [texts[2][s.start : s.end] for s in out[2]] == ["Rute", "Timotejs"]
    assert len(out[3]) == 1 and len(out[4]) == 1
    assert drop_sentence_start_guesses(texts, spans, "en") == spans  # English capitalizes more


HEADLINE_DOC = [
    "Indonesia Tsunami Toll Soars Above 800 as China Sends Aid",
    "The death toll from the tsunami in Indonesia rose on Sunday.",
    "Rescuers said the toll would rise.",
]


def test_a_title_case_sentence_with_words_written_lower_case_elsewhere_is_a_headline():
    texts = [*HEADLINE_DOC, "Rīga, Jelgava un Liepāja ir pilsētas."]
    assert headline_sentences(texts, name_words(texts, "en"), "en") == {0}
    # a sentence of names has no such words; prose has few capitals
    lv = ["Rīga, Jelgava un Liepāja.", "Rīga ir galvaspilsēta."]
    assert headline_sentences(lv, name_words(lv, "lv"), "lv") == set()


def test_headline_guesses_are_dropped_and_the_names_inside_recalled():
    """A headline's run of capitals holding words the body writes in lower case, which the body
    does not name, goes; the body's names and the gazetteer's inside it come back; a name the
    headline alone holds (``China``) stays."""
    from pipeline.ner.gazetteer import gazetteer

    texts = HEADLINE_DOC
    spans = [
        [
            _find(texts[0], "Indonesia Tsunami Toll Soars Above", "ORG"),
            _find(texts[0], "China", "LOC"),
        ],
        [_find(texts[1], "Indonesia", "LOC")],
        [],
    ]
    dropped = drop_headline_guesses(texts, spans, "en")
    assert [texts[0][s.start : s.end] for s in dropped[0]] == ["China"]
    assert dropped[1:] == spans[1:]
    recalled = tag_recurring_names(texts, dropped, "en")
    assert [texts[0][s.start : s.end] for s in recalled[0]] == ["Indonesia", "China"]
    listed = drop_headline_guesses(texts, spans, "en", gazetteer("en").find)
    assert [(texts[0][s.start : s.end], s.label) for s in listed[0]] == [
        ("Indonesia", "LOC"),
        ("China", "LOC"),
    ]


@pytest.mark.parametrize(
    ("texts", "first", "second", "expected"),
    [
        (  # the acronym of the whole: the place is part of the name
            ["The study by the National Trust for Scotland will follow bats.", "NTS staff help."],
            ("National Trust", "ORG"),
            ("Scotland", "LOC"),
            ["National Trust for Scotland"],
        ),
        (  # no such acronym: the place after the preposition is the topic
            ["The Security Council on North Korea met.", "The UN said so."],
            ("Security Council", "ORG"),
            ("North Korea", "LOC"),
            ["Security Council", "North Korea"],
        ),
        (  # a person is no part of an organization's name
            ["The Foundation for Smith gave.", "FS said so."],
            ("Foundation", "ORG"),
            ("Smith", "PER"),
            ["Foundation", "Smith"],
        ),
    ],
)
def test_a_name_an_acronym_of_the_document_spells_is_joined(texts, first, second, expected):
    spans = [[_find(texts[0], *first), _find(texts[0], *second)], []]
    joined = join_names_an_acronym_spells(texts, spans, "en")
    assert [texts[0][s.start : s.end] for s in joined[0]] == expected
