"""OCR for PDF pages without a usable text layer: render with pypdfium2, read with RapidOCR.

RapidOCR (``rapidocr-onnxruntime``) ships the PP-OCRv4 Chinese detection and recognition
models inside its wheel and runs them with onnxruntime on the CPU; nothing is downloaded.
A page is rendered at ``SCALE`` × 72 dpi, its red channel is read as grey so that a red seal
stamped over the text fades out, and the recognised boxes are rebuilt into lines in reading
order. Rows of boxes with wide gaps that line up in columns become a table with one cell per
box. Every recognised line keeps its page, its box (PDF points, origin top left) and the
recogniser's confidence, so a citation can point at the page and a doubtful figure can be
flagged.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from index.models import Block, OcrLine

SCALE = 2.0
"""Render scale (2.0 = 144 dpi): enough for 10-pt CJK text, twice as fast as 300 dpi."""
LOW_CONFIDENCE = 0.9
"""A recognised line below this confidence that holds a digit is a doubtful figure."""
_CELL_GAP = 0.6
"""A gap wider than this many line heights between two boxes separates table cells (the
detector already splits a line at wide blank gaps; closer boxes are one phrase)."""
_DIGIT_COMMA = re.compile(r"(?<=\d)[，,](?=\d{3}(?!\d))")
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) +| +(?=[\u3000-\u9fff\uff00-\uffef])")

PageProgress = Callable[[int, int], None]
"""Called as ``progress(pages_done, pages_total)`` while pages are recognised."""


@dataclass(frozen=True)
class Box:
    """One recognised text box in PDF points (top-left origin)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


@lru_cache(maxsize=1)
def _engine() -> Any:
    """The OCR engine, built once per process on first use (it loads three ONNX models)."""
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(print_verbose=False)


def recognise_page(page: Any) -> list[Box]:
    """Text boxes of one pypdfium2 page, in PDF points."""
    import numpy as np

    image = page.render(scale=SCALE).to_pil().convert("RGB")
    red = np.asarray(image)[:, :, 0]
    grey = np.ascontiguousarray(np.stack([red, red, red], axis=-1))
    result, _ = _engine()(grey)
    boxes = []
    for points, text, score in result or []:
        xs = [p[0] / SCALE for p in points]
        ys = [p[1] / SCALE for p in points]
        cleaned = clean_ocr_text(text)
        if cleaned:
            boxes.append(Box(cleaned, min(xs), min(ys), max(xs), max(ys), float(score)))
    return boxes


def clean_ocr_text(text: str) -> str:
    """Recogniser output made regular: spaces collapsed and removed next to CJK characters,
    a full-width comma between digit groups ("370，000.00") read as the thousands separator."""
    text = " ".join(text.split())
    text = _CJK_SPACE.sub("", text)
    return _DIGIT_COMMA.sub(",", text)


@dataclass(frozen=True)
class _Row:
    """Boxes on one visual line, left to right."""

    boxes: tuple[Box, ...]

    @property
    def top(self) -> float:
        return min(b.top for b in self.boxes)

    @property
    def bottom(self) -> float:
        return max(b.bottom for b in self.boxes)

    def cells(self) -> list[list[Box]]:
        """Boxes grouped into cells: a gap wider than ``_CELL_GAP`` line heights splits."""
        height = statistics.median(b.height for b in self.boxes)
        groups: list[list[Box]] = [[self.boxes[0]]]
        for box in self.boxes[1:]:
            if box.x0 - groups[-1][-1].x1 > _CELL_GAP * height:
                groups.append([box])
            else:
                groups[-1].append(box)
        return groups


def rows_in_reading_order(boxes: list[Box]) -> list[_Row]:
    """Boxes grouped into visual lines (vertical centres within half a line height), top to
    bottom, each left to right."""
    rows: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        centre = (box.top + box.bottom) / 2
        if rows:
            last = rows[-1]
            last_centre = statistics.mean((b.top + b.bottom) / 2 for b in last)
            if abs(centre - last_centre) <= 0.5 * statistics.median(b.height for b in last):
                last.append(box)
                continue
        rows.append([box])
    return [_Row(tuple(sorted(row, key=lambda b: b.x0))) for row in rows]


def page_items(boxes: list[Box], page: int) -> tuple[list[tuple[float, Any]], list[OcrLine]]:
    """(top, item) pairs for ``index.loaders.pdf``: a line dict for text rows and a table
    Block for runs of aligned multi-cell rows; plus the OCR lines with their geometry."""
    rows = rows_in_reading_order(boxes)
    items: list[tuple[float, Any]] = []
    lines: list[OcrLine] = []
    i = 0
    while i < len(rows):
        run = _table_run(rows, i)
        if run:
            table_rows = rows[i : i + run]
            cells, ocr = _table(table_rows, page)
            items.append((table_rows[0].top, Block.table(cells)))
            lines.extend(ocr)
            i += run
            continue
        row = rows[i]
        text = "".join(b.text for b in row.boxes)
        items.append((row.top, _line(row, text)))
        lines.append(_ocr_line(row.boxes, text, page))
        i += 1
    return items, lines


def _line(row: _Row, text: str) -> dict[str, Any]:
    return {
        "text": text,
        "x0": min(b.x0 for b in row.boxes),
        "x1": max(b.x1 for b in row.boxes),
        "top": row.top,
        "bottom": row.bottom,
    }


def _ocr_line(boxes: tuple[Box, ...] | list[Box], text: str, page: int) -> OcrLine:
    return OcrLine(
        page=page,
        x0=round(min(b.x0 for b in boxes), 1),
        top=round(min(b.top for b in boxes), 1),
        x1=round(max(b.x1 for b in boxes), 1),
        bottom=round(max(b.bottom for b in boxes), 1),
        text=text,
        confidence=round(min(b.confidence for b in boxes), 4),
    )


def _table_run(rows: list[_Row], start: int) -> int:
    """How many rows from ``start`` form a table: at least three consecutive rows of two or
    more cells whose cells start in shared columns; 0 when they do not."""
    end = start
    while end < len(rows) and len(rows[end].cells()) >= 2:
        end += 1
    if end - start < 3:
        return 0
    columns = _columns(rows[start:end])
    aligned = sum(
        1
        for row in rows[start:end]
        if len({_column_of(cell, columns) for cell in row.cells()}) == len(row.cells())
    )
    return end - start if aligned >= 0.8 * (end - start) else 0


def _columns(rows: list[_Row]) -> list[tuple[float, float]]:
    """Column extents from the rows with the most cells: the k-th cells of those rows."""
    most = max(len(r.cells()) for r in rows)
    full = [r.cells() for r in rows if len(r.cells()) == most]
    return [
        (
            min(b.x0 for cells in full for b in cells[k]),
            max(b.x1 for cells in full for b in cells[k]),
        )
        for k in range(most)
    ]


def _column_of(cell: list[Box], columns: list[tuple[float, float]]) -> int | None:
    """The column whose extent overlaps the cell most (nearest centre when none overlaps)."""
    x0, x1 = min(b.x0 for b in cell), max(b.x1 for b in cell)
    overlaps = [max(0.0, min(x1, c1) - max(x0, c0)) for c0, c1 in columns]
    best = max(range(len(columns)), key=lambda k: overlaps[k])
    if overlaps[best] > 0:
        return best
    centre = (x0 + x1) / 2
    return min(range(len(columns)), key=lambda k: abs((columns[k][0] + columns[k][1]) / 2 - centre))


def _table(rows: list[_Row], page: int) -> tuple[list[list[str]], list[OcrLine]]:
    columns = _columns(rows)
    cells_out: list[list[str]] = []
    lines: list[OcrLine] = []
    for row in rows:
        out = [""] * len(columns)
        for cell in row.cells():
            text = "".join(b.text for b in cell)
            k = _column_of(cell, columns)
            k = 0 if k is None else k
            out[k] = f"{out[k]} {text}".strip() if out[k] else text
            lines.append(_ocr_line(cell, text, page))
        cells_out.append(out)
    return cells_out, lines
