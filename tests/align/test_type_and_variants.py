"""Clustering rules on hand-made documents (real scorer and knowledge data): types (a close
transcription outweighs one tagger's type error; knowledge types a cluster), variants within a
language (a name beside its headed form, ``蘇姆蓋特`` / ``蘇姆蓋特市``; names kept as spelled),
Latin-script names a Chinese text copies, and Chinese abbreviations by initials."""

from pipeline.align.cluster import _variant, entity_records
from pipeline.align.config import AlignConfig

from ..helpers.documents import make_doc


def entity_id(docs, mention_entity, doc, surface):
    index = next(i for i, m in enumerate(doc.mentions) if m.text == surface)
    return mention_entity[(doc.doc_id, index)]


def test_a_close_transcription_joins_across_a_type_error_of_one_tagger():
    en = make_doc(
        "en.txt",
        "en",
        ["Talks opened in Bishkek.", "Bishkek hosted the delegates.", "They left Bishkek later."],
        {"Bishkek": "LOC"},
    )
    # The Chinese tagger calls the city an organization every time.
    zh = make_doc(
        "zh.txt", "zh", ["談判在比斯凱克開始。", "比斯凱克接待了代表。", "他們後來離開了比斯凱克。"],
        {"比斯凱克": "ORG"},
    )  # fmt: skip
    docs = [en, zh]
    records, mention_entity = entity_records(docs)
    city = entity_id(docs, mention_entity, en, "Bishkek")
    assert entity_id(docs, mention_entity, zh, "比斯凱克") == city
    record = next(r for r in records if r["id"] == city)
    assert any(e.get("rule") == "scorer" for e in record["evidence"])
    # With the type constraint alone deciding (override off), they stay apart.
    strict = AlignConfig(scorer_over_type=1.01)
    _, kept_apart = entity_records(docs, strict)
    assert entity_id(docs, kept_apart, zh, "比斯凱克") != entity_id(docs, kept_apart, en, "Bishkek")


def test_a_name_and_its_headed_form_are_variants_of_one_name():
    zh = make_doc(
        "zh.txt", "zh", ["蘇姆蓋特市發生騷亂。", "蘇姆蓋特的居民逃離。", "巴庫也發生騷亂。"],
        {"蘇姆蓋特市": "LOC", "蘇姆蓋特": "LOC", "巴庫": "LOC"},
    )  # fmt: skip
    from pipeline.align.cluster import build_groups

    groups = {g.display: g for g in build_groups([zh], AlignConfig())}
    config = AlignConfig()
    assert _variant(groups["蘇姆蓋特市"], groups["蘇姆蓋特"], config)
    assert not _variant(groups["蘇姆蓋特市"], groups["巴庫"], config)


def test_names_kept_as_spelled_are_variants_only_when_spelled_alike():
    from pipeline.align.cluster import _ensure_vectors, build_groups

    en = make_doc(
        "en.txt",
        "en",
        ["Mercedes led the race.", "Police in Merseyside said so.", "Nell Scovell and Scovel."],
        {"Mercedes": "ORG", "Merseyside": "LOC", "Nell Scovell": "PER", "Scovel": "PER"},
    )
    lv = make_doc(
        "lv.txt",
        "lv",
        ["Dustin Lance Black ierodas.", "Dastins Lanss Bleks runāja."],
        {"Dustin Lance Black": "PER", "Dastins Lanss Bleks": "PER"},
    )
    config = AlignConfig()
    built = build_groups([en, lv], config)
    _ensure_vectors(built)  # the scorer's vectors, which the names stage fills in a run
    groups = {g.display: g for g in built}
    # English keeps a name as it is spelled: sounding alike makes no variant...
    assert not _variant(groups["Mercedes"], groups["Merseyside"], config)
    # ...a surname spelled nearly like the full name's last word does.
    assert _variant(groups["Scovel"], groups["Nell Scovell"], config)
    # Latvian transcribes: the original spelling and the transcription are one name.
    lv_names = [g for g in groups.values() if g.lang == "lv"]
    assert len(lv_names) == 2 and _variant(lv_names[0], lv_names[1], config)


def test_a_latin_name_in_chinese_text_joins_english_only_when_spelled_alike():
    en = make_doc(
        "en.txt",
        "en",
        ["Mercedes won in Monza.", "Mercedes led again.", "Shoppers went to Sainsbury."],
        {"Mercedes": "ORG", "Sainsbury": "ORG"},
    )
    zh = make_doc(
        "zh.txt", "zh", ["Merseyside的警方发表声明。", "顾客去了Sainsbury's。"],
        {"Merseyside": "ORG", "Sainsbury's": "ORG"},
    )  # fmt: skip
    docs = [en, zh]
    _, mention_entity = entity_records(docs)
    assert entity_id(docs, mention_entity, zh, "Merseyside") != entity_id(
        docs, mention_entity, en, "Mercedes"
    )
    assert entity_id(docs, mention_entity, zh, "Sainsbury's") == entity_id(
        docs, mention_entity, en, "Sainsbury"
    )


def test_knowledge_types_a_cluster_whose_mentions_it_mostly_holds():
    from pipeline.align.cluster import _Clusters, build_groups

    en = make_doc(
        "en.txt",
        "en",
        ["Nakhchivan lies west.", "Nakhchivan is dry.", "Nakhchivan borders Iran."],
        {"Nakhchivan": "LOC"},
    )
    lv = make_doc("lv.txt", "lv", ["Nahčivana runāja."], {"Nahčivana": "PER"})
    zh = make_doc("zh.txt", "zh", ["Nakhchivan 很乾燥。"], {"Nakhchivan": "PER"})
    config = AlignConfig()
    groups = build_groups([en, lv, zh], config)
    assert next(g for g in groups if g.lang == "en").forced == "LOC"  # a GeoNames city
    clusters = _Clusters(groups, None, config.scorer_full_name)
    root = clusters.find(groups[0].gid)
    for g in groups[1:]:
        root = clusters.union(root, clusters.find(g.gid), {"names": [], "langs": []})
    # Two taggers called it a person once each; the city's three mentions are a place.
    assert clusters.label(root) == "LOC"


def test_a_chinese_abbreviation_by_initials_joins_the_name_it_abbreviates():
    zh = make_doc(
        "zh.txt", "zh",
        ["納戈爾諾-卡拉巴赫戰爭爆發。", "納戈爾諾-卡拉巴赫位於高加索。", "納卡的居民逃離。",
         "納戈爾諾-卡拉巴赫州成立。", "巴庫也發生騷亂。"],
        {"納戈爾諾-卡拉巴赫": "LOC", "納戈爾諾-卡拉巴赫州": "LOC", "納卡": "LOC", "巴庫": "LOC"},
    )  # fmt: skip
    _, mention_entity = entity_records([zh])
    assert entity_id([zh], mention_entity, zh, "納卡") == entity_id(
        [zh], mention_entity, zh, "納戈爾諾-卡拉巴赫"
    )
    assert entity_id([zh], mention_entity, zh, "巴庫") != entity_id(
        [zh], mention_entity, zh, "納卡"
    )


def test_a_translated_chinese_name_is_not_compared_by_its_sound():
    en = make_doc(
        "en.txt",
        "en",
        ["ArmeniaNow reported the vote.", "Donald Trump spoke.", "ArmeniaNow said more."],
        {"ArmeniaNow": "LOC", "Donald Trump": "PER"},
    )
    zh = make_doc(
        "zh.txt", "zh", ["亞美尼亞共和國舉行投票。", "特朗普政府表示反對。"],
        {"亞美尼亞共和國": "LOC", "特朗普政府": "ORG"},
    )  # fmt: skip
    docs = [en, zh]
    _, mention_entity = entity_records(docs)
    # Republic of Armenia and the Trump administration are translations, not transcriptions.
    assert entity_id(docs, mention_entity, zh, "亞美尼亞共和國") != entity_id(
        docs, mention_entity, en, "ArmeniaNow"
    )
    assert entity_id(docs, mention_entity, zh, "特朗普政府") != entity_id(
        docs, mention_entity, en, "Donald Trump"
    )


def test_one_letter_more_is_a_spelling_variant_a_longer_name_is_not():
    from pipeline.align.cluster import build_groups

    lv = make_doc(
        "lv.txt",
        "lv",
        ["Masačūsetas štatā lija.", "Masačūsetsas gubernators runāja.", "Derbija un Derbišīra."],
        {"Masačūsetas": "LOC", "Masačūsetsas": "LOC", "Derbija": "LOC", "Derbišīra": "LOC"},
    )
    config = AlignConfig()
    groups = {g.display: g for g in build_groups([lv], config)}
    # two transcriptions of Massachusetts: one key is the other plus a letter
    assert _variant(groups["Masačūseta"], groups["Masačūsetsa"], config)
    assert not _variant(groups["Derbija"], groups["Derbišīrs"], config)
