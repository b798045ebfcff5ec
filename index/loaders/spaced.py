"""Tables a plain-text export lines up with spaces: columns told apart only by wide gaps.

A 决算 report saved as fixed-width text ("收入项目      决算数      支出项目      决算数") has
no tab between its cells, and a row may start with blank columns (a 收支总表 whose income side
ended before its expenditure side). Each line is cut into cells at gaps of two or more columns
of blank (a single space stays inside a cell; one full-width space "　" is a word gap, not a
column gap), every cell keeping its display position (a Chinese character is two columns
wide), and runs of such lines go through the same column placement as unruled PDF tables
(``unruled.find_tables``: the header's columns, cells placed by position, consistent column
types). A run becomes tab-separated rows; anything less clear stays as it was.
"""

from __future__ import annotations

import unicodedata

from index.loaders.unruled import Cell, find_tables

MIN_GAP = 2
"""Display columns of blank between two cells."""


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def line_cells(line: str) -> tuple[Cell, ...]:
    """A text line cut at gaps of ``MIN_GAP`` or more blank columns, with display positions
    (a tab is no gap here: tab-separated lines are tables already)."""
    cells: list[Cell] = []
    text, x0, x = "", 0.0, 0.0
    gap, gap_chars = 0, ""
    for ch in line:
        w = _width(ch)
        if ch in " \u3000":
            gap, gap_chars = gap + w, gap_chars + ch
        else:
            if text and (gap < MIN_GAP or gap_chars == "\u3000"):
                text += gap_chars + ch  # no gap, or a word gap inside one cell
            else:
                if text:
                    cells.append(Cell(text, x0, x - gap))
                text, x0 = ch, x
            gap, gap_chars = 0, ""
        x += w
    if text:
        cells.append(Cell(text, x0, x - gap))
    return tuple(cells)


def tab_spaced_tables(lines: list[str]) -> list[str]:
    """The lines with every space-aligned table rewritten as tab-separated rows (one line per
    row, empty cells kept); other lines unchanged. A run of multi-cell lines is read with its
    indented short rows right-aligned when that makes a table (see ``_right_aligned``), else as
    it stands; one that is no table either way is tried once more without its first line (a
    caption such as "…决算表      单位：万元" on the line above the header)."""
    if not any("  " in line or "\u3000\u3000" in line for line in lines):
        return lines
    cut = [() if "\t" in line else line_cells(line) for line in lines]
    out = list(lines)
    for first, end, rows in reversed(_tables(cut)):
        out[first:end] = ["\t".join(cell.strip() for cell in row) for row in rows]
    return out


def _tables(cut: list[tuple[Cell, ...]]) -> list[tuple[int, int, list[list[str]]]]:
    found: list[tuple[int, int, list[list[str]]]] = []
    i = 0
    while i < len(cut):
        if len(cut[i]) < 2:
            i += 1
            continue
        end = i
        while end < len(cut) and len(cut[end]) >= 2:
            end += 1
        for start in (i, i + 1):
            segment = cut[start:end]
            tables = find_tables(_right_aligned(segment)) or find_tables(segment)
            if tables:
                found.extend((start + a, start + b, rows) for a, b, rows in tables)
                break
        i = end
    return found


def _numeric(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and not any(
        unicodedata.east_asian_width(ch) in "WF" for ch in text
    )


def _right_aligned(lines: list[tuple[Cell, ...]]) -> list[tuple[Cell, ...]]:
    """An indented line with fewer cells than the header (the first line), whose cells read
    label/number like the header's last columns, moved under those columns: a side-by-side
    总表 row whose left side has ended, padded by a character count instead of by display
    width, lands in the right-hand columns it belongs to."""
    if not lines:
        return lines
    reference = max(lines[1:] or lines, key=len)
    n = len(reference)
    out = list(lines)
    for k, line in enumerate(lines[1:], start=1):
        if not line or len(line) >= n or line[0].x0 < 8:
            continue
        tail = reference[n - len(line) :]
        if all(_numeric(a.text) == _numeric(b.text) for a, b in zip(line, tail, strict=True)):
            out[k] = tuple(Cell(a.text, b.x0, b.x1) for a, b in zip(line, tail, strict=True))
    return out
