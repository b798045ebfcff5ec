"""Plain-text and Markdown reports: encoding detection without mojibake, tab-separated tables."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

from charset_normalizer import from_bytes

from index.loaders.celltables import find_cell_tables
from index.loaders.spaced import tab_spaced_tables
from index.models import Block, OutlineText

PAGE_BREAK = "\f"
"""A paragraph block holding only this marks a page boundary (PDF pages, form feeds in text).
The normaliser uses it to recognise running headers and page counters, then drops it."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE_CHARS = 200_000
_GB_FAMILY = ("gb18030", "gbk", "gb2312", "cp936")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_INTERNAL_TAB = re.compile(r"\S\t+\S")
_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_WRAP = re.compile(
    rf"(?<=[{_WIDE}])[ \t]*[\n\v\u2028\u2029]\s*|\s*[\n\v\u2028\u2029]\s*(?=[{_WIDE}])"
)


class UndecodableText(ValueError):
    """The bytes are not text in any encoding we accept (binary, or garbage under every guess)."""


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode report bytes to (text, encoding): BOM, then strict UTF-8, then strict GB18030,
    then charset-normalizer; each guess must look like real text so we never return mojibake."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return plausible_text(data.decode(encoding, errors="strict"), encoding), encoding
    if b"\x00" in data:
        raise UndecodableText("NUL bytes")
    for encoding in ("utf-8", "gb18030"):
        try:
            return plausible_text(data.decode(encoding, errors="strict"), encoding), encoding
        except (UnicodeDecodeError, UndecodableText):
            continue
    best = from_bytes(data).best()  # its own coherence test has already ruled out mess
    if best is None or _binary_like(str(best)):
        raise UndecodableText("no encoding fits")
    return str(best), best.encoding


def plausible_text(text: str, encoding: str) -> str:
    """Return ``text`` if it reads like a report, else raise UndecodableText: control
    characters mean binary data, and Chinese decoded from the wrong code page (Big5 read as
    GBK, say) is mostly outside GB2312's common characters."""
    if _binary_like(text):
        raise UndecodableText(f"control characters under {encoding}")
    if encoding.replace("_", "").lower() in _GB_FAMILY:
        wide = [ch for ch in text[:_SAMPLE_CHARS] if ord(ch) > 0x7F]
        if sum(1 for ch in wide if _is_common(ch)) < 0.8 * len(wide):
            raise UndecodableText(f"implausible characters under {encoding}")
    return text


def _binary_like(text: str) -> bool:
    """More than a trace of control, private-use or unassigned characters."""
    sample = text[:_SAMPLE_CHARS]
    odd = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn"))
    odd -= sum(sample.count(ch) for ch in "\t\n\r\f\v")
    return odd > max(2, len(sample) // 200)


def _is_common(ch: str) -> bool:
    """Characters a mainland report plausibly uses: GB2312 plus typographic symbols."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return unicodedata.category(ch).startswith(("P", "Z", "S"))
    return True


def text_blocks(text: str, markdown: bool = False) -> list[Block]:
    """Split decoded text into blocks: consecutive lines with a tab between two cells become
    one table, every other line a paragraph (a leading tab is only indentation). A table
    exported one cell per line after its caption is rebuilt (see ``celltables``), and one
    lined up with spaces is cut at its wide gaps (see ``spaced``)."""
    lines = _lines(text, markdown)
    if not markdown:
        lines = unwrap_lines(tab_spaced_tables(lines))
    cell_tables = {table.start: table for table in find_cell_tables(lines)}
    blocks: list[Block] = []
    rows: list[list[str]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line != PAGE_BREAK and i not in cell_tables and _INTERNAL_TAB.search(line):
            rows.append(line.split("\t"))
            i += 1
            continue
        if rows:
            blocks.append(Block.table(rows))
            rows = []
        if i in cell_tables:
            blocks.append(Block.table(cell_tables[i].rows))
            i = cell_tables[i].end
            continue
        blocks.append(Block.paragraph(line, outline=getattr(line, "outline", None)))
        i += 1
    if rows:
        blocks.append(Block.table(rows))
    return blocks


def _lines(text: str, markdown: bool) -> list[str]:
    """Lines with unified line endings; a form feed yields a PAGE_BREAK line of its own."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for raw in text.split("\n"):
        for i, piece in enumerate(raw.split(PAGE_BREAK)):
            if i:
                out.append(PAGE_BREAK)
            if not markdown:
                out.append(piece)
            elif not _MD_RULE.match(piece):
                out.append(_markdown_line(piece))
    return out


def _markdown_line(line: str) -> str:
    """Markdown headings lose their ``#`` marks and quotes their ``>`` (list markers stay:
    a contents list must not read as headings);
    pipe-table rows become tab-separated rows; inline markup (emphasis, code, links) is
    reduced to its text everywhere, table cells included."""
    stripped = line.strip()
    if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
        cells = _MD_PIPE.split(stripped[1:-1])
        return "\t".join(_md_inline(cell.strip()).replace("\\|", "|") for cell in cells)
    heading = _MD_HEADING.match(line)
    text = _md_inline(_MD_BLOCK.sub("", _MD_HEADING.sub("", line)))
    if heading is None or heading.group().count("#") < 2 or not text.strip():
        return text  # "# …" is the document's title, not a section
    return OutlineText(text, heading.group().count("#") - 1)


_MD_PIPE = re.compile(r"(?<!\\)\|")
_MD_BLOCK = re.compile(r"^\s{0,3}(?:>\s?)+")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|~~)(?=\S)(.+?)(?<=\S)\1")
_MD_CODE = re.compile(r"`([^`]+)`")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def _md_inline(text: str) -> str:
    """Inline Markdown reduced to its text: **粗体**, *斜体*, `代码`, [链接](url)."""
    text = _MD_LINK.sub(r"\1", _MD_CODE.sub(r"\1", text))
    previous = None
    while previous != text:
        previous, text = text, _MD_EMPHASIS.sub(r"\2", text)
    return text


def join_wrapped(text: str) -> str:
    """Undo line wrapping inside a cell or an HTML text run: a break next to a Chinese
    character or full-width punctuation vanishes, any other break becomes a space."""
    return re.sub(r"\s*[\n\v\u2028\u2029]\s*", " ", _WRAP.sub("", text))


MIN_WRAP_WIDTH = 40
"""Narrowest display width (a Chinese character counts 2) a hard-wrapping export uses."""
MIN_WRAPPED_LINES = 3
"""Lines that must end at the same width, mid-sentence, before a file counts as wrapped."""
_WRAP_SLACK = 3
_OPENS_BLOCK = re.compile(
    r"\s|第[一二三四五六七八九十]{1,3}(?:部分|章)|[一二三四五六七八九十]{1,3}[、．.]"
    r"|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}(?:、|[.．](?!\d))|[-*•●■◆]"
)
_CLOSED_LINE = tuple("。！？!?；;：:")


def unwrap_lines(lines: list[str]) -> list[str]:
    """Rejoin a paragraph that a plain-text export hard-wrapped at a fixed width ("…基本支出
    12,406.18" / "万元，…"): when several lines stop mid-sentence at one display width, a line
    that reaches that width without closing its sentence is continued by the next line, unless
    that one is indented, blank, a table row or opens a numbered item. Files without such a
    width are left as they are."""
    width = _wrap_width(lines)
    if width is None:
        return lines
    out: list[str] = []
    open_line = False
    for line in lines:
        if open_line and line.strip() and "\t" not in line and not _OPENS_BLOCK.match(line):
            out[-1] = join_wrapped(f"{out[-1]}\n{line}")
        else:
            out.append(line)
        last = out[-1]
        open_line = (
            line != PAGE_BREAK
            and "\t" not in last
            and _display_width(line) >= width - _WRAP_SLACK
            and not line.rstrip().endswith(_CLOSED_LINE)
        )
    return out


def _wrap_width(lines: list[str]) -> int | None:
    """The width most lines left open mid-sentence stop at, if enough of them share one."""
    widths = [
        _display_width(line)
        for line in lines
        if "\t" not in line and line.strip() and not line.rstrip().endswith(_CLOSED_LINE)
    ]
    common = Counter(w for w in widths if w >= MIN_WRAP_WIDTH)
    if not common:
        return None
    width, _ = max(common.items(), key=lambda item: (item[1], item[0]))
    near = sum(n for w, n in common.items() if abs(w - width) <= _WRAP_SLACK)
    return width if near >= MIN_WRAPPED_LINES else None


def _display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line.rstrip())
