"""Latvian temporal expressions: every case form, ranges, periods, modifiers, relatives."""

from __future__ import annotations

import pytest

from pipeline.dates.cases import row_for, rows

DAY, MONTH, YEAR, RANGE = "day", "month", "year", "range"


@pytest.mark.parametrize(
    ("text", "expression", "value", "start", "end", "granularity", "fuzzy"),
    [
        # days, months, years written every way
        (
            "Tas notika 1991. gada 2. septembrī.",
            "1991. gada 2. septembrī",
            "1991-09-02",
            "1991-09-02",
            "1991-09-02",
            DAY,
            False,
        ),
        (
            "Balsojums notika 1988. gada 20. februārī.",
            "1988. gada 20. februārī",
            "1988-02-20",
            "1988-02-20",
            "1988-02-20",
            DAY,
            False,
        ),
        (
            "Līgums stājās spēkā 23.07.2020.",
            "23.07.2020",
            "2020-07-23",
            "2020-07-23",
            "2020-07-23",
            DAY,
            False,
        ),
        ("Datums: 2017-09-13.", "2017-09-13", "2017-09-13", "2017-09-13", "2017-09-13", DAY, False),
        (
            "Pamiers no 1994. gada 12. maija.",
            "1994. gada 12. maija",
            "1994-05-12",
            "1994-05-12",
            "1994-05-12",
            DAY,
            False,
        ),
        (
            "Līdz 2014. gada 5. augustam cīņas turpinājās.",
            "2014. gada 5. augustam",
            "2014-08-05",
            "2014-08-05",
            "2014-08-05",
            DAY,
            False,
        ),
        # month names in every case
        (
            "1994. gada maijs bija auksts.",
            "1994. gada maijs",
            "1994-05",
            "1994-05-01",
            "1994-05-31",
            MONTH,
            False,
        ),
        (
            "1994. gada maijā parakstīja protokolu.",
            "1994. gada maijā",
            "1994-05",
            "1994-05-01",
            "1994-05-31",
            MONTH,
            False,
        ),
        (
            "Līdz 1994. gada maijam karš turpinājās.",
            "1994. gada maijam",
            "1994-05",
            "1994-05-01",
            "1994-05-31",
            MONTH,
            False,
        ),
        (
            "Kopš 1991. gada novembra tā pastāvēja.",
            "1991. gada novembra",
            "1991-11",
            "1991-11-01",
            "1991-11-30",
            MONTH,
            False,
        ),
        (
            "Viņi gaidīja 2016. gada aprīli.",
            "2016. gada aprīli",
            "2016-04",
            "2016-04-01",
            "2016-04-30",
            MONTH,
            False,
        ),
        (
            "1992. gada februāra beigās notika uzbrukums.",
            "1992. gada februāra beigās",
            "1992-02",
            "1992-02-21",
            "1992-02-29",
            MONTH,
            True,
        ),
        (
            "2016. gada janvārī un februārī notika cīņas.",
            "februārī",
            "2016-02",
            "2016-02-01",
            "2016-02-29",
            MONTH,
            False,
        ),
        # ordinal years in their cases
        (
            "Konflikts sākās 1988. gadā.",
            "1988. gadā",
            "1988",
            "1988-01-01",
            "1988-12-31",
            YEAR,
            False,
        ),
        (
            "Tā bija 1905. gada revolūcija.",
            "1905. gada",
            "1905",
            "1905-01-01",
            "1905-12-31",
            YEAR,
            False,
        ),
        (
            "Tas ilga līdz 1936. gadam.",
            "1936. gadam",
            "1936",
            "1936-01-01",
            "1936-12-31",
            YEAR,
            False,
        ),
        (
            "2014. gads kļuva par asiņaināko.",
            "2014. gads",
            "2014",
            "2014-01-01",
            "2014-12-31",
            YEAR,
            False,
        ),
        (
            "Ap 1987. gadu vara sāka pāriet.",
            "Ap 1987. gadu",
            "1987",
            "1987-01-01",
            "1987-12-31",
            YEAR,
            True,
        ),
        (
            "1989. gada sākumā sākās nemieri.",
            "1989. gada sākumā",
            "1989",
            "1989-01-01",
            "1989-04-30",
            YEAR,
            True,
        ),
        # ranges and spans
        (
            "Apgabals no 1922. līdz 1936. gadam bija PFSR sastāvā.",
            "no 1922. līdz 1936. gadam",
            "1922/1936",
            "1922-01-01",
            "1936-12-31",
            RANGE,
            False,
        ),
        (
            "No 2016. gada 1. līdz 5. aprīlim notika cīņas.",
            "2016. gada 1. līdz 5. aprīlim",
            "2016-04-01/2016-04-05",
            "2016-04-01",
            "2016-04-05",
            RANGE,
            False,
        ),
        (
            "2020. gada 12.–16. jūlijā notika sadursmes.",
            "2020. gada 12.–16. jūlijā",
            "2020-07-12/2020-07-16",
            "2020-07-12",
            "2020-07-16",
            RANGE,
            False,
        ),
        (
            "Šo 1918.—1920. gadu konfliktu min bieži.",
            "1918.—1920. gadu",
            "1918/1920",
            "1918-01-01",
            "1920-12-31",
            RANGE,
            False,
        ),
        (
            "Karš (1988–1994) beidzās ar pamieru.",
            "1988–1994",
            "1988/1994",
            "1988-01-01",
            "1994-12-31",
            RANGE,
            False,
        ),
        (
            "No 1988. gada februāra līdz 1994. gada maijam ilga karš.",
            "No 1988. gada februāra līdz 1994. gada maijam",
            "1988-02/1994-05",
            "1988-02-01",
            "1994-05-31",
            RANGE,
            False,
        ),
        # decades, centuries, eras
        (
            "Tas notika 1990. gados.",
            "1990. gados",
            "199",
            "1990-01-01",
            "1999-12-31",
            "decade",
            False,
        ),
        (
            "Karš saasinājās 1990. gadu sākumā.",
            "1990. gadu sākumā",
            "199",
            "1990-01-01",
            "1992-12-31",
            "decade",
            True,
        ),
        (
            "Konflikts notika no 1980. gadu beigām.",
            "1980. gadu beigām",
            "198",
            "1987-01-01",
            "1989-12-31",
            "decade",
            True,
        ),
        (
            "XX gs. 90. gados situācija mainījās.",
            "XX gs. 90. gados",
            "199",
            "1990-01-01",
            "1999-12-31",
            "decade",
            False,
        ),
        (
            "Astoņdesmitajos gados sākās kustība.",
            "Astoņdesmitajos gados",
            "198",
            "1980-01-01",
            "1989-12-31",
            "decade",
            False,
        ),
        (
            "Zemes jau 4. gadsimtā pirms mūsu ēras bija iekļautas valstī.",
            "4. gadsimtā pirms mūsu ēras",
            "BC04",
            "-0399-01-01",
            "-0300-12-31",
            "century",
            False,
        ),
        (
            "Tas parādījās 20. gadsimta beigās.",
            "20. gadsimta beigās",
            "19",
            "1967-01-01",
            "1999-12-31",
            "century",
            True,
        ),
        (
            "Taču XIX gadsimta vidū armēņi sāka atgriezties.",
            "XIX gadsimta vidū",
            "18",
            "1833-01-01",
            "1866-12-31",
            "century",
            True,
        ),
        (
            "Tas notika 18. gadsimta otrajā pusē.",
            "18. gadsimta otrajā pusē",
            "17",
            "1750-01-01",
            "1799-12-31",
            "century",
            False,
        ),
        (
            "9.—16. gadsimtā tā bija kņaziste.",
            "9.—16. gadsimtā",
            "08/15",
            "0800-01-01",
            "1599-12-31",
            RANGE,
            False,
        ),
        (
            "Tas notika 44. gadā p.m.ē.",
            "44. gadā p.m.ē.",
            "BC0044",
            "-0043-01-01",
            "-0043-12-31",
            YEAR,
            False,
        ),
        # seasons
        (
            "1939./40. gada ziemā notika kaujas.",
            "1939./40. gada ziemā",
            "1940-WI",
            "1939-12-01",
            "1940-02-29",
            "season",
            True,
        ),
        (
            "20. gadsimta 30. un 40. gados reģions mainījās.",
            "40. gados",
            "194",
            "1940-01-01",
            "1949-12-31",
            "decade",
            False,
        ),
        (
            "1992. gada vasarā frontes līnija mainījās.",
            "1992. gada vasarā",
            "1992-SU",
            "1992-06-01",
            "1992-08-31",
            "season",
            True,
        ),
        (
            "1993. gada ziemā bija sals.",
            "1993. gada ziemā",
            "1993-WI",
            "1992-12-01",
            "1993-02-28",
            "season",
            True,
        ),
        # durations
        (
            "Pamiers deva divus gadu desmitus stabilitātes.",
            "divus gadu desmitus",
            "P20Y",
            None,
            None,
            "duration",
            False,
        ),
        ("Karš ilga četrus gadus.", "četrus gadus", "P4Y", None, None, "duration", False),
        ("Cīņas ilga trīs dienas.", "trīs dienas", "P3D", None, None, "duration", False),
    ],
)
def test_latvian_expression(text, expression, value, start, end, granularity, fuzzy):
    assert row_for(text, "lv", expression) == (expression, value, start, end, granularity, fuzzy)


@pytest.mark.parametrize(
    ("text", "expression", "value", "start", "end"),
    [
        (
            "Karš sākās 1991. gadā. 2. septembrī tika pasludināta republika.",
            "2. septembrī",
            "1991-09-02",
            "1991-09-02",
            "1991-09-02",
        ),
        (
            "Miers noslēgts 1994. gadā. Nākamajā gadā notika vēlēšanas.",
            "Nākamajā gadā",
            "1995",
            "1995-01-01",
            "1995-12-31",
        ),
        (
            "Tas sākās 1994. gadā. Tā paša gada maijā parakstīja pamieru.",
            "Tā paša gada maijā",
            "1994-05",
            "1994-05-01",
            "1994-05-31",
        ),
        (
            "Tas sākās 1988. gadā. Septembrī notika streiki.",
            "Septembrī",
            "1988-09",
            "1988-09-01",
            "1988-09-30",
        ),
        (
            "Kara sākums bija 1992. gadā. Pēc diviem gadiem tika noslēgts pamiers.",
            "Pēc diviem gadiem",
            "1994",
            "1994-01-01",
            "1994-12-31",
        ),
        (
            "2017. gada 24. februārī notika apšaude. Nākamajā dienā izcēlās kauja.",
            "Nākamajā dienā",
            "2017-02-25",
            "2017-02-25",
            "2017-02-25",
        ),
    ],
)
def test_latvian_anchored(text, expression, value, start, end):
    row = row_for(text, "lv", expression)
    assert row is not None and row[1:4] == (value, start, end)


def test_latvian_weekdays_resolve_against_the_reference_date():
    found = rows("Ministrs svētdienā paziņoja par izmaiņām.", "lv", reference="2024-03-22")
    assert found[0][:3] == ("svētdienā", "2024-03-17", "2024-03-17")


def test_latvian_unanchored_relative_has_no_interval():
    assert rows("Nākamajā gadā notika vēlēšanas.", "lv")[0][1:4] == ("XXXX", None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Dzīvību zaudēja aptuveni 6500 cilvēku.",
        "Kaujā krita 1500 karavīru.",
        "366. motorizētais strēlnieku pulks ieņēma pilsētu.",
        "Armēņu T-72 tanks stāv pieminekļa vietā.",
        "Tā tiek uzskatīta par genocīdu [25].",
        "Skatīt 172. lpp. un Nr. 1994.",
        "Marta un Maija devās uz skolu.",
        "Viņš ir 2. gada students, un 2. pasaules karš beidzās sen.",
    ],
)
def test_latvian_not_dates(text):
    assert rows(text, "lv") == []


# ---------------------------------------------------------------------------------------------
# issue 16: day and month ranges, anniversaries, a sentence that ends on a resolution


@pytest.mark.parametrize(
    ("text", "expression", "value", "start", "end", "granularity", "fuzzy"),
    [
        (
            "Sarunas notika 2004. gada 20.–23. septembrī.",
            "2004. gada 20.–23. septembrī",
            "2004-09-20/2004-09-23",
            "2004-09-20",
            "2004-09-23",
            "range",
            False,
        ),
        (
            "Sarunas notika 20.–23. septembrī.",
            "20.–23. septembrī",
            "XXXX-09-20/XXXX-09-23",
            None,
            None,
            "range",
            False,
        ),
        (
            "Sarunas notika 20.-23. septembrī 2004. gadā.",
            "20.-23. septembrī 2004. gadā",
            "2004-09-20/2004-09-23",
            "2004-09-20",
            "2004-09-23",
            "range",
            False,
        ),
        (
            "Konkurss notika no 16.jūnija līdz 16.septembrim.",
            "no 16.jūnija līdz 16.septembrim",
            "XXXX-06-16/XXXX-09-16",
            None,
            None,
            "range",
            False,
        ),
        (
            "Sarunas notika 28. septembrī–3. oktobrī 2004. gadā.",
            "28. septembrī–3. oktobrī 2004. gadā",
            "2004-09-28/2004-10-03",
            "2004-09-28",
            "2004-10-03",
            "range",
            False,
        ),
        (
            "Sarunas notika 2004. gada martā–maijā.",
            "2004. gada martā–maijā",
            "2004-03/2004-05",
            "2004-03-01",
            "2004-05-31",
            "range",
            False,
        ),
        (
            "Sarunas notika no 2004. gada marta līdz maijam.",
            "no 2004. gada marta līdz maijam",
            "2004-03/2004-05",
            "2004-03-01",
            "2004-05-31",
            "range",
            False,
        ),
    ],
)
def test_latvian_issue16_expression(text, expression, value, start, end, granularity, fuzzy):
    assert row_for(text, "lv", expression) == (expression, value, start, end, granularity, fuzzy)


@pytest.mark.parametrize(
    ("text", "expression", "value", "start", "end"),
    [
        (
            "ES paplašinājās 2004. gadā. Sarunas notika 20.–23. septembrī.",
            "20.–23. septembrī",
            "2004-09-20/2004-09-23",
            "2004-09-20",
            "2004-09-23",
        ),
        (
            "ES paplašinājās 2004. gadā. Sarunas notika no marta līdz maijam.",
            "no marta līdz maijam",
            "2004-03/2004-05",
            "2004-03-01",
            "2004-05-31",
        ),
        # "rezolūciju." ends the sentence; the year that starts the next one is the anchor
        (
            "1992. gada pavasarī armēņi sagrāba teritoriju. EDSO nespēja panākt kopīgu miera "
            "rezolūciju. 1993. gadā armija atstāja Gendžu. Tā, 23. jūlijā krita Agdama.",
            "23. jūlijā",
            "1993-07-23",
            "1993-07-23",
            "1993-07-23",
        ),
    ],
)
def test_latvian_issue16_anchored(text, expression, value, start, end):
    row = row_for(text, "lv", expression)
    assert row is not None and row[1:4] == (value, start, end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Šodien ir katastrofas 26. gadadiena.", ["Šodien"]),
        ("Pilsēta atzīmēja 26. gadadienu.", []),
        ("Skola atzīmēja 100 gadu jubileju.", []),
        ("Valsts svin simts gadu jubileju.", []),
    ],
)
def test_latvian_anniversaries_are_neither_durations_nor_dates(text, expected):
    assert [r[0] for r in rows(text, "lv")] == expected
