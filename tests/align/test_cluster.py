"""Entity clustering on small hand-made lv/en/zh documents (real knowledge data, real encoder)."""

import pytest

from pipeline.align.cluster import entity_records
from pipeline.align.config import ALL_SIGNALS, DEFAULT_SIGNALS, AlignConfig

from ..helpers.documents import make_doc

DATES = {"1992": ("1992-01-01", "1992-12-31", "year"), "1992. gadā": ("1992-01-01", "1992-12-31", "year"), "1992年": ("1992-01-01", "1992-12-31", "year")}  # fmt: skip


def corpus():
    lv = make_doc(
        "lv.txt",
        "lv",
        [
            "1992. gadā Armēnijas spēki ieņēma Šušu, un Stepanakertā svinēja uzvaru.",
            "Azerbaidžānas prezidents Heidars Alijevs vēlāk parakstīja pamieru ar Armēniju.",
            "Alijevs tikās ar Krievijas pārstāvjiem Stepanakertas tuvumā.",
            "Viņa dēls Ilhams Alijevs kļuva par prezidentu 2003. gadā.",
        ],
        {
            "Armēnijas": "LOC", "Armēniju": "LOC", "Šušu": "LOC", "Stepanakertā": "LOC",
            "Stepanakertas": "LOC", "Azerbaidžānas": "LOC", "Heidars Alijevs": "PER",
            "Alijevs": "PER", "Krievijas": "LOC", "Ilhams Alijevs": "PER",
        },
        DATES,
    )  # fmt: skip
    en = make_doc(
        "en.txt",
        "en",
        [
            "In 1992 Armenian forces captured Shusha, and Stepanakert celebrated.",
            "Heydar Aliyev, the president of Azerbaijan, later signed a ceasefire with Armenia.",
            "His son Ilham Aliyev became president in 2003.",
        ],
        {
            "Shusha": "LOC", "Stepanakert": "LOC", "Heydar Aliyev": "PER", "Azerbaijan": "LOC",
            "Armenia": "LOC", "Ilham Aliyev": "PER",
        },
        DATES,
    )  # fmt: skip
    zh = make_doc(
        "zh.txt",
        "zh",
        [
            "1992年，亞美尼亞軍隊攻占舒沙，斯捷潘納克特的居民慶祝勝利。",
            "亞塞拜然總統蓋達爾·阿利耶夫後來與亞美尼亞簽署停火協議。",
        ],
        {
            "亞美尼亞": "LOC",
            "舒沙": "LOC",
            "斯捷潘納克特": "LOC",
            "亞塞拜然": "LOC",
            "蓋達爾·阿利耶夫": "PER",
        },
        DATES,
    )
    return [lv, en, zh]


@pytest.fixture(scope="module")
def clustered():
    docs = corpus()
    records, mention_entity = entity_records(docs)
    return docs, records, mention_entity


def entity_of(clustered, lang, surface):
    docs, records, mention_entity = clustered
    for doc in docs:
        for i, m in enumerate(doc.mentions):
            if m.lang == lang and m.text == surface:
                return next(r for r in records if r["id"] == mention_entity[(doc.doc_id, i)])
    raise AssertionError(surface)


@pytest.mark.parametrize(
    "group",
    [
        [
            ("lv", "Stepanakertā"),
            ("lv", "Stepanakertas"),
            ("en", "Stepanakert"),
            ("zh", "斯捷潘納克特"),
        ],
        [("lv", "Armēnijas"), ("lv", "Armēniju"), ("en", "Armenia"), ("zh", "亞美尼亞")],
        [("lv", "Azerbaidžānas"), ("en", "Azerbaijan"), ("zh", "亞塞拜然")],
        [("lv", "Heidars Alijevs"), ("en", "Heydar Aliyev"), ("zh", "蓋達爾·阿利耶夫")],
        [("lv", "Ilhams Alijevs"), ("en", "Ilham Aliyev")],
        [("lv", "Šušu"), ("en", "Shusha"), ("zh", "舒沙")],
    ],
)
def test_names_join_across_languages(clustered, group):
    ids = {entity_of(clustered, lang, s)["id"] for lang, s in group}
    assert len(ids) == 1


@pytest.mark.parametrize(
    "a,b",
    [
        (("en", "Armenia"), ("en", "Azerbaijan")),
        (("zh", "亞美尼亞"), ("zh", "亞塞拜然")),
        (("en", "Heydar Aliyev"), ("en", "Ilham Aliyev")),
        (("lv", "Heidars Alijevs"), ("lv", "Ilhams Alijevs")),
        (("zh", "蓋達爾·阿利耶夫"), ("en", "Ilham Aliyev")),
        (("en", "Shusha"), ("en", "Stepanakert")),
    ],
)
def test_different_things_stay_apart(clustered, a, b):
    assert entity_of(clustered, *a)["id"] != entity_of(clustered, *b)["id"]


def test_bare_surname_is_left_alone_when_two_people_share_it(clustered):
    # lv.txt names both Heidars and Ilhams Alijevs: "Alijevs" alone is ambiguous.
    bare = entity_of(clustered, "lv", "Alijevs")
    assert bare["id"] not in {
        entity_of(clustered, "lv", "Heidars Alijevs")["id"],
        entity_of(clustered, "lv", "Ilhams Alijevs")["id"],
    }


def test_records_follow_the_contract(clustered):
    _, records, mention_entity = clustered
    stepanakert = entity_of(clustered, "en", "Stepanakert")
    assert stepanakert["langs"] == ["en", "lv", "zh"]
    assert stepanakert["names"]["lv"] == ["Stepanakertas", "Stepanakertā"]
    assert stepanakert["name"] == "Stepanakert"
    assert stepanakert["label"] == "LOC"
    for r in records:
        assert r["id"].startswith("ent_") and r["type"] == "entity"
        assert set(r["langs"]) == set(r["names"])
        assert 0.0 < r["confidence"] <= 1.0
    assert all(eid in {r["id"] for r in records} for eid in mention_entity.values())


def test_every_merge_has_evidence(clustered):
    azerbaijan = entity_of(clustered, "zh", "亞塞拜然")
    assert {"cldr"} <= {s for e in azerbaijan["evidence"] for s in e["signals"]}
    aliyev = entity_of(clustered, "zh", "蓋達爾·阿利耶夫")
    cross = [e for e in aliyev["evidence"] if len(e["langs"]) == 2]
    # Transcriptions join on the learned scorer, with its cosine kept as evidence.
    assert cross and all(e["rule"] == "scorer" and e["signals"]["scorer"] >= 0.75 for e in cross)
    assert all(len(e["langs"]) >= 1 and len(e["names"]) == 2 for e in aliyev["evidence"])
    assert all(0 < e["score"] <= 1 for e in aliyev["evidence"])


def test_ids_do_not_depend_on_document_order(clustered):
    docs, records, _ = clustered
    again, _ = entity_records(list(reversed(corpus())))
    assert [r["id"] for r in again] == [r["id"] for r in records]
    assert [r["names"] for r in again] == [r["names"] for r in records]


def azerbaijan_entities(without: set[str]) -> tuple[str, str]:
    """Entity ids of the Taiwanese 亞塞拜然 and the English Azerbaijan with ``without`` off."""
    docs = corpus()
    _, mention_entity = entity_records(docs, AlignConfig(signals=frozenset(ALL_SIGNALS) - without))
    zh, en = docs[2], docs[1]
    zh_az = next(i for i, m in enumerate(zh.mentions) if m.text == "亞塞拜然")
    en_az = next(i for i, m in enumerate(en.mentions) if m.text == "Azerbaijan")
    return mention_entity[(zh.doc_id, zh_az)], mention_entity[(en.doc_id, en_az)]


def test_switching_off_knowledge_and_opencc_loses_the_regional_name():
    zh_az, en_az = azerbaijan_entities({"cldr", "geonames", "alias", "opencc", "pivot", "scorer"})
    assert zh_az != en_az


def test_the_scorer_alone_joins_the_regional_transcription():
    """Without any name knowledge or script conversion, the learned scorer still hears
    亞塞拜然 (Yàsàibàirán) as Azerbaijan."""
    zh_az, en_az = azerbaijan_entities({"cldr", "geonames", "alias", "opencc", "pivot", "context"})
    assert zh_az == en_az


def test_a_chinese_texts_latin_and_han_names_are_two_scripts_not_two_names():
    from pipeline.align.cluster import _two_scripts

    assert _two_scripts("Nakhchivan", "納希契凡")
    assert _two_scripts("納希契凡", "Nakhchivan")
    assert not _two_scripts("BBC", "BBC广播4台")  # a mixed name: another name, not a script
    assert not _two_scripts("納希契凡", "亞美尼亞")
    assert not _two_scripts("Nakhchivan", "Armenia")


def test_an_east_asian_family_name_alone_joins_the_full_name_it_begins():
    """``Kim`` names Kim Jong Un (family name first); ``Robert``, called a grandfather, is a
    relative of ``Robert Ray Black``, not him."""
    en = make_doc(
        "korea.txt",
        "en",
        [
            "Kim Jong Un met Moon Jae-in in Pyongyang on Tuesday.",
            "Kim said the talks were a success.",
            "Robert Ray Black was born in June.",
            "Robert, his grandfather, died in 2011.",
        ],
        {
            "Kim Jong Un": "PER", "Moon Jae-in": "PER", "Pyongyang": "LOC", "Kim": "PER",
            "Robert Ray Black": "PER", "Robert": "PER",
        },
    )  # fmt: skip
    records, mention_entity = entity_records([en])

    def entity(surface):
        i = next(i for i, m in enumerate(en.mentions) if m.text == surface)
        return mention_entity[(en.doc_id, i)]

    assert entity("Kim") == entity("Kim Jong Un")
    rule = next(r for r in records if r["id"] == entity("Kim"))["evidence"][0]["rule"]
    assert rule == "name_parts"
    assert entity("Robert") != entity("Robert Ray Black")


@pytest.mark.parametrize(
    ("lang", "lines", "full", "given"),
    [
        (
            "en",
            ["LeBron James signed with the Lakers.", "LeBron said he was happy."],
            "LeBron James",
            "LeBron",
        ),
        ("zh", ["勒布朗·詹姆斯加盟湖人队。", "勒布朗表示他很高兴。"], "勒布朗·詹姆斯", "勒布朗"),
        (
            "lv",
            ["Eilīda Doila uzvarēja sacensībās.", "Eilīdai bija prieks par uzvaru."],
            "Eilīda Doila",
            "Eilīdai",
        ),
    ],
)
def test_a_given_name_alone_joins_the_one_full_name_it_begins(lang, lines, full, given):
    doc = make_doc(f"given_{lang}.txt", lang, lines, {full: "PER", given: "PER"})
    _, mention_entity = entity_records([doc])
    found = {doc.mentions[i].text: e for (d, i), e in mention_entity.items()}
    assert found[given] == found[full]


def test_a_given_name_joins_no_citation_or_run_of_words():
    """An initial is no given name (``M.`` / ``M. E. Sharpe``), and a tagger's run of words with
    a function word or a number is no person's full name (``James F. The Clash``, ``Aero
    L-29``)."""
    doc = make_doc(
        "citations.txt",
        "en",
        [
            "See M. E. Sharpe, and James F. The Clash, and the Aero L-29 trainer.",
            "M. wrote it; James sang it; Aero built it.",
        ],
        {
            "M. E. Sharpe": "PER", "James F. The Clash": "PER", "Aero L-29": "PER",
            "M.": "PER", "James": "PER", "Aero": "PER",
        },
    )  # fmt: skip
    _, mention_entity = entity_records([doc])
    found = {doc.mentions[i].text: e for (d, i), e in mention_entity.items()}
    assert found["M."] != found["M. E. Sharpe"]
    assert found["James"] != found["James F. The Clash"]
    assert found["Aero"] != found["Aero L-29"]


def test_a_given_name_beside_a_kinship_word_names_a_relative():
    from pipeline.align.cluster import beside_kinship_word
    from pipeline.records import Mention

    def beside(text: str, name: str, lang: str) -> bool:
        i = text.index(name)
        return beside_kinship_word(text, Mention(i, i + len(name), name, "PER", lang, 0))

    assert beside("He has the same name as his father Robert, who died.", "Robert", "en")
    assert beside("Viņa tēvam Robertam bija 40 gadu.", "Robertam", "lv")
    assert beside("他的儿子与他的父亲罗伯特同名。", "罗伯特", "zh")
    assert not beside("LeBron scored 20 points on Friday.", "LeBron", "en")
    assert not beside("勒布朗得了20分。", "勒布朗", "zh")


def test_a_latin_name_in_a_chinese_text_is_keyed_word_by_word():
    """A Chinese text writes foreign names in Latin letters too (``Dolly Menga``); keyed word by
    word as in English, its surname alone (``Menga``) is a part of it."""
    zh = make_doc(
        "match_zh.txt",
        "zh",
        ["Dolly Menga 在第38分钟打入一球。", "Menga 的进球让利文斯顿队取胜。"],
        {"Dolly Menga": "PER", "Menga": "PER"},
    )
    _, mention_entity = entity_records([zh])
    found = {zh.mentions[i].text: e for (d, i), e in mention_entity.items()}
    assert found["Menga"] == found["Dolly Menga"]


def test_the_transcription_rules_back_a_scorer_match_below_its_own_bar():
    """``Terēza Meja`` / ``Theresa May``: the learned scorer is unsure (about 0.6), the
    transcription rules read one name; the two readings together join it, and the evidence says
    so. Without the rules (``translit`` off) the scorer alone leaves them apart."""
    lv = make_doc(
        "lv.txt", "lv", ["Premjerministre Terēza Meja runāja parlamentā."], {"Terēza Meja": "PER"}
    )
    en = make_doc("en.txt", "en", ["Prime Minister Theresa May spoke."], {"Theresa May": "PER"})

    def entities(signals=DEFAULT_SIGNALS):
        records, _ = entity_records([lv, en], AlignConfig(signals=signals))
        return [r for r in records if r["type"] == "entity"]

    (joined,) = entities()
    assert joined["names"] == {"lv": ["Terēza Meja"], "en": ["Theresa May"]}
    (evidence,) = joined["evidence"]
    assert evidence["signals"]["translit"] == 1.0
    assert AlignConfig().scorer_with_rules <= evidence["signals"]["scorer"]
    assert evidence["signals"]["scorer"] < AlignConfig().scorer_supported
    assert len(entities(DEFAULT_SIGNALS - {"translit"})) == 2


def test_a_chinese_full_name_without_interpunct_takes_its_surname():
    """``唐纳德特朗普`` (Donald Trump written without ``·``) is the full name of ``特朗普`` in its
    document; a two-character ending (``罗斯`` of ``巴列斯特罗斯``, Ballesteros beside a Rose) or
    a one-character family name (``习`` of ``习近平``) makes no such pair."""
    zh = make_doc(
        "zh.txt",
        "zh",
        ["唐纳德特朗普与金正恩会面。", "特朗普说会谈很好。", "巴列斯特罗斯和罗斯打球。"],
        {"唐纳德特朗普": "PER", "特朗普": "PER", "金正恩": "PER", "巴列斯特罗斯": "PER",
         "罗斯": "PER"},
    )  # fmt: skip
    zh2 = make_doc(
        "zh2.txt", "zh", ["习近平发表讲话。", "近平出席。"], {"习近平": "PER", "近平": "PER"}
    )
    records, mention_entity = entity_records([zh, zh2])
    entity = {
        doc.mentions[i].text: mention_entity[(doc.doc_id, i)]
        for doc in (zh, zh2)
        for i in range(len(doc.mentions))
    }
    assert entity["唐纳德特朗普"] == entity["特朗普"]
    trump = next(r for r in records if r["id"] == entity["特朗普"])
    assert [e["rule"] for e in trump["evidence"]] == ["name_parts"]
    assert entity["巴列斯特罗斯"] != entity["罗斯"]
    assert entity["习近平"] != entity["近平"]


@pytest.mark.parametrize(
    ("lines", "names", "short", "full", "joined"),
    [
        (
            ["Xherdan Shaqiri scored twice.", "Shaq was happy with the goals."],
            {"Xherdan Shaqiri": "PER", "Shaq": "PER"},
            "Shaq",
            "Xherdan Shaqiri",
            True,
        ),
        (
            ["Livingston beat Hearts at home.", "Livi will now face Celtic."],
            {"Livingston": "ORG", "Hearts": "ORG", "Livi": "ORG", "Celtic": "ORG"},
            "Livi",
            "Livingston",
            True,
        ),
        (  # a pet form of a given name: its clipped start and an ending
            ["Robert Ray Black-Daley was born in May.", "Robbie is a healthy boy."],
            {"Robert Ray Black-Daley": "PER", "Robbie": "PER"},
            "Robbie",
            "Robert Ray Black-Daley",
            True,
        ),
        (  # ... of a given name, not of a surname
            ["Tom Robinson won.", "Robbie lost."],
            {"Tom Robinson": "PER", "Robbie": "PER"},
            "Robbie",
            "Tom Robinson",
            False,
        ),
        (  # a place beginning another's name is another place
            ["Derby is the largest city of Derbyshire.", "Derbyshire has many hills."],
            {"Derby": "LOC", "Derbyshire": "LOC"},
            "Derby",
            "Derbyshire",
            False,
        ),
        (  # one type each
            ["Dean Derbys played.", "Derbyshire won."],
            {"Dean Derbys": "PER", "Derbyshire": "ORG", "Derb": "PER"},
            "Derbyshire",
            "Dean Derbys",
            False,
        ),
    ],
)
def test_a_clipped_name_joins_the_one_name_of_its_document_it_begins(
    lines, names, short, full, joined
):
    """``Shaq`` for ``Xherdan Shaqiri``, ``Livi`` for ``Livingston``: nicknames clip names."""
    doc = make_doc("clipped.txt", "en", lines, names)
    _, mention_entity = entity_records([doc])
    found = {doc.mentions[i].text: e for (d, i), e in mention_entity.items()}
    assert (found[short] == found[full]) is joined


@pytest.mark.parametrize(
    ("full", "acronym", "joined"),
    [
        ("Florida Fish and Wildlife Commission", "FWC", True),  # a state's agency
        ("National Fish and Wildlife Commission", "FWC", False),  # no place
    ],
)
def test_an_acronym_may_leave_out_the_place_that_begins_the_name(full, acronym, joined):
    doc = make_doc(
        "acronym.txt",
        "en",
        [f"The {full} issued a report.", f"According to the {acronym}, the bloom is fading."],
        {full: "ORG", acronym: "ORG"},
    )
    _, mention_entity = entity_records([doc])
    found = {doc.mentions[i].text: e for (d, i), e in mention_entity.items()}
    assert (found[acronym] == found[full]) is joined


def test_the_clipped_start_of_a_pet_form():
    from pipeline.align.cluster import _pet_stem

    endings = ("ie", "y", "ey")
    assert [_pet_stem(k, endings) for k in ("robbie", "danny", "kenny", "amy", "shaq")] == [
        "rob", "dan", "ken", None, None,
    ]  # fmt: skip


def _entity_by_text(docs) -> dict[str, str]:
    """Mention text → the id of its entity, over ``docs``."""
    _, mention_entity = entity_records(docs)
    by_id = {doc.doc_id: doc for doc in docs}
    return {by_id[d].mentions[i].text: e for (d, i), e in mention_entity.items()}


def test_a_pet_form_transcribed_in_other_languages_joins_the_person_of_its_original():
    """``Robbie`` joins ``Robert Ray Black-Daley`` in English (a pet form of the given name); the
    Latvian and Chinese texts transcribe the pet form (``Robijs``, ``罗比``): a second Latvian and
    Chinese name of the entity beside the full names, which the scorer reads as the English
    ``Robbie`` the entity already holds, so they are that name in their languages."""
    en = make_doc(
        "en.txt",
        "en",
        ["Robert Ray Black-Daley was born in May.", "Robbie is a healthy boy, said Tom Daley."],
        {"Robert Ray Black-Daley": "PER", "Robbie": "PER", "Tom Daley": "PER"},
    )
    lv = make_doc(
        "lv.txt",
        "lv",
        ["Roberts Rejs Bleks-Deilijs dzimis maijā.", "Robijs ir vesels zēns, sacīja Toms Deilijs."],
        {"Roberts Rejs Bleks-Deilijs": "PER", "Robijs": "PER", "Toms Deilijs": "PER"},
    )
    zh = make_doc(
        "zh.txt",
        "zh",
        ["罗伯特·雷·布莱克·戴利于5月出生。", "汤姆·戴利说，罗比是个健康的男孩。"],
        {"罗伯特·雷·布莱克·戴利": "PER", "罗比": "PER", "汤姆·戴利": "PER"},
    )
    docs = [en, lv, zh]
    found = _entity_by_text(docs)
    assert found["Robbie"] == found["Robert Ray Black-Daley"]
    assert found["Robijs"] == found["Robert Ray Black-Daley"]
    assert found["罗比"] == found["Robert Ray Black-Daley"]
    assert found["Toms Deilijs"] != found["Robert Ray Black-Daley"]


def test_a_transcription_that_extends_a_name_of_its_language_stays_apart():
    """``加泰隆尼亞政府`` (the government of Catalonia) sounds like ``Catalonia`` to the scorer, but
    the entity already names Catalonia ``加泰隆尼亞`` in Chinese: the longer name is another."""
    en = make_doc(
        "en.txt",
        "en",
        ["Catalonia held a vote in October.", "Madrid said the vote in Catalonia was illegal."],
        {"Catalonia": "LOC", "Madrid": "LOC"},
    )
    zh = make_doc(
        "zh.txt",
        "zh",
        ["加泰隆尼亞於十月舉行投票。", "加泰隆尼亞政府說，馬德里反對投票。"],
        {"加泰隆尼亞": "LOC", "加泰隆尼亞政府": "LOC", "馬德里": "LOC"},
    )
    docs = [en, zh]
    found = _entity_by_text(docs)
    assert found["加泰隆尼亞"] == found["Catalonia"]
    assert found["加泰隆尼亞政府"] != found["Catalonia"]
