"""Comparing a share across reports ("基本支出占支出的比重谁高"): each side's share of its own
whole, stated by the report ("基本支出2846.19万元，占22.71%") or calculated from its two
figures, then ranked, with the gap in 个百分点. Comparing the amounts would answer another
question: the larger department spends more on everything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from assistant.conflicts import agree
from assistant.conflicts import percent_of as _percent
from assistant.derived import asks_share, whole_named
from assistant.offline import who
from assistant.own_totals import prefer_own
from index.metrics import METRICS, Metric
from index.models import FactRecord, Report

_STATED = re.compile(
    r"^[，,、]?\s*(?:占[^，。；%\d]{0,14}?(?:的)?(?:比重|比例)?(?:为|是)?)(\d+(?:\.\d+)?)%"
)


def share_lines(
    question: str,
    part: Metric,
    targets: Sequence[Report],
    facts_of: Callable[[str, Sequence[str]], list[FactRecord]],
    pick: Callable[[Report, Sequence[FactRecord]], FactRecord | None],
    cite: Callable[[Report, FactRecord, Metric], str],
) -> list[str] | None:
    """The lines comparing each report's share of ``part`` in its whole, or None when the
    question asks no share, names no whole the catalogue knows or a side lacks a figure."""
    if not asks_share(question) or len(targets) < 2:
        return None
    named = whole_named(question)
    whole = _metric(named) if named else _metric_named(part.parent)
    if whole is None or whole.name == part.name:
        return None
    ids = [r.id for r in targets]
    parts = facts_of(part.name, ids)
    all_wholes = facts_of(whole.name, ids)
    wholes = prefer_own(targets, all_wholes, whole.name, question)
    rows = []
    lacking = []  # a side without both figures is said to lack them; the others still compare
    for report in targets:
        p = pick(report, parts)
        w = pick(report, wholes)
        if p is None or w is None or p.value_yuan is None or w.value_yuan is None:
            lacking.append(report)
        elif not Decimal(w.value_yuan):
            return None
        elif _within(part, whole) and Decimal(p.value_yuan) > Decimal(w.value_yuan):
            lacking.append(report)  # a part above its whole: one of the figures is not it
        else:
            rows.append((report, p, w))
    if not rows:
        return None
    from assistant.scope import asks_every_report

    rows = rows if asks_every_report(question) else _one_per_body_year(rows)
    have = {(r.identity.county, r.identity.department, r.identity.year) for r, _, _ in rows}
    lacking = [
        r
        for r in lacking
        if (r.identity.county, r.identity.department, r.identity.year) not in have
    ]  # a body's other document of the year (a project's form) need not state the share
    missing = [f"{who(r)}：报告中未找到{part.name}或{whole.name}的数字。" for r in lacking]
    lines = []
    shares = []
    for report, p, w in rows:
        stated = _share_stated(report, p, parts)
        if stated is not None:  # the whole the report divided by, when it states another one
            w = _whole_for(stated, p, w, [f for f in all_wholes if f.report_id == report.id])
        mp = cite(report, p, part)
        mw = cite(report, w, whole)
        computed = _percent(p, w)
        if stated is not None and abs(stated - computed) <= Decimal("0.01"):
            share, how = stated, f"报告写明占{stated}%{mp}（{p.written} ÷ {w.written}{mw}）"
        elif stated is not None:  # the report's share, and the figures that do not give it
            share = stated
            how = (
                f"报告写明占{stated}%{mp}；但按{p.written}{mp} ÷ {w.written}{mw}计算为"
                f"{computed}%，与所写不一致，请核对原文"
            )
        else:
            share = computed
            how = f"计算：{p.written}{mp} ÷ {w.written}{mw} ≈ {computed}%"
        shares.append((share, report))
        lines.append(f"{who(report)}：{part.name}占{whole.name}的{share}%（{how}）")
    if len(rows) < 2:
        return [*lines, *missing]  # one share alone ranks nothing
    ordered = sorted(shares, key=lambda s: s[0], reverse=True)
    (high, top), (low, bottom) = ordered[0], ordered[-1]
    if high == low:
        lead = f"各报告{part.name}占{whole.name}的比重相同，均为{high}%。"
    else:
        lead = f"{part.name}占{whole.name}的比重较高的是{who(top)}：{high}%。"
    if len(rows) != 2 or high == low:
        return [lead, *lines, *missing]
    points = high - low
    calc = f"（计算：{high}% − {low}% = {points}个百分点）"
    gap = f"{who(top)}比{who(bottom)}高{points}个百分点{calc}。"
    return [lead, *lines, gap, *missing]


def _whole_for(
    stated: Decimal, part: FactRecord, chosen: FactRecord, wholes: Sequence[FactRecord]
) -> FactRecord:
    """The report's statement of the whole its stated share was taken of ("基本支出318.57万元，
    占支出决算的58.37%" over a table's 545.82, when a sentence elsewhere says 545.28): the
    chosen one when it gives the share, else another of the same year that does."""
    if abs(_percent(part, chosen) - stated) <= Decimal("0.01"):
        return chosen
    fits = [
        w
        for w in wholes
        if w.year == chosen.year
        and w.qualifier != "预算"
        and w.value_yuan
        and abs(_percent(part, w) - stated) <= Decimal("0.01")
    ]
    return fits[0] if fits else chosen


def _one_per_body_year(
    rows: list[tuple[Report, FactRecord, FactRecord]],
) -> list[tuple[Report, FactRecord, FactRecord]]:
    """One share per body and year: a body's two documents of one year (决算说明 and 自评报告)
    are one side; the one that writes the share itself is kept, else the first."""
    from assistant.scope import side_key

    kept: dict[object, tuple[Report, FactRecord, FactRecord]] = {}
    for row in rows:
        key = side_key(row[0])
        if key not in kept or (
            _stated_share(kept[key][0], kept[key][1]) is None
            and _stated_share(row[0], row[1]) is not None
        ):
            kept[key] = row
    return list(kept.values())


def _share_stated(report: Report, part: FactRecord, parts: Sequence[FactRecord]) -> Decimal | None:
    """The share the report writes after the part's figure, or after another statement of the
    same amount (a table cell's 318.57 restated in a sentence "318.57万元，占…58.37%")."""
    same = [
        f for f in parts if f.report_id == part.report_id and f.year == part.year and agree(f, part)
    ]
    return next((s for f in [part, *same] if (s := _stated_share(report, f)) is not None), None)


def _stated_share(report: Report, fact: FactRecord) -> Decimal | None:
    """The share the report writes right after the part's figure ("…万元，占22.71%")."""
    span = report.text[fact.start : fact.end + 40]
    at = span.find(fact.value_text)
    if at < 0:
        return None
    match = _STATED.match(span[at + len(fact.value_text) :])
    return Decimal(match.group(1)) if match else None


def _metric(name: str) -> Metric | None:
    from assistant.compare import metric_in

    return metric_in(name)


def _within(part: Metric, whole: Metric) -> bool:
    """``part`` is an item of ``whole`` in the catalogue (基本支出, 人员经费 within 支出)."""
    seen = set()
    name = part.parent
    while name and name not in seen:
        if name == whole.name:
            return True
        seen.add(name)
        found = _metric_named(name)
        name = found.parent if found else None
    return False


def _metric_named(name: str | None) -> Metric | None:
    return next((m for m in METRICS if m.name == name), None) if name else None
