"""Questions over many reports answered from the fact table as a ranked summary.

"2023年三公经费花了多少？" over hundreds of reports should not quote hundreds of passages: the
answer is how many reports state the figure and how many do not, the total (per year, in one
unit; not for "which is more" questions, where a sum over many reports answers nothing), the
top reports with their figure as written and a citation each, and a pointer to the 比较 view
for the full table. Only figures the fact table holds are used; a report whose figures
disagree with each other is named and left out of the total rather than guessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal

from assistant.answer import Answer, Fact
from assistant.compare import (
    FindPassage,
    Pick,
    cite_fact,
    common_unit,
    metric_in,
    metrics_in,
    pick,
)
from assistant.offline import Citations, who
from assistant.understanding import Query
from index.metrics import Metric
from index.models import FactRecord, Report

SUMMARY_MIN_REPORTS = 13
"""Summarise when a question naming no county covers at least this many reports (the quoting
answerer reads at most twelve)."""
TOP = 10
"""Reports listed by name in the summary."""

FactsFn = Callable[[str, Sequence[str]], list[FactRecord]]


def wants_summary(query: Query, targets: Sequence[Report]) -> bool:
    """A question naming no county over many reports, about one catalogue metric."""
    if query.counties or len(targets) < SUMMARY_MIN_REPORTS:
        return False
    return _metric(query) is not None


def _metric(query: Query) -> Metric | None:
    metric = metric_in(query.topic) or (metric_in(query.context) if not query.topic else None)
    if metric is None or len(metrics_in(query.topic)) > 1:
        return None
    return metric


def summarise(
    query: Query, targets: Sequence[Report], facts: FactsFn, find: FindPassage, top: int = TOP
) -> Answer | None:
    """The ranked summary, or None when the question is not one for it (then answer as usual)."""
    if not wants_summary(query, targets):
        return None
    metric = _metric(query)
    assert metric is not None
    by_report: dict[str, list[FactRecord]] = defaultdict(list)
    for fact in facts(metric.name, [r.id for r in targets]):
        by_report[fact.report_id].append(fact)
    picks = [p for r in targets if (p := pick(r, by_report.get(r.id, []), query.text))]
    if not picks:
        return None
    clean = [p for p in picks if len(p.facts) == 1]
    clashing = [p for p in picks if len(p.facts) > 1]
    unit, factor = common_unit(metric, clean or picks)
    ordered = sorted(clean, key=lambda p: p.value, reverse=True)
    cites = Citations()
    used: list[Fact] = []
    lacking = len(targets) - len(picks)
    scope = _scope(query, targets)
    lines = [
        f"{scope}共 {len(targets)} 份报告：{len(picks)} 份报告列出了“{metric.name}”，"
        f"{lacking} 份报告中未找到该数字。"
    ]
    if query.intent != "compare":  # "which is more" asks for the ranking, not a sum
        lines += _totals(metric, ordered, unit, factor)
    ranked: list[str] = []
    for p in ordered:  # a figure is listed only with the passage that states it
        if len(ranked) == top:
            break
        fact = p.facts[0]
        marker = cite_fact(p.report, fact, metric, find, cites, used)
        if marker:
            ranked.append(
                f"{len(ranked) + 1}. {who(p.report)}：{fact.qualifier or ''}"
                f"{_shown(fact, factor, unit, metric)}（原文“{fact.written}”）{marker}"
            )
    lines.append(f"最高的 {len(ranked)} 份（统一换算为{unit}，括号内为原文）：")
    lines += ranked
    if clashing:
        names = "、".join(who(p.report) for p in clashing[:5])
        more = f"等 {len(clashing)} 份" if len(clashing) > 5 else ""
        lines.append(f"{names}{more}报告中该数字前后不一致，未计入合计，请核对原文。")
    lines.append(
        f"完整的逐份列表见“比较”页（指标：{metric.name}），"
        f"或运行 report-assistant facts --metric {metric.name}。"
    )
    meta = {"mode": "summary", "metric": metric.name, "reports": len(targets)}
    return Answer(query.text, "\n".join(lines), False, cites.all(), tuple(used), (), meta)


def _scope(query: Query, targets: Sequence[Report]) -> str:
    years = sorted({r.identity.year for r in targets if r.identity.year})
    when = f"{'、'.join(map(str, query.years))}年度" if query.years else ""
    if not when and len(years) > 1:
        when = f"{years[0]}–{years[-1]}年度"
    depts = "、".join(query.departments)
    return f"{when}{depts}"


def _totals(metric: Metric, ordered: Sequence[Pick], unit: str, factor: Decimal) -> list[str]:
    """Sum per fiscal year (sums across years or kinds of figure would mean nothing)."""
    if metric.kind != "money" or not ordered:
        return []
    by_year: dict[tuple[int | None, str | None], list[Pick]] = defaultdict(list)
    for p in ordered:
        fact = p.facts[0]
        if fact.value_yuan is not None:
            by_year[(fact.year or p.report.identity.year, fact.qualifier)].append(p)
    parts = []
    for (year, qualifier), group in sorted(by_year.items(), key=lambda kv: kv[0][0] or 0):
        total = sum((Decimal(p.facts[0].value_yuan or 0) for p in group), Decimal(0)) / factor
        when = f"{year}年" if year else "年度不详"
        parts.append(f"{when}{qualifier or ''}数 {len(group)} 份合计 {total:.2f}{unit}")
    return [f"合计：{'；'.join(parts)}（各报告原数相加）。"] if parts else []


def _shown(fact: FactRecord, factor: Decimal, unit: str, metric: Metric) -> str:
    if metric.kind != "money" or fact.value_yuan is None:
        return f"{fact.value}{fact.unit}"
    return f"{Decimal(fact.value_yuan) / factor:.2f}{unit}"
