"""NER stage span handling: Latin-script names inside Chinese sentences (the blanked view, the
merge, the stage with the shipped models), unpaired quotation marks trimmed."""

from __future__ import annotations

import pytest

from pipeline.ner.base import Span
from pipeline.ner.latin_names import add_latin_names, latin_view
from pipeline.ner.stage import NerStage
from pipeline.records import AnalyzedDocument, Segment
from pipeline.settings import Settings


@pytest.mark.parametrize(
    ("text", "view"),
    [
        ("谈到BBC Radio 4的节目", ", BBC Radio 4,  "),
        ("Brett Kavanaugh说", "Brett Kavanaugh,"),
        ("普京在莫斯科。", None),  # no Latin word
        ("他用iphone", None),  # no capitalized Latin word
        ("Dundee追平後，Lukas Nielsen", "Dundee,   Lukas Nielsen"),
    ],
)
def test_latin_view(text, view):
    out = latin_view(text)
    assert out == view
    if out is not None:
        assert len(out) == len(text)


def test_latin_view_keeps_offsets_of_latin_text():
    text = "美国参议员Jeff Flake和Chris Coons表示"
    view = latin_view(text)
    assert view is not None
    for name in ("Jeff Flake", "Chris Coons"):
        i = text.index(name)
        assert view[i : i + len(name)] == name


def test_add_latin_names_keeps_chinese_spans():
    han = [Span(0, 2, "LOC")]
    latin = [Span(1, 4, "ORG"), Span(5, 9, "PER"), Span(10, 12, "ORG")]
    merged = add_latin_names(han, latin)
    assert merged == [Span(0, 2, "LOC"), Span(5, 9, "PER"), Span(10, 12, "ORG")]


def test_a_latin_name_read_whole_replaces_the_chinese_spans_inside_it():
    text = "邪恶 Jason Volta，由"
    han = [Span(3, 8, "PER"), Span(0, 2, "LOC")]  # the Chinese model cut the name
    latin = [Span(3, 14, "PER"), Span(1, 4, "ORG")]  # crossing 邪恶's edge: left out
    merged = add_latin_names(han, latin)
    assert [(text[s.start : s.end], s.label) for s in merged] == [
        ("邪恶", "LOC"),
        ("Jason Volta", "PER"),
    ]
    # the same offsets: the Chinese span and its type stay
    assert add_latin_names([Span(3, 14, "ORG")], [Span(3, 14, "PER")]) == [Span(3, 14, "ORG")]


def _tagged_zh(sentence: str) -> AnalyzedDocument:
    """A one-sentence Chinese document through the NER stage."""
    doc = AnalyzedDocument(
        "d1", "x.txt", "0" * 64, "utf-8", sentence, sentence,
        sentences=[Segment(0, len(sentence), "zh")],
    )  # fmt: skip
    NerStage(Settings()).process(doc)
    return doc


@pytest.mark.model
def test_stage_tags_latin_names_in_chinese_sentences():
    sentence = "美国参议员Jeff Flake周五在CNN表示，他支持调查。"
    text = sentence + "\n"
    doc = AnalyzedDocument(
        "d1", "x.txt", "0" * 64, "utf-8", text, text, sentences=[Segment(0, len(sentence), "zh")]
    )
    NerStage(Settings()).process(doc)
    found = {m.text: m for m in doc.mentions}
    assert "Jeff Flake" in found and found["Jeff Flake"].label == "PER"
    assert found["Jeff Flake"].lang == "zh"
    assert all(m.text == doc.text[m.start : m.end] for m in doc.mentions)


@pytest.mark.model
@pytest.mark.parametrize("dot", ["·", "‧", "・"])
def test_a_transcribed_name_is_one_span_whatever_dot_separates_its_words(dot):
    """Taiwan writes ``‧`` (U+2027) where the models' training text has ``·``: the models read
    it as ``·`` (``name_dots``), so ``莎拉‧裴琳`` is one person, not two."""
    sentence = f"他的母亲莎拉{dot}裴琳报警。"
    doc = _tagged_zh(sentence)
    assert [(m.text, m.label) for m in doc.mentions] == [(f"莎拉{dot}裴琳", "PER")]


@pytest.mark.model
def test_a_latin_name_with_diacritics_in_chinese_text_is_one_span():
    """The Chinese models read ``á`` as ``a`` (``model_plain_latin``): ``Paz Zárate`` is not cut
    to ``Paz``; the mention keeps the text as written."""
    sentence = "智利的国际法专家 Paz Zárate 说。"
    doc = _tagged_zh(sentence)
    assert ("Paz Zárate", "PER") in [(m.text, m.label) for m in doc.mentions]


def test_the_chinese_models_read_latin_letters_without_diacritics():
    from pipeline.lang.defaults import defaults

    text = "智利的 Paz Zárate 說，Łódź"
    read = defaults("zh").to_model_script(text)
    assert read == "智利的 Paz Zarate 说，Łodz"  # Ł has no decomposition: kept
    assert len(read) == len(text)
    assert defaults("lv").to_model_script("Zárate Rīga") == "Zárate Rīga"


@pytest.mark.model
def test_a_chinese_address_is_tagged_as_its_places():
    """The shipped model takes ``阿拉斯加州瓦西拉`` (Alaska state, Wasilla) as one place: the
    stage gives the state and the town (:mod:`pipeline.ner.place_spans`)."""
    sentence = "特拉克·佩林在阿拉斯加州瓦西拉被捕。"
    doc = _tagged_zh(sentence)
    places = [m.text for m in doc.mentions if m.label == "LOC"]
    assert places == ["阿拉斯加州", "瓦西拉"]


@pytest.mark.parametrize(
    ("sentence", "span", "expected"),
    [
        ("Spēlē “Rangers” uzvarēja.", (6, 15), "“Rangers”"),  # paired: the corpus convention
        ("Apvienotā Karaliste “ir", (0, 21), "Apvienotā Karaliste"),  # unpaired: dropped
        ('Firma "Rīgas ūdens" strādā', (6, 19), '"Rīgas ūdens"'),
        ('Rīga" ir', (0, 5), "Rīga"),
        ("  Rīga  ", (0, 8), "Rīga"),
        ("“”", (0, 2), None),
        # the quotation opens before the name and closes after it: the name alone
        ("“Savienotās Valstis var,” viņš teica.", (0, 19), "Savienotās Valstis"),
        ("teica Rīga” un", (6, 11), "Rīga"),
        ("“Latvijas Banka” ir", (0, 16), "“Latvijas Banka”"),  # paired: kept
        # inside an e-mail address: no name
        ("Aleksis.Jarockis@fm.gov.lv", (0, 16), None),
        ("rakstiet: anna.berzina@example.com", (10, 21), None),
        ("Aleksis Jarockis, fm.gov.lv", (0, 16), "Aleksis Jarockis"),
    ],
)
def test_trim_drops_spaces_and_unpaired_quotation_marks(sentence, span, expected):
    from pipeline.ner.stage import trim_span

    out = trim_span(sentence, Span(*span, "ORG"))
    assert (None if out is None else sentence[out.start : out.end]) == expected


@pytest.mark.parametrize(
    ("sentence", "surface", "expected"),
    [
        ("菁英聯盟：Dundee Stars 領先", "菁英聯盟：Dundee Stars", ["菁英聯盟", "Dundee Stars"]),
        ("他提到美国“国防部”的报告", "美国“国防部", ["美国", "国防部"]),
        ("在德比（Derby）工作", "德比（Derby", ["德比", "Derby"]),
        ("在德比 (Derby) 工作", "德比 (Derby", ["德比", "Derby"]),  # ASCII brackets too
        ("the Dundee (Scotland) side", "Dundee (Scotland", ["Dundee", "Scotland"]),
        ("德比（Derby）", "德比（Derby）", ["德比", "Derby"]),  # closed, nothing after it
        (  # an acronym inside a long name stays (the FullStack annotation)
            "dienesta (PVD) Ziemeļkurzemes pārvaldes",
            "dienesta (PVD) Ziemeļkurzemes pārvaldes",
            ["dienesta (PVD) Ziemeļkurzemes pārvaldes"],
        ),
        ("维也纳迅速队赢了", "维也纳迅速队", ["维也纳迅速队"]),  # nothing to cut
        ("Spēlē “Rangers” uzvarēja.", "“Rangers”", ["“Rangers”"]),  # a mark at the start stays
        ("Vīnes “Rapid” uzvarēja", "Vīnes “Rapid”", ["Vīnes “Rapid”"]),  # after a space: one name
        ("，。", "，。", []),
    ],
)
def test_a_span_is_cut_at_chinese_clause_punctuation_and_inner_opening_quotes(
    sentence, surface, expected
):
    from pipeline.ner.stage import split_at_clause_marks, trim_span

    start = sentence.index(surface)
    pieces = split_at_clause_marks(sentence, Span(start, start + len(surface), "ORG"))
    kept = [t for t in (trim_span(sentence, p) for p in pieces) if t is not None]
    assert [sentence[t.start : t.end] for t in kept] == expected
    assert all(t.label == "ORG" for t in kept)


@pytest.mark.parametrize(
    ("lang", "sentence", "surface", "label", "expected"),
    [
        (
            "en",
            "Yesterday Sen. Jeff Flake spoke.",
            "Sen. Jeff Flake",
            "PER",
            [("Jeff Flake", "PER")],
        ),
        (
            "en",
            "said Rep. Geoff Diehl on Monday",
            "Rep. Geoff Diehl",
            "ORG",
            [("Geoff Diehl", "PER")],
        ),
        (
            "en",
            "Arizona Sen. Jeff Flake said",
            "Arizona Sen. Jeff Flake",
            "PER",
            [("Jeff Flake", "PER")],
        ),
        (
            "en",
            "Latvia President Egils Levits",
            "Latvia President Egils Levits",
            "PER",
            [("Latvia", "LOC"), ("Egils Levits", "PER")],
        ),  # the gazetteer lists Latvia
        ("en", "President Trump said", "President Trump", "PER", [("Trump", "PER")]),
        ("en", "Mr Clark said", "Mr Clark", "PER", [("Clark", "PER")]),  # British: no period
        ("en", "Mrs Dalloway", "Mrs Dalloway", "PER", [("Dalloway", "PER")]),
        ("en", "the President spoke", "President", "PER", [("President", "PER")]),  # no name left
        ("en", "the President Hotel", "President Hotel", "ORG", [("President Hotel", "ORG")]),
        ("en", "Senator Hill", "Senator Hill", "LOC", [("Senator Hill", "LOC")]),  # not a person
        ("en", "Dr.Who", "Dr.Who", "PER", [("Dr.Who", "PER")]),  # no word boundary
        ("lv", "Mejas kundze teica", "Mejas kundze", "PER", [("Mejas kundze", "PER")]),  # kept
        ("zh", "克拉克先生说", "克拉克先生", "PER", [("克拉克", "PER")]),
        ("lv", "Kundze", "Kundze", "PER", [("Kundze", "PER")]),  # nothing before the title
        # a Latvian title before the name, capitalized where a sentence begins with it
        ("lv", "Kapteinis Halkets teica", "Kapteinis Halkets", "PER", [("Halkets", "PER")]),
        ("lv", "tiesneša Kavanas", "tiesneša Kavanas", "PER", [("Kavanas", "PER")]),
        ("zh", "特朗普总统说", "特朗普总统", "PER", [("特朗普", "PER")]),
        ("zh", "參議員弗雷克說", "參議員弗雷克", "PER", [("弗雷克", "PER")]),  # Traditional input
        ("zh", "梅女士说", "梅女士", "PER", [("梅女士", "PER")]),  # one character is too little
        ("zh", "总统府", "总统府", "LOC", [("总统府", "LOC")]),
    ],
)
def test_person_titles_are_cut_out_of_names(lang, sentence, surface, label, expected):
    from pipeline.lang.defaults import defaults
    from pipeline.ner.person_spans import cut_titles

    start = sentence.index(surface)
    model_text = defaults(lang).to_model_script(sentence)
    spans = cut_titles(model_text, Span(start, start + len(surface), label), lang)
    assert [(sentence[s.start : s.end], s.label) for s in spans] == expected


@pytest.mark.parametrize(
    ("sentence", "spans", "expected"),
    [
        # the name after a courtesy title is a person's, tagged or not, whatever its type
        ("Mrs May said so.", [], [("May", "PER", "title")]),
        ("Ms. Ford testified and Mr Van Dyke left.", [("Ford", "ORG")], [
            ("Ford", "PER", "model"), ("Van Dyke", "PER", "title"),
        ]),
        # a span that runs past the name is the tagger's call; a lower-case word is no name
        ("Mr Smith Jones said.", [("Smith Jones said", "ORG")], [("Smith Jones said", "ORG", "model")]),
        ("Mr. and Mrs. smith came.", [], []),
        # no courtesy title: "Dr." is one of the other titles, "Mrs" inside a word is none
        ("Dr. PawPaw balm.", [], []),
        ("The Mrsa outbreak.", [], []),
    ],
)  # fmt: skip
def test_the_name_after_a_courtesy_title_is_a_person(sentence, spans, expected):
    from pipeline.ner.person_spans import courtesy_persons

    given = [Span(sentence.index(t), sentence.index(t) + len(t), label) for t, label in spans]
    found = courtesy_persons(sentence, given, "en")
    assert [(sentence[s.start : s.end], s.label, s.source) for s in found] == expected
    assert courtesy_persons("May kundze teica.", [], "lv") == []  # no courtesy titles there


def _spans_at(sentence: str, spans: list[tuple[str, str]]) -> list[Span]:
    """Spans over the first occurrence of each (surface, label) in ``sentence``."""
    found = []
    for surface, label in spans:
        start = sentence.index(surface)
        found.append(Span(start, start + len(surface), label))
    return found


@pytest.mark.parametrize(
    ("lang", "sentence", "spans", "expected"),
    [
        # a surname that is a month, cut off by the tagger, is taken back
        ("en", "Mr Clark said Theresa May's plan", [("Theresa", "PER")], [("Theresa May", "PER")]),
        ("en", "Theresa May will announce it", [("Theresa", "PER")], [("Theresa May", "PER")]),
        ("en", "Brian June.", [("Brian", "PER")], [("Brian June", "PER")]),
        ("en", "Theresa May, 61, said", [("Theresa", "PER")], [("Theresa May", "PER")]),
        # a date after the name, a place, another span on the month, a lower-case month
        ("en", "Smith May 5 was set", [("Smith", "PER")], [("Smith", "PER")]),
        ("en", "Smith May, 2018", [("Smith", "PER")], [("Smith", "PER")]),
        ("en", "Paris May events", [("Paris", "LOC")], [("Paris", "LOC")]),
        (
            "en",
            "Smith May Day",
            [("Smith", "PER"), ("May Day", "ORG")],
            [("Smith", "PER"), ("May Day", "ORG")],
        ),
        ("en", "Smith may go", [("Smith", "PER")], [("Smith", "PER")]),
        ("en", "Theresa Mayfield", [("Theresa", "PER")], [("Theresa", "PER")]),
        # Latvian writes months in lower case; Chinese has no spaces
        ("lv", "Terēza Meja teica", [("Terēza", "PER")], [("Terēza", "PER")]),
        ("zh", "特蕾莎·梅说", [("特蕾莎", "PER")], [("特蕾莎", "PER")]),
    ],
)
def test_a_month_surname_cut_off_a_person_is_joined_back(lang, sentence, spans, expected):
    from pipeline.ner.person_spans import join_month_surnames

    joined = join_month_surnames(sentence, _spans_at(sentence, spans), lang)
    assert [(sentence[s.start : s.end], s.label) for s in joined] == expected


@pytest.mark.parametrize(
    ("lang", "sentence", "spans", "expected"),
    [
        # a middle name or an initial read as a boundary: one person cut in two
        (
            "lv",
            "mācītājs Džona Hovarda Džonsona vadībā",
            [("Džona Hovarda", "PER"), ("Džonsona", "PER")],
            [("Džona Hovarda Džonsona", "PER")],
        ),
        (
            "en",
            "said Dionisio A. Lind, a sound engineer",
            [("Dionisio", "PER"), ("A. Lind", "PER")],
            [("Dionisio A. Lind", "PER")],
        ),
    ],
)
def test_a_person_cut_in_two_at_a_middle_name_is_joined(lang, sentence, spans, expected):
    from pipeline.ner.person_spans import join_adjacent_persons

    joined = join_adjacent_persons(sentence, _spans_at(sentence, spans), lang)
    assert [(sentence[s.start : s.end], s.label) for s in joined] == expected


@pytest.mark.parametrize(
    ("lang", "sentence", "spans", "expected"),
    [
        # Latvian capitalizes only names inside a sentence: the given name the tagger left out
        ("lv", "uzbrukumu savam tēvam Todam Peilinam.", ["Peilinam"], ["Todam Peilinam"]),
        ("lv", "Tomēr ASV Valsts Sekretārs Maiks Pompeo teica", ["Maiks Pompeo"], ["Maiks Pompeo"]),
        (
            "lv",
            "Tomēr Enriko Djego Andželini teica",
            ["Djego Andželini"],
            ["Enriko Djego Andželini"],
        ),
        ("lv", "Todam Peilinam uzbruka", ["Peilinam"], ["Peilinam"]),  # the sentence's start
        # ... unless the original glossed after it has more words
        ("lv", "Babba Vatsons (Bubba Watson) uzvarēja", ["Vatsons"], ["Babba Vatsons"]),
        ("lv", "Vakar Vatsons (Watson) uzvarēja", ["Vatsons"], ["Vatsons"]),
        ("lv", "“Rīgas” Jānis Bērziņš", ["Jānis Bērziņš"], ["Jānis Bērziņš"]),  # after a quote
        ("lv", "tikās ASV Tramps", ["Tramps"], ["Tramps"]),  # an acronym
        ("lv", "dzīvo Burnastonā Mārvins", ["Mārvins"], ["Mārvins"]),  # a place, in the locative
        ("lv", "tikās ar Kapteini Halketu", ["Halketu"], ["Halketu"]),  # a title
        ("lv", "pie Džona Hovarda Džonsona", ["Hovarda Džonsona"], ["Džona Hovarda Džonsona"]),
        (
            "lv",
            "pie Džona Hovarda Džonsona",
            ["Džona Hovarda Džonsona"],
            ["Džona Hovarda Džonsona"],
        ),
        # English capitalizes weekdays, demonyms and titles too
        ("en", "said on Monday Trump", ["Trump"], ["Trump"]),
    ],
)
def test_a_capitalized_word_before_a_person_in_latvian_is_the_given_name(
    lang, sentence, spans, expected
):
    from pipeline.ner.person_spans import take_in_given_names

    found = take_in_given_names(sentence, _spans_at(sentence, [(s, "PER") for s in spans]), lang)
    assert [sentence[s.start : s.end] for s in found] == expected


@pytest.mark.parametrize(
    ("lang", "sentence", "spans"),
    [
        # two people of two words each side by side: a headline's genitives
        (
            "lv",
            "Sāra Peilina citē Treka Peilina PTSS Donalda Trampa mītiņā",
            [("Treka Peilina", "PER"), ("Donalda Trampa", "PER")],
        ),
        # a comma or a conjunction between, another type, no space at all
        ("en", "Smith, Jones and", [("Smith", "PER"), ("Jones", "PER")]),
        ("en", "Smith and Jones", [("Smith", "PER"), ("Jones", "PER")]),
        ("en", "Paris Hilton Hotel", [("Paris", "LOC"), ("Hilton", "PER")]),
        ("zh", "李明王刚", [("李明", "PER"), ("王刚", "PER")]),
    ],
)
def test_two_people_side_by_side_stay_apart(lang, sentence, spans):
    from pipeline.ner.person_spans import join_adjacent_persons

    kept = join_adjacent_persons(sentence, _spans_at(sentence, spans), lang)
    assert [(sentence[s.start : s.end], s.label) for s in kept] == spans


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Burnastonā Mārvins Kuks", [("Burnastonā", "LOC"), ("Mārvins Kuks", "PER")]),
        ("Rīgā Jānis Bērziņš", [("Rīgā", "LOC"), ("Jānis Bērziņš", "PER")]),
        ("Annā Bērziņā Kalnā", [("Annā Bērziņā Kalnā", "PER")]),  # one case throughout
        ("Jānis Bērziņš", [("Jānis Bērziņš", "PER")]),
        ("Rīgā Bērziņš", [("Rīgā Bērziņš", "PER")]),  # two words: too little to tell
        # a name of one or two words that ends in the locative is a place: no person is "in"
        ("Flagstāfā", [("Flagstāfā", "LOC")]),
        ("Jaunajā Zēlandē", [("Jaunajā Zēlandē", "LOC")]),
        ("Bērziņš", [("Bērziņš", "PER")]),
    ],
)
def test_a_latvian_person_span_starting_with_a_locative_is_a_place_and_a_name(surface, expected):
    from pipeline.ner.person_spans import clean_person_spans

    spans = clean_person_spans(surface, Span(0, len(surface), "PER"), "lv")
    assert [(surface[s.start : s.end], s.label) for s in spans] == expected
    # English has no locative case: nothing is split
    assert clean_person_spans(surface, Span(0, len(surface), "PER"), "en") == [
        Span(0, len(surface), "PER")
    ]


@pytest.mark.parametrize(
    ("surface", "label", "expected"),
    [
        # an ambassador "in Latvia" tagged as one organization
        ("Latvijā Sandra Kalniete", "ORG", [("Latvijā", "LOC"), ("Sandra Kalniete", "PER")]),
        ("Igaunijā Reinss Ruutsoo", "LOC", [("Igaunijā", "LOC"), ("Reinss Ruutsoo", "PER")]),
        # a definite adjective ends like a locative: an organization's name stays whole
        ("Nacionālā Būvkompāniju apvienība", "ORG", [("Nacionālā Būvkompāniju apvienība", "ORG")]),
        ("Apvienotajā Karalistē", "LOC", [("Apvienotajā Karalistē", "LOC")]),
        ("Rīgā Stradiņa Universitātē", "ORG", [("Rīgā Stradiņa Universitātē", "ORG")]),
    ],
)
def test_a_latvian_span_of_another_type_splits_at_a_locative_before_a_name(
    surface, label, expected
):
    from pipeline.ner.person_spans import clean_person_spans

    spans = clean_person_spans(surface, Span(0, len(surface), label), "lv")
    assert [(surface[s.start : s.end], s.label) for s in spans] == expected


@pytest.mark.parametrize(
    ("lang", "text", "span", "expected"),
    [
        ("lv", "projekts Lašu ielā 1A, Jūrmalā", "Lašu ielā", "Lašu ielā 1A"),
        (
            "lv",
            "muzejā (Vecpilsētas iela 13/15, Rīgā)",
            "Vecpilsētas iela",
            "Vecpilsētas iela 13/15",
        ),
        ("lv", "Raiņa bulvārī 19.", "Raiņa bulvārī", "Raiņa bulvārī 19"),
        ("lv", "Rīgas ielā 2.gadsimtā", "Rīgas ielā", "Rīgas ielā"),  # not an ordinal
        ("lv", "Brīvības ielā 1,5 km", "Brīvības ielā", "Brīvības ielā"),  # not a decimal
        ("lv", "Brīvības ielā 12-14", "Brīvības ielā", "Brīvības ielā"),  # a range: left out
        ("lv", "Rīgā 5 cilvēki", "Rīgā", "Rīgā"),  # no street
        ("en", "Baker Street 221b", "Baker Street", "Baker Street"),  # English: no rule
    ],
)
def test_a_house_number_after_a_street_is_part_of_the_place(lang, text, span, expected):
    from pipeline.ner.stage import take_in_house_numbers

    start = text.index(span)
    out = take_in_house_numbers(text, [Span(start, start + len(span), "LOC")], lang)
    assert [text[s.start : s.end] for s in out] == [expected]


@pytest.mark.parametrize(
    ("lang", "surface", "expected"),
    [
        ("zh", "Raheem Sterling 瓦解", "Raheem Sterling"),  # a verb after the name
        ("zh", "Sterling 才", "Sterling"),  # an adverb
        ("zh", "CNN 電視直播", "CNN"),  # Traditional text: the head check reads Simplified
        ("zh", "Ibrox 球場", "Ibrox 球場"),  # a generic head: the stadium's name
        ("zh", "Fox 財經頻道", "Fox 財經頻道"),  # a channel
        ("zh", "Gary Holt 的球队", "Gary Holt"),  # a head after a possessive: another thing's
        ("zh", "Gary Holt 的球隊", "Gary Holt"),  # Traditional
        ("zh", "Sonora 西北部地區", "Sonora 西北部地區"),
        ("zh", "Will Wade 表示球队", "Will Wade"),  # a head after a verb: the clause's object
        ("zh", "Peter Murchie 應該對球隊", "Peter Murchie"),  # after a verb and a preposition
        ("zh", "利物浦隊", "利物浦隊"),  # no Latin part
        ("en", "Sterling Bank", "Sterling Bank"),  # spaced languages are left alone
    ],
)
def test_a_latin_name_loses_the_han_words_after_it_unless_they_end_in_a_head(
    lang, surface, expected
):
    from pipeline.lang.defaults import defaults
    from pipeline.ner.stage import cut_latin_name_tail

    model_text = defaults(lang).to_model_script(surface)
    span = cut_latin_name_tail(model_text, Span(0, len(surface), "ORG"), lang)
    assert surface[span.start : span.end] == expected


@pytest.mark.parametrize(
    ("text", "name", "expected", "label"),
    [
        ("在 Fox 新聞頻道，邀請", "Fox", "Fox 新聞頻道", "ORG"),  # a head after two characters
        ("Tony Macaroni 球场的", "Tony Macaroni", "Tony Macaroni 球场", "LOC"),
        ("南 Lee 縣的海岸", "Lee", "Lee 縣", "LOC"),  # a one-character head, directly
        ("Smith 在海边", "Smith", "Smith", "PER"),  # a one-character head after other words
        ("Diehl 是川普", "Diehl", "Diehl", "PER"),  # no head
        ("因为 Gary Holt 的球队追平", "Gary Holt", "Gary Holt", "PER"),  # a possessed team
        ("洛杉矶湖人队", "洛杉矶", "洛杉矶", "PER"),  # not a Latin-script name
        ("Sonora 西北部地区下雨", "Sonora", "Sonora", "PER"),  # a part of the place
        ("教練 Peter Murchie 應該對球隊的", "Peter Murchie", "Peter Murchie", "PER"),  # a clause
    ],
)
def test_a_latin_name_takes_in_the_han_words_up_to_a_head(text, name, expected, label):
    from pipeline.lang.defaults import defaults
    from pipeline.ner.stage import extend_latin_name_head

    start = text.index(name)
    model_text = defaults("zh").to_model_script(text)
    span = extend_latin_name_head(model_text, Span(start, start + len(name), "PER"), "zh")
    assert (text[span.start : span.end], span.label) == (expected, label)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("包括 PBS、C-SPAN 和 Fox", "SPAN", "C-SPAN"),  # cut at a hyphen
        ("在 U.S 的", "S", "U.S"),  # cut at a dot
        ("Jaguar Land Rover 公司", "Jaguar", "Jaguar"),  # whole words already
        ("在 A- 的", "A", "A"),  # a hyphen with no word after it
    ],
)
def test_a_latin_span_of_a_chinese_sentence_covers_whole_words(text, name, expected):
    from pipeline.ner.stage import whole_latin_words

    start = text.index(name)
    span = whole_latin_words(text, Span(start, start + len(name), "ORG"))
    assert text[span.start : span.end] == expected


@pytest.mark.parametrize(
    ("text", "name", "expected", "label"),
    [
        ("他在卡内基梅隆大学工作", "卡内基梅隆", "卡内基梅隆大学", "ORG"),  # an organization's head
        ("坦帕灣地區的海岸", "坦帕灣", "坦帕灣", "PER"),  # a place's head only describes it
        ("中国海军", "中国", "中国", "PER"),  # no head
    ],
)
def test_a_han_name_takes_in_an_organizations_head(text, name, expected, label):
    from pipeline.lang.defaults import defaults
    from pipeline.ner.stage import extend_han_name_head

    start = text.index(name)
    model_text = defaults("zh").to_model_script(text)
    span = extend_han_name_head(model_text, Span(start, start + len(name), "PER"), "zh")
    assert (text[span.start : span.end], span.label) == (expected, label)


@pytest.mark.parametrize(
    ("lang", "text", "name", "label", "expected", "expected_label"),
    [
        # a place or person followed by an organization's head word is that organization
        (
            "lv",
            "Skotijas valdība apņēmās segt izmaksas.",
            "Skotijas",
            "LOC",
            "Skotijas valdība",
            "ORG",
        ),
        ("lv", "Trampa organizācijas vadība", "Trampa", "PER", "Trampa organizācijas", "ORG"),
        ("lv", "ASV komandai bija grūti.", "ASV", "LOC", "ASV komandai", "ORG"),
        ("lv", "ASV jūras flotes kuģis", "ASV", "LOC", "ASV jūras flotes", "ORG"),
        (
            "lv",
            "Krievijas bruņotie spēki iebruka",
            "Krievijas",
            "LOC",
            "Krievijas bruņotie spēki",
            "ORG",
        ),
        ("lv", "ASV jūras krastā", "ASV", "LOC", "ASV", "LOC"),  # the first word alone is no head
        ("zh", "英国政府也在加紧准备。", "英国", "LOC", "英国政府", "ORG"),
        ("zh", "華盛頓郵報報導了此事。", "華盛頓", "LOC", "華盛頓郵報", "ORG"),
        # a league named after its continent is the league
        (
            "lv",
            "Spēle UEFA Eiropas līgā notiks ceturtdien.",
            "Eiropas",
            "LOC",
            "Eiropas līgā",
            "ORG",
        ),
        ("zh", "切尔西队将在欧洲联赛迎战对手。", "欧洲", "LOC", "欧洲联赛", "ORG"),
        # a newspaper, a news service, a police force named after their place
        ("zh", "南华早报报道了此事。", "南华", "LOC", "南华早报", "ORG"),
        ("zh", "据CBC新闻报道，", "CBC", "ORG", "CBC新闻", "ORG"),
        ("zh", "苏格兰警察正在调查。", "苏格兰", "LOC", "苏格兰警察", "ORG"),
        ("zh", "他们在欧洲冠军联赛小组赛中获胜。", "欧洲", "LOC", "欧洲冠军联赛", "ORG"),
        # a place's own head word, a longer word on the same stem, no head at all
        ("lv", "Rīgas pilsētā notika protests.", "Rīgas", "LOC", "Rīgas", "LOC"),
        ("lv", "Latvijas komandieris ieradās.", "Latvijas", "LOC", "Latvijas", "LOC"),
        ("zh", "英国首相访问了中国。", "英国", "LOC", "英国", "LOC"),
        # English taggers take the whole name: no head words
        ("en", "The Scotland government said so.", "Scotland", "LOC", "Scotland", "LOC"),
    ],
)
def test_a_name_takes_in_an_organizations_head_word(
    lang, text, name, label, expected, expected_label
):
    from pipeline.lang.defaults import defaults
    from pipeline.ner.stage import extend_to_organization_head

    start = text.index(name)
    model_text = defaults(lang).to_model_script(text)
    span = extend_to_organization_head(model_text, Span(start, start + len(name), label), lang)
    assert (text[span.start : span.end], span.label) == (expected, expected_label)


@pytest.mark.model
def test_the_stage_tags_a_government_not_its_country():
    sentence = "Skotijas valdība apņēmās segt izmaksas."
    text = sentence + "\n"
    doc = AnalyzedDocument(
        "d1", "x.txt", "0" * 64, "utf-8", text, text, sentences=[Segment(0, len(sentence), "lv")]
    )
    NerStage(Settings()).process(doc)
    assert [(m.text, m.label) for m in doc.mentions] == [("Skotijas valdība", "ORG")]


@pytest.mark.parametrize(
    ("sentence", "surface", "expected"),
    [
        ("President Moon Jae-in spoke.", "Moon Jae-", "Moon Jae-in"),
        ("Kim Jong-un and aides", "Kim Jong-", "Kim Jong-un"),
        ("Moon Jae- in Seoul", "Moon Jae-", "Moon Jae-"),  # a space after the hyphen
        ("the Jae-in", "Jae-in", "Jae-in"),  # whole already
        ("2018- 19", "2018-", "2018-"),
        # a hyphen and a capitalized word continue the name; a lower-case compound does not
        ("at Rhein-Neckar-Arena in", "Rhein-Neckar", "Rhein-Neckar-Arena"),
        ("Austria-Hungary fell", "Austria", "Austria-Hungary"),
        ("a Toyota-owned plant", "Toyota", "Toyota"),
        # ... on either side
        ("Pols Mills-Hiks teica", "Hiks", "Mills-Hiks"),
        ("the anti-Trump vote", "Trump", "Trump"),  # a lower-case prefix
    ],
)
def test_a_name_cut_at_its_hyphen_takes_the_rest_of_the_word(sentence, surface, expected):
    from pipeline.ner.stage import complete_hyphenated_name

    start = sentence.index(surface)
    span = complete_hyphenated_name(sentence, Span(start, start + len(surface), "PER"))
    assert sentence[span.start : span.end] == expected


@pytest.mark.parametrize(
    ("lang", "sentence", "surface", "expected"),
    [
        # function words and month or weekday words end no name
        ("en", "up to 6 inches in the Mogollon Rim of Arizona.", "Mogollon Rim of", "Mogollon Rim"),
        ("lv", "panākt Phenjanas kodol- un ballistisko", "Phenjanas kodol-", "Phenjanas"),
        ("lv", "kopā ar Žanu-Polu un", "Žanu-Polu", "Žanu-Polu"),  # a hyphen inside
        ("en", "the Bank of England said", "Bank of England", "Bank of England"),
        ("en", "a letter to Theresa May on Friday", "Theresa May", "Theresa May"),
        ("lv", "Viņš devās prom no Phenjanas jūlijā, teikdams", "Phenjanas jūlijā", "Phenjanas"),
        ("lv", "Vizīte Rīgā pirmdien beidzās", "Rīgā pirmdien", "Rīgā"),
        (
            "lv",
            "Valsts ieņēmumu dienests paziņoja",
            "Valsts ieņēmumu dienests",
            "Valsts ieņēmumu dienests",
        ),
        ("lv", "Latvija un", "Latvija un", "Latvija"),
        # a part of the place: "in southern and eastern Nevada", "eastern California"
        (
            "lv",
            "Nevadas dienvidu un austrumu daļā lija",
            "Nevadas dienvidu un austrumu",
            "Nevadas",
        ),
        ("zh", "暴雨袭击加州东部。", "加州东", "加州"),
        ("zh", "Sonora 西北部地区下雨", "Sonora 西北部地区", "Sonora"),
        ("zh", "北部湾经济区", "北部湾", "北部湾"),  # a name may start with one
        (
            "zh",
            "教练 Peter Murchie 的",
            "Peter Murchie 的",
            "Peter Murchie 的",
        ),  # unspaced: only parts of places are cut
    ],
)
def test_trailing_function_and_date_words_are_cut(lang, sentence, surface, expected):
    from pipeline.ner.stage import cut_trailing_words

    start = sentence.index(surface)
    # typed ORG: the words a place's or person's name may end with are tested below
    span = cut_trailing_words(sentence, Span(start, start + len(surface), "ORG"), lang)
    assert sentence[span.start : span.end] == expected


@pytest.mark.parametrize(
    ("surface", "label", "expected"),
    [
        ("Olimpa valdnieces", "LOC", "Olimpa"),  # "the ruler of Olympus"
        ("Kadagas ciema satiksmes drošības", "LOC", "Kadagas ciema"),
        ("Ēģiptes piramīdām", "LOC", "Ēģiptes"),
        ("Kuldīgas novada", "LOC", "Kuldīgas novada"),  # a kind of place: kept
        ("Baltijas valstīs", "LOC", "Baltijas valstīs"),
        ("Mežotnes pamatskolas", "LOC", "Mežotnes pamatskolas"),  # a compound ending in one
        ("Rīgas līcis", "LOC", "Rīgas līcis"),  # place_heads.txt
        ("Vidas zeltainais", "PER", "Vidas"),
        ("Bērziņa kunga", "PER", "Bērziņa kunga"),
        ("Rīgas pilsētas būvmeistars", "ORG", "Rīgas pilsētas būvmeistars"),  # no rows for ORG
    ],
)
def test_a_place_or_person_loses_a_last_lower_case_word_no_such_name_ends_with(
    surface, label, expected
):
    from pipeline.ner.stage import cut_trailing_words

    span = cut_trailing_words(surface, Span(0, len(surface), label), "lv")
    assert surface[span.start : span.end] == expected
    # English has no such rows: nothing is cut
    assert cut_trailing_words(surface, Span(0, len(surface), label), "en").end == len(surface)


@pytest.mark.parametrize(
    ("lang", "label", "sentence", "surface", "expected"),
    [
        (
            "en",
            "ORG",
            "taking on Boots, Superdrug and Debenhams",
            "Boots, Superdrug",
            ["Boots", "Superdrug"],
        ),
        (
            "en",
            "PER",
            "with Tom Smith, Anna Jones and",
            "Tom Smith, Anna Jones",
            ["Tom Smith", "Anna Jones"],
        ),
        ("en", "PER", "said John Smith, Jr. on", "John Smith, Jr.", ["John Smith, Jr."]),
        ("en", "ORG", "shares of Acme, Inc. fell", "Acme, Inc.", ["Acme, Inc."]),
        (
            "en",
            "LOC",
            "in Holyoke, Massachusetts on",
            "Holyoke, Massachusetts",
            ["Holyoke, Massachusetts"],
        ),
        ("en", "ORG", "the company, which", "company, which", ["company, which"]),  # lower case
        ("zh", "ORG", "Boots, Superdrug", "Boots, Superdrug", ["Boots, Superdrug"]),
        # two quoted names, whatever the label: a closing mark, a conjunction, an opening mark
        (
            "lv",
            "ORG",
            "no “Roche-Posay”un “Vichy” zīmoliem",
            "“Roche-Posay”un “Vichy”",
            ["“Roche-Posay”", "“Vichy”"],
        ),
        (
            "en",
            "LOC",
            'at "Ibrox" and "Hampden" today',
            '"Ibrox" and "Hampden"',
            ['"Ibrox"', '"Hampden"'],
        ),
        ("lv", "ORG", "banka “Latvijas Banka” ziņo", "“Latvijas Banka”", ["“Latvijas Banka”"]),
        ("lv", "ORG", "spēlēs Vīnes “Rapid” komanda", "Vīnes “Rapid”", ["Vīnes “Rapid”"]),
    ],
)
def test_listed_names_are_split_at_commas_and_between_quoted_names(
    lang, label, sentence, surface, expected
):
    from pipeline.ner.stage import split_listed_names

    start = sentence.index(surface)
    pieces = split_listed_names(sentence, Span(start, start + len(surface), label), lang)
    assert [sentence[p.start : p.end] for p in pieces] == expected
    assert all(p.label == label for p in pieces)


def test_organization_heads_drop_the_spans_they_cover_and_stop_at_longer_ones():
    from pipeline.ner.stage import extend_to_organization_heads

    text = "Skotijas valdība un ANO Ģenerālajā asamblejā"
    skotijas = Span(0, 8, "LOC")
    valdiba = Span(9, 16, "ORG")  # the tagger's own span of the head word: covered, dropped
    assert extend_to_organization_heads(text, [skotijas, valdiba], "lv") == [Span(0, 16, "ORG")]
    # a span that starts in the head word and goes on past it: no extension into it
    longer = Span(9, 19, "ORG")
    assert extend_to_organization_heads(text, [skotijas, longer], "lv") == [skotijas, longer]


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        ("kad Boriss Džonsons (Boris Johnson) aicināja", "Johnson", "Boris Johnson"),
        ("(Jean-Paul Sartre)", "Sartre", "Jean-Paul Sartre"),
        ("(Dr. Christine Blasey Ford)", "Christine", "Dr. Christine Blasey Ford"),
        ("(Boris Johnson, 2019)", "Johnson", "Johnson"),  # more than a name in the parentheses
        ("(Rīga un Jūrmala)", "Rīga", "Rīga"),  # a lower-case word: two names
        ("(ASV)", "ASV", "ASV"),
        ("Boris Johnson", "Johnson", "Johnson"),  # no parentheses
    ],
)
def test_a_name_glossed_in_parentheses_is_tagged_whole(text, tagged, expected):
    from pipeline.ner.stage import whole_parenthesized_name

    start = text.index(tagged)
    span = whole_parenthesized_name(text, Span(start, start + len(tagged), "PER"))
    assert text[span.start : span.end] == expected


def test_two_pieces_of_one_gloss_make_one_span():
    from pipeline.ner.stage import _cleaned_spans

    text = "Boriss Džonsons (Boris Johnson) aicināja."
    spans = [Span(17, 22, "PER"), Span(23, 30, "PER")]
    assert [text[s.start : s.end] for s in _cleaned_spans(spans, text, text, "lv")] == [
        "Boris Johnson"
    ]


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        (
            "a National Security Commission on Artificial Intelligence has",
            [("National Security Commission", "ORG"), ("Artificial Intelligence", "ORG")],
            ["National Security Commission on Artificial Intelligence"],
        ),
        (
            "the Select Committee on Artificial Intelligence.",
            [("Select Committee", "ORG"), ("Artificial Intelligence", "ORG")],
            ["Select Committee on Artificial Intelligence"],
        ),
        # a place after the preposition is the topic: two names
        (
            "told the Security Council on North Korea",
            [("Security Council", "ORG"), ("North Korea", "LOC")],
            ["Security Council", "North Korea"],
        ),
        # one word before the preposition is too little to be an organization's name
        ("the FBI for Google", [("FBI", "ORG"), ("Google", "ORG")], ["FBI", "Google"]),
        # Latvian has no such prepositions
        (
            "Select Committee on Artificial Intelligence",
            [("Select Committee", "ORG"), ("Artificial Intelligence", "ORG")],
            ["Select Committee", "Artificial Intelligence"],
        ),
    ],
)
def test_an_organization_and_its_qualifying_phrase_are_one_name(text, tagged, expected):
    from pipeline.ner.stage import join_qualified_organizations

    lang = "lv" if text.startswith("Select") else "en"
    spans = [Span(text.index(t), text.index(t) + len(t), label) for t, label in tagged]
    joined = join_qualified_organizations(text, spans, lang)
    assert [text[s.start : s.end] for s in joined] == expected


@pytest.mark.parametrize(
    ("lang", "text", "tagged", "label", "expected"),
    [
        ("lv", 'Akciju sabiedrība "Grindeks" ziņoja', "Grindeks", "ORG", '"Grindeks"'),
        ("lv", "Operators “LMT” ziņoja", "LMT", "ORG", "“LMT”"),
        ("lv", "Viņš teica “Rīga” skaļi", "Rīga", "LOC", "Rīga"),  # organizations only
        ("lv", 'Uzņēmums "Grindeks Rus ziņoja', "Grindeks", "ORG", "Grindeks"),  # no pair
        ("en", 'The firm "Grindeks" said', "Grindeks", "ORG", "Grindeks"),  # not English's way
    ],
)
def test_an_organization_inside_quote_marks_takes_them_in_where_corpora_do(
    lang, text, tagged, label, expected
):
    from pipeline.ner.stage import take_in_quote_marks

    start = text.index(tagged)
    span = take_in_quote_marks(text, Span(start, start + len(tagged), label), lang)
    assert text[span.start : span.end] == expected


@pytest.mark.parametrize(
    ("lang", "text", "tagged", "label", "expected"),
    [
        ("lv", 'Uzņēmums AS "Grindeks" ziņoja', '"Grindeks"', "ORG", 'AS "Grindeks"'),
        ("lv", "Ziņas sagatavoja SIA “Pillar Management”.", "“Pillar Management”", "ORG",
         "SIA “Pillar Management”"),
        ("lv", "Viņš strādāja ASV “Ford” rūpnīcā", "“Ford”", "ORG", "“Ford”"),  # ASV, no form
        ("lv", "Tagad AS “Rīga” cīnās", "“Rīga”", "LOC", "“Rīga”"),  # organizations only
        ("lv", "Biedrība “Zaļie” ziņoja", "“Zaļie”", "ORG", "“Zaļie”"),  # a word, no abbreviation
        ("en", "The firm AS Grindeks said", "Grindeks", "ORG", "Grindeks"),  # not English's way
    ],
)  # fmt: skip
def test_a_company_after_its_abbreviated_legal_form_takes_it_in_where_corpora_do(
    lang, text, tagged, label, expected
):
    from pipeline.ner.stage import take_in_legal_form

    start = text.index(tagged)
    span = take_in_legal_form(text, Span(start, start + len(tagged), label), lang)
    assert text[span.start : span.end] == expected


@pytest.mark.parametrize(
    ("lang", "text", "tagged", "expected"),
    [
        ("lv", "Rīgas līcis ietekmē klimatu.", [("Rīgas", "LOC")], [("Rīgas līcis", "LOC")]),
        ("lv", "Karostas kanāla krastā", [("Karostas", "ORG")], [("Karostas kanāla", "LOC")]),
        ("lv", "ekspedīcija uz Ruņas upi", [("Ruņas", "PER")], [("Ruņas upi", "LOC")]),
        ("lv", "viena no Latvijas upēm", [("Latvijas", "LOC")], [("Latvijas", "LOC")]),  # plural
        ("lv", "Rīgas pilsoņi", [("Rīgas", "LOC")], [("Rīgas", "LOC")]),  # pil + soņi: no ending
        ("lv", "Rīgas pilsētā", [("Rīgas", "LOC")], [("Rīgas", "LOC")]),  # not a listed head
        ("lv", "uz Brīvības ielu", [("Brīvības", "LOC")], [("Brīvības", "LOC")]),  # a street ...
        ("lv", "pa A. Čaka ielu un", [("A. Čaka", "PER")], [("A. Čaka ielu", "LOC")]),  # ... after
        ("lv", "K. Valdemāra bulvārī", [("K. Valdemāra", "PER")],
         [("K. Valdemāra bulvārī", "LOC")]),  # a person: named after them
        ("lv", "Bērziņa ielās", [("Bērziņa", "PER")], [("Bērziņa", "PER")]),  # plural: no
        ("lv", "redzēto Saeimas namā", [("Saeimas", "ORG")], [("Saeimas namā", "LOC")]),
        ("lv", "Sedas līdzenumā un", [("Sedas", "PER")], [("Sedas līdzenumā", "LOC")]),
        ("lv", "Gaujas Sala", [("Gaujas", "LOC"), ("Sala", "PER")],
         [("Gaujas", "LOC"), ("Sala", "PER")]),  # capitalized: a name of its own
        ("en", "the Riga bay", [("Riga", "LOC")], [("Riga", "LOC")]),  # no heads in English
    ],
)  # fmt: skip
def test_a_place_head_after_a_name_in_the_genitive_is_part_of_the_place(
    lang, text, tagged, expected
):
    from pipeline.ner.stage import extend_to_place_heads

    spans = [Span(text.index(t), text.index(t) + len(t), label) for t, label in tagged]
    out = extend_to_place_heads(text, spans, lang)
    assert [(text[s.start : s.end], s.label) for s in out] == expected


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        ("aizdevums no Valsts kases fonda", [], [("Valsts kases fonda", "ORG")]),
        ("arī Vienotā noregulējuma fondā, ko", [], [("Vienotā noregulējuma fondā", "ORG")]),
        ("to skatīja Finanšu ministrija.", [], [("Finanšu ministrija", "ORG")]),
        ("par Valsts policijas darbu", [("Valsts policijas", "ORG")],
         [("Valsts policijas", "ORG")]),  # tagged already
        ("noslēdza Brīvās tirdzniecības līgumu", [], []),  # a treaty: līg + umu is no league
        ("palika Lauku inženieru fakultātes džudisti", [("Lauku", "LOC")],
         [("Lauku inženieru fakultātes", "ORG")]),  # the common word alone gives way
        ("Valsts policija ziņo", [], []),  # a sentence's first word: any word is capitalized
        ("pie Jāņa un policijas", [], []),  # a name, not a common word
    ],
)  # fmt: skip
def test_a_capitalized_common_word_before_an_institution_head_opens_its_name(
    text, tagged, expected
):
    from pipeline.ner.stage import tag_capitalized_institutions

    spans = [Span(text.index(t), text.index(t) + len(t), label) for t, label in tagged]
    out = tag_capitalized_institutions(text, spans, "lv")
    assert [(text[s.start : s.end], s.label) for s in out] == expected
    assert tag_capitalized_institutions(text, spans, "en") == spans  # no lexicon in English


@pytest.mark.parametrize(
    ("lang", "text", "tagged", "expected"),
    [
        ("lv", "vai Cēsu klīnikā ārstē", [("Cēsu", "LOC")], [("Cēsu klīnikā", "ORG")]),
        ("lv", "Latvijas bankas iemaksā", [("Latvijas", "LOC")], [("Latvijas bankas", "ORG")]),
        ("lv", "Apes vidusskolas skolēni", [("Apes", "LOC")], [("Apes vidusskolas", "ORG")]),
        ("lv", "Latvijas valdība lēma", [("Latvijas", "LOC")], [("Latvijas", "LOC")]),  # not listed
        ("lv", "Latvijā domā, ka", [("Latvijā", "LOC")], [("Latvijā", "LOC")]),  # locative
        ("lv", "Rīgas augstskolām", [("Rīgas", "LOC")], [("Rīgas", "LOC")]),  # plural head
        ("lv", "Ādažu novada domes", [("Ādažu novada", "LOC")], [("Ādažu novada", "LOC")]),
        ("lv", "Bērziņa klīnikā", [("Bērziņa", "PER")], [("Bērziņa", "PER")]),  # places only
        ("lv", "Cēsu Klīnikā", [("Cēsu", "LOC"), ("Klīnikā", "ORG")],
         [("Cēsu", "LOC"), ("Klīnikā", "ORG")]),  # a span of its own at the head
        ("en", "the Riga bank", [("Riga", "LOC")], [("Riga", "LOC")]),  # no list in English
    ],
)  # fmt: skip
def test_an_institution_called_after_its_place_takes_in_its_head_where_corpora_do(
    lang, text, tagged, expected
):
    from pipeline.ner.stage import take_in_institution_heads

    spans = [Span(text.index(t), text.index(t) + len(t), label) for t, label in tagged]
    out = take_in_institution_heads(text, spans, lang)
    assert [(text[s.start : s.end], s.label) for s in out] == expected


@pytest.mark.parametrize(
    ("text", "tagged", "label", "expected"),
    [
        ("par ANO drošības padomei rakstīja", "ANO", "ORG", "ANO drošības padomei"),
        ("Vācijas rūpniecības federācija", "Vācijas", "LOC", "Vācijas rūpniecības federācija"),
        ("Skotijas veselības dienesta vadītājs", "Skotijas", "LOC", "Skotijas veselības dienesta"),
        ("Sāra Peilina izsauca policiju.", "Sāra Peilina", "PER", "Sāra Peilina"),  # a verb
        ("Bjorna pretinieku komanda", "Bjorna", "PER", "Bjorna"),  # a person's: no
        ("ANO un drošības padome", "ANO", "ORG", "ANO"),  # a function word between
        ("Rīgas lielās ielas policija", "Rīgas", "LOC", "Rīgas"),  # three words between
        # modifiers joined by a conjunction, one of them already in the tagger's span
        (
            "no Floridas zivju un savvaļas dzīvnieku komitejas (FWC)",
            "Floridas zivju",
            "LOC",
            "Floridas zivju un savvaļas dzīvnieku komitejas",
        ),
        ("Latvijas ostu un kuģu komitejai", "Latvijas", "LOC", "Latvijas ostu un kuģu komitejai"),
        ("Latvijas un Igaunijas robežas", "Latvijas", "LOC", "Latvijas"),  # no modifier first
        ("Rīgas ostu un kuģu", "Rīgas", "LOC", "Rīgas"),  # no head
    ],
)
def test_an_organization_head_after_genitive_modifiers_takes_the_name_in(
    text, tagged, label, expected
):
    from pipeline.ner.stage import extend_to_organization_head

    start = text.index(tagged)
    span = extend_to_organization_head(text, Span(start, start + len(tagged), label), "lv")
    assert text[span.start : span.end] == expected


@pytest.mark.parametrize(
    ("sentence", "tagged", "expected"),
    [
        # capitalized because they start the sentence: common words in the lexicon
        ("Plānots, ka tiks izsolīts īpašums.", [("Plānots", "PER")], []),
        ("Mirklis no skolas teātra izrādes", [("Mirklis", "PER")], []),
        ("„Pastāstīšu par to.", [("Pastāstīšu", "PER")], []),
        # names: unknown to the lexicon or known with a capitalized lemma
        ("Rīga ir galvaspilsēta.", [("Rīga", "LOC")], [("Rīga", "LOC")]),
        ("Latvija iestājās NATO.", [("Latvija", "LOC")], [("Latvija", "LOC")]),
        # a body named by its head stays; a word inside the sentence is not looked up
        ("Komisija nolēma tā.", [("Komisija", "ORG")], [("Komisija", "ORG")]),
        ("Viņš teica: Mirklis.", [("Mirklis", "PER")], [("Mirklis", "PER")]),
        # a person's span loses the common word before the name; other spans keep theirs
        ("Amerikānis Daniels Kišs izbrīna.", [("Amerikānis Daniels Kišs", "PER")],
         [("Daniels Kišs", "PER")]),
        ("Valsts ieņēmumu dienests paziņoja.", [("Valsts ieņēmumu dienests", "ORG")],
         [("Valsts ieņēmumu dienests", "ORG")]),
    ],
)  # fmt: skip
def test_a_common_word_that_starts_a_latvian_sentence_is_no_name(sentence, tagged, expected):
    from pipeline.ner.stage import drop_common_first_words

    spans = [Span(sentence.index(t), sentence.index(t) + len(t), label) for t, label in tagged]
    kept = drop_common_first_words(sentence, spans, "lv")
    assert [(sentence[s.start : s.end], s.label) for s in kept] == expected
    # no lexicon for English: nothing is dropped
    assert drop_common_first_words(sentence, spans, "en") == spans


@pytest.mark.parametrize(
    ("sentence", "tagged", "expected"),
    [
        (
            "Pasaules Ebreju kongresa (WJC) sanāksme",
            [("Pasaules Ebreju kongresa", "ORG")],
            [("Pasaules Ebreju kongresa", "ORG"), ("WJC", "ORG")],
        ),
        ("Eiropas Savienības (ES) nauda", [("Eiropas Savienības", "LOC")],
         [("Eiropas Savienības", "LOC"), ("ES", "LOC")]),
        ("deputāte Kalniete (V) teica", [("Kalniete", "PER")],
         [("Kalniete", "PER")]),  # one letter: no acronym
        ("deputāts Bērziņš (ZZS) teica", [("Bērziņš", "PER")],
         [("Bērziņš", "PER"), ("ZZS", "ORG")]),  # a person's party
        ("Eiropas Savienības (ES) nauda", [("Eiropas Savienības", "LOC"), ("ES", "ORG")],
         [("Eiropas Savienības", "LOC"), ("ES", "ORG")]),  # tagged already: kept as it is
        ("viņš (NB) teica", [], []),  # after no name
    ],
)  # fmt: skip
def test_an_acronym_in_parentheses_after_a_name_is_tagged(sentence, tagged, expected):
    from pipeline.ner.stage import tag_parenthesized_acronyms

    spans = [Span(sentence.index(t), sentence.index(t) + len(t), label) for t, label in tagged]
    out = tag_parenthesized_acronyms(sentence, spans)
    assert [(sentence[s.start : s.end], s.label) for s in out] == expected


@pytest.mark.parametrize(
    ("lang", "sentence", "tagged", "expected"),
    [
        ("lv", "dienā Rute un Timotejs nolemj", [("Rute", "LOC"), ("Timotejs", "PER")],
         [("Rute", "PER"), ("Timotejs", "PER")]),
        ("lv", "Helēna un Iliziāna brauca", [("Helēna", "PER"), ("Iliziāna", "LOC")],
         [("Helēna", "PER"), ("Iliziāna", "PER")]),
        # a place the gazetteer lists stays a place; two words stay as tagged
        ("lv", "Jānis un Rīga", [("Jānis", "PER"), ("Rīga", "LOC")],
         [("Jānis", "PER"), ("Rīga", "LOC")]),
        ("lv", "Jānis un Latvijas Banka", [("Jānis", "PER"), ("Latvijas Banka", "ORG")],
         [("Jānis", "PER"), ("Latvijas Banka", "ORG")]),
        ("en", "Obama and Google met", [("Obama", "PER"), ("Google", "ORG")],
         [("Obama", "PER"), ("Google", "ORG")]),  # English lists none: a company stays one
        ("zh", "张三和李四", [("张三", "PER"), ("李四", "LOC")],
         [("张三", "PER"), ("李四", "LOC")]),  # no conjunctions listed for Chinese
    ],
)  # fmt: skip
def test_a_one_word_name_joined_to_a_person_is_a_person(lang, sentence, tagged, expected):
    from pipeline.ner.stage import agree_coordinated_persons

    spans = [Span(sentence.index(t), sentence.index(t) + len(t), label) for t, label in tagged]
    out = agree_coordinated_persons(sentence, spans, lang)
    assert [(sentence[s.start : s.end], s.label) for s in out] == expected


@pytest.mark.parametrize(
    ("lang", "sentence", "tagged", "expected"),
    [
        # the odd one of an enumeration takes the type of the others
        ("zh", "之后是凯西 (Paul Casey)、罗斯、拉姆 (Jon Rahm)、弗利伍德和波特。",
         [("凯西", "PER"), ("罗斯", "PER"), ("拉姆", "PER"), ("Jon Rahm", "PER"),
          ("弗利伍德", "ORG"), ("波特", "PER")],
         [("凯西", "PER"), ("罗斯", "PER"), ("拉姆", "PER"), ("Jon Rahm", "PER"),
          ("弗利伍德", "PER"), ("波特", "PER")]),
        ("en", "in Washington, Idaho, and Montana",
         [("Washington", "LOC"), ("Idaho", "PER"), ("Montana", "LOC")],
         [("Washington", "LOC"), ("Idaho", "LOC"), ("Montana", "LOC")]),
        ("lv", "Bērziņš, Kalniņš un Ozoliņš atnāca",
         [("Bērziņš", "PER"), ("Kalniņš", "LOC"), ("Ozoliņš", "PER")],
         [("Bērziņš", "PER"), ("Kalniņš", "PER"), ("Ozoliņš", "PER")]),
        # of five names, three persons: the two alone with their types follow them
        ("en", "Smith, Jones, Brown, Evans and Clark",
         [("Smith", "PER"), ("Jones", "LOC"), ("Brown", "PER"), ("Evans", "ORG"),
          ("Clark", "PER")],
         [("Smith", "PER"), ("Jones", "PER"), ("Brown", "PER"), ("Evans", "PER"),
          ("Clark", "PER")]),
        # commas alone also stack an address: no enumeration
        ("en", "born in Blackburn, Lancashire, England",
         [("Blackburn", "LOC"), ("Lancashire", "LOC"), ("England", "ORG")],
         [("Blackburn", "LOC"), ("Lancashire", "LOC"), ("England", "ORG")]),
        # two names only, or no majority: left as tagged
        ("en", "Apple and Tim Cook", [("Apple", "ORG"), ("Tim Cook", "PER")],
         [("Apple", "ORG"), ("Tim Cook", "PER")]),
        ("en", "Apple, Paris and Tim Cook",
         [("Apple", "ORG"), ("Paris", "LOC"), ("Tim Cook", "PER")],
         [("Apple", "ORG"), ("Paris", "LOC"), ("Tim Cook", "PER")]),
        # a name the gazetteer lists with its own type keeps it
        ("en", "Smith, Jones and London",
         [("Smith", "PER"), ("Jones", "PER"), ("London", "LOC")],
         [("Smith", "PER"), ("Jones", "PER"), ("London", "LOC")]),
        # names not joined by list separators are no enumeration
        ("en", "Smith met Jones in Paris and Rome",
         [("Smith", "PER"), ("Jones", "PER"), ("Paris", "LOC"), ("Rome", "LOC")],
         [("Smith", "PER"), ("Jones", "PER"), ("Paris", "LOC"), ("Rome", "LOC")]),
    ],
)  # fmt: skip
def test_the_names_of_an_enumeration_are_of_one_kind(lang, sentence, tagged, expected):
    from pipeline.ner.stage import agree_listed_types

    spans = [Span(sentence.index(t), sentence.index(t) + len(t), label) for t, label in tagged]
    out = agree_listed_types(sentence, spans, lang)
    assert [(sentence[s.start : s.end], s.label) for s in out] == expected


@pytest.mark.parametrize(
    ("lang", "text", "label", "expected"),
    [
        ("lv", "Priekules novada", "ORG", "LOC"),
        ("lv", "Dzelzceļa tilts", "ORG", "LOC"),
        ("lv", "Rīgas Doma baznīca", "ORG", "ORG"),  # a church is often its congregation
        ("lv", "Priekules novada dome", "ORG", "ORG"),  # the council, not the district
        ("lv", "Novads", "ORG", "ORG"),  # one word
        ("lv", "Jāņa Kalns", "PER", "PER"),  # a person is left as tagged
        ("en", "Lake district", "ORG", "ORG"),  # English lists none
    ],
)
def test_an_organization_span_ending_in_a_place_head_is_a_place(lang, text, label, expected):
    from pipeline.ner.stage import type_place_heads

    (span,) = type_place_heads(text, [Span(0, len(text), label)], lang)
    assert span.label == expected


@pytest.mark.parametrize(
    ("sentence", "tagged", "expected"),
    [
        ("ar vācu firmas «Statter» maisītājiem", [], [("«Statter»", "ORG")]),
        ('uz foto salonu "Pie Bartiljona", kas', [], [('"Pie Bartiljona"', "ORG")]),
        ("grupa “Bet Bet” uzstāsies", [("“Bet Bet”", "ORG")], [("“Bet Bet”", "ORG")]),  # tagged
        ('dziesmu "Suicide is painless" dziedāja', [], []),  # a song, not a body
        ("uzņēmums teica: „Mēs esam gatavi.”", [], []),  # a quotation
        ("nojauca «Apple» dibinātāja statuju", [], [("«Apple»", "ORG")]),  # before a part of one
        ('"Smiltene" valdes loceklis', [], [('"Smiltene"', "ORG")]),
        ('filmu "Rīgas sargi" skatītāji', [], []),  # audience: no part of an organization
    ],
)
def test_a_quoted_name_after_a_kind_of_organization_is_an_organization(sentence, tagged, expected):
    from pipeline.ner.stage import tag_quoted_organizations

    spans = [Span(sentence.index(t), sentence.index(t) + len(t), label) for t, label in tagged]
    out = tag_quoted_organizations(sentence, spans, "lv")
    assert [(sentence[s.start : s.end], s.label) for s in out] == expected
    assert tag_quoted_organizations(sentence, spans, "en") == spans  # English lists no kinds


@pytest.mark.parametrize(
    ("lang", "text", "tagged", "expected"),
    [
        ("lv", "pasaules un latviešu kino", ["latviešu"], []),  # an adjective
        ("lv", "pa 13.janvāra ielu", ["13.janvāra ielu"], ["13.janvāra ielu"]),  # a digit
        ("lv", "lapā www.latvija.lv", ["www.latvija.lv"], ["www.latvija.lv"]),  # an address
        ("lv", "Rīgā un Cēsīs", ["Rīgā", "Cēsīs"], ["Rīgā", "Cēsīs"]),
        ("zh", "北京的天气", ["北京"], ["北京"]),  # no capitals in the script
        ("en", "the iPhone maker", ["iPhone"], ["iPhone"]),
    ],
)
def test_a_span_without_a_capital_names_nothing_where_names_are_capitalized(
    lang, text, tagged, expected
):
    from pipeline.ner.stage import drop_uncapitalized_names

    spans = [Span(text.index(t), text.index(t) + len(t), "ORG") for t in tagged]
    out = drop_uncapitalized_names(text, spans, lang)
    assert [text[s.start : s.end] for s in out] == expected


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        # a run of common nouns ending in an organization suffix after the tagged name
        (
            "美国国防部先进研究项目局的机器人大赛",
            [("美国国防部", "ORG")],
            [("美国国防部先进研究项目局", "ORG")],
        ),
        # a word the corpora keep apart from the place, or a suffix inside a longer word
        ("中国政府表示", [("中国", "LOC")], [("中国", "LOC")]),
        ("杭州旅游新格局", [("杭州", "LOC")], [("杭州", "LOC")]),
        # a conjunction ends the run before the suffix: no growth
        ("佛罗里达鱼类和野生动物委员会", [("佛罗里达", "LOC")], [("佛罗里达", "LOC")]),
        # no suffix in the run, a person, or another name in the way
        ("美国国防部官员表示", [("美国国防部", "ORG")], [("美国国防部", "ORG")]),
        ("李开复研究中心", [("李开复", "PER")], [("李开复", "PER")]),
        # the tagger's piece inside the run joins the name; one reaching out of it stops it
        (
            "美国国防部先进研究项目局",
            [("美国国防部", "ORG"), ("项目局", "ORG")],
            [("美国国防部先进研究项目局", "ORG")],
        ),
        (
            "美国国防部先进研究项目局李明",
            [("美国国防部", "ORG"), ("局李明", "PER")],
            [("美国国防部", "ORG"), ("局李明", "PER")],
        ),
    ],
)  # fmt: skip
def test_a_chinese_name_cut_short_of_its_organization_grows_over_it(text, tagged, expected):
    from pipeline.ner.stage import take_in_organization_words

    out = take_in_organization_words(text, _spans_at(text, tagged), "zh")
    assert [(text[s.start : s.end], s.label) for s in out] == expected


def test_a_spaced_language_has_no_organization_suffixes():
    from pipeline.ner.stage import take_in_organization_words

    text = "the Defense Advanced Research Projects Agency"
    spans = [Span(4, 11, "ORG")]
    assert take_in_organization_words(text, spans, "en") == spans


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        # a quoted run ending in an organization suffix or a place's generic head
        ("中国“国家自然科学基金委员会”向学术机构提供资金", [], [("国家自然科学基金委员会", "ORG")]),
        ("包括“落基山脉”中部在内的地区", [], [("落基山脉", "LOC")]),
        # a one-character suffix or head ends a name only as a whole word
        ("这是“新格局”和“党员责任区”", [], []),
        # a quoted common phrase, or a run a span already touches, stays as it is
        ("李开复感谢“机器人大赛”等技术比赛", [], []),
        ("“白宫”宣布组建", [("白宫", "ORG")], [("白宫", "ORG")]),
        (
            "组建“人工智能特别委员会”",
            [("人工智能", "ORG")],
            [("人工智能", "ORG")],
        ),
    ],
)  # fmt: skip
def test_a_quoted_chinese_name_with_a_generic_head_is_tagged(text, tagged, expected):
    from pipeline.ner.stage import tag_quoted_han_names

    out = tag_quoted_han_names(text, _spans_at(text, tagged), "zh")
    assert [(text[s.start : s.end], s.label) for s in out] == expected


def test_a_spaced_language_has_no_quoted_han_names():
    from pipeline.ner.stage import tag_quoted_han_names

    assert tag_quoted_han_names("“Apple” said", [], "en") == []
