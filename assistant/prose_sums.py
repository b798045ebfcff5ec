"""Totals written in prose checked against the parts the same text lists.

Two shapes: a sentence "X合计T，其中：A a；B b；C c" (the parts after 其中 against the amount
before it), and a list of numbered lines closed by "以上N个项目全年预算合计S1，实际支出合计S2"
(each line's amount of the same kind against the stated sum). The parts are judged only when
they are the whole of the total: one of them is a residual (其他…), they make up a split the
vocabulary knows to be complete (三公经费 = 因公出国（境）费 + 公务用车购置及运行维护费 +
公务接待费), or a list is closed by its own sum. A disagreement is shown as a calculation with
its sources and becomes a warning; an agreeing sum is said only when asked.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.answer import Passage
from assistant.compose import Citations, Finding, who
from assistant.evidence import match_text
from assistant.rates import RateCheck
from assistant.statements import family_before, label_of
from index.models import Report
from index.numbers import MONEY_FACTORS, Quantity, find_quantities

FindPassage = Callable[[str, int, int], Passage | None]

_SENTENCE_END = "。\n"
_PARTS_OPEN = re.compile(r"[，,；;]?\s*其中[：:，,]?")
_CHANGE_BEFORE = re.compile(r"上年|去年|同比|增加|减少|增长|下降|节约|超支|比预算|较预算")
_LIST_ITEM = re.compile(
    r"^\s*(?:\d{1,2}\s*[.、．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)"
)
_LIST_SUM = re.compile(r"^\s*(?:以上|上述)([一二三四五六七八九十两\d]{0,3})(?:个|项)?")
_LIST_SUBJECT = re.compile(
    r"^\s*(?:以上|上述)[^，,；;]*?(?=全年|年初|调整|预算|实际|决算|执行|支出|合计|共计|总计)"
)
_SUM_WORD = re.compile(r"(?:合计|共计|总计|累计|共)(?:为|是|达)?\s*$")
_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十", 0)} | {"两": 2}


@dataclass(frozen=True)
class Part:
    """One listed amount: its label, quantity and place in the report text."""

    label: str
    quantity: Quantity
    start: int

    @property
    def yuan(self) -> Decimal:
        return self.quantity.yuan or Decimal(0)

    @property
    def step(self) -> Decimal:
        if not self.quantity.value:
            return Decimal(0)  # "0万元": nothing, whatever the digits written
        return Decimal(1).scaleb(-self.quantity.decimals) * MONEY_FACTORS[self.quantity.unit]


@dataclass(frozen=True)
class Sum:
    """A stated total and the parts the text lists for it; ``whole`` when the parts are the
    whole of it (a residual among them, a known complete split, or a list closed by 以上…合计)."""

    total: Part
    parts: tuple[Part, ...]
    whole: bool
    start: int
    end: int

    @property
    def added(self) -> Decimal:
        return sum((p.yuan for p in self.parts), Decimal(0))

    @property
    def slack(self) -> Decimal:
        return (self.total.step + sum((p.step for p in self.parts), Decimal(0))) / 2

    @property
    def agrees(self) -> bool:
        """The parts give the total; a list that is not the whole of it is never judged: its
        sentence may go on to items of their own ("其中基本支出A，项目支出B，年末结转结余C")."""
        if not self.whole or abs(self.added - self.total.yuan) <= self.slack:
            return True
        running, slack = Decimal(0), self.total.step / 2
        for n, part in enumerate(self.parts[:-1], 1):  # the first parts make it, the rest
            running += part.yuan  # are items of their own ("…，其他收入B，年初结转C")
            slack += part.step / 2
            if n >= 2 and abs(running - self.total.yuan) <= slack:
                return True
        return False


def sums(text: str) -> tuple[Sum, ...]:
    """Every prose total of ``text`` with its listed parts (cached per text)."""
    return _sums(text)


@functools.lru_cache(maxsize=32)
def _sums(text: str) -> tuple[Sum, ...]:
    out: list[Sum] = []
    pos = 0
    lines = text.split("\n")
    starts = []
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    for n, line in enumerate(lines):
        if "\t" in line:
            continue
        out += _with_parts(line, starts[n])
        out += _closed_list(lines, starts, n)
    return tuple(out)


def _money(clause: str, base: int) -> list[Part]:
    """The labelled money amounts of ``clause`` that are this year's own (not a change, not
    inside brackets)."""
    out = []
    for q in find_quantities(clause):
        if not q.is_money or q.unit not in MONEY_FACTORS or q.yuan is None:
            continue
        before = clause[: q.start]
        if _CHANGE_BEFORE.search(before[-8:]) or before.count("（") > before.count("）"):
            continue
        out.append(Part(_label(before), q, base + q.start))
    return out


def _with_parts(line: str, at: int) -> list[Sum]:
    """ "支出T，其中：A a；B b": one sentence's total and the parts after its 其中."""
    out = []
    offset = 0
    for sentence in re.split(r"(?<=。)", line):
        opened = _PARTS_OPEN.search(sentence)
        if opened and "其中" not in sentence[opened.end() :]:
            head = _money(sentence[: opened.start()], at + offset)
            parts = [p for p in _money(sentence[opened.end() :], at + offset + opened.end())]
            if head and len(parts) >= 2 and all(p.label for p in parts):
                whole = _residual(parts) or _complete(head[-1].label, [p.label for p in parts])
                end = at + offset + len(sentence)
                out.append(Sum(head[-1], tuple(parts), whole, at + offset, end))
        offset += len(sentence)
    return out


def _closed_list(lines: list[str], starts: list[int], n: int) -> list[Sum]:
    """ "以上三个项目…合计S": the numbered lines right above, each line's amount of S's kind."""
    found = _LIST_SUM.match(lines[n])
    if not found:
        return []
    items = []
    k = n - 1
    while k >= 0 and _LIST_ITEM.match(lines[k]):
        items.insert(0, k)
        k -= 1
    count = _count(found.group(1))
    if len(items) < 2 or (count is not None and count != len(items)):
        return []
    out = []
    line, at = lines[n], starts[n]
    for total in _money(line, at):
        if not _SUM_WORD.search(line[max(0, total.start - at - 6) : total.start - at]):
            continue
        kind = family_before(line, total.start - at)
        parts = []
        for k in items:
            mine = [
                p
                for p in _money(lines[k], starts[k])
                if family_before(lines[k], p.start - starts[k]) == kind
            ]
            if not mine:
                break
            parts.append(mine[0])
        if len(parts) == len(items):
            clause = re.split(r"[，,；;]", line[: total.start - at])[-1]
            subject = _LIST_SUBJECT.match(line)
            head = subject.group().strip() if subject else found.group().strip()
            named = clause if head in clause else head + clause
            total = Part(re.sub(r"[为是达：:]+$", "", named), total.quantity, total.start)
            # the span is the closing line: a question about one listed line is not about it
            out.append(Sum(total, tuple(parts), True, at, at + len(line)))
    return out


def _count(word: str) -> int | None:
    if not word:
        return None
    if word.isdigit():
        return int(word)
    if word == "十":
        return 10
    if len(word) == 1:
        return _NUMERALS.get(word)
    if word.startswith("十"):
        return 10 + _NUMERALS.get(word[1], 0)
    return None


def _residual(parts: Sequence[Part]) -> bool:
    return any(p.label.startswith("其他") or p.label.startswith("其它") for p in parts)


@functools.cache
def _splits() -> tuple[tuple[str, tuple[str, ...]], ...]:
    from index import vocabulary

    found = vocabulary.vocabulary().get("complete_splits", {}).values()
    return tuple((split["whole"], tuple(split["parts"])) for split in found)


def _complete(total: str, labels: Sequence[str]) -> bool:
    """The parts are the whole of the total by definition (a split the vocabulary lists):
    every label names one of its parts and every part is named."""
    for whole, parts in _splits():
        if whole not in total or any(part in total for part in parts):
            continue
        named = [next((p for p in parts if p in label), None) for label in labels]
        if None not in named and set(named) == set(parts):
            return True
    return False


def _label(before: str) -> str:
    """The words naming an amount, back to the last clause mark, brackets dropped
    ("；因公出国（境）费" → 因公出国费)."""
    clause = re.split(r"[，。；;：:、,]", before)[-1]
    return label_of(re.sub(r"[（(][^）)]*[）)]", "", clause), longest=20)


def check(
    report: Report,
    findings: Sequence[Finding],
    text: str,
    cites: Citations,
    find: FindPassage,
) -> list[RateCheck]:
    """Each prose total a quoted finding states or lists a part of, whose parts do not add up
    to it."""
    out = []
    for found in sums(text):
        if found.agrees:
            continue
        if not any(found.start <= f.unit.end and f.unit.start < found.end for f in findings):
            continue
        told = _told(report, found, cites, find)
        out += [told] if told else []
    return out


def verify(
    report: Report, text: str, names: Sequence[str], cites: Citations, find: FindPassage
) -> tuple[list[str], list[str]]:
    """(lines, warnings) for a question checking a sum: every prose total whose sentence or
    list names one of ``names``, agreeing or not."""
    lines: list[str] = []
    warnings: list[str] = []
    for found in sums(text):
        words = match_text(text[found.start : found.end])
        if not any(match_text(n) in words for n in names) or (not found.whole and found.agrees):
            continue
        if found.agrees:
            marked = _sources(report, found, cites, find)
            if marked is None:
                continue
            unit = found.total.quantity.unit
            lines.append(
                f"“{found.total.label}”：各项（{unit}）{_terms(found)} = {_shown(found)}（计算；"
                f"来源{''.join(dict.fromkeys(marked))}），与所写{_written(found.total.quantity)}一致。"
            )
            continue
        told = _told(report, found, cites, find)
        if told:
            lines.append(told.line)
            warnings.append(told.warning)
    return lines, warnings


def _sources(
    report: Report, found: Sum, cites: Citations, find: FindPassage
) -> tuple[str, str] | None:
    """(the parts' citation marks, the total's mark): each amount's own passage, so a list
    whose lines and closing total fall in different chunks is still cited."""
    places = [find(report.id, p.start, p.start + len(p.quantity.raw)) for p in found.parts]
    there = find(report.id, found.total.start, found.total.start + len(found.total.quantity.raw))
    if there is None or None in places:
        return None
    parts = "".join(dict.fromkeys(cites.mark(p) for p in places if p is not None))
    return parts, cites.mark(there)


def _told(report: Report, found: Sum, cites: Citations, find: FindPassage) -> RateCheck | None:
    marked = _sources(report, found, cites, find)
    if marked is None:
        return None
    a, b = marked
    marks = "".join(dict.fromkeys((a, b)))
    unit = found.total.quantity.unit
    places = max(p.quantity.decimals for p in (found.total, *found.parts))
    gap = abs(found.added - found.total.yuan) / MONEY_FACTORS[unit]
    total = _written(found.total.quantity)
    line = (
        f"核对：所列各项（{unit}）{_terms(found)} = {_shown(found)}（计算；来源{marks}），与原文"
        f"所写“{found.total.label}”{total}{b}不一致，相差{gap:,.{places}f}（{unit}）。"
    )
    warning = (
        f"{who(report)}报告所列各项相加为{_shown(found)}（{unit}）{a}，而“{found.total.label}”"
        f"写为{total}{b}，前后不一致，请核对原文。"
    )
    return RateCheck(line, warning, found.total.quantity)


def _terms(found: Sum) -> str:
    """The parts in the total's unit, numbers only: the unit is named once before them."""
    factor = MONEY_FACTORS[found.total.quantity.unit]
    return " + ".join(
        p.quantity.raw.removesuffix(p.quantity.unit)
        if p.quantity.unit == found.total.quantity.unit
        else f"{p.yuan / factor:,.{found.total.quantity.decimals}f}"
        for p in found.parts
    )


def _shown(found: Sum) -> str:
    unit = found.total.quantity.unit
    places = max(p.quantity.decimals for p in (found.total, *found.parts))
    return f"{found.added / MONEY_FACTORS[unit]:,.{places}f}"


def _written(q: Quantity) -> str:
    return q.raw if q.raw.endswith(q.unit) else f"{q.raw}{q.unit}"
