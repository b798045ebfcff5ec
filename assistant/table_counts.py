"""Counting the rows of a table: "有几个项目", "列了多少个三级指标", and counts or lists of the
rows that pass a bound on one column ("金额100万元以上的项目有几个", "执行率低于90%的有哪些").

The table counted is one whose label column names the counted thing as a list does — a
"X名称" column (项目名称 → 项目) or the deepest level of an indicator hierarchy (三级指标,
also asked as 指标) — never a table whose first column is a generic "项目" (the lines of a
收支表 are not projects). Total rows (合计/小计/总分) and "其中" sub-rows are not counted;
a row of a merged upper level with an empty own label is not a row of the list. A bound is
applied to the list, row by row, in the column it names (预算/决算/执行数/执行率 …, read with
the table's caption unit); when it names none and the table has several money columns, each
is counted and shown, never one picked by guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from assistant.answer import Passage
from assistant.compose import Citations, who
from assistant.evidence import match_text, stacked_header
from assistant.tables import (
    asked_qualifier,
    caption_start,
    caption_unit,
    column_for,
    header_rows,
    label_start,
    level_columns,
    merged_header,
    tab_blocks,
    table_title,
)
from index.models import Report
from index.numbers import MONEY_FACTORS

FindPassage = Callable[[str, int, int], Passage | None]

_MEASURE = r"(?:个|项|条|家|所|类|种|位|名)"
_COUNT = re.compile(rf"几{_MEASURE}|多少{_MEASURE}|哪几{_MEASURE}?|(?:有|是|包括|为)哪些|数量")
"""A question counting (or listing) things: "几个项目", "多少个指标", "有哪些"."""
_LISTS = re.compile(r"哪些|哪几")
_NOUN_AFTER = re.compile(rf"(?:几|多少|哪几){_MEASURE}?([\u4e00-\u9fff]{{2,8}})")
_NOUN_BEFORE = re.compile(
    rf"([\u4e00-\u9fff]{{2,8}}?)(?:一共|总共|共计|共|合计|总计)?(?:有|是|列了?|包括)?"
    rf"(?:几|多少|哪几|哪些){_MEASURE}?"
)
_NARROWS = re.compile(r"^(?:其中|这些|这里面|里面|里头|当中|这当中|在这)")
_BOUND_HEAD = re.compile(r"^(?:亿元|万元|千元|元|亿|万)?(?:及?以上|及?以下|以内|之上|之下)?的?")
_BOUND_WORD = re.compile(r"(?:及?以上|及?以下|以内|之上|之下)$")
_TAIL = re.compile(r"(?:呢|吗|啊|呀|？|\?|。|表|里|中|内|的|了)+$")
_TOTAL = re.compile(r"^(?:合\s*计|总\s*计|小\s*计|共\s*计|总分|总\s*额)")
_SUB_ROW = re.compile(r"^其中[：:]")
_NAME_COLUMN = re.compile(r"^(.{1,6}?)(?:名称|内容)$")
_LEVEL_COLUMN = re.compile(r"^([一二三四五六])级(.{1,6})$")
_NUMBER_CELL = re.compile(r"^[-−]?[\d,]+(?:\.\d+)?\s*(%|％)?$")

_BOUND = re.compile(
    r"(?P<op1>超过|高于|大于|多于|不少于|不低于|不超过|不高于|达到|低于|少于|小于|不足|不到|在)?"
    r"\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>亿元|万元|千元|元|亿|万|%|％)"
    r"(?P<op2>及以上|以上|之上|及以下|以下|之下|以内)?"
)
_AT_LEAST = {"以上", "及以上", "之上", "不少于", "不低于", "达到"}
_MORE = {"超过", "高于", "大于", "多于"}
_AT_MOST = {"以下", "及以下", "之下", "以内", "不超过", "不高于"}
_LESS = {"低于", "少于", "小于", "不足", "不到"}
_UNIT_FACTOR = {"亿": MONEY_FACTORS["亿元"], "万": MONEY_FACTORS["万元"], **MONEY_FACTORS}


@dataclass(frozen=True)
class Bound:
    """A bound a question puts on a column: "100万元以上" is ≥ 100万元."""

    op: str  # ≥ > ≤ <
    value: Decimal  # in 元 for money, in % for a rate
    percent: bool
    written: str
    start: int
    question: str
    """The question (or earlier turn) that writes the bound: its words name the column."""

    def holds(self, value: Decimal) -> bool:
        return {
            "≥": value >= self.value,
            ">": value > self.value,
            "≤": value <= self.value,
            "<": value < self.value,
        }[self.op]


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[str]
    start: int
    end: int


@dataclass(frozen=True)
class Listed:
    """A table whose rows list the counted thing."""

    noun: str
    title: str
    names: list[str]
    rows: list[Row]
    money: str | None
    start: int


def asks_rows(question: str) -> bool:
    return bool(_COUNT.search(question))


def bounds_of(question: str) -> list[Bound]:
    """The bounds the question puts on figures ("100万元以上", "低于90%"); a number with no
    direction is no bound."""
    out = []
    for m in _BOUND.finditer(question):
        op_word = m.group("op2") or m.group("op1") or ""
        if m.group("op2") and m.group("op1") in _MORE | _LESS:
            op_word = m.group("op1")
        op = (
            "≥"
            if op_word in _AT_LEAST
            else ">"
            if op_word in _MORE
            else "≤"
            if op_word in _AT_MOST
            else "<"
            if op_word in _LESS
            else None
        )
        if op is None:
            continue
        unit = m.group("unit").replace("％", "%")
        number = Decimal(m.group("num"))
        percent = unit == "%"
        value = number if percent else number * _UNIT_FACTOR[unit]
        out.append(Bound(op, value, percent, m.group(0).strip(), m.start(), question))
    return out


def bound_of(question: str) -> Bound | None:
    """The first bound the question puts on a figure, None when it puts none."""
    found = bounds_of(question)
    return found[0] if found else None


def counted_nouns(question: str) -> list[str]:
    """The words a question counts ("有几个项目" → 项目; "三级指标有多少个" → 三级指标)."""
    text = match_text(question)
    found = []
    for m in [*_NOUN_AFTER.finditer(text), *_NOUN_BEFORE.finditer(text)]:
        word = m.group(1)
        if m.start(1) and re.match(r"[\d%％.]", text[m.start(1) - 1]):
            word = _BOUND_HEAD.sub("", word)  # "万元以上的项目": the bound's unit is not counted
        found.append(_BOUND_WORD.sub("", _TAIL.sub("", word)).rsplit("的", 1)[-1])
    return [f for f in found if len(f) >= 2]


def _row_nouns(names: list[str], column: int, depth: int) -> list[str]:
    """What the rows of a table are, read from its label column's header: 项目名称 → 项目,
    三级指标 → 三级指标 and 指标; [] for a generic label column."""
    name = names[column].rsplit("·", 1)[-1].strip() if column < len(names) else ""
    level = _LEVEL_COLUMN.match(name)
    if level and depth:
        return [name, level.group(2)]
    named = _NAME_COLUMN.match(name)
    if named:
        return [named.group(1)]
    return []


def listed_tables(text: str) -> list[Listed]:
    """Every table (a run of tab-separated rows, stacked tables apart) whose label column names
    what its rows are, with its rows other than totals and sub-rows."""
    out = []
    for block in tab_blocks(text):
        cuts = [0] + [
            i for i in range(1, len(block)) if stacked_header(block[i][1], block[i - 1][1])
        ]
        for lo, hi in zip(cuts, [*cuts[1:], len(block)], strict=True):
            part = block[lo:hi]
            if len(part) < 2:
                continue
            width = max(len(line.split("\t")) for _, line in part)
            heads = header_rows(text, part[-1][0])
            names = merged_header(heads, width)
            depth = level_columns(names)
            first = next((line for _, line in part if line not in heads), "")
            column = (
                depth if depth else label_start(names, (first.split("\t") + [""] * width)[:width])
            )
            nouns = _row_nouns(names, column, depth)
            if not nouns:
                continue
            rows = []
            for start, line in part:
                if line in heads:
                    continue
                cells = (line.split("\t") + [""] * width)[:width]
                label = cells[column].strip()
                lead = next((c.strip() for c in cells if c.strip()), "")
                if not label or _TOTAL.match(label) or _TOTAL.match(lead) or _SUB_ROW.match(label):
                    continue
                rows.append(Row(label, cells, start, start + len(line)))
            if not rows:
                continue
            title = _caption(table_title(text, part[0][0]))
            money = caption_unit(text, part[-1][0])
            for noun in nouns:
                out.append(Listed(noun, title, names, rows, money, part[0][0]))
    return out


_TABLE_NAME = re.compile(r"^(?:附?表\s*[\d一二三四五六七八九十]|.{2,40}表$)")
_UNIT_NOTE = re.compile(r"[（(]?\s*单位[:：]\s*[亿万千]?元\s*[）)]?")


def _caption(lines: str) -> str:
    """The table's own name among the short lines above it ("表3 项目支出明细表"), without a
    unit note; "" when none of them names a table."""
    names = [_UNIT_NOTE.sub("", line).strip() for line in lines.split("\n")]
    return next((n for n in reversed(names) if n and _TABLE_NAME.match(n)), "")


def _value(cell: str, name: str, money: str | None, percent: bool) -> Decimal | None:
    cell = cell.strip()
    m = _NUMBER_CELL.match(cell)
    if not m:
        return None
    try:
        number = Decimal(cell.rstrip("%％").replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None
    if percent:
        return number if m.group(1) else None
    if m.group(1):
        return None
    own = re.search(r"(亿元|万元|千元|元)", name)
    unit = own.group(1) if own else money
    return number * MONEY_FACTORS[unit] if unit else None


_NOT_MONEY = re.compile(r"率|比例|占比|分值|得分|权重|指标值|完成值|目标值|序号|人|数量|次")


def _columns(table: Listed, bound: Bound) -> list[int]:
    """The columns the bound applies to: the one the question names, else every column whose
    cells are all figures of the bound's kind."""
    before = bound.question[: bound.start]
    qualifier = asked_qualifier(before) or asked_qualifier(bound.question)
    named = column_for(table.names, qualifier) if qualifier else None
    if named is None:
        words = re.findall(r"[\u4e00-\u9fff]{2,}", before)
        tail = words[-1] if words else ""
        named = next(
            (i for i, n in enumerate(table.names) if i and tail and (tail[-2:] in n or n in tail)),
            None,
        )
    candidates = [named] if named is not None else range(1, len(table.names))
    out = []
    for i in candidates:
        name = table.names[i]
        if not bound.percent and _NOT_MONEY.search(re.sub(r"[（(].*?[）)]", "", name)):
            continue
        values = [_value(r.cells[i], name, table.money, bound.percent) for r in table.rows]
        if values and all(v is not None for v in values):
            out.append(i)
    return out


def _widened(passage: Passage, text: str, row_start: int) -> Passage:
    """A row's passage widened back to its table's unit caption, so the cited text shows the
    caption and the header row above the rows (still an exact span of the report)."""
    start = caption_start(text, row_start)
    if start is None or start >= passage.start:
        return passage
    return replace(
        passage,
        chunk_id=f"{passage.chunk_id}@{start}",
        text=text[start : passage.end],
        start=start,
        end=passage.end,
        header=None,
    )


def _marks(
    report: Report, rows: Sequence[Row], text: str, cites: Citations, find: FindPassage
) -> str | None:
    marks = []
    for row in rows:
        passage = find(report.id, row.start, row.end)
        if passage is None:
            return None
        marks.append(cites.mark(_widened(passage, text, row.start)))
    return "".join(dict.fromkeys(marks))


def _pick(tables: list[Listed], nouns: list[str], question: str) -> list[Listed]:
    """The tables listing the counted noun: the noun asked ends with the table's row noun
    (重点项目 → 项目) and the title names what the noun adds (重点); the most specific noun,
    then the title sharing most of the question."""
    asked = match_text(question)
    fits = [
        (t, n)
        for t in tables
        for n in nouns
        if n.endswith(t.noun) and n[: -len(t.noun)] in match_text(t.title)
    ]  # "审计项目" is not what a 项目支出情况表 lists unless its title says 审计
    if not fits:
        return []
    longest = max(len(t.noun) for t, _ in fits)
    fits = [(t, n) for t, n in fits if len(t.noun) == longest]

    def score(pair: tuple[Listed, str]) -> int:
        table, _noun = pair
        title = match_text(table.title)
        return sum(ch in title for ch in set(asked))

    best = max(score(p) for p in fits)
    chosen = list({id(t): t for t, n in fits if score((t, n)) == best}.values())
    return chosen


def answer_rows(
    question: str,
    report: Report,
    text: str,
    cites: Citations,
    find: FindPassage,
    nouns: Sequence[str] = (),
    within: str = "",
) -> list[str]:
    """The lines answering a count (or list) of a table's rows, [] when the question counts
    nothing a table of the report lists. ``nouns``: what a follow-up counts when it does not
    say ("其中500万以上的呢"); ``within``: the earlier turns whose bounds still apply."""
    nouns = counted_nouns(question) or counted_nouns(within) or list(nouns)
    if not nouns:
        return []
    chosen = _pick(listed_tables(text), nouns, f"{within}{question}")
    if not chosen or len(chosen) > 2:
        return []
    narrows = bool(within) and bool(_NARROWS.match(question))
    bounds = [*(bounds_of(within) if narrows else []), *bounds_of(question)]
    lines = []
    for table in chosen:
        found = _answer_table(table, question, bounds, report, text, cites, find)
        if found is None:
            return []
        lines.append(found)
    return lines


def _answer_table(
    table: Listed,
    question: str,
    bounds: Sequence[Bound],
    report: Report,
    text: str,
    cites: Citations,
    find: FindPassage,
) -> str | None:
    word = _measure(question)
    where = f"「{table.title}」" if table.title else "表中"
    unit = f"；单位：{table.money}" if table.money else ""
    if not bounds:
        marks = _marks(report, table.rows, text, cites, find)
        if marks is None:
            return None
        names = "、".join(r.label for r in table.rows)
        return (
            f"{who(report)}{where}列有{table.noun}{len(table.rows)}{word}{marks}"
            f"（按表中所列逐行计数，合计行不计：{names}）。"
        )
    columns = [_columns(table, b) for b in bounds]
    for i in range(1, len(columns)):  # "其中500万以上的呢": the column the last bound named
        if len(columns[i]) > 1 and len(columns[i - 1]) == 1 and columns[i - 1][0] in columns[i]:
            columns[i] = columns[i - 1]
    if not all(columns) or (len(bounds) > 1 and any(len(c) > 1 for c in columns)):
        return None  # a bound on no column, or several bounds one of which names none
    if len(bounds) == 1:
        tests = [[(bounds[0], col)] for col in columns[0]]  # each candidate column apart
    else:  # the tightest bound of each column and direction ("100万以上" then "其中500万以上")
        tighter: dict[tuple[int, bool], Bound] = {}
        for b, c in zip(bounds, columns, strict=True):
            key = (c[0], b.op in ("≥", ">"))
            old = tighter.get(key)
            if old is None or (b.value > old.value) == key[1]:
                tighter[key] = b
        tests = [[(b, col) for (col, _), b in tighter.items()]]
    parts = []
    for test in tests:
        kept = [r for r in table.rows if all(_holds(table, r, b, col) for b, col in test)]
        shown = [_cell_shown(table, r, col) for r in kept for _, col in test[-1:]]
        listed = "、".join(f"{r.label}（{v}）" for r, v in zip(kept, shown, strict=True))
        marks = _marks(report, kept or table.rows, text, cites, find)
        if marks is None:
            return None
        limit = "且".join(
            dict.fromkeys(f"{table.names[col]}{b.op}{_shown_bound(b)}" for b, col in test)
        )
        head = f"{limit}的{table.noun}{len(kept)}{word}{marks}"
        parts.append(f"{head}：{listed}" if kept else head)
    scope = f"（{where}共列{table.noun}{len(table.rows)}{word}，逐行比对{unit}）"
    if len(tests) > 1:
        note = "问题未说明按哪一列金额，各列分别计数："
        return f"{who(report)}{where}{note}" + "；".join(parts) + f"。{scope}"
    return f"{who(report)}：" + "；".join(parts) + f"。{scope}"


def _holds(table: Listed, row: Row, bound: Bound, col: int) -> bool:
    value = _value(row.cells[col], table.names[col], table.money, bound.percent)
    return value is not None and bound.holds(value)


def _cell_shown(table: Listed, row: Row, col: int) -> str:
    cell = row.cells[col].strip()
    if cell.endswith(("%", "％")) or re.search(r"元", table.names[col]):
        return cell
    return f"{cell}{table.money or ''}"


def _shown_bound(bound: Bound) -> str:
    """The bound's figure: "90%", "500万" (the table's unit follows in the scope note; a bound is
    the question's own figure, not an amount the report states)."""
    if bound.percent:
        return f"{bound.value.normalize():f}%"
    for unit, short in (("亿元", "亿"), ("万元", "万")):
        factor = MONEY_FACTORS[unit]
        if bound.value >= factor:
            return f"{(bound.value / factor).normalize():f}{short}"
    return f"{bound.value.normalize():f}元"


def _measure(question: str) -> str:
    found = re.search(rf"(?:几|多少|哪几)({_MEASURE})", question)
    return found.group(1) if found else "个"
