"""Two clustering rules on hand-made documents (real scorer and knowledge data): a close
transcription outweighs one tagger's type error, and a name beside its headed form
(``蘇姆蓋特`` / ``蘇姆蓋特市``) is one name of its language."""

from pipeline.align.cluster import AlignConfig, _variant, entity_records

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
