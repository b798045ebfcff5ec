"""Spreadsheets (.xlsx/.xlsm with openpyxl, .xls with xlrd): every sheet as captions and tables.

Why openpyxl + xlrd and not python-calamine: calamine reads values 20× faster but does not
expose number formats, so a rate stored as 0.9756 with a "0.00%" format would be shown as
0.9756 instead of 97.56% — a wrong-looking figure. Report workbooks are small (measured in the
README), so correctness of the shown figure wins.

Each sheet becomes: a line "工作表：<name>" (a section heading), its title / "单位：万元" rows as
caption lines, and its tabular regions as tables. Merged cells are expanded to every cell they
cover; a header row starts a table (two header rows with grouped cells are combined into one,
"预算数·基本支出"); a column that only repeats its left neighbour (a horizontal merge) and
empty rows and columns are dropped; numbers are shown as the cell's format displays them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from index.loaders.celltables import is_caption, is_numeric_cell
from index.models import SHEET_PREFIX, Block

_UNIT_NOTE = re.compile(r"(?:^|[（(\s])(?:金额|计量|货币)?单位 ?[:：] ?[万亿千百]?元")
_LABEL_FIELD = re.compile(r"^[^：:]{1,12}[：:]\s*\S")  # "填报单位（盖章）：长葛市卫生健康委员会"
_MAX_HEADER_CELL = 24
_Grid = list[list[str]]


@dataclass(frozen=True)
class Sheet:
    """One worksheet as display strings, merged cells already expanded."""

    name: str
    grid: _Grid


def xlsx_blocks(data: bytes) -> list[Block]:
    """Blocks of every sheet of an .xlsx/.xlsm workbook."""
    import openpyxl  # a slow import, only when a workbook is read

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    sheets = []
    for ws in book.worksheets:
        grid = [
            [_display(cell.value, cell.number_format) for cell in row]
            for row in ws.iter_rows(max_row=ws.max_row, max_col=ws.max_column)
        ]
        merges = [
            (m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1)
            for m in ws.merged_cells.ranges
        ]
        sheets.append(Sheet(ws.title, _expand(grid, merges)))
    return sheets_blocks(sheets)


def xls_blocks(data: bytes) -> list[Block]:
    """Blocks of every sheet of an old .xls workbook (xlrd, with formats for display)."""
    import xlrd

    book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    sheets = []
    for sh in book.sheets():
        grid = []
        for r in range(sh.nrows):
            row = []
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key)
                value = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    value = None
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(value)
                row.append(_display(value, fmt.format_str if fmt else "General"))
            grid.append(row)
        merges = [(r0, r1 - 1, c0, c1 - 1) for r0, r1, c0, c1 in sh.merged_cells]
        sheets.append(Sheet(sh.name, _expand(grid, merges)))
    return sheets_blocks(sheets)


def sheets_blocks(sheets: Iterable[Sheet]) -> list[Block]:
    """Caption lines and tables of each sheet, in sheet order (empty sheets are skipped)."""
    blocks: list[Block] = []
    for sheet in sheets:
        grid = _drop_empty(sheet.grid)
        if grid:
            blocks.append(Block.paragraph(f"{SHEET_PREFIX}{sheet.name.strip()}"))
            blocks.extend(_sheet_blocks(grid))
    return blocks


# -- cell display -------------------------------------------------------------------------


def _display(value: object, fmt: str | None) -> str:
    """A cell as the spreadsheet shows it: numbers through their number format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime | dt.date):
        if isinstance(value, dt.datetime) and value.time() != dt.time():
            return value.strftime("%Y-%m-%d %H:%M")
        return value.strftime("%Y-%m-%d")
    if isinstance(value, int | float):
        return format_number(float(value), fmt or "General")
    return " ".join(str(value).split())


def format_number(value: float, fmt: str) -> str:
    """``value`` rendered with an Excel number format's first section: decimals, thousands
    separators, percent and literal text ("0.00%", "#,##0.00", '0.0"万元"'); General
    prints the shortest exact form."""
    section = fmt.split(";")[0] if value >= 0 or ";" not in fmt else fmt.split(";")[1]
    literal = "".join(re.findall(r'"([^"]*)"', section))
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|[_\\*].|[?]', "", section)
    if not re.search(r"[0#]", code) or code.strip().lower() == "general":
        return _general(value) + literal
    percent = "%" in code
    shown = value * 100 if percent else value
    number = code.split("%")[0]
    decimals = len(re.match(r"[0#]*", number.split(".")[1]).group()) if "." in number else 0
    grouped = "," in number.split(".")[0]
    text = f"{abs(shown):,.{decimals}f}" if grouped else f"{abs(shown):.{decimals}f}"
    if shown < 0:  # own negative section: its "-" or "( )"; else Excel puts a minus sign
        head = code.split("0")[0].split("#")[0]
        own = ";" in fmt
        if own and "(" in head:
            text = f"({text})"
        elif not own or "-" in head:
            text = f"-{text}"
    prefix = literal if section.find('"') == 0 else ""
    suffix = literal if not prefix else ""
    return f"{prefix}{text}{'%' if percent else ''}{suffix}"


def _general(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


# -- grid shaping ---------------------------------------------------------------------------


def _expand(grid: _Grid, merges: Iterable[tuple[int, int, int, int]]) -> _Grid:
    """Copy each merged range's top-left value into every cell it covers."""
    for r0, r1, c0, c1 in merges:
        if r0 >= len(grid):
            continue
        value = grid[r0][c0] if c0 < len(grid[r0]) else ""
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            row = grid[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                row[c] = value
    return grid


def _drop_empty(grid: _Grid) -> _Grid:
    """Without all-empty rows and all-empty columns."""
    rows = [row for row in grid if any(row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    keep = [c for c in range(width) if any(row[c] for row in rows)]
    return [[row[c] for c in keep] for row in rows]


def _distinct(row: Sequence[str]) -> list[str]:
    """Non-empty values in order, each once (merged cells repeat a value)."""
    out: list[str] = []
    for cell in row:
        if cell and cell not in out:
            out.append(cell)
    return out


def _is_caption_row(row: Sequence[str]) -> bool:
    """A title, "（2024年度）", a "单位：万元" note or "填报单位：…" fields: no table content."""
    values = _distinct(row)
    if len(values) == 1:
        return True
    return all((is_caption(v) or _LABEL_FIELD.match(v)) and not is_numeric_cell(v) for v in values)


def _has_number(row: Sequence[str]) -> bool:
    return any(is_numeric_cell(cell) for cell in row if cell)


def _header_like(row: Sequence[str]) -> bool:
    values = _distinct(row)
    return (
        len(values) >= 2
        and not _has_number(row)
        and all(len(v) <= _MAX_HEADER_CELL and "：" not in v for v in values)
    )


def _grouped(upper: Sequence[str], lower: Sequence[str]) -> bool:
    """Two header rows read as one two-level header: some label spans both rows (a vertical
    merge) and some upper label spans several lower labels (a horizontal merge)."""
    shared = any(u and u == lo for u, lo in zip(upper, lower, strict=False))
    spans = any(
        upper[c] and upper[c] == upper[c + 1] and lower[c] != lower[c + 1]
        for c in range(len(upper) - 1)
    )
    return shared and spans


def _combine(upper: Sequence[str], lower: Sequence[str]) -> list[str]:
    return [
        lo if u == lo or not u else (u if not lo else f"{u}·{lo}")
        for u, lo in zip(upper, lower, strict=False)
    ]


def _sheet_blocks(grid: _Grid) -> list[Block]:
    """Caption rows as lines; the rows between them as tables, a new table at each header.
    The sheet's unit note is repeated before each later table of the sheet it applies to."""
    blocks: list[Block] = []
    unit: str | None = None
    table: list[list[str]] = []
    header_width = 0

    def flush() -> None:
        if not table:
            return
        rows, labels = _lift_constant_columns(_tidy(table))
        before = blocks[-1] if blocks else None
        numeric = any(_has_number(row) for row in rows[1:])
        repeat = unit and numeric and not (before and _UNIT_NOTE.search(before.text))
        blocks.extend(Block.paragraph(text) for text in ([unit] if repeat else []) + labels)
        blocks.append(Block.table(rows))
        table.clear()

    r = 0
    while r < len(grid):
        row = grid[r]
        if _is_caption_row(row):
            flush()
            for value in _distinct(row):
                blocks.append(Block.paragraph(value))
                if _UNIT_NOTE.search(value) and len(value) <= 20:
                    unit = value
            r += 1
            continue
        nxt = grid[r + 1] if r + 1 < len(grid) else None
        after = grid[r + 2] if r + 2 < len(grid) else None
        two_level = (
            nxt is not None
            and _header_like(row)
            and _header_like(nxt)
            and _grouped(row, nxt)
            and (after is None or _has_number(after))
        )
        if two_level and nxt is not None:
            flush()
            table.append(_combine(row, nxt))
            header_width = len(_distinct(table[0]))
            r += 2
            continue
        new_width = len(_distinct(row))
        if (
            _header_like(row)
            and nxt is not None
            and _has_number(nxt)
            and (not header_width or new_width > header_width)
        ):
            flush()
            table.append(list(row))
            header_width = len(_distinct(row))
            r += 1
            continue
        if table and not _has_number(row) and len(_distinct(row)) * 2 <= header_width:
            flush()  # a form row (a label and its text) ends the table above it
            header_width = 0
        table.append(list(row))
        r += 1
    flush()
    return blocks


def _tidy(rows: list[list[str]]) -> list[list[str]]:
    """Drop columns empty in every row, or repeating their left neighbour in every row."""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    keep = [
        c
        for c in range(width)
        if any(row[c] for row in rows) and not (c and all(row[c] == row[c - 1] for row in rows))
    ]
    return [[row[c] for c in keep] for row in rows]


def _lift_constant_columns(rows: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """A column holding one value in every row of a table of three rows or more (a label
    merged down the whole table, "项目资金（万元）") says nothing per row: it becomes a caption
    line above the table, so each row starts with its own label."""
    if len(rows) < 3 or len(rows[0]) < 3:
        return rows, []
    constant = [
        c for c in range(len(rows[0])) if rows[0][c] and all(r[c] == rows[0][c] for r in rows)
    ]
    if len(constant) >= len(rows[0]) - 1:
        return rows, []
    labels = [rows[0][c] for c in constant]
    return [[cell for c, cell in enumerate(row) if c not in constant] for row in rows], labels
