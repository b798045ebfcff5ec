"""Which reports a question is about, and the refusals when none in the index fits.

A county, department or year named in the question is a hard filter. A filter that matches no
report is answered with what the index does hold — never with another report's figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer import Answer
from assistant.understanding import Query
from index.models import Report


def select_reports(query: Query, reports: Sequence[Report]) -> list[Report]:
    """Reports matching every slot the query names (a slot left empty matches all)."""
    return [
        r
        for r in reports
        if (not query.counties or r.identity.county in query.counties)
        and (not query.departments or r.identity.department in query.departments)
        and (not query.years or r.identity.year in query.years)
    ]


def describe(report: Report) -> str:
    ident = report.identity
    year = f"{ident.year}年度" if ident.year else ""
    return f"{ident.county or '（县区不详）'}{ident.department or ''}{year}"


def available(reports: Sequence[Report], limit: int = 12) -> str:
    names = sorted({describe(r) for r in reports})
    more = f"等 {len(names)} 份" if len(names) > limit else ""
    return "、".join(names[:limit]) + more


def refuse_unknown(query: Query, reports: Sequence[Report]) -> Answer:
    """A county, department or year the index does not have."""
    missing = "、".join(query.unknown)
    if query.language == "en":
        text = (
            f"The index has no report for {missing}, so this cannot be answered. "
            f"Reports available: {available(reports)}."
        )
    else:
        text = f"索引中没有{missing}的报告，无法回答。现有报告：{available(reports)}。"
    return Answer(query.text, text, True)


def refuse_no_report(query: Query, reports: Sequence[Report]) -> Answer:
    """Each slot exists somewhere, but no single report has them all (炎陵县 2022)."""
    asked = "".join([*query.counties, *query.departments, *(f"{y}年度" for y in query.years)])
    related = [
        r
        for r in reports
        if (query.counties and r.identity.county in query.counties)
        or (not query.counties and query.departments and r.identity.department in query.departments)
    ] or list(reports)
    if query.language == "en":
        text = f"No report in the index covers {asked}. Related reports: {available(related)}."
    else:
        text = f"索引中没有{asked}的报告，无法回答。相关的现有报告：{available(related)}。"
    return Answer(query.text, text, True)
