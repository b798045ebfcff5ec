"""A report's overall self-evaluation score in whatever form the report gives it.

The fact table stores 自评得分 only where it is sure the score is the whole department's (a
sentence, or the total row of a form whose title lies just above). A ranking of reports by
their scores ("这几份报告的自评得分从高到低排个序") needs every report's overall score, so a
report the fact table has none for is read here: a sentence ("自评得分98.95分", "综合得分91.5分")
or the total row of a score table ("总分 | … | 100 | 96.65": the 得分 column of the row that
also holds the full 100 points).
"""

from __future__ import annotations

import re
from decimal import Decimal

from index.models import FactRecord, Report
from index.numbers import find_quantities

_SENTENCE_SCORE = re.compile(
    r"(?:自评|评价|综合|最终|总)得分|自评总分|自评分数?|综合评分|评价分数?"
)
_BETWEEN = re.compile(r"^(?:为|是|：|:|达到?|共|合计|\s)*")
_TOTAL_ROWS = frozenset(
    {"总分", "自评总分", "总得分", "综合得分", "自评得分", "得分合计", "合计得分", "合计", "总计"}
)
_SCORE_HEADER = re.compile(r"(?:自评)?得分")


def stated_score(report: Report) -> FactRecord | None:
    """The report's overall score from a sentence or a score table's total row, or None."""
    return _from_sentence(report) or _from_table(report)


def _from_sentence(report: Report) -> FactRecord | None:
    text = report.text
    for match in _SENTENCE_SCORE.finditer(text):
        rest = text[match.end() : match.end() + 20]
        gap = _BETWEEN.match(rest)
        after = rest[gap.end() if gap else 0 :]
        found = find_quantities(after)
        if not found or found[0].start != 0 or found[0].unit != "分":
            continue
        if not 0 < found[0].value <= 100:
            continue
        start = max(text.rfind("。", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        end = match.end() + (gap.end() if gap else 0) + found[0].end
        return _fact(report, found[0].raw, found[0].value, start, end)
    return None


def _from_table(report: Report) -> FactRecord | None:
    text = report.text
    header: list[str] = []
    at = 0
    for line in text.split("\n"):
        start, at = at, at + len(line) + 1
        if "\t" not in line:
            header = []
            continue
        cells = [c.strip() for c in line.split("\t")]
        if any(_SCORE_HEADER.fullmatch(c) for c in cells) and not header:
            header = cells
            continue
        if not header or cells[0] not in _TOTAL_ROWS or "100" not in cells:
            continue
        for col, cell in enumerate(cells):
            if col < len(header) and _SCORE_HEADER.fullmatch(header[col]) and cell:
                found = find_quantities(cell)
                if len(found) == 1 and found[0].raw == cell and 0 < found[0].value <= 100:
                    return _fact(report, cell, found[0].value, start, start + len(line))
    return None


def _fact(report: Report, written: str, value: Decimal, start: int, end: int) -> FactRecord:
    return FactRecord(
        report_id=report.id,
        metric="自评得分",
        qualifier=None,
        value_text=written,
        unit="分",
        value=str(value),
        value_yuan=None,
        year=report.identity.year,
        start=start,
        end=end,
        source="text" if written.endswith("分") else "table",
    )
