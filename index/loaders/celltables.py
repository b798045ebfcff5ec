"""Tables that a Word "save as plain text" export wrote one cell per paragraph (or that were
flattened to one pipe-closed cell per line, "项目支出 |", or to one bare cell per line).

Such an export puts every cell of a table on a line of its own, with one blank line between
two cells and two more blank lines for every empty cell, right after the table's caption
("收支决算情况表（单位：元）", "……绩效评价指标表"). Nothing marks where a row ends, so the
column count is inferred: the cells are cut into rows of n for n = 2..9 and the n whose columns
are each consistently numeric or consistently text wins, provided the header row holds no
numbers. A run that no column count explains clearly stays as paragraphs: a wrong table is
worse than none.

``find_cell_tables(lines)`` works on the loader's lines (blank lines included) and says which
line ranges to replace by which table; the caption line itself stays a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

MAX_CELL_CHARS = 30
"""A cell longer than this is prose: it ends the run."""
MIN_COLUMNS, MAX_COLUMNS = 2, 9
MIN_DATA_ROWS = 2
MIN_CONSISTENCY = 0.9
"""Share of the informative data cells whose type (number / text) matches their column's."""
MIN_COLUMN_CONSISTENCY = 0.7
"""No single column may be more mixed than this, whatever the overall share."""

_PAGE_MARK = "\f"  # the loader's page-break line (text.PAGE_BREAK; not imported: no cycle)
_DASH = "-—–－―~～"
_PAGE_NUMBER = re.compile(
    rf"[{_DASH}]+ ?\d{{1,4}} ?[{_DASH}]+"
    r"|第 ?\d{1,4} ?页(?: ?[,，/]? ?共 ?\d{1,4} ?页)?"
    r"|共 ?\d{1,4} ?页 ?[,，]? ?第 ?\d{1,4} ?页"
)
_CONTINUED = re.compile(r"[（(]?续(?:表 ?[\d一二三四五六七八九十]*)?[）)]?")
_SENTENCE = re.compile(r"[。；;！？]")
_HEADING = re.compile(
    r"[一二三四五六七八九十百]+[、.．]"
    r"|[（(][一二三四五六七八九十百\d]{1,3}[）)]"
    r"|第[一二三四五六七八九十百\d]{1,3}[章节部分条]"
    r"|\d{1,2}(?:、|[.．](?!\d))"
)
_CAPTION_END = re.compile(r"表 ?(?:[（(][^（()）]{0,20}[）)])? ?[:：]?$")
_UNIT_NOTE = re.compile(r"(?:^|[（(\s])(?:金额|计量|货币)?单位 ?[:：]")  # not "填报单位："
_TABLE_NUMBER = re.compile(r"(?:附|续)?表 ?[\d一二三四五六七八九十]+")
_MAX_CAPTION_CHARS = 60

_NUMBER = r"\d[\d,，]*(?:\.\d+)?"
_UNITS = (
    "万元|亿元|元|万人次|人次|万人|人|次|个|家|所|张|台|套|辆|户|天|小时|项|件|份|批|分|岁"
    "|公里|千米|平方米|米|吨|亩|盏|床|座|条|处|间|场|期|篇|册|部"
)
_NUMERIC = re.compile(
    rf"[≥≤＞＜><=≈±+\-−]? ?{_NUMBER}(?: ?[-~～—至] ?{_NUMBER})?"
    rf"(?: ?[%‰]|(?: ?/ ?{_NUMBER})? ?[万亿千]?(?:{_UNITS})?)"
)
_PLACEHOLDER = re.compile(r"[-—–－―/／\\…]+|无|空")
_YEAR = re.compile(r"(?:19|20)\d{2}")


@dataclass(frozen=True)
class CellTable:
    """Lines ``[start, end)`` (the cells, blank lines and any page-number lines between them)
    are one table with these rows; row 0 is the header row."""

    start: int
    end: int
    rows: tuple[tuple[str, ...], ...]


@dataclass
class _Run:
    """Cell lines after a caption, empty cells already expanded from the blank-line gaps."""

    start: int
    end: int = 0
    cells: list[str] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)
    """Indices into ``cells`` of the first cell after a page-number line."""
    lead: int = 0
    """Empty cells the gap between the caption and the first cell may stand for."""
    trail: int = 0
    """Empty cells the gap after the last cell may stand for."""


def find_cell_tables(lines: list[str]) -> list[CellTable]:
    """Every one-cell-per-line table after a caption in ``lines``, in order, not overlapping."""
    tables: list[CellTable] = []
    i = 0
    while i < len(lines):
        if is_caption(lines[i]):
            run = (
                _collect(lines, i + 1)
                or _collect_piped(lines, i + 1)
                or _collect_bare(lines, i + 1)
            )
            rows = fit_rows(run.cells, run.breaks, run.lead, run.trail) if run else None
            if run and rows:
                tables.append(CellTable(run.start, run.end, tuple(map(tuple, rows))))
                i = run.end
                continue
        i += 1
    return tables


def is_caption(line: str) -> bool:
    """A short line naming a table: ends in 表 (maybe with a bracketed unit), numbers a table
    ("表1", "附表2"), or states the unit ("单位：万元")."""
    text = line.strip()
    if not 2 <= len(text) <= _MAX_CAPTION_CHARS or _SENTENCE.search(text) or "\t" in text:
        return False
    return bool(_CAPTION_END.search(text) or _UNIT_NOTE.search(text) or _TABLE_NUMBER.match(text))


def is_numeric_cell(cell: str) -> bool:
    """A number, maybe signed or compared (≥ ≤ ＞ ＜), with % ‰ or a short counting unit."""
    return bool(_NUMERIC.fullmatch(cell.strip()))


def fit_rows(
    cells: Sequence[str], breaks: Sequence[int] = (), lead: int = 0, trail: int = 0
) -> list[list[str]] | None:
    """Cut ``cells`` into rows of the column count that explains them best, or None when no
    count explains them clearly. ``lead``/``trail`` empty cells may be added before the first
    and after the last cell (the blank lines there allow it); a header row repeated right after
    a page break (``breaks``) is dropped."""
    best: tuple[tuple[float, int, int], list[list[str]]] | None = None
    for n in range(MIN_COLUMNS, MAX_COLUMNS + 1):
        for pad_front in sorted({0, lead}):
            padded = [""] * pad_front + list(cells)
            padded = _drop_repeated_headers(padded, [b + pad_front for b in breaks], n)
            padded = _total_row_aligned(padded, n)
            pad_back = -len(padded) % n
            if pad_back > trail:
                continue
            padded += [""] * pad_back
            rows = [padded[k : k + n] for k in range(0, len(padded), n)]
            score = _score(rows)
            if score is None:
                continue
            key = (score, -(pad_front + pad_back), -n)
            if best is None or key > best[0]:
                best = (key, rows)
    return best[1] if best else None


def consistent_columns(rows: Sequence[Sequence[str]]) -> bool:
    """Whether equally wide rows read as a table: a header row without numbers, at least
    two data rows, a numeric column and columns that each hold one type of cell."""
    return _score([list(row) for row in rows]) is not None


def _collect(lines: list[str], pos: int) -> _Run | None:
    """The cell lines from ``pos`` on: short lines one blank line apart (three, five … blank
    lines hold one, two … empty cells). Ends before prose, a heading, the next caption, a line
    glued to its neighbour or an irregular gap; a page-number line is stepped over when cells
    clearly go on after it."""
    run = _Run(start=pos, end=pos)
    gap, k = _skip_blank(lines, pos)
    run.lead = max(0, gap - 1) // 2
    after = 1  # blank lines after a page-number line that ends the run
    while k < len(lines):
        if _is_page_line(lines[k]):
            if not run.cells:
                break
            after, nxt = _skip_page(lines, k)
            if nxt >= len(lines) or not _is_cell_at(lines, nxt):
                break
            run.cells.extend([""] * (max(0, gap - 1) // 2))
            run.breaks.append(len(run.cells))
            run.cells.extend([""] * (max(0, after - 1) // 2))
            k = nxt
        elif not _is_cell_at(lines, k):
            break
        elif not run.cells:
            run.start = k
        elif gap % 2 == 0:  # cells sit one blank line apart, plus two per empty cell
            break
        else:
            run.cells.extend([""] * ((gap - 1) // 2))
        run.cells.append(lines[k].strip())
        run.end = k + 1
        after = 1
        gap, k = _skip_blank(lines, k + 1)
    # the blank lines before whatever ended the run (on both sides of a final page number)
    run.trail = max(0, gap - 1) // 2 + max(0, after - 1) // 2
    return run if len(run.cells) >= MIN_COLUMNS * (MIN_DATA_ROWS + 1) else None


_PIPED_CELL = re.compile(r"^\s*([^|\t]*?)\s*\|\s*$")
"""A cell written as its own line closed by a pipe ("项目支出 |", "|" for an empty cell)."""


def _collect_piped(lines: list[str], pos: int) -> _Run | None:
    """The cell lines from ``pos`` on when a table was flattened to one pipe-closed cell per
    line ("项目 |", "年初预算数 |", …, "1191.30 |"), with no blank lines between them."""
    _, k = _skip_blank(lines, pos)
    run = _Run(start=k, end=k)
    while k < len(lines):
        found = _PIPED_CELL.match(lines[k])
        if not found or len(found.group(1)) > MAX_CELL_CHARS or _SENTENCE.search(found.group(1)):
            break
        run.cells.append(found.group(1))
        k += 1
        run.end = k
    return run if len(run.cells) >= MIN_COLUMNS * (MIN_DATA_ROWS + 1) else None


def _collect_bare(lines: list[str], pos: int) -> _Run | None:
    """The cell lines from ``pos`` on when a table was flattened to one cell per line with
    nothing between them ("一级指标", "二级指标", …, "产出指标", "数量指标", "≥180公里", …), as
    crawlers and copy-paste leave it. The run ends at a blank line, a page-number line, prose,
    a heading or the next caption; an empty cell leaves no trace here, so a run with one gets no
    consistent column count and stays as paragraphs."""
    _, k = _skip_blank(lines, pos)
    run = _Run(start=k, end=k)
    while k < len(lines):
        text = lines[k].strip()
        if (
            not text
            or len(text) > MAX_CELL_CHARS
            or "\t" in text
            or "|" in text
            or _SENTENCE.search(text)
            or _HEADING.match(text)
            or _is_page_line(lines[k])
            or is_caption(text)
        ):
            break
        run.cells.append(text)
        k += 1
        run.end = k
    return run if len(run.cells) >= MIN_COLUMNS * (MIN_DATA_ROWS + 1) else None


def _skip_blank(lines: list[str], pos: int) -> tuple[int, int]:
    """(number of blank lines from ``pos``, index of the next non-blank line)."""
    k = pos
    while k < len(lines) and not lines[k].strip() and lines[k] != _PAGE_MARK:
        k += 1
    return k - pos, k


def _skip_page(lines: list[str], pos: int) -> tuple[int, int]:
    """From a page-number line: (blank lines before the next content, index of that content),
    stepping over further page marks and a "续表" line."""
    gap, k = _skip_blank(lines, pos + 1)
    while k < len(lines) and (_is_page_line(lines[k]) or _CONTINUED.fullmatch(lines[k].strip())):
        gap, k = _skip_blank(lines, k + 1)
    return gap, k


def _is_page_line(line: str) -> bool:
    return line == _PAGE_MARK or bool(_PAGE_NUMBER.fullmatch(line.strip()))


def _is_cell_at(lines: list[str], k: int) -> bool:
    """Line ``k`` reads as a cell and is not glued to the line after it (a heading or a
    paragraph's first line is; a cell is followed by a blank line, a page mark or the end)."""
    text = lines[k].strip()
    if (
        not text
        or len(text) > MAX_CELL_CHARS
        or "\t" in text
        or _SENTENCE.search(text)
        or _HEADING.match(text)
        or _PAGE_NUMBER.fullmatch(text)
        or is_caption(text)
    ):
        return False
    nxt = lines[k + 1] if k + 1 < len(lines) else ""
    return not nxt.strip() or _is_page_line(nxt)


_TOTAL_LABEL = re.compile(r"^(?:合 ?计|总 ?计|总 ?分|小 ?计)")


def _total_row_aligned(cells: list[str], n: int) -> list[str]:
    """A last row shorter than ``n`` that opens with a total label ("合计", "100", "93": its
    label cells were merged, so the export wrote them once) gets its label in the first column
    and its figures in the last ones, as the table shows them."""
    short = len(cells) % n
    if not short or short == 1 or not _TOTAL_LABEL.match(cells[-short]):
        return cells
    tail = cells[-short:]
    return [*cells[:-short], tail[0], *[""] * (n - short), *tail[1:]]


def _drop_repeated_headers(cells: list[str], breaks: list[int], n: int) -> list[str]:
    """Remove a copy of the header row that starts a row right after a page break."""
    header = cells[:n]
    for b in sorted(breaks, reverse=True):
        if b and b % n == 0 and cells[b : b + n] == header:
            del cells[b : b + n]
    return cells


def _score(rows: list[list[str]]) -> float | None:
    """How consistently each column holds one type of cell (numbers or text), or None when the
    rows cannot be a table: too few data rows, a header row with numbers or gaps, an empty data
    row, no numeric column, a badly mixed column or an overall share below the threshold."""
    header, data = rows[0], rows[1:]
    n = len(header)
    if len(data) < MIN_DATA_ROWS or sum(1 for cell in header if cell) < n - 1:
        return None
    if any(is_numeric_cell(cell) and not _YEAR.fullmatch(cell) for cell in header):
        return None
    if any(not any(row) for row in data):
        return None
    agree = total = numeric_columns = 0
    for j in range(n):
        kinds = [is_numeric_cell(row[j]) for row in data if _informative(row[j])]
        if not kinds:
            continue
        numbers = sum(kinds)
        major = max(numbers, len(kinds) - numbers)
        if major < MIN_COLUMN_CONSISTENCY * len(kinds):
            return None
        if numbers == major and numbers >= MIN_DATA_ROWS:
            numeric_columns += 1
        agree += major
        total += len(kinds)
    if not numeric_columns:
        return None
    score = agree / total
    return score if score >= MIN_CONSISTENCY else None


def _informative(cell: str) -> bool:
    """Empty cells and placeholders ("—", "/", "无") say nothing about a column's type."""
    return bool(cell) and not _PLACEHOLDER.fullmatch(cell)
