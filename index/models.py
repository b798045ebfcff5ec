"""Frozen records exchanged by the indexing stages: load → normalise → sections → chunks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

CELL_SEP = "\t"
"""Separator between table cells in normalised text (one table row = one line)."""

PATH_SEP = " › "
"""Separator between headings in a section path shown to users."""

PREAMBLE_TITLE = "标题及导语"
"""Section name for the text before the first heading (title lines and lead paragraph)."""

SHEET_PREFIX = "工作表："
"""Start of the line a spreadsheet loader writes for each sheet; a top-level heading."""


@dataclass(frozen=True)
class Block:
    """One unit a loader found, in document order: a paragraph (one line) or a whole table."""

    kind: Literal["paragraph", "table"]
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    open_end: bool | None = None
    """Whether a paragraph's last printed line ran to the right edge of the text column, so
    the paragraph may go on over the page: known only to loaders that see the page (PDF)."""
    outline: int | None = None
    """The heading level the document's own markup gives this paragraph (a Word heading
    style or outline level, an HTML <h2>…<h6>, a Markdown "##"): 1 is the top level."""

    @staticmethod
    def paragraph(text: str, open_end: bool | None = None, outline: int | None = None) -> Block:
        return Block(kind="paragraph", text=text, open_end=open_end, outline=outline)

    @staticmethod
    def table(rows: list[list[str]] | tuple[tuple[str, ...], ...]) -> Block:
        return Block(kind="table", rows=tuple(tuple(cell for cell in row) for row in rows))


@dataclass(frozen=True)
class OcrLine:
    """A line (or table cell) read by OCR from a scanned page: where it is and how sure.

    ``page`` is 1-based; the box is in PDF points from the page's top-left corner;
    ``confidence`` is the recogniser's score (0–1). ``start``/``end`` locate the text in the
    report's normalised text once known (-1 when the normaliser dropped it)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    confidence: float
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class LoadedDocument:
    """What a loader returns: blocks in reading order plus how the file was read."""

    file: str
    format: str
    blocks: tuple[Block, ...]
    encoding: str | None = None
    ocr: tuple[OcrLine, ...] = ()
    """Lines read by OCR (scanned PDF pages), in reading order; empty for other files."""
    pages: int = 0
    """Pages in the file (PDF), 0 when the format has none."""
    meta: tuple[tuple[str, str], ...] = ()
    """Document metadata that may name the report (an HTML page's <title> and <meta> tags)."""


@dataclass(frozen=True)
class Line:
    """One line of normalised text. ``text == normalised[start:end]`` (no trailing newline)."""

    start: int
    end: int
    kind: Literal["text", "table_row"]
    table: int | None = None
    """Index of the table this row belongs to (0-based per report), None for text lines."""
    row: int | None = None
    """Row number inside its table; row 0 is the table's header row."""
    outline: int | None = None
    """Heading level the document's markup gave this text line (``Block.outline``)."""


class OutlineText(str):
    """A cleaned text line that the document marks as a heading of ``outline`` level."""

    outline: int

    def __new__(cls, text: str, outline: int) -> OutlineText:
        made = super().__new__(cls, text)
        made.outline = outline
        return made


@dataclass(frozen=True)
class NormalisedText:
    """A report's cleaned text (lines joined by "\\n") and where each line sits in it."""

    text: str
    lines: tuple[Line, ...]

    def line_text(self, line: Line) -> str:
        return self.text[line.start : line.end]

    @staticmethod
    def from_lines(items: list[str | tuple[str, ...]]) -> NormalisedText:
        """Build from cleaned lines: a ``str`` is a text line, a ``tuple`` of cells a table row.

        Consecutive tuples form one table; its first row is the header row. Items must already
        be clean (no newlines, no empty lines)."""
        parts: list[str] = []
        lines: list[Line] = []
        pos = 0
        table = -1
        row = 0
        previous_was_row = False
        for item in items:
            if isinstance(item, tuple):
                if not previous_was_row:
                    table += 1
                    row = 0
                text = CELL_SEP.join(item)
                line = Line(pos, pos + len(text), "table_row", table=table, row=row)
                row += 1
                previous_was_row = True
            else:
                text = str(item)
                outline = item.outline if isinstance(item, OutlineText) else None
                line = Line(pos, pos + len(text), "text", outline=outline)
                previous_was_row = False
            parts.append(text)
            lines.append(line)
            pos += len(text) + 1
        return NormalisedText(text="\n".join(parts), lines=tuple(lines))


@dataclass(frozen=True)
class Heading:
    """A heading found at the start of a line; ``end`` may stop before the line ends
    when a numbered heading is followed by body text on the same line."""

    line: int
    level: int
    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Section:
    """A contiguous run of lines ``[first_line, last_line]`` that belongs to one section path.

    Sections partition the report: every line is in exactly one section. ``path`` lists the
    headings from the top level down (the preamble before any heading has path
    ``(PREAMBLE_TITLE,)``)."""

    path: tuple[str, ...]
    first_line: int
    last_line: int
    start: int
    end: int

    @property
    def path_text(self) -> str:
        return PATH_SEP.join(self.path)


@dataclass(frozen=True)
class ReportIdentity:
    """Who and what a report is about. A field that could not be detected is None."""

    county: str | None = None
    department: str | None = None
    year: int | None = None
    doc_type: str | None = None
    title: str | None = None
    sources: tuple[tuple[str, str], ...] = ()
    """Where each detected field came from: ("county", "title"), ("year", "file_name") …
    Provenance names: title, html_title, source_line, responsible_body, table_title,
    sentence, site_name, file_name, override."""

    def source_of(self, name: str) -> str | None:
        return dict(self.sources).get(name)


@dataclass(frozen=True)
class Chunk:
    """A passage to embed and cite: an exact span of the normalised text inside one section.

    ``text == normalised[start:end]`` except that a table chunk after the first one of its table
    repeats the header row: then ``header`` holds that row and ``text`` is
    ``header + "\\n" + normalised[start:end]``. ``span_text`` is always the exact span."""

    id: str
    report_id: str
    section_path: tuple[str, ...]
    start: int
    end: int
    text: str
    tokens: int
    kind: Literal["text", "table"] = "text"
    header: str | None = None
    ordinal: int = 0

    @property
    def section(self) -> str:
        return PATH_SEP.join(self.section_path)


@dataclass(frozen=True)
class Report:
    """A report as stored: identity, source file, content hash and normalised text."""

    id: str
    file: str
    path: str
    format: str
    content_hash: str
    identity: ReportIdentity
    text: str
    encoding: str | None = None
    chunk_count: int = 0
    overrides: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class FactRecord:
    """One figure a report states about a known metric, with where it says so.

    ``value_text`` is the figure as written ("1.16万元", or "6.60" for a table cell whose unit
    comes from the caption); ``unit`` is the unit it is in; ``value`` its number as a decimal
    string in that unit; ``value_yuan`` the amount in 元 for money (decimal string), else None.
    ``start``/``end`` span the sentence or table row in the normalised text."""

    report_id: str
    metric: str
    qualifier: str | None
    value_text: str
    unit: str
    value: str
    value_yuan: str | None
    year: int | None
    start: int
    end: int
    source: Literal["text", "table"] = "text"
    conflict: bool = False

    @property
    def written(self) -> str:
        """The figure as written, with its unit when the report gave it in a caption
        ("6.60" → "6.60万元")."""
        text = self.value_text
        return text if not self.unit or text.endswith(self.unit) else f"{text}{self.unit}"
