"""Loaded blocks → the report's normalised text: clean lines, real tables, no page furniture.

Rules, applied once: lines are stripped and their inner whitespace collapsed (Chinese
punctuation and full-width characters are kept exactly as written); conversion artifacts
(``[bookmark: …]``), page numbers, running headers, empty cover-page fields and table-of-contents
entries are dropped; table cells lose their line breaks and all-empty rows are dropped.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from index.form_rows import form_unit_caption, lift_label_rows
from index.loaders.text import PAGE_BREAK, join_wrapped
from index.models import Block, Line, LoadedDocument, NormalisedText, OutlineText

_CJK = re.compile(r"[\u3400-\u9fff]")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_DASH = "-—–－―~～"
_PAGE_NUMBER = re.compile(
    rf"[{_DASH}]+ ?\d{{1,4}} ?[{_DASH}]+"
    r"|第 ?\d{1,4} ?页(?: ?[,，/]? ?共 ?\d{1,4} ?页)?"
    r"|共 ?\d{1,4} ?页 ?[,，]? ?第 ?\d{1,4} ?页"
    r"|(?:page|p\.) ?\d{1,4}(?: ?(?:of|/) ?\d{1,4})?",
    re.IGNORECASE,
)
_PAGE_FRACTION = re.compile(r"(\d{1,4}) ?/ ?(\d{1,4})")
_BARE_NUMBER = re.compile(r"\d{1,4}")
_COVER_LABEL = (
    r"(?:单位名称|部门名称|单位|部门|填报单位|报送单位|编制单位|评价单位|填报人|填表人|联系人|"
    r"经办人|审核人|负责人|单位负责人|财务负责人|部门负责人|项目负责人|联系电话|电话|手机|"
    r"联系地址|地址|邮编|邮政编码|填报日期|报送日期|日期|盖章|签章|签字)"
)
_COVER_FIELD = rf"{_COVER_LABEL}(?:[（(][^）)]{{0,8}}[）)])? ?[:：][ _＿]*"
_COVER_NOTE = r"[（(]?(?:此页为封面|封面|此页无正文|以下无正文)[）)]?"
_COVER_FILLER = re.compile(rf"(?:{_COVER_FIELD})+|{_COVER_NOTE}|年 ?月 ?日|[-—_＿=~*·.…]{{3,}}")
_TOC_ENTRY = re.compile(r".{2,80}?(?:[.．·…‥]\s?){3,}\s?\d{1,4}")
_TOC_TITLE = re.compile(r"目 ?录")
_HEADER_PAGE = re.compile(r"^(?:第 ?\d{1,4} ?页 ?|\d{1,4} +)|(?: ?第 ?\d{1,4} ?页| +\d{1,4})$")


@dataclass(frozen=True)
class _Table:
    """A cleaned table: rows of cleaned cells, none of them all empty."""

    rows: tuple[tuple[str, ...], ...]

    @property
    def width(self) -> int:
        return max(len(row) for row in self.rows)


_Unit = str | _Table | None  # None marks a page break


def normalise(doc: LoadedDocument) -> NormalisedText:
    """Clean a loaded document into the normalised text that chunks and citations index."""
    units, closed = _clean_units(doc.blocks)
    units = _drop_furniture(units, closed)
    return _build(_spaced_headers(units))


def clean_line(text: str) -> str:
    """One text line as stored: artifacts and invisible characters removed, whitespace
    (including full-width spaces and NBSP) stripped and collapsed to single spaces."""
    text = _INVISIBLE.sub("", _BOOKMARK.sub("", text))
    return " ".join(text.split())


def clean_cell(text: str) -> str:
    """A table cell as stored: wrapped lines rejoined (no space between Chinese characters),
    then cleaned like a line. Cells never contain a tab or a newline."""
    return clean_line(join_wrapped(text))


def is_furniture_line(line: str) -> bool:
    """Whether a cleaned text line is page furniture that never carries report content:
    a page number, an empty cover-page field, a cover note or a table-of-contents entry."""
    return _is_page_number(line) or bool(
        _COVER_FILLER.fullmatch(line) or _TOC_ENTRY.fullmatch(line)
    )


def _is_page_number(line: str) -> bool:
    if _PAGE_NUMBER.fullmatch(line):
        return True
    fraction = _PAGE_FRACTION.fullmatch(line)
    return bool(fraction) and 0 < int(fraction.group(1)) <= int(fraction.group(2))


def _clean_units(blocks: tuple[Block, ...]) -> tuple[list[_Unit], set[int]]:
    """Cleaned text lines, tables and page-break markers, empty lines dropped; and the
    indices of lines a loader saw stop short of the right margin (a paragraph's end)."""
    units: list[_Unit] = []
    closed: set[int] = set()
    for block in blocks:
        if block.kind == "table":
            for unit in _clean_table(block.rows):
                if isinstance(unit, _Table):  # a form's "项目资金（万元）": its unit caption
                    caption = form_unit_caption(units[-2:], unit.rows[0])
                    units.extend([caption] if caption else [])
                units.append(unit)
        elif block.text == PAGE_BREAK:
            units.append(None)
        else:
            lines = [line for line in map(clean_line, block.text.splitlines()) if line]
            if block.outline is not None and len(lines) == 1:
                lines = [OutlineText(lines[0], block.outline)]
            units.extend(lines)
            if block.open_end is False and units and isinstance(units[-1], str):
                closed.add(len(units) - 1)
    return units, closed


def _spaced_headers(units: list[_Unit]) -> list[_Unit]:
    """A table's header row that a PDF's text layer wrote as words apart by spaces right above
    its rows ("指标 目标值 完成值 分值 得分", a page break may fall between), made the table's
    first row: one word per column, no figure among them, over a first row that holds figures
    (so that row is no header)."""
    out = list(units)
    for i, unit in enumerate(out):
        if not isinstance(unit, str):
            continue
        j = i + 1
        while j < len(out) and out[j] is None:
            j += 1  # a page break between the header line and its rows
        after = out[j] if j < len(out) else None
        if isinstance(after, _Table) and _header_words(unit, after.rows[0]):
            out[j] = _Table((tuple(unit.split()), *after.rows))
            out[i] = ""  # moved into the table
    return [u for u in out if u != ""]


def _header_words(line: str, row: tuple[str, ...]) -> bool:
    words = line.split()
    return (
        len(words) == len(row) >= 3
        and not any(_is_figure(w) or len(w) > 12 for w in words)
        and any(_is_figure(cell.strip()) for cell in row[1:])
    )


def _clean_table(rows: tuple[tuple[str, ...], ...]) -> list[_Unit]:
    """A table with its empty rows removed; a one-column table is really text, so its cells
    become text lines."""
    cleaned = [tuple(clean_cell(cell) for cell in row) for row in rows]
    cleaned = [row for row in cleaned if any(row)]
    if not cleaned:
        return []
    if all(len(row) == 1 for row in cleaned):
        return [row[0] for row in cleaned]
    lifted, cleaned = lift_label_rows(cleaned)  # a form's "项目名称 | X" rows above its header
    captions: list[_Unit] = list(lifted)
    if not cleaned:
        return captions
    while len(cleaned) > 2 and len({cell for cell in cleaned[0] if cell}) == 1:
        captions.append(next(cell for cell in cleaned[0] if cell))  # a title or unit row
        cleaned = cleaned[1:]
    return [*captions, _Table(tuple(_merge_header_rows(cleaned)))]


_HEADER_NUMBER = re.compile(r"[≥≤＞＜><]?\d[\d,.，]*%?")


def _merge_header_rows(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A header written on two rows (a spanning "2022年度" over "预算数 决算数", a merged
    "项目" repeated on both or left empty below) becomes one row, each column headed by its
    two labels ("2022年度预算数"), so that row 0 names every column. Only when both rows are
    all labels, are equally wide, and the first shows a span: one label repeated over
    adjacent columns, or a label followed by empty cells (a PDF's merged cell) over labels
    of the second row, which the label then heads too. The second row's first cell must be
    empty or repeat the first's (the row-label column merged down the header). A lower label
    that already holds the upper one ("预算" over "年初预算") stands alone."""
    if len(rows) < 3:
        return rows
    top, below = list(rows[0]), rows[1]
    if len(top) != len(below) or any(_is_figure(cell) for cell in (*top, *below)):
        return rows
    if below[0] and below[0] != top[0]:
        return rows  # the second row names itself: a data row, not more header
    spans = any(a and a == b for a, b in itertools.pairwise(top))
    for j in range(1, len(top)):  # a merged cell read as a label then empty cells
        if not top[j] and top[j - 1] and below[j] and below[j - 1] not in ("", top[j - 1]):
            top[j], spans = top[j - 1], True
    if not spans or all(a == b or not b for a, b in zip(top, below, strict=True)):
        return rows
    merged = tuple(
        a if a == b or not b else b if not a or a in b else a + b
        for a, b in zip(top, below, strict=True)
    )
    return [merged, *rows[2:]]


def _is_figure(cell: str) -> bool:
    """A cell holding a number other than a year."""
    return bool(_HEADER_NUMBER.fullmatch(cell)) and not re.fullmatch(r"(?:19|20)\d{2}", cell)


def _drop_furniture(units: list[_Unit], closed: set[int] = frozenset()) -> list[_Unit]:
    """Remove page numbers, running headers/footers, page counters, cover filler and the
    table of contents; page-break markers are consumed here."""
    numbers = {i for i, u in enumerate(units) if isinstance(u, str) and _is_page_number(u)}
    drop = numbers | {i for i, u in enumerate(units) if isinstance(u, str) and is_furniture_line(u)}
    drop |= _toc_titles(units)
    if None in units:  # page breaks known: running headers sit at the top or bottom of pages
        drop |= _running_headers(units, drop, _page_edges(units, drop))
    else:  # paged text flattened: running headers sit next to the page numbers
        drop |= _running_headers(units, drop, _beside(units, drop, numbers))
    drop |= _page_counters(units, drop)
    kept = [(unit, i in closed) for i, unit in enumerate(units) if i not in drop]
    return [unit for unit in _join_across_pages(kept) if unit is not None]


def _join_across_pages(units: list[tuple[_Unit, bool]]) -> list[_Unit]:
    """A sentence the page break cut in two is one line again: the last line of a page, once
    the furniture is gone, is joined with the first line of the next page when it is a long
    line of prose left open (no sentence-closing punctuation, not seen to stop short of the
    margin) and the next line opens neither a numbered heading nor a table."""
    out: list[_Unit] = []
    last = -1  # index in ``out`` of the last line or table
    last_closed = True
    pending_break = False
    for unit, closed in units:
        if unit is None:
            pending_break = True
            out.append(None)
            continue
        before = out[last] if last >= 0 else None
        if (
            pending_break
            and isinstance(unit, str)
            and isinstance(before, str)
            and not last_closed
            and _continues_over_page(before, unit)
        ):
            out[last] = join_wrapped(f"{before}\n{unit}")
            last_closed = closed
            pending_break = False
            continue
        pending_break = False
        out.append(unit)
        last, last_closed = len(out) - 1, closed
    return out


_CLOSERS = "”’」』）)】]"
_SENTENCE_END = "。！？!?；;：:…"
_OPENS_SECTION = re.compile(
    r"(?:第[一二三四五六七八九十]{1,3}(?:部分|章)|[一二三四五六七八九十]{1,3}[、．.]"
    r"|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}(?:、|[.．](?!\d))|附件|附表|表 ?\d)"
)
_MIN_OPEN_LINE = 15
_TABLE_NOTE = re.compile(r"单位[:：]|表$|表[（(]")


def _continues_over_page(before: str, after: str) -> bool:
    """Whether ``after`` (first line of a page) carries on the sentence ``before`` (last line
    of the previous page) left open."""
    if len(before) < _MIN_OPEN_LINE or not _CJK.search(before):
        return False
    if before.rstrip(_CLOSERS)[-1:] in _SENTENCE_END or before.endswith(_CLOSERS):
        return False
    if _OPENS_SECTION.match(before) or _TABLE_NOTE.search(before):
        return False
    return not (_OPENS_SECTION.match(after) or _TABLE_NOTE.search(after))


def _toc_titles(units: list[_Unit]) -> set[int]:
    """A "目录" line whose next line is a dropped table-of-contents entry."""
    return {
        i
        for i, unit in enumerate(units[:-1])
        if isinstance(unit, str)
        and _TOC_TITLE.fullmatch(unit)
        and isinstance(units[i + 1], str)
        and _TOC_ENTRY.fullmatch(units[i + 1])
    }


def _pages(units: list[_Unit], drop: set[int]) -> list[list[int]]:
    """Indices of the kept lines and tables on each page (one page when there are no breaks)."""
    pages: list[list[int]] = [[]]
    for i, unit in enumerate(units):
        if unit is None:
            pages.append([])
        elif i not in drop:
            pages[-1].append(i)
    return [page for page in pages if page]


def _page_edges(units: list[_Unit], drop: set[int]) -> list[int]:
    """The first and the last item of every page when they are text lines (pages known)."""
    pages = _pages(units, drop)
    if len(pages) < 2:
        return []
    edges = {i for page in pages for i in (page[0], page[-1]) if isinstance(units[i], str)}
    return sorted(edges)


def _beside(units: list[_Unit], drop: set[int], numbers: set[int]) -> list[int]:
    """Text lines right before or after a page-number line (where running headers sit when a
    file was converted from paged text without page breaks)."""
    found: set[int] = set()
    for i in numbers:
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(units) and (j in drop or units[j] is None):
                j += step
            if 0 <= j < len(units) and isinstance(units[j], str):
                found.add(j)
    return sorted(found)


def _running_headers(units: list[_Unit], drop: set[int], candidates: list[int]) -> set[int]:
    """Candidate lines that recur (page number aside) at least three times in header positions,
    and mostly there. The first copy is kept when it is on the first page: it is usually the
    report's title."""
    lines = {i: units[i] for i in candidates if i not in drop and _header_like(units[i])}
    at_edge = Counter(_key(line) for line in lines.values())
    overall = Counter(_key(u) for i, u in enumerate(units) if isinstance(u, str) and i not in drop)
    keys = {k for k, n in at_edge.items() if n >= 3 and n >= 0.5 * overall[k]}
    found = {i for i, line in lines.items() if _key(line) in keys}
    first_break = next((i for i, u in enumerate(units) if u is None), None)
    for key in keys:
        first = min(i for i in found if _key(units[i]) == key)
        if first_break is not None and first < first_break:
            found.discard(first)
    return found


def _page_counters(units: list[_Unit], drop: set[int]) -> set[int]:
    """Bare numbers at page edges that count up with the pages (never numbers elsewhere)."""
    pages = _pages(units, drop)
    if len(pages) < 2:
        return set()
    offsets: dict[int, list[int]] = {}
    for number, page in enumerate(pages):
        for i in {*page[:1], *page[-1:]}:
            unit = units[i]
            if isinstance(unit, str) and _BARE_NUMBER.fullmatch(unit):
                offsets.setdefault(int(unit) - number, []).append(i)
    best = max(offsets.values(), key=len, default=[])
    return set(best) if len(best) >= max(2, len(pages) / 2) else set()


def _header_like(unit: _Unit) -> bool:
    """At least four characters with some letters or Chinese: never a bare number."""
    return isinstance(unit, str) and len(unit) >= 4 and re.search(r"[^\W\d_]", unit) is not None


def _key(line: str) -> str:
    """A running header compared without the page number it may carry at either end."""
    return _HEADER_PAGE.sub("", line)


def _build(units: list[_Unit]) -> NormalisedText:
    """Lay out the kept units as normalised text. Adjacent tables of the same width are one
    table continued across a page (a repeated header row is dropped); otherwise they stay
    separate tables."""
    items: list[str | tuple[str, ...]] = []
    starts: set[int] = set()
    first: _Table | None = None
    for unit in units:
        if not isinstance(unit, _Table):
            items.append(unit)
            first = None
            continue
        rows = list(unit.rows)
        if first is not None and first.width == unit.width:
            rows = rows[1:] if rows[0] == first.rows[0] else rows
        else:
            if first is not None:
                starts.add(len(items))
            first = unit
        items.extend(rows)
    return _split_tables(NormalisedText.from_lines(items), starts)


def _split_tables(text: NormalisedText, starts: set[int]) -> NormalisedText:
    """Renumber tables so that a table starting right after another one gets its own index
    (``from_lines`` treats any run of rows as a single table)."""
    if not starts:
        return text
    lines: list[Line] = []
    table, row, previous_was_row = -1, 0, False
    for index, line in enumerate(text.lines):
        if line.kind == "table_row":
            if not previous_was_row or index in starts:
                table, row = table + 1, 0
            line = dataclasses.replace(line, table=table, row=row)
            row += 1
        previous_was_row = line.kind == "table_row"
        lines.append(line)
    return dataclasses.replace(text, lines=tuple(lines))
