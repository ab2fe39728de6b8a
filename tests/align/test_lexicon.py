"""The name lexicon: real lookups through the real sources (CC-CEDICT, CLDR, pycountry, the
FullStack wiki links, GeoNames), acronym rules, and the on-disk cache of the compiled index.

The index is compiled once (about ten seconds) into the default cache directory
(``$XLKB_CACHE_DIR/lexicon``) and read from there by later runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.align import lexicon
from pipeline.align.lexicon import (
    Gloss,
    acronym_matches,
    english_key,
    expand_acronym,
    glosses,
    initials,
)


def keys(name: str, lang: str, lemma: str | None = None) -> frozenset[str]:
    return frozenset(g.key for g in glosses(name, lang, lemma))


def shared(a: tuple, b: tuple) -> frozenset[str]:
    return keys(*a) & keys(*b)


# ---- English keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The Hague", "hague"),
        ("Russia's", "russia"),
        ("U.S.", "us"),
        ("  Black   Sea ", "black sea"),
        ("Sąjūdis", "sajudis"),
        ("Franjo Tuđman", "franjo tudman"),
        ("Bosnia & Herzegovina", "bosnia and herzegovina"),
        (
            "Organization for Security and Co-operation in Europe",
            "organization for security and cooperation in europe",
        ),
        ("Nagorno-Karabakh", "nagorno karabakh"),
        ("A Walk Among the Tombstones", "walk among the tombstones"),
        ("An Lushan", "an lushan"),
    ],
)
def test_english_key(text: str, key: str) -> None:
    assert english_key(text) == key


# ---- Chinese


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("黑海", "black sea"),
        ("聯合國", "united nations"),
        ("联合国", "united nations"),
        ("聯合國", "cldr:UN"),
        ("人權觀察", "human rights watch"),
        ("人权观察", "human rights watch"),
        ("比什凱克", "bishkek"),
        ("比什凯克", "bishkek"),
        ("亞美尼亞", "cldr:AM"),
        ("亚美尼亚", "armenia"),
        ("亞塞拜然", "cldr:AZ"),  # Taiwan name, through OpenCC's Taiwan → mainland vocabulary
        ("北約", "nato"),
        ("北约", "north atlantic treaty organization"),
        ("歐安組織", "osce"),
        ("欧洲", "europe"),
    ],
)
def test_zh_whole_names(name: str, key: str) -> None:
    found = glosses(name, "zh")
    assert key in {g.key for g in found}
    assert all(g.whole for g in found if g.key == key)


def test_zh_traditional_and_simplified_agree() -> None:
    for trad, simp in [("黑海", "黑海"), ("聯合國", "联合国"), ("人權觀察", "人权观察")]:
        assert keys(trad, "zh") == keys(simp, "zh")


def test_zh_composition() -> None:
    empire = glosses("俄羅斯帝國", "zh")
    assert {"russian empire", "russia empire"} <= {g.key for g in empire}
    assert shared(("俄羅斯帝國", "zh"), ("Russian Empire", "en"))
    ssr = glosses("亞美尼亞蘇維埃社會主義共和國", "zh")
    assert Gloss("armenia soviet socialist republic", "compose", False) in ssr
    assert "armenia soviet socialist republic" in keys("亚美尼亚苏维埃社会主义共和国", "zh")


def test_zh_transliterations_get_no_character_meanings() -> None:
    # Transcribed names no source holds: no key rather than the meanings of their characters.
    for name in ("斯捷潘納克特", "阿布法茲·埃利奇別伊", "蒙特·梅爾科尼安"):
        assert not glosses(name, "zh"), name
    assert not glosses("马", "zh")  # one character: a surname or an abbreviation of anything


def test_zh_person_surname_only_when_the_headword_is_the_surname() -> None:
    assert "stalin" in keys("斯大林", "zh")  # 斯大林 = Joseph Stalin; it transcribes "Stalin"
    assert keys("李長春", "zh") == {"li changchun"}  # never "changchun" (a city)
    assert "bush" in keys("布什", "zh")
    assert not {"george w bush", "george h w bush"} & keys("布什", "zh")  # two presidents


def test_zh_names_of_one_thing_in_other_places_are_kept() -> None:
    # CC-CEDICT 國會: "Parliament (UK)", "Congress (US)", "Diet (Japan)": each is its name
    assert {"parliament", "congress", "diet"} <= keys("國會", "zh")
    assert "congress" in shared(("国会", "zh"), ("Congress", "en"))
    assert "milan" in keys("米兰", "zh")  # "Milano", "Milan (Italy)"
    # a surname sense is another thing: 田中 is a town in Taiwan here, not "Tanaka"
    assert "tanaka" not in keys("田中", "zh")


# ---- Latvian


def test_lv_case_forms_share_a_key() -> None:
    forms = [("Eiropā", "lv"), ("Eiropa", "lv"), ("Europe", "en"), ("欧洲", "zh")]
    common = frozenset.intersection(*(keys(*f) for f in forms))
    assert {"europe", "cldr:150"} <= common
    assert "cldr:AM" in keys("Armēnijā", "lv") & keys("Armēnijas", "lv") & keys("亞美尼亞", "zh")


def test_lv_lemma_is_used() -> None:
    assert "cldr:RU" in keys("Krievijā", "lv", "Krievija")
    assert "united nations" in keys(
        "Apvienoto Nāciju Organizācijā", "lv", "Apvienoto Nāciju Organizācija"
    )


def test_lv_composition() -> None:
    ssr = glosses("Armēnijas Padomju Sociālistiskā Republika", "lv")
    assert Gloss("armenia soviet socialist republic", "compose", False) in ssr
    # the Latvian PSR reaches the same key through the acronym rules and the word glosses
    assert "armenia soviet socialist republic" in keys("Armēnijas PSR", "lv")


def test_lv_wikilinks() -> None:
    assert "organization for security and cooperation in europe" in keys("EDSO", "lv")
    assert shared(("EDSO", "lv"), ("歐安組織", "zh"))
    assert shared(("Padomju Savienība", "lv"), ("蘇聯", "zh"))


# ---- states and provinces (ISO 3166-2 through pycountry)


def test_states_and_provinces_share_an_identifier_across_languages() -> None:
    # the pinyin name's generic part and the Chinese head are left out: Yunnan Sheng, 云南省
    assert "iso:CN-YN" in shared(("Yunnan", "en"), ("云南省", "zh"))
    assert "iso:CN-YN" in shared(("Yunnan", "en"), ("云南", "zh"))
    assert "iso:US-TX" in shared(("Texas", "en"), ("Teksasas", "lv", "Teksasa"))
    assert "iso:US-TX" in shared(("Texas", "en"), ("得克萨斯州", "zh"))


def test_a_state_named_like_a_country_or_a_word_gets_no_state_identifier() -> None:
    # Georgia (Latvian Gruzija is the country); Burkina Faso's Centre region (中部, "central")
    assert not any(k.startswith("iso:US-") for k in keys("Gruzija", "lv"))
    assert not any(k.startswith("iso:") for k in keys("中部", "zh"))
    assert not any(k.startswith("iso:") for k in keys("Centre", "en"))


# ---- the Soviet republic across all three languages


def test_soviet_republic_across_languages() -> None:
    key = "armenia soviet socialist republic"
    assert key in keys("亞美尼亞蘇維埃社會主義共和國", "zh")
    assert key in keys("Armenian SSR", "en")
    assert key in keys("Armēnijas PSR", "lv")
    assert key in keys("Armenian Soviet Socialist Republic", "en")


# ---- acronyms


def test_initials() -> None:
    assert initials("United Nations", "en") == "UN"
    assert initials("North Atlantic Treaty Organization", "en") == "NATO"
    assert initials("Apvienoto Nāciju Organizācija", "lv") == "ANO"
    assert initials("Union of Soviet Socialist Republics", "en") == "USSR"
    assert initials("Eiropas Drošības un sadarbības organizācija", "lv") == "EDSO"


@pytest.mark.parametrize(
    ("acronym", "name", "lang"),
    [
        ("UN", "United Nations", "en"),
        ("NATO", "North Atlantic Treaty Organization", "en"),
        ("ANO", "Apvienoto Nāciju Organizācija", "lv"),
        ("U.S.", "United States", "en"),
        ("OSCE", "Organization for Security and Co-operation in Europe", "en"),
        ("ASV", "Amerikas Savienotās Valstis", "lv"),
    ],
)
def test_acronym_matches(acronym: str, name: str, lang: str) -> None:
    assert acronym_matches(acronym, name, lang)
    assert shared((acronym, lang), (name, lang))


def test_acronym_mismatches() -> None:
    assert not acronym_matches("UN", "United Kingdom", "en")
    assert not acronym_matches("NATO", "Nations", "en")
    assert not acronym_matches("un", "United Nations", "en")  # not written as an acronym


def test_expand_acronym() -> None:
    assert "United Nations" in expand_acronym("UN", "en")
    assert "Apvienoto Nāciju Organizācija" in expand_acronym("ANO", "lv")
    assert any(
        e.startswith("Armenian Soviet Socialist Republic")
        for e in expand_acronym("Armenian SSR", "en")
    )
    assert expand_acronym("Armenia", "en") == frozenset()


def test_acronyms_across_languages() -> None:
    assert shared(("UN", "en"), ("聯合國", "zh"))
    assert shared(("ANO", "lv"), ("United Nations", "en"))
    assert shared(("NATO", "en"), ("北約", "zh"))
    assert shared(("NATO", "lv"), ("North Atlantic Treaty Organization", "en"))
    assert "cldr:US" in keys("U.S.", "en") & keys("US", "en") & keys("United States", "en")
    assert "cldr:US" in keys("ASV", "lv") & keys("美國", "zh")


# ---- what must stay apart


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Russia", "en"), ("Russian Empire", "en")),
        (("俄羅斯", "zh"), ("俄羅斯帝國", "zh")),
        (("Krievija", "lv"), ("Russian Empire", "en")),
        (("United Nations", "en"), ("United Nations Security Council", "en")),
        (("UN", "en"), ("联合国安理会", "zh")),
        (("聯合國", "zh"), ("United Nations Security Council", "en")),
        (("Armenia", "en"), ("Azerbaijan", "en")),
        (("亞美尼亞", "zh"), ("Azerbaidžāna", "lv")),
        (("Armenia", "en"), ("Armenian SSR", "en")),
        (("亞美尼亞", "zh"), ("亞美尼亞蘇維埃社會主義共和國", "zh")),
        (("North Korea", "en"), ("South Korea", "en")),
        (("朝鮮", "zh"), ("韓國", "zh")),
        (("Ziemeļkoreja", "lv"), ("韩国", "zh")),
        (("Popular Front of Latvia", "en"), ("Popular Front of Estonia", "en")),
        (("Armenian SSR", "en"), ("Azerbaijan SSR", "en")),
    ],
)
def test_different_entities_share_no_key(a: tuple, b: tuple) -> None:
    assert not shared(a, b)


def test_same_entities_share_a_key() -> None:
    assert shared(("United Nations Security Council", "en"), ("联合国安理会", "zh"))
    assert shared(("Popular Front of Latvia", "en"), ("拉脱维亚人民阵线", "zh"))
    assert shared(("Black Sea", "en"), ("黑海", "zh"))
    assert shared(("South Korea", "en"), ("Dienvidkorejā", "lv"))
    # Adjectives of countries from CC-CEDICT's <country>人 entries (美國人 "American").
    assert shared(("American Embassy", "en"), ("美国大使馆", "zh"))
    assert shared(("Swiss Government", "en"), ("瑞士政府", "zh"))


def test_gloss_sources() -> None:
    found = glosses("Armenia", "en")
    assert Gloss("armenia", "self", True) in found
    assert Gloss("cldr:AM", "cldr", True) in found
    with pytest.raises(ValueError):
        glosses("Armenia", "de")
    assert glosses("   ", "en") == frozenset()


# ---- the cache


def test_cache_is_read_and_a_new_digest_rebuilds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []

    def fake_build() -> lexicon.LexiconIndex:
        built.append(1)
        return lexicon.LexiconIndex(demonyms={"russian": "russia"})

    monkeypatch.setattr(lexicon, "build_index", fake_build)
    monkeypatch.setattr(lexicon, "_LOADED", {})
    first = lexicon.load_index(tmp_path, digest="a" * 64)
    assert built == [1]
    path = lexicon.cache_path(tmp_path, "a" * 64)
    assert path.is_file() and "a" * 20 in path.name
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left
    lexicon._LOADED.clear()
    again = lexicon.load_index(tmp_path, digest="a" * 64)
    assert built == [1]  # read from the disk cache
    assert again == first
    lexicon.load_index(tmp_path, digest="b" * 64)
    assert built == [1, 1]  # another digest: rebuilt
    assert len(list(tmp_path.glob("lexicon-*.pickle"))) == 2
    for n in "cdef":
        lexicon.load_index(tmp_path, digest=n * 64)
    assert len(list(tmp_path.glob("lexicon-*.pickle"))) == lexicon._KEEP_CACHED  # old ones pruned


def test_corrupt_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "build_index", lambda: lexicon.LexiconIndex())
    monkeypatch.setattr(lexicon, "_LOADED", {})
    path = lexicon.cache_path(tmp_path, "c" * 64)
    path.write_bytes(b"not a pickle")
    assert lexicon.load_index(tmp_path, digest="c" * 64) == lexicon.LexiconIndex()


def test_digest_follows_file_contents(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("one")
    b.write_text("two")
    before = lexicon.source_digest([a, b])
    assert lexicon.source_digest([a, b]) == before
    b.write_text("three")
    assert lexicon.source_digest([a, b]) != before
    sources = lexicon.source_files()
    assert Path(lexicon.__file__).resolve() in sources
    assert lexicon.WIKILINKS_PATH in sources and lexicon.WORD_GLOSSES_PATH in sources


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XLKB_CACHE_DIR", str(tmp_path))
    assert lexicon.default_cache_dir() == tmp_path / "lexicon"
