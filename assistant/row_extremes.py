"""The largest or smallest row of a report's table for the measure a question names.

"哪项支出的执行率最低", "哪个指标扣分最多", "哪个项目决算数最大": the table whose header names the
measure (扣分 is 分值 − 得分), the one whose text shares most words with the question when
several do; its rows other than totals, three at least, compared in the column's own unit.
Rows tied at the extreme are all named.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from assistant import derived
from assistant.answer import Passage
from assistant.compose import Citations
from assistant.tables import (
    asked_qualifier,
    caption_unit,
    cell_text,
    column_for,
    column_named,
    header_rows,
    level_columns,
    merged_header,
    tab_blocks,
)
from index.models import Report
from index.numbers import find_quantities

FindPassage = Callable[[str, int, int], Passage | None]

_DEDUCTED = re.compile(r"扣分|扣了|失分|丢分|被扣")
_TOTAL_ROW = re.compile(r"^(?:合\s*计|总\s*计|小\s*计|总分|支出合计|收入合计)")
_FIGURE = re.compile(r"^[-−]?[\d,]+(?:\.\d+)?\s*(?:%|％|万元|元|分)?$")
_NAME_COLUMN = re.compile(r"名称$")
"""A column naming its rows ("项目名称", "单位名称"), whatever label columns follow it."""
_LEAST = re.compile(r"最少|最小|最低|最差")
_MIN_ROWS = 2


@dataclass(frozen=True)
class _Row:
    label: str
    value: Decimal
    shown: str
    start: int
    end: int
    others: str = ""
    """The row's other figures with their headers ("目标值 ≥95%、完成值 91.4%")."""


def _column(name: str) -> str:
    return name.rsplit("·", 1)[-1]


def row_extremes(
    question: str, report: Report, text: str, cites: Citations, find: FindPassage
) -> list[str]:
    """ "表中N项中最低的是A（执行率 90.83%）[n]" for the table and column the question names;
    [] when it asks no extreme, or no table has that column over three rows or more."""
    if not derived.asks_extreme(question):
        return []
    best: tuple[int, str, list[_Row]] | None = None
    for block in tab_blocks(text):
        found = _rows(question, text, block)
        if found is None:
            continue
        name, rows = found
        hits = sum(ch in "".join(line for _, line in block) for ch in set(question))
        if best is None or hits > best[0]:
            best = (hits, name, rows)
    if best is None:
        return []
    _, name, rows = best
    least = bool(_LEAST.search(question))
    target = min(r.value for r in rows) if least else max(r.value for r in rows)
    picked = [r for r in rows if r.value == target]
    marks = []
    for row in picked:
        passage = find(report.id, row.start, row.end)
        if passage is None:
            return []
        said = f"{row.others}；" if row.others else ""
        marks.append(f"{row.label}（{said}{name} {row.shown}）{cites.mark(passage)}")
    word = "最低" if least else "最高"
    if _DEDUCTED.search(question):
        word = "扣分最少" if least else "扣分最多"
    return [f"表中{len(rows)}项中{word}的是{'、'.join(marks)}"]


def _rows(question: str, text: str, block: list[tuple[int, str]]) -> tuple[str, list[_Row]] | None:
    """(the measure's name, the block's rows with their value) when the header names the
    asked measure, else None."""
    if len(block) < _MIN_ROWS + 1:
        return None
    width = max(len(line.split("\t")) for _, line in block)
    heads = header_rows(text, block[-1][0])
    names = merged_header(heads, width)
    deducted = bool(_DEDUCTED.search(question))
    if deducted:
        full = next((i for i, n in enumerate(names) if i and "分值" in n), None)
        got = next((i for i, n in enumerate(names) if i and "得分" in n), None)
        if full is None or got is None:
            return None
        columns, name = (full, got), "扣分"
    else:
        col = column_named(names, question)
        if col is not None and col <= level_columns(names):
            col = None  # "哪个三级指标得分最低": 三级指标 names the rows, not the measure
        if col is None:
            col = column_for(names, asked_qualifier(question))
        if col is None:
            return None
        columns, name = (col,), names[col].rsplit("·", 1)[-1]
    depth = level_columns(names)
    money = caption_unit(text, block[-1][0])
    rows: list[_Row] = []
    units: set[str] = set()
    for start, line in block:
        if line in heads:
            continue
        cells = (line.split("\t") + [""] * width)[:width]
        named = next((i for i in range(min(columns)) if _NAME_COLUMN.search(names[i])), None)
        label = next(
            (
                c.strip()
                for c in reversed(cells[: min(columns) if depth == 0 else depth + 1])
                if c.strip().strip("—–-/／") and not _FIGURE.match(c.strip())
            ),
            "",
        )  # a dash fills an empty cell ("合计 | — | — | 100 | 96.6"): no label
        if depth == 0 and named is not None and cells[named].strip():
            label = cells[named].strip()  # "项目名称" beside 资金来源: the row is the project
        values = [cells[i].strip() for i in columns]
        total = _TOTAL_ROW.match(label) or _TOTAL_ROW.match(cells[0].strip())
        if not label or total or not all(_FIGURE.match(v) for v in values):
            continue
        quantities = [find_quantities(v) for v in values]
        if not all(quantities):
            continue
        units |= {q[0].unit for q in quantities}
        if deducted:
            value = quantities[0][0].value - quantities[1][0].value
            shown = f"{values[0]} − {values[1]} = {value.normalize():f}分"
        else:  # the cell with its unit ("862.00万元" under "单位：万元")
            value = quantities[0][0].value
            shown = cell_text(names[columns[0]], values[0], money, cells[0])
        first = depth + 1  # after the label column(s)
        others = "、".join(
            f"{_column(names[i])} {cell_text(names[i], cells[i].strip(), money, cells[0])}"
            for i in range(first, width)
            if i not in columns
            and cells[i].strip()
            and _FIGURE.match(cells[i].strip().lstrip("≥≤<>"))
        )
        rows.append(_Row(label, value, shown, start, start + len(line), others))
    if len(rows) < _MIN_ROWS or len(units) > 1:
        return None
    return name, rows
