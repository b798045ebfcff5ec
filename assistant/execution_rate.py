"""A department's stated 预算执行率 checked against the total amounts the same report gives
(in other sentences or tables; a rate beside its own amounts is :mod:`assistant.rates`' check).

"预算执行率95.47%" beside "调整后预算6583200.00元" and "支出决算6225836.48元" (94.57 %) is a
report contradicting itself: the rate is shown with the calculation from its amounts. A rate
is taken as consistent when any of the report's budget figures for the amount (年初, 调整后 or
全年预算) gives it, to the precision both are written with.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from assistant.compose import Citations, Finding, who
from assistant.conflicts import FindPassage, agree, budget_kind, family
from assistant.conflicts import percent_of as _percent
from index.metrics import find_metric
from index.models import FactRecord, Report
from index.numbers import find_quantities

_CENT = Decimal("0.01")


def rate_against_amounts(
    report: Report,
    findings: Sequence[Finding],
    facts: Sequence[FactRecord],
    cites: Citations,
    find: FindPassage,
    text: str,
) -> list[str]:
    """A warning for each quoted rate that none of its amount's budget figures gives with the
    amount's final figure of the same year: both figures, the calculation, their sources."""
    quoted = [f for f in facts if _rated(f) and _quoted(f, findings)]
    found = (mismatch(report, rate, facts, cites, find, text) for rate in quoted)
    return list(dict.fromkeys(w for w in found if w))


def mismatch(
    report: Report,
    rate: FactRecord,
    facts: Sequence[FactRecord],
    cites: Citations,
    find: FindPassage,
    text: str,
) -> str | None:
    """The warning for one rate fact of ``report`` whose amounts (among ``facts``) do not give
    it, or whose amount the report states twice with different figures (the rate under each);
    None when they agree, or when the report lacks them."""
    amount_metric = _rated(rate)
    if amount_metric is None:
        return None
    readings, budgets = _amounts(rate, amount_metric, facts)
    if not readings or not budgets:
        return None
    stated = Decimal(rate.value)
    tolerance = _step(rate.value) + _CENT

    def fits(actual: FactRecord, budget: FactRecord) -> bool:
        return abs(_percent(actual, budget) - stated) <= tolerance

    def said(fact: FactRecord) -> str:
        return f"{_shown(fact)}{_mark(report, fact, cites, find)}"

    if len(readings) > 1:  # "公务接待费3.62万元" in the text, 3.26 in the table's row
        budget = next((b for b in budgets for a in readings if fits(a, b)), budgets[-1])
        each = "；".join(
            f"按{said(a)} ÷ {_kind(budget, text)}{said(budget)}计算为{_percent(a, budget)}%"
            for a in readings
        )
        return (
            f"{who(report)}报告中{amount_metric}的决算数前后不一致："
            f"{'与'.join(said(a) for a in readings)}，所写执行率{said(rate)}；{each}，请核对原文。"
        )
    if rate.qualifier == "执行率":
        return None  # a row's rate beside its own amounts: :mod:`assistant.rates` checks it
    actual = readings[0]
    if any(fits(actual, b) for b in budgets) or _given_beside(rate, budgets, text, tolerance):
        return None
    budget = budgets[-1]  # the last budget written: 调整后 after 年初
    return (
        f"{who(report)}报告所写{rate.metric}{said(rate)}与其金额不一致：按决算{said(actual)} ÷ "
        f"{_kind(budget, text)}{said(budget)}计算为{_percent(actual, budget)}%，请核对原文。"
    )


def _given_beside(
    rate: FactRecord, budgets: Sequence[FactRecord], text: str, tolerance: Decimal
) -> bool:
    """An amount written in the rate's own sentence gives it, over a budget of that sentence or
    a stored one ("全年实际支出452.35万元，预算执行率96.08%" beside 调整后预算470.80万元): the
    rate is the sentence's, whatever another statement of the amount says."""
    if rate.source != "text":
        return False
    money = [q.yuan for q in find_quantities(text[rate.start : rate.end]) if q.is_money and q.yuan]
    bases = [*money, *(Decimal(b.value_yuan) for b in budgets if b.value_yuan)]
    stated = Decimal(rate.value)
    return any(
        abs((a / b * 100).quantize(_CENT) - stated) <= tolerance
        for a in money
        for b in bases
        if b and a < b * 2
    )


def _kind(budget: FactRecord, text: str) -> str:
    """Which budget a figure is, as a label: 年初预算 / 调整后预算 / 全年预算 / 预算."""
    kinds = {"年初": "年初预算", "调整": "调整后预算", "全年": "全年预算"}
    return kinds.get(budget_kind(budget, text), "预算")


def _rated(fact: FactRecord) -> str | None:
    """The amount a rate fact is the execution rate of: 预算执行率 → 支出 (its ``rate_of``), a
    table row's 执行率 cell → the row's metric."""
    if fact.qualifier == "执行率":
        return fact.metric
    metric = find_metric(fact.metric)
    return metric.rate_of if metric is not None and fact.qualifier is None else None


def _quoted(fact: FactRecord, findings: Sequence[Finding]) -> bool:
    """The answer quotes the rate: its own sentence or cell, or another statement of the same
    rate (a performance table's 完成值 restating the text's rate)."""
    return any(
        (fact.start < f.unit.end and f.unit.start < fact.end)
        or (fact.unit == "%" and fact.qualifier is None and fact.written in f.shown)
        for f in findings
    )


def _amounts(
    rate: FactRecord, metric: str, facts: Sequence[FactRecord]
) -> tuple[list[FactRecord], list[FactRecord]]:
    """The amount's final figures, one per distinct value (a sentence's, with its unit, before
    a cell's), and its budget figures; same report and year."""
    same = [
        f
        for f in facts
        if f.metric == metric
        and f.report_id == rate.report_id
        and f.year == rate.year
        and f.value_yuan
        and Decimal(f.value_yuan) > 0
    ]
    actuals = sorted(
        (f for f in same if family(f.qualifier) == "actual"), key=lambda f: f.source != "text"
    )
    readings: list[FactRecord] = []
    for fact in actuals:
        if not any(agree(fact, r) for r in readings):
            readings.append(fact)
    return readings, [f for f in same if f.qualifier == "预算"]


def _step(value: str) -> Decimal:
    exponent = min(int(Decimal(value).as_tuple().exponent), 0)
    return Decimal(1).scaleb(exponent)


def _shown(fact: FactRecord) -> str:
    """The figure as written, with its unit when a table cell leaves it to the caption."""
    written = fact.written
    return written if written.endswith(fact.unit) else f"{written}{fact.unit}"


def _mark(report: Report, fact: FactRecord, cites: Citations, find: FindPassage) -> str:
    passage = find(report.id, fact.start, fact.end)
    return cites.mark(passage) if passage is not None else ""
