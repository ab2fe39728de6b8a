"""Reporting verbs, accusations, organisation names and opinion polls (issue 16), per language:
a speech act is no happening (the happening, if any, is in its complement, with its own
trigger), a verbal accusation is an opinion (a legal charge is an event), a trigger word inside
an organisation's name reports nothing, and a poll is a statistic."""

from __future__ import annotations

import pytest

from pipeline.events.clauses import pieces
from pipeline.events.extract import extract_events
from pipeline.events.triggers import find_triggers

from ..helpers.documents import make_doc


def kinds(sentence: str, lang: str) -> list[str]:
    return [h.kind for h in find_triggers(sentence, lang)]


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        # "paziņoja, ka …" / "“…,” paziņoja X": reporting; "paziņoja par …": an announcement
        ("Valdība paziņoja, ka skolas paliks slēgtas līdz pirmdienai.", "lv", []),
        ("Ministrija paziņoja ka tilts ir drošs.", "lv", []),
        ("Pilsēta ir gatava viesiem, paziņoja mērs.", "lv", []),
        ("“Mēs esam gatavi,” paziņoja ministrs.", "lv", []),
        ("Ministrs paziņoja: “Mēs esam gatavi.”", "lv", []),
        ("Valdība paziņoja par jaunas aģentūras izveidi.", "lv", ["other"]),
        ("Valdība paziņoja, ka armija ieņēma pilsētu.", "lv", ["capture"]),
        # a verbal accusation is an opinion, a legal charge an event
        ("Opozīcija apsūdzēja valdību par augstajām cenām.", "lv", []),
        ("Prokuratūra viņu apsūdzēja slepkavībā.", "lv", ["other"]),
        ("Policija viņam izvirzīja apsūdzību zādzībā.", "lv", ["other"]),
        # the assault of a charge is the charge's (other), not an armed clash
        ("He was charged with an attack on his father.", "en", ["other"]),
        ("Viņš tika apsūdzēts par uzbrukumu savam tēvam.", "lv", ["other"]),
        ("他被控袭击父亲而被捕。", "zh", ["other", "other"]),  # charged, arrested: no armed clash
        ("Rebels attacked the town.", "en", ["armed_clash"]),
        ("Nemiernieki uzbruka pilsētai.", "lv", ["armed_clash"]),
        ("叛军袭击了该镇。", "zh", ["armed_clash"]),
        # forming a body
        ("Valdība paziņoja par jaunas komitejas veidošanu.", "lv", ["founding_abolition", "other"]),
        ("政府宣布组建一个新的委员会。", "zh", ["founding_abolition", "other"]),
        # an opinion poll is a statistic
        ("A new poll shows that 41 percent believed her testimony.", "en", []),
        ("Aptauja liecina, ka 41 procents respondentu ticēja viņas liecībai.", "lv", []),
        ("民调显示，41%的受访者相信她的证词。", "zh", []),
    ],
)
def test_reporting_and_accusation_cases(sentence, lang, expected):
    assert sorted(kinds(sentence, lang)) == sorted(expected)


def test_latvian_complement_clause_stays_with_its_main_clause():
    text = "Valdība paziņoja, ka armija ieņēma pilsētu, un mērs aizbēga."
    got = [text[a:b] for a, b in pieces(text, "lv")]
    assert got == ["Valdība paziņoja, ka armija ieņēma pilsētu", "un mērs aizbēga."]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a quotation that closes right after its comma ends the clause, whatever its marks
        ("„Mēs uzvarēsim,“ sacīja Novaks.", "lv", ["„Mēs uzvarēsim", "sacīja Novaks."]),
        ("“Mēs uzvarēsim,” sacīja Novaks.", "lv", ["“Mēs uzvarēsim", "sacīja Novaks."]),
        ("'We will win,' said Novak.", "en", ["'We will win", "said Novak."]),
        ("«Nous gagnerons,» dit Novak.", "fr", ["«Nous gagnerons", "dit Novak."]),
    ],
)
def test_a_quotation_closing_after_its_comma_ends_the_clause(text, lang, expected):
    assert [text[a:b] for a, b in pieces(text, lang)] == expected


@pytest.mark.parametrize(
    ("lang", "sentence", "names"),
    [
        ("en", "The National Hurricane Center issued no warning for Texas.",
         {"National Hurricane Center": "ORG", "Texas": "LOC"}),
        ("lv", "Nacionālais Viesuļvētru centrs brīdināja Teksasu.",
         {"Nacionālais Viesuļvētru centrs": "ORG", "Teksasu": "LOC"}),
        ("zh", "国家飓风中心提醒得克萨斯州居民。",
         {"国家飓风中心": "ORG", "得克萨斯州": "LOC"}),
    ],
)  # fmt: skip
def test_trigger_inside_an_organisation_name_reports_nothing(lang, sentence, names):
    doc = make_doc(f"org_{lang}.txt", lang, [sentence], names)
    triggers = [e.trigger.lower() for e in extract_events(doc)]
    assert not any(t.startswith(("hurricane", "viesuļ", "飓风")) for t in triggers), triggers
