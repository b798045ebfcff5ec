"""Merged table cells laid out on the table's grid (HTML colspan, Word gridSpan).

A loader gives each row as (text, columns spanned) pairs; here every row is written out one
cell per grid column, so that figures stand under their own header:

- a spanned cell with sub-headers under it (the next row has two or more different labels in
  the columns it spans: "2022年度" over "预算数 决算数") is repeated in each column, and the
  normaliser then reads the two header rows as one ("2022年度预算数");
- any other spanned cell (a row label over two label columns, a long text in a form) keeps
  its text in its first column and leaves the others empty, so nothing is duplicated; when it
  reaches the end of the row the empty columns are simply left off.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.loaders.celltables import is_numeric_cell

Span = tuple[str, int]


def spread(rows: Sequence[Sequence[Span]]) -> list[list[str]]:
    """Rows of (text, span) pairs → rows of cell texts on the grid."""
    grids = [_columns(row) for row in rows]
    out: list[list[str]] = []
    for r, row in enumerate(rows):
        below = grids[r + 1] if r + 1 < len(grids) else []
        cells: list[str] = []
        for text, span in row:
            start = len(cells)
            cells.append(text)
            if span <= 1:
                continue
            if _over_subheaders(text, below[start : start + span]):
                cells.extend([text] * (span - 1))
            elif start + span < sum(s for _, s in row):
                cells.extend([""] * (span - 1))
        out.append(cells)
    return out


def _columns(row: Sequence[Span]) -> list[str]:
    """The row's text per grid column (a spanned text in each of its columns)."""
    return [text for text, span in row for _ in range(max(span, 1))]


def _over_subheaders(text: str, under: list[str]) -> bool:
    labels = {cell for cell in under if cell and not is_numeric_cell(cell)}
    return bool(text) and not is_numeric_cell(text) and len(labels) >= 2
