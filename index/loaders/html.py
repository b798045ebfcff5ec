"""HTML reports (portal pages): the article body without site chrome, tables kept as tables."""

from __future__ import annotations

import re
from collections import defaultdict

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from index.loaders import grid
from index.loaders.text import UndecodableText, decode_text, join_wrapped, plausible_text
from index.models import Block

_ALWAYS_DROP = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "iframe", "nav", "form"}
    | {"button", "select", "textarea", "object", "embed"}
)
_DROP_TAGS = frozenset({"header", "footer", "aside"})
_JUNK_WORDS = (
    "nav", "menu", "breadcrumb", "crumb", "footer", "header", "share", "copyright",
    "sidebar", "toolbar", "topbar",
)  # fmt: skip
_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd"})
_BLOCK_TAGS = _PARAGRAPHS | {
    "div", "ul", "ol", "dl", "section", "article", "main", "blockquote", "center", "address",
    "figure", "figcaption", "hr", "tr", "td", "th", "caption", "tbody", "thead", "tfoot", "pre",
}  # fmt: skip
_SUBHEADINGS = {f"h{n}": n - 1 for n in range(2, 7)}
"""Outline level of a heading tag below <h1> (the page's title): <h2> is level 1."""
_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[a-z]+")


def html_blocks(data: bytes) -> tuple[list[Block], str]:
    """Blocks of the page's main article and the encoding it was read with."""
    text, encoding = decode_html(data)
    soup = BeautifulSoup(text, "lxml")
    root = soup.body or soup
    _strip_junk(root)
    container = _main_container(root)
    return _title(container) + _flow(container), encoding


def decode_html(data: bytes) -> tuple[str, str]:
    """Valid UTF-8 is UTF-8 whatever the page claims; otherwise use the declared charset when
    it decodes cleanly (gb2312/gbk read as the GB18030 superset), else detect it like text."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return decode_text(data)
    match = _CHARSET.search(data[:4096])
    if match:
        declared = match.group(1).decode("ascii").lower()
        if declared in ("gb2312", "gbk", "x-gbk", "cp936"):
            declared = "gb18030"
        try:
            return plausible_text(data.decode(declared), declared), declared
        except (LookupError, UnicodeDecodeError, UndecodableText):
            pass
    return decode_text(data)


def _strip_junk(root: Tag) -> None:
    """Remove site chrome: navigation, headers, footers, share bars, hidden elements. An
    element that holds most of the page's text is never removed, whatever its class says."""
    total = _weight(root)
    for element in root.find_all(True):
        if element.decomposed or element.name in ("html", "body"):
            continue
        if _is_junk(element) and _weight(element) < 0.4 * max(total, 1):
            element.decompose()


def _is_junk(element: Tag) -> bool:
    """Chrome by tag, by hidden style, or by an id/class word like nav, menu or footer; a
    header or banner holding the page's <h1> is kept (it is usually the article title)."""
    if element.name in _ALWAYS_DROP:
        return True
    if element.find("h1") is not None or element.name == "h1":
        return False
    if element.name in _DROP_TAGS:
        return True
    style = str(element.get("style", "")).replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    names = " ".join([str(element.get("id", "")), *element.get("class", [])]).lower()
    return any(word in token for token in _WORD.findall(names) for word in _JUNK_WORDS)


def _weight(element: Tag) -> int:
    """Chinese characters in an element's text that is not link text (menus are links)."""
    count = 0
    for string in element.find_all(string=True):
        if not isinstance(string, _SKIPPED_STRINGS) and string.find_parent("a") is None:
            count += len(_CJK.findall(string))
    return count


def _main_container(root: Tag) -> Tag:
    """Readability-like choice: Chinese text in a paragraph scores the paragraph's parent fully
    and its grandparent by half (bare text in a div scores the div); the best element is then
    widened while it holds less than 60% of its parent's text."""
    scores: dict[int, float] = defaultdict(float)
    elements: dict[int, Tag] = {}
    for string in root.find_all(string=True):
        points = len(_CJK.findall(string))
        if not points or isinstance(string, _SKIPPED_STRINGS) or string.find_parent("a"):
            continue
        block = _block_of(string, root)
        target = block.parent if block.name in _PARAGRAPHS and block is not root else block
        for share, element in ((1.0, target), (0.5, target.parent)):
            if isinstance(element, Tag):
                scores[id(element)] += share * points
                elements[id(element)] = element
    if not scores:
        return root
    best = elements[max(scores, key=scores.__getitem__)]
    while best is not root and best.parent is not None and best.parent is not root:
        if _weight(best) >= 0.6 * _weight(best.parent):
            break
        best = best.parent
    return best


def _block_of(string: NavigableString, root: Tag) -> Tag:
    """The nearest block-level element holding a piece of text."""
    for parent in string.parents:
        if parent is root or parent.name in _BLOCK_TAGS:
            return parent
    return root


def _title(container: Tag) -> list[Block]:
    """The article's title when the container does not hold it: the nearest <h1> before the
    container, else the nearest element before it that a class or id names as a title
    ("article-title", "tit", "biaoti") and whose text reads as one (a short line of Chinese)."""
    if container.find(["h1", "h2"]) is not None:
        return []
    previous = container.find_previous("h1")
    if previous is not None:
        return [Block.paragraph(previous.get_text(" ", strip=True))]
    for element in container.find_all_previous(True, limit=_TITLE_LOOKBACK):
        if element in container.parents or not _named_title(element):
            continue
        text = element.get_text(" ", strip=True)
        if _TITLE_CHARS[0] <= len(text) <= _TITLE_CHARS[1] and _CJK.search(text):
            return [Block.paragraph(text)]
    return []


_TITLE_LOOKBACK = 60
_TITLE_CHARS = (6, 80)
_TITLE_WORDS = ("title", "tit", "biaoti", "bt")


def _named_title(element: Tag) -> bool:
    """An element whose id or class has a title word ("article-title", "tit", "bt")."""
    names = " ".join([str(element.get("id", "")), *element.get("class", [])]).lower()
    words = set(_WORD.findall(names))
    return any(word in _TITLE_WORDS for word in words) or "title" in names


def _flow(container: Tag) -> list[Block]:
    """Paragraph blocks for each block element or <br>-separated line, table blocks in place."""
    blocks: list[Block] = []
    buffer: list[str] = []
    _walk(container, blocks, buffer)
    _flush(blocks, buffer)
    return blocks


def _walk(node: Tag, blocks: list[Block], buffer: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, _SKIPPED_STRINGS):
                _add_string(str(child), node, blocks, buffer)
        elif child.name == "br":
            _flush(blocks, buffer)
        elif child.name == "table" and _is_data_table(child):
            _flush(blocks, buffer)
            blocks.extend(_flow(child.caption) if child.caption else [])
            blocks.append(Block.table(_table_rows(child)))
        elif child.name in _BLOCK_TAGS or child.name == "table":
            _flush(blocks, buffer)
            before = len(blocks)
            _walk(child, blocks, buffer)
            _flush(blocks, buffer)
            level = _SUBHEADINGS.get(child.name)
            if level and len(blocks) == before + 1 and blocks[-1].kind == "paragraph":
                blocks[-1] = Block.paragraph(blocks[-1].text, outline=level)
        else:
            _walk(child, blocks, buffer)


def _add_string(text: str, parent: Tag, blocks: list[Block], buffer: list[str]) -> None:
    """Source newlines are just spaces in HTML, except inside <pre>."""
    if parent.name == "pre" or parent.find_parent("pre") is not None:
        lines = text.split("\n")
        for i, line in enumerate(lines):
            buffer.append(line)
            if i < len(lines) - 1:
                _flush(blocks, buffer)
        return
    buffer.append(join_wrapped(text))


def _flush(blocks: list[Block], buffer: list[str]) -> None:
    line = "".join(buffer).strip()
    buffer.clear()
    if line:
        blocks.append(Block.paragraph(line))


def _is_data_table(table: Tag) -> bool:
    """A layout table (nesting tables, or one cell per row) is read as running text."""
    if table.find("table") is not None:
        return False
    return any(len(_cells(row)) >= 2 for row in _rows(table))


def _rows(table: Tag) -> list[Tag]:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _cells(row: Tag) -> list[Tag]:
    return row.find_all(["td", "th"], recursive=False)


def _table_rows(table: Tag) -> list[list[str]]:
    """Cell texts row by row on the table's grid: a rowspan cell is repeated in the rows it
    covers; a colspan cell is laid out by ``grid.spread`` (repeated over sub-headers, else
    written once)."""
    rows: list[list[grid.Span]] = []
    pending: dict[int, tuple[str, int, int]] = {}  # column → (text, span, rows still covered)
    for tr in _rows(table):
        row: list[grid.Span] = []
        width = 0
        cells = iter(_cells(tr))
        while True:
            if width in pending:
                text, across, left = pending.pop(width)
                row.append((text, across))
                if left > 1:
                    pending[width] = (text, across, left - 1)
                width += across
                continue
            cell = next(cells, None)
            if cell is None:
                break
            text = "\n".join(b.text for b in _flow(cell) if b.kind == "paragraph")
            down = min(_int(cell.get("rowspan")), _MAX_SPAN)
            across = min(_int(cell.get("colspan")), _MAX_SPAN)
            if down > 1:
                pending[width] = (text, across, down - 1)
            row.append((text, across))
            width += across
        rows.append(row)
    return grid.spread(rows)


_MAX_SPAN = 50
"""Spans beyond this are malformed markup, not a table layout."""


def _int(value: object) -> int:
    try:
        return max(1, int(str(value)))
    except ValueError:
        return 1


_META_NAMES = ("og:title", "title", "description", "keywords", "author", "subject")


def html_meta(data: bytes) -> list[tuple[str, str]]:
    """The page's <title> and identity-bearing <meta> tags as (name, text) pairs, <title>
    first; a site name suffix ("…_财政预决算_某某政府门户网站") is kept, the reader decides."""
    text, _ = decode_html(data)
    soup = BeautifulSoup(text, "lxml")
    found: list[tuple[str, str]] = []
    if soup.title and soup.title.string:
        found.append(("title", " ".join(soup.title.string.split())))
    for tag in soup.find_all("meta"):
        name = str(tag.get("name") or tag.get("property") or "").lower()
        content = " ".join(str(tag.get("content") or "").split())
        if name in _META_NAMES and content:
            found.append((name, content))
    return found
