"""Question understanding: which reports a question names (county, department, year), what
kind of answer it wants, and what it asks about — resolved against the reports in the index.

- Counties: the indexed counties by full name or stem ("永兴" → 永兴县, "江华县" → 江华瑶族自治县,
  pinyin in English questions), and every county-level name of the national list
  (:mod:`index.gazetteer`) so a real county the index does not hold is refused by name.
  Particles (和/跟/与/比/同/及 …) never become part of a name.
- Departments: full names, their generated short forms (人社局, 住建局, 卫健委 …,
  :mod:`index.departments`) and the body without its head noun.
- Years: "2023年", "22年", "二〇二三年"; "上一年"/"去年" as a relative year; years no report can
  have (3023, 99999, 0) are reported, not dropped.
- What is asked: informative terms (jieba with the domain dictionary, question words removed,
  weighted by inverse document frequency), the metrics of the vocabulary they name, the
  qualifier (预算/决算/执行率 …), and whether the question compares or counts.
- English questions are mapped to Chinese first (:mod:`assistant.english`); ``language`` says
  so, for the answer's lead sentence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant import abbreviated, english, english_bodies, levels
from index import gazetteer, vocabulary
from index.departments import (
    common_bodies,
    match_departments,
    names_by_stem,
    occurrences,
    same_kind,
    short_forms,
    split_head,
)
from index.metrics import alias_index
from index.models import ReportIdentity

Intent = Literal["number", "locate", "compare", "general"]

_HAN = "\u4e00-\u9fff"
_LOCATE = re.compile(
    r"哪一?段|哪里|哪儿|在哪|哪一?节|哪一?部分|哪一?章|第几部分|第几节|原文|出处|写在|哪些段|"
    r"什么地方|哪个地方|出自(?:哪|何|什么)|出处|where|which section|which part",
    re.I,
)
# Comparison: a comparative or superlative, an order, a difference, a "who/which" over
# several subjects, or "each of several". Built from the parts of speech, not from phrases.
_WHICH = r"(?:哪一?个|哪一?家|哪一?份|哪几个|哪些|谁)"
_MORE = r"(?:多|少|高|低|大|小|强|弱|快|慢|好|差|领先|靠前|靠后|突出)"
_COMPARE = re.compile(
    rf"比较|对比|相比|比一比|比比|比一下|较之|与.{{1,14}}?比|和.{{1,14}}?比|跟.{{1,14}}?比|同.{{1,14}}?比|"
    rf"比.{{0,14}}?{_MORE}|更{_MORE}|最{_MORE}|较{_MORE}|{_WHICH}.{{0,16}}?{_MORE}|"
    rf"排个?序|排名|排一排|排排|排列|名次|排一下|排下序?|[从由](?:高到低|低到高|多到少|少到多|大到小|小到大)|"
    rf"前[三五十]名?|"
    rf"差多少|差了?多少|相差|差额|差距|差值|差异|高出|低出|多出|少出|多了|少了|"
    rf"增加|减少|增长|下降|增减|变化|变动|涨|降了|"
    rf"各是|各为|各有|各多少|各自|分别|两县|两区|两年|两个|两份|两家|三家|几家|几个县|几个区|各县|各区|这几|"
    rf"compare|comparison|versus|\bvs\b|higher|lower|more than|less than|difference|rank|"
    rf"which (?:county|one|district|department|bureau|unit)|the most|the least",
    re.I,
)
_NUMBER = re.compile(
    r"多少|几[批人个名家项次辆条分类所座]?|金额|数额|数字|得分|比例|占比|率|"
    r"how much|how many|what (is|was) the",
    re.I,
)
_COUNT = re.compile(
    r"(?:几|多少)(?:个|项|家|条|类|所|座|处|支|种|方面|部分)(?!人|百分)|"
    r"how many (?!people|staff|persons|employees|yuan)|number of (?!people|staff|persons)",
    re.I,
)
_QUALIFIERS = (
    (  # before 调整后预算: "执行了调整预算的百分之多少" asks the rate, not the budget
        "执行率",
        r"执行率|完成率|执行进度|完成(?:年初|全年|调整后的?)?预算(?!数)|预算完成|预算执行情况|"
        r"(?:花|用|支出|执行|完成)了?(?:年初|全年|调整后?的?)?预算(?:数)?的(?:百分之|多少|几|比例)|"
        r"execution rate",
    ),
    ("调整后预算", r"调整后预算|调整预算|adjusted budget"),
    ("目标值", r"目标值|指标值|年度指标|目标|target"),
    ("完成值", r"完成值|实际完成|完成情况|完成了|actual value"),
    ("决算", r"决算(?![^，。？、\s]{0,4}表)|实际(?!上)|执行数|花了|用了|支出了|actual|spent"),
    (  # not "比预算省了多少": a gap from the budget is asked, not the budget
        "预算",
        r"(?<!公共)(?<!基金)(?<!经营)(?<!比)(?<!较)预算(?![^，。？、\s]{0,4}表)|年初|budget",
    ),
    ("分值", r"分值|权重|weight"),
    ("得分", r"得分|打分|评分|得了?(?:几|多少)分|score"),
)
_YEAR_FULL = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*(?:年度?|财年)?(?![\d.%])")
_YEAR_SHORT = re.compile(r"(?<![\d.])(\d{2})\s*年(?!\d|月|代|以|来|内|间|前|后)")
_YEAR_SHORT_LIST = re.compile(
    r"(?<![\d.])(\d{2})\s*(?:年?、|年?和|年?与|年?及|年?至|年?到|-|—|～|~)\s*(\d{2})\s*年"
)
"""Two short years sharing one 年: "22、23年", "22和23年", "22至23年"."""
_YEAR_WRITTEN = re.compile(r"(?<![\d.])(\d+)\s*年度?(?!\d|月|代|以|来|内|间|前|后|龄|级)")
_HAN_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
               "七": 7, "八": 8, "九": 9}  # fmt: skip
_YEAR_HAN = re.compile(r"([〇零○一二三四五六七八九]{4})\s*年")
_RELATIVE = (
    (-1, re.compile(r"上一?个?年度?|去年|前一年|上年度|previous year|last year|prior year")),
    (1, re.compile(r"下一?个?年度?|次年|明年|后一年|next year|following year")),
)
_RELATIVE_WORDS = re.compile(
    r"(?:(?:上一?个?|前一个?|下一?个?|后一个?)年度?|去年|明年|次年|上年度|"
    r"\b(?:the )?(?:previous|last|prior|next|following) year\b)"
    r"(?=$|[的呢吗啊呀，,。？?！!\s])"  # never the 上年 of 上年结转
)
"""The words of a relative year, taken out of the topic ("那前一年呢" names no 那前)."""
_FIRST_YEAR, _LAST_YEAR = 1949, 2100
_PLACE_MENTION = re.compile(rf"([{_HAN}]{{2,6}}?)(自治县|县|区|旗)(?![级委政城乡镇域内外里])")
_JOINING = "和跟与及同或、"
"""Words joining two names ("统计局和旗残联"): a place's name never spans one."""
_NOT_PLACE_PREFIX = re.compile(r"[个各全本两该我这那其每哪几县市省级地表里的]")
_AREA_NOUNS = frozenset(
    "社区 小区 园区 景区 城区 辖区 片区 学区 库区 山区 牧区 灾区 矿区 街区 校区 老区 新区 "
    "林区 湖区 港区 郊区 市区 厂区 营区 病区 专区 展区 保护区 开发区 示范区".split()
)
"""Common nouns ending in 区 (社区养老, 园区): no county name."""
_UNIT_MENTION = re.compile(
    rf"([{_HAN}]{{2,10}}?)(局|委员会|办公室|医院|学校|中心|管理处|服务站)(?![{_HAN}]{{0,2}}(报告))?"
)
_NOT_A_BODY = re.compile(
    r"财政局|本局|我局|该局|各局|全局|(?:这|那|哪)?[一两二三四五六七八九十几\d]*个(?:局|委员会|办公室)"
)
"""Words pointing at bodies already named ("这个局", "这两个局", "三个局"), not a body's name."""
_COUNTED_OR_DONE = re.compile(r"几|多少|了|[0-9０-９]")
"""A mention counting or doing something ("新建了几个中心"): things built, not a body's name."""
_ITEM_AFTER = re.compile(r"(?:覆盖率|建设|改造|项目|工程|资金|经费|数量|个数|这项|指标|达标|率)")
"""Words after a mention that make it an item or indicator ("服务中心覆盖率", "学校这项指标")."""
_SERVICE_HEADS = frozenset({"医院", "学校", "中心", "管理处", "服务站"})
"""Heads of service units: beside an indexed body already named, an item of its work."""
_AFTER_PLACE_WORD = re.compile(r"^.*(?:表|里|内)")
"""A mention starts after a document or place word ("绩效表里…", "报告内…")."""
_GENERIC_KIND = re.compile(r"(?:公立|民营|私立|基层|各级|各类|下属|所属|直属|乡镇|社区|村级|定点)$")
"""Modifiers that make "…医院/学校/中心" a kind of body rather than a named one."""


@dataclass(frozen=True)
class Catalogue:
    """What the index holds, as the question resolver needs it."""

    identities: tuple[ReportIdentity, ...]
    knows: Callable[[str], bool] | None = field(default=None, compare=False, repr=False)
    """Does the index hold this word? (English words are mapped to senses the reports use.)"""
    contains: Callable[[str], bool] | None = field(default=None, compare=False, repr=False)
    """Does this phrase occur as written in some report? (checks composed English senses)"""

    @functools.cached_property
    def counties(self) -> list[str]:
        return sorted({i.county for i in self.identities if i.county})

    @functools.cached_property
    def departments(self) -> list[str]:
        return sorted({i.department for i in self.identities if i.department})

    @functools.cached_property
    def years(self) -> list[int]:
        return sorted({i.year for i in self.identities if i.year})


@dataclass(frozen=True)
class Query:
    """A question as understood: hard filters, intent, topic text and anything unresolvable.

    Fields after ``notes`` were added for evidence scoring; every one has a default."""

    text: str
    language: Literal["zh", "en"]
    counties: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    intent: Intent = "general"
    topic: str = ""
    """Informative terms and comparison/change signal words (比, 最多 …), space-separated, in
    question order ("三公经费 比 多"): never a leftover phrase."""
    topics: tuple[str, ...] = ()
    """One topic per sub-question ("编制多少名，在职多少人" → "编制", "在职")."""
    context: str = ""
    """Topic carried from earlier turns that a follow-up narrows ("其中公车运维多少")."""
    unknown: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    zh_text: str = ""
    """The question in Chinese (an English question mapped through the glossary); equals
    ``text`` for a Chinese question. Search and term matching use this."""
    terms: tuple[str, ...] = ()
    """Informative terms, most informative first (names, years, question words removed)."""
    weights: tuple[float, ...] = ()
    """An inverse-document-frequency weight per term (domain terms weigh most)."""
    metrics: tuple[str, ...] = ()
    """Names of vocabulary metrics the question asks (index.metrics), in question order."""
    qualifier: str | None = None
    """Which figure of a metric: 预算 / 调整后预算 / 决算 / 执行率 / 目标值 / 完成值 / 分值 /
    得分 (None when the question does not say)."""
    asks_count: bool = False
    """The question asks how many things ("几个内设机构", "多少项", "how many")."""
    relative_year: int = 0
    """-1 for 上一年/去年, +1 for 下一年 (resolved against the conversation's year)."""
    unindexed: tuple[str, ...] = ()
    """Real counties (national list) or common bodies the question names that no report has."""
    bad_years: tuple[str, ...] = ()
    """Years as written that no report can be about ("3023年", "0年")."""
    extra_terms: tuple[str, ...] = ()
    sides: tuple[tuple[str | None, str | None, int | None], ...] = ()
    """The (county, department, year) of each subject a follow-up compares across earlier
    turns ("那江华交通局的呢" → "哪个多？"); empty: every combination of the slots."""
    """Dictionary translations of other English words (weak evidence only)."""
    within: str = ""
    """A follow-up still counting what the earlier turns counted ("其中500万以上的呢" after
    "100万元以上的项目有几个"): those turns' questions, which name the counted thing and, when
    the follow-up narrows them (其中…), the bounds that still apply."""


def county_aliases(county: str) -> list[str]:
    """Ways people write a county: 江华瑶族自治县 → 江华瑶族自治县, 江华县, 江华瑶族, 江华;
    鄂温克族自治旗 → 鄂温克旗, 鄂温克族, 鄂温克."""
    suffix = re.search(r"(自治县|自治旗|县|区|旗|市)$", county)
    stem = county[: suffix.start()] if suffix else county
    aliases = {county, stem}
    place = gazetteer.county_stem(county)
    if suffix and (place != stem or suffix.group(1).startswith("自治")):  # 县 or 旗 for 自治…
        aliases |= {place, place + suffix.group(1)[-1]}
    return sorted((a for a in aliases if len(a) >= 2), key=len, reverse=True)


def department_matches(mention: str, department: str) -> bool:
    """ "科工局" names 科技和工业信息化局: a generated short form, or the same first character,
    characters in order and the same end."""
    if mention == department or mention + "局" == department or mention in short_forms(department):
        return True
    if not mention or mention[0] != department[0] or mention[-1] != department[-1]:
        return False
    rest = iter(department)
    return all(ch in rest for ch in mention)


def understand(text: str, catalogue: Catalogue) -> Query:
    """Resolve names and years against the index and classify what the question wants."""
    question = text.strip()
    language: Literal["zh", "en"] = "en" if english.is_english(question) else "zh"
    extra: tuple[str, ...] = ()
    zh = question
    pinyin_counties: list[str] = []
    read: list[tuple[int, str]] = []  # indexed counties written in pinyin, with positions
    said = question  # the English question without the words that name a body by its head
    if language == "en":
        read = english.county_by_pinyin(question, catalogue.counties)
        by_head = english_bodies.bodies_by_head(question, read, catalogue.identities)
        for start, end in sorted((span for _, span in by_head), reverse=True):
            said = f"{said[:start]} {said[end:]}"  # "farm machinery center": the body's words
        zh, extra = english.to_chinese(said, catalogue.knows, catalogue.contains)
        zh = english_bodies.held_kin(zh, catalogue.departments)
        read = english.county_by_pinyin(said, catalogue.counties)
        pinyin_counties = [c for _, c in read]
        towns = english.townships_by_pinyin(said, catalogue.departments)
        if towns:  # "Baishi town government": the town's body, not a topic word 人民政府
            zh = re.sub(r"(?<![\u4e00-\u9fff])人民政府(?![\u4e00-\u9fff])", " ", zh)
        towns += [body for body, _ in by_head]
        zh = " ".join([zh, *towns])  # found below like a Chinese mention
    zh = _formal_words(zh)
    counties, rest = _find_counties(zh, catalogue)
    named_counties = list(dict.fromkeys([*counties, *pinyin_counties]))
    level, rest = levels.level_bodies(rest, catalogue.identities, catalogue.departments)
    counties = list(dict.fromkeys([*named_counties, *(c for c, _ in level)]))
    unindexed_places, rest = _unindexed_places(rest, catalogue)
    if language == "en":  # "Shucheng County" when no indexed county reads so
        unindexed_places += english.unmatched_places(said, read)
    departments, unknown_units, rest = _find_departments(rest, catalogue, counties)
    counties += _holders(counties, departments, catalogue)  # "总工会跟南丰人医": 资溪's 总工会
    if language == "en":  # "the disabled persons' federation" where no report is of one
        unknown_units += english_bodies.unheld(zh, catalogue.departments)
    if not counties and not unindexed_places:  # "将乐林业局": a county's stem before a body
        unindexed_places, rest = _stem_before_body(rest, catalogue)
    carried, rest = _carried_into(rest)
    years, bad_years, rest = _find_years(rest)
    years = list(dict.fromkeys([*years, *carried]))
    if _relative_year(rest):  # "那前一年呢": a year asked relative to the last, not a topic
        rest = _RELATIVE_WORDS.sub(" ", rest)
    rest = _CHECK_ASKED.sub(" ", rest)  # "报告里算对了吗": whether it is right, not a topic
    rest, zh = _budget_named(rest), _budget_named(zh)  # "调整以后的预算" is 调整后预算
    kindless = _REPORTS_OF_KIND.sub(" ", rest)
    if informative_terms(kindless) and not _SCORE_ASKED.search(kindless):
        # "两个自评报告里三公经费…": the kind picks the reports ("…谁的分高" asks their score)
        rest = kindless
    if _SCORE_ONLY.search(rest) and set(informative_terms(rest)) <= _SELF_EVALUATION:
        rest = f"{rest} 得分"  # "…23年(绩效自评)得了多少分": the report's own score
    named = bool(counties or departments or years or unindexed_places)
    spent_all = named and bool(_SPENT_ALL.search(rest)) and not informative_terms(rest)
    if named and not spent_all and _SPENT_MORE.search(rest) and not informative_terms(rest):
        rest = f"{rest} 支出"  # "谁花的钱多": the bodies' whole spending compared
        zh = _SPENT_MORE.sub("支出", zh.replace(" ", ""), count=1)
    elif _SPENT_MORE.search(rest) and informative_terms(_SPENT_MORE.sub(" ", rest)):
        rest = _SPENT_MORE.sub(" ", rest)  # "三公经费哪家花得少": the item, compared
    if named and _HEADCOUNT.search(rest) and not informative_terms(_HEADCOUNT.sub(" ", rest)):
        # "X局有多少人": no figure named; staffing, read as the reports write it
        rest = _HEADCOUNT.sub(_HEADCOUNT_ASKED, rest, count=1)
        zh = _HEADCOUNT.sub(_HEADCOUNT_ASKED, zh, count=1)
    if named and _UNITS_ASKED.search(rest) and not informative_terms(rest):
        rest = f"{rest} 内设机构"  # "X中心都设了哪些部门": a body's parts are its internal units
    if spent_all:  # "X局2023年一共花了多少钱": the body's whole spending, asked in its word;
        # a bare "花了多少？" names no body or year: a follow-up on the last turn's topic
        rest = f"{rest} 支出"
        zh = _SPENT_ALL.sub("支出多少", zh.replace(" ", ""), count=1)
    unknown = [*unindexed_places, *unknown_units, *bad_years]
    unknown += [str(y) for y in years if y not in catalogue.years]
    written, rest = rest, abbreviated.spelled_out(rest)  # "公务用车运维": 公务用车运行维护费
    intent = _intent(zh, counties, years, departments)
    terms = by_weight(informative_terms(rest))
    metrics = _metrics(informative_terms(rest))
    return Query(
        text=question,
        language=language,
        counties=tuple(counties),
        departments=tuple(departments),
        years=tuple(years),
        intent=intent,
        # as written (a follow-up still narrows the last topic); a comparison's item as the
        # catalogue names it ("公车运维费谁花得多": 公务用车运行维护费 across the reports)
        topic=topic_text(rest if intent == "compare" else written),
        topics=_sub_topics(rest),
        unknown=tuple(dict.fromkeys(unknown)),
        zh_text=zh,
        terms=terms,
        weights=tuple(term_weight(t) for t in terms),
        metrics=metrics,
        qualifier=_qualifier(zh),
        asks_count=bool(_COUNT.search(zh) or _COUNT.search(question))
        and not english.asks_people(question),
        relative_year=_relative_year(_CARRIED_INTO.sub(" ", zh)),
        unindexed=tuple(dict.fromkeys([*unindexed_places, *unknown_units])),
        bad_years=tuple(bad_years),
        extra_terms=extra,
        sides=_paired_sides(zh, counties)
        or _level_sides(level, named_counties, departments, years, catalogue)
        or _held_sides(counties, departments, years, catalogue),
    )


def _level_sides(
    level: Sequence[tuple[str, str]],
    named_counties: Sequence[str],
    departments: Sequence[str],
    years: Sequence[int],
    catalogue: Catalogue,
) -> tuple[tuple[str | None, str | None, int | None], ...]:
    """Each body with its own county when one is named by a level word and another by no
    county at all ("统计局和旗残联": the banner's 残联 and any county's 统计局, not the banner's
    统计局): empty when every body named is held by a named county."""
    if not level:
        return ()
    counties = {*named_counties, *(c for c, _ in level)}
    held = {(i.county, i.department) for i in catalogue.identities}
    loose = [d for d in departments if not any((c, d) in held for c in counties)]
    if not loose:
        return ()
    bodies: list[tuple[str | None, str]] = [*level, *((None, d) for d in loose)]
    bodies += [(c, d) for c in named_counties for d in departments if (c, d) in held]
    return tuple(dict.fromkeys((c, d, y) for c, d in bodies for y in (years or [None])))


def _holders(
    counties: Sequence[str], departments: Sequence[str], catalogue: Catalogue
) -> list[str]:
    """The one county holding a body named without its place, when a place is named for
    another body the place holds ("23年总工会跟南丰人医…": 总工会 is 资溪's, not 南丰's); none
    when a named county holds it, the named places hold none of the bodies named ("光山县卫健委"
    is refused), or several counties hold it."""
    if not counties or len(departments) < 2:
        return []
    have = {(i.county, i.department) for i in catalogue.identities if i.county}
    if not any((c, d) in have for c in counties for d in departments):
        return []  # "光山县卫健委": the place named is the body's own, which it does not have
    out: list[str] = []
    for department in departments:
        if any((c, department) in have for c in counties):
            continue
        holders = {c for c, d in have if d == department}
        if len(holders) == 1:
            out += [h for h in holders if h not in counties and h not in out]
    return out


def _held_sides(
    counties: Sequence[str], departments: Sequence[str], years: Sequence[int], catalogue: Catalogue
) -> tuple[tuple[str | None, str | None, int | None], ...]:
    """Each county with the named bodies it holds, or with any of its bodies when it holds none
    of them ("甲县粮储局和乙县疾控" where the question's words for 粮储局 were not read): no
    county is left out of a comparison because another county's body was named. Empty when
    every county holds a named body, or none does."""
    if len(counties) < 2 or not departments:
        return ()
    have = {(i.county, i.department) for i in catalogue.identities}
    held = {c: [d for d in departments if (c, d) in have] for c in counties}
    if all(held.values()) or not any(held.values()):
        return ()
    return tuple(
        dict.fromkeys(
            (c, d, y) for c in counties for d in (held[c] or [None]) for y in (years or [None])
        )
    )


def _paired_sides(
    zh: str, counties: Sequence[str]
) -> tuple[tuple[str | None, str | None, int | None], ...]:
    """Each county with its own year(s) when the question pairs them ("甲县2022年与乙县2023年",
    "2022年的甲县和2023年的乙县"): those sides, not every county in every year named. Empty when
    the years are not written beside the counties, or every county shares them."""
    if len(counties) < 2:
        return ()
    marks: list[tuple[int, str | int]] = []
    blanked = zh
    for county in counties:
        for alias in county_aliases(county):
            for start, end in list(occurrences(alias, blanked)):
                marks.append((start, county))
                blanked = _blank(blanked, start, end)
    marks += _year_marks(blanked)
    marks.sort(key=lambda mark: mark[0])
    if not marks or not any(isinstance(m, int) for _, m in marks):
        return ()
    years_after = isinstance(marks[0][1], str)  # "甲县2022年…": a county's years follow it
    groups: list[tuple[str, list[int]]] = []
    pending: list[int] = []
    for _, mark in marks:
        if isinstance(mark, int):
            if years_after and groups:
                groups[-1][1].append(mark)
            else:
                pending.append(mark)
        else:
            groups.append((mark, [] if years_after else pending))
            pending = []
    if pending or any(not years for _, years in groups):
        return ()
    sides = tuple(dict.fromkeys((c, None, y) for c, years in groups for y in years))
    product = {(c, None, y) for c, _ in groups for y in {y for _, ys in groups for y in ys}}
    return sides if set(sides) != product else ()


def _year_marks(text: str) -> list[tuple[int, str | int]]:
    """Where each year is written (full, short "22年" and Chinese-numeral forms)."""
    marks: list[tuple[int, str | int]] = []
    for match in _YEAR_HAN.finditer(text):
        marks.append((match.start(), int("".join(str(_HAN_DIGITS[c]) for c in match.group(1)))))
        text = _blank(text, match.start(), match.end())
    for match in _YEAR_FULL.finditer(text):
        marks.append((match.start(), int(match.group(1))))
        text = _blank(text, match.start(), match.end())
    for match in _YEAR_SHORT.finditer(text):
        if 10 <= int(match.group(1)) <= 40:
            marks.append((match.start(), 2000 + int(match.group(1))))
    return marks


_REPORTS_OF_KIND = re.compile(
    r"(?:(?:[两二三四五几各每这那些]|所有|全部)+[个份篇]?的?)?"
    r"(?:部门整体支出|整体支出|项目支出)?(?:绩效)?自评(?:报告|材料)(?:里面|里|中|之间|当中|的)?|"
    r"self[- ]?(?:evaluation|assessment) reports?"
)
"""Reports named by their kind ("两个自评报告里"): which reports are asked (scope.kind_scope),
not a subject; the words are left out of the topic when something else is asked."""
_SCORE_ASKED = re.compile(r"分(?:数|值)?(?:高|低|多|少|最|更|谁|哪)|得分|评分|多少分|几分|的分")
_CHECK_ASKED = re.compile(
    r"(?:报告|文中|原文)?(?:里|中)?(?:的)?(?:算|计算|写|填)(?:得|的)?(?:对|错|准|正确)(?:了|没)?"
    r"(?:吗|没有|不对|不)?"
)
"""Asking whether the report's own arithmetic or writing is right ("报告里算对了吗",
"计算准不准"): the check the answer makes, never a topic word."""
_SCORE_ONLY = re.compile(r"多少分|几分|得分|评分|分数")
_SPENT_ALL = re.compile(r"(?:花|用|支出|开支)(?:了|掉|出去|出)?(?:多少|几)|花钱|多少钱")
"""Spending asked with no item named ("一共花了多少钱", "全年用了多少"): what the body spent."""
_HEADCOUNT = re.compile(
    r"(?:一共|总共|共|现在|目前|实际)?(?:有|养了|养着)?(?:多少|几)(?:个|名|号)?"
    r"(?:人(?![次头均])|员工|职工|干部|工作人员|在编人员|编制人员)|"
    r"(?:员工|职工|干部|工作人员|人员|人手)(?:有|一共有|总共有|共)?(?:多少|几个|几名|多大规模)"
)
"""A body's size asked with no figure named ("X局有多少人", "单位几个员工", "人员有多少"):
its staffing as reports state it — the establishment (编制) and the staff in post (实有)."""
_HEADCOUNT_ASKED = "编制数多少，实有人数多少"
_ADJUSTED_SAID = re.compile(r"调整(?:以后|之后|过后|后)的?预算")
_START_SAID = re.compile(r"(年初|全年)的预算")


def _budget_named(text: str) -> str:
    """A budget column said in other words ("调整以后的预算", "年初的预算") written as reports
    head it (调整后预算, 年初预算)."""
    return _START_SAID.sub(r"\1预算", _ADJUSTED_SAID.sub("调整后预算", text))


_UNITS_ASKED = re.compile(
    r"(?:哪些|哪几个?|几个|多少个?)(?:部门|科室|股室|处室|机构)|"
    r"(?:部门|科室|股室|处室)(?:有|都有|分别是|是)(?:哪些|哪几)"
)
"""A named body's parts asked with no other word ("X中心都设了哪些部门", "X局有几个部门"):
its internal units (内设机构), however the report words them."""
_SPENT_MORE = re.compile(r"(?:花|用)(?:的|得|了)?钱?(?=更?[多少])(?!多少)")
"""Spending compared with no item named ("谁花的钱多", "哪个局花得少"): the whole spending."""
_SCORE_VERB = re.compile(r"(?<=[\u4e00-\u9fff])(得了|打了|评了|拿了)(?=多少分|几分)")
"""The verb of a score asked, set apart from the word before it ("自评得了多少分": 自评 | 得了,
never a word 评得)."""
_SPENT_WHERE = re.compile(
    r"(?:的?钱)?(?:主要|都|大多|大部分|大头)?(?:花|用)(?:在|到)?了?"
    r"(?:哪儿|哪里|哪|什么地方|啥地方|什么上面|什么上|什么方面|哪些方面)了?"
)
"""Everyday ways to ask where the money went ("钱主要花哪了", "都用在什么地方"): the uses a
report states for its spending (支出主要用于…)."""
_SPENT_SHARE = re.compile(
    r"(?:的?(?:钱|资金|经费|预算))?(?:实际)?(?:花|用|支|拨|付)(?:出去|出|掉|完|付)?了?"
    r"(?:百分之多少|百分之几|多少百分比|百分比是?多少|几成|多大比例|多少比例)"
    r"|(?:的?(?:钱|资金|经费|预算))?(?:花|用)(?:出去|掉|完)了?的(?:比例|比重|百分比)(?:是|为|有)?多少"
)
"""Everyday ways to ask how much of the money was spent ("钱花出去百分之多少", "花掉了几成",
"资金用了多大比例"): the execution rate (a measure of the subject, which a follow-up keeps;
"执行了百分之多少" is read as such already)."""
_SELF_EVALUATION = frozenset(
    "绩效自评 自评 绩效评价 整体支出 部门整体支出 整体 绩效 自评表 绩效自评表".split()
)
"""Words naming the self-evaluation itself: with them a score asked is the report's own."""


_SPENT_ON = re.compile(
    r"在([\u4e00-\u9fff]{1,6}?)(?:方面|上面|上)(?:的)?(?:花|用|支出|开支)(?:的|得|了)?(?:钱|费用|资金)?|"
    r"(?:花|用)在([\u4e00-\u9fff]{1,6}?)(?:方面|上面|上)(?:的)?(?:钱|费用|资金)?"
)
"""Spending on an item in everyday words ("在项目上花钱多", "花在项目上的钱"): the item's
spending when the catalogue names one (项目 → 项目支出)."""


def _spending_of(match: re.Match[str]) -> str:
    from index.metrics import metrics

    item = match.group(1) or match.group(2)
    name = f"{item}支出"
    if any(name == m.name or name in m.aliases for m in metrics()):
        return f"{name} "
    return match.group(0)


_BARE_CAR = re.compile(r"(^|其中|那么?|还有|关于)车辆?(?=的|呢|方面|上|花|费|用了|支出)")
""""其中车的呢", "那车辆方面": in a budget report the car is the official car (公务用车)."""


def _formal_words(text: str) -> str:
    """Everyday words replaced by the reports' word for them (开支 → 支出); a spending verb
    set apart from the item before it ("运维费花了" → "运维费 花了")."""
    text = _SPENT_ON.sub(_spending_of, text)  # "在项目上花钱多": 项目支出多
    text = _SPENT_SHARE.sub("的执行率是多少", text)
    text = _SPENT_WHERE.sub("支出主要用于什么", text)
    text = _SCORE_VERB.sub(r" \1", text)
    text = _BARE_CAR.sub(r"\1公务用车", text)
    text = _SHARED_HEAD.sub(_head_on_both, text)  # "基本和项目支出": 基本支出和项目支出
    for word, formal in vocabulary.everyday_words():
        text = text.replace(word, formal)
    for verb in vocabulary.spending_verbs():
        text = re.sub(rf"(?<=[\u4e00-\u9fff]){verb}", f" {verb}", text)
    return text


_SHARED_HEAD = re.compile(
    r"([\u4e00-\u9fff]{2,8})([和与及跟、])(?=[\u4e00-\u9fff]{1,8}?(支出|收入|经费))"
)
"""Two items sharing one head noun written once after the second ("基本和项目支出")."""


def _head_on_both(match: re.Match[str]) -> str:
    """The first item with the head it shares, when that names a catalogue metric and the item
    alone does not (基本 → 基本支出); else as written."""
    before, joint, head = match.group(1), match.group(2), match.group(3)
    if before.endswith(head):
        return match.group()
    known = alias_index()
    for cut in range(max(0, len(before) - 6), len(before) - 1):
        item = before[cut:]
        if item + head in known and item not in known:
            return f"{before}{head}{joint}"
    return match.group()


# -- names ------------------------------------------------------------------------------------


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + "□" * (end - start) + text[end:]


def _find_counties(question: str, catalogue: Catalogue) -> tuple[list[str], str]:
    """Indexed counties named in the question (leftmost-longest: a particle before a name is
    never part of it); their mentions are blanked out of the rest."""
    aliases: dict[str, set[str]] = {}
    for county in catalogue.counties:
        for alias in county_aliases(county):
            aliases.setdefault(alias, set()).add(county)
    found: list[tuple[int, str]] = []
    rest = question
    for alias in sorted(aliases, key=len, reverse=True):
        owners = aliases[alias]
        if len(owners) > 1 and alias not in owners:
            continue  # a stem two indexed counties share names neither
        for start, end in list(occurrences(alias, rest)):
            found += [(start, c) for c in sorted(owners)]
            rest = _blank(rest, start, end)
    ordered = [c for _, c in sorted(found)]
    return list(dict.fromkeys(ordered)), rest


def _unindexed_places(rest: str, catalogue: Catalogue) -> tuple[list[str], str]:
    """Real county-level names (national list) and county-like names ("桃源县") that no
    indexed report has; indexed ones are already blanked. Particles are stripped."""
    out: list[str] = []
    for mention in gazetteer.find_mentions(rest):
        out.append(mention.name)
        rest = _blank(rest, mention.start, mention.end)
    for match in _PLACE_MENTION.finditer(rest):
        name = match.group(1).lstrip(gazetteer.PARTICLES)
        cut = max(name.rfind(c) for c in _JOINING)
        if cut >= 1:  # "统计局和旗", "甲局跟乙县": the place begins after the joining word
            name = name[cut + 1 :]
        if "□" in name or len(name) < 2 or _NOT_PLACE_PREFIX.search(name):
            continue
        if match.group(2) == "区" and any((name + "区").endswith(a) for a in _AREA_NOUNS):
            continue
        if _common_word_end(name):
            continue  # "项目区", "示范县", "试点县": a kind of area, not a place's name
        full = name + match.group(2)
        if not any(
            full in alias or alias in full
            for c in catalogue.counties
            for alias in county_aliases(c)
        ):
            out.append(full)
    return out, rest


_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nz", "nrfg"})
"""jieba's tags of proper names (places, people, other names)."""
_COMMON_FREQ = 500
"""A word this frequent in jieba's dictionary, not tagged as a name, is an ordinary word."""


def _common_word_end(name: str) -> bool:
    """Whether a county-like mention's name ends in an ordinary word (项目 in 项目区, 示范 in
    示范县): only names of the national list or the index are places; a generic noun before
    区/县 is a kind of area."""
    import jieba
    import jieba.posseg

    jieba.dt.check_initialized()
    tags = jieba.posseg.dt.word_tag_tab
    for start in range(len(name) - 1):
        word = name[start:]
        if jieba.dt.FREQ.get(word, 0) >= _COMMON_FREQ and tags.get(word, "n") not in _NAME_TAGS:
            return True
    return False


_STEM_BEFORE_BODY = re.compile(
    r"(?:^|(?<=[\s，,。？?、：:和跟与比同及对在]))([\u4e00-\u9fff]{2,3})(?=□)"
)


def _stem_before_body(rest: str, catalogue: Catalogue) -> tuple[list[str], str]:
    """A real county named by its stem right before an indexed body ("将乐林业局" where no
    将乐县 report is indexed): refused by name, never answered from another county's body.
    ``rest`` has the bodies found blanked (□); a stem an indexed county has is never one."""
    out: list[str] = []
    indexed = {a for c in catalogue.counties for a in county_aliases(c)}
    for match in _STEM_BEFORE_BODY.finditer(rest):
        stem = match.group(1)
        if stem in indexed or any(stem in a or a in stem for a in indexed):
            continue
        places = gazetteer.by_stem(stem)
        if places:
            out.append(places[0].name if len(places) == 1 else stem)
            rest = _blank(rest, match.start(1), match.end(1))
    return out, rest


_HEAD_WORD = re.compile(r"(?:委员会|局|委|办|部门|系统|单位)$")


def _stems_after_place(rest: str, departments: Sequence[str]) -> list[tuple[int, int, list[str]]]:
    """A body's stem right after a county ("湘阴卫健", "江华交通", "天心民政"): the usual way to
    name a county's department in a list, where alone the stem would be an ordinary word."""
    stems: dict[str, set[str]] = {}
    for dept in departments:
        for form in (dept, *short_forms(dept)):
            stem = _HEAD_WORD.sub("", form)
            if len(stem) >= 2:
                stems.setdefault(stem, set()).add(dept)
    found: list[tuple[int, int, list[str]]] = []
    taken: list[tuple[int, int]] = []
    for stem in sorted(stems, key=len, reverse=True):
        for start, end in occurrences("□" + stem, rest):
            if any(start + 1 < e and s < end for s, e in taken):
                continue
            taken.append((start + 1, end))
            found.append((start + 1, end, sorted(stems[stem])))
    return sorted(found)


def _find_departments(
    rest: str, catalogue: Catalogue, counties: Sequence[str] = ()
) -> tuple[list[str], list[str], str]:
    """Indexed departments named (full name, short form, body without head), then mentions of
    other bodies — common government bodies or any "…局/委员会/…" — that no report has."""
    found: list[str] = []
    spans: dict[tuple[int, int], list[str]] = {}
    for start, end, dept in match_departments(rest, catalogue.departments):
        spans.setdefault((start, end), []).append(dept)
    for (start, end), names in spans.items():
        whole = rest[start:end] in names  # "档案馆支出": the body's full name, then its spending
        headless = rest[end - 1] not in "局委办" and all(split_head(d)[1] for d in names)
        if _FUNCTION_CLASS.match(rest, end) and headless and not whole:
            continue  # "卫生健康支出": a budget function class, not the body 卫生健康局
        found += _held_by(names, counties, catalogue)
        rest = _blank(rest, start, end)
    for start, end, depts in _stems_after_place(rest, catalogue.departments):
        if _FUNCTION_CLASS.match(rest, end):
            continue  # "卫健局卫生健康支出": after the body, its function class
        found += depts
        rest = _blank(rest, start, end)
    if counties:  # "焉耆分局…", also beside another body named: a county's body by its head
        for start, end, dept in _head_after_place(rest, counties, catalogue, found):
            found.append(dept)
            rest = _blank(rest, start, end)
    unknown: list[str] = []
    others = [b for b in common_bodies() if b not in catalogue.departments]
    for start, end, body in match_departments(rest, others):
        named = rest[start:end]
        if _NOT_A_BODY.search(named) or body == "财政局" or named == split_head(body)[0]:
            continue  # a body named without its head ("乡村振兴") is an ordinary phrase
        kin = [d for d in catalogue.departments if same_kind(body, d)]
        stems = _by_stem([named, body], counties, catalogue)
        if kin:  # another county's name for an indexed body (文化广电旅游局 / 文化和旅游局)
            found += _held_by(kin, counties, catalogue)
        elif stems:  # a merged body by one of its parts (林业局 for 林业和草原局)
            found += stems
        else:
            unknown.append(rest[start:end])
        rest = _blank(rest, start, end)
    for match in _UNIT_MENTION.finditer(rest):
        stem = _AFTER_PLACE_WORD.sub("", match.group(1))  # "申报表里公立" → "公立"
        if _GENERIC_KIND.match(stem):
            continue  # "公立医院", "基层医院": a kind of body, not one body by name
        mention = (stem + match.group(2)).lstrip("□的" + gazetteer.PARTICLES)
        mention = re.sub(r"^.*?(县|区|市|旗)(?=[^级])", "", mention) or mention
        if "□" in mention:
            continue
        hits = [d for d in catalogue.departments if _mention_names(mention, d)]
        named = _named_part(mention, hits)
        if not hits:  # "问一下草原局": a merged body by one of its parts, after other words
            suffixes = [mention[i:] for i in range(len(mention) - 2)]
            hits = _by_stem(suffixes, counties, catalogue)
            named = next((m for m in suffixes if any(names_by_stem(m, d) for d in hits)), "")
        if hits:
            found += hits
            # the body's words are resolved: not search terms ("草原局的三公经费" → 三公经费)
            rest = _blank(rest, match.end() - len(named), match.end())
        elif (
            len(mention) >= 3
            and not _NOT_A_BODY.search(mention)
            and not _COUNTED_OR_DONE.search(mention)
            and not _ITEM_AFTER.match(rest, match.end())
            and not (found and match.group(2) in _SERVICE_HEADS)
        ):
            unknown.append(mention)
    return list(dict.fromkeys(found)), unknown, rest


_FUNCTION_CLASS = re.compile(r"支出|收入|类|款|科目")
"""After a body's name without its head: a class of the budget's functional classification
(卫生健康支出, 教育支出), not the body."""


_BARE_HEAD = re.compile(
    r"(?<=□)(分局|局|委员会|委|医院|中心|工会|图书馆|文化馆|博物馆|纪念馆|档案馆)(?![\u4e00-\u9fff]?[长里内])"
)
"""A body named by its head noun alone right after its county ("焉耆分局", "南丰县医院";
"桐溪那个局" not)."""


def _head_after_place(
    rest: str, counties: Sequence[str], catalogue: Catalogue, found: Sequence[str] = ()
) -> list[tuple[int, int, str]]:
    """(start, end, body) for a head noun right after a county when the named counties have
    exactly one indexed body of that head besides the bodies already found ("焉耆分局" →
    生态环境分局, also in "焉耆分局…，互助林草局呢"); none when they have several."""
    bodies = {
        i.department
        for i in catalogue.identities
        if i.county in counties and i.department and i.department not in found
    }
    if found and len(counties) < 2:
        return []  # one county, its body already named: a bare head is that body's word
    out = []
    for match in _BARE_HEAD.finditer(rest):
        head = match.group(1)
        fits = [b for b in bodies if b.endswith(head) and b != head]
        if len(fits) == 1:
            out.append((match.start(), match.end(), fits[0]))
    return out


def _held_by(names: list[str], counties: Sequence[str], catalogue: Catalogue) -> list[str]:
    """Of the names one mention matched ("卫健委" → 卫生健康委员会 and 卫生健康局), those the
    named counties have: one body named in another county's usual words is not a second body
    to compare with."""
    if len(names) < 2 or not counties:
        return names
    held = {(i.county, i.department) for i in catalogue.identities}
    kept = [d for d in names if any((c, d) in held for c in counties)]
    return kept or names


def _by_stem(mentions: Sequence[str], counties: Sequence[str], catalogue: Catalogue) -> list[str]:
    """The one indexed body (of the named counties, when any) that a mention names by a stem
    of its name ("林业局" → 林业和草原局, "体育局" → 教育和体育局); none when no body or
    several bodies of one county fit: an unresolved body is refused, never guessed."""
    fits = [d for d in catalogue.departments if any(names_by_stem(m, d) for m in mentions)]
    held = {(i.county, i.department) for i in catalogue.identities}
    if counties:
        fits = [d for d in fits if any((c, d) in held for c in counties)]
    for county in counties or {c for c, _ in held}:
        if sum((county, d) in held for d in fits) > 1:
            return []
    return fits


def _named_part(mention: str, departments: Sequence[str]) -> str:
    """The longest end of ``mention`` that names one of ``departments`` ("" for none)."""
    for i in range(len(mention) - 1):
        if any(department_matches(mention[i:], d) for d in departments):
            return mention[i:]
    return ""


def _mention_names(mention: str, department: str) -> bool:
    return any(department_matches(mention[i:], department) for i in range(len(mention) - 1))


# -- years ------------------------------------------------------------------------------------


def _find_years(rest: str) -> tuple[list[int], list[str], str]:
    """(years named, years written that no report can be about, rest without them)."""
    years: list[tuple[int, int]] = []
    bad: list[str] = []
    for match in _YEAR_HAN.finditer(rest):
        years.append((match.start(), int("".join(str(_HAN_DIGITS[c]) for c in match.group(1)))))
        rest = _blank(rest, match.start(), match.end())
    for match in _YEAR_FULL.finditer(rest):
        years.append((match.start(), int(match.group(1))))
        rest = _blank(rest, match.start(), _year_end(rest, match))
    for match in _YEAR_SHORT_LIST.finditer(rest):
        first, second = int(match.group(1)), int(match.group(2))
        if 10 <= first <= 40 and 10 <= second <= 40:
            years += [(match.start(), 2000 + first), (match.start() + 1, 2000 + second)]
            rest = _blank(rest, match.start(), match.end())
    for match in _YEAR_SHORT.finditer(rest):
        value = int(match.group(1))
        if 10 <= value <= 40:
            years.append((match.start(), 2000 + value))
            rest = _blank(rest, match.start(), _year_end(rest, match))
    for match in _YEAR_WRITTEN.finditer(rest):
        value = int(match.group(1))
        digits = match.group(1)
        if value == 0 or (len(digits) >= 3 and not _FIRST_YEAR <= value <= _LAST_YEAR):
            bad.append(f"{digits}年（不是有效的年度 / not a valid year）")
            rest = _blank(rest, match.start(), match.end())
    ordered = [y for _, y in sorted(years)]
    return list(dict.fromkeys(ordered)), bad, rest


_CARRIED_INTO = re.compile(
    r"(?:结转|结余|滚存|留存|留用|转|留|带)(?:资金|金额)?(?:到了|至|到|入|进)了?\s*"
    r"(?P<dest>(?P<year>(?:19|20)\d{2})\s*年度?|下一?个?年度?|次年|明年|新的一年)"
)
"""A year named as where money is carried ("结转到2024年", "结转到下一年"): the year-end
balance of the year before, never a report of that year."""


def _carried_into(rest: str) -> tuple[list[int], str]:
    """(the years whose year-end balance a carry-over destination names: 2023 for
    "结转到2024年", the rest with the destination blanked and that balance asked)."""
    years = []
    matches = list(_CARRIED_INTO.finditer(rest))
    for match in matches:
        if match.group("year"):
            years.append(int(match.group("year")) - 1)
        rest = _blank(rest, match.start("dest"), match.end())
    if matches and "年末结转和结余" not in rest:
        rest = f"{rest} 年末结转和结余"  # what is carried into a year: the year-end balance
    return years, rest


_YEAR_PART = re.compile(r"年[末初底终](?!端)")


def _year_end(text: str, match: re.Match[str]) -> int:
    """Where a year's mention ends: before 年 when 年 begins a word of its own ("23年末有几辆"
    → 年末 stays a term, never "末有"), else at the match's end."""
    at = text.find("年", match.end(1))
    if (
        0 <= at < match.end() + 1
        and text[match.end(1) : at].strip() == ""
        and _YEAR_PART.match(text, at)
    ):  # the 年 right after the digits: "2023项目支出年初预算" keeps 项目支出
        return at
    return match.end()


def _relative_year(text: str) -> int:
    for offset, pattern in _RELATIVE:
        if pattern.search(text) and not re.search(r"比上年|较上年|上年同期|同比", text):
            return offset
    return 0


# -- what is asked ----------------------------------------------------------------------------


@functools.cache
def _question_words() -> frozenset[str]:
    return vocabulary.question_words() | vocabulary.stopwords()


@functools.cache
def _idf() -> tuple[dict[str, float], float]:
    """jieba's inverse document frequencies (shipped with jieba) and their median."""
    from jieba.analyse import default_tfidf

    freq = default_tfidf.idf_freq
    return freq, default_tfidf.median_idf


@functools.cache
def _domain() -> frozenset[str]:
    from index.domain_terms import jieba_words

    return frozenset(jieba_words())


def term_weight(term: str) -> float:
    """How informative a term is: domain terms weigh most, then jieba's IDF (rare words more
    than common ones), a single character least."""
    if term in _domain():
        return 12.0
    freq, median = _idf()
    if len(term) == 1:
        return 0.5 * freq.get(term, median)
    return freq.get(term, median * 1.2)


_ASKING = re.compile(
    rf"(?:几|多少)(?:[个名家项辆台套艘架户件张处条类所座位](?=[{_HAN}])|"
    rf"(?=[批人个名家项次辆台户件条分类所座位元万]))"
)
"""几/多少 and a classifier before a noun ("几辆车" → 车); 批/人/次 and a classifier before no
noun stay ("几批" → 批, "多少批次" → 批次, "多少人次" → 人次)."""


_ASKED = re.compile(r"百分之(?:几|多少)|(?:是|为|有|共|一共|总共|合计)?(?:多少|几)")
_COUNTED_THINGS = re.compile(
    r"(?:[那这该每]|其中)?(?:\d+(?:\.\d+)?|[一两二三四五六七八九十百千几]+)\s*"
    r"(?:辆|座|个|家|名|位|项(?!目)|所|张|处|户|条|台|套|批|件|块)(车)?"
)
"""A quantity glued to its noun ("那3辆车" → 车, "这两项" → ""): a figure the asker already
knows, never a term to search for."""
_FILLERS = re.compile(
    r"(?:附表|表)\s*[一二三四五六七八九十\d]+(?:里面|里头|里|中|内|上)?|(?<=表)(?:里面|里头|里|中|内)|"
    r"(?:财政拨款)?(?:收支|收入支出)(?:决算|预算)?总表(?=里|中|内|上)|"
    r"[这那哪该此]一?(?:块|部分|笔)(?:的钱|钱)?|"
    r"(?:多少|几)?块钱|"
    r"(?:了|过)?没有?(?=\s*(?:[？?，,。；;！!]|$))|"
    r"[从由](?:高到低|低到高|多到少|少到多|大到小|小到大)(?:排(?:个序|一下|下序?|名|列)?)?|"
    r"排(?:个序|一下|下序?|个名|一排)"
)
"""Colloquial pointers that name no topic: a table by its number ("表一里") or by the name
every 决算 has ("收支总表里"), the place in a table ("自评表里" → 自评表), a demonstrative and
its classifier ("那块钱", "这部分"), 块钱, and a question's closing "…没有" ("买新车没有")."""


_VERB_OBJECT = re.compile(
    r"([^\W\d_有是为达占花用给共计约近超高低长加少多增减降升涨提扣])了?(?:多少|几)"
    r"(?:万|千)?(?:亩|公里|株|棵|吨)?([^\W\d_人钱元个项次分点度倍成])(?=$|[？?，,。！!；;\s]|呢|吗)"
)


def _joined_verb_object(match: re.Match[str]) -> str:
    """ "造了多少林" → 造林: a verb and its one-character object, asked apart, are one word
    when the dictionary knows it (else left as written)."""
    word = match.group(1) + match.group(2)
    return f" {word} " if word in _idf()[0] else match.group(0)


_ASKING_HEAD = re.compile(r"^(?:哪些|哪几个?|哪个|哪一些|什么)")


def _tokens(text: str) -> list[tuple[str, bool]]:
    """(word, informative?) in question order; uninformative words that signal a comparison
    or change (比, 多, 最多, 增加 …) are kept, marked False, for the topic's soft terms."""
    from index.domain_terms import squash, synonym_index
    from index.lexical import words
    from index.metrics import alias_pattern

    cleaned = _VERB_OBJECT.sub(_joined_verb_object, squash(text))
    cleaned = _ASKING.sub(" ", re.sub(r"□+", " ", cleaned))
    cleaned = _FILLERS.sub(" ", cleaned)
    cleaned = _ASKED.sub(" ", cleaned)
    cleaned = _COUNTED_THINGS.sub(lambda m: f" {m.group(1) or ''} ", cleaned)
    cleaned = alias_pattern().sub(lambda m: f" {m.group(0)} ", cleaned)  # metric names whole
    cleaned = re.sub(r"[A-Za-z][A-Za-z'\-]*", _latin_term, cleaned)
    out: list[tuple[str, bool]] = []
    for word in words(cleaned):
        word = word.strip()
        if not word or not re.search(rf"[{_HAN}A-Za-z0-9]", word):
            continue
        if re.fullmatch(r"[\d.%]+", word):
            continue
        if len(word) == 2 and word.endswith("了") and word not in _signals():
            word = word[0]  # "审了多少个项目": a verb and its particle, the verb alone
        asking = _ASKING_HEAD.match(word)
        if asking and len(word) - asking.end() >= 2:
            word = word[asking.end() :]  # "哪些项目" (one jieba word): the thing asked, 项目
        if word in _signals():
            out.append((word, False))
        elif word in _question_words() or (
            len(word) == 1 and word not in _domain() and word not in synonym_index()
        ):
            continue
        else:
            out.append((word, True))
    return out


@functools.cache
def _signals() -> frozenset[str]:
    return vocabulary.words(vocabulary.vocabulary()["question"]["signals"])


def informative_terms(text: str) -> tuple[str, ...]:
    """The words that say what a question asks about: jieba words (domain terms whole) with
    names, years, numbers, punctuation and question words removed, in question order."""
    return tuple(dict.fromkeys(w for w, informative in _tokens(text) if informative))


def by_weight(terms: Iterable[str]) -> tuple[str, ...]:
    """Terms most informative first (question order among equals)."""
    unique = list(dict.fromkeys(terms))
    return tuple(sorted(unique, key=lambda t: -min(term_weight(t), 12.0)))


def topic_text(text: str) -> str:
    """The topic: informative terms and comparison/change signals, in question order."""
    return " ".join(dict.fromkeys(w for w, _ in _tokens(text)))


def _latin_term(match: re.Match[str]) -> str:
    """Latin words stay only when they look like terms (5G, GDP), not prose."""
    word = match.group(0)
    return word if (word.isupper() and word.isalpha()) else " "


def _metrics(terms: Iterable[str]) -> tuple[str, ...]:
    from index.metrics import alias_pattern, find_metric, squashed

    out: list[str] = []
    for term in terms:
        text, _ = squashed(term)
        for match in alias_pattern().finditer(text):
            metric = find_metric(match.group(0))
            if metric is not None:
                out.append(metric.name)
    return tuple(dict.fromkeys(out))


def _qualifier(text: str) -> str | None:
    for name, pattern in _QUALIFIERS:
        if re.search(pattern, text, re.I):
            return name
    return None


def _intent(
    question: str, counties: Iterable[str], years: list[int], departments: Iterable[str] = ()
) -> Intent:
    if _LOCATE.search(question):
        return "locate"
    several = len(list(counties)) > 1 or len(years) > 1 or len(list(departments)) > 1
    if _COMPARE.search(question) or several:
        return "compare"
    if _NUMBER.search(question):
        return "number"
    return "general"


_MEASURE = re.compile(r"[人户批件台辆次项个家名所座处期场张套艘对]次?|人数|数量")
"""Measure words and counts: what an earlier part counted, not the thing a later part is about."""


_COUNTED = re.compile(r"(?:几|多少)(?:辆|台|艘|座|所|家|处)[\u4e00-\u9fff]")


_COLUMN_ONLY = re.compile(
    r"调整|调整为|调整后|调整预算|调整后预算|年初预算|全年预算|预算|决算|预算数|决算数|执行数|"
    r"执行率|完成值|实际完成值|目标值|指标值|分值|得分"
)
"""Words naming only a column of a table row: a part asking just them asks the row before."""
_AGAINST = re.compile(r"比|较|相比|多了|少了|增|减|差|超")


def _longer_synonym(word: str) -> str:
    """The report's longer word for a one-character thing ("车" → 车辆), "" when none."""
    from index.domain_terms import synonym_index

    return next((s for s in synonym_index().get(word, ()) if len(s) >= 2), "")


_PARTS = re.compile(
    r"[？?；;，,]|(?<=多少)[和及、]|(?<=多少[\u4e00-\u9fff])、(?=.*(?:多少|几))|"
    r"(?<=几[\u4e00-\u9fff])、(?=.*(?:多少|几))|\s+(?=[有几])"
)
"""Where one question's parts meet: a clause break, or 和/及/、 right after a part that asked
its figure ("编制多少、实有多少人", "几个股室、多少人")."""


def split_parts(text: str) -> list[str]:
    """The parts of a question asked together, split where :func:`_sub_topics` splits them."""
    return _PARTS.split(text)


def _sub_topics(rest: str) -> tuple[str, ...]:
    """Topics of the parts of a multi-part question, split at ？；， between questions."""
    parts = [p for p in _PARTS.split(rest) if p.strip()]
    parts = [p for p in parts if informative_terms(p)]
    predicates = vocabulary.words(vocabulary.vocabulary()["question"]["predicates"])
    for i in range(1, len(parts)):
        own = informative_terms(parts[i])
        if (
            own and all(_COLUMN_ONLY.fullmatch(t) for t in own) and not _AGAINST.search(parts[i])
        ):  # "年初预算多少，后来调成多少" (not "比年初预算多了多少": a change)
            earlier = informative_terms(parts[i - 1])  # the same row's other column
            things = [t for t in earlier if not _COLUMN_ONLY.fullmatch(t)]
            parts[i] = " ".join([*things, parts[i]])
        elif all(t in predicates for t in own):  # "…临时救助多少人次，发放了多少": 临时救助 发放
            earlier = informative_terms(parts[i - 1])
            things = [t for t in earlier if t not in predicates and not _MEASURE.fullmatch(t)]
            parts[i] = " ".join([*things, parts[i]])
    topics = [topic_text(p) for p in parts]
    # "几辆车": a one-character thing counted by its own measure word is a part of its own
    topics = [
        t if len(t) >= 2 else _longer_synonym(t)
        for t, p in zip(topics, parts, strict=True)
        if len(t) >= 2 or (_COUNTED.search(p) and _longer_synonym(t))
    ]
    if len(topics) > 1:
        return tuple(dict.fromkeys(topics))
    return (topic_text(rest),)
