"""Names with a generic head (``Bay``, ``līcis``, ``湾``): splitting per language, and joining
across languages by their cores (real scorer, real language data)."""

import pytest

from pipeline.align.cluster import entity_records
from pipeline.align.heads import comparable, split_head

from ..helpers.documents import make_doc


@pytest.mark.parametrize(
    ("lang", "name", "core", "concept"),
    [
        ("en", "Galveston Bay", "Galveston", "bay"),
        ("en", "Orange County", "Orange", "county"),
        ("en", "Boulder Police Department", "Boulder", "police"),
        ("en", "Celtic F.C.", "Celtic", "team"),
        ("en", "Heathrow Airport", "Heathrow", "airport"),
        ("lv", "Gotlandes sala", "Gotlandes", "island"),
        ("lv", "Gotlandes salā", "Gotlandes", "island"),
        ("lv", "Tampas līča", "Tampas", "bay"),  # c / č alternate in the stem
        ("lv", "Tampas līčs", "Tampas", "bay"),
        ("lv", "Bostonas policijas departaments", "Bostonas", "police"),
        ("lv", "Daugavpils universitāte", "Daugavpils", "university"),
        ("zh", "加尔维斯顿湾", "加尔维斯顿", "bay"),
        ("zh", "加爾維斯頓灣", "加尔维斯顿", "bay"),
        ("zh", "奥兰治县", "奥兰治", "county"),
        ("zh", "波士顿警察局", "波士顿", "police"),
        ("zh", "凯尔特人队", "凯尔特人", "team"),
        ("zh", "Heathrow 机场", "Heathrow", "airport"),
        # gardens, estates and churches
        ("en", "Inverewe Gardens", "Inverewe", "garden"),
        ("lv", "Invereves dārzi", "Invereves", "garden"),
        ("zh", "Inverewe花园", "Inverewe", "garden"),
        ("zh", "Threave庄园", "Threave", "garden"),
        ("en", "Riverside Church", "Riverside", "church"),
        ("lv", "Riversaidas baznīcā", "Riversaidas", "church"),
        ("zh", "圣马丁大教堂", "圣马丁", "church"),
        # a common word that ends in a head and means it (a military hospital, a racing team)
        ("zh", "陸軍醫院", "陆军", "hospital"),
        ("zh", "梅赛德斯车队", "梅赛德斯", "team"),
    ],
)
def test_a_head_is_split_off(lang, name, core, concept):
    split = split_head(name, lang)
    assert split is not None and (split.core, split.concept) == (core, concept)


@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("en", "Bay"),  # the head alone
        ("en", "The Bay"),  # nothing but an article before it
        ("en", "Galveston"),
        ("en", "Bay Area Rapid Transit"),  # the head word is not last
        ("en", "Orange county"),  # a lower-case common noun after a name
        ("lv", "Upe"),
        ("zh", "上海"),  # one character before 海 is no name
        ("zh", "台湾"),
        ("zh", "加尔维斯顿"),
        # the head's characters end a common word of another meaning: troops, armed forces
        ("zh", "亞塞拜然部隊"),
        ("zh", "亚美尼亚军队"),
    ],
)
def test_no_head_is_split_off(lang, name):
    assert split_head(name, lang) is None


def test_cores_are_compared_only_for_one_concept_or_a_bare_name_of_its_type():
    bay, county = split_head("Galveston Bay", "en"), split_head("奥兰治县", "zh")
    assert comparable(bay, split_head("加尔维斯顿湾", "zh"), "LOC", "LOC")
    assert not comparable(bay, county, "LOC", "LOC")
    assert comparable(county, None, "LOC", "LOC")
    assert not comparable(county, None, "LOC", "PER")
    assert not comparable(None, None, "LOC", "LOC")


def test_headed_names_join_across_languages_and_different_heads_stay_apart():
    en = make_doc(
        "en.txt",
        "en",
        [
            "Flooding closed roads around Galveston Bay on Monday.",
            "Officers of the Boulder Police Department arrived in the evening.",
            "The storm later reached Orange County.",
        ],
        {"Galveston Bay": "LOC", "Boulder Police Department": "ORG", "Orange County": "LOC"},
    )
    zh = make_doc(
        "zh.txt",
        "zh",
        [
            "週一洪水封閉了加爾維斯頓灣周圍的道路。",
            "博爾德警察局的警員晚上趕到。",
            "風暴隨後抵達加爾維斯頓島。",
        ],
        {"加爾維斯頓灣": "LOC", "博爾德警察局": "ORG", "加爾維斯頓島": "LOC"},
    )
    lv = make_doc(
        "lv.txt",
        "lv",
        ["Plūdi pirmdien slēdza ceļus ap Galvestonas līci."],
        {"Galvestonas līci": "LOC"},
    )
    docs = [en, zh, lv]
    records, mention_entity = entity_records(docs)
    by_id = {r["id"]: r for r in records}

    def entity(doc, surface):
        index = next(i for i, m in enumerate(doc.mentions) if m.text == surface)
        return by_id[mention_entity[(doc.doc_id, index)]]

    bay = entity(en, "Galveston Bay")
    assert entity(zh, "加爾維斯頓灣")["id"] == bay["id"]
    assert entity(lv, "Galvestonas līci")["id"] == bay["id"]
    assert any(e.get("rule") == "head" and e.get("key") == "bay" for e in bay["evidence"])
    assert entity(zh, "博爾德警察局")["id"] == entity(en, "Boulder Police Department")["id"]
    # Galveston Island is not Galveston Bay, nor is it Orange County.
    island = entity(zh, "加爾維斯頓島")["id"]
    assert island not in {bay["id"], entity(en, "Orange County")["id"]}


def test_a_head_gives_the_name_its_type_whatever_the_tagger_said():
    en = make_doc(
        "en.txt",
        "en",
        [
            "Livingston beat Rangers on Sunday.",
            "Livingston now lead the league.",
            "Livingston play at home next week.",
        ],
        {"Livingston": "ORG", "Rangers": "ORG"},
    )
    zh = make_doc(
        "zh.txt",
        "zh",
        ["利文斯顿队周日击败了流浪者队。", "利文斯顿队目前领跑联赛。", "利文斯顿队下周主场作战。"],
        {"利文斯顿队": "PER"},  # the tagger's mistake: a team is no person
    )
    records, mention_entity = entity_records([en, zh])
    by_id = {r["id"]: r for r in records}
    team = by_id[mention_entity[(zh.doc_id, 0)]]
    assert team["label"] == "ORG"
    assert mention_entity[(en.doc_id, 0)] == team["id"]


@pytest.mark.parametrize(
    ("en_name", "en_sentence", "lv_name", "lv_sentence"),
    [
        # A tagger's run-on span of party names, with the head "Party", and a long Latvian
        # name of the organization type: phrases, not transcriptions.
        (
            "Artsakh Sasna Tsrer Pan-Armenian Party Social Democrat Hunchakian Party",
            "Members of the {} met in Yerevan.",
            "Apvienoto Nāciju Organizācijas Ģenerālā asambleja",
            "{} pieņēma rezolūciju.",
        ),
        # Both start with the country (the scorer reads them alike); a head on one side only is
        # the only difference between short names alone (``Sevana ezers`` / ``Sevan``).
        (
            "Azerbaijan Popular Front Party",
            "The {} held a rally in Baku.",
            "Azerbaidžānas bruņotie spēki",
            "{} atkāpās no Agdamas.",
        ),
    ],
)
def test_phrases_with_a_head_are_not_compared_as_transcriptions(
    en_name, en_sentence, lv_name, lv_sentence
):
    en = make_doc("en.txt", "en", [en_sentence.format(en_name)], {en_name: "ORG"})
    lv = make_doc("lv.txt", "lv", [lv_sentence.format(lv_name)], {lv_name: "ORG"})
    records, mention_entity = entity_records([en, lv])
    assert mention_entity[(en.doc_id, 0)] != mention_entity[(lv.doc_id, 0)]


def test_a_venue_spelled_like_an_organization_joins_it_but_a_team_stays_off_its_town():
    """``Le Golf National 球場`` (a stadium head after the same Latin letters) is the course the
    English tagger typed an organization; ``Dundee 队``, a team's head after a town's name, is
    not the town."""
    en = make_doc(
        "en.txt",
        "en",
        [
            "Europe led 10-6 at Le Golf National on Saturday.",
            "Fans travelled from Dundee to watch.",
        ],
        {"Le Golf National": "ORG", "Dundee": "LOC"},
    )
    zh = make_doc(
        "zh.txt",
        "zh",
        ["欧洲队周六在 Le Golf National 球場以 10-6 领先。", "Dundee 队的球迷也来观看。"],
        {"Le Golf National 球場": "LOC", "Dundee 队": "ORG"},
    )
    _, mention_entity = entity_records([en, zh])

    def entity(doc, surface):
        return mention_entity[
            (doc.doc_id, next(i for i, m in enumerate(doc.mentions) if m.text == surface))
        ]

    assert entity(zh, "Le Golf National 球場") == entity(en, "Le Golf National")
    assert entity(zh, "Dundee 队") != entity(en, "Dundee")
