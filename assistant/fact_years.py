"""A stored figure whose year mark is a slip, told beside the answer to a question on either year.

Reports of one body restate figures of other years. When a report of year Z writes a metric's
figure under year X ("2022年“三公”经费实际支出12.46万元" in the 2023 report) while the same
report gives that very amount as its own year-Z figure of the metric (the 2023 table's 决算数
12.46), and the body's report of year X states another amount for X (15.08), the "X年" is most
likely a slip for Z. Whichever of the two years is asked, the reader sees both amounts with
their sources and which year each belongs to, never one of them alone.

The check reads the fact table (metric, qualifier, labelled year), so it matches items by their
metric, not by the words before a figure; year_labels does the same by labels for the figures
an answer shows and runs first (this one stays silent when that one has told a year slip).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from assistant.answer import Answer, Citation, Passage
from assistant.compose import who
from assistant.conflicts import agree, family
from assistant.understanding import Query
from assistant.year_labels import cite_mark
from index.models import FactRecord, Report
from index.numbers import find_quantities

FindPassage = Callable[[str, int, int], Passage | None]
FactsOf = Callable[[str, Sequence[str]], list[FactRecord]]
SLIP_WARNING = "年份标注存疑"


@dataclass(frozen=True)
class _Slip:
    """``said``: a figure of ``report`` marked with another year; ``own``: the same amount as
    ``report``'s own year's figure; ``theirs``: the marked year's report's differing figure."""

    report: Report
    said: FactRecord
    own: FactRecord
    that: Report
    theirs: FactRecord


def check(
    answer: Answer,
    query: Query,
    reports: Sequence[Report],
    facts_of: FactsOf,
    text_of: Callable[[str], str],
    find: FindPassage,
) -> Answer:
    """``answer`` with a line and a warning for a year slip of the asked metric that involves
    the asked year, when the answer shows one of the two amounts."""
    if answer.refused or not answer.citations or len(query.years) != 1 or not query.metrics:
        return answer
    if any(w.startswith(SLIP_WARNING) for w in answer.warnings):
        return answer
    year = query.years[0]
    by_id = {r.id: r for r in reports}
    asked = next(
        (
            by_id[c.report_id]
            for c in answer.citations
            if c.report_id in by_id and by_id[c.report_id].identity.year == year
        ),
        None,
    )
    if asked is None:
        return answer
    body = [
        r
        for r in reports
        if r.identity.county == asked.identity.county
        and r.identity.department == asked.identity.department
        and r.identity.year
    ]
    if len(body) < 2:
        return answer
    shown = {q.yuan for q in find_quantities(answer.answer) if q.is_money}
    facts = [f for f in facts_of(query.metrics[0], [r.id for r in body]) if f.value_yuan]
    found = [
        s
        for s in _slips(facts, body)
        if year in (s.said.year, s.report.identity.year) and _shows(s, year, shown)
    ]
    if not found:
        return answer
    cites = list(answer.citations)
    lines, warnings = [], []
    for slip in found[:1]:
        told = _tell(slip, year, query.metrics[0], text_of, find, cites)
        if told:
            lines.append(f"注意：{told[0]}")
            warnings.append(told[1])
    if not lines:
        return answer
    return replace(
        answer,
        answer="\n".join([answer.answer, *lines]),
        citations=tuple(cites),
        warnings=(*answer.warnings, *warnings),
    )


def _slips(facts: Sequence[FactRecord], body: Sequence[Report]) -> list[_Slip]:
    by_id = {r.id: r for r in body}
    out = []
    for said in facts:
        report = by_id.get(said.report_id)
        if report is None or said.year in (None, report.identity.year) or not _distinct(said):
            continue
        own = next(
            (
                f
                for f in facts
                if f.report_id == said.report_id
                and f.year == report.identity.year
                and f.start != said.start
                and family(f.qualifier) == family(said.qualifier)
                and agree(f, said)
            ),
            None,
        )
        that = next((r for r in body if r.identity.year == said.year), None)
        if own is None or that is None:
            continue
        theirs = [
            f
            for f in facts
            if f.report_id == that.id
            and f.year == said.year
            and family(f.qualifier) == family(said.qualifier)
        ]
        if not theirs or any(agree(f, said) for f in theirs):
            continue  # the marked year's report gives that amount too: no slip
        out.append(_Slip(report, said, own, that, theirs[0]))
    return out


def _distinct(fact: FactRecord) -> bool:
    """An amount too particular to recur by chance in two years: three significant digits."""
    return len(re.sub(r"\D", "", fact.value).lstrip("0")) >= 3


def _shows(slip: _Slip, year: int, shown: set[Decimal]) -> bool:
    """The answer shows the amount the slip is about for the asked year."""
    wanted = slip.own if slip.report.identity.year == year else slip.theirs
    return any(Decimal(f.value_yuan or "0") in shown for f in (wanted, slip.said))


def _tell(
    slip: _Slip,
    year: int,
    metric: str,
    text_of: Callable[[str], str],
    find: FindPassage,
    cites: list[Citation],
) -> tuple[str, str] | None:
    """(answer line, warning) with every figure cited."""
    report, that = slip.report, slip.that
    own_year, marked = report.identity.year, slip.said.year
    here = find(report.id, slip.said.start, slip.said.end)
    mine = find(report.id, slip.own.start, slip.own.end)
    there = find(that.id, slip.theirs.start, slip.theirs.end)
    if here is None or mine is None or there is None:
        return None
    a, b, c = cite_mark(cites, here), cite_mark(cites, mine), cite_mark(cites, there)
    quoted = text_of(report.id)[slip.said.start : slip.said.end].strip()
    said, theirs = slip.said.written, slip.theirs.written
    own = f"{slip.own.qualifier or ''}{slip.own.written}"
    same = f"{said}与该报告{own_year}年的“{metric}”{own}{b}相同"
    if own_year == year:  # asked the report's own year: the slip sits in the answered report
        line = (
            f"{who(report)}报告另有一处写“{quoted}”{a}，标注为{marked}年；但{same}，"
            f"而{who(that)}报告{marked}年的“{metric}”为{theirs}{c}，两处说法有出入："
            f"“{marked}年”疑为“{own_year}年”的笔误（年份标注有误），{said}应是{own_year}年的数字，"
            f"请核对原文。"
        )
    else:  # asked the marked year: another report gives that year a second amount
        line = (
            f"{who(report)}报告写“{quoted}”{a}，标注为{marked}年，与{who(that)}报告{marked}年的"
            f"“{metric}”{theirs}{c}不一致（两处说法有出入）；而{same}，“{marked}年”疑为"
            f"“{own_year}年”的笔误（年份标注有误），{marked}年应以{who(that)}报告的{theirs}为准，"
            f"请核对原文。"
        )
    warning = (
        f"{SLIP_WARNING}：{who(report)}报告中标注为{marked}年的“{metric}”{said}{a}与本报告"
        f"{own_year}年的同项数字相同，而{who(that)}报告为{theirs}{c}，疑为{own_year}年之误。"
    )
    return line, warning
