"""Which things a report names ("内设机构有哪些", "重点项目分别是什么", "which are they"): the
items of the quoted enumeration ("内设办公室、农业发展股…4个职能部门") or the titles of the
numbered points that follow the quoted line ("1.某某项目：…"), led as a list, never as one
figure near them (the count "1个" of another clause, the point number "1").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.derived import list_items
from assistant.listing import section_points
from index.numbers import find_quantities

_ASKS_NAMES = re.compile(
    r"哪些|哪几(?:个|项|家|类|条|所|种)?|分别(?:是|为|叫)(?:什么|哪)|都(?:有|是|包括)(?:什么|哪)|"
    r"包括(?:了)?(?:什么|哪)|叫什么|具体是什么|(?:名称|名字)(?:是什么|有哪些|分别)|"
    r"\bwhich (?:ones|are|were|of)\b|\bwhat are (?:they|the names)\b|"
    r"\bname them\b|\blist (?:them|the)\b",
    re.I,
)
_AMOUNT_ASKED = re.compile(
    r"多少(?!个|项|家|类|条|所|种)|金额|花了|花在|用在|用于|用途|资金|经费|预算|决算|得分|扣分|"
    r"执行率|完成|指标|问题|措施|原因|how much|spent|amount",
    re.I,
)
"""A question asking figures, a breakdown of money, scores or a section's points: answered by
its own readers, not as a list of names."""

Find = Callable[[int, int], object | None]


def asks_names(question: str) -> bool:
    """The question asks which things (names), not an amount or a section's points."""
    return bool(_ASKS_NAMES.search(question)) and not _AMOUNT_ASKED.search(question)


def names_lead(
    whose: str, quoted: Sequence[tuple[str, int, str]], text: str, find: Find, mark: Callable
) -> str | None:
    """ "某局2023年度：A、B、C、D（4个）[1]。" from the first quote (its text, its start in the
    report text, its marker) that enumerates names, or whose line opens a numbered list of
    them; None when no quote names things."""
    for shown, start, marker in quoted:
        points = section_points(text, start) or _sibling_points(text, start)
        found = [find(p.start, p.end) for p in points]
        if points and all(f is not None for f in found):
            marks = "".join(dict.fromkeys(mark(f) for f in found))
            listed = "；".join(f"{p.number}.{p.title}" for p in points)
            return f"{whose}：共{len(points)}项{marks}（按原文所列：{listed}）。"
        items = [] if "\n" in shown.strip() else list_items(shown)
        if items:
            stated = _stated_count(shown, items)
            count = stated or f"共{len(items)}项，按原文所列"
            return f"{whose}：{'、'.join(items)}（{count}）{marker}。"
    return None


def _sibling_points(text: str, start: int) -> list:
    """The points of the list a quoted point belongs to ("（一）某某项目：…" quoted), read from
    the heading line right above the first of them."""
    line = text.rfind("\n", 0, start) + 1
    if not _POINT_OPENS.match(text, line):
        return []
    while line > 0:
        above = text.rfind("\n", 0, line - 1) + 1
        if not _POINT_OPENS.match(text, above):
            return section_points(text, above)
        line = above
    return []


_POINT_OPENS = re.compile(
    r"\s*(?:\d{1,2}\s*[.、．]|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)])"
)


def _stated_count(shown: str, items: list[str]) -> str:
    """The count the report states right after its list ("…畜牧水产股4个职能部门" → 4个), ""
    when it states none there or one that disagrees with the names listed."""
    last = shown.find(items[-1])
    if last < 0:
        return ""
    after = shown[last + len(items[-1]) : last + len(items[-1]) + 12]
    figures = [q for q in find_quantities(after) if q.unit and not q.is_money and q.unit != "%"]
    if not figures or figures[0].start > 2 or figures[0].value != len(items):
        return ""
    return figures[0].raw
