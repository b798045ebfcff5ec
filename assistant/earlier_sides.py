"""Sides of a comparison of one year whose own report is not indexed while their next year's is.

"三个单位2022年的支出排个序" over one body's 2022 report and two bodies' 2023 reports: the 2023
reports state the 2022 figure themselves — a 上年决算数 column, or "比2022年的688.40万元增加…" —
so those bodies take part with that figure, cited where it is written and labelled as read from
the later report. A figure the later report only implies (a change without last year's amount)
is not used: that side stays missing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from assistant.stated_changes import text_change
from assistant.understanding import Query
from index.identity import body_name
from index.metrics import Metric
from index.models import FactRecord, Report
from index.numbers import MONEY_FACTORS

TextFn = Callable[[str], str]


def _body(report: Report) -> tuple[str | None, str | None]:
    return report.identity.county, report.identity.department


def asked_year(query: Query) -> int | None:
    """The one year a comparison asks about, else None."""
    years = set(query.years)
    return next(iter(years)) if len(years) == 1 else None


def with_earlier_sides(
    query: Query, targets: Sequence[Report], scope: Sequence[Report]
) -> list[Report]:
    """The targets and, for every body of ``scope`` (the question's bodies, any year) with no
    report of the asked year, its report of the year after."""
    year = asked_year(query)
    if year is None or query.intent != "compare":
        return list(targets)
    have = {_body(r) for r in scope if r.identity.year == year}
    later = [r for r in scope if r.identity.year == year + 1 and _body(r) not in have]
    if not later or not have:
        return list(targets)  # no body of the year at all: the usual refusal or year rules
    return [*targets, *later]


def side_year(query: Query, report: Report) -> int | None:
    """The year a side's figure is read for: the asked year when the report is the next
    year's (its column or sentence for the year before), else None (the report's own)."""
    year = asked_year(query)
    if year is not None and report.identity.year == year + 1:
        return year
    return None


def stated_earlier(
    report: Report, metric: Metric, year: int, text: TextFn, question: str
) -> FactRecord | None:
    """Last year's amount as a sentence of the report states it beside this year's ("比2022年的
    688.40万元增加53.55万元"), as a fact of ``year``; None when only the change is stated."""
    found = text_change(text(report.id), metric, year, question)
    if found is None or found.change.previous is None:
        return None
    q = found.change.previous
    if q.unit not in MONEY_FACTORS:
        return None
    return FactRecord(
        report_id=report.id,
        metric=metric.name,
        qualifier="决算",
        value_text=q.raw,
        unit=q.unit,
        value=str(q.value),
        value_yuan=str(q.value * Decimal(MONEY_FACTORS[q.unit])),
        year=year,
        start=found.start,
        end=found.end,
        source="text",
        conflict=False,
    )


def side_label(report: Report, fact: FactRecord, who: Callable[[Report], str]) -> str:
    """ "鄂温克族自治旗残疾人联合会2022年（据其2023年度报告）" for a figure of the year before the
    report's own; else the report as usual."""
    own = report.identity.year
    if fact.year is None or own is None or fact.year == own:
        return who(report)
    ident = report.identity
    return f"{body_name(ident.county, ident.department)}{fact.year}年（据其{own}年度报告）"
