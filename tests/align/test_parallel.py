"""Translated documents: sentence alignment without embeddings, and names joined by elimination
in aligned sentences (real scorer and knowledge data)."""

from pipeline.align import parallel
from pipeline.align.cluster import entity_records
from pipeline.align.config import AlignConfig

from ..helpers.documents import make_doc

EN = [
    "The storm reached Galveston on Monday, 12 June.",
    "Officials from the White House said 240 homes were damaged.",
    "Coastal Watch opened four shelters in Houston.",
    "Governor Greg Abbott visited Galveston on Tuesday.",
    "He said 3,500 people had left the island.",
    "Schools in Houston stay closed until 19 June.",
    "Coastal Watch asked for 50 volunteers.",
]
ZH = [
    "风暴于6月12日星期一抵达加尔维斯顿。",
    "白宫官员说，有240所房屋受损。",
    "海岸守望在休斯敦开设了四个避难所。",
    "州长格雷格·阿博特星期二视察了加尔维斯顿。",
    "他说，已有3500人离开该岛。",
    "休斯敦的学校将停课至6月19日。",
    "海岸守望呼吁50名志愿者加入。",
]
EN_NAMES = {
    "Galveston": "LOC", "White House": "ORG", "Coastal Watch": "ORG", "Houston": "LOC",
    "Greg Abbott": "PER",
}  # fmt: skip
ZH_NAMES = {
    "加尔维斯顿": "LOC", "白宫": "ORG", "海岸守望": "ORG", "休斯敦": "LOC", "格雷格·阿博特": "PER"
}  # fmt: skip


def entity_of(docs, records, mention_entity, doc, surface):
    index = next(i for i, m in enumerate(doc.mentions) if m.text == surface)
    return next(r for r in records if r["id"] == mention_entity[(doc.doc_id, index)])


def test_translated_names_join_by_their_aligned_sentences():
    en = make_doc("en.txt", "en", EN, EN_NAMES)
    zh = make_doc("zh.txt", "zh", ZH, ZH_NAMES)
    docs = [en, zh]
    records, mention_entity = entity_records(docs)
    white_house = entity_of(docs, records, mention_entity, en, "White House")
    assert entity_of(docs, records, mention_entity, zh, "白宫")["id"] == white_house["id"]
    watch = entity_of(docs, records, mention_entity, en, "Coastal Watch")
    assert entity_of(docs, records, mention_entity, zh, "海岸守望")["id"] == watch["id"]
    # Two aligned sentence pairs propose the pair; the names share no sound or dictionary entry.
    assert [e["rule"] for e in watch["evidence"]] == ["parallel"]
    assert watch["evidence"][0]["signals"]["sentences"] == 2
    assert watch["id"] != white_house["id"]


def test_documents_on_one_topic_that_do_not_translate_each_other_are_not_aligned():
    en = make_doc("en.txt", "en", EN, EN_NAMES)
    # The same names, in another order and other sentences: an article on the same storm.
    zh = make_doc("zh.txt", "zh", [ZH[3], ZH[5], ZH[0], ZH[6], ZH[2], ZH[4], ZH[1]], ZH_NAMES)
    # The strongest anchors: every name already linked to its translation.
    linked = {name: k for k, name in enumerate(EN_NAMES)}
    linked |= dict(zip(ZH_NAMES, linked.values(), strict=True))

    def roots(docs):
        return lambda d, i: linked.get(docs[d].mentions[i].text)

    assert parallel.translated_sentence_pairs([en, zh], roots([en, zh])) == []
    translation = [en, make_doc("z.txt", "zh", ZH, ZH_NAMES)]
    aligned = parallel.translated_sentence_pairs(translation, roots(translation))
    assert [(p.a[1], p.b[1]) for p in aligned] == [(i, i) for i in range(len(EN))]


def test_a_name_the_other_side_did_not_tag_is_not_paired_with_a_different_name():
    en = make_doc("en.txt", "en", EN, EN_NAMES)
    # The Chinese tagger missed 白宫 in sentence 2 but tagged an unrelated organization there.
    zh_names = {k: v for k, v in ZH_NAMES.items() if k != "白宫"} | {"官员": "ORG"}
    zh = make_doc("zh.txt", "zh", ZH, zh_names)
    docs = [en, zh]
    records, mention_entity = entity_records(docs)
    white_house = entity_of(docs, records, mention_entity, en, "White House")
    assert entity_of(docs, records, mention_entity, zh, "官员")["id"] != white_house["id"]


def test_several_names_left_in_a_sentence_pair_up_by_their_translated_parts():
    en_sentences = [*EN]
    zh_sentences = [*ZH]
    # Sentence 2 names two organizations on each side that nothing else accounts for.
    en_sentences[2] = "Coastal Watch and the Senate Judiciary Committee opened four shelters."
    zh_sentences[2] = "海岸守望和参议院司法委员会开设了四个避难所。"
    en_sentences[6] = "Officials asked for 50 volunteers."
    zh_sentences[6] = "官员呼吁50名志愿者加入。"
    en_names = EN_NAMES | {"Senate Judiciary Committee": "ORG"}
    zh_names = ZH_NAMES | {"参议院司法委员会": "ORG"}
    en = make_doc("en.txt", "en", en_sentences, en_names)
    zh = make_doc("zh.txt", "zh", zh_sentences, zh_names)
    docs = [en, zh]
    records, mention_entity = entity_records(docs)
    committee = entity_of(docs, records, mention_entity, en, "Senate Judiciary Committee")
    assert entity_of(docs, records, mention_entity, zh, "参议院司法委员会")["id"] == committee["id"]
    assert any(e["rule"] == "parallel" for e in committee["evidence"])
    watch = entity_of(docs, records, mention_entity, en, "Coastal Watch")
    assert watch["id"] != committee["id"]


def _linker(changed: dict[int, tuple[str, str]], en_names: dict, zh_names: dict):
    """``same(config, en_name, zh_name)``: whether the two names are one entity in the storm
    report with sentences ``changed`` (index → English, Chinese) and these names added."""
    en_sentences, zh_sentences = [*EN], [*ZH]
    for i, (en_text, zh_text) in changed.items():
        en_sentences[i], zh_sentences[i] = en_text, zh_text

    def same(config: AlignConfig, a: str, b: str) -> bool:
        en = make_doc("en.txt", "en", en_sentences, EN_NAMES | en_names)
        zh = make_doc("zh.txt", "zh", zh_sentences, ZH_NAMES | zh_names)
        docs = [en, zh]
        records, mention_entity = entity_records(docs, config)
        return (
            entity_of(docs, records, mention_entity, en, a)["id"]
            == entity_of(docs, records, mention_entity, zh, b)["id"]
        )

    return same


def test_several_names_left_in_a_sentence_pair_up_by_their_meaning():
    """Names no dictionary here translates word for word pair up where each is the other's
    nearest in the multilingual encoder's reading, by a margin."""
    same = _linker(
        {
            2: (
                "Coastal Watch and Team USA opened four shelters.",
                "海岸守望和美國隊开设了四个避难所。",
            ),
            6: ("Officials asked for 50 volunteers.", "官员呼吁50名志愿者加入。"),
        },
        {"Team USA": "ORG"},
        {"美國隊": "ORG"},
    )
    config = AlignConfig()
    assert same(config, "Team USA", "美國隊")
    assert same(config, "Coastal Watch", "海岸守望")
    assert not same(config, "Coastal Watch", "美國隊")
    literal = AlignConfig(parallel_meaning_nearest=2.0, parallel_meaning_min=2.0)
    assert not same(literal, "Team USA", "美國隊")


def test_several_names_left_in_a_sentence_pair_up_by_their_sound():
    # Sentence 4 names two people on each side that nothing else accounts for; one-syllable
    # surnames are too short for the transcription scorer's own bar.
    same = _linker(
        {
            4: (
                "Mr. Wu and Mr. Yuan said 3,500 people had left the island.",
                "吴先生和袁先生说，已有3500人离开该岛。",
            )
        },
        {"Wu": "PER", "Yuan": "PER"},
        {"吴": "PER", "袁": "PER"},
    )
    config = AlignConfig()
    assert same(config, "Wu", "吴") and same(config, "Yuan", "袁")
    assert not same(config, "Wu", "袁")
    deaf = AlignConfig(parallel_sound_min=2.0)  # no cosine reaches it
    assert not same(deaf, "Wu", "吴")


def test_loose_translations_need_every_part_on_both_sides():
    from pipeline.align.lexicon import loose_translation

    assert loose_translation("Senate Judiciary Committee", "en", "參議院司法委員會", "zh")
    assert loose_translation("Supreme Court", "en", "最高法院", "zh")
    assert not loose_translation("Senate", "en", "參議院司法委員會", "zh")  # a part left over
    assert not loose_translation("Judiciary Committee", "en", "参议院", "zh")
    assert not loose_translation("Coastal Watch", "en", "最高法院", "zh")
    # A dictionary glosses a word by a shorter form: 安全网 "safety net" / "Safety Network".
    assert loose_translation("Food Safety Network", "en", "食品安全网", "zh")
    assert not loose_translation("Food Safety Network", "en", "食品安全", "zh")


def test_a_dictionary_word_meets_the_other_name_by_any_of_its_senses():
    from pipeline.align.lexicon import gloss_words, loose_translation

    # 国家 is "country; nation; state": the second sense meets "National".
    assert {"count", "natio", "state"} <= gloss_words("国家博物馆", "zh")[0]
    assert loose_translation("National Museum", "en", "国家博物馆", "zh")
    assert loose_translation("National Earthquake Center", "en", "国家地震中心", "zh")
    # 联合 is "to combine / to join / unite": the verb meets "Joint".
    assert loose_translation("Joint Command", "en", "联合指挥部", "zh")
    assert not loose_translation("Joint Museum", "en", "国家博物馆", "zh")
    assert not loose_translation("National Earthquake Center", "en", "国家博物馆", "zh")


def test_a_name_pair_that_translates_outweighs_a_rival_left_over_by_elimination():
    en_sentences, zh_sentences = [*EN], [*ZH]
    en_sentences[4] = "The National Earthquake Center stands in Brazil."
    zh_sentences[4] = "该中心位于巴西。"  # the tagger's only name here is the country
    en_sentences[6] = "The National Earthquake Center asked for 50 volunteers."
    zh_sentences[6] = "国家地震中心呼吁50名志愿者加入。"
    center = {"National Earthquake Center": "ORG"}
    en = make_doc("en.txt", "en", en_sentences, EN_NAMES | center)
    zh = make_doc("zh.txt", "zh", zh_sentences, ZH_NAMES | {"国家地震中心": "ORG", "巴西": "LOC"})
    docs = [en, zh]
    records, mention_entity = entity_records(docs)
    record = entity_of(docs, records, mention_entity, en, "National Earthquake Center")
    # One sentence pair each proposes 国家地震中心 and 巴西; only the first translates the name.
    assert entity_of(docs, records, mention_entity, zh, "国家地震中心")["id"] == record["id"]
    assert entity_of(docs, records, mention_entity, zh, "巴西")["id"] != record["id"]
    assert [e["rule"] for e in record["evidence"]] == ["parallel"]


def test_one_word_names_translate_each_other_only_where_aligned_sentences_pair_names():
    from pipeline.align.lexicon import loose_translation

    assert not loose_translation("Senate", "en", "参议院", "zh")  # pivot keys' business
    assert loose_translation("Senate", "en", "参议院", "zh", single_words=True)
    assert not loose_translation("Senate", "en", "最高法院", "zh", single_words=True)


def test_two_one_word_names_left_in_a_sentence_pair_up_by_their_glosses():
    en_sentences = [*EN]
    zh_sentences = [*ZH]
    en_sentences[2] = "Coastal Watch and the Senate opened four shelters."
    zh_sentences[2] = "海岸守望和参议院开设了四个避难所。"
    en_sentences[6] = "Officials asked for 50 volunteers."
    zh_sentences[6] = "官员呼吁50名志愿者加入。"
    en = make_doc("en.txt", "en", en_sentences, EN_NAMES | {"Senate": "ORG"})
    zh = make_doc("zh.txt", "zh", zh_sentences, ZH_NAMES | {"参议院": "ORG"})
    docs = [en, zh]
    records, mention_entity = entity_records(docs)
    senate = entity_of(docs, records, mention_entity, en, "Senate")
    assert entity_of(docs, records, mention_entity, zh, "参议院")["id"] == senate["id"]
    assert entity_of(docs, records, mention_entity, zh, "海岸守望")["id"] != senate["id"]


LV_EN = [
    "The storm reached Galveston on Monday.",
    "Officials in Houston said 240 homes were damaged.",
    "Many families left for San Diego by car.",
    "Schools in Houston stay closed.",
]
LV = [
    "Vētra pirmdien sasniedza Galvestonu.",
    "Amatpersonas Hjūstonā sacīja, ka bojātas 240 mājas.",
    "Daudzas ģimenes ar auto devās uz Sandjego.",
    "Skolas Hjūstonā paliek slēgtas.",
]


def _san_diego(lv_names: dict[str, str]) -> tuple[dict, dict]:
    en = make_doc("en.txt", "en", LV_EN, {"Galveston": "LOC", "Houston": "LOC", "San Diego": "LOC"})
    lv = make_doc("lv.txt", "lv", LV, lv_names)
    docs = [en, lv]
    # The one-word reading of San Diego (``Sandjego``) off: the sentence pairs alone decide.
    records, mention_entity = entity_records(docs, AlignConfig(one_word_min=1.01))
    return (
        entity_of(docs, records, mention_entity, en, "San Diego"),
        entity_of(docs, records, mention_entity, lv, "Sandjego"),
    )


def test_the_one_name_each_side_leaves_pairs_up_though_the_taggers_typed_it_differently():
    lv_names = {"Galvestonu": "LOC", "Hjūstonā": "LOC"}
    # The Latvian tagger read the transliterated city as a person.
    en_city, lv_city = _san_diego(lv_names | {"Sandjego": "PER"})
    assert lv_city["id"] == en_city["id"]
    assert any(e["rule"] == "parallel" for e in en_city["evidence"])
    assert en_city["label"] == "LOC"
    # With a second name left on the Latvian side, nothing says which one translates San Diego.
    en_city, lv_city = _san_diego(lv_names | {"Sandjego": "PER", "Daudzas": "PER"})
    assert lv_city["id"] != en_city["id"]


def test_a_translation_that_cuts_sentences_in_two_is_still_aligned():
    from pipeline.align.cluster import cluster_mentions, root_lookup
    from pipeline.align.config import AlignConfig

    # The Chinese segmenter cut two sentences in two: 2-1 beads, the rest 1-1.
    zh_sentences = [
        ZH[0], "白宫官员说。", "有240所房屋受损。", ZH[2], ZH[3], "他在那里待了一天。", ZH[4],
        ZH[5], ZH[6],
    ]  # fmt: skip
    en = make_doc("en.txt", "en", EN, EN_NAMES)
    zh = make_doc("zh.txt", "zh", zh_sentences, ZH_NAMES)
    groups, clusters = cluster_mentions([en, zh], AlignConfig())
    pairs = parallel.translated_sentence_pairs([en, zh], root_lookup(groups, clusters))
    one_to_one = {(p.a[1], p.b[1]) for p in pairs}
    assert {(0, 0), (2, 3), (5, 7), (6, 8)} <= one_to_one
    assert all(j != 1 and j != 2 for _, j in one_to_one)  # the cut sentence pairs with no one


# A translation with few names: only two sentences share a linked name.
FEW_EN = [
    "The storm reached Galveston before dawn.",
    "Trees fell across the main road and power lines went down.",
    "Many families spent the night in a school gym.",
    "Volunteers brought blankets, water and hot soup.",
    "By noon the wind had moved on towards Houston.",
    "Engineers began to inspect the old bridge.",
    "Shops stayed closed for the rest of the week.",
    "The mayor thanked everyone who had helped their neighbours.",
]
FEW_LV = [
    "Vētra pirms rītausmas sasniedza Galvestonu.",
    "Koki nogāzās pāri galvenajam ceļam, un elektrolīnijas tika sarautas.",
    "Daudzas ģimenes pavadīja nakti skolas sporta zālē.",
    "Brīvprātīgie atnesa segas, ūdeni un karstu zupu.",
    "Līdz pusdienlaikam vējš bija aizgājis Hjūstonas virzienā.",
    "Inženieri sāka pārbaudīt veco tiltu.",
    "Veikali palika slēgti visu atlikušo nedēļu.",
    "Mērs pateicās visiem, kas bija palīdzējuši saviem kaimiņiem.",
]
# Another Latvian article that names the same two cities at the same places.
OTHER_LV = [
    "Galvestonas futbola komanda svētdien uzvarēja savā laukumā.",
    "Treneris pēc spēles slavēja jauno vārtsargu.",
    "Biļetes uz nākamo maču jau ir izpārdotas.",
    "Klubs plāno paplašināt stadionu līdz nākamajai sezonai.",
    "Nākamais pretinieks būs komanda no Hjūstonas.",
    "Fani cer, ka sezona beigsies ar kausu.",
    "Jaunais sponsors apsolīja jaunas formas.",
    "Spēle tiks translēta vietējā televīzijā.",
]


def _few_anchor_pairs(lv_sentences: list[str]) -> list[parallel.SentencePair]:
    en = make_doc("en.txt", "en", FEW_EN, {"Galveston": "LOC", "Houston": "LOC"})
    lv_names = {"Galvestonu": "LOC", "Hjūstonas": "LOC", "Galvestonas": "LOC"}
    lv = make_doc("lv.txt", "lv", lv_sentences, lv_names)
    linked = {"Galveston": 0, "Galvestonu": 0, "Galvestonas": 0, "Houston": 1, "Hjūstonas": 1}
    docs = [en, lv]
    return parallel.translated_sentence_pairs(
        docs, lambda d, i: linked.get(docs[d].mentions[i].text)
    )


def test_a_translation_with_few_names_is_recognized_by_its_sentence_embeddings():
    pairs = _few_anchor_pairs(FEW_LV)
    assert [(p.a[1], p.b[1]) for p in pairs] == [(i, i) for i in range(len(FEW_EN))]


def test_a_translation_whose_names_are_not_linked_yet_is_recognized_by_numbers_and_embeddings():
    """A short report whose places no knowledge links (a small town, its street) shares only its
    numbers with its translation: two of them at the same places, and sentences that say the
    same thing, make it a translation, so that the names can then be paired."""
    en_sentences = [
        "A man was shot several times with an air gun.",
        "The victim, in his 40s, was hit in the chest, stomach and hands.",
        "Police said the shooting at about 02:30 was a random act.",
        "The victim did not see his attacker.",
        "His injuries are not life-threatening and police have appealed for witnesses.",
    ]
    zh_sentences = [
        "一名男子被气枪击中多次。",
        "受害者40多岁，胸部、腹部和手部中弹。",
        "警方称这起发生在02:30左右的枪击事件是随机行为。",
        "受害者没有看到袭击他的人。",
        "他目前没有生命危险，警方已经在寻找目击证人。",
    ]
    en = make_doc("en.txt", "en", en_sentences, {})
    zh = make_doc("zh.txt", "zh", zh_sentences, {})
    pairs = parallel.translated_sentence_pairs([en, zh], lambda d, i: None)
    assert [(p.a[1], p.b[1]) for p in pairs] == [(i, i) for i in range(len(en_sentences))]


def test_an_article_sharing_a_few_names_in_place_is_not_a_translation():
    # The two cities are rare anchors, aligned in place: the anchors alone would be weak
    # evidence, and the sentences say different things.
    assert _few_anchor_pairs(OTHER_LV) == []


def test_a_name_paired_in_one_round_leaves_the_other_name_of_its_sentences_alone():
    from pipeline.align.config import AlignConfig

    en_sentences, zh_sentences = [*EN], [*ZH]
    # Sentences 2 and 5 name two organizations on each side (nothing says which is which);
    # sentences 4 and 6 name Coastal Watch alone. Once it is paired, the other one is left.
    en_sentences[2] = "Coastal Watch and the Bayview Trust opened four shelters in Houston."
    zh_sentences[2] = "海岸守望和港湾信托基金会在休斯敦开设了四个避难所。"
    en_sentences[4] = "He said Coastal Watch had 3,500 beds."
    zh_sentences[4] = "他说，海岸守望有3500张床位。"
    en_sentences[5] = "Schools in Houston stay closed, the Bayview Trust and Coastal Watch said."
    zh_sentences[5] = "港湾信托基金会和海岸守望说，休斯敦的学校将停课。"
    en_names = EN_NAMES | {"Bayview Trust": "ORG"}
    zh_names = ZH_NAMES | {"港湾信托基金会": "ORG"}

    def joined(rounds: int) -> bool:
        en = make_doc("en.txt", "en", en_sentences, en_names)
        zh = make_doc("zh.txt", "zh", zh_sentences, zh_names)
        docs = [en, zh]
        records, mention_entity = entity_records(docs, AlignConfig(parallel_rounds=rounds))
        trust = entity_of(docs, records, mention_entity, en, "Bayview Trust")
        return entity_of(docs, records, mention_entity, zh, "港湾信托基金会")["id"] == trust["id"]

    assert not joined(rounds=1)
    assert joined(rounds=AlignConfig().parallel_rounds)


def test_several_aligned_sentences_outweigh_two_taggers_typing_a_name_differently():
    en_sentences = [
        "Brett Kavanaugh was sworn in on Saturday, 6 October.",
        "Kavanaugh met senators for 45 minutes.",
        "Kavanaugh told the committee he would be fair.",
        "Senators voted 50 to 48.",
        "Kavanaugh thanked his family after 2 hours.",
        "The court will meet again on 12 October.",
    ]
    zh_sentences = [
        "Brett Kavanaugh于10月6日星期六宣誓就职。",
        "卡瓦诺与参议员会面45分钟。",
        "卡瓦诺告诉委员会，他会公正。",
        "参议员以50比48投票。",
        "2小时后，卡瓦诺感谢了他的家人。",
        "法院将于10月12日再次开会。",
    ]
    en = make_doc("en.txt", "en", en_sentences, {"Brett Kavanaugh": "PER", "Kavanaugh": "PER"})
    # The Chinese tagger read the transliterated surname as a place three times.
    zh = make_doc("zh.txt", "zh", zh_sentences, {"Brett Kavanaugh": "PER", "卡瓦诺": "LOC"})
    docs = [en, zh]
    records, mention_entity = entity_records(docs)
    judge = entity_of(docs, records, mention_entity, en, "Kavanaugh")
    assert entity_of(docs, records, mention_entity, zh, "卡瓦诺")["id"] == judge["id"]
    parallel_merges = [e for e in judge["evidence"] if e["rule"] == "parallel"]
    assert parallel_merges and parallel_merges[0]["signals"]["sentences"] >= 2


TRUMP_EN = [
    "Donald Trump arrived in Manila on Sunday, 12 November.",
    "Trump met President Rodrigo Duterte for 40 minutes.",
    "The Trump administration signed 3 agreements with Manila.",
    "Trump told reporters the talks were good.",
    "Duterte thanked Trump after 2 hours.",
    "Trump leaves for Hanoi on 14 November.",
]
# A Taiwanese translation: Trump is 川普 there, 特朗普 in mainland texts.
TRUMP_ZH = [
    "川普于11月12日星期日抵达马尼拉。",
    "川普与杜特尔特总统会面40分钟。",
    "川普政府与马尼拉签署了3项协议。",
    "川普告诉记者，会谈很好。",
    "2小时后，杜特尔特感谢了川普。",
    "川普将于11月14日前往河内。",
]


def test_many_aligned_sentences_join_a_second_name_of_one_language_despite_a_weak_rival():
    en = make_doc(
        "en.txt",
        "en",
        TRUMP_EN,
        {"Donald Trump": "PER", "Trump": "PER", "Manila": "LOC", "Rodrigo Duterte": "PER",
         "Duterte": "PER", "Hanoi": "LOC"},
    )  # fmt: skip
    # The Chinese tagger took "the Trump administration" for a name (one sentence proposes
    # it for Trump, five propose 川普); a mainland article names Trump 特朗普.
    zh = make_doc(
        "zh.txt",
        "zh",
        TRUMP_ZH,
        {"川普": "PER", "川普政府": "ORG", "马尼拉": "LOC", "杜特尔特": "PER", "河内": "LOC"},
    )
    mainland = make_doc(
        "mainland.txt", "zh", ["美国总统特朗普周日抵达马尼拉。"], {"特朗普": "PER", "马尼拉": "LOC"}
    )
    docs = [en, zh, mainland]
    records, mention_entity = entity_records(docs)
    trump = entity_of(docs, records, mention_entity, en, "Trump")
    assert entity_of(docs, records, mention_entity, mainland, "特朗普")["id"] == trump["id"]
    assert entity_of(docs, records, mention_entity, zh, "川普")["id"] == trump["id"]
    assert entity_of(docs, records, mention_entity, zh, "川普政府")["id"] != trump["id"]
    merge = next(e for e in trump["evidence"] if e["rule"] == "parallel")
    assert merge["signals"]["sentences"] >= 3


def test_three_aligned_sentences_join_a_name_and_its_longer_form():
    """``Roa Roa Hotel`` / ``Roa Roa``: one name is the other plus a word, which name similarity
    never takes for one thing (``Russia`` / ``Russian Empire``); three translated sentences
    naming one where the other names the other are the direct evidence it takes."""
    en_sentences = [
        "The Roa Roa Hotel collapsed on Friday, 28 September.",
        "Rescuers reached Palu after 12 hours.",
        "Some 50 guests were staying at the Roa Roa Hotel.",
        "Officials in Palu counted 384 dead.",
        "The owner of the Roa Roa Hotel said 8 staff were missing.",
    ]
    zh_sentences = [
        "9月28日星期五，Roa Roa 倒塌。",
        "救援人员在12小时后抵达帕卢。",
        "约有50名客人住在 Roa Roa。",
        "帕卢官员统计有384人死亡。",
        "Roa Roa 的老板说，有8名员工失踪。",
    ]
    en = make_doc("en.txt", "en", en_sentences, {"Roa Roa Hotel": "ORG", "Palu": "LOC"})
    zh = make_doc("zh.txt", "zh", zh_sentences, {"Roa Roa": "ORG", "帕卢": "LOC"})
    docs = [en, zh]
    records, mention_entity = entity_records(docs)
    hotel = entity_of(docs, records, mention_entity, en, "Roa Roa Hotel")
    assert entity_of(docs, records, mention_entity, zh, "Roa Roa")["id"] == hotel["id"]
    merge = next(e for e in hotel["evidence"] if e["rule"] == "parallel")
    assert merge["signals"]["sentences"] >= 3


def test_a_name_repeated_by_the_title_and_tagged_once_in_the_translation_aligns():
    # The English title and body both name Galveston; the Chinese tagger found it only in the
    # body (the title spells it 加尔维斯敦). The title's anchor cannot be honoured by any
    # alignment and must not count against the pair.
    en_text = [
        "Storm hits Galveston",
        "Officials said 240 homes were damaged.",
        "Shelters opened across the region.",
        "The storm reached Galveston on Monday.",
        "Many people had left the island.",
        "Schools stay closed until further notice.",
    ]
    zh_text = [
        "风暴袭击加尔维斯敦",
        "官员说，有240所房屋受损。",
        "该地区各地开设了避难所。",
        "风暴于星期一抵达加尔维斯顿。",
        "许多人已经离开该岛。",
        "学校将继续停课，直至另行通知。",
    ]
    en = make_doc("en.txt", "en", en_text, {"Galveston": "LOC"})
    zh = make_doc("zh.txt", "zh", zh_text, {"加尔维斯顿": "LOC"})
    linked = {"Galveston": 0, "加尔维斯顿": 0}
    docs = [en, zh]
    pairs = parallel.translated_sentence_pairs(
        docs, lambda d, i: linked.get(docs[d].mentions[i].text)
    )
    assert [(p.a[1], p.b[1]) for p in pairs] == [(i, i) for i in range(len(en_text))]


FBI_EN = [
    "The storm reached Galveston on Monday, 12 June.",
    "Officials from the White House said 240 homes were damaged.",
    "Coastal Watch opened four shelters in Houston.",
    "Governor Greg Abbott asked the FBI to visit Galveston on Tuesday.",
    "He said 3,500 people had left the island.",
    "Schools in Houston stay closed until 19 June.",
    "The FBI asked for 50 volunteers.",
]
FBI_LV = [
    "Vētra sasniedza Galvestonu pirmdien, 12. jūnijā.",
    "Baltā nama amatpersonas sacīja, ka bojātas 240 mājas.",
    "“Coastal Watch” atvēra četras patversmes Hjūstonā.",
    "Gubernators Gregs Abots lūdza FIB otrdien apmeklēt Galvestonu.",
    "Viņš sacīja, ka salu pametuši 3500 cilvēku.",
    "Skolas Hjūstonā paliek slēgtas līdz 19. jūnijam.",
    "Birojs (R-Arizona) lūdza 50 brīvprātīgos.",
]


def test_a_partner_that_sounds_alike_outweighs_an_equal_rival_that_does_not():
    """Two aligned sentence pairs each leave one organization on each side: ``FBI`` / ``FIB``
    (the Latvian acronym; the scorer hears them alike) and ``FBI`` / ``R-Arizona`` (a span the
    Latvian tagger took where it missed the bureau). Equal votes, but only one partner sounds
    like the name: it joins, the other does not."""
    en = make_doc(
        "en.txt",
        "en",
        FBI_EN,
        {**EN_NAMES, "White House": "ORG", "FBI": "ORG"},
    )
    lv = make_doc(
        "lv.txt",
        "lv",
        FBI_LV,
        {
            "Galvestonu": "LOC", "Baltā nama": "ORG", "Coastal Watch": "ORG", "Hjūstonā": "LOC",
            "Gregs Abots": "PER", "FIB": "ORG", "R-Arizona": "ORG",
        },
    )  # fmt: skip
    docs = [en, lv]
    records, mention_entity = entity_records(docs)
    fbi = entity_of(docs, records, mention_entity, en, "FBI")
    assert entity_of(docs, records, mention_entity, lv, "FIB")["id"] == fbi["id"]
    assert any(e["rule"] == "parallel" for e in fbi["evidence"])
    assert entity_of(docs, records, mention_entity, lv, "R-Arizona")["id"] != fbi["id"]


def _cut_translation(zh_second_half: str, zh_name: str) -> tuple[list, dict]:
    """EN with sentence 2 naming a second organization, and a Chinese translation that cuts
    that sentence in two (a 2-1 bead), the second organization in the second half."""
    en_sentences = [*EN]
    en_sentences[2] = "Coastal Watch opened four shelters and the Senate Judiciary Committee met."
    zh_sentences = [*ZH[:2], "海岸守望开设了四个避难所。", zh_second_half, *ZH[3:]]
    en = make_doc("en.txt", "en", en_sentences, EN_NAMES | {"Senate Judiciary Committee": "ORG"})
    zh = make_doc("zh.txt", "zh", zh_sentences, ZH_NAMES | {zh_name: "ORG"})
    docs = [en, zh]
    records, mention_entity = entity_records(docs)
    return [docs, records, mention_entity], {"en": en, "zh": zh}


def test_names_of_a_sentence_the_translation_cuts_in_two_pair_up_where_they_translate():
    (docs, records, mention_entity), d = _cut_translation(
        "参议院司法委员会召开了会议。", "参议院司法委员会"
    )
    committee = entity_of(docs, records, mention_entity, d["en"], "Senate Judiciary Committee")
    assert (
        entity_of(docs, records, mention_entity, d["zh"], "参议院司法委员会")["id"]
        == (committee["id"])
    )
    assert any(e["rule"] == "parallel" for e in committee["evidence"])


def test_names_of_a_sentence_the_translation_cuts_in_two_do_not_pair_by_elimination_alone():
    # The one organization left on each side of the bead, names that do not translate each
    # other: a 2-1 bead is paired less surely than two sentences, so no join.
    (docs, records, mention_entity), d = _cut_translation("北岸基金会召开了会议。", "北岸基金会")
    committee = entity_of(docs, records, mention_entity, d["en"], "Senate Judiciary Committee")
    assert entity_of(docs, records, mention_entity, d["zh"], "北岸基金会")["id"] != committee["id"]


def test_a_given_name_and_a_surname_of_one_language_may_both_join_the_full_name():
    """The Latvian text calls LeBron James ``Lebrons`` in one sentence and ``Džeimss`` in
    others, never by both names: the two read as two words of the English full name, so they
    are not two things one language names differently."""
    en = make_doc(
        "en.txt",
        "en",
        [
            "LeBron James makes his Lakers debut in San Diego on Sunday.",
            "Fans have waited for the first game of LeBron with the Los Angeles Lakers.",
            "Coach Luke Walton said James will play against the Denver Nuggets on Sunday.",
            "Reporter Mike Trudell wrote on Twitter that James will play limited minutes.",
            "James was asked about his plans for the six preseason games.",
        ],
        {
            "LeBron James": "PER", "Lakers": "ORG", "San Diego": "LOC", "LeBron": "PER",
            "Los Angeles Lakers": "ORG", "Luke Walton": "PER", "James": "PER",
            "Denver Nuggets": "ORG", "Mike Trudell": "PER", "Twitter": "ORG",
        },
    )  # fmt: skip
    lv = make_doc(
        "lv.txt",
        "lv",
        [
            "Lebrons debitēs Lakers sastāvā svētdien Sandjego.",
            "Fani sagaidījuši Lebrona pirmo spēli Losandželosas Lakers sastāvā.",
            "Treneris Lūks Voltons paziņoja, ka Džeimss spēlēs svētdien pret Denveras Nuggets.",
            "Reportieris Maiks Trudels vietnē Twitter ierakstīja, ka Džeimss spēlēs maz minūšu.",
            "Džeimsam jautāja par viņa plāniem sešām pirmssezonas spēlēm.",
        ],
        {
            "Lebrons": "PER", "Lakers": "ORG", "Sandjego": "LOC", "Lebrona": "PER",
            "Losandželosas Lakers": "ORG", "Lūks Voltons": "PER", "Džeimss": "PER",
            "Denveras Nuggets": "ORG", "Maiks Trudels": "PER", "Twitter": "ORG",
            "Džeimsam": "PER",
        },
    )  # fmt: skip
    docs = [en, lv]
    records, mention_entity = entity_records(docs)
    james = entity_of(docs, records, mention_entity, en, "LeBron James")["id"]
    assert entity_of(docs, records, mention_entity, lv, "Lebrons")["id"] == james
    assert entity_of(docs, records, mention_entity, lv, "Džeimss")["id"] == james
    assert entity_of(docs, records, mention_entity, lv, "Lūks Voltons")["id"] != james


PALIN_EN = [
    "Track Palin was arrested in Wasilla on Saturday.",
    "His mother Sarah Palin called the police.",
    "Palin appeared in court in Anchorage on Monday.",
    "Palin faces three charges, the court said.",
    "Palin was charged in Juneau before.",
    "Palin has pleaded not guilty, said the lawyer.",
]
PALIN_LV = [
    "Treks Peilins sestdien tika arestēts Vasilā.",
    "Viņa māte Sāra Peilina izsauca policiju.",
    "Peilins pirmdien ieradās tiesā Ankoridžā.",
    "Peilinam izvirzītas trīs apsūdzības, sacīja tiesa.",
    "Peilinu jau agrāk apsūdzēja Džuno.",
    "Peilins neatzina vainu, sacīja advokāts.",
]
PALIN_ZH = [
    "雀克‧裴琳 (Track Palin) 星期六在瓦西拉被捕。",
    "他的母亲莎拉‧裴琳报了警。",
    "雀克‧裴琳星期一在安克雷奇出庭。",
    "法院说，雀克‧裴琳面临三项指控。",
    "雀克‧裴琳以前曾在朱诺被起诉。",
    "律师说，雀克‧裴琳不认罪。",
]


def test_three_names_each_pair_of_them_proposed_by_the_same_sentences_are_one_entity():
    """A person named in full once and by the surname after (``Palin``, ``Peilins``) beside a
    translation that writes the full name every time (``雀克‧裴琳``, glossed ``Track Palin`` once):
    the surname of two persons of the text is ambiguous to name similarity, but the same four
    translated sentences propose each pair of the three. Each partner of a name is then no rival
    of the other: one entity."""
    en = make_doc(
        "en.txt", "en", PALIN_EN,
        {"Track Palin": "PER", "Sarah Palin": "PER", "Palin": "PER", "Wasilla": "LOC",
         "Anchorage": "LOC", "Juneau": "LOC"},
    )  # fmt: skip
    lv = make_doc(
        "lv.txt", "lv", PALIN_LV,
        {"Treks Peilins": "PER", "Sāra Peilina": "PER", "Peilins": "PER", "Peilinam": "PER",
         "Peilinu": "PER", "Vasilā": "LOC", "Ankoridžā": "LOC", "Džuno": "LOC"},
    )  # fmt: skip
    zh = make_doc(
        "zh.txt", "zh", PALIN_ZH,
        {"雀克‧裴琳": "PER", "Track Palin": "PER", "莎拉‧裴琳": "PER", "瓦西拉": "LOC",
         "安克雷奇": "LOC", "朱诺": "LOC"},
    )  # fmt: skip
    docs = [en, lv, zh]
    records, mention_entity = entity_records(docs)
    track = entity_of(docs, records, mention_entity, en, "Track Palin")
    assert entity_of(docs, records, mention_entity, zh, "雀克‧裴琳")["id"] == track["id"]
    assert entity_of(docs, records, mention_entity, en, "Palin")["id"] == track["id"]
    assert entity_of(docs, records, mention_entity, lv, "Peilins")["id"] == track["id"]
    assert entity_of(docs, records, mention_entity, en, "Sarah Palin")["id"] != track["id"]


def test_aligned_sentences_do_not_join_a_longer_name_of_one_language_to_a_shorter_one():
    """Two translated sentences name ``Toyota`` where the Chinese names ``豐田 Burnaston 車廠``
    (Toyota's Burnaston plant), whose entity already holds ``豐田``: a name of the cluster plus
    words is another thing unless three sentences or more say otherwise."""
    en_lines = [
        "Toyota builds cars in Derbyshire.",
        "Toyota said on Monday it would cut jobs.",
        "Toyota employs 3,000 people, officials said.",
        "The union met in Derby on Tuesday.",
    ]
    zh_lines = [
        "豐田在德比郡製造汽車。",
        "豐田 Burnaston 車廠星期一表示將裁員。",
        "官員說，豐田 Burnaston 車廠僱用3000人。",
        "工會星期二在德比開會。",
    ]
    en = make_doc("en.txt", "en", en_lines, {"Toyota": "ORG", "Derbyshire": "LOC", "Derby": "LOC"})
    zh = make_doc(
        "zh.txt", "zh", zh_lines,
        {"豐田": "ORG", "豐田 Burnaston 車廠": "ORG", "德比郡": "LOC", "德比": "LOC"},
    )  # fmt: skip
    docs = [en, zh]
    records, mention_entity = entity_records(docs)
    toyota = entity_of(docs, records, mention_entity, en, "Toyota")
    assert entity_of(docs, records, mention_entity, zh, "豐田")["id"] == toyota["id"]
    assert entity_of(docs, records, mention_entity, zh, "豐田 Burnaston 車廠")["id"] != toyota["id"]
