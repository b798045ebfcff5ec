"""Reading a table row as a statement: header names paired with cells, unit from the caption."""

from __future__ import annotations

import re

from assistant.evidence import Unit
from index.numbers import CAPTION_UNIT

_NUMERIC = re.compile(r"^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^-?\d+(?:\.\d+)?$")
_NOT_MONEY_COLUMN = re.compile(
    r"率|比例|占比|%|批|人次|次数|辆|人数|编制|分|得分|权重|指标值|完成值"
)


def caption_unit(report_text: str, row_start: int, max_lines: int = 60) -> str | None:
    """The money unit of the table a row belongs to ("单位：万元" above the table), if any.

    Only lines that are table rows or short caption lines may stand between the caption and the
    row, so a unit line of an earlier table is never borrowed."""
    lines = report_text[:row_start].split("\n")[:-1]
    for line in reversed(lines[-max_lines:]):
        match = CAPTION_UNIT.search(line)
        if match:
            return match.group(1)
        if "\t" not in line and len(line) > 40:
            return None
    return None


_LEVEL = re.compile(r"^[一二三四五六]级")


def _level_columns(header: list[str]) -> int:
    """How many leading columns are upper levels of a hierarchy ("一级指标", "二级指标" before
    "三级指标"): their cells repeat down the table (merged), so the row's own label is the
    deepest level, shown with its parents ("产出指标·数量指标·造林面积")."""
    names = [name.rsplit("\n", 1)[-1] for name in header]  # a caption line may lead the header
    n = 0
    while n + 1 < len(names) and _LEVEL.match(names[n]) and _LEVEL.match(names[n + 1]):
        n += 1
    return n


def row_statement(unit: Unit, money_unit: str | None) -> str:
    """ "公务接待费：预算数 9.00万元、决算数 7.88万元" from a row, its header and caption unit."""
    cells = unit.text.split("\t")
    header = (unit.header or "").split("\t")
    if len(header) != len(cells):
        return " | ".join(c for c in cells if c)
    levels = _level_columns(header)
    label = "·".join(c for c in dict.fromkeys(cells[: levels + 1]) if c) or cells[0]
    parts = []
    for name, cell in zip(header[levels + 1 :], cells[levels + 1 :], strict=True):
        if not cell:
            continue
        value = cell
        if money_unit and _NUMERIC.match(cell) and not _NOT_MONEY_COLUMN.search(name):
            value = f"{cell}{money_unit}"
        parts.append(f"{name} {value}" if name else value)
    return f"{label}：" + "、".join(parts) if parts else label
