"""Trigger lexicons: data files per language, closed kind list, kind priority."""

import pytest

from pipeline.events.kinds import KINDS
from pipeline.events.triggers import BLOCKER, find_triggers, triggers
from pipeline.lang import LANG_DIR


@pytest.mark.parametrize("lang", ["lv", "en", "zh"])
def test_every_language_has_a_lexicon_of_known_kinds(lang):
    lexicon = triggers(lang)
    assert len(lexicon) > 50
    assert {t.kind for t in lexicon} <= set(KINDS) | {BLOCKER}
    assert (LANG_DIR / lang / "event_triggers.tsv").is_file()


@pytest.mark.parametrize("lang", ["lv", "en", "zh"])
def test_no_trigger_is_listed_twice(lang):
    """A repeated line would report one word twice (two hits of one trigger)."""
    seen = [(t.kind, t.text) for t in triggers(lang)]
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(
    "sentence,lang,kind",
    [
        ("Russian forces captured Gori on 13 August 2008.", "en", "capture"),
        ("Krievijas spēki 2008. gada 13. augustā ieņēma Gori.", "lv", "capture"),
        ("2008年8月13日，俄羅斯軍隊攻佔哥里。", "zh", "capture"),
        ("A ceasefire took effect on 12 October 1995.", "en", "ceasefire_agreement"),
        ("Pamiers stājās spēkā 1995. gada 12. oktobrī.", "lv", "ceasefire_agreement"),
        ("停火協議於1995年10月12日生效。", "zh", "ceasefire_agreement"),
        ("Armistice negotiations began at Kaesong.", "en", "negotiation_summit"),
        ("Pamiera sarunas sākās Kesonā.", "lv", "negotiation_summit"),
        ("停战谈判在开城开始。", "zh", "negotiation_summit"),
        ("In the Srebrenica massacre that followed, 8,000 men were killed.", "en", "massacre"),
        ("Tam sekojošajā Srebreņicas slaktiņā tika nogalināti vīrieši.", "lv", "massacre"),
        (
            "The council adopted a resolution that called on member states to help.",
            "en",
            "resolution_ruling",
        ),
        ("Latvija iestājās NATO 2004. gada 29. martā.", "lv", "recognition_membership"),
        ("波罗的海之路是一次和平政治示威。", "zh", "protest_movement"),
        ("Gruzijas spēki sāka plaša mēroga uzbrukumu Chinvali.", "lv", "armed_clash"),
    ],
)
def test_kind_of_sentence(sentence, lang, kind):
    hits = find_triggers(sentence, lang)
    assert hits and hits[0].kind == kind


@pytest.mark.parametrize(
    "sentence,lang,kind",
    [
        # crimes, charges and custody
        ("The man was found dead near the market on Sunday.", "en", "other"),
        ("A bear mauled the farmer to death.", "en", "other"),
        ("Criminal charges have been filed against him.", "en", "other"),
        ("He is being remanded in custody.", "en", "other"),
        ("Policija arestē 32 gadus vecu vīrieti.", "lv", "other"),
        ("Vīrietis tika atrasts miris pie tirgus.", "lv", "other"),
        ("他也被控 1 项 B 级罪行。", "zh", "other"),
        ("一头公猪咬死了该名男子。", "zh", "other"),
        # scuffles and fights
        ("Scuffles broke out later in the day.", "en", "armed_clash"),
        ("Vēlāk izcēlās kautiņi ar policiju.", "lv", "armed_clash"),
        ("当天稍晚亦爆出混战，警方控制斗殴人群。", "zh", "armed_clash"),
        ("警方正在调查这起袭击事件的动机。", "zh", "other"),
        ("该报告于周一发表。", "zh", "other"),
        # matches, withdrawals, meetings, elections
        ("It was their second defeat in 18 games.", "en", "other"),
        ("“Liverpool” trešdien cīnīsies ar “Napoli”.", "lv", "armed_clash"),
        ("利物浦队将在周三迎战那不勒斯队。", "zh", "other"),
        ("Hart bowed out of the race in 1987.", "en", "other"),
        ("Hārts 1987. gadā izstājās no vēlēšanām.", "lv", "other"),
        ("德国工业协会主席最近会晤德国总理。", "zh", "other"),
        ("她被选为理事会的非执行董事。", "zh", "declaration_vote"),
        ("The flight was cancelled on Friday.", "en", "other"),
        # shootings, arrests, debuts, wounds
        ("Naktī Rīgā tika nošauts kāds vīrietis.", "lv", "armed_clash"),
        ("Policija izmeklē šaušanu pie veikala.", "lv", "armed_clash"),
        ("Viņa arests izraisīja protestus.", "lv", "other"),
        ("Viņš debitēja izlasē pagājušajā gadā.", "lv", "other"),
        ("Glābēji steidzās glābt cilvēkus no plūdiem.", "lv", "other"),
        ("He was treated for a gunshot wound in hospital.", "en", "other"),
        ("他在皇马的首秀打入一球。", "zh", "other"),
        # an armed conflict; a fixture
        ("Thousands died in the bloody border conflict of 1932.", "en", "armed_clash"),
        ("Tūkstoši gāja bojā asiņainajā konfliktā uz robežas 1932. gadā.", "lv", "armed_clash"),
        ("Arsenal face Sporting in the Europa League on Thursday.", "en", "other"),
        # a detention told by a verb
        ("Policija pirmdien aizturēja vīrieti.", "lv", "other"),
        ("Viņš tika aizturēts pirmdien.", "lv", "other"),
        ("他周一被警方拘留。", "zh", "other"),
        ("“Arsenal” ceturtdien tiksies ar “Sporting” Eiropas līgas spēlē.", "lv", "other"),
        # buildings put up, moves, arrivals, qualifying
        ("Both churches were built by white congregations in 1870.", "en", "other"),
        ("Abus dievnamus uzcēla baltā draudze 1870. gadā.", "lv", "other"),
        ("两座教堂建于 1870 年。", "zh", "other"),
        ("The congregation moved out in the 1930s.", "en", "other"),
        ("Draudze pārcēlās uz Ņujorku 1930. gadā.", "lv", "other"),
        ("原来的白人教会在 1930 年代迁出。", "zh", "other"),
        ("Friends have arrived at the scene in Leeds.", "en", "other"),
        ("Draugi ir ieradušies nozieguma vietā Līdsā.", "lv", "other"),
        ("朋友们抵达现场。", "zh", "other"),
        ("Bottas qualified ahead of Hamilton on Saturday.", "en", "other"),
        ("Botass sestdien kvalificējās pirms Hamiltona.", "lv", "other"),
        ("He travelled with his cousin from Yunnan on Wednesday.", "en", "other"),
        ("Viņš trešdien bija atbraucis no Juņnaņas provinces.", "lv", "other"),
        ("部长周三前往北京。", "zh", "other"),
        # a war
        ("North Korea seeks a formal end to the 1950-53 Korean War.", "en", "armed_clash"),
        ("Korejas karš ilga no 1950. līdz 1953. gadam.", "lv", "armed_clash"),
        ("1950-53年朝鲜战争造成数百万人死亡。", "zh", "armed_clash"),
        # visits, meetings, marriages, conversations
        ("Pompeo will visit Pyongyang again next month.", "en", "other"),
        ("Pompeo šogad ir apmeklējis Ziemeļkoreju jau trīs reizes.", "lv", "other"),
        ("今年蓬佩奥已经对朝鲜进行了三次访问。", "zh", "other"),
        ("他在2013年遇见了布莱克。", "zh", "other"),
        ("去年戴利嫁给了比他大20岁的奥斯卡奖得主。", "zh", "other"),
        ("在与昆斯交谈后，弗莱克做出了决定。", "zh", "negotiation_summit"),
        # a cup or a championship told with its year
        ("Ryder Cup 2018: Team USA show stomach for fight", "en", "other"),
        ("Eiropa vadīja 2018. gada Rīdera kausa izcīņā.", "lv", "other"),
        ("2018 年萊德杯：美國隊展現無窮鬥志", "zh", "other"),
        # strokes and heart attacks
        ("A month ago today I suffered a stroke.", "en", "other"),
        ("He was left unable to walk after a transient ischemic attack.", "en", "other"),
        ("Pirms mēneša es piedzīvoju insultu.", "lv", "other"),
        ("一个月前的今天我中风了。", "zh", "other"),
    ],
)
def test_kind_of_sentence_news_vocabulary(sentence, lang, kind):
    """General news vocabulary outside the conflict kinds (issue 16, detection)."""
    assert kind in {h.kind for h in find_triggers(sentence, lang)}


@pytest.mark.parametrize(
    "sentence,lang",
    [
        # sense checks: a word that names no happening in this context
        ("Investigating the past is a hobby of hers.", "en"),
        ("He filed the papers in a drawer.", "en"),
        ("The senate is considering a vote on the bill.", "en"),
        ("Viņa izcēlās ar lielisku atmiņu.", "lv"),
        ("Vārtsargs joprojām cīnās ar muguras problēmām.", "lv"),  # struggles with, no fight
        ("Biatlonā šaušana viņam neveicās.", "lv"),  # a sport's shooting
        ("Vorena plāno kandidēt prezidenta vēlēšanās.", "lv"),
        ("Warren 计划认真考虑参选总统。", "zh"),
        # a survey, a storm's strength, a risk, a speech
        ("根据尼尔森调查，观众人数上升到 240 万。", "zh"),
        ("“罗莎”周日早间仍处于飓风强度。", "zh"),
        ("强降雨将带来严重的洪水泛滥风险。", "zh"),
        ("辛克在活动上向观众发表演说。", "zh"),
        ("英超联赛混战中蓝队抢得先机。", "zh"),
        # a conflict of interest, a face in a crowd, a meeting of minds
        ("The board found no conflict of interest.", "en"),
        ("She faces criticism over the budget.", "en"),
        ("Pastāv interešu konflikts starp abām pusēm.", "lv"),
        ("Ministri tiksies nākamnedēļ.", "lv"),
        # the detained: people, not a detention
        ("Aizturēto bēgļu skaits šogad ir pieaudzis.", "lv"),
        ("被拘留的难民人数今年上升。", "zh"),
        # arriving at a conclusion; a qualified doctor
        ("The panel arrived at a decision after two days.", "en"),
        ("She qualified as a doctor in Leeds.", "en"),
        ("His stroke play was superb at Augusta.", "en"),
        # a cup without its year, a cup of coffee in 2018; an Olympic medal
        ("The Ryder Cup team trained in the rain.", "en"),
        ("他在2018年每天喝一杯咖啡。", "zh"),
        ("He is a two-time Olympic bronze medallist.", "en"),
        # a website visited
        ("The website had two million visits last month.", "en"),
        ("Šo tīmekļa vietni apmeklējuši divi miljoni lietotāju.", "lv"),
        ("用户可以访问网站上的数据。", "zh"),
        # a trade war, a declaration ending a war
        ("The trade war between Washington and Beijing hurt exporters.", "en"),
        ("ASV un Ķīnas tirdzniecības karš skāra eksportētājus.", "lv"),
        ("中美贸易战争伤害了出口商。", "zh"),
        ('They object to the "declaration of the end of war".', "en"),
        # a war without its years is background (veterans, a fleet, years of war)
        ("Other war veterans say they come back hardened.", "en"),
        ("ASV ar savas kara flotes starpniecību var to nodrošināt.", "lv"),
        ("叙利亚呼吁帮助重建这个被长达七年多战争摧毁的国家。", "zh"),
        ("他们反对“结束战争声明”。", "zh"),
    ],
)
def test_no_happening_in_context(sentence, lang):
    assert find_triggers(sentence, lang) == []


@pytest.mark.parametrize(
    "sentence,lang",
    [
        ("The chain linked the three capitals.", "en"),
        ("Padomi vadīja Anatolijs Gorbunovs.", "lv"),
        ("里加是拉脱维亚的首都。", "zh"),
    ],
)
def test_no_trigger(sentence, lang):
    assert find_triggers(sentence, lang) == []


def test_unknown_language_has_no_triggers():
    assert find_triggers("Der Krieg begann 1950.", "de") == []


def test_word_alternatives_and_any_word_in_a_phrase():
    from pipeline.events.patterns import phrase_pattern

    rx = phrase_pattern("told|addressed the * assembly|council", "en")
    assert rx.search("She addressed the European Council today").group() == (
        "addressed the European Council"
    )
    assert rx.search("He told the annual Assembly that").group() == "told the annual Assembly"
    assert rx.search("He told the newspaper that the council met") is None
    assert rx.search("He retold the annual Assembly") is None  # whole words only
