"""Conversation state: a follow-up keeps the slots (county, department, year, topic, kind of
question) of the previous turn that it does not change itself.

"青山县2022年三公经费是多少" → "那云岭呢？" keeps 三公经费 and asks about 云岭县; the carried
year is dropped with a note when 云岭县 has no report for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from assistant.answer import Answer
from assistant.convert import asked_unit
from assistant.derived import asks_share, metric_named, whole_named
from assistant.evidence import abbreviated_metric
from assistant.named_items import asks_names
from assistant.scope import REPORT_KIND, report_kinds
from assistant.tables import asked_qualifier
from assistant.understanding import (
    Catalogue,
    Query,
    by_weight,
    informative_terms,
    term_weight,
)
from index.departments import same_kind
from index.domain_terms import jieba_words, squash, synonym_index
from index.lexical import words
from index.metrics import METRICS

_OWN_MEASURES = frozenset({"执行率", "完成值", "目标值", "得分", "分值"})
"""Measures a project or indicator states of itself ("其中森林防火项目的执行率呢")."""
_ITEM_NAMED = re.compile(r"项目|工程|专项|指标|资金")

_SAME_ITEM = re.compile(
    r"(?:同一个?|同样的?|这个|那个|该|这一|那一|上述|刚才的?|前面的?)(?:项目|工程|专项|指标)"
)
"""A follow-up naming the last turn's item by reference ("23年同一个项目呢")."""

_MEASURE_NAMED = re.compile(
    r"^(?:那|那么)?(?:按|以)?(人次|批次|人数|户数|个数|项数|次数|台数|辆数|场次|亩数)(?:呢|是多少|多少)?[？?]?$"
)
"""A follow-up naming only another measure word ("人次呢"): the last count, in that unit."""
_MONEY_ASKED = re.compile(
    r"多少钱|几块钱|花了|花费|费用|金额|经费|多少元|多少万|how much money|cost", re.I
)
_MEASURE_ASKED = re.compile(
    r"(?:多少|几)(?:万|千|百)?(?:人次|人|户|辆|台|个|项|名|家|所|批次|批|套|处|亩|公里|吨)"
)
"""A turn asking a count in a measure word ("保障了多少人"): a bare follow-up asks it again."""

_FOLLOW_UP = re.compile(
    r"^(那|那么|那个|其中|里头|里面|里边|这里面|当中|这当中|还有|和|跟|与|有几|有多少|"
    r"and\b|what about|how about)",
    re.I,
)
_REFERS_BACK = re.compile(
    r"这两个|这两项|这几个|这几项|这些|它们|上述|以上"
    r"|^(?:那|那么)?(?:为什么|为啥|什么原因|原因是什么|原因呢)[？?]?$"  # why, of the listed
)
_REASON_ASKED = re.compile(r"原因|为什么|为啥|为何|怎么(?:这么|那么)|咋(?:这么|那么)|\bwhy\b", re.I)
_REASON_WORDS = re.compile(r"原因|是什么|为什么|为啥|为何|怎么|这么|那么|咋|低|高|少|多|慢|快")
"""A follow-up asking why the last subject's figure is what it is ("执行率怎么这么低，原因是
什么"): the words left after these name only the figure, if anything."""
_WITH_PREVIOUS = re.compile(r"^(那|那么)?(比|较|和|跟|与)(上一?年|去年|上年度)")
_COMPARE_WITH = re.compile(r"^(和|跟|与|同).{1,10}(比|相比|对比)")
_AGAINST = re.compile(r"^(那|那么)?(比|较|比起|相比)")


@dataclass
class Conversation:
    """Slots of the last understood question; one object per chat, CLI batch or API session."""

    last: Query | None = None
    turns: list[str] = field(default_factory=list)
    earlier: Query | None = None
    """The query before ``last``: "差多少" after "那上一年呢？" compares the two."""
    subjects: tuple[str, ...] = ()
    lead_label: str = ""
    """The label of the last answer's lead figure ("公务用车运行维护费" for "其中车的呢")."""
    """Items the last answer listed (e.g. missed indicators) that "这两个指标" refers to."""

    def reset(self) -> None:
        self.last = None
        self.earlier = None
        self.turns.clear()
        self.subjects = ()
        self.lead_label = ""

    def resolve(self, query: Query, catalogue: Catalogue) -> tuple[Query, list[str]]:
        """The query with carried slots filled in, and notes on what was assumed."""
        last = self.last
        if last is None:
            return query, []
        notes: list[str] = []
        topic, topics, context = query.topic, query.topics, query.context
        bare = not (query.counties or query.years or query.departments)
        elsewhere = not query.counties and bool(_OTHER_PLACE.search(query.text))
        if elsewhere and not informative_terms(_OTHER_PLACE.sub("", query.zh_text or query.text)):
            topic, topics, context = "", (), ""  # "换成另外一个县呢": the last topic, elsewhere
        same_item = last.topic and _SAME_ITEM.search(query.text)
        if same_item and not informative_terms(_ITEM_NAMED.sub(" ", topic)):
            topic, topics, context = last.topic, last.topics, last.context  # "23年同一个项目呢"
            asked = _SAME_ITEM.sub("", query.zh_text or query.text)  # names no item itself
            query = replace(query, zh_text=asked, terms=(), weights=())
        fresh_measure = False
        carried_compare = False
        bare_share = share_of_last(query, last, self.earlier)  # "占比呢": not the last two
        several = len(last.counties) > 1 or len(last.years) > 1 or len(last.departments) > 1
        over = (
            bare
            and (self.earlier is not None or several)  # "加起来呢" after "两家各是多少"
            and over_turns(query)
            and not bare_share
        )
        if bare and converts_only(query):  # "折合成元呢": the last figure, in another unit
            topic, topics, context = last.topic, last.topics, last.context
            query = replace(query, qualifier=query.qualifier or last.qualifier, intent=last.intent)
        elif over:  # "哪个多？" / "两个加起来多少": about what the last two turns asked
            topic, topics, context = last.topic, last.topics, last.context
        elif self.subjects and (
            _REFERS_BACK.search(query.text)
            or (len(self.subjects) == 1 and (not topic or _only_measure(topic)))
        ):  # "扣了几分" after a list of one indicator: that indicator's
            topics = self.subjects
            topic = " ".join(self.subjects)
        elif (
            _REASON_ASKED.search(query.text)
            and last.topic
            and _only_measure(_REASON_WORDS.sub(" ", topic))
        ):  # "执行率怎么这么低，原因是什么": why, of the last subject's figure
            subject = " ".join(w for w in last.topic.split() if not _MEASURE.fullmatch(w))
            measure = _REASON_WORDS.sub(" ", topic).strip()
            topic = " ".join(x for x in (subject or last.topic, measure, "原因") if x)
            topics, context = (topic,), last.context
        elif topic and _only_measure(topic) and last.topic:  # "完成预算多少": same subject
            # the subject of the last turn measured the new way: "实际用了多少" after "三公经费
            # 预算多少" asks 三公经费's actual figure, not 预算 and 实际 together
            subject = " ".join(w for w in last.topic.split() if not _MEASURE.fullmatch(w))
            if _RATE_ASKED.search(query.text):  # "执行了百分之多少": actual over budget
                topic = "预算 决算"  # both figures quoted; the rate is taken when not stated
                query = replace(query, qualifier=None)
            if subject or not _only_measure(last.topic):  # "年初预算呢" after "调整后预算是
                topic = f"{subject or last.topic} {topic}"  # 多少": the new measure alone
            topics, context = (topic,), last.context
            fresh_measure = True  # "执行了多少" after "预算多少": 预算 is no longer asked
        elif (
            not _has_subject(topic)
            or (topic and not query.terms)
            or (
                (query.years or query.counties) and all(map(_AGGREGATE_TERM.fullmatch, query.terms))
            )
            or _spending_verb_only(query)
        ):  # only 比/差/多 …, or "2023年比2022年减少了百分之几": the last subject
            topic, topics, context = last.topic, last.topics, last.context
            # "多多少" after "哪年多": the comparison just made, asked further
            carried_compare = last.intent == "compare" and not query.counties
            if _spending_verb_only(query):  # the subject spent, not its last measure
                subject = " ".join(w for w in topic.split() if not _MEASURE.fullmatch(w))
                topic, topics = subject or topic, (subject or topic,)
                query = replace(query, zh_text=query.text, terms=(), weights=(), qualifier="决算")
        elif (
            _SWAPS_SUBJECT.search(query.text)
            and not _NARROWS.match(query.text)
            and last.qualifier
            and not query.qualifier
            and not _names_metric(topic)
        ):  # "B项目那个呢？" after "A项目执行率多少": B, measured as A was
            topic = f"{topic} {last.qualifier}"
            topics = (topic,)
        elif (
            (_FOLLOW_UP.match(query.text) or len(topic) <= 6)
            and not _names_metric(topic)
            and not (query.qualifier in _OWN_MEASURES and _ITEM_NAMED.search(topic))
        ):  # (a project measured by its own rate or score is its own subject, not a part)
            context = f"{last.context} {last.topic}".strip()  # narrows the previous topic
        names_asked = asks_names(query.zh_text or query.text)  # "分别是哪些": the names now
        named = _MEASURE_NAMED.match(query.text.strip())
        if named and _MEASURE_ASKED.search(last.zh_text or last.text):
            # "人次呢" after "接待了多少批次": the same thing counted in the unit named now
            query = replace(query, zh_text=f"{query.zh_text or query.text} 多少{named.group(1)}")
        elif (
            topic == last.topic
            and not names_asked
            and not _MEASURE_ASKED.search(query.zh_text or query.text)
            and not _MONEY_ASKED.search(query.text)  # "花了多少钱": the money now, no count
        ):
            measure = _MEASURE_ASKED.search(last.zh_text or last.text)
            if measure:  # "保障了多少人" → "那23年呢": still how many people, not the money
                asked = query.zh_text or query.text
                query = replace(query, zh_text=f"{asked} {measure.group()}")
        shared = _share_over_turns(query, last, self.lead_label)
        summed = _summed_share(query, last, self.earlier)
        sibling = _sibling_share(query, last, topic)
        if sibling:  # "基本支出呢" after "项目支出占总支出多少": the sibling's share of that whole
            part, whole = sibling  # asked as the direct question would be
            topic, context = (f"{part} 占 {whole} 比例" if whole else f"{part} 占比"), ""
            topics = (topic,)
            zh = (f"{part}占{whole}的比例" if whole else f"{part}占比多少").replace(" ", "")
            query = replace(query, zh_text=zh, intent="number")
        elif summed:  # "两项加起来占本年支出的多少": the last two turns' items over the whole
            topics, context = summed, ""
            topic = " ".join(summed)
            whole = summed[2].replace(" ", "")
            query = replace(
                query, zh_text=f"{summed[0]}和{summed[1]}加起来占{whole}的比例", intent="number"
            )  # one report's figures, not a comparison
            query = replace(query, zh_text=query.zh_text.replace(" ", ""))
        elif shared:  # "占全年支出的比重是多少": the last turn's figure over the whole named
            topics, context = shared, last.context
            topic = " ".join(shared)
        elif bare_share:  # "占比呢": the last figure over the whole the conversation set
            topics, context = bare_share, ""
            topic = " ".join(bare_share)
            # asked as a share in words the answerer reads ("比例呢" names no 占); the whole is
            # the second topic, so the part keeps the measure the conversation asked (决算 …)
            query = replace(query, zh_text=f"{bare_share[0].replace(' ', '')}的占比")
            fresh_measure = False  # the figure asked before (决算 …) is what is divided
        topic = _LEVEL.sub(r"\1级", topic)  # "省里出了多少" → 省级 (资金)
        topics = tuple(_LEVEL.sub(r"\1级", t) for t in topics)
        comparing = bool(_COMPARE_WITH.match(query.text)) or bool(
            _AGAINST.match(query.text) and (query.years or query.counties)
        )  # "比22年多了还是少了": the last answer against the year (or county) named
        counties = query.counties or last.counties
        departments = query.departments or last.departments
        kind = _other_of_kind(query, last, catalogue) if elsewhere else None
        if kind is not None:  # "另一个县的自评报告呢": another county's report of that kind
            counties, note = kind
            notes.append(note)
            departments = query.departments  # whatever body filed it
        elif elsewhere:
            # "另一个县的卫健局呢": the other county indexed with that kind of body
            counties, note = _other_counties(query, last, self.earlier, catalogue)
            notes += [note] if note else []
            if not query.departments and not _holds_kind(catalogue, counties, last.departments):
                departments = ()  # "另一个县呢": that county's own body, whatever its kind
            if not query.years and not last.years:  # the year of the last turn's report
                year = _only_year(catalogue, last.counties, last.departments)
                last = replace(
                    last, years=tuple(y for y in year if _exists(catalogue, counties, y))
                )
        elif not comparing:
            counties, departments, moved = _moved_body(query, counties, departments, catalogue)
            notes += moved
        if comparing and query.counties:
            counties = tuple(dict.fromkeys((*last.counties, *query.counties)))
        sides: tuple[tuple[str | None, str | None, int | None], ...] = ()
        if comparing and query.departments and last.departments:
            # "跟光山人社局23年比呢" after 分宜水利局: the last body against the one named
            departments = tuple(dict.fromkeys((*last.departments, *query.departments)))
            named = replace(
                query,
                counties=query.counties or last.counties,
                years=query.years or last.years,
            )
            if None not in (_side(last)[0] or _side(last)[1], _side(named)[1]):
                sides = (_side(last), _side(named))
        years = query.years
        base = last.years or _only_year(catalogue, counties, departments)
        if not years and query.relative_year:  # "那上一年呢？": relative to the last year asked
            years = tuple(y + query.relative_year for y in _primary(base))
        elif bare and _WITH_PREVIOUS.search(query.text) and base:  # "比上年呢？"
            years = tuple(dict.fromkeys((*base, *(y - 1 for y in base))))
            comparing = True
        elif over and self.earlier is not None:
            # "差多少" / "哪个多" / "加起来多少": the two subjects of the last two turns
            earlier = self.earlier
            if last.intent == "compare" and (
                last.sides or len(last.counties) > 1 or len(last.departments) > 1
            ):  # "差多少" after "哪个多": the comparison just made, both its sides
                sides = last.sides
                comparing = True
            elif _side(earlier) != _side(last):
                years = tuple(dict.fromkeys((*earlier.years, *last.years)))
                counties = tuple(dict.fromkeys((*earlier.counties, *counties)))
                departments = tuple(dict.fromkeys((*earlier.departments, *departments)))
                if None not in (
                    _side(earlier)[0] or _side(earlier)[1],
                    _side(last)[0] or _side(last)[1],
                ):
                    sides = (_side(earlier), _side(last))
                comparing = True
            elif earlier.topic and earlier.topic != last.topic:
                # two figures of one report asked in turn ("公用经费呢" → "两项差多少")
                topics = tuple(
                    dict.fromkeys(
                        (*_measured(earlier, last.qualifier), *_measured(last, earlier.qualifier))
                    )
                )
                topic, context = " ".join(topics), ""
                # "目标是多少" after the achieved figure: each topic keeps its own measure
                fresh_measure = earlier.qualifier != last.qualifier
        if comparing and query.years:
            years = tuple(dict.fromkeys((*last.years, *query.years)))
        if not years and last.years:
            years = tuple(y for y in last.years if _exists(catalogue, counties, y))
            dropped = [y for y in last.years if y not in years]
            if dropped and counties:
                notes.append(
                    f"{'、'.join(counties)}没有{'、'.join(map(str, dropped))}年度的报告，"
                    "以下为其现有年度的数据。"
                )
        if topic == last.topic and (set(counties), set(years)) != (
            set(last.counties),
            set(last.years),
        ):
            # the carried metric asked of another report, which may word it otherwise
            # ("决算支出总额" → "本年支出合计"): by the metric it names, not its literal words
            general = _general_metric(topic)
            if general != topic:  # its words are the terms the answer must name
                terms = by_weight(informative_terms(general))
                query = replace(query, terms=terms, weights=tuple(map(term_weight, terms)))
                fresh_measure = last.qualifier == "决算"  # the metric's own figure is its 决算
            topic = general
            topics = tuple(_general_metric(t) for t in topics)
            if general == last.topic and not query.terms:  # "那去年呢": the last turn's terms
                query = replace(query, terms=last.terms, weights=last.weights)
        intent = query.intent
        if names_asked and bare and intent == "compare":
            intent = last.intent if last.intent != "compare" else "number"  # "分别是哪些"
        if comparing and (len(years) > 1 or len(counties) > 1):
            intent = "compare"
        elif intent == "general" or (len(counties) > 1 and intent == "number"):
            intent = "compare" if len(counties) > 1 else last.intent
        elif carried_compare and intent == "number":
            intent = "compare"
        qualifier = query.qualifier
        if qualifier is None and (topic != query.topic or context) and not fresh_measure:
            qualifier = last.qualifier  # the figure asked before (执行率, 预算 …) stays asked
        # "其中500万以上的呢" after "有几个项目": still a count, of the same list
        counts = query.asks_count or (
            last.asks_count
            and bool(_SWAPS_SUBJECT.search(query.text))
            and not _ASKS_OWN.search(query.text)
        )
        within = ""  # the turns counted so far: what is counted, and their bounds
        if counts and last.asks_count and (not query.asks_count or _NARROWS.match(query.text)):
            within = "；".join(x for x in (last.within, last.zh_text or last.text) if x)
        resolved = replace(
            query,
            asks_count=counts,
            within=within,
            qualifier=qualifier,
            counties=counties,
            departments=departments,
            years=years,
            intent=intent,
            topic=topic,
            topics=topics,
            context=context,
            sides=sides,
        )
        return resolved, notes

    def remember(self, question: str, query: Query) -> None:
        self.turns.append(question)
        self.earlier = self.last
        self.last = query

    def answered(self, answer: Answer) -> None:
        """The year of the one report that answered a turn naming no year: a follow-up asks
        that report again ("调整后预算多少" answered from 2023 only → "年初预算呢" of 2023); the
        counties that answered a turn naming none ("两家单位各是多少" → "加起来呢": those two)."""
        last = self.last
        if last is None or answer.refused or not answer.citations:
            return
        counties = tuple(dict.fromkeys(c.county for c in answer.citations if c.county))
        if not last.counties and len(counties) > 1:  # "两家单位…各是多少": the two answered
            self.last = last = replace(last, counties=counties)
        if last.years:
            return
        years = {c.year for c in answer.citations}
        bodies = {(c.county, c.department) for c in answer.citations}
        if len(years) == 1 and len(bodies) == 1 and None not in years:
            self.last = replace(last, years=(years.pop(),))


_OVER_SIGNAL = re.compile(
    r"哪个|哪一个|哪家|哪边|哪一?年|谁|差|相差|加起来|合起来|一共|总共|合计|总计|之和|几倍|多少倍|更|比|"
    r"变化|改变|变动|增减|超|剩|没花|结余|节约|节省|降|涨|增长|下降|几成|百分之几|"
    r"调增|调减|调高|调低|增加|减少|"
    r"\bwhich\b|difference|more|less|higher|lower|total|combined|together|\bchanged?\b|"
    r"\b(?:increased?|decreased?|rise|rose|fall|fell|grow|grew|drop(?:ped)?|declined?)\b",
    re.I,
)


def _spending_verb_only(query: Query) -> bool:
    """A follow-up naming a year but no body, asking with a spending verb alone ("比22年多花了
    多少"): read as the whole spending, it is the last turn's subject spent, not the body's."""
    return (
        not (query.counties or query.departments)
        and query.terms == ("支出",)
        and "支出" not in query.text
        and bool(_SPENDING_VERB.search(query.text))
    )


_SPENDING_VERB = re.compile(r"[花用](?:了|掉|的|得|出去)?")
_AGGREGATE_TERM = re.compile(
    r"起来|加起来|合起来|一共|总共|合计|总计|之和|两项|两者|二者|这两项|这两个|两个|百分点|个百分点|"
    r"倍|几倍|差距|差额|差值|相差|高出|多出|少出|出来|"
    r"哪一?年|哪个年度?|哪一个年度|变化|改变|变动|增减|幅度|变化量|多大|有多大|"
    r"百分之几?|百分比|几成|超|超出|超支|剩|剩下|花完|没花完|结余|节约|节省|下降|增长|上涨|降|涨|"
    r"调增|调减|调高|调低|增加|减少|人多|人少|人更多|人更少"
)
"""Words of a follow-up that ask over the earlier turns and name no subject ("哪年多",
"变化了多少", English "change" read as 改变)."""


def over_turns(query: Query) -> bool:
    """A follow-up that names nothing of its own and asks to compare or add up what the last
    turns asked ("哪个更多？", "差几个百分点", "两个加起来多少")."""
    signal = query.intent == "compare" or _OVER_SIGNAL.search(query.zh_text or query.text)
    if query.language == "en" and (signal or _OVER_SIGNAL.search(query.text)):
        # the English words themselves: "change" may be mapped to a subject (改造) by the index
        spoken = re.findall(r"[a-z]+", query.text.lower())
        if spoken and all(w in _EN_OVER_WORDS for w in spoken):
            return True
    return bool(signal) and all(_AGGREGATE_TERM.fullmatch(t) for t in query.terms)


_EN_OVER_WORDS = frozenset(
    "a an the and so then by how much many what whats is was were are did does do it its they "
    "that this them one ones of two both these those which who year years has have had more "
    "less higher lower bigger larger smaller greater change changed changes differ difference "
    "gap between increase increased decrease decreased rise rose fall fell grow grew go went up "
    "down in total combined together sum add up s".split()
)
"""English words a follow-up over the earlier turns is made of ("By how much did it change?",
"Which one has more?", "What's the difference?"); any other word names a subject of its own."""


_UNIT_TERM = re.compile(r"成?(?:亿元|万元|元|人民币|rmb|yuan)|折合|换算|折算|转换|单位|表示")


def converts_only(query: Query) -> bool:
    """A follow-up asking only the last figure in another unit ("折合成元呢", "换算成万元呢",
    "in yuan?"): a conversion asked and no subject of its own."""
    if asked_unit(query.text) is None:
        return False
    return all(_UNIT_TERM.fullmatch(t.lower()) for t in query.terms)


def _measured(turn: Query, other: str | None) -> tuple[str, ...]:
    """A turn's topics, each naming the figure that turn asked (目标值, 预算 …) when the other
    turn asked another one and the topic's own words do not say it ("城镇 新增 就业 目标" →
    "… 目标值"), so the two are not read as one figure."""
    topics = turn.topics or (turn.topic,)
    if turn.qualifier is None or turn.qualifier == other:
        return topics
    return tuple(
        t if asked_qualifier(t.replace(" ", "")) == turn.qualifier else f"{t} {turn.qualifier}"
        for t in topics
    )


def _side(query: Query) -> tuple[str | None, str | None, int | None]:
    """The one (county, department, year) a turn was about; None for a slot it left open or
    named several of."""

    def one(values: tuple) -> object:  # type: ignore[type-arg]
        return values[0] if len(values) == 1 else None

    return one(query.counties), one(query.departments), one(query.years)  # type: ignore[return-value]


_SWAPS_SUBJECT = re.compile(
    r"(?:那个|那项|那一项|这个|这项)?呢[？?]?\s*$|^(?:what|how) about\b", re.I
)
"""A follow-up that names another subject for the same measure ("B项目那个呢？")."""


_ASKS_OWN = re.compile(r"多少|几|哪些|哪个|是否|吗|how|what|which", re.I)
"""A follow-up that asks its own kind of figure, not the last turn's count."""
_NARROWS = re.compile(r"^(其中|含|包括|里头|里面|里边|这里面|当中|这当中)")
"""A follow-up that narrows the previous subject to a part of it ("其中公车运维呢？")."""


_MEASURE = re.compile(
    r"(?:年初|全年|调整后?的?)?(?:预算|决算)数?|执行率?|执行数|完成率?|完成值|目标值?|指标值|"
    r"实际|得分|分值|权重|占|比|比例|占比|金额|数额|总额|合计|百分之几?|百分比|多少"
)
"""Words that say which figure of a subject is asked, naming no subject of their own."""


_RATE_ASKED = re.compile(
    r"(?:执行|完成)了?(?:预算的?)?(?:百分之|百分比|多少百分|几成|比例|进度|多少比例)"
)
"""A follow-up asking the share of the budget spent ("执行了百分之多少", "完成了几成")."""


def _only_measure(topic: str) -> bool:
    """ "完成 预算", "决算数", "实际支出": the topic names only which figure, not what it is of."""
    parts = [w for w in words(topic) if w.strip()]
    if _SPENT_MEASURE.fullmatch("".join(parts)):
        return True
    return bool(parts) and all(_MEASURE.fullmatch(w) for w in parts)


_SPENT_MEASURE = re.compile(r"(?:实际|决算|年终|全年实际)(?:支出|花费|开支|执行)(?:数|额|金额)?")
"""The actual figure of the subject asked before ("实际支出多少" after "X年初预算多少"): a
measure, not the body's whole spending."""


def _has_subject(topic: str) -> bool:
    """False for topics like "那" or "呢" that name nothing."""
    return any(len(w) >= 2 for w in words(topic))


_UNIT_WORDS = frozenset({"批次", "人次", "批", "次", "数量", "个数", "人数", "金额"})


def _names_metric(topic: str) -> bool:
    """True when the topic names a metric of its own (人员经费), not just units (批次和人次)."""
    vocabulary = set(jieba_words()) - _UNIT_WORDS
    return any(w in vocabulary for w in words(topic))


def _only_year(
    catalogue: Catalogue, counties: tuple[str, ...], departments: tuple[str, ...]
) -> tuple[int, ...]:
    """The year of the reports the conversation is about, when they all have one year."""
    years = {
        i.year
        for i in catalogue.identities
        if i.year
        and (not counties or i.county in counties)
        and (not departments or i.department in departments)
    }
    return tuple(years) if len(years) == 1 else ()


def _primary(years: tuple[int, ...]) -> tuple[int, ...]:
    """The year a turn is about when it compared that year with the year before ("比上年呢？"
    carries (2023, 2022)): "那上年呢" after it means 2022, not 2021 as well."""
    if len(years) == 2 and years[1] == years[0] - 1:
        return years[:1]
    return years


def _exists(catalogue: Catalogue, counties: tuple[str, ...], year: int) -> bool:
    return any(
        i.year == year and (not counties or i.county in counties) for i in catalogue.identities
    )


_OTHER_PLACE = re.compile(
    r"(?:另一个?|另外一?个?|别的|其他|其它|换个|换一个|换成另一个?|那个)(?:县|区|县区|地方)|"
    r"\b(?:the )?other county\b|\banother county\b",
    re.I,
)
"""A follow-up that moves to another county without naming it ("另一个县的卫健局呢")."""


def _other_counties(
    query: Query, last: Query, earlier: Query | None, catalogue: Catalogue
) -> tuple[tuple[str, ...], str]:
    """The counties "另一个县" means, and a note saying so: one named earlier in the
    conversation, else those indexed with the same kind of body (the last turn's year first)."""
    if earlier is not None and earlier.counties and set(earlier.counties) != set(last.counties):
        others = tuple(c for c in earlier.counties if c not in last.counties)
        if others:
            return others, f"“另一个县”理解为{'、'.join(others)}（上文提到的县）。"
    bodies = query.departments or last.departments
    elsewhere = [i for i in catalogue.identities if i.county and i.county not in last.counties]
    found = [
        i
        for i in elsewhere
        if not bodies or (i.department and any(same_kind(b, i.department) for b in bodies))
    ]
    if not found and not query.departments:
        found = elsewhere  # no body named and none of the last one's kind: any other county
    years = last.years or _only_year(catalogue, last.counties, last.departments)
    same_year = [i for i in found if i.year in years]
    chosen = tuple(sorted({i.county for i in (same_year or found) if i.county}))
    if not chosen:
        return last.counties, "索引中没有另一个县的同类报告，以下仍为上文的县。"
    return chosen, f"“另一个县”理解为{'、'.join(chosen)}。"


def _moved_body(
    query: Query,
    counties: tuple[str, ...],
    departments: tuple[str, ...],
    catalogue: Catalogue,
) -> tuple[tuple[str, ...], tuple[str, ...], list[str]]:
    """A follow-up naming only a body the carried county does not have ("那林草局呢" after
    焉耆生态环境分局) moves to the one county that has it; one naming only a county that has
    no body of the carried kind ("焉耆的呢" after 互助林草局) moves to that county's one body.
    Slots stay as carried (and the question is refused) when several would fit."""
    body_only = query.departments and not query.counties and counties
    if body_only and not _holds_kind(catalogue, counties, query.departments):
        holders = {
            i.county
            for i in catalogue.identities
            if i.county and _holds_kind(catalogue, (i.county,), query.departments)
        }
        if len(holders) == 1:
            county = holders.pop()
            return (county,), departments, [f"{'、'.join(query.departments)}为{county}的部门。"]
    county_only = query.counties and not query.departments and departments
    if county_only and not _holds_kind(catalogue, query.counties, departments):
        own = {i.department for i in catalogue.identities if i.county in query.counties}
        own.discard(None)
        if len(own) == 1:
            body = own.pop()
            return counties, (body,), [f"{'、'.join(query.counties)}的报告为{body}的。"]
    return counties, departments, []


def _holds_kind(catalogue: Catalogue, counties: tuple[str, ...], bodies: tuple[str, ...]) -> bool:
    """Some report of ``counties`` is filed by a body of the kind of one of ``bodies`` (any
    body does when none is given)."""
    return any(
        i.county in counties
        and (not bodies or (i.department and any(same_kind(b, i.department) for b in bodies)))
        for i in catalogue.identities
    )


def _other_of_kind(
    query: Query, last: Query, catalogue: Catalogue
) -> tuple[tuple[str, ...], str] | None:
    """The counties "另一个县的自评报告" means: those indexed with a report of the kind named
    (a self-evaluation, a 决算说明), whatever body filed it, the last turn's year first; None
    when the follow-up names no kind of report or no other county has one."""
    named = REPORT_KIND.search(query.zh_text or query.text)
    if named is None:
        return None
    kinds = report_kinds(named.group(0))
    found = [
        i
        for i in catalogue.identities
        if i.county and i.county not in last.counties and i.doc_type in kinds
    ]
    years = last.years or _only_year(catalogue, last.counties, last.departments)
    same_year = [i for i in found if i.year in years]
    chosen = tuple(sorted({i.county for i in (same_year or found) if i.county}))
    if not chosen:
        return None
    return chosen, f"“另一个县”理解为{'、'.join(chosen)}（有{named.group(0)}的县）。"


_LEVEL = re.compile(r"(省|市|县|区|乡|镇|州)里")
"""Everyday names of a level of government ("省里", "县里") for the reports' 省级/县级."""


def _general_metric(topic: str) -> str:
    """A carried topic that is a catalogue metric and "the total of it" words ("决算 支出
    总额") as that metric's name, so another report's wording ("本年支出合计") is found."""
    metric = metric_named(topic)
    if metric is None:
        return topic
    parts = [w for w in words(topic) if w.strip()]
    kinds = [w for w in parts if w == "预算"]  # a budget stays asked
    total = ["合计"] if any(w in ("总额", "合计", "总计", "总数") for w in parts) else []
    if total and squash(f"{metric}合计") in synonym_index():
        # one domain term ("支出合计"), so its other spellings (支出总计, 支出总额) are found
        return " ".join((*kinds, f"{metric}合计"))
    return " ".join((*kinds, metric, *total))  # "the total of it", as reports head it


_SHARE_WORDS = re.compile(r"^(?:占|占比|比|比例|比重|份额|百分之几?|百分比|多少|几成|所占)$")


_LEAD_LABEL = re.compile(r"：([\u4e00-\u9fff“”（）()]{2,30}?)(?:（[^）]*）)?\s*\d")


def lead_label(answer: str) -> str:
    """The label of an answer's lead figure: "公务用车运行维护费" in "某局2023年度：
    公务用车运行维护费 4.10万元[1]。" ("" when the lead names none)."""
    match = _LEAD_LABEL.search(answer.split("\n", 1)[0])
    return match.group(1) if match else ""


def _share_over_turns(query: Query, last: Query, label: str = "") -> tuple[str, ...]:
    """The (part, whole) topics of a share asked over the last turn: "占全年支出的比重是多少"
    after "项目支出多少" is 项目支出 over 全年支出; "What share of that was basic expenditure?"
    after the total is 基本支出 over the total. Empty when it is no such follow-up."""
    asked = query.zh_text or query.text
    if not asks_share(asked) or not last.topic or asks_share(last.zh_text or last.text):
        return ()  # after a share ("那C的占比呢"), the carried question says what is divided
    whole = whole_named(asked)
    own = [w for w in words(query.topic) if w.strip() and not _SHARE_WORDS.match(w)]
    before = asked.split("占")[0] if "占" in asked else ""
    named_part = [w for w in own if whole is None or w not in whole]
    if whole and not re.search(r"[\u4e00-\u9fff]{2}", re.sub(r"^(那|那么|其中|这)", "", before)):
        part = last.topic
        if label and all(w in label for w in words(last.topic) if w.strip()):
            part = label  # "公务用车" answered as 公务用车运行维护费: the figure the user saw
        return (part, whole)  # no part named before 占: the last turn's subject
    if not whole and named_part:
        part = " ".join(named_part)
        parent = _shared_parent(part, last.topic)
        if parent:  # "其他收入占多少" after "财政拨款收入呢": both parts of the total
            above = next((m.parent for m in METRICS if m.name == parent), None)
            return (part, parent if above else f"{parent} 合计")
        return (part, last.topic)  # a part named, of "that" (the last figure)
    return ()


def _shared_parent(part: str, other: str) -> str | None:
    """The catalogue metric two different metrics both belong to (其他收入, 财政拨款收入 →
    收入): a share of one asked after the other is of their total, not of the sibling."""
    names = [metric_named(part), metric_named(other)]
    if None in names or names[0] == names[1]:
        return None
    parents = [next((m.parent for m in METRICS if m.name == n), None) for n in names]
    return parents[0] if parents[0] is not None and parents[0] == parents[1] else None


def _sibling_share(query: Query, last: Query, topic: str) -> tuple[str, str] | tuple[()]:
    """(part, whole) of a follow-up naming only another part after a share was asked ("基本支出
    呢" after "项目支出占支出合计的比例"): the part named now, over the whole the last turn named.
    Empty when the follow-up asks a share or a measure of its own, or names no metric."""
    asked = query.zh_text or query.text
    if not asks_share(last.zh_text or last.text) or asks_share(asked) or query.qualifier:
        return ()
    if not (_FOLLOW_UP.match(query.text) or query.text.rstrip("？?。 ").endswith("呢")):
        return ()
    if _MEASURE_ASKED.search(asked) or _MONEY_ASKED.search(asked) or query.asks_count:
        return ()
    part = " ".join(w for w in words(topic) if w.strip() and not _FOLLOW_UP.fullmatch(w))
    whole = last.topics[-1] if len(last.topics) > 1 else whole_named(last.zh_text or last.text)
    if not part or not _names_metric(part) or part in (whole, last.topics[0]):
        return ()
    return (part, whole or "")  # "" : the share of the total it is part of ("X占比多少")


_BOTH = re.compile(r"两项|两者|二者|两个|这两|它们|加起来|合起来|合计|一共|总共|together|combined")


def _summed_share(query: Query, last: Query, earlier: Query | None) -> tuple[str, ...]:
    """(first item, second item, whole) of a follow-up asking the share of the last two turns'
    items taken together ("两项加起来占本年支出的多少" after "人员经费多少" and "公用经费呢"):
    both turns about one report, each its own item, and the whole named. Empty otherwise."""
    asked = query.zh_text or query.text
    if earlier is None or not asks_share(asked) or not _BOTH.search(asked.split("占")[0]):
        return ()
    whole = whole_named(asked)
    if not whole or not earlier.topic or not last.topic or earlier.topic == last.topic:
        return ()
    if _side(earlier) != _side(last) or query.counties or query.departments:
        return ()
    metric = metric_named(whole)
    top = metric is not None and next((m.parent for m in METRICS if m.name == metric), 1) is None
    return (earlier.topic, last.topic, f"{metric}合计" if top else whole)  # as reports head it


_BARE_SHARE = re.compile(
    r"^(?:那|那么|那它|它|这|这个|这部分|这一块|这笔钱?|其)?的?"
    r"(?:所?占了?的?(?:比例|比重|份额|百分比|比)?|占比|比例|比重|份额|百分比)"
    r"(?:是|为|有|大概|约)?(?:多少|多大|几成|百分之几|百分之多少|百分之多少)?"
    r"(?:呢|啊|吗|呀)?[？?。！!\s]*$|"
    r"^(?:and )?(?:what(?:'s| is| was)? (?:the |its )?|as an? |in )"
    r"(?:share|percentage|proportion|ratio)"
    r"(?: (?:of (?:the |that |this )?(?:total|whole|it|that|this|all)|is (?:that|it)"
    r"|was (?:that|it)|does (?:that|it) (?:make|take|account for)))*[?？.\s]*$",
    re.I,
)
"""A follow-up asking only a share ("占比呢", "比例是多少", "占多少", "What share is that?"):
the part and the whole are what the conversation established."""

_WITHIN = frozenset({"里", "里面", "里头", "里边", "中", "当中", "之中", "其中"})
"""Words that put the part after them inside the whole before them ("一般公共预算里人畜饮水")."""


_SPENT = re.compile(r"花|用了|用于|支出|开支|spen[dt]")
_AMOUNT = re.compile(r"支出|收入|经费|费用|资金|spending|income")
"""A part asked as money spent ("A里B花了多少") is a share of A's spending, not of A's income."""


def share_of_last(
    query: Query, last: Query, earlier: Query | None = None
) -> tuple[str, str] | tuple[()]:
    """(part, whole) topics of a follow-up asking only a share of what the last turn asked:
    the part the last turn narrowed to ("其中…呢") over what it narrowed; the part a turn put
    inside a whole ("A里B花了多少") over A; else the last figure over the total its metric
    belongs to (项目支出 → 支出合计). Empty when it is no such follow-up or nothing fits."""
    if not last.topic or not _BARE_SHARE.match(query.text.strip()):
        return ()
    if asks_share(last.zh_text or last.text):
        return ()  # after a share, the carried question says what is divided
    if last.context and last.context != last.topic:  # "其中食品抽检呢" → "比例呢"
        return (last.topic, last.context)
    asked = [w for w in words(last.zh_text or last.text) if w.strip()]
    own = set(words(last.topic))
    for at, word in enumerate(asked):
        if word not in _WITHIN:
            continue
        whole = [w for w in asked[:at] if w in own]
        part = [w for w in asked[at + 1 :] if w in own and w not in whole]
        if not whole and at == 0 and earlier is not None and earlier.topic:
            whole = [w for w in words(earlier.topic) if w.strip() and not _MEASURE.fullmatch(w)]
            part = [w for w in asked[1:] if w in own and w not in whole]
            if whole and part:  # "里面B是多少" after "A花了多少": B in the turn before's A
                end = max(n for n, w in enumerate(asked) if w in part)
                named = "".join(asked[1 : end + 1])
                full = abbreviated_metric(named, same_end=False)  # 公务用车运维 → …运行维护费
                return (full.name if full else named, " ".join(whole))
        if whole and part:  # the part as the last turn wrote it ("农村人畜饮水"), in the whole
            end = max(n for n, w in enumerate(asked) if w in part)
            spent = _SPENT.search("".join(asked[at + 1 :])) and not _AMOUNT.search(" ".join(whole))
            named = "".join(asked[at + 1 : end + 1])
            return (named, " ".join(whole) + (" 支出" if spent else ""))
    metric = metric_named(last.topic)
    parent = next((m.parent for m in METRICS if m.name == metric), None)
    if parent is None:
        return ()
    above = next((m.parent for m in METRICS if m.name == parent), None)
    return (last.topic, parent if above else f"{parent} 合计")  # the top total as reports head it
