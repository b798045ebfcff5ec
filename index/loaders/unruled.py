"""Tables a PDF draws without ruling lines: columns told apart only by wide gaps.

pdfplumber finds ruled tables from their lines; a table printed without any (common in
exported 决算 tables and in "三公" summaries) comes out as text lines such as
"公务接待费 3.60 2.95". Here a text line is cut into cells wherever the gap between two
visible characters is wider than ``GAP_EMS`` times the font size (prose never has such gaps;
words of Latin text are a space apart), and a run of consecutive multi-cell lines becomes a
table when its first line reads as a header and its columns are consistent
(``celltables.consistent_columns``: a numeric column, one type of cell per column). Cells of
later lines are placed in the header's columns by horizontal position, so an empty cell or a
right-aligned number still lands in its column. Anything less clear stays text: a wrong table
is worse than none.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from index.loaders.celltables import consistent_columns

GAP_EMS = 1.5
"""A gap wider than this many font sizes between two characters separates two cells."""
MIN_ROWS = 3
"""Header row plus at least two data rows."""


@dataclass(frozen=True)
class Cell:
    """A piece of a text line between wide gaps, with its horizontal extent."""

    text: str
    x0: float
    x1: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def line_cells(chars: Sequence[dict]) -> tuple[Cell, ...]:
    """Cut a text line (its pdfplumber characters, left to right) at wide gaps."""
    visible = sorted((c for c in chars if str(c.get("text", "")).strip()), key=lambda c: c["x0"])
    cells: list[list[dict]] = []
    for char in visible:
        if cells:
            previous = cells[-1][-1]
            size = max(float(previous.get("size") or 0), float(char.get("size") or 0), 1.0)
            if char["x0"] - previous["x1"] <= GAP_EMS * size:
                cells[-1].append(char)
                continue
        cells.append([char])
    return tuple(
        Cell(_text(group), float(group[0]["x0"]), float(group[-1]["x1"])) for group in cells
    )


def _text(chars: list[dict]) -> str:
    """Characters of a cell; a visible gap of about a space's width between two Latin
    characters or digits keeps its space."""
    out = [chars[0]["text"]]
    for before, char in itertools.pairwise(chars):
        gap = char["x0"] - before["x1"]
        size = float(char.get("size") or 1.0)
        if gap > 0.2 * size and before["text"].isascii() and char["text"].isascii():
            out.append(" ")
        out.append(char["text"])
    return "".join(out)


def find_tables(lines: Sequence[tuple[Cell, ...]]) -> list[tuple[int, int, list[list[str]]]]:
    """Runs of lines that form an unruled table: (first line, end line, rows). A run is
    consecutive lines of two or more cells, started by its header line."""
    found: list[tuple[int, int, list[list[str]]]] = []
    i = 0
    while i < len(lines):
        if len(lines[i]) < 2:
            i += 1
            continue
        end = i
        while end < len(lines) and len(lines[end]) >= 2:
            end += 1
        rows = _aligned(lines[i:end])
        if rows is not None and len(rows) >= MIN_ROWS and consistent_columns(rows):
            found.append((i, end, rows))
        i = end
    return found


def _aligned(lines: Sequence[tuple[Cell, ...]]) -> list[list[str]] | None:
    """Rows in the header line's columns. The data cells of one column overlap each other
    (numbers share their right edge, labels their left), so the data cells are first grouped
    into columns by overlap; when there are as many groups as header cells, they are the
    columns in order. Otherwise each cell goes to the header cell it overlaps most, else the
    one whose left edge, right edge or centre is nearest. Two cells of one line competing for
    a column means these are not columns."""
    header = lines[0]
    groups = _overlap_groups([cell for line in lines[1:] for cell in line])
    rows = [[cell.text for cell in header]]
    for line in lines[1:]:
        row = [""] * len(header)
        for cell in line:
            if len(groups) == len(header):
                column = next(j for j, (x0, x1) in enumerate(groups) if x0 <= cell.x0 <= x1)
            else:
                column = _column(header, cell)
            if row[column]:
                return None
            row[column] = cell.text
        rows.append(row)
    return rows


def _overlap_groups(cells: list[Cell]) -> list[tuple[float, float]]:
    """Horizontal extents of the groups of mutually overlapping cells, left to right."""
    groups: list[list[float]] = []
    for cell in sorted(cells, key=lambda c: c.x0):
        if groups and cell.x0 <= groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], cell.x1)
        else:
            groups.append([cell.x0, cell.x1])
    return [(x0, x1) for x0, x1 in groups]


def _column(header: tuple[Cell, ...], cell: Cell) -> int:
    overlaps = [min(h.x1, cell.x1) - max(h.x0, cell.x0) for h in header]
    best = max(range(len(header)), key=overlaps.__getitem__)
    if overlaps[best] > 0:
        return best
    return min(
        range(len(header)),
        key=lambda j: min(
            abs(header[j].x0 - cell.x0),
            abs(header[j].x1 - cell.x1),
            abs(header[j].centre - cell.centre),
        ),
    )
