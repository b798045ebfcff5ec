"""A form's label–value rows read as text.

A 项目支出绩效自评表 (in a sheet, a Word table or a PDF) opens with rows that pair a label
with its value ("项目名称 | X", "主管部门 | X | 实施单位 | Y") above its real header row
("项目资金（万元） | 年初预算数 | 全年预算数 | …"). Kept as table rows they would be read as
the table's header, naming every column after the project; read as text lines
("项目名称：X", "主管部门：X；实施单位：Y") they name the form's subject above the table,
and the header row below heads its figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.vocabulary import form_labels

_FIGURE = re.compile(r"-?\d[\d,]*(?:\.\d+)?%?")


def _bare(cell: str) -> str:
    return cell.strip().rstrip("：:").strip()


def label_value_line(row: Sequence[str]) -> str | None:
    """ "项目名称：X；实施单位：Y" when every non-empty cell of ``row`` (a merged cell's
    repeats counted once) is a known form label followed by its value; else None."""
    cells: list[str] = []
    for cell in row:
        cell = cell.strip()
        if cell and (not cells or cell != cells[-1]):
            cells.append(cell)
    labels = form_labels()
    pairs: list[str] = []
    i = 0
    while i < len(cells):
        label = _bare(cells[i])
        if label not in labels or i + 1 >= len(cells) or _bare(cells[i + 1]) in labels:
            return None
        pairs.append(f"{label}：{cells[i + 1]}")
        i += 2
    return "；".join(pairs) if pairs else None


def lift_label_rows(rows: list[tuple[str, ...]]) -> tuple[list[str], list[tuple[str, ...]]]:
    """(text lines, remaining rows): a table's leading label–value rows become text lines.
    A row right above figures is the table's header ("项目名称 | 金额"), never lifted."""
    lines: list[str] = []
    while (
        rows
        and not (len(rows) > 1 and any(_FIGURE.fullmatch(c.strip()) for c in rows[1]))
        and (line := label_value_line(rows[0])) is not None
    ):
        lines.append(line)
        rows = rows[1:]
    return lines, rows


_HEADER_UNIT = re.compile(r"[（(]\s*(?:单位[:：]\s*)?(亿元|万元|千元|元)\s*[）)]$")
"""A money unit closing a header's label cell: "项目资金（万元）"."""


def is_label_line(line: object) -> bool:
    """A text line made from a form's label–value row ("项目名称：X")."""
    if not isinstance(line, str) or "：" not in line:
        return False
    return line.split("：", 1)[0] in form_labels()


def form_unit_caption(before: Sequence[object], header: Sequence[str]) -> str | None:
    """ "单位：万元" for a form's table right under its label–value lines, when the table's
    label column writes the unit of the figures ("项目资金（万元） | 年初预算数 | …", or that
    label merged down the column and read as a line of its own above the table) and no
    other header cell writes a unit of its own."""
    if not before:
        return None
    label = None
    if is_label_line(before[-1]):
        cells = [c.strip() for c in header if c.strip()]
        label = cells[0] if len(cells) >= 2 else None
    elif len(before) >= 2 and is_label_line(before[-2]) and isinstance(before[-1], str):
        label = before[-1] if len(before[-1]) <= 16 else None
    found = _HEADER_UNIT.search(label) if label else None
    if not found or any(_HEADER_UNIT.search(c) for c in header if c.strip() != label):
        return None
    return f"单位：{found.group(1)}"
