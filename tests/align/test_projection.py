"""Names projected across translated sentences (``pipeline/align/projection.py``): real scorer,
real language data, hand-made documents."""

from pipeline.align.cluster import entity_records
from pipeline.align.projection import (
    candidates,
    corpus_mentions,
    glossed_names,
    han_candidates,
    project_names,
)
from pipeline.align.recall import with_mentions

from ..helpers.documents import make_doc

EN = [
    "The storm reached Galveston on Monday, 12 June.",
    "Scott Pittman said 240 homes were damaged.",
    "Coastal Watch opened four shelters in Houston.",
    "Governor Greg Abbott visited Galveston on Tuesday.",
    "He said 3,500 Chinese tourists had left the island.",
    "Schools in Houston stay closed until 19 June.",
    "Later Scott Pittman asked for 50 volunteers.",
]
LV = [
    "Vētra pirmdien, 12. jūnijā, sasniedza Galvestonu.",
    "Skots Pitmans sacīja, ka bojātas 240 mājas.",
    "Coastal Watch atvēra četras patversmes Hjūstonā.",
    "Gubernators Gregs Abots otrdien apmeklēja Galvestonu.",
    "Viņš sacīja, ka salu pametuši 3500 Chinese tūristu.",  # an English adjective kept as is
    "Skolas Hjūstonā paliks slēgtas līdz 19. jūnijam.",
    "Vēlāk Skots Pitmans lūdza 50 brīvprātīgos.",
]
EN_NAMES = {
    "Galveston": "LOC", "Scott Pittman": "PER", "Coastal Watch": "ORG", "Houston": "LOC",
    "Greg Abbott": "PER",
}  # fmt: skip
# The Latvian tagger missed Skots Pitmans in sentence 1 (and found him in sentence 6).
LV_NAMES = {
    "Galvestonu": "LOC", "Coastal Watch": "ORG", "Hjūstonā": "LOC", "Gregs Abots": "PER",
}  # fmt: skip


def _docs():
    en = make_doc("en.txt", "en", EN, EN_NAMES)
    lv = make_doc("lv.txt", "lv", LV, LV_NAMES)
    return en, lv


def test_candidates_are_untagged_capitalized_runs():
    _, lv = _docs()
    # sentence 1: the run "Skots Pitmans", and without its first word, which the sentence start
    # may have capitalized; sentence 4: "Chinese" is a demonym; sentence 3: the run
    # "Gubernators Gregs Abots" overlaps the tagged "Gregs Abots"
    assert [c.text for c in candidates(lv, 1) if not c.lower_tail] == ["Skots Pitmans", "Pitmans"]
    # Latvian capitalizes a name's first word only: a run with the lower-case words after it is a
    # candidate for a translation (Baltā nama, the White House), not for the scorer
    assert [c.text for c in candidates(lv, 1) if c.lower_tail] == [
        "Skots Pitmans sacīja",
        "Pitmans sacīja",
    ]
    # sentence 4's first word with the words after it is a candidate for a translation only
    assert [c.text for c in candidates(lv, 4) if not c.lower_tail] == []
    assert [c.text for c in candidates(lv, 3)] == []


def test_a_name_the_translation_did_not_tag_is_projected_and_joins_its_entity():
    en, lv = _docs()
    added = project_names([en, lv])
    assert [(m.text, m.label, m.lang, m.source) for m in added[lv.doc_id]] == [
        ("Skots Pitmans", "PER", "lv", "projection"),
        ("Skots Pitmans", "PER", "lv", "projection"),
    ]
    assert en.doc_id not in added  # nothing the English tagger missed
    docs = with_mentions([en, lv], corpus_mentions([en, lv])[0])
    records, mention_entity = entity_records(docs)
    lv_linked = docs[1]
    pittman = next(
        mention_entity[(lv_linked.doc_id, i)]
        for i, m in enumerate(lv_linked.mentions)
        if m.text == "Skots Pitmans"
    )
    assert pittman == mention_entity[(en.doc_id, 1)]  # en mention 1 is "Scott Pittman"
    assert en.mentions[1].text == "Scott Pittman"


def test_documents_that_do_not_translate_each_other_project_nothing():
    en, _ = _docs()
    # The same names in another order: an article on the same storm, not a translation.
    order = [3, 5, 0, 6, 2, 4, 1]
    lv = make_doc("lv.txt", "lv", [LV[i] for i in order], LV_NAMES)
    assert project_names([en, lv]) == {}


def test_the_clustering_projection_computed_is_reused_only_when_nothing_was_projected():
    en, _ = _docs()
    order = [3, 5, 0, 6, 2, 4, 1]
    lv = make_doc("lv.txt", "lv", [LV[i] for i in order], LV_NAMES)  # no translation
    added, clustered = corpus_mentions([en, lv])
    assert clustered is not None
    docs = with_mentions([en, lv], added)
    assert entity_records(docs, clustered=clustered) == entity_records(docs)
    en2, lv2 = _docs()  # a translation: a name is projected, so the corpus must be clustered anew
    added, clustered = corpus_mentions([en2, lv2])
    assert added and clustered is None


def test_the_only_candidate_for_the_only_missing_name_needs_a_lower_score():
    en_sentences, lv_sentences = [*EN], [*LV]
    en_sentences[5] = "Ten years ago a pig pinned a farmer in Wales to his tractor."
    lv_sentences[5] = "Pirms desmit gadiem cūka Velsā piespieda fermeri pie traktora."
    en = make_doc("en.txt", "en", en_sentences, EN_NAMES | {"Wales": "LOC"})
    lv = make_doc("lv.txt", "lv", lv_sentences, LV_NAMES)
    # the scorer reads the locative "Velsā" below MIN_SCORE, above SOLE_MIN_SCORE
    projected = [(m.text, m.sentence) for m in project_names([en, lv])[lv.doc_id]]
    assert ("Velsā", 5) in projected
    # beside a second candidate it is no longer the only reading
    lv_sentences[5] = "Pirms desmit gadiem cūka Velsā piespieda fermeri Džonsonu pie traktora."
    lv = make_doc("lv.txt", "lv", lv_sentences, LV_NAMES)
    projected = [(m.text, m.sentence) for m in project_names([en, lv])[lv.doc_id]]
    assert ("Velsā", 5) not in projected


def test_an_untagged_acronym_is_projected_at_a_lower_score_and_a_terms_acronym_never():
    en_sentences, lv_sentences = [*EN], [*LV]
    en_sentences[5] = "The FBI said that AIDS clinics in Houston stay closed until 19 June."
    lv_sentences[5] = "FIB sacīja, ka AIDS klīnikas Hjūstonā paliks slēgtas līdz 19. jūnijam."
    en = make_doc("en.txt", "en", en_sentences, EN_NAMES | {"FBI": "ORG", "AIDS": "ORG"})
    lv = make_doc("lv.txt", "lv", lv_sentences, LV_NAMES)
    # FIB (Federālais izmeklēšanas birojs) scores below MIN_SCORE with FBI, above
    # ACRONYM_MIN_SCORE; AIDS is a term by CC-CEDICT's glosses, whatever the English tagger said.
    projected = [(m.text, m.sentence) for m in project_names([en, lv])[lv.doc_id]]
    assert ("FIB", 5) in projected
    assert all(text != "AIDS" for text, _ in projected)


ZH_EN = [
    "The storm reached Galveston on Monday, 12 June.",
    "Officials in Houston said 240 homes were damaged.",
    "The Supreme Court of Texas closed its offices in Houston on 13 June.",
    "Governor Greg Abbott wrote on Facebook that help was coming.",
    "Schools in Houston stay closed until 19 June.",
    "The Supreme Court will reopen on 20 June.",
]
ZH = [
    "风暴于6月12日星期一抵达加尔维斯顿。",
    "休斯敦官员说，有240所房屋受损。",
    "德克萨斯州最高法院6月13日关闭了其在休斯敦的办公室。",
    "州长格雷格·阿博特在脸书上写道，援助即将到来。",
    "休斯敦的学校将停课至6月19日。",
    "最高法院将于6月20日重新开放。",
]
ZH_EN_NAMES = {
    "Galveston": "LOC", "Houston": "LOC", "Supreme Court": "ORG", "Texas": "LOC",
    "Greg Abbott": "PER", "Facebook": "ORG",
}  # fmt: skip
# The Chinese tagger found the people and places, not 最高法院 nor 脸书.
ZH_NAMES = {"加尔维斯顿": "LOC", "休斯敦": "LOC", "德克萨斯州": "LOC", "格雷格·阿博特": "PER"}


def test_chinese_candidates_are_untagged_word_runs():
    zh = make_doc("zh.txt", "zh", ZH, ZH_NAMES)
    found = [c.text for c in han_candidates(zh, 5)]
    assert "最高法院" in found and "最高" in found and "法院将于" in found
    assert all(2 <= len(c) <= 10 for c in found)
    # sentence 3: the tagged 格雷格·阿博特 is not a candidate, nor a part of it
    assert not [c for c in han_candidates(zh, 3) if "阿博特" in c.text or "格雷格" in c.text]


def test_an_untagged_chinese_translation_of_a_name_is_projected():
    en = make_doc("en.txt", "en", ZH_EN, ZH_EN_NAMES)
    zh = make_doc("zh.txt", "zh", ZH, ZH_NAMES)
    added = project_names([en, zh])
    assert [(m.text, m.label, m.sentence) for m in added[zh.doc_id]] == [
        ("最高法院", "ORG", 2),  # a composition of dictionary words: supreme + court
        ("脸书", "ORG", 3),  # CC-CEDICT's gloss of the whole name
        ("最高法院", "ORG", 5),
    ]
    docs = with_mentions([en, zh], added)
    records, mention_entity = entity_records(docs)
    court_en = next(i for i, m in enumerate(en.mentions) if m.text == "Supreme Court")
    court_zh = next(i for i, m in enumerate(docs[1].mentions) if m.text == "最高法院")
    assert mention_entity[(en.doc_id, court_en)] == mention_entity[(zh.doc_id, court_zh)]


def test_a_whole_name_gloss_outranks_a_part_by_part_one_beside_it():
    # 大法官 ("justice"; CC-CEDICT: "supreme court justice") translates Supreme Court part by
    # part too, at another place of the sentence; 最高法院 is CC-CEDICT's gloss of the whole name
    en = make_doc("en.txt", "en", ZH_EN, ZH_EN_NAMES)
    zh_sentences = ZH[:5] + ["最高法院大法官将于6月20日重新开放法庭。"]
    zh = make_doc("zh.txt", "zh", zh_sentences, ZH_NAMES)
    added = project_names([en, zh])
    assert ("最高法院", "ORG", 5) in [(m.text, m.label, m.sentence) for m in added[zh.doc_id]]


def test_an_untagged_translation_in_an_english_sentence_is_projected():
    lv = make_doc(
        "lv.txt",
        "lv",
        [
            "Vētra pirmdien, 12. jūnijā, sasniedza Galvestonu.",
            "Eiropas Savienība piedāvāja palīdzību Hjūstonai.",
            "Skolas Hjūstonā paliks slēgtas līdz 19. jūnijam.",
        ],
        {"Galvestonu": "LOC", "Eiropas Savienība": "ORG", "Hjūstonai": "LOC", "Hjūstonā": "LOC"},
    )
    en = make_doc(
        "en.txt",
        "en",
        [
            "The storm reached Galveston on Monday, 12 June.",
            "The European Union offered help to Houston.",
            "Schools in Houston stay closed until 19 June.",
        ],
        {"Galveston": "LOC", "Houston": "LOC"},  # the English tagger missed the Union
    )
    added = project_names([en, lv])
    # the scorer hears no Eiropas Savienība in European Union; the CLDR names translate it
    assert [(m.text, m.label, m.sentence) for m in added[en.doc_id]] == [
        ("European Union", "ORG", 1)
    ]


def test_an_untagged_name_no_dictionary_translates_is_projected_by_its_meaning():
    lv = make_doc(
        "lv.txt",
        "lv",
        [
            "Vētra pirmdien, 12. jūnijā, sasniedza Galvestonu.",
            "Skotijas valdība piedāvāja palīdzību Hjūstonai.",
            "Skolas Hjūstonā paliks slēgtas līdz 19. jūnijam.",
        ],
        {"Galvestonu": "LOC", "Skotijas valdība": "ORG", "Hjūstonai": "LOC", "Hjūstonā": "LOC"},
    )
    en = make_doc(
        "en.txt",
        "en",
        [
            "The storm reached Galveston on Monday, 12 June.",
            "The Scottish Government offered help to Houston.",
            "Schools in Houston stay closed until 19 June.",
        ],
        {"Galveston": "LOC", "Houston": "LOC"},  # the English tagger missed the Government
    )
    added = project_names([en, lv])
    assert [(m.text, m.label, m.sentence) for m in added[en.doc_id]] == [
        ("Scottish Government", "ORG", 1)
    ]


def test_a_name_is_projected_into_a_sentence_the_translation_cut_in_two():
    en = make_doc("en.txt", "en", ZH_EN, ZH_EN_NAMES)
    # the Chinese segmenter cut sentence 2 in two; 最高法院 is in the second half
    zh_sentences = ZH[:2] + ["6月13日，", "德克萨斯州最高法院关闭了其在休斯敦的办公室。"] + ZH[3:]
    zh = make_doc("zh.txt", "zh", zh_sentences, ZH_NAMES)
    added = project_names([en, zh])
    assert ("最高法院", 3) in [(m.text, m.sentence) for m in added[zh.doc_id]]


def test_a_name_both_halves_of_a_cut_sentence_write_is_projected_into_both():
    """One English sentence, two Chinese ones that both name the court: the same string at two
    places is one name written twice, not two rival readings."""
    en_sentences = (
        ZH_EN[:2]
        + [
            "The Supreme Court of Texas closed its offices in Houston, where the Supreme Court sits."
        ]
        + ZH_EN[3:]
    )
    zh_sentences = (
        ZH[:2] + ["德克萨斯州最高法院关闭了其在休斯敦的办公室。", "最高法院位于休斯敦。"] + ZH[3:]
    )
    en = make_doc("en.txt", "en", en_sentences, ZH_EN_NAMES)
    zh = make_doc("zh.txt", "zh", zh_sentences, ZH_NAMES)
    added = [(m.text, m.sentence) for m in project_names([en, zh])[zh.doc_id]]
    assert ("最高法院", 2) in added and ("最高法院", 3) in added


def test_a_run_before_a_tagged_person_offers_its_prefixes_and_a_cut_name_offers_nothing():
    en = make_doc(
        "en.txt",
        "en",
        [
            "The deal was engineered by Arizona Sen. Jeff Flake on Friday.",
            "Workers at Toyota UK feared the plan.",
        ],
        {"Jeff Flake": "PER", "UK": "ORG"},  # the tagger cut Toyota UK to UK
    )
    # the title before the person: "Arizona Sen" and "Arizona"
    assert [c.text for c in candidates(en, 0)] == ["Arizona", "Arizona Sen", "Friday"]
    # "Toyota" is the part of a name the tagger cut, not a name of its own
    assert [c.text for c in candidates(en, 1)] == []


def test_a_lower_case_compound_tail_is_cut_from_a_candidate():
    en = make_doc(
        "en.txt", "en", ["Crashes of PNG-registered airlines and London-based firms."], {}
    )
    assert [c.text for c in candidates(en, 0)] == ["PNG", "London"]


def test_a_name_a_chinese_sentence_keeps_in_latin_letters_is_projected():
    en_sentences = [
        "The storm reached Galveston on Monday, 12 June.",
        "The Warriors beat the Clan 24-17 in Glasgow on Saturday.",
        "Officials in Houston said 240 homes were damaged.",
    ]
    zh_sentences = [
        "风暴于6月12日星期一抵达加尔维斯顿。",
        "周六，Warriors 在格拉斯哥以24比17击败了Clan。",
        "休斯敦官员说，有240所房屋受损。",
    ]
    en = make_doc(
        "en.txt", "en", en_sentences, {"Galveston": "LOC", "Warriors": "ORG", "Houston": "LOC"}
    )
    # The Chinese tagger found the places, not the club written in Latin letters.
    zh = make_doc("zh.txt", "zh", zh_sentences, {"加尔维斯顿": "LOC", "休斯敦": "LOC"})
    added = project_names([en, zh])
    assert [(m.text, m.label, m.sentence) for m in added[zh.doc_id]] == [("Warriors", "ORG", 1)]
    docs = with_mentions([en, zh], added)
    records, mention_entity = entity_records(docs)
    ours = next(i for i, m in enumerate(docs[1].mentions) if m.text == "Warriors")
    theirs = next(i for i, m in enumerate(en.mentions) if m.text == "Warriors")
    assert mention_entity[(zh.doc_id, ours)] == mention_entity[(en.doc_id, theirs)]


def test_a_name_glossed_in_parentheses_is_tagged_where_the_tagger_found_only_its_gloss():
    lv = make_doc(
        "lv.txt",
        "lv",
        [
            "Ātri tika galā ar Serhio Garsija (Sergio Garcia), kurš spēlēja labi.",
            "Liecību sniedza Kristīnes Bleisijas Fordas (Christine Blasey Ford) advokāts.",
            "Viņš dzīvo Bostonā (Masačūsetsā) jau gadu.",
            "Brīdinājumu izsludināja Nacionālais Meteoroloģiskais dienests (National Weather"
            " Service) vakar.",
        ],
        {
            "Sergio Garcia": "PER",
            "Kristīnes Bleisijas Fordas": "PER",
            "Masačūsetsā": "LOC",
            "National Weather Service": "ORG",
        },
    )
    added = glossed_names([lv])[lv.doc_id]
    assert [(m.text, m.label, m.source) for m in added] == [
        ("Serhio Garsija", "PER", "projection"),
        ("Christine Blasey Ford", "PER", "projection"),
        ("Nacionālais Meteoroloģiskais dienests", "ORG", "projection"),  # translated, word for word
    ]  # not Bostonā: a town glossed with its state is no spelling of it
    assert added[1].lemma == "Christine Blasey Ford"  # Latvian mentions are lemmatized


def test_a_chinese_name_before_its_latin_gloss_is_tagged_by_its_best_ending():
    zh = make_doc(
        "zh.txt",
        "zh",
        [
            "在新政策發表的前幾個星期，強生 (Boris Johnson) 提出了減免印花稅。",
            "他超越了第四名的基米·莱科宁(Kimi Raikkonen)。",
            "這名前锋在巴吞鲁日(Baton Rouge)长大。",
        ],
        {"Boris Johnson": "PER", "Kimi Raikkonen": "PER", "Baton Rouge": "LOC"},
    )
    added = glossed_names([zh])[zh.doc_id]
    # the surname alone (Chinese news writes it so), the whole transcribed name, the place's
    # name without the preposition before it
    assert [(m.text, m.label) for m in added] == [
        ("強生", "PER"),
        ("基米·莱科宁", "PER"),
        ("巴吞鲁日", "LOC"),
    ]


def test_a_translation_at_the_start_of_a_sentence_is_projected_with_its_lower_case_words():
    """``Baltā nama pārstāvis …``: the sentence start capitalizes ``Baltā`` anyway, so the word
    alone is no candidate, but with the lower-case words after it, it is one for a translation
    (the White House)."""
    en_lines = [*EN[:2], "A White House spokesman declined to comment on Monday.", *EN[3:]]
    lv_lines = [*LV[:2], "Baltā nama pārstāvis pirmdien nevēlējās komentēt.", *LV[3:]]
    en = make_doc("en.txt", "en", en_lines, {**EN_NAMES, "White House": "ORG"})
    lv = make_doc("lv.txt", "lv", lv_lines, LV_NAMES)
    assert "Baltā" not in [c.text for c in candidates(lv, 2)]
    assert "Baltā nama" in [c.text for c in candidates(lv, 2) if c.lower_tail]
    added = project_names([en, lv])
    assert [(m.text, m.label) for m in added[lv.doc_id] if m.sentence == 2] == [
        ("Baltā nama", "ORG")
    ]


def test_a_name_inside_a_title_case_headline_is_projected_alone():
    """A headline writes every word capitalized: the run ``Tent Camp on the Texas Border`` says
    nothing of where a name ends, so its shorter runs are candidates too, and the scorer picks
    ``Texas`` for the Latvian ``Teksasas``."""
    en_lines = [
        "Hundreds of Migrant Children Quietly Moved to a Tent Camp on the Texas Border",
        "The children were moved to a camp near the border at night.",
        *EN[2:],
    ]
    lv_lines = [
        "Simtiem migrantu bērnu klusi pārvietoti uz telšu nometni pie Teksasas robežas",
        "Bērni naktī tika pārvietoti uz nometni pie robežas.",
        *LV[2:],
    ]
    en = make_doc("en.txt", "en", en_lines, EN_NAMES)
    lv = make_doc("lv.txt", "lv", lv_lines, {**LV_NAMES, "Teksasas": "LOC"})
    assert "Texas" not in [c.text for c in candidates(en, 0)]
    assert "Texas" in [c.text for c in candidates(en, 0, headline=True)]
    assert "the Texas" not in [c.text for c in candidates(en, 0, headline=True)]
    added = project_names([en, lv])
    assert [(m.text, m.label) for m in added[en.doc_id] if m.sentence == 0] == [("Texas", "LOC")]


def test_a_latvian_candidate_is_also_scored_by_its_lemma():
    """``Jeilā`` (at Yale, the locative) reads less like ``Yale`` to the scorer than its lemma
    ``Jeila`` does: the better of the two counts."""
    en_lines = [*EN[:2], "He studied law at Yale in the 1980s.", *EN[3:]]
    lv_lines = [*LV[:2], "Viņš astoņdesmitajos gados studēja tiesības Jeilā.", *LV[3:]]
    en = make_doc("en.txt", "en", en_lines, {**EN_NAMES, "Yale": "ORG"})
    lv = make_doc("lv.txt", "lv", lv_lines, LV_NAMES)
    added = project_names([en, lv])
    assert [(m.text, m.label) for m in added[lv.doc_id] if m.sentence == 2] == [("Jeilā", "ORG")]
