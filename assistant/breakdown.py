"""Where an item's money went ("项目支出都花在哪了", "钱主要用在哪些方面", "what was it spent
on"): the item's total and the parts its report lists after it ("主要用于：A 215.40万元，B
186.35万元…", "主要支出项目：（1）A…；（2）B…").

Reports state the total in one sentence and the parts in the next, or list the parts as
numbered clauses split by "；": the answer quotes the whole list and leads with the total, so the
first part's amount is never shown as the item's.
"""

from __future__ import annotations

import re

from index.numbers import Quantity, find_quantities

_ASKS = re.compile(
    r"花在?(?:了)?哪|用[在于到]?(?:了)?(?:哪|什么)|花到(?:了)?哪|去哪|去向|用途|"
    r"(?:主要|都)(?:花|用)在?(?:了)?(?:哪|什么)|哪些(?:项目|方面|地方|用途|事)|"
    r"由哪些|构成|组成|明细|都有哪些|主要(?:是)?哪些|"
    r"\bspent on\b|\bwhere (?:did|does|was|were)\b.*\b(?:go|spent|used)\b|\bbreak ?down\b|"
    r"\bwhat (?:was|were) (?:it|they|the \w+) (?:spent|used) (?:on|for)\b|\bcomposition\b",
    re.I,
)
_NUMBERED = re.compile(r"^\s*(?:[（(]\d{1,2}[）)]|\d{1,2}[、.．](?!\d))")
_FIRST = re.compile(r"[（(]1[）)]|^\s*1[、.．](?!\d)")
_LIST_OPEN = re.compile(
    r"主要用于|用于[:：]|主要(?:支出)?项目[:：]|包括[:：]|其中[:：]|具体为|分别为"
)


def asks_breakdown(question: str) -> bool:
    """The question asks what an amount was spent on, not one figure."""
    return bool(_ASKS.search(question))


def list_end(text: str, start: int, end: int, limit: int) -> int:
    """The end of a numbered list the clause ``[start, end)`` opens ("（1）A…；（2）B…；（3）C…"):
    the following clauses that open with a list number, up to the sentence end and never past
    ``limit``."""
    if not _FIRST.search(text[start:end]):
        return end
    while end < limit and text[end - 1 : end] != "。":
        at = end + (text[end : end + 1] in ("；", ";", "，", ","))
        nxt = re.match(r"[^；;。\n]*[；;。]?", text[at:limit])
        if not nxt or not _NUMBERED.match(nxt.group(0)):
            break
        end = at + len(nxt.group(0))
    return end


def lists_parts(shown: str) -> bool:
    """The quote opens a list of parts with their amounts (two amounts at least)."""
    opened = _LIST_OPEN.search(shown)
    if opened is None:
        return False
    return sum(q.is_money for q in find_quantities(shown[opened.end() :])) >= 2


def item_total(text: str, term: str) -> tuple[int, int, Quantity] | None:
    """(sentence start, end, amount) of the first sentence that states ``term``'s own amount
    right after its name ("项目支出774.88万元，占…"), not a part's after a list word."""
    for match in re.finditer(re.escape(term), text):
        before = text[match.start() - 1 : match.start()]
        if re.match(r"[\u4e00-\u9fff]", before) and not re.match(r"[年的中]", before):
            continue  # the end of a longer item's name
        after = text[match.end() : match.end() + 12]
        glue = re.match(r"(?:决算数?|实际)?(?:支出)?(?:为|是|共|合计|达|：|:)?", after)
        rest = after[glue.end() :] if glue else after
        figures = find_quantities(rest)
        if not figures or figures[0].start != 0 or not figures[0].is_money:
            continue
        start = max(text.rfind(ch, 0, match.start()) for ch in "。\n；;") + 1
        stop = re.search(r"[。\n]", text[match.end() :])
        end = match.end() + (stop.end() if stop else len(text) - match.end())
        return start, end, figures[0]
    return None


_TOTAL_ASKED = re.compile(r"合计|总计|总额|总支出|总收入|一共|总共|in total|total")


def asks_total(question: str, label: str) -> bool:
    """A total is asked ("本年支出合计多少") or the lead states one (its label names it)."""
    return bool(_TOTAL_ASKED.search(question) or _TOTAL_ASKED.search(label))


def parts_sentence(text: str, figure: str) -> tuple[int, int] | None:
    """(start, end) of a sentence stating ``figure`` and then its parts ("本年支出合计3721.38万元，
    其中：基本支出…万元…"): what a question about the total is answered with in full."""
    for match in re.finditer(rf"(?<![\d.]){re.escape(figure)}", text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if "\t" in text[line_start : match.start()]:
            continue  # a table row
        after = re.match(r"[^。\n]*", text[match.end() :])
        tail = after.group(0) if after else ""
        if re.match(r"\d", tail) or not re.match(r"(?:亿元|万元|元)?[，,：:]?\s*其中", tail):
            continue
        if sum(q.is_money for q in find_quantities(tail)) < 1:
            continue
        start = max(text.rfind(ch, 0, match.start()) for ch in "。\n；;") + 1
        return start, match.end() + len(tail)
    return None
