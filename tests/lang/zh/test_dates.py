"""Chinese temporal expressions (Traditional and Simplified, Arabic, full-width and Chinese
numerals): dates, ranges, periods, modifiers, relatives, durations."""

from __future__ import annotations

import pytest

from pipeline.dates.cases import row_for, rows

DAY, MONTH, YEAR, RANGE = "day", "month", "year", "range"


@pytest.mark.parametrize(
    ("text", "expression", "value", "start", "end", "granularity", "fuzzy"),
    [
        (
            "停火協議於1994年5月12日生效。",
            "1994年5月12日",
            "1994-05-12",
            "1994-05-12",
            "1994-05-12",
            DAY,
            False,
        ),
        (
            "停火协议于１９９４年５月１２日生效。",
            "１９９４年５月１２日",
            "1994-05-12",
            "1994-05-12",
            "1994-05-12",
            DAY,
            False,
        ),
        (
            "戰爭結束於一九九四年五月。",
            "一九九四年五月",
            "1994-05",
            "1994-05-01",
            "1994-05-31",
            MONTH,
            False,
        ),
        ("這是二〇二〇年的戰爭。", "二〇二〇年", "2020", "2020-01-01", "2020-12-31", YEAR, False),
        ("衝突在1994年5月結束。", "1994年5月", "1994-05", "1994-05-01", "1994-05-31", MONTH, False),
        ("1992年亞美尼亞遭受損失。", "1992年", "1992", "1992-01-01", "1992-12-31", YEAR, False),
        (
            "公元前400年城市被毀。",
            "公元前400年",
            "BC0400",
            "-0399-01-01",
            "-0399-12-31",
            YEAR,
            False,
        ),
        ("二十三日", None, None, None, None, None, None),
        (
            "1994年1月上旬雙方交戰。",
            "1994年1月上旬",
            "1994-01",
            "1994-01-01",
            "1994-01-10",
            MONTH,
            True,
        ),
        (
            "1993年6月下旬陣地失守。",
            "1993年6月下旬",
            "1993-06",
            "1993-06-21",
            "1993-06-30",
            MONTH,
            True,
        ),
        ("1992年上半年調解失敗。", "1992年上半年", "1992", "1992-01-01", "1992-06-30", YEAR, False),
        ("1994年底雙方停火。", "1994年底", "1994", "1994-09-01", "1994-12-31", YEAR, True),
        (
            "1992年夏天戰線移動。",
            "1992年夏天",
            "1992-SU",
            "1992-06-01",
            "1992-08-31",
            "season",
            True,
        ),
        ("1992年冬，雙方僵持。", "1992年冬", "1992-WI", "1991-12-01", "1992-02-29", "season", True),
        # ranges
        (
            "戰爭於1988年2月至1994年5月之間發生。",
            "1988年2月至1994年5月",
            "1988-02/1994-05",
            "1988-02-01",
            "1994-05-31",
            RANGE,
            False,
        ),
        (
            "日期1988年2月20日至1994年5月12日",
            "1988年2月20日至1994年5月12日",
            "1988-02-20/1994-05-12",
            "1988-02-20",
            "1994-05-12",
            RANGE,
            False,
        ),
        (
            "會議於1989年5月15日至18日舉行。",
            "1989年5月15日至18日",
            "1989-05-15/1989-05-18",
            "1989-05-15",
            "1989-05-18",
            RANGE,
            False,
        ),
        (
            "參戰方 1988–1991 蘇聯",
            "1988–1991",
            "1988/1991",
            "1988-01-01",
            "1991-12-31",
            RANGE,
            False,
        ),
        (
            "他留在那裡(1992-1997)。",
            "1992-1997",
            "1992/1997",
            "1992-01-01",
            "1997-12-31",
            RANGE,
            False,
        ),
        # decades, centuries
        (
            "要求在1980年代後期變得強烈。",
            "1980年代後期",
            "198",
            "1987-01-01",
            "1989-12-31",
            "decade",
            True,
        ),
        ("1990年代初發生戰爭。", "1990年代初", "199", "1990-01-01", "1992-12-31", "decade", True),
        (
            "二十世紀六十年代開始移民。",
            "二十世紀六十年代",
            "196",
            "1960-01-01",
            "1969-12-31",
            "decade",
            False,
        ),
        (
            "20世纪60年代开始移民。",
            "20世纪60年代",
            "196",
            "1960-01-01",
            "1969-12-31",
            "decade",
            False,
        ),
        ("20世纪末一场战争", "20世纪末", "19", "1967-01-01", "1999-12-31", "century", True),
        (
            "該名稱出現於13與14世紀。",
            "13與14世紀",
            "12/13",
            "1200-01-01",
            "1399-12-31",
            RANGE,
            False,
        ),
        (
            "這裡在公元前4世紀屬於亞美尼亞。",
            "公元前4世紀",
            "BC04",
            "-0399-01-01",
            "-0300-12-31",
            "century",
            False,
        ),
        (
            "十九世紀末和20世紀初的衝突",
            "十九世紀末和20世紀初",
            "18/19",
            "1867-01-01",
            "1932-12-31",
            RANGE,
            True,
        ),
        (
            "18世紀下半葉汗國建立。",
            "18世紀下半葉",
            "17",
            "1750-01-01",
            "1799-12-31",
            "century",
            False,
        ),
        (
            "二十世紀三四十年代該地區多次易手。",
            "二十世紀三四十年代",
            "193/194",
            "1930-01-01",
            "1949-12-31",
            RANGE,
            False,
        ),
        (
            "民國38年10月1日政府成立。",
            "民國38年10月1日",
            "1949-10-01",
            "1949-10-01",
            "1949-10-01",
            DAY,
            False,
        ),
        (
            "約在公元前5000年至前3000年之間。",
            "公元前5000年至前3000年",
            "BC5000/BC3000",
            "-4999-01-01",
            "-2999-12-31",
            RANGE,
            False,
        ),
        # durations
        ("(6年2個月3周又1天)", "6年2個月3周又1天", "P6Y2M3W1D", None, None, "duration", False),
        ("戰鬥持續了三天。", "三天", "P3D", None, None, "duration", False),
        ("雙方都提前幾個月尋找木材。", "幾個月", "PXM", None, None, "duration", True),
        ("他在那裡留了五年。", "五年", "P5Y", None, None, "duration", False),
    ],
)
def test_chinese_expression(text, expression, value, start, end, granularity, fuzzy):
    if expression is None:
        assert rows(text, "zh") == []
        return
    assert row_for(text, "zh", expression) == (expression, value, start, end, granularity, fuzzy)


@pytest.mark.parametrize(
    ("text", "expression", "value", "start", "end"),
    [
        ("1991年獨立。同年9月舉行公投。", "同年9月", "1991-09", "1991-09-01", "1991-09-30"),
        (
            "他於1992年5月復職。當年六月重新掌權。",
            "當年六月",
            "1992-06",
            "1992-06-01",
            "1992-06-30",
        ),
        (
            "1992年秋，軍隊改組，第二年的三四月間發動攻勢。",
            "第二年的三四月間",
            "1993-03/1993-04",
            "1993-03-01",
            "1993-04-30",
        ),
        ("1992年亞美尼亞受損，次年開始反攻。", "次年", "1993", "1993-01-01", "1993-12-31"),
        ("戰爭始於1988年。5月12日雙方停火。", "5月12日", "1988-05-12", "1988-05-12", "1988-05-12"),
        (
            "1992年5月18日城市陷落。第二天局勢惡化。",
            "第二天",
            "1992-05-19",
            "1992-05-19",
            "1992-05-19",
        ),
        (
            "1917年11月帝國戰敗，三個月之後宣布獨立。",
            "三個月之後",
            "1918-02",
            "1918-02-01",
            "1918-02-28",
        ),
        ("冬季的氣候條件與上一年相似。1993年10月開始。", "上一年", "XXXX", None, None),
    ],
)
def test_chinese_anchored(text, expression, value, start, end):
    row = row_for(text, "zh", expression)
    assert row is not None and row[1:4] == (value, start, end)


@pytest.mark.parametrize(
    "text",
    [
        "第366旅參加了戰鬥。",
        "估計死亡人數有6500人。",
        "在斯捷潘納克特的一輛T-72坦克紀念碑[27][28]",
        "雙方互相指責對方進行種族清洗[27]。",
        "共有156輛坦克被捕獲。",
        "十月革命改變了俄國。",
    ],
)
def test_chinese_not_dates(text):
    assert rows(text, "zh") == []


# ---------------------------------------------------------------------------------------------
# issue 16: day and month ranges, punctuation before a year, spaced dates, two-digit years,
# anniversaries


@pytest.mark.parametrize(
    ("text", "expression", "value", "start", "end", "granularity", "fuzzy"),
    [
        # a day range inside one month is the days, not the whole month
        (
            "会议于2004年9月20-23日举行。",
            "2004年9月20-23日",
            "2004-09-20/2004-09-23",
            "2004-09-20",
            "2004-09-23",
            RANGE,
            False,
        ),
        (
            "2004年2月25-26日举行会议。",
            "2004年2月25-26日",
            "2004-02-25/2004-02-26",
            "2004-02-25",
            "2004-02-26",
            RANGE,
            False,
        ),
        (
            "會議於2004年9月20至23日舉行。",
            "2004年9月20至23日",
            "2004-09-20/2004-09-23",
            "2004-09-20",
            "2004-09-23",
            RANGE,
            False,
        ),
        (
            "2004年9月28-10月3日举行。",
            "2004年9月28-10月3日",
            "2004-09-28/2004-10-03",
            "2004-09-28",
            "2004-10-03",
            RANGE,
            False,
        ),
        # without a year and nothing to anchor to: the days, unplaced (undated beats wrong)
        ("2月25-26日举行会议。", "2月25-26日", "XXXX-02-25/XXXX-02-26", None, None, RANGE, False),
        ("9月20～23日举行。", "9月20～23日", "XXXX-09-20/XXXX-09-23", None, None, RANGE, False),
        ("1-2月雨水多。", "1-2月", "XXXX-01/XXXX-02", None, None, RANGE, False),
        # month ranges
        (
            "2004年3-5月举行。",
            "2004年3-5月",
            "2004-03/2004-05",
            "2004-03-01",
            "2004-05-31",
            RANGE,
            False,
        ),
        (
            "2004年3月至5月举行。",
            "2004年3月至5月",
            "2004-03/2004-05",
            "2004-03-01",
            "2004-05-31",
            RANGE,
            False,
        ),
        # punctuation before a year keeps the year
        (
            "新华社消息:2004年5月1日，欧盟扩大。",
            "2004年5月1日",
            "2004-05-01",
            "2004-05-01",
            "2004-05-01",
            DAY,
            False,
        ),
        (
            "新華社消息：2004年5月1日，歐盟擴大。",
            "2004年5月1日",
            "2004-05-01",
            "2004-05-01",
            "2004-05-01",
            DAY,
            False,
        ),
        # spaced dates (tokenized or typeset text)
        (
            "1986 年 4 月 26 日发生爆炸。",
            "1986 年 4 月 26 日",
            "1986-04-26",
            "1986-04-26",
            "1986-04-26",
            DAY,
            False,
        ),
        (
            "1986 年 4 月发生爆炸。",
            "1986 年 4 月",
            "1986-04",
            "1986-04-01",
            "1986-04-30",
            MONTH,
            False,
        ),
        ("事故发生在1986 年。", "1986 年", "1986", "1986-01-01", "1986-12-31", YEAR, False),
        # two-digit years: a year when a month follows or written with a leading zero
        ("04年5月加入欧盟。", "04年5月", "2004-05", "2004-05-01", "2004-05-31", MONTH, False),
        ("他在04年加入。", "04年", "2004", "2004-01-01", "2004-12-31", YEAR, False),
        ("98年5月发生洪水。", "98年5月", "1998-05", "1998-05-01", "1998-05-31", MONTH, False),
        (
            "04年5月1日加入欧盟。",
            "04年5月1日",
            "2004-05-01",
            "2004-05-01",
            "2004-05-01",
            DAY,
            False,
        ),
        # ... but a bare count of years is still a duration
        ("他工作了4年。", "4年", "P4Y", None, None, "duration", False),
        ("他工作了26周。", "26周", "P26W", None, None, "duration", False),
    ],
)
def test_chinese_issue16_expression(text, expression, value, start, end, granularity, fuzzy):
    assert row_for(text, "zh", expression) == (expression, value, start, end, granularity, fuzzy)


@pytest.mark.parametrize(
    ("text", "expression", "value", "start", "end"),
    [
        (
            "2004年欧盟扩大。2月25-26日举行会议。",
            "2月25-26日",
            "2004-02-25/2004-02-26",
            "2004-02-25",
            "2004-02-26",
        ),
        # the century of a two-digit year follows the narrative
        ("1996年洪水之后，98年5月再次发生洪水。", "98年5月", "1998-05", "1998-05-01", "1998-05-31"),
        ("2003年申请，04年5月加入欧盟。", "04年5月", "2004-05", "2004-05-01", "2004-05-31"),
        ("1925年國共合作，28年5月北伐。", "28年5月", "1928-05", "1928-05-01", "1928-05-31"),
    ],
)
def test_chinese_issue16_anchored(text, expression, value, start, end):
    row = row_for(text, "zh", expression)
    assert row is not None and row[1:4] == (value, start, end)


@pytest.mark.parametrize(
    "text",
    [
        "今天是切尔诺贝利事故26周年。",
        "切爾諾貝利事故二十六週年紀念。",
        "建国60周年庆典。",
    ],
)
def test_chinese_anniversaries_are_neither_durations_nor_dates(text):
    assert [r for r in rows(text, "zh") if r[0] not in ("今天",)] == []
