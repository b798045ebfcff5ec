"""Whether a chosen figure can answer the asked item at all.

A figure belongs to the words right before it ("其中：人员经费893.17万元" → 人员经费). It does not
answer a question about a narrower item — the question puts a qualifier in front of that label
("退休人员经费") and the quote never writes the two together — nor a question for another kind
of figure (a score asked, "得分/多少分", answered with an amount in 元). Such a finding is dropped;
with none left the answerer refuses and lists the nearest passages.
"""

from __future__ import annotations

import re

from assistant.evidence import Topic, match_text
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
    r"(?:几|多少)(辆|台|户|人次|人|名|套|艘|架|件|张|家|所|座|处|批次|批)|"
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
    rest = _COUNTED_ASK.sub(" ", question)
    return not _MONEY_ASK.search(rest)


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


def wrong_kind(question: str, figure: str | None) -> bool:
    """Only a score is asked and the figure is an amount of money or a percentage; or only a
    count of things is asked ("几台车", "多少户") and the figure is money or a percentage: the
    asked measure word has a counted figure, or the answer is a refusal."""
    if not figure or not (asks_score(question) or asks_counted_only(question)):
        return False
    found = [q for q in find_quantities(figure) if not q.is_year]
    return bool(found) and all(q.is_money or q.unit == "%" for q in found)


def deduction_for_score(question: str, shown: str, figure: str | None) -> bool:
    """A score asked ("得了几分") and the figure is points taken off ("扣2.4分"): a deduction
    is not the score, unless the question asks what was deducted."""
    if not figure or not _SCORE.search(question) or re.search(r"扣|减分|失分", question):
        return False
    taken = rf"(?:扣|扣除|扣减|减|失)了?{re.escape(match_text(figure))}"
    return bool(re.search(taken, match_text(shown)))


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
