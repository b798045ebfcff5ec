""" "哪些指标没完成？": performance indicators a report shows as missed, each cited.

An indicator is missed when its table row puts the actual value on the wrong side of a bound
written as "≥90%" / "≤5%", or when its row or sentence says 未完成 / 未达到. The labels of the
indicators found are kept so a follow-up ("那2024年这几项呢？") can ask about them again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from assistant.answer import Answer, Passage
from assistant.offline import Citations, who
from assistant.understanding import Query
from index.models import Report

_ASKS = re.compile(
    r"(哪些|哪个|哪几个|什么|哪项|哪几项)[^？?]{0,8}(指标|目标|任务)[^？?]{0,6}"
    r"(没|未|没有)有?(完成|达到|达标|实现)"
)
_BOUND = re.compile(r"^(≥|≤|>=|<=|＞|＜|>|<)\s*(\d+(?:\.\d+)?)\s*(%|‰)?$")
_VALUE = re.compile(r"^(\d+(?:\.\d+)?)\s*(%|‰)?$")
_MISSED_WORDS = re.compile(r"未完成|未达到|未达标|没有完成")
_SENTENCE = re.compile(r"[^。；\n]*(?:未完成|未达到|未达标|没有完成)[^。；\n]*[。；]?")


@dataclass(frozen=True)
class Missed:
    """One missed indicator: its label, what to show, and its span in the report text."""

    label: str
    shown: str
    start: int
    end: int


def asks_unmet(question: str) -> bool:
    return bool(_ASKS.search(question))


def _lines(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _violates(bound: re.Match[str], actual: str) -> bool:
    value = _VALUE.match(actual.strip())
    if not value:
        return False
    try:
        limit, got = Decimal(bound.group(2)), Decimal(value.group(1))
    except InvalidOperation:
        return False
    return got < limit if bound.group(1) in ("≥", ">=", "＞", ">") else got > limit


def missed_rows(text: str) -> list[Missed]:
    """Table rows whose actual value misses its bound, or that say 未完成."""
    found: list[Missed] = []
    header_cells: list[str] = []
    previous_row = False
    for start, line in _lines(text):
        if "\t" not in line:
            previous_row = False
            continue
        cells = line.split("\t")
        if not previous_row:
            header_cells, previous_row = cells, True
            continue
        for i, cell in enumerate(cells[:-1]):
            bound = _BOUND.match(cell.strip())
            if bound and i > 0 and (_violates(bound, cells[i + 1]) or _MISSED_WORDS.search(line)):
                names = header_cells if len(header_cells) == len(cells) else []
                parts = [
                    f"{names[j] if names else ''} {cells[j]}".strip()
                    for j in range(i, len(cells))
                    if cells[j]
                ]
                found.append(
                    Missed(
                        cells[i - 1],
                        f"{cells[i - 1]}：" + "、".join(parts),
                        start,
                        start + len(line),
                    )
                )
                break
    return found


def missed_sentences(text: str) -> list[Missed]:
    """Sentences that say a target was not met (not inside table rows)."""
    out = []
    for start, line in _lines(text):
        if "\t" in line:
            continue
        for match in _SENTENCE.finditer(line):
            sentence = match.group(0).strip()
            if sentence:
                out.append(
                    Missed("", sentence.rstrip("。；"), start + match.start(), start + match.end())
                )
    return out


def answer_unmet(
    query: Query,
    targets: list[Report],
    find: Callable[[str, int, int], Passage | None],
) -> Answer | None:
    """List missed indicators per report; None when no report shows any."""
    cites = Citations()
    lines: list[str] = []
    labels: list[str] = []
    for report in targets:
        items = missed_rows(report.text) or missed_sentences(report.text)
        shown = []
        for item in items:
            passage = find(report.id, item.start, item.end)
            if passage is None:
                continue
            shown.append(f"· {item.shown}{cites.mark(passage)}")
            if item.label:
                labels.append(item.label)
        if shown:
            lines.append(f"{who(report)}报告中未完成或未达到指标值的有：")
            lines += shown
    if not lines:
        return None
    return Answer(
        query.text,
        "\n".join(lines),
        False,
        cites.all(),
        meta={"subjects": tuple(dict.fromkeys(labels))},
    )
