"""Section tree: find a report's headings and cut its lines into sections.

Rules (Chinese report conventions; precision first, a missed heading only merges two sections):

- Styles and ranks: 第一部分/第一章 (0), 一、 (1), （一）/(一) (2), 1、/1./1． (3),
  （1）/(1) (4). Only a marker at the start of a text line counts (a space may follow it);
  table rows never do.
- Chinese-numbered lines: the title is the text before the first "。" (≤ 40 characters) and the
  body may follow on the same line. A line that is one sentence and sits next to its numbered
  neighbour (k-1 or k+1, same style) is a list item; a line with a "。" that continues a list
  of body items (k-1 was body in this section) is one too.
- Arabic-numbered lines are headings only when ≤ 30 characters, with no "。" and no sentence
  punctuation at the end, not in a run of adjacent numbered items; up to 60 characters when
  they continue a heading numbered k-1 of the same style (the deepest one on the stack).
- Unnumbered headings: short lines without punctuation or digits that end in a heading word
  (情况, 措施 …), follow prose or a heading and are followed by prose; they nest under the
  deepest numbered heading and replace a previous unnumbered sibling. Before the first
  numbered heading everything (report title, lead) is preamble.
- A line the document's markup marks as a heading (a Word heading style or outline level,
  HTML <h2>…<h6>, Markdown "##"; ``Line.outline``) and that has no numbering marker is a
  heading of that level when it reads as one (≤ 40 characters, not a sentence): level 1 ranks
  with 第一部分, level 2 with 一、 and so on.
- A line "工作表：<name>" (a spreadsheet's sheet, written by the spreadsheet loader) opens a
  new top-level section; everything until the next sheet nests under it.
- Nesting is a stack. A numbered heading k is the sibling of a same-style entry numbered k-1
  (deepest first); else a same-style list restarting at 1 nests under it; else, with no
  same-style entry, it continues the deepest numbered entry when that is numbered k-1 and
  k ≥ 3 ("七、" then "8、"; k = 2 is too often a sub-list whose "1" was body text); else entries
  of the same or a deeper rank are popped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.models import PREAMBLE_TITLE, SHEET_PREFIX, Heading, NormalisedText, Section

_CN = "一二三四五六七八九十"
_CN_DIGITS = {c: i for i, c in enumerate(_CN[:9], start=1)}
_MARKERS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("part", 0, re.compile(rf"第([{_CN}]{{1,3}})(?:部分|章)")),
    ("cn", 1, re.compile(rf"([{_CN}]{{1,3}})[、．.]")),
    ("cn_paren", 2, re.compile(rf"[（(]([{_CN}]{{1,3}})[）)]、?")),
    ("ar", 3, re.compile(r"(\d{1,2})(?:、|[.．](?!\d))")),
    ("ar_paren", 4, re.compile(r"[（(](\d{1,2})[）)]")),
)
_ARABIC = frozenset({"ar", "ar_paren"})
_SPACES = " \u3000\t"
_END_PUNCT = "。；;，,：:！？!?"
_UNNUMBERED_BANNED = re.compile(r"[，。；：、,;:！？!?\d]")
_HEADING_WORDS = (
    "情况", "问题", "措施", "概况", "目标", "分析", "说明", "管理", "建设", "发展", "提升",
    "成效", "绩效", "应用", "执行", "配置", "评价", "结果", "做法", "建议", "举措", "依据",
)  # fmt: skip
_MAX_CN_TITLE = 40
_MAX_AR_TITLE = 30
_MAX_AR_LOOSE = 60
_MAX_UNNUMBERED = 20
_MIN_BODY = 25
_UNNUMBERED_RANK = 99


@dataclass(frozen=True)
class _Marker:
    """A numbering marker at the start of a line: its style, rank and number."""

    style: str
    rank: int
    number: int


@dataclass(frozen=True)
class _Candidate:
    """A numbered line and how strongly its shape says "heading"."""

    marker: _Marker
    title: str
    offset: int
    shape: str  # "heading", "loose" (only if it continues a sibling) or "body"
    listy: int  # 2: a list item next to its neighbours; 1: only when it continues a body list


@dataclass(frozen=True)
class _Entry:
    """One open heading on the nesting stack (style None for unnumbered headings)."""

    title: str
    style: str | None
    rank: int
    number: int | None


def _cn_number(digits: str) -> int | None:
    """Value of a Chinese numeral from 一 to 九十九, None if it is not one."""
    if digits in _CN_DIGITS:
        return _CN_DIGITS[digits]
    head, sep, tail = digits.partition("十")
    if not sep or (head and head not in _CN_DIGITS) or (tail and tail not in _CN_DIGITS):
        return None
    return (_CN_DIGITS[head] if head else 1) * 10 + (_CN_DIGITS[tail] if tail else 0)


def _marker(text: str) -> _Marker | None:
    """The numbering marker that opens ``text`` (already left-stripped), if any."""
    for style, rank, pattern in _MARKERS:
        match = pattern.match(text)
        if not match:
            continue
        digits = match.group(1)
        number = int(digits) if style in _ARABIC else _cn_number(digits)
        if not number or (style != "part" and not text[match.end() :].strip(_SPACES)):
            return None
        return _Marker(style, rank, number)
    return None


def _shape(text: str, style: str) -> tuple[str, str, int]:
    """Title, shape class and list-item likeness of a numbered line (see the module rules)."""
    if style in _ARABIC:
        title = text.rstrip()
        if "。" in title or title[-1] in _END_PUNCT or len(title) > _MAX_AR_LOOSE:
            return title, "body", 2
        return title, "heading" if len(title) <= _MAX_AR_TITLE else "loose", 2
    cut = text.find("。")
    title = (text if cut < 0 else text[:cut]).rstrip()
    if len(title) > _MAX_CN_TITLE or title[-1] in "，,；;":
        return title, "body", 1
    if cut < 0:
        return title, "heading", 0  # a title alone on its line is a heading even after a list
    return title, "heading", 1 if text[cut + 1 :].strip() else 2


def _candidate(texts: list[str | None], i: int) -> _Candidate | None:
    """Parse line ``i`` as a numbered line; adjacency to numbered neighbours marks list items."""
    raw = texts[i]
    if raw is None:
        return None
    text = raw.lstrip(_SPACES)
    marker = _marker(text)
    if marker is None:
        return None
    title, shape, listy = _shape(text, marker.style)
    if listy == 2 and shape != "body" and _has_numbered_neighbour(texts, i, marker):
        shape = "body"
    return _Candidate(marker, title, len(raw) - len(text), shape, listy)


def _has_numbered_neighbour(texts: list[str | None], i: int, marker: _Marker) -> bool:
    """True when the line before is item k-1 or the line after is item k+1 of the same style."""
    for j, number in ((i - 1, marker.number - 1), (i + 1, marker.number + 1)):
        other = texts[j] if 0 <= j < len(texts) else None
        found = _marker(other.lstrip(_SPACES)) if other else None
        if found and found.style == marker.style and found.number == number:
            return True
    return False


def _is_unnumbered(texts: list[str | None], i: int) -> bool:
    """True when line ``i`` looks like an unnumbered heading between prose paragraphs."""
    text = (texts[i] or "").strip()
    if not 4 <= len(text) <= _MAX_UNNUMBERED or _UNNUMBERED_BANNED.search(text):
        return False
    if text.endswith(("表", "单位")) or not text.endswith(_HEADING_WORDS):
        return False
    prev = texts[i - 1] if i > 0 else ""  # None: a table row
    if prev is not None:
        prev = prev.strip()
        if 1 <= len(prev) <= 6 and _marker(prev) is None:
            return False  # a cell of a table laid out one cell per line
        if len(prev) >= _MIN_BODY and prev[-1] not in "。；;！？!?：:”）)":
            return False  # the previous paragraph runs on: this is its wrapped tail
    after = texts[i + 1] if i + 1 < len(texts) else None
    if after is None:
        return False
    after = after.strip()
    if _marker(after) is not None:
        return True
    long_prev = prev is not None and len(prev) >= _MIN_BODY
    return len(after) >= _MIN_BODY or (len(after) >= 12 and long_prev)


def _deepest_numbered(stack: list[_Entry]) -> int | None:
    """Index of the deepest numbered entry on the stack."""
    for k in range(len(stack) - 1, -1, -1):
        if stack[k].number is not None:
            return k
    return None


def _accepts(cand: _Candidate, stack: list[_Entry], body: dict[str, int]) -> bool:
    """Whether a numbered candidate becomes a heading here, given the stack and list state."""
    number, style = cand.marker.number, cand.marker.style
    if cand.shape == "body" or (cand.listy and body.get(style) == number - 1):
        return False
    if cand.shape == "heading":
        return True
    deepest = _deepest_numbered(stack)
    if deepest is None:
        return False
    top = stack[deepest]
    return top.style == style and top.number == number - 1


def _push_numbered(stack: list[_Entry], cand: _Candidate) -> None:
    """Place a numbered heading on the stack (see the nesting rules in the module docstring)."""
    m = cand.marker
    entry = _Entry(cand.title, m.style, m.rank, m.number)
    same = [k for k in range(len(stack) - 1, -1, -1) if stack[k].style == m.style]
    sibling = next((k for k in same if stack[k].number == m.number - 1), None)
    if sibling is None and not same and m.number >= 3:
        deepest = _deepest_numbered(stack)
        if deepest is not None and stack[deepest].number == m.number - 1:
            sibling = deepest
    if sibling is not None:
        del stack[sibling:]
    elif same and m.number == 1:
        while stack and stack[-1].number is None:
            stack.pop()
    else:
        while stack and stack[-1].rank >= m.rank:
            stack.pop()
    stack.append(entry)


def _push_unnumbered(stack: list[_Entry], title: str) -> None:
    """Place an unnumbered heading under the deepest numbered one, replacing an unnumbered one."""
    while stack and stack[-1].number is None:
        stack.pop()
    stack.append(_Entry(title, None, _UNNUMBERED_RANK, None))


_OUTLINE_NUMBER = 0
"""Stack number of a heading marked by the document's markup rather than numbered in its
text: it counts as numbered (unnumbered headings nest under it, never replace it)."""


def _outline_title(text: str) -> bool:
    """A line the document marks as a heading reads as one: short, not a sentence."""
    text = text.strip()
    return 1 <= len(text) <= _MAX_CN_TITLE and text[-1] not in "。；;，,"


def _push_outline(stack: list[_Entry], level: int, title: str) -> None:
    """Place a heading of the document's outline ``level`` (1 = top): it closes headings of
    the same or a deeper rank, numbered or not."""
    rank = min(max(level - 1, 0), 4)
    while stack and stack[-1].rank >= rank:
        stack.pop()
    stack.append(_Entry(title, "outline", rank, _OUTLINE_NUMBER))


_CONTENTS = re.compile(r"目\s*录")
"""A table of contents: the heading lines after it are its entries, not sections."""
_CONTENTS_PAGE = re.compile(r"[\s.．·…\-—]*\d*\s*$")
"""A contents entry's leader dots and page number ("第一部分 概况……3")."""


def _walk(norm: NormalisedText) -> list[tuple[Heading, tuple[str, ...]]]:
    """Headings in order, each with the section path it opens."""
    texts = [norm.line_text(ln) if ln.kind == "text" else None for ln in norm.lines]
    stack: list[_Entry] = []
    body: dict[str, int] = {}
    found: list[tuple[Heading, tuple[str, ...]]] = []
    contents: list[str] | None = None  # the entries of a 目录 being read
    for i, line in enumerate(norm.lines):
        if texts[i] is None:
            continue
        cand = _candidate(texts, i)
        if _CONTENTS.fullmatch((texts[i] or "").strip()):
            contents = []
            continue
        if contents is not None:  # "目录" lists the parts before the body repeats them
            entry = _CONTENTS_PAGE.sub("", cand.title) if cand is not None else None
            if entry and entry not in contents:
                contents.append(entry)
                continue
            contents = None
        if (texts[i] or "").startswith(SHEET_PREFIX):  # a workbook's sheet: a new top level
            stack = [_Entry((texts[i] or "").strip(), "sheet", -1, None)]
            title, offset = stack[0].title, 0
        elif cand is not None and _accepts(cand, stack, body):
            _push_numbered(stack, cand)
            title, offset = cand.title, cand.offset
        elif cand is not None:
            body[cand.marker.style] = cand.marker.number
            continue
        elif line.outline is not None and _outline_title(texts[i] or ""):
            title = (texts[i] or "").strip()
            offset = len(texts[i] or "") - len((texts[i] or "").lstrip())
            _push_outline(stack, line.outline, title)
        elif _deepest_numbered(stack) is not None and _is_unnumbered(texts, i):
            title = (texts[i] or "").strip()
            offset = len(texts[i] or "") - len((texts[i] or "").lstrip())
            _push_unnumbered(stack, title)
        else:
            continue
        body = {}
        start = line.start + offset
        heading = Heading(i, len(stack), title, start, start + len(title))
        found.append((heading, tuple(entry.title for entry in stack)))
    return found


def detect_headings(norm: NormalisedText) -> list[Heading]:
    """Headings of a report in order; ``level`` is the heading's depth in the tree (1 = top)."""
    return [heading for heading, _ in _walk(norm)]


def build_sections(norm: NormalisedText) -> tuple[Section, ...]:
    """Partition the lines into contiguous sections, each with the heading path it falls under."""
    if not norm.lines:
        return ()
    opens = {heading.line: path for heading, path in _walk(norm)}
    starts = sorted(set(opens) | {0})
    sections: list[Section] = []
    for n, first in enumerate(starts):
        last = (starts[n + 1] if n + 1 < len(starts) else len(norm.lines)) - 1
        path = opens.get(first, (PREAMBLE_TITLE,))
        start, end = norm.lines[first].start, norm.lines[last].end
        sections.append(Section(path, first, last, start, end))
    return tuple(sections)
