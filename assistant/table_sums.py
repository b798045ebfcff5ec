"""A quoted table row's table checked against its own total row: the rows of each money column
must add up to the 合计/总计 row, every figure taken at the precision it is written with.

Sub-rows are not counted twice: a row labelled "其中…", the run of rows right after a row
whose value they add up to (公务用车购置及运行费 over 购置费 and 运行费), and the run of rows
right before a row that closes them with their sum (购置费, 运行费, then 购置及运行费), are
parts of that row. A column whose rows disagree with the total is shown as a
calculation citing the quoted row's passage and the total row, and becomes a warning: a report
that contradicts itself must never be read as if it did not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from assistant.answer import Passage
from assistant.compose import Citations, Finding, who
from assistant.rates import RateCheck
from assistant.statements import column_family, label_of, same_label, statements
from assistant.tables import caption_unit, header_rows, merged_header
from index.models import Report
from index.numbers import MONEY_FACTORS

FindPassage = Callable[[str, int, int], Passage | None]

# a total row: 合计/总计 alone, or closing the name of what it totals ("“三公”经费合计")
_TOTAL = re.compile(r"^\s*(\S{0,12}?合\s*计|总\s*计|总\s*额|共\s*计)\s*$")
_SUBTOTAL = re.compile(r"合计|小计|总计|共计")
_SUB_ROW = re.compile(r"^\s*(其中|含)")
_VALUE = re.compile(r"^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^-?\d+(?:\.\d+)?$")
_EMPTY = ("", "—", "-", "–", "/", "无")
_AMOUNT_COLUMN = re.compile(r"金额|数额|合计|小计")


def check(
    report: Report,
    findings: Sequence[Finding],
    text: str,
    cites: Citations,
    find: FindPassage,
) -> list[RateCheck]:
    """For each quoted table row, the money columns of its table whose rows miss the total."""
    out: list[RateCheck] = []
    seen: set[int] = set()
    for finding in findings:
        if not finding.unit.is_row:
            continue
        block = _table(text, finding.unit.start)
        if block is None or block[0] in seen:
            continue
        seen.add(block[0])
        out += _columns(report, finding, block[1], text, cites, find)
    return out


def _table(text: str, pos: int) -> tuple[int, list[tuple[int, str]]] | None:
    """(start, [(line start, line)]) of the tab-separated block holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    while start > 0:
        before = text.rfind("\n", 0, start - 1) + 1
        if "\t" not in text[before : start - 1]:
            break
        start = before
    lines: list[tuple[int, str]] = []
    at = start
    while at < len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[at:end]
        if "\t" not in line:
            break
        lines.append((at, line))
        at = end + 1
    return (start, lines) if len(lines) >= 3 else None


def _columns(
    report: Report,
    finding: Finding,
    lines: list[tuple[int, str]],
    text: str,
    cites: Citations,
    find: FindPassage,
) -> list[RateCheck]:
    first = lines[0][0]
    unit = caption_unit(text, first + len(lines[0][1]) + 1) or ""
    heads = header_rows(text, lines[-1][0])
    body = [(at, line.split("\t")) for at, line in lines if line not in heads]
    totals = [(at, cells) for at, cells in body if _TOTAL.match(cells[0])]
    if len(totals) != 1 or (body[-1][0] != totals[0][0] and body[0][0] != totals[0][0]):
        return []  # one total row, first or last: otherwise the table has sub-totals
    total_at, total_cells = totals[0]
    rows = [(at, cells) for at, cells in body if at != total_at]
    if any(_SUBTOTAL.search(cells[0]) for _, cells in rows) or any(
        _value(cells, col) is False for _, cells in rows for col in range(1, len(cells))
    ):
        return []  # sub-totals, or text columns (side-by-side label groups, 资金来源): not read
    names = merged_header(heads, len(total_cells))
    out = []
    for col, name in enumerate(names[1:], 1):
        if column_family(name) is None and not _AMOUNT_COLUMN.search(name):
            continue
        stated = _value(total_cells, col)
        values = [_value(cells, col) for _, cells in rows]
        numbers = [v for v in values if isinstance(v, Decimal)]
        if not isinstance(stated, Decimal) or not stated or len(numbers) < 2:
            continue
        labelled = [(cells[0], v) for (_, cells), v in zip(rows, values, strict=True)]
        slack = sum(_half_step(cells, col) for _, cells in rows) + _half_step(total_cells, col)
        # flat, without sub-rows listed under their row, without parts closed by their subtotal
        sums = [_sum(values), _sum(_top_level(labelled)), _sum(_closed_runs(labelled))]
        if any(abs(added - stated) <= slack for added in sums) or sums[0] >= 2 * stated - slack:
            continue  # agrees, or every part is counted at two levels
        added = sums[1]
        here = finding.passage
        there = find(report.id, total_at, total_at + len("\t".join(total_cells)))
        if there is None:
            continue
        a, b = cites.mark(here), cites.mark(there)
        shown = f"{added:,.{_decimals(total_cells[col])}f}".replace(",", "")
        what = f"“{name}”列" if name else "该列"
        line = (
            f"核对：表中各行{what}相加为{shown}{unit}（计算；来源{a}），"
            f"与合计行的{total_cells[col].strip()}{unit}{b}不一致。"
        )
        warning = (
            f"{who(report)}报告的表格中各行{what}相加为{shown}{unit}，"
            f"而合计行为{total_cells[col].strip()}{unit}{b}，请核对原文。"
        )
        out.append(RateCheck(line, warning))
    return out


def _sum(values: Sequence[Decimal | bool | None]) -> Decimal:
    return sum((v for v in values if isinstance(v, Decimal)), Decimal(0))


def _value(cells: list[str], col: int) -> Decimal | bool | None:
    """The cell's number; None for an empty cell; False for text (the column is not money)."""
    if col >= len(cells):
        return None
    cell = cells[col].strip()
    if cell in _EMPTY:
        return None
    if not _VALUE.match(cell):
        return False
    return Decimal(cell.replace(",", ""))


def _top_level(rows: list[tuple[str, Decimal | bool | None]]) -> list[Decimal | bool | None]:
    """The values of rows that are not parts of an earlier row."""
    kept: list[Decimal | bool | None] = []
    skip = 0
    for i, (label, value) in enumerate(rows):
        if skip:
            skip -= 1
            continue
        if _SUB_ROW.match(label):
            continue
        kept.append(value)
        if isinstance(value, Decimal):
            skip = _children(rows, i, value)
    return kept


def _children(rows: list[tuple[str, Decimal | bool | None]], i: int, value: Decimal) -> int:
    """How many rows right after row ``i`` add up to its value (0 when no run of two or more
    does)."""
    running = Decimal(0)
    for k, (_, v) in enumerate(rows[i + 1 :], 1):
        running += v if isinstance(v, Decimal) else 0
        if k >= 2 and running == value:
            return k
        if running > value:
            return 0
    return 0


def _closed_runs(rows: list[tuple[str, Decimal | bool | None]]) -> list[Decimal | bool | None]:
    """The values with every run of two or more rows that the next row adds up (a subtotal
    after its parts: a label joining them with 及/和/与/、 and sharing a word with each) counted
    once, as that row."""
    kept: list[tuple[str, Decimal | bool | None]] = []
    for label, value in rows:
        if isinstance(value, Decimal) and _JOINED.search(label):
            running = Decimal(0)
            for k in range(1, len(kept) + 1):
                part_label, part = kept[-k]
                if not isinstance(part, Decimal) or not _shares_word(label, part_label):
                    break
                running += part
                if k >= 2 and running == value:
                    kept = kept[:-k]
                    break
        kept.append((label, value))
    return [v for _, v in kept]


_JOINED = re.compile(r"及|和|与|、")


def _shares_word(a: str, b: str) -> bool:
    """Two labels share a two-character run (公务用车购置及运行维护费 and 公务用车购置费)."""
    return any(a[i : i + 2] in b for i in range(len(a) - 1))


def _half_step(cells: list[str], col: int) -> Decimal:
    if col >= len(cells) or not _VALUE.match(cells[col].strip()):
        return Decimal(0)
    return Decimal(1).scaleb(-_decimals(cells[col])) / 2


def _decimals(cell: str) -> int:
    cell = cell.strip()
    return len(cell.split(".")[1]) if "." in cell else 0


_SUM_WORDS = re.compile(r"加起来|相加|之和|加总|合计|总计|合起来|总数|add up|sum", re.I)
_CHECK_WORDS = re.compile(
    r"对得上|对不上|对不对|对吗|一致吗|是否一致|一致不|相符|吻合|等于|相等|符合|正确吗|没错|有没有错|"
    r"add up|match|equal|correct",
    re.I,
)


def asks_sum_check(question: str) -> bool:
    """ "合计数跟各项加起来对得上吗", "各项之和等于合计吗", "do the items add up to the total?"."""
    return bool(_SUM_WORDS.search(question) and _CHECK_WORDS.search(question))


def tables(text: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """Every tab-separated block of three or more lines: (start, [(line start, line)])."""
    out = []
    pos = 0
    while pos < len(text):
        at = text.find("\t", pos)
        if at < 0:
            break
        block = _table(text, at)
        line_end = text.find("\n", at)
        if block is None:
            pos = len(text) if line_end < 0 else line_end + 1
            continue
        out.append(block)
        last_at, last = block[1][-1]
        pos = last_at + len(last) + 1
    return out


def verify(
    report: Report,
    block: list[tuple[int, str]],
    text: str,
    cites: Citations,
    find: FindPassage,
) -> tuple[list[str], list[str]]:
    """(answer lines, warnings) checking each money column of a table against its total row,
    agreeing or not, every input cited; a row whose other statement in the report would make
    a disagreeing column add up is named."""
    first = block[0][0]
    unit = caption_unit(text, first + len(block[0][1]) + 1) or ""
    heads = header_rows(text, block[-1][0])
    body = [(at, line.split("\t")) for at, line in block if line not in heads]
    totals = [(at, cells) for at, cells in body if _TOTAL.match(cells[0])]
    if len(totals) != 1:
        return [], []
    total_at, total_cells = totals[0]
    rows = [(at, cells) for at, cells in body if at != total_at]
    names = merged_header(heads, len(total_cells))
    there = find(report.id, total_at, total_at + len("\t".join(total_cells)))
    if there is None or any(_SUBTOTAL.search(cells[0]) for _, cells in rows):
        return [], []
    marks = [cites.mark(there)]
    for at, cells in rows:
        passage = find(report.id, at, at + len("\t".join(cells)))
        if passage is not None:
            marks.append(cites.mark(passage))
    source = "".join(dict.fromkeys(marks))
    lines: list[str] = []
    warnings: list[str] = []
    for col, name in enumerate(names[1:], 1):
        # a column of amounts named by no qualifier ("本年支出合计", "金额") is read as check does
        family = column_family(name) or ("amount" if _AMOUNT_COLUMN.search(name) else None)
        stated = _value(total_cells, col)
        values = [_value(cells, col) for _, cells in rows]
        if family is None or not isinstance(stated, Decimal) or any(v is False for v in values):
            continue
        labelled = [(cells[0].strip(), v) for (_, cells), v in zip(rows, values, strict=True)]
        top = _top_level(labelled)
        parts = [v for v in top if isinstance(v, Decimal)]
        if len(parts) < 2:
            continue
        slack = sum(_half_step(cells, col) for _, cells in rows) + _half_step(total_cells, col)
        flat = _sum(values)
        added = flat if abs(flat - stated) <= slack else _sum(top)
        places = _decimals(total_cells[col])
        shown = f"{added:.{places}f}"
        terms = " + ".join(
            f"{v:.{places}f}" for v in (flat_parts(values, top, flat, stated, slack))
        )
        what = f"“{name}”列" if name else "该列"
        if abs(added - stated) <= slack:
            lines.append(
                f"{what}：各项 {terms} = {shown}{unit}（计算；来源{source}），"
                f"与合计行{total_cells[col].strip()}{unit}一致。"
            )
            continue
        gap = f"{abs(stated - added):.{places}f}"
        lines.append(
            f"{what}：各项 {terms} = {shown}{unit}（计算；来源{source}），"
            f"与合计行{total_cells[col].strip()}{unit}不一致，相差{gap}{unit}。"
        )
        warnings.append(
            f"{who(report)}报告的表格中{what}各项相加为{shown}{unit}，而合计行为"
            f"{total_cells[col].strip()}{unit}{cites.mark(there)}，对不上，请核对原文。"
        )
        lines += _restated_rows(report, labelled, family, stated, added, slack, unit, places,
                                text, cites, find)  # fmt: skip
    return lines, warnings


def flat_parts(
    values: Sequence[Decimal | bool | None],
    top: Sequence[Decimal | bool | None],
    flat: Decimal,
    stated: Decimal,
    slack: Decimal,
) -> list[Decimal]:
    """The addends shown: every row when they add up flat, else the top-level rows."""
    chosen = values if abs(flat - stated) <= slack else top
    return [v for v in chosen if isinstance(v, Decimal)]


def _restated_rows(
    report: Report,
    labelled: list[tuple[str, Decimal | bool | None]],
    family: str,
    stated: Decimal,
    added: Decimal,
    slack: Decimal,
    unit: str,
    places: int,
    text: str,
    cites: Citations,
    find: FindPassage,
) -> list[str]:
    """Rows the report states elsewhere with another amount that makes the column add up to
    its total: the likely slip is in that row."""
    out = []
    factor = MONEY_FACTORS.get(unit)
    if factor is None:
        return []
    for label, value in labelled:
        if not isinstance(value, Decimal):
            continue
        for st in statements(text):
            if st.table or st.family != family or not same_label(label_of(label), st.label):
                continue
            other = st.yuan / factor if st.yuan is not None else None
            if other is None or other == value:
                continue
            if abs(added - value + other - stated) <= slack:
                where = find(report.id, st.start, st.end)
                if where is None:
                    continue
                q = st.quantity
                written = q.raw if q.raw.endswith(q.unit) else f"{q.raw}{q.unit}"
                fixed = f"{added - value + other:.{places}f}"
                out.append(
                    f"正文另写“{st.label}”为{written}{cites.mark(where)}，与表中该行"
                    f"{value:.{places}f}{unit}不一致（前后不一致）；按正文数字计算各项之和为"
                    f"{fixed}{unit}，与合计行一致，表中该行数字可能有误。"
                )
                break
    return out
