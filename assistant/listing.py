"""The numbered points of a report section ("1.预算编制精准度不够。…", "（2）…"): what a question
such as "存在的问题列了几条？" counts. Reports list problems, measures and achievements as
numbered paragraphs under a heading; the points run until the next heading of the section's
own level or above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ITEM = re.compile(
    r"^\s*(?:(\d{1,2})\s*[.、．]|[（(](\d{1,2}|[一二三四五六七八九十]{1,3})[）)])\s*(?!\d)"
)
_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九", 1)}


def _number(item: re.Match[str]) -> int:
    """A point's number, written in digits or in Chinese numerals ("（三）", "（十二）")."""
    written = item.group(1) or item.group(2)
    if written.isdigit():
        return int(written)
    tens, _, ones = written.rpartition("十")
    if "十" not in written:
        return _DIGITS.get(written, 0)
    return (_DIGITS.get(tens, 1) if tens else 1) * 10 + _DIGITS.get(ones, 0)


"""A point's number at the start of a line: "1." "2、" "（3）" (not "1.5万元")."""
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[部章节])"
)
"""A heading of a level above numbered points: "五、" "（二）" "第三部分"."""
_TITLE_END = re.compile(r"[。；;：:！？]")
MAX_SPAN = 4000
"""Characters after the section start searched for its points."""


@dataclass(frozen=True)
class Point:
    """One numbered point: its number, its title (up to the first sentence end), its span."""

    number: int
    title: str
    start: int
    end: int


def section_points(text: str, start: int) -> list[Point]:
    """The numbered points that follow ``start`` (a position in the section's first lines) up
    to the next heading, numbered 1, 2, 3 … without a gap; [] when the section lists none.
    Points numbered in the other style from 1 inside a point ("(1)…" under "4.…") are its
    sub-points, not points of the list; one numbered in the other style that continues the
    count ("1." "2、" "（3）") is the next point."""
    line_start = text.rfind("\n", 0, start) + 1
    points: list[Point] = []
    style: bool | None = None  # the points' numbering: "1." (True) or "（1）" (False)
    inside = False  # within a point's sub-points, numbered in the other style from 1
    pos = line_start
    limit = min(len(text), line_start + MAX_SPAN)
    while pos < limit:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        item = _ITEM.match(line)
        if item and pos == line_start and item.group(2) and not item.group(2).isdigit():
            item = None  # "（一）工作重点" opening the section: its heading, not a point
        other = item is not None and style is not None and bool(item.group(1)) != style
        if other and item is not None:
            number = _number(item)
            inside = inside or number == 1  # "(1)" under "4.": the point's own sub-points
        if other and inside:
            pass  # a sub-point ("(1)监测预警" under "4.山洪灾害防治"): part of its point
        elif item:
            inside = False
            style = bool(item.group(1)) if style is None else style
            number = _number(item)
            if number != len(points) + 1:
                break  # a new list (numbering restarts) or a figure, not the next point
            body = line[item.end() :]
            cut = _TITLE_END.search(body)
            title = body[: cut.start()] if cut else body[:40]
            points.append(Point(number, title.strip(), pos + item.start(), end))
        elif points and _HEADING.match(line):
            break
        elif pos > line_start and not points and _HEADING.match(line):
            break  # the next section began before any point
        pos = end + 1
    return points if len(points) >= 2 else []
