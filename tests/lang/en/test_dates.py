"""English temporal expressions: formats, ranges, periods, modifiers, relatives, durations."""

from __future__ import annotations

import pytest

from pipeline.dates.cases import row_for, rows

DAY, MONTH, YEAR, RANGE = "day", "month", "year", "range"


@pytest.mark.parametrize(
    ("text", "expression", "value", "start", "end", "granularity", "fuzzy"),
    [
        (
            "It was signed on 12 May 1994.",
            "12 May 1994",
            "1994-05-12",
            "1994-05-12",
            "1994-05-12",
            DAY,
            False,
        ),
        (
            "It was signed on May 12, 1994.",
            "May 12, 1994",
            "1994-05-12",
            "1994-05-12",
            "1994-05-12",
            DAY,
            False,
        ),
        (
            "He was born on 19 May, 1964.",
            "19 May, 1964",
            "1964-05-19",
            "1964-05-19",
            "1964-05-19",
            DAY,
            False,
        ),
        (
            "Retrieved 2017-09-13.",
            "2017-09-13",
            "2017-09-13",
            "2017-09-13",
            "2017-09-13",
            DAY,
            False,
        ),
        (
            "The vote was held on the 20th of February 1988.",
            "20th of February 1988",
            "1988-02-20",
            "1988-02-20",
            "1988-02-20",
            DAY,
            False,
        ),
        (
            "A four-day escalation in April 2016 followed.",
            "April 2016",
            "2016-04",
            "2016-04-01",
            "2016-04-30",
            MONTH,
            False,
        ),
        (
            "It happened in Sept. 1991.",
            "Sept. 1991",
            "1991-09",
            "1991-09-01",
            "1991-09-30",
            MONTH,
            False,
        ),
        ("The war ended in 1994.", "1994", "1994", "1994-01-01", "1994-12-31", YEAR, False),
        ("The city fell in 400 BC.", "400 BC", "BC0400", "-0399-01-01", "-0399-12-31", YEAR, False),
        ("It was built c. 1200.", "c. 1200", "1200", "1200-01-01", "1200-12-31", YEAR, True),
        (
            "Fighting resumed in mid-March 1969.",
            "mid-March 1969",
            "1969-03",
            "1969-03-11",
            "1969-03-20",
            MONTH,
            True,
        ),
        (
            "It escalated in early 1992.",
            "early 1992",
            "1992",
            "1992-01-01",
            "1992-04-30",
            YEAR,
            True,
        ),
        (
            "By the end of 1991 the state was gone.",
            "the end of 1991",
            "1991",
            "1991-09-01",
            "1991-12-31",
            YEAR,
            True,
        ),
        (
            "In the first half of 1993 the front moved.",
            "the first half of 1993",
            "1993",
            "1993-01-01",
            "1993-06-30",
            YEAR,
            False,
        ),
        (
            "By mid-1942 the offensive had stalled.",
            "mid-1942",
            "1942",
            "1942-05-01",
            "1942-08-31",
            YEAR,
            True,
        ),
        (
            "In the winter of 1939–40 fighting raged.",
            "the winter of 1939–40",
            "1940-WI",
            "1939-12-01",
            "1940-02-29",
            "season",
            True,
        ),
        # ranges
        (
            "The war lasted 1988–1994.",
            "1988–1994",
            "1988/1994",
            "1988-01-01",
            "1994-12-31",
            RANGE,
            False,
        ),
        (
            "The Soviet Union (1988–91) supplied arms.",
            "1988–91",
            "1988/1991",
            "1988-01-01",
            "1991-12-31",
            RANGE,
            False,
        ),
        (
            "It ruled from 1918 to 1920.",
            "from 1918 to 1920",
            "1918/1920",
            "1918-01-01",
            "1920-12-31",
            RANGE,
            False,
        ),
        (
            "Casualties between 1991 and 1994 were high.",
            "between 1991 and 1994",
            "1991/1994",
            "1991-01-01",
            "1994-12-31",
            RANGE,
            False,
        ),
        (
            "Date 20 February 1988 – 12 May 1994.",
            "20 February 1988 – 12 May 1994",
            "1988-02-20/1994-05-12",
            "1988-02-20",
            "1994-05-12",
            RANGE,
            False,
        ),
        (
            "The conflict between February 1988 and May 1994.",
            "between February 1988 and May 1994",
            "1988-02/1994-05",
            "1988-02-01",
            "1994-05-31",
            RANGE,
            False,
        ),
        (
            "Clashes on 12–16 July 2020 killed dozens.",
            "12–16 July 2020",
            "2020-07-12/2020-07-16",
            "2020-07-12",
            "2020-07-16",
            RANGE,
            False,
        ),
        (
            "Talks on July 12–16, 2020 failed.",
            "July 12–16, 2020",
            "2020-07-12/2020-07-16",
            "2020-07-12",
            "2020-07-16",
            RANGE,
            False,
        ),
        # decades, centuries, millennia
        ("It grew in the 1990s.", "the 1990s", "199", "1990-01-01", "1999-12-31", "decade", False),
        (
            "The war broke out in the early 1990s.",
            "the early 1990s",
            "199",
            "1990-01-01",
            "1992-12-31",
            "decade",
            True,
        ),
        (
            "Tensions rose in the late 1980s.",
            "the late 1980s",
            "198",
            "1987-01-01",
            "1989-12-31",
            "decade",
            True,
        ),
        (
            "Music of the '60s returned.",
            "the '60s",
            "196",
            "1960-01-01",
            "1969-12-31",
            "decade",
            False,
        ),
        (
            "It was founded in the 4th century.",
            "the 4th century",
            "03",
            "0300-01-01",
            "0399-12-31",
            "century",
            False,
        ),
        (
            "Coins from the 4th century BC were found.",
            "the 4th century BC",
            "BC04",
            "-0399-01-01",
            "-0300-12-31",
            "century",
            False,
        ),
        (
            "In the late 19th century the city grew.",
            "the late 19th century",
            "18",
            "1867-01-01",
            "1899-12-31",
            "century",
            True,
        ),
        (
            "It dates to the second millennium BC.",
            "the second millennium BC",
            "BC2",
            "-1999-01-01",
            "-1000-12-31",
            "millennium",
            False,
        ),
        (
            "Trade grew in the 1800s.",
            "the 1800s",
            "18",
            "1800-01-01",
            "1899-12-31",
            "century",
            False,
        ),
        # seasons
        (
            "In the spring of 1993, forces advanced.",
            "the spring of 1993",
            "1993-SP",
            "1993-03-01",
            "1993-05-31",
            "season",
            True,
        ),
        (
            "Summer 1992 was decisive.",
            "Summer 1992",
            "1992-SU",
            "1992-06-01",
            "1992-08-31",
            "season",
            True,
        ),
        # durations
        ("The war lasted six years.", "six years", "P6Y", None, None, "duration", False),
        (
            "(6 years, 2 months, 3 weeks and 1 day)",
            "6 years, 2 months, 3 weeks and 1 day",
            "P6Y2M3W1D",
            None,
            None,
            "duration",
            False,
        ),
        (
            "It was followed by two decades of stability.",
            "two decades",
            "P20Y",
            None,
            None,
            "duration",
            False,
        ),
        ("For several days nothing happened.", "several days", "PXD", None, None, "duration", True),
    ],
)
def test_english_expression(text, expression, value, start, end, granularity, fuzzy):
    assert row_for(text, "en", expression) == (expression, value, start, end, granularity, fuzzy)


@pytest.mark.parametrize(
    ("text", "expression", "value", "start", "end"),
    [
        (
            "Fighting began in 1994. The following year a truce held.",
            "The following year",
            "1995",
            "1995-01-01",
            "1995-12-31",
        ),
        (
            "It started in 1992. That May the town fell.",
            "That May",
            "1992-05",
            "1992-05-01",
            "1992-05-31",
        ),
        (
            "Talks began in 1993. On 12 May the sides met.",
            "12 May",
            "1993-05-12",
            "1993-05-12",
            "1993-05-12",
        ),
        (
            "The war began in 1991. Two years later it ended.",
            "Two years later",
            "1993",
            "1993-01-01",
            "1993-12-31",
        ),
        (
            "It was attacked on 18 May 1992. The next day the city fell.",
            "The next day",
            "1992-05-19",
            "1992-05-19",
            "1992-05-19",
        ),
        (
            "The war began in 1991. That summer was hot.",
            "That summer",
            "1991-SU",
            "1991-06-01",
            "1991-08-31",
        ),
    ],
)
def test_english_anchored(text, expression, value, start, end):
    row = row_for(text, "en", expression)
    assert row is not None and row[1:4] == (value, start, end)


def test_english_deictic_resolves_against_the_reference_date_only():
    text = "Officials said Friday that last year was the worst."
    with_ref = rows(text, "en", reference="2013-03-22")
    assert [r[:2] for r in with_ref] == [("Friday", "2013-03-22"), ("last year", "2012")]
    without = rows(text, "en")
    assert [(r[0], r[2]) for r in without] == [("Friday", None), ("last year", None)]


@pytest.mark.parametrize(
    "text",
    [
        "An estimated 1500 soldiers were killed.",
        "The 366th Motor Rifle Regiment took part.",
        "An Armenian T-72 tank memorial stands there.",
        "Result: Armenian victory[25] and a ceasefire.[26][27]",
        "UNSC adopted resolutions 822, 853, 874 and 884.",
        "See p. 1994 and ISBN 978-1-4422-4694-7.",
        "A 13-year-old boy was injured.",
        "A population of 1500 lived there and the death toll was 1994.",
        "He scored 2014 points; MANPAD 3 hit the Su-25.",
        "You may leave now if you march home.",
    ],
)
def test_english_not_dates(text):
    assert [r for r in rows(text, "en") if r[4] != "reference"] == []


# ---------------------------------------------------------------------------------------------
# issue 16: day and month ranges, anniversaries


@pytest.mark.parametrize(
    ("text", "expression", "value", "start", "end", "granularity", "fuzzy"),
    [
        (
            "The talks were held on 20-23 September 2004.",
            "20-23 September 2004",
            "2004-09-20/2004-09-23",
            "2004-09-20",
            "2004-09-23",
            "range",
            False,
        ),
        (
            "The talks were held September 20–23, 2004.",
            "September 20–23, 2004",
            "2004-09-20/2004-09-23",
            "2004-09-20",
            "2004-09-23",
            "range",
            False,
        ),
        # without a year and nothing to anchor to: the days, unplaced
        (
            "The talks were held September 20–23.",
            "September 20–23",
            "XXXX-09-20/XXXX-09-23",
            None,
            None,
            "range",
            False,
        ),
        (
            "The talks were held on 20–23 September.",
            "20–23 September",
            "XXXX-09-20/XXXX-09-23",
            None,
            None,
            "range",
            False,
        ),
        # month ranges
        (
            "From March to May 2004 it rained.",
            "From March to May 2004",
            "2004-03/2004-05",
            "2004-03-01",
            "2004-05-31",
            "range",
            False,
        ),
        (
            "It rained in March–May 2004.",
            "March–May 2004",
            "2004-03/2004-05",
            "2004-03-01",
            "2004-05-31",
            "range",
            False,
        ),
    ],
)
def test_english_issue16_expression(text, expression, value, start, end, granularity, fuzzy):
    assert row_for(text, "en", expression) == (expression, value, start, end, granularity, fuzzy)


@pytest.mark.parametrize(
    ("text", "expression", "value", "start", "end"),
    [
        (
            "The union grew in 2004. The talks were held September 20–23.",
            "September 20–23",
            "2004-09-20/2004-09-23",
            "2004-09-20",
            "2004-09-23",
        ),
        (
            "The union grew in 2004. The talks were held on 20–23 September.",
            "20–23 September",
            "2004-09-20/2004-09-23",
            "2004-09-20",
            "2004-09-23",
        ),
        (
            "The union grew in 2004. From March to May it rained.",
            "From March to May",
            "2004-03/2004-05",
            "2004-03-01",
            "2004-05-31",
        ),
        # a resolution number ends a sentence: the year after it is still a year
        (
            "The council adopted the resolution. 1994 saw a truce. On 12 May talks began.",
            "12 May",
            "1994-05-12",
            "1994-05-12",
            "1994-05-12",
        ),
    ],
)
def test_english_issue16_anchored(text, expression, value, start, end):
    row = row_for(text, "en", expression)
    assert row is not None and row[1:4] == (value, start, end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It marks the 26th anniversary of the accident.", []),
        ("It marks the twenty-sixth anniversary of the accident.", []),
        ("The 100-year anniversary was marked in silence.", []),
        ("On the 26th anniversary of the 1986 disaster, people gathered.", ["1986"]),
    ],
)
def test_english_anniversaries_are_neither_durations_nor_dates(text, expected):
    assert [r[0] for r in rows(text, "en")] == expected
