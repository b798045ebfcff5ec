"""Definition questions ("三公经费是什么意思", "基本支出指的是什么", "what does … mean"): the
report's own 名词解释 entry for the term, quoted, instead of a figure that merely names it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answer import Passage
from index.domain_terms import squash

_ASKS = re.compile(
    r"是什么意思|什么意思|指的?是什么|指什么|是指什么|怎么定义|如何定义|怎样定义|定义是|的定义|"
    r"含义|是什么概念|什么叫|何为|怎么理解|"
    r"\bmean(?:s|ing)?\b|\bdefin(?:e|ed|ition)\b|what is meant by",
    re.I,
)
_HEADING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)?\s*名词解释\s*$"
)
_NEXT_PART = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分|附件|附表)")
_ENTRY = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）.、．]\s*)?"
    r"(?P<term>[^：:，。；]{2,26}?)\s*[：:]\s*(?P<body>\S.*)$"
)


@dataclass(frozen=True)
class Entry:
    term: str
    start: int
    end: int


def asks_definition(question: str) -> bool:
    return bool(_ASKS.search(question))


def entries(text: str) -> list[Entry]:
    """The "term：definition" lines after a 名词解释 heading, up to the next part."""
    out: list[Entry] = []
    pos, inside = 0, False
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if _HEADING.match(line):
            inside = True
            continue
        if not inside:
            continue
        if _NEXT_PART.match(line):
            inside = False
            continue
        found = _ENTRY.match(line)
        if found:
            out.append(Entry(squash(found.group("term")), start, start + len(line)))
    return out


def entry_for(question: str, text: str) -> Entry | None:
    """The entry whose term the question names (the longest such term)."""
    asked = squash(re.sub(r"[“”\"‘’']", "", question))
    named = [e for e in entries(text) if e.term and e.term in asked]
    return max(named, key=lambda e: len(e.term), default=None)


def definition(
    question: str,
    text: str,
    report_id: str,
    find: Callable[[str, int, int], Passage | None],
) -> tuple[str, Passage] | None:
    """The asked term's 名词解释 line as written, and the passage holding it, or None."""
    entry = entry_for(question, text)
    if entry is None:
        return None
    passage = find(report_id, entry.start, entry.end)
    if passage is None:
        return None
    return text[entry.start : entry.end].strip().rstrip("。"), passage
