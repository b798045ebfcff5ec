"""PDF reports: text lines and ruled tables, top to bottom on each page; pages without a usable
text layer (scans) are read by OCR (index.loaders.ocr), page by page, so mixed files work."""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pdfplumber
from pdfplumber.page import Page

from index.loaders import unruled
from index.loaders.text import PAGE_BREAK
from index.models import Block, OcrLine

LEFT_EDGE_SHARE = 0.15
"""A left edge at least this share of a PDF's lines start at can be the text column's edge."""
MIN_TEXT_CHARS = 20
"""A page with an image and fewer text-layer characters than this is read by OCR."""


class NoTextLayer(ValueError):
    """The PDF has no text layer and OCR found no text on any page either."""


@dataclass(frozen=True)
class PdfContent:
    """Blocks of every page, the lines OCR read (with page and box) and the page count."""

    blocks: list[Block]
    ocr: list[OcrLine]
    pages: int


class GarbledText(ValueError):
    """The text layer decodes to glyph ids ("(cid:2118)") rather than characters: fonts with
    no Unicode map, typically in an encrypted (owner-password-only) PDF."""


GARBLED_SHARE = 0.2
"""Above this share of "(cid:N)" glyphs among a PDF's characters its text is unusable."""


@dataclass(frozen=True)
class _Line:
    """One extracted text line with the geometry used to rejoin wrapped paragraphs."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    cells: tuple[unruled.Cell, ...] = ()
    """The line cut at wide gaps (text-layer lines only; OCR lines have none)."""


@dataclass(frozen=True)
class _Layout:
    """The body text column: where continuation lines start and how far full lines reach."""

    left: float
    right: float
    tolerance: float


def pdf_blocks(data: bytes) -> list[Block]:
    """Blocks of every page in reading order, a PAGE_BREAK marker between pages."""
    return pdf_content(data).blocks


def pdf_content(data: bytes, progress: Callable[[int, int], None] | None = None) -> PdfContent:
    """Every page read from its text layer, or by OCR when it has none (``progress`` is told
    about OCR pages as they are done)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        scanned = [n for n, page in enumerate(pdf.pages) if _needs_ocr(page)]
        pages = [
            [] if n in scanned else _page_items(page.dedupe_chars())
            for n, page in enumerate(pdf.pages)
        ]
        count = len(pdf.pages)
        if not scanned and not any(page.chars for page in pdf.pages):
            raise NoTextLayer("no characters and no scanned page")
        _refuse_garbled(
            [page for n, page in enumerate(pdf.pages) if n not in scanned],
            encrypted=bool(getattr(pdf.doc, "encryption", None)),
        )
    ocr_lines: list[OcrLine] = []
    if scanned:
        ocr_lines = _ocr(data, scanned, pages, progress)
        if not any(pages):
            raise NoTextLayer("no text layer and no text found by OCR")
    layout = _layout([item for page in pages for _, item in page if isinstance(item, _Line)])
    blocks: list[Block] = []
    for number, items in enumerate(pages):
        if number:
            blocks.append(Block.paragraph(PAGE_BREAK))
        blocks.extend(_page_blocks(items, layout))
    return PdfContent(blocks, ocr_lines, count)


def _needs_ocr(page: Page) -> bool:
    """A page that shows an image and has (almost) no text layer is a scan."""
    text_chars = sum(1 for char in page.chars if not char.get("text", " ").isspace())
    return bool(page.images) and text_chars < MIN_TEXT_CHARS


def _ocr(
    data: bytes,
    numbers: list[int],
    pages: list[list[tuple[float, _Line | Block]]],
    progress: Callable[[int, int], None] | None,
) -> list[OcrLine]:
    """Fill ``pages[n]`` for each scanned page ``n`` from OCR; the OCR lines, in order."""
    import pypdfium2

    from index.loaders import ocr

    document = pypdfium2.PdfDocument(data)
    lines: list[OcrLine] = []
    try:
        for done, n in enumerate(numbers):
            if progress:
                progress(done, len(numbers))
            items, found = ocr.page_items(ocr.recognise_page(document[n]), page=n + 1)
            pages[n] = [
                (top, _Line(**item) if isinstance(item, dict) else item) for top, item in items
            ]
            lines.extend(found)
        if progress:
            progress(len(numbers), len(numbers))
    finally:
        document.close()
    return lines


def _refuse_garbled(pages: list[Page], encrypted: bool) -> None:
    """Raise GarbledText when too many characters are undecodable glyph ids."""
    chars = [c["text"] for page in pages for c in page.chars if c["text"].strip()]
    garbled = sum(1 for text in chars if text.startswith("(cid:"))
    if chars and garbled > GARBLED_SHARE * len(chars):
        raise GarbledText(
            f"{garbled} of {len(chars)} characters undecodable; encrypted={encrypted}"
        )


def _page_items(page: Page) -> list[tuple[float, _Line | Block]]:
    """(top, item) pairs: text lines outside tables and one table block per ruled table."""
    tables = [t for t in page.find_tables() if _is_table(t.extract())]
    boxes = [t.bbox for t in tables]
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    items: list[tuple[float, _Line | Block]] = [
        (
            line["top"],
            _Line(
                line["text"],
                line["x0"],
                line["x1"],
                line["top"],
                line["bottom"],
                unruled.line_cells(line.get("chars", ())),
            ),
        )
        for line in outside.extract_text_lines(strip=True)
        if line["text"].strip()
    ]
    items += [(t.bbox[1], Block.table(_cells(t.extract()))) for t in tables]
    return _unruled_tables(sorted(items, key=lambda item: item[0]))


def _unruled_tables(items: list[tuple[float, _Line | Block]]) -> list[tuple[float, _Line | Block]]:
    """Runs of text lines that are an unruled table (``unruled.find_tables``) become one
    table block; a ruled table or a wide vertical gap between two lines ends a run."""
    runs: list[tuple[unruled.Cell, ...]] = []
    where: list[int | None] = []  # index into ``items`` of each entry of ``runs``
    previous: _Line | None = None
    for index, (_, item) in enumerate(items):
        if not isinstance(item, _Line):
            runs.append(())
            where.append(None)
            previous = None
            continue
        if previous is not None and item.top - previous.bottom > 2.5 * _height(item):
            runs.append(())
            where.append(None)
        runs.append(item.cells)
        where.append(index)
        previous = item
    out = list(items)
    for first, end, rows in reversed(unruled.find_tables(runs)):
        members = [k for k in where[first:end] if k is not None]
        out[members[0] : members[-1] + 1] = [(items[members[0]][0], Block.table(rows))]
    return out


def _height(line: _Line) -> float:
    return max(line.bottom - line.top, 1.0)


def _is_table(rows: list[list[str | None]]) -> bool:
    """A ruled box is a table only with at least two rows and two columns; a single framed
    cell (a text box, a boxed note) is read as text."""
    return len(rows) >= 2 and max((len(row) for row in rows), default=0) >= 2


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    """Whether a character's centre lies within any table box."""
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _cells(rows: list[list[str | None]]) -> list[list[str]]:
    """Cell texts; a cell covered by a merge (None) becomes empty. Line breaks inside a cell
    are kept for the normaliser, which knows how to join Chinese text."""
    return [[cell or "" for cell in row] for row in rows]


def _layout(lines: list[_Line]) -> _Layout:
    """Where wrapped lines start: the leftmost left edge shared by a fair share of the lines
    (not simply the most common one: in a report whose paragraphs open with a first-line
    indent, most lines are one-line paragraphs starting at the indent). The right edge that
    most long lines reach is the column's end. Tolerance is about one character."""
    if not lines:
        return _Layout(0.0, 0.0, 0.0)
    counts = Counter(round(line.x0) for line in lines)
    enough = max(2, LEFT_EDGE_SHARE * len(lines))
    common = [x for x, n in counts.items() if n >= enough]
    left = min(common) if common else counts.most_common(1)[0][0]
    right = statistics.quantiles([line.x1 for line in lines], n=10)[-1] if len(lines) > 1 else 0
    height = statistics.median(line.bottom - line.top for line in lines)
    return _Layout(float(left), float(right), max(height, 1.0))


def _page_blocks(items: list[tuple[float, _Line | Block]], layout: _Layout) -> list[Block]:
    """Tables as they are; text lines rejoined into paragraphs where the PDF wrapped them.
    Each paragraph says whether its last line ran to the column's right edge (``open_end``),
    which the normaliser needs to rejoin a sentence cut by a page break."""
    blocks: list[Block] = []
    previous: _Line | None = None
    for _, item in items:
        if isinstance(item, Block):
            blocks.append(item)
            previous = None
        elif previous is not None and _continues(previous, item, layout):
            joined = _join(blocks[-1].text, item.text)
            blocks[-1] = Block.paragraph(joined, _runs_full(item, layout))
            previous = item
        else:
            blocks.append(Block.paragraph(item.text, _runs_full(item, layout)))
            previous = item
    return blocks


def _runs_full(line: _Line, layout: _Layout) -> bool:
    """The line reaches (nearly) the right edge of the text column."""
    width = layout.right - layout.left
    return width > 0 and line.x1 - layout.left >= 0.75 * width


def _continues(previous: _Line, line: _Line, layout: _Layout) -> bool:
    """A line continues the paragraph above when that line ran (nearly) to the right edge of
    the column, this one starts at the left edge, and no blank space separates them."""
    ran_full = _runs_full(previous, layout)
    at_left = abs(line.x0 - layout.left) <= layout.tolerance / 2
    close = line.top - previous.bottom <= layout.tolerance
    heading = previous.text.rstrip().endswith(_CLOSED) and bool(_NUMBERED.match(line.text))
    return ran_full and at_left and close and not heading


_CLOSED = tuple("。；;：:！？!?")
_NUMBERED = re.compile(
    r"\s*(?:第[一二三四五六七八九十]{1,3}(?:部分|章)|[一二三四五六七八九十]{1,3}[、．.]"
    r"|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}(?:、|[.．](?!\d)))"
)
"""A numbered heading's opening: after a closed sentence it starts a new paragraph even
when the sentence happened to fill its line."""


def _join(text: str, more: str) -> str:
    """Chinese wraps without spaces; only two Latin words split by a wrap get one space."""
    if _latin(text[-1:]) and _latin(more[:1]):
        return f"{text} {more}"
    return text + more


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()
