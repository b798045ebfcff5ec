"""How much one item exceeds another in the same report.

"项目支出比基本支出多多少", "服务类采购比货物类多多少", "A和B差多少": two items of one report,
both stated as actual money. The lead alone would show one of them; the answer is A − B from
the report's own statements, both cited. Differences against a year ("比上年"), a budget
("比预算") or another county are other questions and are left to their own code.
"""

from __future__ import annotations

import re

from assistant.statements import Statement, label_of, statements

_MORE = re.compile(
    r"([\u4e00-\u9fff“”\"]{2,24}?)比([\u4e00-\u9fff“”\"]{2,16}?)"
    r"(?:多|少|高|低)(?:花|用|支出|出)?(?:了)?(?:多少|几)"
)
_APART = re.compile(
    r"([\u4e00-\u9fff“”\"]{2,24}?)(?:和|与|跟|同)([\u4e00-\u9fff“”\"]{2,16}?)"
    r"(?:之间)?(?:相差|差|差距|差额)(?:了|是|为)?(?:多少|几)"
)
_NOT_AN_ITEM = re.compile(
    r"上年|上一年|去年|前年|同期|预算|年初|计划|目标|\d|年度?$|[县区市旗]$|局$|委$"
)
"""The other side of a year, budget or place comparison, not a second item of the report."""


def sides(question: str) -> tuple[str, str] | None:
    """(first item's core, second item's core) of a two-item difference question, or None."""
    compact = re.sub(r"\s+", "", question)
    match = _MORE.search(compact) or _APART.search(compact)
    if match is None:
        return None
    words = list(match.groups())
    opening = re.match(r"(.*?)(年末|期末)(.+)$", words[0])
    if opening and words[1] in ("年初", "期初"):  # "年末结转和结余比年初多多少": 年初结转和结余
        item = opening.group(3)
        return f"{opening.group(2)}{item}", f"{words[1]}{item}"
    first, second = (_core(w) for w in words)
    if not first or not second or _NOT_AN_ITEM.search(words[1]) or first == second:
        return None
    return first, second


def _core(words: str) -> str:
    """The item's own name, at most its last four characters ("2022年道路清扫保洁" → 清扫保洁);
    a bare class word ("服务类") drops its 类."""
    label = label_of(words.strip('“”"')) or words
    label = re.sub(r"类$", "", label)
    return label[-min(4, len(label)) :]


def name(statement: Statement) -> str:
    """The statement's label without the verb a list starts with ("用于城区道路清扫保洁")."""
    return re.sub(r"^(?:主要)?用于", "", statement.label) or statement.label


def both(question: str, text: str) -> tuple[Statement, Statement] | None:
    """The report's first actual-money statement of each side, each naming its side and not
    the other; None when either is not written."""
    asked = sides(question)
    if asked is None:
        return None
    first, second = asked
    every = [s for s in statements(text) if s.family == "actual" and s.yuan]
    a = next((s for s in every if first in s.label and second not in s.label), None)
    b = next((s for s in every if second in s.label and first not in s.label), None)
    return (a, b) if a and b else None
