"""Whether a chosen figure can answer the asked item at all.

A figure belongs to the words right before it ("其中：人员经费893.17万元" → 人员经费). It does not
answer a question about a narrower item — the question puts a qualifier in front of that label
("退休人员经费") and the quote never writes the two together — nor a question for another kind
of figure (a score asked, "得分/多少分", answered with an amount in 元). Such a finding is dropped;
with none left the answerer refuses and lists the nearest passages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence import Topic, match_text, term_present
from assistant.statements import label_of
from assistant.tables import asked_qualifiers
from index.domain_terms import synonym_index
from index.numbers import find_quantities

_ITEM = re.compile(r"(经费|费|支出|资金|收入|补助|补贴|工资)$")
"""A metric naming an item of money (人员经费, 公务接待费): one a qualifier word can narrow."""
_COLUMN_WORD = re.compile(r"预算|决算|执行|完成|目标|指标值|得分|分值|权重|合计|总额|实际")
"""Words naming a column or kind of figure, not a narrower item."""
_SCORE = re.compile(r"得分(?!率)|多少分|几分|评分|分数|打了?多少分")


def asks_score(question: str) -> bool:
    """The question asks for a score and for no other figure (not "执行率多少、得了几分")."""
    others = [q for q in asked_qualifiers(question) if q != "得分"]
    return bool(_SCORE.search(question)) and not others and "率" not in question


_COUNTED_ASK = re.compile(
    r"(?:几|多少)(辆|台|户|人次|人|名|套|艘|架|件|张|家|所|座|处|批次|批|个(?=[\u4e00-\u9fff]))|"
    r"how many (?!yuan|percent)"
)
_SAME_MEASURE = {"台": ("台", "辆"), "辆": ("辆", "台"), "人": ("人", "名"), "名": ("名", "人")}
"""A count of things by their measure word ("几台车", "多少户", "多少辆公务用车")."""
_MONEY_ASK = re.compile(
    r"经费|费|支出|收入|资金|预算|决算|金额|元|钱|花|拨款|投入|投资|补助|补贴|奖补|税|产值|价|"
    r"成本|工资|执行率|比例|占比|率|得分|分"
)
"""Words asking for an amount, a rate or a score besides the count."""


def asks_counted_only(question: str) -> bool:
    """The question asks how many things (a measure word of counted things) and for no amount,
    rate or score: "有多少辆公务用车" is not answered by the 公务用车购置费."""
    if not _COUNTED_ASK.search(question):
        return False
    rest = _CONTAINER.sub(" ", _COUNTED_ASK.sub(" ", question))
    return not _MONEY_ASK.search(rest)


_CONTAINER = re.compile(r"[\u4e00-\u9fff“”]{2,10}?(?:里面|里头|当中|里|中)(?=[\u4e00-\u9fff])")
"""A heading the counted things sit under ("三公经费里因公出国去了几个团组"): it names where to
look, not an amount asked."""


def counted_figure(question: str, shown: str) -> tuple[str, str] | None:
    """(label, figure) of the quote's figure in the asked measure word, when only a count of
    things is asked ("年底公车还剩几辆" → "保有量3辆" in a row about the vehicles' costs)."""
    asked = _COUNTED_ASK.search(question)
    if not asked or not asked.group(1) or not asks_counted_only(question):
        return None
    units = _SAME_MEASURE.get(asked.group(1), (asked.group(1),))
    for q in find_quantities(shown):
        if q.unit in units and not q.is_year:
            words = re.findall(r"[\u4e00-\u9fff]+", shown[max(0, q.start - 12) : q.start])
            return (words[-1] if words else ""), q.raw
    return None


_LOST = re.compile(r"扣了?(?:几|多少)分|扣分|丢了?(?:几|多少)分|失分")


def wrong_kind(question: str, figure: str | None, shown: str = "") -> bool:
    """Only a rate is asked and the figure is an amount the quote gives no budget for; only a
    score is asked and the figure is an amount of money or a percentage; or only a
    count of things is asked ("几台车", "多少户") and the figure is money or a percentage, or a
    count in another measure ("多少辆" → 车次); or only what was spent is asked and the figure is
    a count: the asked measure word has a counted figure, or the answer is a refusal."""
    if figure and asked_qualifiers(question) == ["执行率"] and not _rate_inputs(shown):
        found = [q for q in find_quantities(figure) if not q.is_year]
        return bool(found) and all(q.is_money for q in found)  # an amount is no rate
    if count_for_spending(question, figure):  # "花了多少钱" is not answered by "42场"
        return True
    if figure and asks_counted_only(question) and _other_measure(question, figure):
        return True  # "多少辆车" is not answered by "4862车次"
    if not figure or not (asks_score(question) or asks_counted_only(question)):
        return False
    if _LOST.search(question) and "分值" in shown and "得分" in shown:
        return False  # "扣了几分": a scored row answers (分值 − 得分), whatever figure leads
    found = [q for q in find_quantities(figure) if not q.is_year]
    return bool(found) and all(q.is_money or q.unit == "%" for q in found)


_SPEND_ASK = re.compile(
    r"多少钱|花了多少|花费多少|开销多少|\bspen[dt]\b|\bcost\b|how much money", re.I
)
_NOT_MONEY_ASK = re.compile(
    r"率|比例|占比|比重|几成|得分|几分|多少分|score|rate|percent|share|proportion", re.I
)


def asks_money_only(question: str) -> bool:
    """The question asks what was spent ("花了多少钱", "how much did … spend on") and for no
    count, rate or score."""
    return bool(
        _SPEND_ASK.search(question)
        and not _COUNTED_ASK.search(question)
        and not _NOT_MONEY_ASK.search(question)
    )


def count_for_spending(question: str, figure: str | None) -> bool:
    """Only what was spent is asked and the figure is no amount ("spend on the caravan" → 42场)."""
    return bool(figure) and asks_money_only(question) and _no_amount(figure or "")


def _no_amount(figure: str) -> bool:
    """The figure states something, and no amount of money or percentage."""
    found = [q for q in find_quantities(figure) if not q.is_year]
    return bool(found) and not any(q.is_money or q.unit == "%" for q in found)


def spent_figure(question: str, figure: str | None, shown: str) -> tuple[str, str] | None:
    """The label and the first amount of money a quote states, when only what was spent is
    asked and the figure read is a count ("how much … spend on vehicles" → 46920.00元, not
    "保有量3辆"); None otherwise or when the quote states no amount."""
    if not count_for_spending(question, figure):
        return None
    money = next((q for q in find_quantities(shown) if q.is_money), None)
    if money is None:
        return None
    raw = money.raw if money.raw.endswith(money.unit) else f"{money.raw}{money.unit}"
    return label_of(shown[: money.start], 24), raw


_ONE_MEASURE = ({"人", "人次", "名"}, {"批", "批次"}, {"台", "辆", "台套"}, {"次", "人次"})
"""Measure words a count asked by one may be written with ("接待了多少人" → 268人次)."""


_MEASURE_AFTER = re.compile(r"^[\u4e00-\u9fff]{1,2}")


def _other_measure(question: str, figure: str) -> bool:
    """The figure counts in another measure than any the question asks in ("几辆" → "车次";
    "多少场…多少人" asks both 场 and 人): every counted figure of the lead is in a measure word
    none of the asked ones is."""
    asked = [m.group(1) for m in _COUNTED_ASK.finditer(question) if m.group(1)]
    asked += _ANY_MEASURE.findall(question)  # measure words the list above lacks ("几场")
    found = [q for q in find_quantities(figure) if not q.is_year and not q.is_money]
    # a measure word the number parser does not know ("4862车次") is the word right after it
    units = [q.unit or "".join(re.findall(_MEASURE_AFTER, figure[q.end :])) for q in found]
    units = [u.lstrip("万亿") or u for u in units]  # "8.6万人次" counts in 人次
    if not asked or "个" in asked or not units or not all(units) or "%" in units:
        return False
    return not any(
        unit.startswith(measure)
        or measure.startswith(unit)
        or any({unit, measure} <= same for same in _ONE_MEASURE)
        for unit in units
        for measure in asked
    )


_ANY_MEASURE = re.compile(r"(?:几|多少)([\u4e00-\u9fff])")


def _rate_inputs(shown: str) -> bool:
    """The quote states two amounts (a budget and what was spent): a rate asked of them is
    worked out, so the amount leading is no wrong answer."""
    budget = re.search(r"预算[^，,。；;\d]{0,8}\d", shown)
    return bool(budget) and sum(q.is_money for q in find_quantities(shown)) >= 2


_INCOME_ONLY = re.compile(r"收入|进账|入账|\bincome\b|\brevenue\b", re.I)
_SPENDING_ASKED = re.compile(r"支出|花|用|开支|费|spen[dt]|expend", re.I)
_SPENDING_LABEL = re.compile(r"支出|开支|(?:经)?费$")


def spending_for_income(question: str, label: str) -> bool:
    """An income asked ("药品收入多少") and the figure is labelled as spending ("公用经费支出
    13,826.41万元，主要包括…药品费"): the other side of the accounts, never the income."""
    if not _INCOME_ONLY.search(question) or _SPENDING_ASKED.search(question):
        return False
    return bool(_SPENDING_LABEL.search(label)) and "收入" not in label


def deduction_for_score(question: str, shown: str, figure: str | None) -> bool:
    """A score asked ("得了几分") and the figure is points taken off ("扣2.4分"): a deduction
    is not the score, unless the question asks what was deducted."""
    if not figure or not _SCORE.search(question) or re.search(r"扣|减分|失分", question):
        return False
    taken = rf"(?:扣|扣除|扣减|减|失)了?{re.escape(match_text(figure))}"
    return bool(re.search(taken, match_text(shown)))


_WHOLE_BODY = re.compile(r"部门整体|单位整体|整体支出|整体绩效|部门自评|单位自评|部门的?总?得分")
_PROJECT_SCORE = re.compile(
    r"项目[^，。；;、]{0,8}?(?:自评)?(?:总?得分|评分|总分)|项目支出绩效自评表|项目绩效自评表"
)


def project_score_for_body(question: str, shown: str, figure: str | None, section: str) -> bool:
    """The body's overall self-evaluation score asked ("部门整体支出绩效自评得了多少分") and the
    figure is one project's score (its 自评表, or "某某项目自评得分N分"): not the body's score."""
    if not figure or not asks_score(question) or not _WHOLE_BODY.search(question):
        return False
    if "项目" in question.replace("项目支出", ""):
        return False  # a project asked for by name
    quote = match_text(shown)
    at = quote.find(match_text(figure))
    clause = re.split(r"[。；;，,]", quote[:at])[-1] if at >= 0 else ""
    return bool(_PROJECT_SCORE.search(clause) or _PROJECT_SCORE.search(section))


_SCORE_WORD = re.compile(
    r"项目|自评|得分|绩效|评价|分数|评分|打分|部门|整体|支出|年度|总分|多少|几"
)


_TWO_SIDES = re.compile(r"哪个|哪一个|哪项|谁|比|和|与|还是|分别|compare|versus|\bvs\b", re.I)


def project_not_in_report(question: str, topic: Topic, text: str) -> str | None:
    """A named project's score asked ("水土保持项目自评得分") and the report never writes the
    project's name words: its scores are of other projects (or of the body). The word missing."""
    if not asks_score(question) or question.count("项目") != 1 or _TWO_SIDES.search(question):
        return None  # one project asked; a comparison's topic holds both sides' names
    report = match_text(text)
    for term in topic.hard:
        if len(term) >= 2 and not _SCORE_WORD.search(term) and match_text(term) not in report:
            return term
    return None


_BODY_SCORE = re.compile(r"部门整体|单位整体|整体支出|整体绩效")


def body_score_for_project(question: str, shown: str, figure: str | None) -> bool:
    """A named project's score asked and the quote gives the body's overall score ("部门整体
    支出绩效…自评得分93.5分"): not the project's."""
    if not figure or not asks_score(question) or "项目" not in question.replace("项目支出", ""):
        return False
    if _WHOLE_BODY.search(question):
        return False
    quote = match_text(shown)
    at = quote.find(match_text(figure))
    sentence = re.split(r"[。；;]", quote[:at])[-1] if at >= 0 else ""
    return bool(_BODY_SCORE.search(sentence))


def narrower_item(question: str, topic: Topic, shown: str) -> str | None:
    """The asked item ("退休人员经费") when the question qualifies a metric term (人员经费) with
    a word of its own (退休) directly in front, and the quote writes the term but never the
    qualified item: its figure is of the broader item. None when the quote covers it."""
    squashed = match_text(question)
    quote = match_text(shown)
    others = [t for t in topic.hard if t not in topic.metric and 2 <= len(t) <= 4]
    others = [t for t in others if not _COLUMN_WORD.search(t)]
    for metric in topic.metric:
        if metric not in quote or not _ITEM.search(metric) or _COLUMN_WORD.search(metric):
            continue
        for qualifier in others:
            item = qualifier + metric
            if item in squashed and item not in quote:
                return item
    return None


_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("城市", "城镇", "农村", "乡村"),
    ("在职", "退休", "离休"),
)
"""Words that split one programme or group into parts reported apart (城市低保 / 农村低保)."""


def other_variant(question: str, shown: str) -> str | None:
    """The asked part ("农村低保") when the quote states only another part of the same thing
    ("城市低保"): its figure is not the asked one. None when the quote names the asked part."""
    asked = match_text(question)
    quote = match_text(shown)
    for group in _VARIANTS:
        for word in group:
            for found in re.finditer(rf"{word}([\u4e00-\u9fff]{{2}})", asked):
                head = found.group(1)
                if word + head in quote or any(  # 在职人数 stated as 实有人数
                    match_text(s) in quote
                    for s in synonym_index().get(word + head, ())
                    if len(s) >= 3
                ):
                    continue
                if any(other + head in quote for other in group if other != word):
                    return word + head
    return None


_FAILED = r"(?:不|未|没有?)(合格|达标|通过|验收)"
_NEGATED = re.compile(
    rf"{_FAILED}(?:的|样品|产品|批次)?(?:有|共|是|为)?(?:多少|几)|(?:多少|几)[^，。？?]{{0,6}}{_FAILED}"
)
"""A question counting the ones that failed ("抽检不合格的有多少批", "有几处未达标")."""
_WHY = re.compile(r"为什么|为啥|为何|原因|怎么回事|咋")


def negated_item(question: str, shown: str) -> str | None:
    """The negated words asked ("不合格") when the quote states no failure at all (neither the
    negated word nor another negation of it): its figure counts all the things checked, never
    the failed ones. None when the question counts no failed part (a why-question asks the
    reason a target was missed) or the quote names it."""
    asked = _NEGATED.search(match_text(question))
    if asked is None or _WHY.search(question):
        return None
    word = asked.group(1) or asked.group(2)
    if re.search(rf"(?:不|未|没有?|无法|尚未){word}", match_text(shown)):
        return None
    return f"不{word}" if word in ("合格", "达标") else f"未{word}"


def failed_figure(question: str, shown: str) -> tuple[str, str] | None:
    """(label, figure) of the failed ones the quote counts ("发现不合格材料5批次" → 不合格材料,
    5批次) when the question counts them: that figure leads, never the count of all checked."""
    asked = _NEGATED.search(match_text(question))
    if asked is None or _WHY.search(question):
        return None
    word = asked.group(1) or asked.group(2)
    quote = match_text(shown)
    for found in re.finditer(rf"(?:不|未|没有?){word}[\u4e00-\u9fff]{{0,6}}?(?=\d)", quote):
        after = [q for q in find_quantities(quote[found.end() : found.end() + 12]) if q.unit]
        if after and after[0].start == 0 and not after[0].is_money:
            return found.group(0), after[0].raw
    return None


_AMOUNT_ASK = re.compile(r"总额|金额|总值|价值|多少钱|几块钱|资金量|花了多少|花费多少|经费|资金")
"""Words asking for an amount of money (an item named as 经费/资金 is an amount too)."""


_MONEY_ITEM = re.compile(r"经费|资金")


def count_for_amount(question: str, figure: str | None) -> bool:
    """An amount of money asked ("资产总额是多少") and the figure is a count of things ("车辆
    5辆"): the count is another metric, not the amount."""
    if not figure or not _AMOUNT_ASK.search(question) or _ANY_COUNT.search(question):
        return False
    item = bool(_MONEY_ITEM.search(question))  # "河道保洁经费": no length or count is it
    found = [q for q in find_quantities(figure) if not q.is_year]
    return bool(found) and all(
        not q.is_money and q.unit not in ("%", "分", "") and (q.unit in _COUNTS or item)
        for q in found
    )


_ANY_COUNT = re.compile(
    r"(?:几|多少)(?:个|项|家|人|名|次|户|辆|台|套|座|处|场|批|件|张|所|艘|份|篇|条|块|亩|公里|米)|"
    r"数量|个数|项数|人数|次数|户数|how many|number of",
    re.I,
)
"""Any count asked besides the amount ("几个项目…涉及多少钱"): a count then answers a part."""
_COUNTS = frozenset("辆 台 套 人 名 个 项 家 所 座 处 批次 人次 次 户 件 艘 张 场".split())

_USES = re.compile(
    r"^[，,]?\s*(?:(?:主要)?(?:用于|实施|开展|支持|保障|安排|投向|用在)|主要(?:为|是|包括))"
)
_JOINED_USES = re.compile(r"及|和|与|、|以及|等")
_USE_VERB = re.compile(r"^(?:用于|用在|花在|投向)")
_SPLIT_ASKED = re.compile(r"具体|单独|单列|分别|各自|单项|本身")


def merged_use(question: str, topic: Topic, shown: str, figure: str | None) -> str | None:
    """The asked item ("明长城保护维修") when the quote names it only as one of several uses of
    a fund the figure belongs to ("文物保护专项资金368.25万元，实施明长城…保护维修及县博物馆
    展陈提升"): the report gives no amount of the item alone. None when the quote's label
    before the figure names the item, or the item is the fund's only use."""
    if not figure:
        return None
    quote = match_text(shown)
    at = quote.find(match_text(figure))
    if at < 0:
        return None
    label = re.split(r"[。；;]", quote[:at])[-1]
    after = re.split(r"[。；;]", quote[at + len(match_text(figure)) :])[0]
    if not _USES.search(after):
        after = _uses_further_on(after)  # "其中基本支出A万元，项目支出B万元，主要用于…"
    if not after:
        return None
    own = [t for t in topic.hard if len(t) >= 2 and not _COLUMN_WORD.search(t)]
    own = [t for t in own if not _SPLIT_ASKED.search(t)]  # 单独/具体 name no item
    own = [t for t in own if not _USE_VERB.match(t)]  # "用在什么地方": the verb names no use
    later = [t for t in own if t in after and t not in label]
    if not later or not _JOINED_USES.search(after):
        return None
    parts = [p for p in _JOINED_USES.split(_USES.sub("", after)) if p]
    holding = [p for p in parts if any(t in p for t in later)]
    if len(parts) < 2 or len(holding) == len(parts):
        return None  # every use is the asked item: the amount is its own
    split = _SPLIT_ASKED.search(question) or _USE_WITHIN.search(match_text(question))
    unexplained = [t for t in own if t not in label]  # "项目" of "医共体项目" is the label's
    if not split and len(later) < len(unexplained):
        return None
    asked = match_text(question)
    spans = [(asked.find(t), asked.find(t) + len(t)) for t in later if t in asked]
    if not spans:
        return _USE_VERB.sub("", "".join(later))
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    grown = True
    while grown:  # the asked item runs on over the question's other words ("…分流" + "改造")
        grown = False
        for t in own:
            if asked.startswith(t, end):
                end, grown = end + len(t), True
    return _USE_VERB.sub("", asked[start:end]) or asked[start:end]


_EACH_ASKED = re.compile(
    r"(?:和|与|及|、)([\u4e00-\u9fff]{2,4}?)(?:资金|经费|部分)?的?(?:各|分别|各自)"
    r"(?:是|为|占|有)?(?:多少|几)"
)
_PART_TAIL = re.compile(r"(?:的|资金|经费|部分)+$")
_SPLIT_GIVEN = re.compile(r"分别|各为|各自|各占|其中")


def joined_parts(question: str, shown: str, figure: str | None) -> str | None:
    """ "A和B各多少" ("中央资金和省级资金各多少") when the quote writes A and B only together
    ("追加中央和省级补助资金…调整预算为N元") with at most one amount after them and no split
    ("分别/其中"): the report gives no amount of either part. The parts, as asked."""
    squashed = match_text(question)
    asked = _EACH_ASKED.search(squashed)
    if not figure or asked is None:
        return None
    second = asked.group(1)
    before = _PART_TAIL.sub("", squashed[: asked.start()])
    quote = match_text(shown)
    for size in (4, 3, 2):
        first = before[-size:]
        if len(first) < size:
            continue
        if _parallel_names(before[:-size], second):
            return None  # "X和Y、Z和Y各多少": 各 runs over the listed names, each one item
        joined = re.search(
            rf"{re.escape(first)}(?:资金|经费)?(?:和|与|及|、){re.escape(second)}", quote
        )
        if joined is None:
            continue
        rest = re.split(r"[。；;]", quote[joined.end() :])[0]
        amounts = [q for q in find_quantities(rest) if q.is_money]
        if _SPLIT_GIVEN.search(rest) or len(amounts) > 1:
            return None
        return f"{first}和{second}各自"
    return None


def _parallel_names(lead: str, second: str) -> bool:
    """Whether the asked "A和B" follows a listed item of the same form ("年初结转和结余、" before
    "年末结转和结余"): the listed names are the items asked, not their parts."""
    if not lead.endswith("、"):
        return False
    item = re.split(r"[，,。；;：:、里中]", lead[:-1])[-1]
    return f"和{second}" in item or f"与{second}" in item


_USE_WITHIN = re.compile(
    r"(?:里|中|当中|里面)(?:有|拿出)?多少(?:钱|资金)?(?:是)?(?:用在了?|用于|用到了?|花在了?|投向|投在)"
    r"([\u4e00-\u9fff]{2,10}?)(?:上|方面|这块|的|$)"
)


_PART_WITHIN = re.compile(
    r"([\u4e00-\u9fff]{1,12}?(?:费用?|支出|资金|经费|项目|预算|收入|采购|补助|补贴|款|额|合计))"
    r"(?:里面|里头|当中|之中|里|中(?![央小期心型标国华医介间层级]))的?"
    r"(?:光是|单是|仅仅|单单|光|单|仅|只|具体)?"
    r"([\u4e00-\u9fff]{2,8}?)(?:一项|这块|这一块|部分)?"
    r"(?:花了|用了|花|用|有|是|为|要)?(?:多少|几)(?![个人次批家辆项名户件台场天所座处团位])"
)
"""A part asked within an item ("公车运维费里光油钱花了多少", "项目里人工费用多少"): the whole
first, then the part."""
_GENERIC_PART = re.compile(r"^(?:费用?|钱|资金|经费|支出|金额|数额|开支)$")


def _asked_part(question: str) -> str | None:
    """The part asked within an item ("公车运维费里光油钱" → 油钱, "采购里工程类" → 工程), None when
    no single part is asked ("货物和服务各多少" asks two)."""
    asked = _PART_WITHIN.search(match_text(question))
    if asked is None or _SEVERAL_PARTS.search(asked.group(2)) or _SHARE_ASKED.search(question):
        return None  # "采购里服务采购占多少": a share, not the part's amount
    if _USE_WITHIN.search(match_text(question)) or re.search(r"[里中]", asked.group(2)):
        return None  # "资金里有多少用在…": a use of a fund (use_within_fund reads it)
    part = _PART_TAIL_WORDS.sub("", asked.group(2))
    if len(part) < 2 or _COLUMN_WORD.search(part) or _SPLIT_ASKED.search(part):
        return None  # "项目中预算多少": a column of the item, not a part of it
    return part


_SEVERAL_PARTS = re.compile(r"[和与及、]|各|分别")
_SHARE_ASKED = re.compile(r"占|比例|比重|百分|几成|share|percent", re.I)
_PART_TAIL_WORDS = re.compile(r"(?:类|方面|部分|这块|这一块|一块)$")


def part_not_named(
    question: str, topic: Topic, shown: str, figure: str | None, around: str = ""
) -> str | None:
    """The part a question asks within an item ("X里的Y多少") when the quote's words before the
    figure never name it (any of its own words, a synonym or an abbreviation): the figure is the
    item's, or another's, not the part's. The part, as asked; None when named or not asked."""
    part = _asked_part(question)
    share = _asked_share_part(question) if part is None else None
    if (part is None and share is None) or not figure:
        return None
    part = part or share or ""
    words = [t for t in topic.hard if match_text(t) in part and not _GENERIC_PART.match(t)]
    words = [*words, part] if not _GENERIC_PART.match(part) else words
    if not words:
        return None
    quote = match_text(shown)
    if share is not None:  # "X里Y占了多少": only a passage that never writes Y cannot answer
        return None if any(term_present(t, quote + match_text(around)) for t in words) else part
    if any(term_present(t, _named_after(shown, figure)) for t in words):
        return None  # "96.00万元（某扶持基金）": the bracket names the figure
    at = quote.find(match_text(figure))
    clause = re.split(r"[。；;]", quote[:at])[-1] if at >= 0 else quote
    return None if any(term_present(t, clause) for t in words) else part


def _asked_share_part(question: str) -> str | None:
    """The part whose share of an item is asked ("X项目里Y占了多少" → Y), None otherwise."""
    if not _SHARE_ASKED.search(question):
        return None
    asked = _PART_WITHIN.search(match_text(question))
    inner = r"里|中(?![央小期心型标国华医介间层级])"  # a part within the part: not one part
    if asked is None or _SEVERAL_PARTS.search(asked.group(2)) or re.search(inner, asked.group(2)):
        return None
    part = _PART_TAIL_WORDS.sub("", re.sub(r"(?:占了?|的?(?:比例|比重|占比))$", "", asked.group(2)))
    if len(part) < 2 or _COLUMN_WORD.search(part) or _SPLIT_ASKED.search(part):
        return None
    return part


_BRACKET_AFTER = re.compile(r"^\s*[（(]([^（()）]{1,30})[）)]")
"""A bracket right after a figure: it names what the figure is ("96.00万元（某扶持基金）")."""


def _named_after(shown: str, figure: str) -> str:
    """The words of the bracket right after ``figure`` in the quote, "" when none follows."""
    for q in find_quantities(shown):
        if match_text(q.raw) == match_text(figure):
            found = _BRACKET_AFTER.match(shown[q.end :])
            if found:
                return match_text(found.group(1))
    return ""


_LEVELS = {
    "中央": re.compile(r"中央"),
    "省级": re.compile(r"省级|省财政|省本级"),
    "市级": re.compile(r"市级|市财政|市本级"),
    "县级": re.compile(r"县级|县财政|县本级|区级|区财政"),
}
"""Levels of government a fund comes from, as reports write them."""


def level_figure(question: str, shown: str) -> tuple[str, str] | None:
    """(label, amount) of the fund from the level of government a question asks ("省级…补了多少")
    when the quote lists the funds of two or more levels, each with its amount ("其中县级资金
    A万元、省级…补助B万元"): the asked level's own amount, whichever figure the terms led to."""
    asked = [name for name, pattern in _LEVELS.items() if pattern.search(match_text(question))]
    if len(asked) != 1:
        return None
    seen: set[str] = set()
    hit: tuple[str, str] | None = None
    for piece in re.split(r"[，,、；;。]|其中", shown):
        own = [name for name, pattern in _LEVELS.items() if pattern.search(piece)]
        money = [q for q in find_quantities(piece) if q.is_money]
        if len(own) != 1 or not money:
            continue
        seen.add(own[0])
        if own[0] == asked[0] and hit is None:
            hit = piece[: money[0].start].strip(), money[0].raw
    return hit if len(seen) >= 2 else None


_LONG_PART = re.compile(
    r"(?:收入|资金|经费|支出|拨款)(?:里面|里头|当中|之中|里|中(?![央小期心型标国华医介间层级]))的?"
    r"([\u4e00-\u9fff]{2,16}?)(?:有|是|为)?(?:多少|几)"
)
"""A fund of an item named at any length ("收入当中大中型水库移民后期扶持基金是多少")."""


def bracket_named_figure(question: str, shown: str) -> tuple[str, str] | None:
    """(label, figure) when the part a question asks within an item ("收入当中扶持基金是多少")
    is named by the bracket right after a figure of the quote ("政府性基金收入96.00万元
    （某扶持基金）"): that figure is the part's amount, labelled as the report writes
    it."""
    long = _LONG_PART.search(match_text(question))
    part = _asked_part(question) or (long.group(1) if long else None)
    if part is None:
        return None
    for q in find_quantities(shown):
        found = _BRACKET_AFTER.match(shown[q.end :])
        if q.is_money and found and term_present(part, match_text(found.group(1))):
            words = re.split(r"[，,；;：:。]|其中", shown[: q.start])[-1].strip()
            return f"{words}（{found.group(1)}）", q.raw
    return None


def part_figure(question: str, shown: str) -> tuple[str, str] | None:
    """(part, its amount) when a question asks a part within an item ("项目支出中非遗保护传承
    花了多少") and the quote writes that part with an amount right after it ("非遗保护传承187.60
    万元", "政府采购工程支出2103600.00元" for 工程类): the part's own figure, whatever figure the
    terms led to."""
    part = _asked_part(question)
    if part is None:
        return None
    quote = match_text(shown)
    for found in re.finditer(re.escape(part), quote):
        if quote[max(0, found.start() - 2) : found.start()].endswith(("其他", "其它")):
            continue  # "其他项目支出" is not 项目支出
        rest = quote[found.end() : found.end() + 16]
        rest = _PART_TO_FIGURE.sub("", rest, count=1)
        money = next((q for q in find_quantities(rest) if q.is_money and q.start == 0), None)
        if money is not None:
            return quote[found.start() : found.end()], money.raw
    return None


_PART_TO_FIGURE = re.compile(r"^(?:类)?(?:支出|资金|经费|费用?|金额|合同金额)?(?:为|是|：|:)?")


def use_within_fund(question: str, shown: str) -> str | None:
    """ "X资金里有多少用在Y上": the part of a fund spent on one use. A quote that never names
    the use (its words, in any order) gives the fund's amount, not the part: the use asked."""
    asked = _USE_WITHIN.search(match_text(question))
    if asked is None:
        return None
    use = asked.group(1)
    quote = match_text(shown)
    pieces = [use[i : i + 2] for i in range(0, len(use) - 1, 2)]
    return None if all(p in quote for p in pieces) else use


def _uses_further_on(after: str) -> str:
    """The uses list of a later amount (or its rate) of the same sentence ("…，项目支出723.27万元，
    主要用于A、B和C"): the words after that figure when they list uses, else ""."""
    figures = [q for q in find_quantities(after) if q.is_money or q.unit == "%"]
    for q in reversed(figures):  # "…，执行率98.20%，用于A、B及C": the rate of the same amount
        rest = after[q.end :]
        if _USES.search(rest):
            return rest
    return ""


_PLACES_ASKED = re.compile(
    r"(?:建|设|分布|位于|落在|落地|安排|实施|选址|放)?在?哪(?:些|几个|几|个)"
    r"(乡镇|镇|乡|村|街道|社区|地方|地点|县区|区县)"
)
_PLACE_NAME = re.compile(r"([\u4e00-\u9fff]{2,3})(镇|乡|村|街道|社区)(?![镇村])")
_NOT_A_NAME = re.compile(r"[乡镇村各全本该每个社街区县市省]")


_RECIPIENTS_ASKED = re.compile(
    r"(?:给|给了|发给了?|奖给了?|补给了?|拨给了?|补助了?|奖励了?|支持了?|扶持了?|是|有)?"
    r"哪(?:些|几家|几个|家|个)(企业|公司|经营主体|合作社|学校|医院)"
)
_RECIPIENT_NAME = re.compile(
    r"[\u4e00-\u9fff（）()]{2,}(?:有限责任公司|有限公司|股份公司|公司|集团|厂|合作社|"
    r"小学|中学|学校|医院|卫生院)"
)
_NOT_A_RECIPIENT = re.compile(
    r"^(?:[各全本该每等相关重点龙头规上骨干示范]|[一二三四五六七八九十\d]+家)"
)
_RECIPIENT_KINDS = frozenset(("企业", "公司", "经营主体", "合作社", "学校", "医院"))


def places_asked(question: str) -> str | None:
    """The kind of place a question asks to be listed ("分别建在哪些乡镇" → 乡镇), or of
    recipient ("奖补资金给了哪些企业" → 企业)."""
    found = _PLACES_ASKED.search(question) or _RECIPIENTS_ASKED.search(question)
    return found.group(1) if found else None


def recipients(kind: str) -> bool:
    """The kind asked is of recipients (企业), not of places (乡镇)."""
    return kind in _RECIPIENT_KINDS


def names_places(text: str, kind: str = "乡镇") -> bool:
    """The text names at least one place (悦来镇, 梨丰乡, 东关街道), not only the word 乡镇;
    for a recipient kind (企业), at least one named recipient (某某农业科技有限公司)."""
    if kind in _RECIPIENT_KINDS:
        return any(
            not _NOT_A_RECIPIENT.search(m.group(0)) and len(m.group(0)) >= 4
            for m in _RECIPIENT_NAME.finditer(text)
        )
    return any(
        not _NOT_A_NAME.search(m.group(1))
        and f"{m.group(1)[-1]}{m.group(2)}" not in ("城乡", "城镇", "农村")
        for m in _PLACE_NAME.finditer(text)
    )


_MONEY_NOUN = re.compile(
    r"金|钱|费|支出|收入|预算|决算|补助|补贴|款|投入|成本|工资|薪|奖|税|租|价|息|资|结余|结转|余额|债"
)


def amount_for_counted_noun(question: str, terms: Sequence[str], figure: str | None) -> bool:
    """A part of the question asks how much of a thing itself ("新增了多少耕地", "建了几处
    场所") — no money word — and the figure is an amount of money: another item's cost."""
    if not figure:
        return False
    found = [q for q in find_quantities(figure) if not q.is_year]
    if not found or not all(q.is_money for q in found):
        return False
    for asked in re.finditer(r"(?:多少|几)([^，,。；;？?！!\s]*)", question):
        phrase = asked.group(1)  # "多少耕地", not "多少技改奖补资金" (a fund: money)
        if _MONEY_NOUN.search(phrase):
            continue
        if any(
            len(t) >= 2
            and re.fullmatch(rf"[个亩吨处座所家项条户人名台辆]?{re.escape(t)}[呢吗了]?", phrase)
            for t in terms
        ):
            return True  # the phrase is the thing itself, nothing after it ("多少标准拨的")
    return False


_AVERAGE_ASKED = re.compile(r"平均|均值|\baverage\b|\bmean\b", re.I)


def average_for_one(question: str, shown: str, figure: str | None) -> bool:
    """One item's figure asked ("检察业务办案经费项目的自评得分") and the quote gives an average
    over several ("对办案经费等4个项目开展了自评，平均得分93.8分"): not that item's own."""
    if not figure or _AVERAGE_ASKED.search(question):
        return False
    quote = match_text(shown)
    at = quote.find(match_text(figure))
    if at < 0:
        return False
    clause = re.split(r"[，,。；;]", quote[:at])[-1]
    return "平均" in clause
