"""The largest or smallest item of a list a report states ("哪个项目花钱最多")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant import derived
from assistant.answer import Passage
from assistant.compose import Citations, Finding
from assistant.statements import label_of, statements
from index.numbers import Quantity, find_quantities

_PARTS_FOLLOW = re.compile(r"其中|包括|如下|分别为|分别是|[：:]")


def extremes(
    question: str,
    text: str,
    findings: list[Finding],
    cites: Citations,
    retrieved: Sequence[Passage] = (),
    find: Callable[[int, int], Passage | None] | None = None,
) -> list[str]:
    """The largest/smallest item of a list: the sentence of the findings' passages (else
    of the report's other retrieved passages) that lists three or more amounts, the one
    naming the question's words most. ``text`` is the report's text; ``find(start, end)``
    the passage holding a span, for a numbered point in a chunk the search did not return."""
    if not derived.asks_extreme(question):
        return []
    every = statements(text)
    best: tuple[int, str, Passage] | None = None
    quoted = list(dict.fromkeys(f.passage for f in findings))
    for passage in [*quoted, *(p for p in retrieved if p not in quoted)]:
        if best is not None and passage not in quoted:
            break  # a list in the quotes wins over one in a passage not quoted
        for sentence in re.finditer(r"[^。\n]+", text[passage.start : passage.end]):
            start, end = passage.start + sentence.start(), passage.start + sentence.end()
            marker = _PARTS_FOLLOW.search(sentence.group())  # "支出X，其中：A、B；…" /
            if marker:  # "项目支出X，主要投向：A、B…": the whole before the marker is no item
                parts = marker.start()
                rest = sentence.group()[parts:]
                one = marker.group() == "其中"
                clause = re.match(r"[^；;]*", rest).group() if one else rest
                start, end = start + parts, start + parts + len(clause)
            items = [  # each item named in full ("市政道路及排水管网维护"), as the list writes it
                (label_of(text[max(0, st.start - 24) : st.start], 24) or st.label, st.quantity, "§")
                for st in every
                if start <= st.start < end and not st.table
            ]
            found = derived.extreme(question, items)
            hits = sum(ch in sentence.group() for ch in set(question))
            if found and (best is None or hits > best[0]):
                best = (hits, found, passage)
        pool = [*quoted, *retrieved]
        budget = "预算" in question
        for lead, items in _numbered_lists(text, passage, every, budget):
            held = [
                next((p for p in pool if p.start <= st.start < p.end), None)
                or (find(st.start, st.end) if find else None)  # a point in a chunk not retrieved
                for _, st in items
            ]
            if any(h is None for h in held):
                continue  # a point no retrieved passage holds cannot be cited
            marked = [(label, st.quantity, f"§{i}§") for i, (label, st) in enumerate(items)]
            found = derived.extreme(question, marked)
            hits = sum(ch in lead for ch in set(question))
            if found and (best is None or hits > best[0]):
                index = int(re.search(r"§(\d+)§", found).group(1))
                best = (hits, re.sub(r"§\d+§", "§", found), held[index])
    return [best[1].replace("§", cites.mark(best[2]))] if best else []


_NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}、)")


def _numbered_lists(
    text: str, passage: Passage, every: Sequence, budget_asked: bool = False
) -> list[tuple[str, list]]:
    """(the introducing line, its items) for each line of the passage ending in "：" that a
    numbered list of lines follows in the report ("主要项目如下：\n1. A项目6842.30万元，…\n2.
    B…"): each point's first amount as a statement (label, statement)."""
    out = []
    at = passage.start
    for line in text[passage.start : passage.end].split("\n"):
        end = at + len(line)
        if re.search(r"[：:]\s*$", line):
            items = _points_after(text, end + 1, every, budget_asked)
            if len(items) >= 2:
                out.append((line, items))
        at = end + 1
    return out


_PLAN = re.compile(r"预算|安排|计划")
_SPENT = re.compile(r"实际|决算|执行数|支出(?:为|了)?$|完成投资")


@dataclass(frozen=True)
class _Amount:
    """A point's amount: where it is written in the report text, and what it is."""

    start: int
    end: int
    quantity: Quantity


def _points_after(text: str, at: int, every: Sequence, budget_asked: bool = False) -> list:
    """(label, amount) of each numbered line from ``at`` on: the point's amount the report
    states first, or what it spent when it states its budget before ("1.某项目：预算96.00万元，
    实际支出93.84万元" → 93.84万元, unless a budget is asked), labelled by the point's name."""
    items = []
    while at < len(text):
        stop = text.find("\n", at)
        stop = len(text) if stop < 0 else stop
        line = text[at:stop]
        if line.strip():
            number = _NUMBERED.match(line)
            if not number:
                break
            money = [
                _Amount(at + q.start, at + q.end, q) for q in find_quantities(line) if q.is_money
            ]
            first = next(iter(money), None)
            spent = [a for a in money if _SPENT.search(text[max(at, a.start - 8) : a.start])]
            if (
                first is not None
                and spent
                and not budget_asked
                and _PLAN.search(text[max(at, first.start - 8) : first.start])
            ):  # "1.某项目：预算96.00万元，实际支出93.84万元": what it spent, not its budget
                first = spent[0]
            if first is not None:
                said = next((st for st in every if st.start == first.start), None)
                label = label_of(text[max(0, first.start - 24) : first.start], 24)
                label = label or (said.label if said else "")
                title = re.split(r"[：:，,。；;\d]", line[number.end() :])[0].strip()
                if (first is not money[0] or not label) and 2 <= len(title) <= 30:
                    label = title  # the point's name, not the words of its measure
                items.append((label, first))
        at = stop + 1
    return items
