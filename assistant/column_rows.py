"""The missing side of a two-column difference from the item's table row: when the quotes state
an item's figure under one of the asked columns but not the other ("全年项目支出543.32万元，执行
情况见下表" asked "比预算少了多少"), a table row of the same report that states that very figure
under an asked column ("合计 | 568.00 | 543.32") is the same item, and its other asked column
gives the other side. Nothing is computed unless the row repeats a quoted figure exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from assistant.answer import Passage
from assistant.column_pair import asked_columns, column_gaps, label_kind
from assistant.tables import caption_unit, header_rows, merged_header, tab_blocks
from index.numbers import find_quantities

_CELL = re.compile(r"^[-−]?[\d,]+(?:\.\d+)?$")


def row_gaps(
    question: str,
    quotes: Sequence[tuple[str, str]],
    text: str,
    find: Callable[[int, int], Passage | None],
    mark: Callable[[Passage], str],
) -> list[str]:
    """The asked columns' difference read from the table row repeating a quoted figure."""
    kinds = asked_columns(question)
    if len(kinds) < 2 or column_gaps(question, quotes):
        return []
    quoted = {
        (q.value, q.unit) for t, _ in quotes for q in find_quantities(t) if q.is_money and q.value
    }
    for block in tab_blocks(text):
        width = max(len(line.split("\t")) for _, line in block)
        for start, line in block:
            heads = header_rows(text, start)  # a form stacks tables: each row its own header
            if not heads or line in heads:
                continue
            names = merged_header(heads, width)
            columns = {i: label_kind(n.rsplit("·", 1)[-1]) for i, n in enumerate(names) if i}
            cells = (line.split("\t") + [""] * width)[:width]
            label = next((c.strip() for c in cells if c.strip()), "")
            figures = {
                i: cells[i].strip()
                for i, kind in columns.items()
                if kind and _CELL.match(cells[i].strip())
            }
            if not figures or _CELL.match(label):
                continue
            unit = caption_unit(text, start)
            anchors = [
                u
                for v in figures.values()
                for value, u in quoted
                if value == Decimal(v.replace(",", "").replace("−", "-"))
                and (unit is None or u == unit)
            ]
            if not anchors:
                continue
            cell_unit = unit or anchors[0]
            shown = "、".join(
                f"{names[i].rsplit('·', 1)[-1]} {v}{cell_unit}" for i, v in figures.items()
            )
            passage = find(start, start + len(line))
            if passage is None:
                continue
            lines = column_gaps(question, [(f"{label}：{shown}", mark(passage))])
            if lines:
                return lines
    return []
