"""One report per body when a comparison of bodies names no year.

"两家卫健局机关运行经费差多少" over an index holding one body's 2022 and 2023 reports and the
other's 2023 report compares the two bodies, each by its latest report; a third line for the
older year would make the difference ambiguous. A question that asks about years itself (两年,
历年, 变化, 增长 …) or about the reports as such ("这几份报告") keeps every report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.understanding import Query
from index.models import Report

_OVER_YEARS = re.compile(
    r"历年|各年|每年|逐年|年度间|两年|几年|三年|多年|变化|变动|趋势|增长|下降|增减|报告|哪一?年|"
    r"each year|every year|over the years|trend|change|grow|report",
    re.I,
)


def latest_of_each(query: Query, targets: Sequence[Report]) -> list[Report]:
    """``targets`` with each body's latest report only, for a comparison of two or more bodies
    naming no year; unchanged otherwise."""
    if query.intent != "compare" or query.years or query.relative_year or query.sides:
        return list(targets)
    if _OVER_YEARS.search(f"{query.zh_text} {query.text}"):
        return list(targets)
    latest: dict[tuple[str | None, str | None], Report] = {}
    for report in targets:
        key = (report.identity.county, report.identity.department)
        kept = latest.get(key)
        if kept is None or (report.identity.year or 0) > (kept.identity.year or 0):
            latest[key] = report
    if len(latest) < 2:
        return list(targets)
    return [r for r in targets if latest[(r.identity.county, r.identity.department)] is r]
