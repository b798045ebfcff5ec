"""Word (.docx) reports: body paragraphs and real tables, in the order they appear."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import docx
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from index.loaders import grid
from index.models import Block

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = frozenset({qn("w:del"), qn("w:moveFrom"), qn("w:instrText"), _MC_FALLBACK})
_BREAKS = frozenset({qn("w:br"), qn("w:cr")})
_LINE_SPLIT = re.compile(r"[\n\v\u2028\u2029]")


def docx_blocks(data: bytes) -> list[Block]:
    """Paragraphs and tables of the document body in reading order (headers, footers and
    footnotes are page furniture and are not read)."""
    document = docx.Document(io.BytesIO(data))
    blocks: list[Block] = []
    for element in _body_elements(document.element.body):
        if element.tag == qn("w:tbl"):
            blocks.append(Block.table(_table_rows(Table(element, document))))
        elif not _is_toc_entry(paragraph := Paragraph(element, document)):
            lines = _LINE_SPLIT.split(_text(element))
            level = _outline_level(paragraph) if len(lines) == 1 else None
            blocks.extend(Block.paragraph(line, outline=level) for line in lines)
    return blocks


_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_NO_OUTLINE = 9  # w:outlineLvl 9 is body text


def _outline_level(paragraph: Paragraph) -> int | None:
    """The heading level Word gives a paragraph (1 = top): its own outline level, else its
    style's or a base style's (a "Heading 2"/"标题 2" style, or one with an outline level)."""
    direct = _outline_of(paragraph._p.pPr)
    if direct is not None:
        return direct
    style = paragraph.style
    for _ in range(10):  # the base-style chain, guarded against cycles
        if style is None:
            return None
        named = _HEADING_STYLE.match((style.name or "").strip())
        if named:
            return int(named.group(1))
        level = _outline_of(style.element.pPr)
        if level is not None:
            return level
        style = style.base_style
    return None


def _outline_of(ppr: BaseOxmlElement | None) -> int | None:
    if ppr is None:
        return None
    found = ppr.find(qn("w:outlineLvl"))
    try:
        value = int(found.get(qn("w:val"))) if found is not None else _NO_OUTLINE
    except (TypeError, ValueError):
        return None
    return value + 1 if 0 <= value < _NO_OUTLINE else None


def _is_toc_entry(paragraph: Paragraph) -> bool:
    """A table-of-contents line ("一、基本情况<tab>3") would read as a duplicate heading."""
    style = paragraph.style
    return style is not None and (style.name or "").lower().startswith("toc ")


def _body_elements(parent: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """w:p and w:tbl children in order, looking inside content controls (w:sdt) too."""
    for child in parent.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt") and not _is_toc_field(child):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_elements(content)


def _is_toc_field(sdt: BaseOxmlElement) -> bool:
    gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return gallery is not None and gallery.get(qn("w:val")) == "Table of Contents"


def _text(element: BaseOxmlElement) -> str:
    """Visible text of a paragraph: runs, inserted revisions, hyperlinks and fields, with tabs
    and line breaks kept; deleted revisions and compatibility fallbacks are skipped."""
    parts: list[str] = []
    _collect(element, parts)
    return "".join(parts)


def _collect(element: BaseOxmlElement, parts: list[str]) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == qn("w:t"):
            parts.append(child.text or "")
        elif tag == qn("w:tab"):
            parts.append("\t")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            parts.append("-")
        elif tag == qn("w:p"):  # a text-box paragraph inside this one: keep it on its own line
            parts.append("\n")
            _collect(child, parts)
            parts.append("\n")
        else:
            _collect(child, parts)


def _table_rows(table: Table) -> list[list[str]]:
    """One list of cell texts per row, on the table's grid: a cell merged across columns is
    laid out by ``grid.spread`` (repeated over sub-headers, else written once); a cell
    merged down the rows is repeated in each (python-docx gives it to every row)."""
    rows: list[list[grid.Span]] = []
    for row in table.rows:
        cells: list[grid.Span] = []
        previous = None
        for cell in _row_cells(row, table):
            if cell._tc is previous:
                cells[-1] = (cells[-1][0], cells[-1][1] + 1)
                continue
            previous = cell._tc
            cells.append((_cell_text(cell), 1))
        rows.append(cells)
    return grid.spread(rows)


def _row_cells(row: _Row, table: Table) -> tuple[_Cell, ...]:
    """python-docx's grid-aware cells; a malformed vertical merge falls back to raw cells."""
    try:
        return row.cells
    except (ValueError, IndexError):
        return tuple(_Cell(tc, table) for tc in row._tr.tc_lst)


def _cell_text(cell: _Cell) -> str:
    """A cell's paragraphs, and the cells of any table nested in it, joined with a space."""
    return " ".join(_cell_parts(cell._tc))


def _cell_parts(tc: BaseOxmlElement) -> Iterator[str]:
    for element in _body_elements(tc):
        if element.tag == qn("w:tbl"):
            for inner in element.iter(qn("w:tc")):
                if inner.getparent().getparent() is element:
                    yield from _cell_parts(inner)
            continue
        text = _text(element).strip()
        if text:
            yield text
